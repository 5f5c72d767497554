"""Generated stubs are code: a sample of them must pass pyright as they pass mypy.

mypy checks every generated stub in `make typecheck`; pyright is slower per file, so it checks
a sample that covers the shapes the generator emits (the largest service, S3's streaming
bodies, a global service, a keyword-named module, and the hostile golden fixture).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [
    ROOT / "mangrove" / "aws" / "ec2.pyi",
    ROOT / "mangrove" / "aws" / "s3.pyi",
    ROOT / "mangrove" / "aws" / "iam.pyi",
    ROOT / "mangrove" / "aws" / "lambda_.pyi",
    ROOT / "mangrove" / "aws" / "dynamodb.pyi",
    ROOT / "tests" / "golden" / "expected" / "aws" / "class_.pyi",
    ROOT / "tests" / "golden" / "expected" / "aws" / "widgets.pyi",
]


@pytest.mark.slow
def test_sampled_stubs_pass_basedpyright(tmp_path: Path) -> None:
    (tmp_path / "pyrightconfig.json").write_text(
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
            str(tmp_path),
            *map(str, SAMPLE),
        ],
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    problems = [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert problems == []
    assert report["summary"]["filesAnalyzed"] >= len(SAMPLE)
