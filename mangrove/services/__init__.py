"""Pools for AWS services (hand-written until the generator lands)."""

from __future__ import annotations

import functools
from typing import Any

from botocore.client import BaseClient

from mangrove.pool import ServicePool
from mangrove.regions import known_services

__all__ = ["Ec2Pool", "S3Pool", "SqsPool", "pool_class"]


class Ec2Pool(ServicePool[Any]):  # typed clients arrive with the generated stubs
    _aws_module_name = "ec2"


class S3Pool(ServicePool[Any]):  # typed clients arrive with the generated stubs
    _aws_module_name = "s3"


class SqsPool(ServicePool[Any]):  # typed clients arrive with the generated stubs
    _aws_module_name = "sqs"


_HAND_WRITTEN: dict[str, type[ServicePool[Any]]] = {
    "ec2": Ec2Pool,
    "s3": S3Pool,
    "sqs": SqsPool,
}


@functools.cache
def pool_class(service: str) -> type[ServicePool[BaseClient]]:
    """The pool class for a botocore service name."""
    if service in _HAND_WRITTEN:
        return _HAND_WRITTEN[service]
    if service not in known_services():
        from mangrove.errors import UnknownServiceError

        raise UnknownServiceError(service, known_services())
    name = "".join(part.capitalize() for part in service.split("-")) + "Pool"
    return type(name, (ServicePool,), {"_aws_module_name": service})
