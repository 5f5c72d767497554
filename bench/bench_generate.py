"""The generator against mypy-boto3-builder: wall time, peak memory and the size of the stubs.

    .venv/bin/python bench/bench_generate.py [--repeat N] [--quick]

1. `python -m codegen --out <fresh tmp dir>` for all services (pools and stubs), in a fresh
   process each run: wall time of the whole process tree, CPU time and peak RSS of the generator
   (the Python process) and of its ruff children (`resource.getrusage(RUSAGE_CHILDREN)`), and
   the stage split the generator prints (load / model / render / format / write).
2. The same for ec2 alone (`--services ec2`).
3. The output: bytes of all `.pyi`, of `ec2.pyi`, whether any `.py` is a copy of a stub, and
   whether the output equals the committed `mangrove/aws` and `mangrove/services`.

mypy-boto3-builder is not run here (it needs Python >= 3.12); its figures are the constants
from /work/shared/ANCHORS.md. Prints medians and ratios; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import re
import resource
import runpy
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _measure import Measured, clean_env, mb, meets, run_measured
from _util import Child, child_main, fmt_kib, heading, median, ratio_line, row

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
STAGES = ("load", "model", "render", "format", "write")

# mypy-boto3-builder 8.12.0 / boto3-stubs, from ANCHORS.md (not measured here).
BUILDER_ALL_WALL_S = 196.0
BUILDER_ALL_PEAK_MB = 685.0
BUILDER_EC2_WALL_S = 13.6
BUILDER_EC2_PEAK_MB = 503.0
BUILDER_PYI_BYTES = 50.9e6
BUILDER_PY_COPY_BYTES = 50.9e6
BUILDER_EC2_PYI_BYTES = 2.40e6

# Targets from the brief.
TARGET_WALL_S = 10.0
TARGET_PEAK_MB = 400.0
TARGET_PYI_BYTES = 15e6
TARGET_EC2_PYI_BYTES = 0.8e6


# -- child: `python -m codegen` in this fresh interpreter, measured from inside ------------------


def child_generate(args: Sequence[str]) -> dict[str, float]:
    """Run `python -m codegen --out OUT [ARGS...]` here; times, CPU and peaks of self/children."""
    sys.path.insert(0, str(ROOT))  # as `python -m codegen` run from the repository would have
    sys.argv = ["codegen", "--out", *args]
    printed = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(printed):
        try:
            runpy.run_module("codegen", run_name="__main__", alter_sys=True)
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                raise
    wall = time.perf_counter() - start
    text = printed.getvalue()
    sys.stderr.write(text)
    summary = re.search(r"(\d+) services, (\d+) files in ([\d.]+)s: (.*)", text)
    if summary is None:
        raise RuntimeError(f"no stage summary in the generator's output:\n{text}")
    stages = {name: float(seconds) for name, seconds in re.findall(r"(\w+) ([\d.]+)s", text)}
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "wall_s": wall,
        "services": float(summary.group(1)),
        "files": float(summary.group(2)),
        "stages_total_s": float(summary.group(3)),
        "self_cpu_s": me.ru_utime + me.ru_stime,
        "self_peak_kib": float(_vm_hwm_kib()),
        "children_cpu_s": children.ru_utime + children.ru_stime,
        "children_peak_kib": float(children.ru_maxrss),
    }
    result.update({f"{stage}_s": stages.get(stage, float("nan")) for stage in STAGES})
    return result


def _vm_hwm_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


CHILDREN: dict[str, Child] = {"generate": child_generate}


# -- parent ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What one generation wrote."""

    pyi_files: int
    pyi_bytes: int
    ec2_pyi_bytes: int
    py_files: int
    py_bytes: int
    stub_copies: int  #: `.py` files whose bytes equal their sibling `.pyi`
    largest: tuple[tuple[str, int], ...]  #: the five largest `.pyi`, name and bytes
    differs_from_repo: int  #: files that differ from (or are missing in) the committed tree


def inspect_output(out: Path) -> Output:
    pyi = sorted(out.rglob("*.pyi"))
    py = sorted(out.rglob("*.py"))
    copies = sum(
        1
        for stub in pyi
        if stub.with_suffix(".py").exists()
        and stub.with_suffix(".py").read_bytes() == stub.read_bytes()
    )
    ec2 = (out / "aws" / "ec2.pyi", out / "shapes" / "ec2.pyi")  # client + shapes
    differing = sum(
        1
        for path in (*pyi, *py)
        if not (ROOT / "mangrove" / path.relative_to(out)).exists()
        or (ROOT / "mangrove" / path.relative_to(out)).read_bytes() != path.read_bytes()
    )
    return Output(
        pyi_files=len(pyi),
        pyi_bytes=sum(path.stat().st_size for path in pyi),
        ec2_pyi_bytes=sum(path.stat().st_size for path in ec2 if path.exists()),
        py_files=len(py),
        py_bytes=sum(path.stat().st_size for path in py),
        stub_copies=copies,
        largest=tuple(
            (f"{path.parent.name}/{path.stem}", path.stat().st_size)
            for path in sorted(pyi, key=lambda path: -path.stat().st_size)[:5]
        ),
        differs_from_repo=differing,
    )


@dataclass(frozen=True)
class Run:
    outer: Measured
    inner: dict[str, float]
    output: Output


def generate_once(extra: Sequence[str]) -> Run:
    out = Path(tempfile.mkdtemp(prefix="mangrove-bench-gen-"))
    try:
        measured = run_measured(
            [sys.executable, SCRIPT, "--child", "generate", out, *extra],
            cwd=ROOT,
            env=clean_env({"PYTHONHASHSEED": "0"}),
        ).check("python -m codegen")
        inner: dict[str, float] = json.loads(measured.stdout.strip().splitlines()[-1])
        return Run(measured, inner, inspect_output(out))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def med(runs: Sequence[Run], key: str) -> float:
    return median([run.inner[key] for run in runs])


def report_generation(
    title: str, runs: Sequence[Run], builder_wall: float, builder_peak_mb: float
) -> None:
    heading(title)
    walls = [run.outer.wall for run in runs]
    wall = median(walls)
    tree_peak = median([float(run.outer.peak_kib) for run in runs])
    self_peak = med(runs, "self_peak_kib")
    ruff_peak = med(runs, "children_peak_kib")
    spread = f"[{min(walls):.2f}-{max(walls):.2f}]" if len(runs) > 1 else ""
    first = runs[0].inner
    row("services / files written", f"{first['services']:.0f} / {first['files']:.0f}")
    row("wall, whole process tree (median)", f"{wall:8.2f} s", f"{spread} over {len(runs)} runs")
    row("  of which in codegen (stages total)", f"{med(runs, 'stages_total_s'):8.2f} s")
    row("CPU user+sys: generator (Python process)", f"{med(runs, 'self_cpu_s'):8.2f} s")
    row("CPU user+sys: ruff children (check + format)", f"{med(runs, 'children_cpu_s'):8.2f} s")
    row("peak RSS: generator (Python process, VmHWM)", fmt_kib(self_peak))
    row("peak RSS: largest ruff child (RUSAGE_CHILDREN)", fmt_kib(ruff_peak))
    row("peak RSS: process tree (wait4, as /usr/bin/time %M)", fmt_kib(tree_peak))
    split = ", ".join(f"{stage} {med(runs, f'{stage}_s'):.2f}s" for stage in STAGES)
    row("stage split (medians)", split)
    row("mypy-boto3-builder (anchor, not run)", f"{builder_wall:8.1f} s, {builder_peak_mb:.0f} MB")
    peak_mb = max(self_peak, ruff_peak) * 1024 / 1e6
    print(ratio_line("wall: mangrove / builder", wall, builder_wall))
    print(ratio_line("peak RSS: mangrove / builder", peak_mb, builder_peak_mb))


def report_output(output: Output) -> None:
    heading("Output of `python -m codegen` (all services)")
    row(
        "all .pyi",
        f"{mb(output.pyi_bytes):>10} in {output.pyi_files} files",
        f"builder {mb(BUILDER_PYI_BYTES)} + {mb(BUILDER_PY_COPY_BYTES)} .py copies",
    )
    print(ratio_line("all .pyi: mangrove / builder", output.pyi_bytes, BUILDER_PYI_BYTES))
    row("  target <= 15 MB", meets(output.pyi_bytes, TARGET_PYI_BYTES))
    row(
        "ec2 stubs (aws/ + shapes/)",
        f"{mb(output.ec2_pyi_bytes):>10}",
        f"builder {mb(BUILDER_EC2_PYI_BYTES)}",
    )
    print(ratio_line("ec2.pyi: mangrove / builder", output.ec2_pyi_bytes, BUILDER_EC2_PYI_BYTES))
    row("  target <= 0.8 MB", meets(output.ec2_pyi_bytes, TARGET_EC2_PYI_BYTES))
    row("largest .pyi", ", ".join(f"{name} {mb(size)}" for name, size in output.largest))
    row(".py copies of stubs (same bytes as the .pyi)", f"{output.stub_copies}")
    row(
        ".py files (runtime pool modules, not copies)",
        f"{mb(output.py_bytes):>10} in {output.py_files} files",
    )
    row("files differing from the committed mangrove/", f"{output.differs_from_repo}")


def main() -> None:
    if child_main(CHILDREN):
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh generations per measure")
    parser.add_argument("--quick", action="store_true", help="one run of each")
    options = parser.parse_args()
    repeat = 1 if options.quick else max(1, options.repeat)
    import botocore

    print(
        f"# bench_generate: python {platform.python_version()}, botocore {botocore.__version__},"
        f" {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; {repeat} run(s) each, medians"
    )
    print(
        "# mypy-boto3-builder is not run here (it needs Python >= 3.12): its figures are"
        " ANCHORS.md constants"
    )
    started = time.perf_counter()
    # Interleaved, so drift in the machine's load hits both alike.
    all_runs: list[Run] = []
    ec2_runs: list[Run] = []
    for _ in range(repeat):
        all_runs.append(generate_once([]))
        ec2_runs.append(generate_once(["--services", "ec2"]))

    report_generation(
        "All services: `python -m codegen --out <tmp>` (pools + stubs)",
        all_runs,
        BUILDER_ALL_WALL_S,
        BUILDER_ALL_PEAK_MB,
    )
    wall = median([run.outer.wall for run in all_runs])
    cpu = median([run.inner["self_cpu_s"] + run.inner["children_cpu_s"] for run in all_runs])
    peak_mb = median(
        [max(r.inner["self_peak_kib"], r.inner["children_peak_kib"]) for r in all_runs]
    )
    row("  target wall <= 10 s", meets(wall, TARGET_WALL_S), f"(CPU total {cpu:.2f} s)")
    row("  target peak <= 400 MB", meets(peak_mb * 1024 / 1e6, TARGET_PEAK_MB))
    report_generation(
        "ec2 only: `python -m codegen --services ec2 --out <tmp>`",
        ec2_runs,
        BUILDER_EC2_WALL_S,
        BUILDER_EC2_PEAK_MB,
    )
    report_output(all_runs[-1].output)
    print(f"\n# done in {time.perf_counter() - started:.0f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
