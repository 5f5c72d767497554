"""Pools of boto3 clients: one service in many regions, or several services at once.

A `ServicePool` holds one client per region, created the first time the region is used and
shared by every thread after that. Generated subclasses (`mangrove.services`) declare one
attribute per region and carry their region lists; hand-written subclasses set
`_aws_module_name` and read regions from botocore's endpoint data at run time.

A `ServiceMixinPool` holds several `ServicePool`s that share one boto3 Session.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Generic, cast, get_type_hints, overload

import botocore.exceptions
from botocore.client import BaseClient

from mangrove import regions as region_data
from mangrove._session import Credentials, SessionHandle
from mangrove.errors import (
    InvalidPoolDeclarationError,
    NoDefaultRegionError,
    RegionAttributeError,
    RegionNotInPoolError,
    UnknownRegionError,
    UnknownServiceError,
    close_matches,
)
from mangrove.names import attribute_to_region, module_name, region_attribute

if sys.version_info >= (3, 13):
    from typing import Self, TypeVar
else:
    from typing_extensions import Self, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import Executor

    import boto3.session
    from botocore.config import Config

    from mangrove.fanout import P, Page, R, RegionPages, RegionResults, ServiceResults

__all__ = [
    "ALL_REGIONS",
    "RegionsArg",
    "ServiceField",
    "ServiceMixinPool",
    "ServicePool",
    "service",
]

logger = logging.getLogger("mangrove")

ClientT = TypeVar("ClientT", bound=BaseClient, default=BaseClient, covariant=True)
PoolT = TypeVar("PoolT", bound="ServicePool[BaseClient]")

#: `regions=` value meaning every region the service offers in the partition.
ALL_REGIONS = "*"

#: What `regions=` accepts: None or "*" for all, one region name, or several.
RegionsArg = str | Iterable[str] | None


def _as_region_list(regions: Iterable[str]) -> list[str]:
    """Regions in the order given, duplicates dropped; a lone string is one region."""
    if isinstance(regions, str):
        return [regions]
    ordered: dict[str, None] = {}
    for region in regions:
        if not isinstance(region, str):
            raise TypeError(f"region names are strings, got {region!r}")
        ordered[region] = None
    return list(ordered)


def _client_kwargs(
    verify: bool | str | None, use_ssl: bool, api_version: str | None, account: str | None
) -> dict[str, object]:
    """`Session.client` keyword arguments beyond region, endpoint and config; unset: left out."""
    given = {
        "verify": verify,
        "use_ssl": use_ssl,
        "api_version": api_version,
        "aws_account_id": account,
    }
    return {name: value for name, value in given.items() if value is not None}


class RegionClient:
    """A generated pool's attribute for one region: `Ec2Pool().us_west_1`."""

    __slots__ = ("region",)

    def __init__(self, region: str) -> None:
        self.region = region

    @overload
    def __get__(self, pool: None, owner: type[object]) -> RegionClient: ...
    @overload
    def __get__(self, pool: ServicePool[ClientT], owner: type[object]) -> ClientT: ...
    def __get__(
        self, pool: ServicePool[ClientT] | None, owner: type[object]
    ) -> ClientT | RegionClient:
        if pool is None:
            return self
        return pool._client_for_attribute(self.region)


class ServicePool(Generic[ClientT]):
    """Clients of one AWS service across regions, created on first use.

    `regions`: None or "*" for every region the service offers in `partition`, one region
    name, or an iterable of names (duplicates collapse). Credentials and connection settings
    are those of `boto3.Session` and `Session.client`; extra keyword arguments go to every
    `client()` call.
    """

    #: The botocore service name (`"ec2"`, `"cognito-idp"`). Subclasses set it.
    _aws_module_name: ClassVar[str] = ""
    #: Generated pools: the service's regions per partition as of generation.
    _region_table: ClassVar[tuple[region_data.ServiceRegions, ...]] = ()
    #: Generated pools: the botocore version they were generated from.
    _botocore_version: ClassVar[str | None] = None

    def __init__(
        self,
        regions: RegionsArg = None,
        *,
        partition: str = "aws",
        default_region: str | None = None,
        session: boto3.session.Session | None = None,
        profile_name: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        config: Config | None = None,
        endpoint_url: str | None = None,
        verify: bool | str | None = None,
        use_ssl: bool = True,
        api_version: str | None = None,
        aws_account_id: str | None = None,
        connect: bool = False,
    ) -> None:
        if not self._aws_module_name:
            raise InvalidPoolDeclarationError(
                f"{type(self).__name__} does not say which service it pools: set"
                ' _aws_module_name = "<botocore service name>" on the class.'
            )
        if session is not None and (
            profile_name or aws_access_key_id or aws_secret_access_key or aws_session_token
        ):
            raise InvalidPoolDeclarationError(
                "Pass either session= or credentials (profile_name=, aws_access_key_id=, ...),"
                " not both: the session already carries its credentials."
            )
        self._partition = partition
        self._offered = self._regions_in_partition(partition)  # validates the partition
        self._handle = (
            SessionHandle.for_session(session)
            if session is not None
            else SessionHandle.new(
                Credentials(
                    profile_name, aws_access_key_id, aws_secret_access_key, aws_session_token
                )
            )
        )
        self._lock = self._handle.lock
        self._config = config
        self._endpoint_url = endpoint_url
        self._client_kwargs = _client_kwargs(verify, use_ssl, api_version, aws_account_id)
        self._clients: dict[str, ClientT] = {}
        if regions is None or regions == ALL_REGIONS:
            self._regions = _as_region_list(self._get_module_regions())
        elif regions == "enabled":  # mangrove.discovery.ENABLED_REGIONS: ask the account
            self._regions = self._enabled_regions()
        else:
            self._regions = [self._validated(region) for region in _as_region_list(regions)]
        if default_region is None and self._offered.is_global:
            default_region = self._offered.regions[0]
        if default_region is not None and default_region not in self._regions:
            self._validated(default_region)
            raise InvalidPoolDeclarationError(
                f"default_region {default_region!r} is not among this pool's regions"
                f" ({', '.join(self._regions)}); add it to regions=."
            )
        self._default_region = default_region
        if connect:
            self.connect()

    # -- what the pool is made of ---------------------------------------------------------

    @property
    def service_name(self) -> str:
        """The botocore service name."""
        return self._aws_module_name

    @property
    def partition(self) -> str:
        return self._partition

    @property
    def regions(self) -> tuple[str, ...]:
        """The pool's regions, in the order they were given."""
        with self._lock:
            return tuple(self._regions)

    @property
    def connected_regions(self) -> tuple[str, ...]:
        """Regions whose client exists already."""
        with self._lock:
            return tuple(r for r in self._regions if r in self._clients)

    @property
    def default_region(self) -> str | None:
        return self._default_region

    @property
    def regions_verified(self) -> bool:
        """False when botocore does not list the service, and regions are the partition's."""
        return self._offered.verified

    @property
    def is_global(self) -> bool:
        """True for services with one endpoint per partition (iam, route53, ...)."""
        return self._offered.is_global

    @property
    def session(self) -> boto3.session.Session:
        """The boto3 Session every client of this pool comes from."""
        return self._handle.session

    # -- getting clients ------------------------------------------------------------------

    def region(self, name: str) -> ClientT:
        """The client for region `name`, created on first use."""
        client = self._clients.get(name)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(name)
            if client is None:
                if name not in self._regions:
                    self._raise_not_in_pool(name, RegionNotInPoolError)
                client = self._connect_module_to_region(name)
                self._clients[name] = client
                logger.debug("created %s client for %s", self._aws_module_name, name)
        return client

    def __getitem__(self, name: str) -> ClientT:
        return self.region(name)

    @property
    def default(self) -> ClientT:
        """The client of `default_region` (the global endpoint for global services)."""
        if self._default_region is None:
            if len(self._regions) == 1:
                return self.region(self._regions[0])
            raise NoDefaultRegionError(self._aws_module_name, self.regions)
        return self.region(self._default_region)

    def __iter__(self) -> Iterator[tuple[str, ClientT]]:
        """`(region, client)` pairs in the pool's order; clients are created as reached."""
        for name in self.regions:
            yield name, self.region(name)

    def __len__(self) -> int:
        return len(self._regions)

    def __contains__(self, name: object) -> bool:
        return name in self._regions

    def connect(self) -> Self:
        """Create every region's client now rather than on first use."""
        for name in self.regions:
            self.region(name)
        return self

    # -- asking every region at once (mangrove.fanout, mangrove.discovery) -------------------

    def map(
        self,
        fn: Callable[[ClientT], R],
        *,
        regions: Iterable[str] | None = None,
        max_workers: int | None = None,
        timeout: float | None = None,
        executor: Executor | None = None,
    ) -> RegionResults[R]:
        """`fn(client)` in every region (or `regions`) at once: results and classified
        failures by region, in the pool's order. Never raises for a region's failure; see
        `mangrove.fanout` for `timeout` (one deadline for all) and `executor`."""
        from mangrove import fanout

        return fanout.map_pool(
            self, fn, regions=regions, max_workers=max_workers, timeout=timeout, executor=executor
        )

    @overload
    def paginate(
        self,
        operation: str,
        /,
        *,
        regions: Iterable[str] | None = None,
        max_workers: int | None = None,
        timeout: float | None = None,
        executor: Executor | None = None,
        **params: object,
    ) -> RegionPages[Page]: ...
    @overload
    def paginate(
        self,
        operation: Callable[[ClientT], Iterable[P]],
        /,
        *,
        regions: Iterable[str] | None = None,
        max_workers: int | None = None,
        timeout: float | None = None,
        executor: Executor | None = None,
    ) -> RegionPages[P]: ...
    def paginate(
        self,
        operation: str | Callable[[ClientT], Iterable[P]],
        /,
        *,
        regions: Iterable[str] | None = None,
        max_workers: int | None = None,
        timeout: float | None = None,
        executor: Executor | None = None,
        **params: object,
    ) -> RegionPages[P] | RegionPages[Page]:
        """Walk a paginated operation in every region at once; iterate the pages (tagged with
        their region) or `.items()`. `operation` is a name plus `**params`, or a callable such
        as `lambda c: c.get_paginator("list_queues").paginate()` whose pages keep their types."""
        from mangrove import fanout

        return fanout.paginate_pool(
            self,
            operation,
            params,
            regions=regions,
            max_workers=max_workers,
            timeout=timeout,
            executor=executor,
        )

    def _enabled_regions(self) -> list[str]:
        """`regions="enabled"`: the default regions the account has enabled (asked once per
        Session, through this pool's Session, endpoint and config)."""
        from mangrove.discovery import enabled_pool_regions

        return enabled_pool_regions(
            self._handle,
            self._partition,
            _as_region_list(self._get_module_regions()),
            is_global=self._offered.is_global,
            endpoint_url=self._endpoint_url,
            config=self._config,
        )

    # -- changing the pool ----------------------------------------------------------------

    def add_region(self, name: str) -> None:
        """Add a region the service offers; adding one already in the pool does nothing."""
        self._validated(name)
        with self._lock:
            if name not in self._regions:
                self._regions.append(name)

    def remove_region(self, name: str) -> None:
        """Drop a region and its client (threads holding that client may keep using it)."""
        with self._lock:
            if name not in self._regions:
                self._raise_not_in_pool(name, RegionNotInPoolError)
            self._regions.remove(name)
            self._clients.pop(name, None)
            if self._default_region == name:
                self._default_region = None

    # -- extension points (earlier mangrove's names) ----------------------------------------

    def _get_module_regions(self) -> Sequence[str]:
        """The regions a pool built without `regions=` holds. Override to change the default."""
        return self._offered.regions

    def _connect_module_to_region(self, region: str) -> ClientT:
        """Make the client for `region`. Override to change how a region is connected."""
        return self.create_client(region)

    def create_client(self, region: str) -> ClientT:
        """A new, uncached client for `region` from the pool's Session and settings."""
        try:
            client = self._handle.create_client(
                self._aws_module_name,
                region,
                config=self._config,
                endpoint_url=self._endpoint_url,
                client_kwargs=self._client_kwargs,
            )
        except botocore.exceptions.UnknownServiceError:
            # A pool generated from a newer botocore than the one installed.
            raise UnknownServiceError(
                self._aws_module_name,
                region_data.known_services(),
                note=f"(this pool was generated from botocore {self._botocore_version};"
                f" the installed botocore {region_data.botocore_version()} lacks the service:"
                " upgrade botocore)",
            ) from None
        return cast(ClientT, client)

    # -- internals ----------------------------------------------------------------------------

    @classmethod
    def _regions_in_partition(cls, partition: str) -> region_data.ServiceRegions:
        from mangrove._generated import generated_region_table

        for regions in cls._region_table or generated_region_table(cls._aws_module_name):
            if regions.partition == partition:
                return regions
        return region_data.service_regions(cls._aws_module_name, partition)

    def _valid_regions(self) -> set[str]:
        """Regions this pool accepts: what the service offers, plus any custom defaults."""
        return set(self._offered.regions) | set(self._get_module_regions())

    def _validated(self, name: str) -> str:
        if not isinstance(name, str):
            raise TypeError(f"region names are strings, got {name!r}")
        valid = self._valid_regions()
        if name in valid:
            return name
        other = region_data.partition_of_region(name)
        if other == self._partition:
            # The installed botocore may know regions the generated table predates.
            if name in region_data.service_regions(self._aws_module_name, other).regions:
                return name
            other = None
        raise UnknownRegionError(
            name, self._aws_module_name, self._partition, valid, other_partition=other
        )

    def _raise_not_in_pool(self, name: str, error: type[RegionNotInPoolError]) -> None:
        self._validated(name)  # an unknown region is a different mistake: say that instead
        raise error(name, self._aws_module_name, self._regions)

    def _client_for_attribute(self, name: str) -> ClientT:
        if name not in self._regions:
            self._raise_not_in_pool(name, RegionAttributeError)
        return self.region(name)

    def _region_by_attribute(self, attribute: str) -> ClientT:
        # Only reached for names the class does not define: region attributes of
        # hand-written subclasses, and typos.
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        name = attribute_to_region(attribute)
        if name in self._regions:
            return self.region(name)
        try:
            self._validated(name)
        except UnknownRegionError:
            known = [region_attribute(r) for r in self._valid_regions()]
            hint = close_matches(attribute, known)
            suffix = f" Did you mean {' or '.join(hint)}?" if hint else ""
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {attribute!r}.{suffix}"
            ) from None
        raise RegionAttributeError(name, self._aws_module_name, self._regions)

    if not TYPE_CHECKING:
        # Hidden from type checkers: they see only the region attributes a class declares,
        # so `pool.us_wst_1` is a type error rather than a silently accepted client.
        __getattr__ = _region_by_attribute

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | {region_attribute(r) for r in self._regions})

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} service={self._aws_module_name!r}"
            f" partition={self._partition!r} regions={len(self._regions)}"
            f" connected={len(self._clients)}>"
        )

    @classmethod
    def for_service(cls, service: str) -> type[ServicePool[BaseClient]]:
        """The pool class of a botocore service: the generated one if there is one."""
        from mangrove.services import pool_class

        return pool_class(service)


class ServiceField(Generic[PoolT]):
    """A typed service declared on a `ServiceMixinPool` with `service(...)`."""

    def __init__(
        self,
        pool_class: type[PoolT],
        regions: RegionsArg,
        default_region: str | None,
    ) -> None:
        self.pool_class = pool_class
        self.regions = regions
        self.default_region = default_region
        self.name = ""

    def __set_name__(self, owner: type[object], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, mixin: None, owner: type[object]) -> ServiceField[PoolT]: ...
    @overload
    def __get__(self, mixin: ServiceMixinPool, owner: type[object]) -> PoolT: ...
    def __get__(
        self, mixin: ServiceMixinPool | None, owner: type[object]
    ) -> PoolT | ServiceField[PoolT]:
        if mixin is None:
            return self
        return cast(PoolT, mixin.services[self.name])


def service(
    pool_class: type[PoolT], *, regions: RegionsArg = None, default_region: str | None = None
) -> ServiceField[PoolT]:
    """Declare a service of a `ServiceMixinPool` with its own regions::

    class Fleet(ServiceMixinPool):
        ec2: Ec2Pool                                   # the constructor's regions
        sqs = service(SqsPool, regions=["us-east-1"])  # its own
    """
    return ServiceField(pool_class, regions, default_region)


class _ServiceSpec:
    """One service a mixin pool will hold, however it was declared."""

    __slots__ = ("attribute", "default_region", "own_regions", "pool_class", "regions")

    def __init__(
        self,
        attribute: str,
        pool_class: type[ServicePool[BaseClient]],
        regions: RegionsArg,
        default_region: str | None,
        own_regions: bool,
    ) -> None:
        self.attribute = attribute
        self.pool_class = pool_class
        self.regions = regions
        self.default_region = default_region
        self.own_regions = own_regions


class ServiceMixinPool:
    """Several services' pools in one object, sharing one boto3 Session.

    Declare the services in any of three ways::

        class Fleet(ServiceMixinPool):             # typed: pool.ec2 is an Ec2Pool
            ec2: Ec2Pool
            sqs = service(SqsPool, regions=["us-east-1"], default_region="us-east-1")

        class Legacy(ServiceMixinPool):            # earlier mangrove's dict form
            _aws_services = {"ec2": {"regions": "*", "default_region": "eu-west-1"}}

        class Simple(ServiceMixinPool):            # a list; regions= applies to all
            _aws_module_names = ["ec2", "s3", "sqs"]

    The constructor's `regions=` applies to every service declared without its own; global
    services (iam, route53, ...) always get their partition's global endpoint.
    """

    _aws_services: ClassVar[Mapping[str, Mapping[str, object]]] = {}
    _aws_module_names: ClassVar[Sequence[str]] = ()

    def __init__(
        self,
        regions: RegionsArg = None,
        *,
        partition: str = "aws",
        session: boto3.session.Session | None = None,
        profile_name: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        config: Config | None = None,
        endpoint_url: str | None = None,
        verify: bool | str | None = None,
        use_ssl: bool = True,
        api_version: str | None = None,
        aws_account_id: str | None = None,
        connect: bool = False,
    ) -> None:
        if session is None:
            import boto3.session

            session = boto3.session.Session(
                profile_name=profile_name,
                aws_access_key_id=aws_access_key_id,
                aws_secret_access_key=aws_secret_access_key,
                aws_session_token=aws_session_token,
            )
        elif profile_name or aws_access_key_id or aws_secret_access_key or aws_session_token:
            raise InvalidPoolDeclarationError("Pass either session= or credentials, not both.")
        self._session = session
        self._partition = partition
        self._regions = regions
        self._pool_options: dict[str, object] = {
            "config": config,
            "endpoint_url": endpoint_url,
            "verify": verify,
            "use_ssl": use_ssl,
            "api_version": api_version,
            "aws_account_id": aws_account_id,
        }
        self._services: dict[str, ServicePool[BaseClient]] = {}
        for spec in self._declared_services():
            self._add(spec)
        if connect:
            self.connect()

    # -- declarations -------------------------------------------------------------------------

    @classmethod
    def _declared_services(cls) -> list[_ServiceSpec]:
        specs: dict[str, _ServiceSpec] = {}
        for attribute, pool_class in cls._annotated_pools().items():
            specs[attribute] = _ServiceSpec(attribute, pool_class, None, None, False)
        for klass in reversed(cls.__mro__):
            for attribute, value in vars(klass).items():
                if isinstance(value, ServiceField):
                    specs[attribute] = _ServiceSpec(
                        attribute,
                        value.pool_class,
                        value.regions,
                        value.default_region,
                        value.regions is not None,
                    )
        for name, options in cls._aws_services.items():
            attribute = module_name(name)
            regions, default_region = _legacy_options(name, options)
            specs[attribute] = _ServiceSpec(
                attribute, ServicePool.for_service(name), regions, default_region, True
            )
        for name in cls._aws_module_names:
            attribute = module_name(name)
            specs.setdefault(
                attribute, _ServiceSpec(attribute, ServicePool.for_service(name), None, None, False)
            )
        return list(specs.values())

    @classmethod
    def _annotated_pools(cls) -> dict[str, type[ServicePool[BaseClient]]]:
        try:
            hints = get_type_hints(cls)
        except NameError as exc:
            raise InvalidPoolDeclarationError(
                f"{cls.__name__}'s annotations name something not importable at run time"
                f" ({exc}); import pool classes outside `if TYPE_CHECKING:`."
            ) from None
        return {
            attribute: hint
            for attribute, hint in hints.items()
            if isinstance(hint, type) and issubclass(hint, ServicePool)
        }

    def _add(self, spec: _ServiceSpec) -> ServicePool[BaseClient]:
        pool_class = spec.pool_class
        if spec.own_regions:
            regions = spec.regions
        elif pool_class._regions_in_partition(self._partition).is_global:
            regions = None
        else:
            regions = self._regions
        pool = pool_class(
            regions,
            partition=self._partition,
            default_region=spec.default_region,
            session=self._session,
            **self._pool_options,  # type: ignore[arg-type]
        )
        self._services[spec.attribute] = pool
        return pool

    # -- use ----------------------------------------------------------------------------------

    @property
    def services(self) -> Mapping[str, ServicePool[BaseClient]]:
        """Each service's pool, by the attribute it is reached with."""
        return dict(self._services)

    @property
    def session(self) -> boto3.session.Session:
        return self._session

    def add_service(
        self,
        service_or_pool: str | type[ServicePool[BaseClient]],
        *,
        name: str | None = None,
        regions: RegionsArg = None,
        default_region: str | None = None,
    ) -> ServicePool[BaseClient]:
        """Add a service (a botocore name or a pool class) and return its pool."""
        if isinstance(service_or_pool, str):
            pool_class = ServicePool.for_service(service_or_pool)
        else:
            pool_class = service_or_pool
        attribute = name or module_name(pool_class._aws_module_name)
        if attribute in self._services:
            raise InvalidPoolDeclarationError(f"{attribute!r} is already in this pool.")
        spec = _ServiceSpec(attribute, pool_class, regions, default_region, regions is not None)
        return self._add(spec)

    def connect(self) -> Self:
        """Create every service's every client now."""
        for pool in self._services.values():
            pool.connect()
        return self

    # -- asking every service and region at once (mangrove.fanout) --------------------------

    def map(
        self,
        fn: Callable[[BaseClient], R],
        *,
        services: Iterable[str] | None = None,
        regions: Iterable[str] | None = None,
        max_workers: int | None = None,
        timeout: float | None = None,
        executor: Executor | None = None,
    ) -> ServiceResults[R]:
        """`fn(client)` for every service x region at once, on one executor: results by
        service, then by region. `regions` narrows regional services; global ones are always
        asked once. `client.meta.service_model.service_name` says which service `fn` got."""
        from mangrove import fanout

        return fanout.map_services(
            self,
            fn,
            services=services,
            regions=regions,
            max_workers=max_workers,
            timeout=timeout,
            executor=executor,
        )

    def _service_by_attribute(self, attribute: str) -> ServicePool[BaseClient]:
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        try:
            return self._services[attribute]
        except KeyError:
            hint = close_matches(attribute, self._services)
            suffix = f" Did you mean {' or '.join(hint)}?" if hint else ""
            raise AttributeError(
                f"{type(self).__name__!r} has no service {attribute!r}; it holds"
                f" {', '.join(self._services) or 'none'}.{suffix}"
            ) from None

    if not TYPE_CHECKING:
        # As for ServicePool: type checkers see only declared services.
        __getattr__ = _service_by_attribute

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._services))

    def __repr__(self) -> str:
        inner = ", ".join(
            f"{name}: {len(pool)} regions, {len(pool.connected_regions)} connected"
            for name, pool in self._services.items()
        )
        return f"<{type(self).__name__} partition={self._partition!r} {{{inner}}}>"


def _legacy_options(name: str, options: Mapping[str, object]) -> tuple[RegionsArg, str | None]:
    """Earlier mangrove's `_aws_services` entry, checked by its rules."""
    unknown = set(options) - {"regions", "default_region"}
    if unknown:
        raise InvalidPoolDeclarationError(
            f"_aws_services[{name!r}] has unknown keys {sorted(unknown)};"
            " valid keys are 'regions' and 'default_region'."
        )
    regions = options.get("regions")
    default_region = options.get("default_region")
    if default_region is not None and not isinstance(default_region, str):
        raise InvalidPoolDeclarationError(
            f"_aws_services[{name!r}]['default_region'] must be a region name."
        )
    if isinstance(regions, str) and regions != ALL_REGIONS:
        raise InvalidPoolDeclarationError(
            f"_aws_services[{name!r}]['regions'] is {regions!r}: use '*' for every region or"
            f" a list such as [{regions!r}]."
        )
    if default_region is not None and regions is None:
        raise InvalidPoolDeclarationError(
            f"_aws_services[{name!r}] sets default_region without regions; add 'regions'."
        )
    if regions is not None and not isinstance(regions, str):
        if not isinstance(regions, Iterable):
            raise InvalidPoolDeclarationError(
                f"_aws_services[{name!r}]['regions'] must be '*' or a list of region names."
            )
        regions = _as_region_list(cast(Iterable[str], regions))
        if default_region is not None and default_region not in regions:
            raise InvalidPoolDeclarationError(
                f"_aws_services[{name!r}]: default_region {default_region!r} is not in its"
                f" regions {regions}."
            )
    return cast(RegionsArg, regions), default_region
