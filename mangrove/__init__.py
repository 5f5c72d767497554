"""mangrove: typed pools of boto3 clients across regions and services."""

from mangrove.errors import (
    InvalidPoolDeclarationError,
    MangroveError,
    NoDefaultRegionError,
    RegionAttributeError,
    RegionNotInPoolError,
    ServiceNotInPartitionError,
    UnknownPartitionError,
    UnknownRegionError,
    UnknownServiceError,
)
from mangrove.pool import ServiceMixinPool, ServicePool, service

__all__ = [
    "InvalidPoolDeclarationError",
    "MangroveError",
    "NoDefaultRegionError",
    "RegionAttributeError",
    "RegionNotInPoolError",
    "ServiceMixinPool",
    "ServiceNotInPartitionError",
    "ServicePool",
    "UnknownPartitionError",
    "UnknownRegionError",
    "UnknownServiceError",
    "service",
]
__version__ = "0.2.0"
