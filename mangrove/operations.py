"""A service's operations by either spelling, read from botocore's models without a client.

People type `DescribeInstances` (the API's name, as in AWS documentation) and
`describe_instances` (boto3's method) interchangeably, and `describe-instances` (the AWS CLI's).
Checking the name before fanning out turns a typo into one clear error with close matches
rather than 34 identical per-region failures.
"""

from __future__ import annotations

import functools

from botocore import xform_name
from botocore.exceptions import DataNotFoundError
from botocore.model import OperationModel, ServiceModel

from mangrove import regions as region_data
from mangrove.errors import MangroveError, close_matches

__all__ = [
    "NotPageableError",
    "UnknownOperationError",
    "method_name",
    "operation_model",
    "pageable_method",
    "pageable_operations",
    "service_model",
]


class UnknownOperationError(MangroveError, ValueError):
    """An operation the service does not have."""

    def __init__(self, service: str, operation: str, suggestions: list[str]) -> None:
        self.service = service
        self.operation = operation
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"{service} has no operation {operation!r}.{hint}")


class NotPageableError(MangroveError, ValueError):
    """An operation botocore has no paginator for."""

    def __init__(self, service: str, operation: str, pageable: list[str]) -> None:
        self.service = service
        self.operation = operation
        listing = ", ".join(pageable[:12]) + (", ..." if len(pageable) > 12 else "")
        super().__init__(
            f"{service} {operation} cannot be paginated (botocore has no paginator for it);"
            f" call it without paginating. Pageable: {listing or 'none'}."
        )


@functools.cache
def service_model(service: str) -> ServiceModel:
    """botocore's model of `service` (UnknownServiceError if botocore has none)."""
    region_data.endpoint_prefix(service)  # raises UnknownServiceError for unknown names
    loaded = region_data._loader().load_service_model(service, "service-2")
    return ServiceModel(loaded, service_name=service)


@functools.cache
def _methods(service: str) -> dict[str, str]:
    """boto3 method name -> API operation name."""
    return {xform_name(name): name for name in service_model(service).operation_names}


def method_name(service: str, operation: str) -> str:
    """The boto3 method for `operation`, given as `DescribeInstances`, `describe_instances`
    or `describe-instances`."""
    methods = _methods(service)
    if operation in methods:
        return operation
    for candidate in (operation.replace("-", "_"), xform_name(operation)):
        if candidate in methods:
            return candidate
    pascal_style = operation[:1].isupper()
    names = list(methods.values()) if pascal_style else list(methods)
    raise UnknownOperationError(service, operation, close_matches(operation, names))


def operation_model(service: str, operation: str) -> OperationModel:
    """The model of `operation` (any spelling `method_name` accepts)."""
    return service_model(service).operation_model(
        _methods(service)[method_name(service, operation)]
    )


@functools.cache
def pageable_operations(service: str) -> frozenset[str]:
    """boto3 method names of the operations botocore can paginate."""
    service_model(service)
    try:
        data = region_data._loader().load_service_model(service, "paginators-1")
    except DataNotFoundError:
        return frozenset()
    return frozenset(xform_name(name) for name in data.get("pagination", {}))


def pageable_method(service: str, operation: str) -> str:
    """`method_name`, checked to be pageable (NotPageableError otherwise)."""
    method = method_name(service, operation)
    pageable = pageable_operations(service)
    if method not in pageable:
        methods = _methods(service)
        style = (lambda m: methods[m]) if operation[:1].isupper() else (lambda m: m)
        raise NotPageableError(service, operation, sorted(style(m) for m in pageable))
    return method
