"""Write: format the rendered files with ruff in one batch, then replace the output tree.

Files are formatted in a staging directory, compared with what is on disk, and only changed
ones are replaced (atomically, via `os.replace`); generated files that are no longer produced
are deleted. Running twice gives identical bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WriteResult", "format_tree", "write_tree"]

#: Suffixes of files the generator owns, in the subdirectories it owns.
GENERATED_SUFFIXES = (".py", ".pyi")
GENERATED_DIRS = ("aws", "services", "shapes")


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    deleted: tuple[str, ...]
    unchanged: int


def _ruff(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", *args], capture_output=True, text=True)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise RuntimeError(f"ruff {args[0]} failed on generated code:\n{output}")


def format_tree(files: dict[str, str], ruff_config: Path) -> dict[str, str]:
    """`files` (relative path -> text) as ruff formats them: imports sorted, then formatted."""
    with tempfile.TemporaryDirectory(prefix="mangrove-gen-") as staging:
        root = Path(staging)
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config = ["--config", str(ruff_config), "--no-cache"]
        _ruff("check", "--fix-only", "--select", "I,RUF022", "--quiet", *config, staging)
        _ruff("format", "--quiet", *config, staging)
        return {relative: (root / relative).read_text(encoding="utf-8") for relative in files}


def _generated_files(out_dir: Path) -> set[str]:
    """Files already in the generator's own subdirectories of `out_dir`."""
    return {
        str(path.relative_to(out_dir))
        for subdir in GENERATED_DIRS
        if (out_dir / subdir).exists()
        for path in (out_dir / subdir).rglob("*")
        if path.suffix in GENERATED_SUFFIXES and "__pycache__" not in path.parts
    }


def write_tree(out_dir: Path, files: dict[str, str]) -> WriteResult:
    """Make `out_dir`'s generated files exactly `files`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    unchanged = 0
    for relative, text in sorted(files.items()):
        path = out_dir / relative
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        written.append(relative)
    stale = sorted(_generated_files(out_dir) - set(files))
    for relative in stale:
        (out_dir / relative).unlink()
    return WriteResult(tuple(written), tuple(stale), unchanged)


def diff_tree(out_dir: Path, files: dict[str, str]) -> list[str]:
    """Relative paths where `out_dir` differs from `files` (changed, missing or stale)."""
    differing = [
        relative
        for relative, text in sorted(files.items())
        if not (out_dir / relative).exists()
        or (out_dir / relative).read_bytes() != text.encode("utf-8")
    ]
    differing += sorted(_generated_files(out_dir) - set(files))
    return differing
