"""Which regions a service is offered in, read from botocore's own endpoint data.

`Session.get_available_regions` answers the same question but costs seconds across all
services; reading `endpoints.json` once (through botocore's loader, so custom data paths are
honoured) costs milliseconds. The classification rules live in `regions_from_endpoints`, a pure
function the generator uses too, so generated pools and hand-written ones agree.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import botocore
import botocore.loaders

from mangrove.errors import (
    ServiceNotInPartitionError,
    UnknownPartitionError,
    UnknownServiceError,
)

__all__ = [
    "ServiceRegions",
    "botocore_version",
    "endpoint_partitions",
    "endpoint_prefix",
    "global_endpoint_name",
    "known_services",
    "partition_of_region",
    "partition_regions",
    "regions_from_endpoints",
    "service_regions",
]

JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ServiceRegions:
    """A service's regions in one partition.

    `verified` is false when botocore's endpoint data does not list the service, in which case
    `regions` is the partition's full list: botocore's rule sets resolve any region name, so
    they cannot say where the service really exists. `is_global` services have one endpoint
    per partition, named like `aws-global`.
    """

    service: str
    partition: str
    regions: tuple[str, ...]
    verified: bool
    is_global: bool


def botocore_version() -> str:
    """The installed botocore's version, for error messages and generated headers."""
    return str(botocore.__version__)


@functools.cache
def _loader() -> botocore.loaders.Loader:
    return botocore.loaders.create_loader()


@functools.cache
def endpoint_partitions() -> dict[str, JsonObject]:
    """botocore's `endpoints.json` partitions, by partition name, loaded once per process."""
    data = cast(JsonObject, _loader().load_data("endpoints"))
    return {p["partition"]: p for p in data["partitions"]}


@functools.cache
def known_services() -> frozenset[str]:
    """Every service botocore has a model for."""
    return frozenset(_loader().list_available_services("service-2"))


@functools.cache
def endpoint_prefix(service: str) -> str:
    """The key botocore's endpoint data files `service` under (`ses` -> `email`).

    It differs from the service name for about 120 services, and a service's name can even be
    another service's key (`sso` is filed under `portal.sso`; `sso` belongs to sso-admin), so
    it is read from the service model's metadata, as botocore itself does.
    """
    if service not in known_services():
        raise UnknownServiceError(service, known_services())
    model = cast(JsonObject, _loader().load_service_model(service, "service-2"))
    return str(model["metadata"].get("endpointPrefix", service))


def _partition(partition: str) -> JsonObject:
    partitions = endpoint_partitions()
    try:
        return partitions[partition]
    except KeyError:
        raise UnknownPartitionError(partition, partitions) from None


def partition_regions(partition: str) -> tuple[str, ...]:
    """The partition's regions, sorted."""
    return tuple(sorted(_partition(partition)["regions"]))


def partition_of_region(region: str) -> str | None:
    """The partition a region or global endpoint name (`aws-cn-global`) belongs to, if any."""
    for name, data in endpoint_partitions().items():
        if region in data["regions"]:
            return name
        if region == global_endpoint_name(name):
            return name
    return None


def global_endpoint_name(partition: str) -> str:
    """The name of a partition's one endpoint for a global service (`aws-cn-global`)."""
    return f"{partition}-global"


def regions_from_endpoints(
    service: str, prefix: str, partition: str, partition_data: JsonObject
) -> ServiceRegions | None:
    """Classify `service` (filed as `prefix`) from one partition's `endpoints.json` entry.

    None if the partition does not list it.

    Rules: a service with a `partitionEndpoint` that is `isRegionalized: false`, or that has
    no regional endpoint at all (support), is global, and its one region is that endpoint's
    name. Otherwise its regions are its endpoint names that are
    real regions of the partition (this drops `fips-*`, `*-fips`, `aws-global` and other
    pseudo-regions) and are not marked deprecated.
    """
    entry = partition_data["services"].get(prefix)
    if entry is None:
        return None
    endpoints: JsonObject = entry.get("endpoints", {})
    real_regions = partition_data["regions"]
    regions = tuple(
        sorted(
            name
            for name, endpoint in endpoints.items()
            if name in real_regions and not endpoint.get("deprecated", False)
        )
    )
    global_endpoint = entry.get("partitionEndpoint")
    if not global_endpoint and not regions:
        # No regional endpoint and no declared global one: a lone endpoint (such as
        # route53-recovery-control-config's `aws-global`) is the service's only endpoint.
        others = [name for name in endpoints if "fips" not in name]
        global_endpoint = others[0] if len(others) == 1 else None
    if global_endpoint and (entry.get("isRegionalized", True) is False or not regions):
        return ServiceRegions(service, partition, (global_endpoint,), True, True)
    return ServiceRegions(service, partition, regions, True, False)


def service_regions(service: str, partition: str = "aws") -> ServiceRegions:
    """Where botocore says `service` is offered in `partition`.

    Services botocore's endpoint data does not list at all get the partition's regions, marked
    unverified; services it lists elsewhere but not in `partition` raise
    `ServiceNotInPartitionError`. Services botocore has no model for raise `UnknownServiceError`.
    """
    data = _partition(partition)
    prefix = endpoint_prefix(service)
    listed = regions_from_endpoints(service, prefix, partition, data)
    if listed is not None and listed.regions:
        return listed
    offered_in = [
        name
        for name, other in endpoint_partitions().items()
        if (found := regions_from_endpoints(service, prefix, name, other)) and found.regions
    ]
    if offered_in:
        raise ServiceNotInPartitionError(service, partition, offered_in)
    return ServiceRegions(service, partition, partition_regions(partition), False, False)
