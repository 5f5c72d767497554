"""Generated stubs are code: a sample of them must pass pyright as they pass mypy.

mypy checks every generated stub in `make typecheck`; pyright is slower per file, so it checks
a sample that covers the shapes the generator emits (the largest service, S3's streaming
bodies, a global service, a keyword-named module) and the whole golden fixture tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from golden_package import golden_package

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [
    ROOT / "mangrove" / kind / f"{module}.pyi"
    for module in ("ec2", "s3", "iam", "lambda_", "dynamodb")
    for kind in ("aws", "shapes")
]


def basedpyright_errors(project: Path, files: list[Path]) -> list[str]:
    """basedpyright (standard mode, Python 3.10) on `files`, `project` as its root."""
    project.mkdir(exist_ok=True)
    (project / "pyrightconfig.json").write_text(
        json.dumps({"typeCheckingMode": "standard", "pythonVersion": "3.10"})
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "basedpyright",
            "--outputjson",
            "--pythonpath",
            sys.executable,
            "--project",
            str(project),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    assert report["summary"]["filesAnalyzed"] >= len(files)
    return [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]


@pytest.mark.slow
def test_sampled_stubs_pass_basedpyright(tmp_path: Path) -> None:
    assert basedpyright_errors(tmp_path, SAMPLE) == []


@pytest.mark.slow
def test_golden_stubs_pass_basedpyright(tmp_path: Path) -> None:
    """The hostile fixture names too. The golden stubs import each other by package name:
    pyright resolves `mangrove` from the project root, where the golden package copy is."""
    assert basedpyright_errors(tmp_path, golden_package(tmp_path)) == []
