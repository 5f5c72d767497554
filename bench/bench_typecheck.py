"""What the stubs cost a user's tools: mangrove against boto3-stubs, side by side in one run.

    .venv/bin/python bench/bench_typecheck.py [--repeat N] [--quick] [--only SECTION ...]

boto3-stubs lives in a throwaway venv outside the repository, created once and reused:
$MANGROVE_BENCH_STUBS_VENV (default /tmp/mangrove-bench-stubs-venv) with
`pip install 'boto3-stubs[ec2,s3]' mypy basedpyright jedi boto3 botocore`, the checkers pinned
to the versions in /work/main/.venv and boto3/botocore to the project's. boto3-stubs is never a
project dependency. mangrove is checked with /work/main/.venv (editable install, as the brief
asks) and, for a like-for-like environment, with a second throwaway venv
$MANGROVE_BENCH_CLEAN_VENV (default /tmp/mangrove-bench-clean-venv): the same pins plus
botocore-stubs and a .pth to this checkout, without the dev extras (moto pulls requests and
cryptography, which botocore-stubs then makes mypy analyse).

Sections (`--only`):
  mypy     a. mypy --strict cold (fresh --cache-dir each run) on an equivalent 16-line EC2+S3
              script: boto3-stubs, mangrove per-service import, mangrove seed import
              (`mangrove.services`), and a trivial file as the floor; wall, CPU, peak RSS.
           b. mypy warm: a second run with the same cache dir.
  pyright  c. basedpyright (standard mode, like pyright's default) on the same scripts.
  jedi     d. jedi completions in a fresh process with an empty parso cache (cold), again in the
              same process (warm), and in a fresh process with the parso cache on disk.
  errors   e. basedpyright and mypy errors on r["Reservations"][0]["Instances"][0]["InstanceId"].
  index    f. the seed import's index, shipped and alternatives (pools declared in the index with
              untyped operations; a module __getattr__), each installed in a scratch venv: mypy
              cold time, and how many of three misspellings (region, method, key) it reports.
  profile  where mangrove's cold mypy time goes: an import ladder with mypy's build stats, and
           per-package module counts and times (mypy --timing-stats).

Prints medians and ratios; asserts nothing about time. No AWS call is made: nothing is run,
only type-checked or completed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _measure import Measured, Summary, clean_env, mb, meets, run_measured
from _util import fmt_kib, heading, median, ratio_line, row

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
STAMP = ".mangrove-bench-stamp"
SECTIONS = ("mypy", "pyright", "jedi", "errors", "index", "profile")
#: Short names of the mangrove variants, for the ratio lines.
SHORT = {
    "per": "per-service (.venv)",
    "per-clean": "per-service (clean venv)",
    "seed": "seed import (.venv)",
}

# From ANCHORS.md (boto3-stubs, measured on a machine like this one).
ANCHOR_MYPY_COLD_S = 3.5
ANCHOR_MYPY_COLD_MB = 226
ANCHOR_MYPY_TRIVIAL_S = 0.88
ANCHOR_MYPY_WARM_S = 0.22
ANCHOR_MYPY_ALL_S = 30.0
ANCHOR_MYPY_ALL_MB = 1200.0
ANCHOR_PYRIGHT_S = 2.6
ANCHOR_JEDI_METHOD_S = 3.4
ANCHOR_JEDI_KEY_S = 11.4

# Targets from the brief.
TARGET_PER_SERVICE_RATIO = 0.45
TARGET_SEED_S = 2.0
TARGET_PYRIGHT_RATIO = 0.5
TARGET_JEDI_S = 1.0


# -- the environments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Venv:
    label: str
    path: Path
    problem: str = ""  #: why it cannot be used, if it cannot

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    @property
    def basedpyright(self) -> Path:
        return self.path / "bin" / "basedpyright"

    @property
    def ok(self) -> bool:
        return not self.problem


DEV = Venv(".venv", ROOT / ".venv")


def project_versions() -> dict[str, str]:
    """Versions in the project venv, read by its own python."""
    names = ["mypy", "basedpyright", "jedi", "boto3", "botocore", "botocore-stubs"]
    names.append("typing_extensions")
    code = (
        "import importlib.metadata as m, json, sys;"
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    done = subprocess.run(
        [str(DEV.python), "-c", code, *names], capture_output=True, text=True, check=True
    )
    versions: dict[str, str] = json.loads(done.stdout)
    return versions


def site_packages(python: Path) -> Path:
    """The purelib directory of the venv `python` belongs to."""
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def ensure_venv(label: str, path: Path, requirements: list[str], pth: Path | None) -> Venv:
    """A venv at `path` with `requirements` (and a .pth to `pth`): reused if its stamp matches."""
    stamp = json.dumps({"requirements": requirements, "pth": str(pth)}, sort_keys=True)
    stamp_file = path / STAMP
    venv = Venv(label, path)
    if stamp_file.exists() and stamp_file.read_text() == stamp and venv.python.exists():
        return venv
    if path.exists():
        if not stamp_file.exists():
            problem = f"{path} exists but was not made by this bench: remove it or set another path"
            return Venv(label, path, problem)
        shutil.rmtree(path)
    print(f"# creating {path} (once): pip install {' '.join(requirements)}", flush=True)
    made = run_measured([sys.executable, "-m", "venv", path])
    if made.returncode == 0:
        stamp_file.write_text("incomplete")  # ours: a later run may remove and rebuild it
        pip: list[str | Path] = [venv.python, "-m", "pip", "install", "--quiet"]
        made = run_measured([*pip, "--disable-pip-version-check", *requirements])
    if made.returncode != 0:
        tail = (made.stderr or made.stdout).strip().splitlines()[-3:]
        return Venv(label, path, "venv or pip install failed: " + " | ".join(tail))
    if pth is not None:
        (site_packages(venv.python) / "mangrove-bench.pth").write_text(f"{pth}\n")
    stamp_file.write_text(stamp)
    return venv


def make_venvs(versions: dict[str, str]) -> tuple[Venv, Venv]:
    pins = [
        f"mypy=={versions['mypy']}",
        f"basedpyright=={versions['basedpyright']}",
        f"jedi=={versions['jedi']}",
        f"boto3=={versions['boto3']}",
        f"botocore=={versions['botocore']}",
    ]
    stubs_path = Path(os.environ.get("MANGROVE_BENCH_STUBS_VENV", "/tmp/mangrove-bench-stubs-venv"))
    clean_path = Path(os.environ.get("MANGROVE_BENCH_CLEAN_VENV", "/tmp/mangrove-bench-clean-venv"))
    for path in (stubs_path, clean_path):
        if path.resolve().is_relative_to(ROOT):
            raise SystemExit(f"{path}: the throwaway venvs must live outside the repository")
    stubs = ensure_venv("boto3-stubs venv", stubs_path, ["boto3-stubs[ec2,s3]", *pins], None)
    clean_pins = [
        f"botocore-stubs=={versions['botocore-stubs']}",
        f"typing_extensions=={versions['typing_extensions']}",
    ]
    clean = ensure_venv("clean venv", clean_path, [*pins, *clean_pins], ROOT)
    return stubs, clean


def installed(venv: Venv, names: Sequence[str]) -> str:
    code = (
        "import importlib.metadata as m, sys\n"
        "for n in sys.argv[1:]:\n"
        "    try: print(f'{n} {m.version(n)}', end='; ')\n"
        "    except m.PackageNotFoundError: pass\n"
    )
    return run_measured([venv.python, "-c", code, *names]).stdout.strip()


# -- the scripts ----------------------------------------------------------------------------------

BOTO3_CLIENTS = (
    "import boto3\n"
    "\n"
    'ec2 = boto3.client("ec2", region_name="us-east-1")\n'
    's3 = boto3.client("s3", region_name="us-east-1")\n'
)
PER_SERVICE_CLIENTS = (
    "from mangrove.aws.ec2 import Ec2Pool\n"
    "from mangrove.aws.s3 import S3Pool\n"
    'ec2 = Ec2Pool(["us-east-1"]).us_east_1\n'
    's3 = S3Pool(["us-east-1"]).us_east_1\n'
)
SEED_CLIENTS = (
    "from mangrove.services import Ec2Pool, S3Pool\n"
    "\n"
    'ec2 = Ec2Pool(["us-east-1"]).us_east_1\n'
    's3 = S3Pool(["us-east-1"]).us_east_1\n'
)
#: The same 12 lines after each header: 16 lines in all, clean under mypy --strict and pyright.
BODY = """\
reply = ec2.describe_instances(
    Filters=[{"Name": "instance-state-name", "Values": ["running"]}], MaxResults=100
)
for reservation in reply.get("Reservations", []):
    for instance in reservation.get("Instances", []):
        print(instance.get("InstanceId"), instance.get("InstanceType"))
sizes = [volume.get("Size", 0) for volume in ec2.describe_volumes().get("Volumes", [])]
for bucket in s3.list_buckets().get("Buckets", []):
    print(bucket.get("Name"), bucket.get("CreationDate"))
s3.put_object(Bucket="example", Key="sizes.txt", Body=str(sum(sizes)).encode())
print(len(sizes))
waiter = ec2.get_waiter("instance_running")
"""
KEYS_LINE = 'instance_id: str = r["Reservations"][0]["Instances"][0]["InstanceId"]\n'
KEYS_BOTO3 = (
    'import boto3\n\nec2 = boto3.client("ec2", region_name="us-east-1")\n'
    f"r = ec2.describe_instances()\n{KEYS_LINE}print(instance_id)\n"
)
KEYS_MANGROVE = (
    'from mangrove.aws.ec2 import Ec2Pool\n\nec2 = Ec2Pool(["us-east-1"]).us_east_1\n'
    f"r = ec2.describe_instances()\n{KEYS_LINE}print(instance_id)\n"
)
SCRIPTS = {
    "stubs": BOTO3_CLIENTS + BODY,
    "per": PER_SERVICE_CLIENTS + BODY,
    "seed": SEED_CLIENTS + BODY,
    "trivial": "x: int = 1\n",
    "keys_stubs": KEYS_BOTO3,
    "keys_mangrove": KEYS_MANGROVE,
}
#: pyright's default mode; basedpyright's own default adds many rules pyright does not have.
PYRIGHT_CONFIG = {"typeCheckingMode": "standard"}


class Workspace:
    """A scratch directory holding the scripts; the checkers run with it as their cwd."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="mangrove-bench-tc-"))
        (self.root / "pyrightconfig.json").write_text(json.dumps(PYRIGHT_CONFIG))
        for name, text in SCRIPTS.items():
            self.script(name, text)
        (self.root / "jedi_probe.py").write_text(JEDI_PROBE)

    def script(self, name: str, text: str) -> Path:
        """Write `bench_script_<name>.py` (a name no module in any venv has)."""
        path = self.root / f"bench_script_{name}.py"
        path.write_text(text)
        return path

    def cache_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="cache-", dir=self.root))

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def mypy(venv: Venv, ws: Workspace, script: Path, cache: Path, *extra: str) -> Measured:
    command: list[str | Path] = [
        venv.python,
        "-m",
        "mypy",
        "--strict",
        "--cache-dir",
        cache,
        *extra,
        script.name,
    ]
    return run_measured(command, cwd=ws.root, env=clean_env())


def basedpyright(venv: Venv, ws: Workspace, script: Path, *extra: str) -> Measured:
    command: list[str | Path] = [
        venv.basedpyright,
        "--pythonpath",
        venv.python,
        *extra,
        script.name,
    ]
    return run_measured(command, cwd=ws.root, env=clean_env())


# -- a. and b.: mypy cold and warm --------------------------------------------------------------


@dataclass
class Variant:
    key: str
    label: str
    venv: Venv
    script: str
    repeat: int
    cold: list[Measured] = field(default_factory=list)
    warm: list[Measured] = field(default_factory=list)


def interleave(variants: Sequence[Variant], step: Callable[[Variant], None]) -> None:
    """`step` for each variant, round-robin, each until it has had its `repeat` runs."""
    for round_ in range(max(variant.repeat for variant in variants)):
        for variant in variants:
            if round_ < variant.repeat and variant.venv.ok:
                step(variant)


def warn_failure(variant: Variant, run: Measured, tool: str) -> None:
    if run.returncode != 0:
        output = (run.stdout + run.stderr).strip().splitlines()
        print(f"  ! {tool} exited {run.returncode} on {variant.label}: {' | '.join(output[-4:])}")


def bench_mypy(ws: Workspace, stubs: Venv, clean: Venv, repeat: int, seed_repeat: int) -> None:
    variants = [
        Variant("stubs", "boto3-stubs[ec2,s3]", stubs, "stubs", repeat),
        Variant("per", "mangrove per-service import (.venv)", DEV, "per", repeat),
        Variant("per-clean", "mangrove per-service import (clean venv)", clean, "per", repeat),
        Variant(
            "seed", "mangrove seed import, mangrove.services (.venv)", DEV, "seed", seed_repeat
        ),
        Variant("trivial-stubs", "trivial file (boto3-stubs venv)", stubs, "trivial", repeat),
        Variant("trivial", "trivial file (.venv)", DEV, "trivial", repeat),
    ]

    def step(variant: Variant) -> None:
        script = ws.root / f"bench_script_{variant.script}.py"
        cache = ws.cache_dir()
        variant.cold.append(mypy(variant.venv, ws, script, cache))
        variant.warm.append(mypy(variant.venv, ws, script, cache))
        if len(variant.cold) == 1:
            warn_failure(variant, variant.cold[0], "mypy")
        shutil.rmtree(cache, ignore_errors=True)

    interleave(variants, step)
    by_key = {variant.key: variant for variant in variants if variant.cold}

    heading("a. mypy --strict, cold (fresh --cache-dir), 16-line EC2+S3 script")
    print(f"  {'':<48} {'wall':>8} {'spread':>13} {'CPU':>8} {'peak RSS':>12}  runs")
    for variant in variants:
        if not variant.venv.ok:
            row(variant.label, f"skipped: {variant.venv.problem}")
            continue
        s = Summary.of(variant.cold)
        print(
            f"  {variant.label:<48} {s.wall:7.2f}s {s.spread():>13} {s.cpu:7.2f}s"
            f" {fmt_kib(s.peak_kib)}  {s.runs}"
        )
    row(
        "anchor, boto3-stubs (ANCHORS.md)",
        f"{ANCHOR_MYPY_COLD_S} s, {ANCHOR_MYPY_COLD_MB} MB; trivial {ANCHOR_MYPY_TRIVIAL_S} s",
    )
    if "stubs" in by_key:
        base = Summary.of(by_key["stubs"].cold)
        floor = Summary.of(by_key["trivial-stubs"].cold)
        for key, target in (("per", "<= 0.45"), ("per-clean", "<= 0.45"), ("seed", "")):
            if key not in by_key:
                continue
            ours = Summary.of(by_key[key].cold)
            name = SHORT[key]
            print(ratio_line(f"wall: {name} / boto3-stubs", ours.wall, base.wall, target))
            print(ratio_line(f"CPU:  {name} / boto3-stubs", ours.cpu, base.cpu, target))
            print(ratio_line(f"RSS:  {name} / boto3-stubs", ours.peak_kib, base.peak_kib))
            if key != "seed":
                above = ours.cpu - Summary.of(by_key["trivial"].cold).cpu
                print(ratio_line("  CPU above the trivial floor", above, base.cpu - floor.cpu))
    if "seed" in by_key:
        seed = Summary.of(by_key["seed"].cold)
        row("seed import target <= 2 s", f"{meets(seed.wall, TARGET_SEED_S)} ({seed.wall:.2f} s)")
        row(
            "anchor: boto3-stubs with all 444 services loaded",
            f"about {ANCHOR_MYPY_ALL_S:.0f} s, {ANCHOR_MYPY_ALL_MB / 1000:.1f} GB",
        )
        print(ratio_line("wall: seed import (.venv) / that anchor", seed.wall, ANCHOR_MYPY_ALL_S))
        seed_mb = seed.peak_kib * 1024 / 1e6
        print(ratio_line("RSS:  seed import (.venv) / that anchor", seed_mb, ANCHOR_MYPY_ALL_MB))
    if "per" in by_key and "stubs" in by_key:
        per = Summary.of(by_key["per"].cold).cpu / Summary.of(by_key["stubs"].cold).cpu
        row("per-service target <= 0.45x (CPU, .venv)", f"{meets(per, TARGET_PER_SERVICE_RATIO)}")

    heading("b. mypy --strict, warm (second run, same cache dir)")
    for variant in variants:
        if variant.warm:
            s = Summary.of(variant.warm)
            print(
                f"  {variant.label:<48} {s.wall:7.2f}s {s.spread():>13} {s.cpu:7.2f}s"
                f" {fmt_kib(s.peak_kib)}  {s.runs}"
            )
    row("anchor, boto3-stubs warm (ANCHORS.md)", f"{ANCHOR_MYPY_WARM_S} s")
    if "stubs" in by_key:
        base = Summary.of(by_key["stubs"].warm)
        for key in ("per", "per-clean", "seed"):
            if key in by_key:
                ours = Summary.of(by_key[key].warm)
                name = SHORT[key]
                print(ratio_line(f"wall: {name} / boto3-stubs", ours.wall, base.wall))


# -- c. basedpyright ------------------------------------------------------------------------------


def bench_pyright(ws: Workspace, stubs: Venv, clean: Venv, repeat: int, seed_repeat: int) -> None:
    variants = [
        Variant("stubs", "boto3-stubs[ec2,s3]", stubs, "stubs", repeat),
        Variant("per", "mangrove per-service import (.venv)", DEV, "per", repeat),
        Variant("per-clean", "mangrove per-service import (clean venv)", clean, "per", repeat),
        Variant("seed", "mangrove seed import (.venv)", DEV, "seed", seed_repeat),
        Variant("trivial", "trivial file (.venv)", DEV, "trivial", repeat),
    ]

    def step(variant: Variant) -> None:
        script = ws.root / f"bench_script_{variant.script}.py"
        variant.cold.append(basedpyright(variant.venv, ws, script))
        if len(variant.cold) == 1:
            warn_failure(variant, variant.cold[0], "basedpyright")

    interleave(variants, step)
    version = installed(DEV, ["basedpyright"])
    heading(f"c. basedpyright ({version.rstrip('; ')}, standard mode), same scripts")
    print(f"  {'':<48} {'wall':>8} {'spread':>13} {'CPU':>8} {'peak RSS':>12}  runs")
    by_key = {variant.key: variant for variant in variants if variant.cold}
    for variant in variants:
        if not variant.cold:
            row(variant.label, f"skipped: {variant.venv.problem}")
            continue
        s = Summary.of(variant.cold)
        print(
            f"  {variant.label:<48} {s.wall:7.2f}s {s.spread():>13} {s.cpu:7.2f}s"
            f" {fmt_kib(s.peak_kib)}  {s.runs}"
        )
    row("anchor, boto3-stubs (ANCHORS.md)", f"pyright 2.5 s, basedpyright {ANCHOR_PYRIGHT_S} s")
    if "stubs" in by_key:
        base = Summary.of(by_key["stubs"].cold)
        for key in ("per", "per-clean", "seed"):
            if key in by_key:
                ours = Summary.of(by_key[key].cold)
                name = SHORT[key]
                target = "<= 0.5" if key != "seed" else ""
                print(ratio_line(f"wall: {name} / boto3-stubs", ours.wall, base.wall, target))
                print(ratio_line(f"CPU:  {name} / boto3-stubs", ours.cpu, base.cpu, target))


# -- d. jedi --------------------------------------------------------------------------------------

#: Runs inside the venv under test: one completion cold, the same again warm, and which files
#: parso parsed for how long. Prints one JSON object.
JEDI_PROBE = """\
import json, sys, time
start = time.perf_counter()
import jedi
from parso.grammar import Grammar
imported = time.perf_counter()
parses = []
_parse = Grammar.parse
def parse(self, code=None, **kw):
    t = time.process_time()
    tree = _parse(self, code, **kw)
    io = kw.get("file_io")
    path = getattr(io, "path", None) or kw.get("path") or "<source>"
    parses.append((time.process_time() - t, str(path)))
    return tree
Grammar.parse = parse
job = json.loads(sys.argv[1])
code = job["code"]
lines = code.splitlines()
def complete():
    script = jedi.Script(code, path=job["path"])
    return [c.name_with_symbols for c in script.complete(len(lines), len(lines[-1]))]
t0, c0 = time.perf_counter(), time.process_time()
names = complete()
t1, c1 = time.perf_counter(), time.process_time()
again = complete()
t2 = time.perf_counter()
parses.sort(reverse=True)
print(json.dumps({
    "import_s": imported - start, "cold_s": t1 - t0, "cold_cpu_s": c1 - c0, "warm_s": t2 - t1,
    "n": len(names),
    "found": job["expect"] in names, "names": names[:6], "parse_s": sum(p[0] for p in parses),
    "parse_files": len(parses), "top": parses[:int(job.get("top", 4))],
}))
"""


@dataclass
class JediCase:
    label: str
    venv: Venv
    header: str
    completion: str
    expect: str
    repeat: int
    cold: list[dict[str, object]] = field(default_factory=list)
    cold_wall: list[float] = field(default_factory=list)
    disk_warm: list[dict[str, object]] = field(default_factory=list)


def jedi_run(ws: Workspace, case: JediCase, cache_home: Path) -> tuple[dict[str, object], float]:
    job = {
        "code": case.header + case.completion,
        "expect": case.expect,
        "path": str(ws.root / "bench_jedi_target.py"),
    }
    env = clean_env({"XDG_CACHE_HOME": str(cache_home)})
    command: list[str | Path] = [case.venv.python, ws.root / "jedi_probe.py", json.dumps(job)]
    done = run_measured(command, cwd=ws.root, env=env).check(f"jedi probe {case.label}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result, done.wall


def number(result: dict[str, object], key: str) -> float:
    value = result[key]
    assert isinstance(value, (int, float)), (key, value)
    return float(value)


def bench_jedi(ws: Workspace, stubs: Venv, repeat: int) -> None:
    annotated = (
        "import boto3\nfrom mypy_boto3_ec2 import EC2Client\n\n"
        'client: EC2Client = boto3.client("ec2", region_name="us-east-1")\n'
    )
    plain = 'import boto3\n\nclient = boto3.client("ec2", region_name="us-east-1")\n'
    per = 'from mangrove.aws.ec2 import Ec2Pool\n\nclient = Ec2Pool(["us-east-1"]).us_east_1\n'
    seed = 'from mangrove.services import Ec2Pool\n\nclient = Ec2Pool(["us-east-1"]).us_east_1\n'
    method, key, keyword = (
        "client.describe_inst",
        'r = client.describe_instances()\nr["',
        "client.describe_instances(Fil",
    )
    s_label, p_label = "boto3-stubs, client: EC2Client", "mangrove per-service (.venv)"
    groups: list[tuple[str, list[JediCase]]] = [
        (
            "`client.describe_inst` (anchor boto3-stubs 3.4 s cold, 0.12 s warm)",
            [
                JediCase(s_label, stubs, annotated, method, "describe_instances", repeat),
                JediCase("boto3-stubs, unannotated boto3.client()", stubs, plain, method, "", 1),
                JediCase(p_label, DEV, per, method, "describe_instances", repeat),
                JediCase("mangrove seed import (.venv)", DEV, seed, method, "", repeat),
                JediCase("floor: `''.upp` (typeshed only, .venv)", DEV, "", "''.upp", "upper", 1),
            ],
        ),
        (
            '`r["` response keys (anchor boto3-stubs 11.4 s cold)',
            [
                JediCase(s_label, stubs, annotated, key, '"Reservations"', repeat),
                JediCase(p_label, DEV, per, key, '"Reservations"', repeat),
            ],
        ),
        (
            "`describe_instances(Fil` keywords (anchor boto3-stubs: nothing, **kwargs: Unpack)",
            [
                JediCase(s_label, stubs, annotated, keyword, "Filters=", repeat),
                JediCase(p_label, DEV, per, keyword, "Filters=", repeat),
            ],
        ),
    ]
    cases = [case for _, group in groups for case in group]
    for case in cases:
        case.expect = case.expect or "describe_instances"
    for round_ in range(max(case.repeat for case in cases)):
        for case in cases:
            if round_ >= case.repeat or not case.venv.ok:
                continue
            cache_home = Path(tempfile.mkdtemp(prefix="xdg-", dir=ws.root))
            result, wall = jedi_run(ws, case, cache_home)
            case.cold.append(result)
            case.cold_wall.append(wall)
            case.disk_warm.append(jedi_run(ws, case, cache_home)[0])
            shutil.rmtree(cache_home, ignore_errors=True)

    heading(f"d. jedi ({installed(DEV, ['jedi']).rstrip('; ')}) completion, fresh process each")
    print(
        f"  {'':<44} {'cold':>7} {'cold':>7} {'process':>8} {'warm':>7} {'disk':>7} {'parse':>7}"
        "  offered   expected?"
    )
    print(f"  {'':<44} {'':>7} {'CPU':>7} {'wall':>8} {'':>7} {'cache':>7} {'CPU':>7}  (n names)")
    for title, group in groups:
        print(f"  {title}")
        base: float | None = None
        base_cpu = 0.0
        for case in group:
            if not case.cold:
                row(f"  {case.label}", f"skipped: {case.venv.problem}")
                continue
            cold = median([number(r, "cold_s") for r in case.cold])
            cpu = median([number(r, "cold_cpu_s") for r in case.cold])
            wall = median(case.cold_wall)
            warm = median([number(r, "warm_s") for r in case.cold])
            disk = median([number(r, "cold_s") for r in case.disk_warm])
            parse = median([number(r, "parse_s") for r in case.cold])
            n = int(number(case.cold[-1], "n"))
            found = "yes" if case.cold[-1]["found"] else "NO"
            print(
                f"    {case.label:<42} {cold:6.2f}s {cpu:6.2f}s {wall:7.2f}s {warm:6.2f}s"
                f" {disk:6.2f}s"
                f" {parse:6.2f}s  {n:>7}   {found}"
            )
            if case.label.startswith("boto3-stubs, client"):
                base, base_cpu = cold, cpu
            elif base is not None and "mangrove" in case.label:
                print(ratio_line(f"      cold wall: {case.label} / boto3-stubs", cold, base))
                print(ratio_line(f"      cold CPU:  {case.label} / boto3-stubs", cpu, base_cpu))
        for case in group:
            if "mangrove per-service" in case.label and case.cold:
                cold = median([number(r, "cold_s") for r in case.cold])
                row("      mangrove cold target <= 1 s", meets(cold, TARGET_JEDI_S))
    print("  cold: completion in a fresh process with an empty parso cache (jedi import excluded),")
    print("  wall and CPU (process_time: steadier on a loaded machine); parse: parso's share;")
    print("  process wall: the whole probe process; warm: the same completion again in-process;")
    print("  disk cache: a fresh process reusing the parso cache the cold run wrote.")
    heading("d'. where jedi's cold time goes: the files parso parsed longest (last cold run)")
    for case in cases:
        if case.cold:
            last = case.cold[-1]
            top = last["top"]
            assert isinstance(top, list)
            print(
                f"  {case.label} / {case.completion.splitlines()[-1]!r}: parse CPU"
                f" {number(last, 'parse_s'):.2f}s of {number(last, 'cold_s'):.2f}s over"
                f" {int(number(last, 'parse_files'))} files"
            )
            for seconds, path in top[:2]:
                print(f"      {seconds:6.2f}s  {_short(str(path))}")


def _short(path: str) -> str:
    for marker in ("site-packages/", "/work/main/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


# -- e. errors on nested response keys ----------------------------------------------------------


def bench_errors(ws: Workspace, stubs: Venv, clean: Venv) -> None:
    heading(f"e. errors on `{KEYS_LINE.strip()}`")
    cases = [
        ("boto3-stubs", stubs, "keys_stubs"),
        ("mangrove (.venv)", DEV, "keys_mangrove"),
        ("mangrove (clean venv)", clean, "keys_mangrove"),
    ]
    for label, venv, name in cases:
        if not venv.ok:
            row(label, f"skipped: {venv.problem}")
            continue
        script = ws.root / f"bench_script_{name}.py"
        done = basedpyright(venv, ws, script, "--outputjson")
        report = json.loads(done.stdout)
        diagnostics = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
        rules = sorted({str(d.get("rule", "?")) for d in diagnostics})
        cache = ws.cache_dir()
        checked = mypy(venv, ws, script, cache)
        mypy_errors = len(re.findall(r": error:", checked.stdout))
        row(
            f"{label}",
            f"basedpyright {len(diagnostics)} errors, mypy --strict {mypy_errors} errors",
            f"{', '.join(rules)}" if rules else "",
        )
    row("anchor (ANCHORS.md)", "pyright: 2 errors for boto3-stubs (NotRequired keys)")


# -- index: the seed import's design, and its alternatives -------------------------------------

#: A region, a method and a response key misspelled: what the seed import should catch.
TYPOS = (
    "from mangrove.services import Ec2Pool\n"
    "\n"
    'pool = Ec2Pool(["us-east-1"])\n'
    "print(pool.us_est_1)\n"
    "pool.us_east_1.describe_instance()\n"
    'print(pool.us_east_1.describe_instances()["Reservation"])\n'
)
INDEX_HEADER = (
    "from typing import Any\n\n"
    "from botocore.client import BaseClient\n\n"
    "from mangrove.pool import ServicePool\n"
)


def index_pools_only() -> str:
    """Every pool declared in the index itself: regions typed, the client's operations Any."""
    from mangrove.pool import RegionClient
    from mangrove.services import SERVICES, pool_class

    lines = [
        INDEX_HEADER,
        "class AnyClient(BaseClient):\n    def __getattr__(self, name: str) -> Any: ...\n",
    ]
    for service, (_, class_name) in sorted(SERVICES.items()):
        pool = pool_class(service)
        regions = [name for name, value in vars(pool).items() if isinstance(value, RegionClient)]
        body = "".join(f"    {region}: AnyClient\n" for region in regions) or "    pass\n"
        lines.append(f"class {class_name}(ServicePool[AnyClient]):\n{body}")
    return "\n".join(lines)


def index_getattr() -> str:
    """No pool declared: a module `__getattr__` makes every imported name Any."""
    return INDEX_HEADER + "\ndef __getattr__(name: str) -> Any: ...\n"


#: (short name, label, script, how to write the index stub; None keeps the shipped one).
INDEX_DESIGNS: list[tuple[str, str, str, Callable[[], str] | None]] = [
    ("shipped", "shipped: every typed pool re-exported", "seed", None),
    ("pools", "pools declared in the index, operations Any", "seed", index_pools_only),
    ("getattr", "module __getattr__: every pool is Any", "seed", index_getattr),
    ("per-service", "per-service import, for reference", "per", None),
]


def installed_overlay(root: Path, index: str | None, clean: Venv) -> Path:
    """A copy of the package, `index` as its `mangrove.services` stub, installed in a venv.

    The venv (no pip) sees the clean venv's packages and the copy through `.pth` files, so mypy
    treats the copy as installed, as it does the real package: it skips function bodies.
    Returns the venv's python.
    """
    package = root / "src" / "mangrove"
    shutil.copytree(ROOT / "mangrove", package, ignore=shutil.ignore_patterns("__pycache__"))
    if index is not None:
        (package / "services" / "__init__.pyi").write_text(index)
    venv = root / "venv"
    run_measured([sys.executable, "-m", "venv", "--without-pip", venv]).check("venv")
    python = venv / "bin" / "python"
    clean_purelib = site_packages(clean.python)
    (site_packages(python) / "a-overlay.pth").write_text(f"{root / 'src'}\n")
    (site_packages(python) / "b-deps.pth").write_text(f"{clean_purelib}\n")
    return python


def bench_index(ws: Workspace, clean: Venv, repeat: int) -> None:
    heading("f. the seed import: the shipped index and its alternatives (mypy --strict cold)")
    if not clean.ok:
        row("skipped", clean.problem)
        return
    print("  Each design installed like the real package, in the clean venv's environment.")
    print(f"  {'':<48} {'wall':>8} {'peak RSS':>12}  errors: 16-line script / 3 typos")
    typos = ws.script("typos", TYPOS)
    walls: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mangrove-bench-index-") as scratch:
        for n, (short, label, script, make_index) in enumerate(INDEX_DESIGNS):
            python = installed_overlay(Path(scratch) / str(n), make_index and make_index(), clean)
            options = ("--python-executable", str(python))
            body = ws.root / f"bench_script_{script}.py"
            runs = [mypy(DEV, ws, body, ws.cache_dir(), *options) for _ in range(repeat)]
            caught = mypy(DEV, ws, typos, ws.cache_dir(), *options)
            s = Summary.of(runs)
            walls[short] = s.wall
            found = [len(re.findall(r": error:", run.stdout)) for run in (runs[0], caught)]
            print(f"  {label:<48} {s.wall:7.2f}s {fmt_kib(s.peak_kib)}  {found[0]} / {found[1]}")
    shipped, *others = walls
    for short in others:
        print(ratio_line(f"wall: {short} / {shipped}", walls[short], walls[shipped]))


# -- profile: where mangrove's cold mypy time goes ------------------------------------------------


def _ladder(steps: Sequence[tuple[str, str]], script: tuple[str, str]) -> list[tuple[str, str]]:
    """Cumulative steps: each imports what the ones above it did, plus its own line."""
    ladder = [("trivial file", "x: int = 1\n")]
    lines = ""
    for label, line in steps:
        lines += line + "\n"
        ladder.append((label, lines))
    return [*ladder, script]


LADDERS: dict[str, list[tuple[str, str]]] = {
    "mangrove": _ladder(
        [
            ("import urllib3 (botocore-stubs imports it)", "import urllib3"),
            ("+ import botocore.client (botocore-stubs)", "import botocore.client"),
            ("+ import mangrove (package: pool, fanout, ...)", "import mangrove"),
            ("+ import mangrove.aws.s3", "import mangrove.aws.s3"),
            ("+ import mangrove.aws.ec2", "import mangrove.aws.ec2"),
        ],
        ("the per-service script", PER_SERVICE_CLIENTS + BODY),
    ),
    "boto3-stubs": _ladder(
        [
            ("import urllib3 (botocore-stubs imports it)", "import urllib3"),
            ("+ import botocore.client (botocore-stubs)", "import botocore.client"),
            ("+ import mypy_boto3_s3 (pulls boto3-stubs: all)", "import mypy_boto3_s3"),
            ("+ import mypy_boto3_ec2", "import mypy_boto3_ec2"),
            ("+ import boto3", "import boto3"),
        ],
        ("the boto3-stubs script", BOTO3_CLIENTS + BODY),
    ),
}
STAT_KEYS = ("graph_size", "parse_time", "semanal_time", "type_check_time_interface")


def mypy_stats(text: str) -> dict[str, float]:
    stats = {k: float(v) for k, v in re.findall(r"^(\w+):\s*([\d.]+)$", text, flags=re.M)}
    stats["type_check_time_interface"] = stats.get("type_check_time_interface", 0.0) + stats.get(
        "type_check_time_implementation", 0.0
    )
    return stats


def timing_by_package(path: Path) -> dict[str, tuple[int, float]]:
    """mypy --timing-stats grouped by top-level package (generated modules kept apart)."""
    groups: dict[str, tuple[int, float]] = {}
    for line in path.read_text().splitlines():
        module, micros = line.rsplit(" ", 1)
        parts = module.split(".")
        generated = parts[:2] in (["mangrove", "aws"], ["mangrove", "shapes"])
        group = ".".join(parts[:3]) if generated else parts[0]
        if group.startswith("bench_script_"):
            group = "<the script>"
        count, total = groups.get(group, (0, 0.0))
        groups[group] = (count + 1, total + int(micros) / 1e6)
    return groups


def bench_profile(ws: Workspace, stubs: Venv, clean: Venv, repeat: int) -> None:
    heading("profile: mypy --strict cold, an import ladder (mypy --dump-build-stats), medians")
    print("  parse / semanal (semantic analysis) / check (type checking): mypy's own stats, which")
    print("  are wall clock (inflated when the machine is busy); CPU and +CPU come from wait4.")
    print("  modules = mypy's build graph; each step includes the one above it.")
    ladders = [
        ("mangrove (clean venv)", clean, LADDERS["mangrove"]),
        ("mangrove (.venv)", DEV, LADDERS["mangrove"]),
        ("boto3-stubs", stubs, LADDERS["boto3-stubs"]),
    ]
    for title, venv, steps in ladders:
        if not venv.ok:
            row(title, f"skipped: {venv.problem}")
            continue
        print(
            f"\n  {title:<48} {'wall':>7} {'CPU':>7} {'+CPU':>7} {'RSS MiB':>8}"
            f" {'modules':>7} {'parse':>6} {'semanal':>7} {'check':>6}"
        )
        runs: dict[int, list[tuple[Measured, dict[str, float]]]] = {
            i: [] for i in range(len(steps))
        }
        for _ in range(repeat):
            for index, (_, text) in enumerate(steps):
                script = ws.script(f"ladder_{index}", text)
                cache = ws.cache_dir()
                done = mypy(venv, ws, script, cache, "--dump-build-stats")
                shutil.rmtree(cache, ignore_errors=True)
                runs[index].append((done, mypy_stats(done.stdout)))
        previous = 0.0
        for index, (label, _) in enumerate(steps):
            measured = [m for m, _ in runs[index]]
            s = Summary.of(measured)
            stat = {k: median([st.get(k, 0.0) for _, st in runs[index]]) for k in STAT_KEYS}
            print(
                f"  {label:<48} {s.wall:6.2f}s {s.cpu:6.2f}s {s.cpu - previous:+6.2f}s"
                f" {s.peak_kib / 1024:8.0f} {stat['graph_size']:7.0f}"
                f" {stat['parse_time']:5.2f}s {stat['semanal_time']:6.2f}s"
                f" {stat['type_check_time_interface']:5.2f}s"
            )
            previous = s.cpu

    heading("profile: modules mypy analyses for the script, by package (--timing-stats)")
    print("  time = mypy's per-module time_spent (parse, first pass, type check; not semanal)")
    tables: dict[str, dict[str, tuple[int, float]]] = {}
    for title, venv, name in (
        ("mangrove (clean venv)", clean, "per"),
        ("mangrove (.venv)", DEV, "per"),
        ("boto3-stubs", stubs, "stubs"),
    ):
        if not venv.ok:
            continue
        stats_file = ws.root / f"timing-{len(tables)}.txt"
        cache = ws.cache_dir()
        script = ws.root / f"bench_script_{name}.py"
        mypy(venv, ws, script, cache, "--timing-stats", str(stats_file)).check("mypy")
        shutil.rmtree(cache, ignore_errors=True)
        tables[title] = timing_by_package(stats_file)
    for title, groups in tables.items():
        total_modules = sum(count for count, _ in groups.values())
        total = sum(seconds for _, seconds in groups.values())
        top = sorted(groups.items(), key=lambda item: -item[1][1])[:9]
        shown = ", ".join(f"{g} {c}/{s:.2f}s" for g, (c, s) in top)
        print(f"  {title}: {total_modules} modules, {total:.2f}s; top: {shown}")
    if "mangrove (clean venv)" in tables and "mangrove (.venv)" in tables:
        extra = set(tables["mangrove (.venv)"]) - set(tables["mangrove (clean venv)"])
        counts = tables["mangrove (.venv)"]
        shown = ", ".join(
            f"{g} ({counts[g][0]})" for g in sorted(extra, key=lambda g: -counts[g][0])
        )
        print(f"  only in .venv (dev extras botocore-stubs imports): {shown}")
    sizes = {
        f"mangrove {kind}/{module}.pyi": (ROOT / "mangrove" / kind / f"{module}.pyi").stat().st_size
        for module in ("ec2", "s3")
        for kind in ("aws", "shapes")
    }
    if stubs.ok:
        for package in ("mypy_boto3_ec2", "mypy_boto3_s3"):
            found = list(stubs.path.glob(f"lib/python*/site-packages/{package}/*.pyi"))
            sizes[f"boto3-stubs {package}/*.pyi"] = sum(p.stat().st_size for p in found)
    print("  stub bytes mypy reads: " + ", ".join(f"{k} {mb(v)}" for k, v in sizes.items()))


# -- main -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per mypy/pyright measure (default 3); jedi, the seed import and the profile"
        " use at most 2",
    )
    parser.add_argument("--quick", action="store_true", help="one run of each measure")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="sections to run")
    options = parser.parse_args()
    repeat = 1 if options.quick else max(1, options.repeat)
    seed_repeat = min(repeat, 2)  # a cold seed-import mypy run takes ~30 s
    sections = options.only or list(SECTIONS)
    started = time.perf_counter()
    versions = project_versions()
    stubs, clean = make_venvs(versions)
    print(
        f"# bench_typecheck: python {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" load {os.getloadavg()[0]:.2f}; {repeat} run(s) per measure (seed import"
        f" {seed_repeat}), medians"
    )
    print(f"# .venv: {installed(DEV, ['mypy', 'basedpyright', 'jedi', 'botocore-stubs'])}")
    for venv in (stubs, clean):
        if venv.ok:
            names = ["mypy", "boto3-stubs", "mypy-boto3-ec2", "mypy-boto3-s3", "botocore-stubs"]
            print(f"# {venv.label} {venv.path}: {installed(venv, names)}")
        else:
            print(f"# {venv.label}: {venv.problem}")
    ws = Workspace()
    try:
        if "mypy" in sections:
            bench_mypy(ws, stubs, clean, repeat, seed_repeat)
        if "pyright" in sections:
            bench_pyright(ws, stubs, clean, repeat, seed_repeat)
        if "jedi" in sections:
            bench_jedi(ws, stubs, min(repeat, 2))
        if "errors" in sections:
            bench_errors(ws, stubs, clean)
        if "index" in sections:
            bench_index(ws, clean, min(repeat, 2))
        if "profile" in sections:
            bench_profile(ws, stubs, clean, min(repeat, 2))
    finally:
        ws.close()
    print(f"\n# done in {time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
