"""The stubs as users meet them: typing samples checked by mypy --strict and basedpyright (strict).

The samples beside this file are only ever type-checked, never run. Each line's
diagnostics must be exactly what its trailing tags say: `# E: <mypy code>[, ...]` for mypy,
`# P: <pyright rule>[, ...]` for basedpyright, and nothing at all on an untagged line. So a
positive sample is a file without tags, and the negative sample fails if a mistake goes
uncaught *or* if anything else is reported.

One mypy run and one basedpyright run cover every sample that reads only per-service stubs
(`mangrove.aws.<service>`); the seed-import sample (`mangrove.services`, every service's
stubs) gets its own mypy run. The three start together, once per session.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent
PYRIGHT_CONFIG = SAMPLES / "pyrightconfig.json"
#: Read only per-service stubs: one mypy and one basedpyright run for all of them.
TAGGED = ("sample_positive.py", "sample_negative.py", "sample_fanout.py")
#: `from mangrove.services import ...`: every service's stubs, so mypy only.
SEED = "sample_seed.py"

#: The project's floor; the checkers must accept the samples there.
PYTHON_VERSION = "3.10"
TIMEOUT = 600

MYPY = "mypy"
PYRIGHT = "basedpyright"
SEED_RUN = "seed"
MARKERS = {MYPY: "E", PYRIGHT: "P"}

_TAG = re.compile(r"#\s*([EP]):\s*([\w-]+(?:\s*,\s*[\w-]+)*)")


# -- what the samples say -----------------------------------------------------------------------


def _comments(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each comment: tags inside strings or docstrings do not count."""
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def expected(path: Path, checker: str) -> set[tuple[int, str]]:
    """The (line, code) pairs the tags of `path` promise for `checker`."""
    marker = MARKERS[checker]
    pairs: set[tuple[int, str]] = set()
    for line, comment in _comments(path):
        for found in _TAG.finditer(comment):
            if found[1] == marker:
                pairs.update((line, code.strip()) for code in found[2].split(","))
    return pairs


# -- what the checkers say ----------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnostic:
    file: str  # the file's name: samples are all in one directory
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.code}] {self.message}"


def _mypy_config(tmp: Path) -> Path:
    # An empty config: neither the project's pyproject.toml nor a user config applies, so the
    # samples are checked as in a user's project with nothing but `--strict`.
    config = tmp / "mypy.ini"
    config.write_text("[mypy]\n")
    return config


def run_mypy(files: list[Path], tmp: Path) -> list[Diagnostic]:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--python-version",
        PYTHON_VERSION,
        "--config-file",
        str(_mypy_config(tmp)),
        "--cache-dir",
        str(tmp / "mypy-cache"),
        "--output",
        "json",
        *map(str, files),
    ]
    done = subprocess.run(command, cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT)
    # 0: clean, 1: errors found; anything else (2: crash, bad flag) is a broken run.
    assert done.returncode in (0, 1), f"mypy failed to run:\n{done.stdout}\n{done.stderr}"
    diagnostics = []
    for text in done.stdout.splitlines():
        if not text.startswith("{"):
            continue
        item = json.loads(text)
        if item["severity"] != "error":
            continue
        diagnostics.append(
            Diagnostic(Path(item["file"]).name, item["line"], item["code"], item["message"])
        )
    assert done.returncode == (1 if diagnostics else 0), done.stdout + done.stderr
    return diagnostics


def run_pyright(files: list[Path], tmp: Path) -> list[Diagnostic]:
    command = [
        sys.executable,
        "-m",
        "basedpyright",
        "--outputjson",
        "--project",
        str(PYRIGHT_CONFIG),
        "--pythonpath",
        sys.executable,
        *map(str, files),
    ]
    done = subprocess.run(command, cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT)
    # 0: clean, 1: errors found; 2 and up: fatal, no usable report.
    assert done.returncode in (0, 1), f"basedpyright failed:\n{done.stdout}\n{done.stderr}"
    report = json.loads(done.stdout)
    assert report["summary"]["filesAnalyzed"] == len(files), report["summary"]
    return [
        Diagnostic(
            Path(item["file"]).name,
            item["range"]["start"]["line"] + 1,
            item.get("rule", "<no rule>"),
            item["message"].replace("\n", " "),
        )
        for item in report["generalDiagnostics"]
        if item["severity"] in ("error", "warning")
    ]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Diagnostic]]:
    """Every checker run this module needs, started together (the seed run dominates).

    `mypy` and `basedpyright`: every per-service sample in one run each; `seed`: mypy on the
    seed-import sample alone, so its ~10 s of reading every stub burdens no other sample.
    """
    files = [SAMPLES / name for name in TAGGED]
    tmp = tmp_path_factory.mktemp("typing")
    for name in (MYPY, PYRIGHT, SEED_RUN):
        (tmp / name).mkdir()
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            MYPY: pool.submit(run_mypy, files, tmp / MYPY),
            PYRIGHT: pool.submit(run_pyright, files, tmp / PYRIGHT),
            SEED_RUN: pool.submit(run_mypy, [SAMPLES / SEED], tmp / SEED_RUN),
        }
        return {name: future.result() for name, future in futures.items()}


def _pairs(diagnostics: list[Diagnostic], file: str) -> dict[tuple[int, str], Diagnostic]:
    return {(d.line, d.code): d for d in diagnostics if d.file == file}


def _mismatch(file: str, got: dict[tuple[int, str], Diagnostic], want: set[tuple[int, str]]) -> str:
    unexpected = [str(got[pair]) for pair in sorted(set(got) - want)]
    missing = [f"{file}:{line}: [{code}] expected" for line, code in sorted(want - set(got))]
    return "\n".join(["unexpected:", *unexpected, "missing:", *missing])


# -- the tests: `slow` ones read the checkers' output (one shared run of each) ------------------


@pytest.mark.slow
@pytest.mark.parametrize("checker", [MYPY, PYRIGHT])
@pytest.mark.parametrize("sample", TAGGED)
def test_sample_draws_exactly_its_tagged_errors(
    runs: dict[str, list[Diagnostic]], checker: str, sample: str
) -> None:
    got = _pairs(runs[checker], sample)
    want = expected(SAMPLES / sample, checker)
    assert set(got) == want, _mismatch(sample, got, want)


@pytest.mark.slow
@pytest.mark.parametrize("checker", [MYPY, PYRIGHT])
def test_checkers_report_nothing_outside_the_samples(
    runs: dict[str, list[Diagnostic]], checker: str
) -> None:
    # The stubs themselves (and mangrove's own modules) must not draw errors in user projects.
    samples = set(TAGGED)
    assert [str(d) for d in runs[checker] if d.file not in samples] == []


def test_positive_sample_has_no_tags() -> None:
    for checker in MARKERS:
        assert expected(SAMPLES / "sample_positive.py", checker) == set()


@pytest.mark.parametrize("sample", ["sample_negative.py", "sample_fanout.py"])
def test_every_tagged_line_names_both_checkers(sample: str) -> None:
    """A mistake caught by one checker is expected from the other too; tags say how."""
    mypy_lines = {line for line, _ in expected(SAMPLES / sample, MYPY)}
    pyright_lines = {line for line, _ in expected(SAMPLES / sample, PYRIGHT)}
    assert mypy_lines == pyright_lines


def test_negative_sample_covers_each_kind_of_mistake() -> None:
    text = (SAMPLES / "sample_negative.py").read_text()
    for function in (
        "wrong_keyword_name",
        "missing_required_argument",
        "wrong_literal_value",
        "wrong_value_type",
        "misspelled_response_key",
        "unknown_method",
        "unknown_region_attribute",
        "unknown_paginator",
        "unknown_waiter",
        "undeclared_service",
    ):
        assert f"def {function}(" in text


@pytest.mark.slow
def test_seed_import_sample_under_mypy(runs: dict[str, list[Diagnostic]]) -> None:
    """The README's import path: mypy reads all of mangrove.services' stubs (~10 s cold)."""
    diagnostics = runs[SEED_RUN]
    got = _pairs(diagnostics, SEED)
    want = expected(SAMPLES / SEED, MYPY)
    assert want, "the seed sample should also prove the pools it imports are not Any"
    assert set(got) == want, _mismatch(SEED, got, want)
    assert [str(d) for d in diagnostics if d.file != SEED] == []
