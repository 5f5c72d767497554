"""What every benchmark shares: medians, fresh-process runs, peak memory and the printed lines.

The machine is shared and noisy, so benchmarks print medians of several repetitions and the
ratio against plain boto3 measured in the same run, and never assert on time. A measurement that
needs a cold interpreter runs in a child process: the bench script re-runs itself as
`python bench/x.py --child NAME [ARGS...]`, and the child prints one JSON object of numbers.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: A child measurement: its arguments in, named numbers out.
Child = Callable[[Sequence[str]], dict[str, float]]

#: Credentials moto accepts and AWS never does; no profile or config file can leak in, and the
#: instance-metadata service is never asked. Creating a client does not touch the network.
FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


def use_fake_aws_env() -> None:
    """Put the fake credentials into this process's environment (for in-process runs)."""
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_DEFAULT_REGION", None)
    os.environ.update(FAKE_AWS_ENV)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def time_calls(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds taken by each of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def peak_rss_kib() -> int:
    """This process's peak resident set size so far (VmHWM), in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource  # not Linux: ru_maxrss is KiB there too on most Unixes

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def current_rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_child(script: str, name: str, *args: str) -> dict[str, float]:
    """Run `script --child name args...` in a fresh interpreter; its JSON result."""
    env = {**os.environ, **FAKE_AWS_ENV, "PYTHONHASHSEED": "0"}
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_DEFAULT_REGION", None)
    done = subprocess.run(
        [sys.executable, script, "--child", name, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(script).resolve().parent.parent,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {name} {args} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_children(
    script: str, variants: Mapping[str, tuple[str, ...]], repeat: int
) -> dict[str, list[dict[str, float]]]:
    """Each variant's child `repeat` times, the variants interleaved so drift hits all alike.

    `variants` maps a label to the child's name and arguments.
    """
    results: dict[str, list[dict[str, float]]] = {label: [] for label in variants}
    for _ in range(repeat):
        for label, (name, *args) in variants.items():
            results[label].append(run_child(script, name, *args))
    return results


def child_main(children: Mapping[str, Child]) -> bool:
    """If this process is a child run, do the measurement, print it and say so."""
    if len(sys.argv) < 3 or sys.argv[1] != "--child":
        return False
    result = children[sys.argv[2]](sys.argv[3:])
    print(json.dumps(result))
    return True


def column(runs: Sequence[Mapping[str, float]], key: str) -> list[float]:
    return [run[key] for run in runs]


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} us"
    return f"{seconds * 1e3:8.1f} ms"


def fmt_kib(kib: float) -> str:
    return f"{kib / 1024:8.1f} MiB"


def ratio_line(label: str, ours: float, theirs: float, target: str = "") -> str:
    """`label: ratio` with the target it is read against, if any."""
    ratio = ours / theirs if theirs else float("nan")
    shown = f"{ratio:7.3f}" if ratio >= 0.001 else f"{ratio:7.1e}"
    suffix = f"   (target {target})" if target else ""
    return f"  {label:<62} ratio {shown}{suffix}"


def heading(text: str) -> None:
    print(f"\n## {text}")


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<62} {value}{'   ' + note if note else ''}")
