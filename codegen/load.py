"""Load: botocore's data files, read straight from its data directory.

This stage knows botocore's file layout and nothing else: `endpoints.json`,
`partitions.json`, and per service `<name>/<api-version>/service-2.json.gz` (with its rule
set, paginators and waiters beside it). Everything it returns is plain JSON data.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JsonObject = Mapping[str, Any]

__all__ = ["BotocoreData", "RawService", "botocore_data_dir"]


def botocore_data_dir() -> Path:
    """The installed botocore's own data directory."""
    import botocore

    return Path(botocore.__file__).parent / "data"


def _read_json(path: Path) -> Any:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as compressed:
            return json.loads(compressed.read())
    return json.loads(path.read_bytes())


def _optional(path: Path) -> Any:
    for candidate in (path, path.with_name(path.name + ".gz")):
        if candidate.exists():
            return _read_json(candidate)
    return None


@dataclass(frozen=True, slots=True)
class RawService:
    """One service's files, as botocore ships them."""

    name: str
    api_version: str
    model: JsonObject
    rule_set: JsonObject | None
    paginators: JsonObject | None
    waiters: JsonObject | None


@dataclass(frozen=True, slots=True)
class BotocoreData:
    """A botocore data directory: the shared files, and a way to read each service."""

    root: Path
    version: str
    endpoints: JsonObject
    partitions: JsonObject

    @classmethod
    def open(cls, root: Path, version: str) -> BotocoreData:
        return cls(
            root=root,
            version=version,
            endpoints=_read_json(root / "endpoints.json"),
            partitions=_read_json(root / "partitions.json"),
        )

    def service_names(self) -> list[str]:
        """Every directory holding a `service-2` model, sorted."""
        return sorted(
            entry.name
            for entry in self.root.iterdir()
            if entry.is_dir() and any(entry.glob("*/service-2.json*"))
        )

    def latest_api_version(self, service: str) -> str:
        versions = sorted(p.parent.name for p in (self.root / service).glob("*/service-2.json*"))
        return versions[-1]

    def service(self, name: str) -> RawService:
        version = self.latest_api_version(name)
        folder = self.root / name / version
        return RawService(
            name=name,
            api_version=version,
            model=_optional(folder / "service-2.json"),
            rule_set=_optional(folder / "endpoint-rule-set-1.json"),
            paginators=_optional(folder / "paginators-1.json"),
            waiters=_optional(folder / "waiters-2.json"),
        )

    def services(self, names: list[str] | None = None) -> Iterator[RawService]:
        for name in names if names is not None else self.service_names():
            yield self.service(name)
