"""A copy of the mangrove package whose generated trees are the golden ones.

The golden stubs import each other as `mangrove.aws.<module>` and `mangrove.shapes.<module>`;
type checkers resolve those names only inside a package that holds them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from codegen.write import GENERATED_DIRS

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "golden" / "expected"


def golden_package(parent: Path) -> list[Path]:
    """Copy mangrove into `parent` with the golden aws/ and shapes/; return their stubs."""
    package = parent / "mangrove"
    ignored = shutil.ignore_patterns(*GENERATED_DIRS, "__pycache__")
    shutil.copytree(ROOT / "mangrove", package, ignore=ignored)
    for subdir in ("aws", "shapes"):
        shutil.copytree(EXPECTED / subdir, package / subdir)
    stubs = sorted(p for subdir in ("aws", "shapes") for p in (package / subdir).glob("*.pyi"))
    assert len(stubs) == 2 * len(list((EXPECTED / "aws").glob("*.pyi"))) > 0
    return stubs
