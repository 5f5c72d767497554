"""Model: one `ServiceSpec` per botocore service, and the index of them all."""

from __future__ import annotations

from codegen.load import BotocoreData, RawService
from codegen.model import GeneratedIndex, RegionAttribute, ServiceSpec
from codegen.regions_model import service_regions_by_partition
from codegen.shapes import RESERVED, build_client_spec
from mangrove.names import Namespace, module_name, pool_class_name, region_attribute
from mangrove.pool import ServicePool

__all__ = ["build_index", "build_service_spec"]

#: Region attributes must not hide what a pool already has (`regions`, `default`, ...).
POOL_MEMBERS = frozenset(name for name in dir(ServicePool) if not name.startswith("__"))


def _region_attributes(regions: list[str]) -> tuple[RegionAttribute, ...]:
    namespace = Namespace(POOL_MEMBERS)
    return tuple(
        RegionAttribute(namespace.claim(region_attribute(region)), region)
        for region in sorted(set(regions))
    )


def build_service_spec(
    data: BotocoreData, raw: RawService, with_stubs: bool, with_docs: bool = False
) -> ServiceSpec:
    metadata = raw.model["metadata"]
    prefix = metadata.get("endpointPrefix", raw.name)
    region_sets = service_regions_by_partition(
        raw.name, prefix, data.endpoints, data.partitions, raw.rule_set
    )
    namespace = Namespace(RESERVED)
    pool_class = namespace.claim(pool_class_name(raw.name))
    module = module_name(raw.name)
    client = (
        build_client_spec(raw, namespace, f"mangrove.shapes.{module}", with_docs)
        if with_stubs
        else None
    )
    return ServiceSpec(
        service=raw.name,
        module=module,
        pool_class=pool_class,
        title=metadata.get("serviceFullName", raw.name),
        endpoint_prefix=prefix,
        api_version=raw.api_version,
        botocore_version=data.version,
        region_sets=region_sets,
        region_attributes=_region_attributes([r for s in region_sets for r in s.regions]),
        client=client,
    )


def build_index(data: BotocoreData, services: list[ServiceSpec]) -> GeneratedIndex:
    modules = Namespace()
    for spec in sorted(services, key=lambda s: s.service):
        if modules.claim(spec.module) != spec.module:
            raise ValueError(f"two services map to module {spec.module!r}")
    return GeneratedIndex(data.version, tuple(sorted(services, key=lambda s: s.service)))
