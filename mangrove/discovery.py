"""Ask AWS, rather than botocore's data, where things are: enabled regions, service regions.

botocore's endpoint data says where a service *exists*; it cannot say which of those regions
*this account* may use (opt-in regions stay disabled until enabled), and for services it does
not list, mangrove has to assume every region of the partition (`regions_verified` is false).
Two public sources answer these questions with credentials at hand:

- `ec2.describe_regions(AllRegions=True)` gives each region's opt-in status for the account;
  `ServicePool(regions="enabled")` builds a pool on the enabled ones.
- The public SSM parameters under `/aws/service/global-infrastructure/services/<service>/regions`
  list the regions AWS announces a service in; `check_service_regions` compares them with
  mangrove's list.

The account's answer is cached per boto3 Session (and partition and endpoint): every pool of a
mixin pool shares one Session, so building one on `"enabled"` asks once, not once per service.
A new Session asks again.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import boto3.session
from botocore.exceptions import BotoCoreError, ClientError

from mangrove import regions as region_data
from mangrove._session import SessionHandle
from mangrove.errors import MangroveError

if TYPE_CHECKING:
    from botocore.client import BaseClient
    from botocore.config import Config

__all__ = [
    "ENABLED_REGIONS",
    "SSM_REGIONS_PATH",
    "AccountRegion",
    "RegionDiscoveryError",
    "ServiceRegionCheck",
    "account_regions",
    "check_service_regions",
    "discovery_region",
    "enabled_regions",
    "ssm_service_regions",
]

#: `regions=` value meaning the regions the account has enabled (asked of EC2).
ENABLED_REGIONS = "enabled"

#: Where AWS publishes a service's regions as public SSM parameters.
SSM_REGIONS_PATH = "/aws/service/global-infrastructure/services/{service}/regions"

#: EC2's opt-in statuses of a usable region.
_ENABLED_STATUSES = frozenset({"opt-in-not-required", "opted-in"})


class RegionDiscoveryError(MangroveError, RuntimeError):
    """AWS could not be asked (no credentials, no network, access denied...)."""


@dataclass(frozen=True)
class AccountRegion:
    """A region as the account sees it: `opt_in_status` is EC2's
    (`opt-in-not-required`, `opted-in` or `not-opted-in`)."""

    name: str
    opt_in_status: str

    @property
    def enabled(self) -> bool:
        return self.opt_in_status in _ENABLED_STATUSES


@dataclass(frozen=True)
class ServiceRegionCheck:
    """mangrove's regions for a service beside the ones AWS's public parameters list."""

    service: str
    partition: str
    mangrove_regions: tuple[str, ...]
    verified: bool
    ssm_regions: tuple[str, ...]

    @property
    def confirmed(self) -> tuple[str, ...]:
        """In both lists."""
        return tuple(r for r in self.mangrove_regions if r in self.ssm_regions)

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """In mangrove's list only: for an inferred service, probably not offered there."""
        return tuple(r for r in self.mangrove_regions if r not in self.ssm_regions)

    @property
    def missing(self) -> tuple[str, ...]:
        """In AWS's list only, within this partition (or newer than the installed botocore's
        data): regions mangrove's list lacks, or a global service's real regions."""
        return tuple(
            r
            for r in self.ssm_regions
            if r not in self.mangrove_regions
            and region_data.partition_of_region(r) in (self.partition, None)
        )


@functools.cache
def discovery_region(partition: str) -> str:
    """The region to ask partition-wide questions in (botocore's `implicitGlobalRegion`)."""
    partition_regions = region_data.partition_regions(partition)  # validates the partition
    data = region_data._loader().load_data("partitions")
    for entry in data.get("partitions", []):
        if entry.get("id") == partition:
            implicit = entry.get("outputs", {}).get("implicitGlobalRegion")
            if implicit in partition_regions:
                return str(implicit)
    return partition_regions[0]


_Key = tuple[str, str | None]
_cache: weakref.WeakKeyDictionary[boto3.session.Session, dict[_Key, tuple[AccountRegion, ...]]]
_cache = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def account_regions(
    session: boto3.session.Session | None = None,
    *,
    partition: str = "aws",
    endpoint_url: str | None = None,
    config: Config | None = None,
    refresh: bool = False,
) -> tuple[AccountRegion, ...]:
    """Every region of the partition with the account's opt-in status, sorted by name."""
    handle = SessionHandle.for_session(session or boto3.session.Session())
    return account_regions_via(handle, partition, endpoint_url, config, refresh=refresh)


def enabled_regions(
    session: boto3.session.Session | None = None,
    *,
    partition: str = "aws",
    endpoint_url: str | None = None,
    config: Config | None = None,
    refresh: bool = False,
) -> tuple[str, ...]:
    """The regions the account may use, sorted by name (one `ec2.describe_regions` call)."""
    found = account_regions(
        session, partition=partition, endpoint_url=endpoint_url, config=config, refresh=refresh
    )
    return tuple(r.name for r in found if r.enabled)


def account_regions_via(
    handle: SessionHandle,
    partition: str,
    endpoint_url: str | None,
    config: Config | None,
    *,
    refresh: bool = False,
) -> tuple[AccountRegion, ...]:
    """`account_regions` through a pool's own SessionHandle (and so its lock and Session)."""
    session = handle.session
    key: _Key = (partition, endpoint_url)
    with _cache_lock:  # held across the call: concurrent pools on one Session ask once
        known = _cache.setdefault(session, {})
        if refresh or key not in known:
            known[key] = _describe_regions(handle, partition, endpoint_url, config)
        return known[key]


def enabled_pool_regions(
    handle: SessionHandle,
    partition: str,
    candidates: Sequence[str],
    *,
    is_global: bool,
    endpoint_url: str | None,
    config: Config | None,
) -> list[str]:
    """`candidates` (a pool's default regions) that the account has enabled, in their order.

    A global service's endpoint serves every account, so it is kept without asking.
    """
    if is_global:
        return list(candidates)
    known = account_regions_via(handle, partition, endpoint_url, config)
    enabled = {r.name for r in known if r.enabled}
    return [r for r in candidates if r in enabled]


def _describe_regions(
    handle: SessionHandle, partition: str, endpoint_url: str | None, config: Config | None
) -> tuple[AccountRegion, ...]:
    region = discovery_region(partition)
    try:
        ec2 = _client(handle, "ec2", region, endpoint_url, config)
        reply = ec2.describe_regions(AllRegions=True)  # type: ignore[attr-defined]
    except (BotoCoreError, ClientError) as exc:
        raise RegionDiscoveryError(
            f"Could not ask EC2 in {region} which regions the account has enabled: {exc}."
            " The credentials need ec2:DescribeRegions; or pass regions= explicitly."
        ) from exc
    found = [
        AccountRegion(str(r["RegionName"]), str(r.get("OptInStatus", "opt-in-not-required")))
        for r in reply.get("Regions", [])
    ]
    return tuple(sorted(found, key=lambda r: r.name))


def _client(
    handle: SessionHandle,
    service: str,
    region: str,
    endpoint_url: str | None,
    config: Config | None,
) -> BaseClient:
    return handle.create_client(
        service, region, config=config, endpoint_url=endpoint_url, client_kwargs={}
    )


def ssm_service_regions(
    service: str,
    *,
    session: boto3.session.Session | None = None,
    partition: str = "aws",
    ssm_service: str | None = None,
    endpoint_url: str | None = None,
    config: Config | None = None,
) -> tuple[str, ...]:
    """The regions AWS's public SSM parameters list for `service`, sorted.

    The parameters name services by AWS's own codes, which are mostly botocore's names; pass
    `ssm_service=` where they differ. An empty answer means SSM does not know the code.
    """
    handle = SessionHandle.for_session(session or boto3.session.Session())
    region = discovery_region(partition)
    path = SSM_REGIONS_PATH.format(service=ssm_service or service)
    try:
        ssm = _client(handle, "ssm", region, endpoint_url, config)
        pages = ssm.get_paginator("get_parameters_by_path").paginate(Path=path)
        values = {str(p["Value"]) for page in pages for p in page.get("Parameters", [])}
    except (BotoCoreError, ClientError) as exc:
        raise RegionDiscoveryError(
            f"Could not read the public SSM parameters under {path} in {region}: {exc}."
        ) from exc
    return tuple(sorted(values))


def check_service_regions(
    service: str,
    *,
    session: boto3.session.Session | None = None,
    partition: str = "aws",
    ssm_service: str | None = None,
    endpoint_url: str | None = None,
    config: Config | None = None,
) -> ServiceRegionCheck:
    """Compare mangrove's regions for `service` with AWS's public SSM list.

    Most useful for services botocore does not list (`service_regions(...).verified` is
    false), whose regions mangrove can only infer from the partition.
    """
    known = region_data.service_regions(service, partition)
    listed = ssm_service_regions(
        service,
        session=session,
        partition=partition,
        ssm_service=ssm_service,
        endpoint_url=endpoint_url,
        config=config,
    )
    return ServiceRegionCheck(service, partition, known.regions, known.verified, listed)
