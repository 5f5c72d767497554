"""How generated pools meet the botocore installed at run time.

Generated code names the botocore version it came from. When the installed botocore is newer
and knows a service the generated index lacks, a pool class is made for it on the fly (its
regions then come from the installed endpoint data). When the installed botocore is older and
lacks a service, the error names both versions.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping

from botocore.client import BaseClient

from mangrove.errors import UnknownServiceError
from mangrove.names import pool_class_name
from mangrove.pool import ServicePool
from mangrove.regions import ServiceRegions, botocore_version, known_services

__all__ = ["generated_region_table", "pool_class_for"]


@functools.cache
def _dynamic_pool(service: str) -> type[ServicePool[BaseClient]]:
    return type(pool_class_name(service), (ServicePool,), {"_aws_module_name": service})


def pool_class_for(
    service: str, services: Mapping[str, tuple[str, str]], generated_from: str
) -> type[ServicePool[BaseClient]]:
    """The generated pool class of `service`, or one made now for a newer botocore's."""
    entry = services.get(service)
    if entry is not None:
        module, class_name = entry
        pool: type[ServicePool[BaseClient]] = getattr(
            importlib.import_module(f"mangrove.aws.{module}"), class_name
        )
        return pool
    if service in known_services():
        return _dynamic_pool(service)
    raise UnknownServiceError(
        service,
        sorted(set(services) | known_services()),
        note=f"(pools generated from botocore {generated_from}; installed: {botocore_version()})",
    )


@functools.cache
def generated_region_table(service: str) -> tuple[ServiceRegions, ...]:
    """The generated pool's region table for `service`, if generated from this very botocore.

    Hand-written pools of a known service read it instead of parsing the service's model
    (80-115 ms for ec2) to find its endpoint prefix; with any other botocore installed, they
    compute their regions from the installed data, as before.
    """
    from mangrove.services import GENERATED_FROM_BOTOCORE, SERVICES

    if botocore_version() != GENERATED_FROM_BOTOCORE or service not in SERVICES:
        return ()
    return pool_class_for(service, SERVICES, GENERATED_FROM_BOTOCORE)._region_table
