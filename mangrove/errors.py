"""Errors mangrove raises.

Every error says what was asked, what is valid, and, where a close match exists, what was
probably meant. None of them ever carries a credential: they are built only from service,
partition and region names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "InvalidPoolDeclarationError",
    "MangroveError",
    "NoDefaultRegionError",
    "RegionAttributeError",
    "RegionNotInPoolError",
    "ServiceNotInPartitionError",
    "UnknownPartitionError",
    "UnknownRegionError",
    "UnknownServiceError",
    "close_matches",
]


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Up to `limit` candidates that look like `word`, best first (difflib's ratio)."""
    return difflib.get_close_matches(word, list(candidates), n=limit, cutoff=0.6)


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    matches = close_matches(word, candidates)
    if not matches:
        return ""
    return " Did you mean " + " or ".join(repr(m) for m in matches) + "?"


def _listing(names: Iterable[str], limit: int = 40) -> str:
    ordered = sorted(names)
    shown = ", ".join(ordered[:limit])
    if len(ordered) > limit:
        shown += f", ... ({len(ordered) - limit} more)"
    return shown


class MangroveError(Exception):
    """Base class of every error mangrove raises on purpose."""


class UnknownServiceError(MangroveError, ValueError):
    """A service name botocore does not know."""

    def __init__(self, service: str, known: Iterable[str], note: str = "") -> None:
        known = list(known)
        self.service = service
        self.suggestions = close_matches(service, known)
        super().__init__(
            f"Unknown AWS service {service!r}.{_did_you_mean(service, known)}"
            f" botocore knows {len(known)} services (botocore names, such as 'ec2',"
            f" 'cognito-idp', 'lambda').{' ' + note if note else ''}"
        )


class UnknownPartitionError(MangroveError, ValueError):
    """A partition name that is not in botocore's endpoint data."""

    def __init__(self, partition: str, known: Iterable[str]) -> None:
        known = list(known)
        self.partition = partition
        self.suggestions = close_matches(partition, known)
        super().__init__(
            f"Unknown partition {partition!r}.{_did_you_mean(partition, known)}"
            f" Valid partitions: {_listing(known)}."
        )


class ServiceNotInPartitionError(MangroveError, ValueError):
    """A known service that botocore's endpoint data does not list in the asked partition."""

    def __init__(self, service: str, partition: str, offered_in: Iterable[str]) -> None:
        self.service = service
        self.partition = partition
        self.offered_in = tuple(offered_in)
        super().__init__(
            f"{service} is not offered in partition {partition!r} per botocore's endpoint"
            f" data; it is offered in: {', '.join(self.offered_in)}."
        )


class UnknownRegionError(MangroveError, ValueError):
    """A region name that the service does not offer in the pool's partition."""

    def __init__(
        self,
        region: str,
        service: str,
        partition: str,
        valid: Iterable[str],
        *,
        other_partition: str | None = None,
    ) -> None:
        valid = list(valid)
        self.region = region
        self.service = service
        self.partition = partition
        self.valid = tuple(sorted(valid))
        self.suggestions = close_matches(region, valid)
        if other_partition is not None:
            hint = (
                f" {region!r} belongs to partition {other_partition!r}:"
                f" pass partition={other_partition!r}."
            )
        else:
            hint = _did_you_mean(region, valid)
        super().__init__(
            f"{service} has no region {region!r} in partition {partition!r}.{hint}"
            f" Valid regions: {_listing(valid)}."
        )


class RegionNotInPoolError(MangroveError, LookupError):
    """A region the service offers, but that this pool was not built with."""

    def __init__(self, region: str, service: str, pool_regions: Iterable[str]) -> None:
        self.region = region
        self.service = service
        self.pool_regions = tuple(pool_regions)
        super().__init__(
            f"Region {region!r} is valid for {service} but not in this pool"
            f" (it holds {len(self.pool_regions)}: {_listing(self.pool_regions, 8)})."
            f" Add it with pool.add_region({region!r}) or build the pool with it in regions=."
        )

    def __str__(self) -> str:
        # KeyError-like bases would repr() the message; keep it readable.
        return str(self.args[0])


class RegionAttributeError(RegionNotInPoolError, AttributeError):
    """`pool.<region>` for a region outside the pool; an AttributeError so hasattr() works."""


class NoDefaultRegionError(MangroveError, LookupError):
    """`pool.default` was used on a pool built without a default region."""

    def __init__(self, service: str, pool_regions: Iterable[str]) -> None:
        self.service = service
        regions = tuple(pool_regions)
        super().__init__(
            f"This {service} pool has no default region: pass default_region= (one of"
            f" {_listing(regions, 8)}) when building it."
        )

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidPoolDeclarationError(MangroveError, TypeError):
    """A pool class or its arguments are declared in a way mangrove cannot honour."""
