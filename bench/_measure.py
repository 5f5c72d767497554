"""Run a command in a child process and measure it: wall time, CPU time and peak memory.

`os.wait4` gives what `/usr/bin/time -f %M` would: the peak resident set size of the child and
of the descendants it waited for (ruff under the generator, node under basedpyright), and their
CPU time. On this shared 2-core machine wall time swings with the load; CPU time (user + sys)
swings much less, so benchmarks print both.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from _util import median

#: Variables that would change what a type checker or interpreter finds; never inherited.
_LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "MYPYPATH", "VIRTUAL_ENV", "PYTHONSTARTUP")


@dataclass(frozen=True)
class Measured:
    """One run of a command."""

    wall: float  #: seconds, from start to reaping
    cpu: float  #: user + sys seconds of the process and its waited-for descendants
    peak_kib: int  #: peak RSS in KiB of the process or its largest waited-for descendant
    returncode: int
    stdout: str
    stderr: str

    def check(self, what: str) -> Measured:
        """Self, or an error naming `what` with the output if the command failed."""
        if self.returncode != 0:
            raise RuntimeError(
                f"{what} exited {self.returncode}:\n{self.stdout[-3000:]}\n{self.stderr[-3000:]}"
            )
        return self


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without search-path variables, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if key not in _LEAKY_ENV}
    env.update(extra or {})
    return env


def run_measured(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 900.0,
) -> Measured:
    """Run `command` to completion (killed after `timeout` seconds) and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=dict(env) if env is not None else clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # a timeout kills the child's whole process group
        )
        timer = threading.Timer(timeout, _kill_group, (process.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_kib=int(usage.ru_maxrss),
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


@dataclass(frozen=True)
class Summary:
    """Medians of several runs of one command."""

    runs: int
    wall: float
    cpu: float
    peak_kib: float
    walls: tuple[float, ...]

    @classmethod
    def of(cls, runs: Iterable[Measured]) -> Summary:
        done = list(runs)
        return cls(
            runs=len(done),
            wall=median([run.wall for run in done]),
            cpu=median([run.cpu for run in done]),
            peak_kib=median([float(run.peak_kib) for run in done]),
            walls=tuple(run.wall for run in done),
        )

    def spread(self) -> str:
        """The range of wall times, to show how noisy the median is."""
        return f"[{min(self.walls):.2f}-{max(self.walls):.2f}]" if self.runs > 1 else ""


def mb(size_bytes: float) -> str:
    """Bytes as decimal megabytes, the unit the anchors use."""
    return f"{size_bytes / 1e6:.2f} MB"


def meets(value: float, limit: float) -> str:
    """How `value` reads against an upper-bound target."""
    return "meets" if value <= limit else "MISSES"
