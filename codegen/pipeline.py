"""The generator, top to bottom: load -> model -> render -> write.

Each stage's wall time is recorded so `make generate` (and the benchmark) can report the split.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from codegen.load import BotocoreData
from codegen.model import ServiceSpec
from codegen.render import render_index, render_service
from codegen.services import build_index, build_service_spec
from codegen.write import diff_tree, format_tree, write_tree

__all__ = ["GenerationResult", "generate"]


@dataclass
class StageTimes:
    load: float = 0.0
    model: float = 0.0
    render: float = 0.0
    format: float = 0.0
    write: float = 0.0

    def summary(self) -> str:
        total = self.load + self.model + self.render + self.format + self.write
        parts = ", ".join(
            f"{name} {getattr(self, name):.2f}s"
            for name in ("load", "model", "render", "format", "write")
        )
        return f"{total:.2f}s: {parts}"


@dataclass
class GenerationResult:
    services: int
    files: dict[str, str]
    times: StageTimes
    differing: list[str] = field(default_factory=list)
    written: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()


@contextmanager
def _timed(times: StageTimes, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        setattr(times, stage, getattr(times, stage) + time.perf_counter() - start)


def generate(
    data_dir: Path,
    botocore_version: str,
    out_dir: Path,
    ruff_config: Path,
    *,
    services: list[str] | None = None,
    with_stubs: bool = True,
    with_docs: bool = False,
    check_only: bool = False,
) -> GenerationResult:
    """Generate pools (and stubs) for `services` (default: all) into `out_dir`.

    With `check_only`, nothing is written: the result lists the files that differ.
    """
    times = StageTimes()
    with _timed(times, "load"):
        data = BotocoreData.open(data_dir, botocore_version)
        names = services if services is not None else data.service_names()
    specs: list[ServiceSpec] = []
    files: dict[str, str] = {}
    for name in names:
        with _timed(times, "load"):
            raw = data.service(name)
        with _timed(times, "model"):
            spec = build_service_spec(data, raw, with_stubs, with_docs)
        with _timed(times, "render"):
            files.update(render_service(spec))
        # Keep only what the index needs: a service's typed client is not held past here.
        specs.append(_without_client(spec))
    with _timed(times, "model"):
        index = build_index(data, specs)
    with _timed(times, "render"):
        files.update(render_index(index, with_stubs))
    with _timed(times, "format"):
        files = format_tree(files, ruff_config)
    result = GenerationResult(len(specs), files, times)
    with _timed(times, "write"):
        if check_only:
            result.differing = diff_tree(out_dir, files)
        else:
            outcome = write_tree(out_dir, files)
            result.written, result.deleted = outcome.written, outcome.deleted
    return result


def _without_client(spec: ServiceSpec) -> ServiceSpec:
    return replace(spec, client=None)
