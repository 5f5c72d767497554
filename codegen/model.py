"""The intermediate model: frozen dataclasses that say exactly what to generate.

Every decision is made here, before rendering: class and attribute names, clash resolution,
regions per partition, required-ness, annotations (as ready-to-print strings), the order of
everything. Templates only print what this model holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from mangrove.regions import ServiceRegions

__all__ = [
    "ClientSpec",
    "ExceptionSpec",
    "ExtraMethodSpec",
    "FieldSpec",
    "GeneratedIndex",
    "LiteralSpec",
    "OperationSpec",
    "PaginatorSpec",
    "ParamSpec",
    "RegionAttribute",
    "ServiceSpec",
    "TypedDictSpec",
    "WaiterSpec",
]


@dataclass(frozen=True, slots=True)
class RegionAttribute:
    """`us_west_1` reaches region `us-west-1`."""

    attribute: str
    region: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One TypedDict key; `annotation` already carries Required/NotRequired/ReadOnly."""

    key: str
    annotation: str


@dataclass(frozen=True, slots=True)
class TypedDictSpec:
    """A structure shape in one direction (input: read-only, lenient; output: concrete)."""

    name: str
    #: `TypedDict`, or `ResponseTypeDef` for responses (which adds `ResponseMetadata`).
    base: str
    fields: tuple[FieldSpec, ...]
    total: bool
    #: Keys that are not identifiers force the functional `TypedDict("X", {...})` form.
    functional: bool


@dataclass(frozen=True, slots=True)
class LiteralSpec:
    """An enum shape: `InstanceStateNameType = Literal["pending", ...]`."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """A keyword-only parameter of a client method; optional ones default to `...`."""

    name: str
    annotation: str
    required: bool


@dataclass(frozen=True, slots=True)
class OperationSpec:
    """One client method.

    `params` are explicit keyword-only parameters (so editors complete them). When a member
    name is not a Python identifier, `kwargs_typed_dict` names the TypedDict used with
    `**kwargs: Unpack[...]` instead, and `params` is empty.
    """

    method: str
    operation: str
    params: tuple[ParamSpec, ...]
    kwargs_typed_dict: str | None
    returns: str
    doc: str


@dataclass(frozen=True, slots=True)
class ExtraMethodSpec:
    """A method boto3/botocore adds at run time; `params` is the parameter list as written."""

    name: str
    params: str
    returns: str


@dataclass(frozen=True, slots=True)
class PaginatorSpec:
    class_name: str
    method: str
    params: tuple[ParamSpec, ...]
    kwargs_typed_dict: str | None
    page: str


@dataclass(frozen=True, slots=True)
class WaiterSpec:
    class_name: str
    name: str
    params: tuple[ParamSpec, ...]
    kwargs_typed_dict: str | None


@dataclass(frozen=True, slots=True)
class ExceptionSpec:
    """A modelled error: `client.exceptions.NoSuchBucket`."""

    name: str


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """Everything a service's stubs say about its client, and the shapes it sends and gets.

    Two stubs: `mangrove/aws/<module>.pyi` (pool, client, paginators, waiters, exceptions)
    and `mangrove/shapes/<module>.pyi` (literals and TypedDicts). An editor completing
    `pool.us_west_1.describe_inst` parses only the first; jedi's cold time follows its bytes.
    """

    class_name: str
    exceptions_class: str
    operations: tuple[OperationSpec, ...]
    extra_methods: tuple[ExtraMethodSpec, ...]
    paginators: tuple[PaginatorSpec, ...]
    waiters: tuple[WaiterSpec, ...]
    exceptions: tuple[ExceptionSpec, ...]
    #: The module (`mangrove.shapes.ec2`) whose stub holds the literals and TypedDicts.
    shapes_module: str
    literals: tuple[LiteralSpec, ...]
    typed_dicts: tuple[TypedDictSpec, ...]
    #: `(module, names)` pairs the client stub imports, computed from what it uses: the shape
    #: names its signatures mention come from `shapes_module`.
    imports: tuple[tuple[str, tuple[str, ...]], ...]
    #: The same for the shapes module.
    shapes_imports: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """One botocore service: its pool, its regions, and (optionally) its typed client."""

    service: str
    module: str
    pool_class: str
    title: str
    endpoint_prefix: str
    api_version: str
    botocore_version: str
    region_sets: tuple[ServiceRegions, ...]
    region_attributes: tuple[RegionAttribute, ...]
    client: ClientSpec | None


@dataclass(frozen=True, slots=True)
class GeneratedIndex:
    """What `mangrove/services/__init__` lists: every service, sorted by botocore name."""

    botocore_version: str
    services: tuple[ServiceSpec, ...]
