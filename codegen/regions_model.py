"""Where each service is offered, per partition: endpoint data first, rule sets second.

botocore's `endpoints.json` lists most services' regions. Services it does not list (about
106 in botocore 1.43) have only an endpoint rule set, which resolves any region name, even a
made-up one, so it cannot tell where they exist: they get the partition's regions, marked
inferred. Evaluating the rule set still tells global from regional: a global service's URL
does not carry the region.
"""

from __future__ import annotations

from codegen.load import JsonObject
from mangrove.regions import ServiceRegions, global_endpoint_name, regions_from_endpoints

__all__ = ["service_regions_by_partition"]


def _rule_set_is_global(
    rule_set: JsonObject | None, partitions: JsonObject, regions: tuple[str, ...]
) -> bool:
    """True when the rule set's URL for every region of the partition omits the region."""
    if rule_set is None or not regions:
        return False
    from botocore.endpoint_provider import EndpointProvider

    provider = EndpointProvider(dict(rule_set), dict(partitions))
    for region in regions[:2]:
        try:
            url = provider.resolve_endpoint(Region=region, UseFIPS=False, UseDualStack=False).url
        except Exception:  # a rule set needing more parameters: treat as regional
            return False
        if region in url:
            return False
    return True


def service_regions_by_partition(
    service: str,
    endpoint_prefix: str,
    endpoints: JsonObject,
    partitions: JsonObject,
    rule_set: JsonObject | None,
) -> tuple[ServiceRegions, ...]:
    """The service's `ServiceRegions` in every partition that offers it, in partition order."""
    listed_anywhere = any(endpoint_prefix in p["services"] for p in endpoints["partitions"])
    result = []
    for partition_data in endpoints["partitions"]:
        partition = partition_data["partition"]
        listed = regions_from_endpoints(service, endpoint_prefix, partition, partition_data)
        if listed is not None and listed.regions:
            result.append(listed)
            continue
        if listed_anywhere:
            continue  # botocore lists the service, but not in this partition
        regions = tuple(sorted(partition_data["regions"]))
        if _rule_set_is_global(rule_set, partitions, regions):
            result.append(
                ServiceRegions(service, partition, (global_endpoint_name(partition),), False, True)
            )
        else:
            result.append(ServiceRegions(service, partition, regions, False, False))
    return tuple(result)
