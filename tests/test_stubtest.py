"""Stubs against the runtime: mypy.stubtest over generated pool modules.

The allowlist (tests/typing/stubtest_allowlist.txt) covers what differs by design: region
attributes are `RegionClient` descriptors at run time and clients in the stub, and the typed
client, paginators, waiters, TypedDicts and Literal aliases exist only in the stub. Because
the region entry hides every difference on region attributes, a separate exact check here
compares each generated pool's region names in stub and runtime, for every service.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from mangrove.pool import RegionClient
from mangrove.services import SERVICES

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "tests" / "typing" / "stubtest_allowlist.txt"
#: The largest service, a streaming one, a small one, a global one, and the index of them all.
MODULES = ["mangrove.aws.ec2", "mangrove.aws.s3", "mangrove.aws.sqs", "mangrove.aws.iam"]
#: Shapes modules: stub-only types over an empty run-time module.
SHAPES = ["mangrove.shapes.ec2", "mangrove.shapes.sqs"]
INDEX = "mangrove.services"


#: mypy settings for stubtest. Neither the project's nor a user's config applies. The index
#: stub re-exports every service's stub; analysing them all would take stubtest ~25 s, so the
#: services not under test are skipped (stubs are followed regardless of `follow_imports`
#: unless `follow_imports_for_stubs` says otherwise). Modules named on the command line are
#: always analysed in full, and stubtest still checks each of the index's names against the
#: runtime module (a re-export of a missing pool, or a pool missing from the stub, fails).
MYPY_CONFIG = """\
[mypy]

[mypy-mangrove.aws.*]
follow_imports = skip
follow_imports_for_stubs = True
"""


@pytest.mark.slow
def test_stubtest_passes_with_the_allowlist(tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text(MYPY_CONFIG)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            *MODULES,
            *SHAPES,
            INDEX,
            "--allowlist",
            str(ALLOWLIST),
            "--mypy-config-file",
            str(config),
            "--concise",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr


def test_every_allowlist_entry_is_explained() -> None:
    lines = ALLOWLIST.read_text().splitlines()
    entries = [n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    assert entries
    for n in entries:
        above = n - 1
        while above >= 0 and lines[above].strip() and not lines[above].startswith("#"):
            above -= 1  # entries sharing one comment
        assert above >= 0 and lines[above].startswith("#"), f"no comment above {lines[n]!r}"


def _stub_regions(module: str, pool_name: str) -> tuple[str, dict[str, str]]:
    """The client class a stub's pool is generic in, and its annotated attributes."""
    stub = (ROOT / module.replace(".", "/")).with_suffix(".pyi").read_text()
    start = stub.index(f"\nclass {pool_name}(")
    end = stub.find("\nclass ", start + 1)
    (pool,) = ast.parse(stub[start : end if end != -1 else None]).body
    assert isinstance(pool, ast.ClassDef)
    (base,) = pool.bases
    assert isinstance(base, ast.Subscript) and ast.unparse(base.value) == "ServicePool"
    attributes = {
        statement.target.id: ast.unparse(statement.annotation)
        for statement in pool.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    }
    return ast.unparse(base.slice), attributes


def test_stub_and_runtime_pools_name_the_same_regions() -> None:
    """Every generated pool: the stub's attributes are exactly the runtime's `RegionClient`s,
    each typed as the client the pool is generic in."""
    problems = []
    for module_name, pool_name in SERVICES.values():
        module = f"mangrove.aws.{module_name}"
        runtime = {
            name
            for name, value in vars(getattr(importlib.import_module(module), pool_name)).items()
            if isinstance(value, RegionClient)
        }
        client, stub = _stub_regions(module, pool_name)
        if set(stub) != runtime:
            problems.append(
                f"{module}.{pool_name}: only in stub {sorted(set(stub) - runtime)},"
                f" only at runtime {sorted(runtime - set(stub))}"
            )
        wrong = {name: kind for name, kind in stub.items() if kind != client}
        if wrong:
            problems.append(f"{module}.{pool_name}: not typed {client}: {wrong}")
    assert problems == []
    assert len(SERVICES) > 400
