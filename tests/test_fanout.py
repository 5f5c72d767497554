"""Fan-out across regions against moto: map, paginate, mixin pools, enabled regions, SSM."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import TypeVar

import boto3.session
import pytest
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError

from mangrove import (
    MangroveError,
    RegionNotInPoolError,
    ServiceMixinPool,
    UnknownRegionError,
    discovery,
    fanout,
)
from mangrove.failures import (
    FailureKind,
    FanOutError,
    RegionCallError,
    RegionClientError,
    RegionTimeoutError,
    _FanOutErrorCompat,
    classify,
)
from mangrove.operations import NotPageableError, UnknownOperationError
from mangrove.optin import is_opt_in_region
from mangrove.services import Ec2Pool, IamPool, SqsPool

T = TypeVar("T")

REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"]


@pytest.fixture
def sqs(aws: None) -> SqsPool:
    pool = SqsPool(REGIONS)
    for count, region in enumerate(REGIONS, start=1):
        for n in range(count):
            pool.region(region).create_queue(QueueName=f"q-{region}-{n}")
    return pool


def queue_count(client: BaseClient) -> int:
    return len(client.list_queues().get("QueueUrls", []))  # type: ignore[attr-defined]


# -- map --------------------------------------------------------------------------------------


def test_map_returns_every_region_in_pool_order(sqs: SqsPool) -> None:
    results = sqs.map(queue_count)
    assert results.ok
    assert list(results) == REGIONS
    assert dict(results) == {"us-east-1": 1, "eu-west-1": 2, "ap-southeast-2": 3, "sa-east-1": 4}
    assert results.regions == tuple(REGIONS)
    assert [o.region for o in results.outcomes] == REGIONS
    assert all(o.ok and o.seconds >= 0 for o in results.outcomes)
    assert results.raise_all() is results
    assert results.raise_first() is results
    assert "4 ok, 0 failed" in repr(results)


def test_map_runs_regions_concurrently(aws: None) -> None:
    pool = SqsPool([*REGIONS, "us-west-1", "us-west-2", "eu-central-1", "ap-south-1"])
    pool.connect()
    start = time.perf_counter()
    results = pool.map(lambda client: time.sleep(0.25) or client.meta.region_name)
    elapsed = time.perf_counter() - start
    assert results.ok and len(results) == 8
    assert elapsed < 1.5, f"8 x 0.25 s took {elapsed:.2f} s: not concurrent"


def test_clients_are_made_by_the_pool_once_each_under_its_lock(aws: None) -> None:
    pool = SqsPool(REGIONS)
    first = pool.map(lambda client: client)
    second = pool.map(lambda client: client)
    assert pool.connected_regions == tuple(REGIONS)
    for region in REGIONS:
        assert first[region] is second[region] is pool.region(region)


def test_map_on_chosen_regions_and_bad_regions_fail_before_running(sqs: SqsPool) -> None:
    assert list(sqs.map(queue_count, regions=["sa-east-1", "us-east-1"])) == [
        "sa-east-1",
        "us-east-1",
    ]
    assert list(sqs.map(queue_count, regions="eu-west-1")) == ["eu-west-1"]
    ran: list[str] = []
    with pytest.raises(UnknownRegionError, match="us-west-1"):
        sqs.map(lambda c: ran.append("x"), regions=["us-wset-1"])
    with pytest.raises(RegionNotInPoolError, match="add_region"):
        sqs.map(lambda c: ran.append("x"), regions=["us-east-1", "us-west-1"])
    assert ran == []


def test_a_raising_function_is_kept_per_region_and_never_raised(sqs: SqsPool) -> None:
    def fn(client: BaseClient) -> int:
        if client.meta.region_name == "eu-west-1":
            raise ZeroDivisionError("boom")
        return 1

    results = sqs.map(fn)
    assert not results.ok
    assert results.succeeded == ("us-east-1", "ap-southeast-2", "sa-east-1")
    assert results.failed == ("eu-west-1",)
    error = results.errors["eu-west-1"]
    assert type(error) is RegionCallError and error.kind is FailureKind.ERROR
    assert isinstance(error.error, ZeroDivisionError) and error.__cause__ is error.error
    assert (error.service, error.region) == ("sqs", "eu-west-1")
    with pytest.raises(KeyError, match="eu-west-1 failed"):
        results["eu-west-1"]
    with pytest.raises(RegionCallError, match="boom"):
        results.result("eu-west-1")
    assert results.get("eu-west-1") is None
    assert "eu-west-1" not in results


def test_aws_errors_are_client_errors(sqs: SqsPool) -> None:
    results = sqs.map(lambda c: c.get_queue_url(QueueName="no-such-queue"))
    assert set(results.failed) == set(REGIONS)
    assert all(isinstance(e, RegionClientError) for e in results.failures)
    assert results.failures_of(FailureKind.CLIENT_ERROR) == results.failures
    assert results.errors["us-east-1"].code is not None


def test_raise_first_and_raise_all(sqs: SqsPool) -> None:
    def fn(client: BaseClient) -> str:
        region = client.meta.region_name
        if region in ("ap-southeast-2", "eu-west-1"):
            raise ValueError(region)
        return region

    results = sqs.map(fn)
    with pytest.raises(RegionCallError) as first:
        results.raise_first()
    assert first.value.region == "eu-west-1"  # region order, not completion order
    with pytest.raises(FanOutError) as group:
        results.raise_all()
    assert isinstance(group.value, MangroveError)
    assert [e.region for e in group.value.exceptions] == ["eu-west-1", "ap-southeast-2"]
    assert set(group.value.by_region) == {("sqs", "eu-west-1"), ("sqs", "ap-southeast-2")}


@pytest.mark.skipif(sys.version_info < (3, 11), reason="ExceptionGroup is 3.11+")
def test_fan_out_error_is_an_exception_group_on_311() -> None:
    errors = [
        RegionClientError("sqs", "us-east-1", ValueError("a")),
        RegionTimeoutError("sqs", "eu-west-1", TimeoutError("b")),
    ]
    group = FanOutError("two failed", errors)
    assert isinstance(group, ExceptionGroup)  # noqa: F821 - 3.11+ only
    timed_out, rest = group.split(RegionTimeoutError)
    assert isinstance(timed_out, FanOutError) and isinstance(timed_out, MangroveError)
    assert [e.region for e in timed_out.exceptions] == ["eu-west-1"]
    assert rest is not None and [e.region for e in rest.exceptions] == ["us-east-1"]
    caught: list[str] = []
    namespace = {"group": group, "RegionTimeoutError": RegionTimeoutError, "caught": caught}
    exec(  # except* is a syntax error on 3.10, where this file must still import
        "try:\n    raise group\nexcept* RegionTimeoutError as eg:\n"
        "    caught.extend(e.region for e in eg.exceptions)\nexcept* Exception:\n    pass\n",
        namespace,
    )
    assert caught == ["eu-west-1"]


def test_the_310_fallback_carries_the_same_attributes() -> None:
    errors = [RegionClientError("sqs", "us-east-1", ValueError("a"))]
    group = _FanOutErrorCompat("one failed", errors)
    assert isinstance(group, MangroveError)
    assert group.exceptions == tuple(errors) and group.message == "one failed"
    assert group.by_region == {("sqs", "us-east-1"): errors[0]}
    assert str(group) == "one failed (1 sub-exceptions)"


def test_map_timeout_records_slow_regions_and_returns_on_time(sqs: SqsPool) -> None:
    release = threading.Event()

    def fn(client: BaseClient) -> str:
        if client.meta.region_name == "sa-east-1":
            release.wait(5)  # bounded; released below
        return client.meta.region_name

    try:
        start = time.perf_counter()
        results = sqs.map(fn, timeout=0.5)
        elapsed = time.perf_counter() - start
    finally:
        release.set()
    assert elapsed < 2.0
    assert results.succeeded == ("us-east-1", "eu-west-1", "ap-southeast-2")
    error = results.errors["sa-east-1"]
    assert isinstance(error, RegionTimeoutError) and isinstance(error, TimeoutError)
    assert "0.5 s" in str(error)


def test_any_executor_is_used_and_left_open(sqs: SqsPool) -> None:
    with ThreadPoolExecutor(max_workers=2) as executor:
        results = sqs.map(queue_count, executor=executor)
        assert results.ok and len(results) == 4
        assert executor.submit(lambda: 42).result() == 42  # not shut down by map

    class Inline(Executor):
        """Runs each call at submit time: any Executor works, even a synchronous one."""

        def __init__(self) -> None:
            self.calls = 0

        def submit(  # type: ignore[override]
            self, fn: Callable[..., T], /, *args: object, **kwargs: object
        ) -> Future[T]:
            self.calls += 1
            future: Future[T] = Future()
            future.set_result(fn(*args, **kwargs))
            return future

    inline = Inline()
    assert dict(sqs.map(queue_count, executor=inline)) == dict(sqs.map(queue_count))
    assert inline.calls == 4


def test_bad_fan_out_options(sqs: SqsPool) -> None:
    with ThreadPoolExecutor(1) as executor, pytest.raises(ValueError, match="not both"):
        sqs.map(queue_count, executor=executor, max_workers=2)
    with pytest.raises(ValueError, match="max_workers"):
        sqs.map(queue_count, max_workers=0)
    with pytest.raises(ValueError, match="timeout"):
        sqs.map(queue_count, timeout=0)


def test_max_workers_bounds_the_threads(sqs: SqsPool) -> None:
    seen: set[str] = set()
    lock = threading.Lock()

    def fn(client: BaseClient) -> None:
        with lock:
            seen.add(threading.current_thread().name)

    assert sqs.map(fn, max_workers=1).ok
    assert len(seen) == 1


def worker_threads(pool: SqsPool, **options: object) -> set[threading.Thread]:
    threads: set[threading.Thread] = set()  # the objects: names repeat across thread pools
    lock = threading.Lock()

    def fn(client: BaseClient) -> None:
        time.sleep(0.02)  # overlap, so each region gets a thread
        with lock:
            threads.add(threading.current_thread())

    assert pool.map(fn, **options).ok  # type: ignore[arg-type]
    return threads


def test_idle_threads_are_reused_by_the_next_fan_out(
    sqs: SqsPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fanout, "_idle_pools", fanout._IdlePools())
    first = worker_threads(sqs)
    time.sleep(0.05)  # the workers mark themselves idle just after their last result
    assert len(first) == 4 and first == worker_threads(sqs)  # warm threads, not new ones
    assert first.isdisjoint(worker_threads(sqs, max_workers=4))  # a pool of its own


def test_a_fan_out_that_leaves_a_call_running_keeps_no_threads(
    sqs: SqsPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle = fanout._IdlePools()
    monkeypatch.setattr(fanout, "_idle_pools", idle)
    release = threading.Event()

    def fn(client: BaseClient) -> None:
        if client.meta.region_name == "sa-east-1":
            release.wait(5)

    try:
        assert sqs.map(fn, timeout=0.5).failed == ("sa-east-1",)
        assert idle._idle == []  # its hung thread must not hold up a later fan-out
    finally:
        release.set()
    assert sqs.map(fn).ok and len(idle._idle) == 1
    monkeypatch.setattr(idle, "_pid", -1)  # as if this process were a fork of another
    assert idle.take() is not None and idle._idle == []


# -- paginate ---------------------------------------------------------------------------------


@pytest.fixture
def many_queues(aws: None) -> SqsPool:
    pool = SqsPool(["us-east-1", "eu-west-1", "ap-south-1"])
    for n in range(25):
        pool.us_east_1.create_queue(QueueName=f"east-{n:02}")
    for n in range(3):
        pool.eu_west_1.create_queue(QueueName=f"west-{n}")
    return pool


def test_paginate_yields_every_page_tagged_with_its_region(many_queues: SqsPool) -> None:
    pages = many_queues.paginate("ListQueues", MaxResults=10)
    collected = list(pages)
    per_region: dict[str, list[int]] = {}
    for page in collected:
        per_region.setdefault(page.region, []).append(page.number)
        assert page.service == "sqs"
    assert sorted(per_region["us-east-1"]) == [0, 1, 2]
    assert per_region["eu-west-1"] == [0]
    assert dict(pages.pages_per_region) == {"us-east-1": 3, "eu-west-1": 1, "ap-south-1": 1}
    assert pages.ok and pages.errors == {}
    east = [u for p in collected if p.region == "us-east-1" for u in p.page.get("QueueUrls", [])]
    assert len(east) == 25
    with pytest.raises(RuntimeError, match="already iterated"):
        list(pages)


def test_paginate_items_flattens_by_result_key(many_queues: SqsPool) -> None:
    items = list(many_queues.paginate("list_queues", MaxResults=10).items())
    by_region = {r: [i.item for i in items if i.region == r] for r in many_queues.regions}
    assert len(by_region["us-east-1"]) == 25 and len(by_region["eu-west-1"]) == 3
    assert by_region["ap-south-1"] == []
    explicit = list(many_queues.paginate("list-queues").items("QueueUrls"))
    assert len(explicit) == 28


def test_paginate_with_a_callable_keeps_its_pages(many_queues: SqsPool) -> None:
    pages = many_queues.paginate(
        lambda c: c.get_paginator("list_queues").paginate(QueueNamePrefix="west"),
        regions=["eu-west-1", "us-east-1"],
    )
    urls = sorted(u for p in pages for u in p.page.get("QueueUrls", []))
    assert len(urls) == 3 and all("west-" in u for u in urls)
    plain = many_queues.paginate(lambda c: iter([{"a": [1, 2]}, {"a": [3]}]), regions="us-east-1")
    with pytest.raises(ValueError, match="key="):
        list(plain.items())
    again = many_queues.paginate(lambda c: iter([{"a": [1, 2]}, {"a": [3]}]), regions="us-east-1")
    assert [i.item for i in again.items("a")] == [1, 2, 3]


def test_paginate_keeps_failing_regions_beside_the_pages(many_queues: SqsPool) -> None:
    def walk(client: BaseClient) -> object:
        if client.meta.region_name == "eu-west-1":
            raise ConnectionResetError("gone")
        return client.get_paginator("list_queues").paginate(MaxResults=10)

    pages = many_queues.paginate(walk)
    regions = {p.region for p in pages}
    assert regions == {"us-east-1", "ap-south-1"}
    assert not pages.ok and list(pages.errors) == ["eu-west-1"]
    with pytest.raises(FanOutError):
        pages.raise_all()


def test_paginate_checks_the_operation_first(many_queues: SqsPool) -> None:
    with pytest.raises(NotPageableError, match="ListQueues"):
        many_queues.paginate("GetQueueUrl")
    with pytest.raises(UnknownOperationError, match="list_queues"):
        many_queues.paginate("list_queue")
    with pytest.raises(TypeError, match="operation name"):
        many_queues.paginate(lambda c: [], MaxResults=5)  # type: ignore[call-overload]


def test_paginate_stops_every_walk_when_the_caller_stops(many_queues: SqsPool) -> None:
    pages = many_queues.paginate("list_queues", MaxResults=1)
    for page in pages:
        assert page.page is not None
        break
    assert "RegionPages" in repr(pages)


def test_paginate_timeout(many_queues: SqsPool) -> None:
    release = threading.Event()

    def walk(client: BaseClient) -> list[dict[str, int]]:
        if client.meta.region_name == "ap-south-1":
            release.wait(5)
        return [{"n": 1}]

    try:
        pages = many_queues.paginate(walk, timeout=0.5)
        got = sorted(p.region for p in pages)
    finally:
        release.set()
    assert got == ["eu-west-1", "us-east-1"]
    assert isinstance(pages.errors["ap-south-1"], RegionTimeoutError)


# -- mixin pools ------------------------------------------------------------------------------


class Fleet(ServiceMixinPool):
    ec2: Ec2Pool
    sqs: SqsPool
    iam: IamPool


def test_mixin_map_fans_out_over_services_and_regions(aws: None) -> None:
    fleet = Fleet(["us-east-1", "eu-west-1"])
    results = fleet.map(lambda c: (c.meta.service_model.service_name, c.meta.region_name))
    assert results.ok and list(results) == ["ec2", "sqs", "iam"]
    assert dict(results["sqs"]) == {
        "us-east-1": ("sqs", "us-east-1"),
        "eu-west-1": ("sqs", "eu-west-1"),
    }
    assert list(results["iam"]) == ["aws-global"]
    assert len(results.outcomes) == 5
    assert "ServiceResults" in repr(results)


def test_mixin_map_narrows_and_keeps_failures(aws: None) -> None:
    fleet = Fleet(["us-east-1", "eu-west-1"])

    def fn(client: BaseClient) -> str:
        if client.meta.service_model.service_name == "ec2":
            raise RuntimeError("no ec2 today")
        return client.meta.region_name

    results = fleet.map(fn, services=["ec2", "sqs"], regions=["eu-west-1"])
    assert list(results) == ["ec2", "sqs"]
    assert dict(results["sqs"]) == {"eu-west-1": "eu-west-1"}
    assert results["ec2"].failed == ("eu-west-1",)
    assert [(f.service, f.region) for f in results.failures] == [("ec2", "eu-west-1")]
    with pytest.raises(RegionCallError, match="no ec2 today"):
        results.raise_first()
    with pytest.raises(fanout.ServiceNotInPoolError, match="'sqs'"):
        fleet.map(fn, services=["sqss"])
    with pytest.raises(RegionNotInPoolError):
        fleet.map(fn, regions=["ap-south-1"])


# -- enabled regions and SSM ------------------------------------------------------------------


def test_enabled_regions_come_from_the_account(aws: None) -> None:
    session = boto3.session.Session()  # asked once: the answer is cached per Session
    everything = discovery.account_regions(session)
    enabled = discovery.enabled_regions(session)
    not_opted = {r.name for r in everything if not r.enabled}
    assert "ap-east-1" in not_opted and "us-east-1" in enabled
    pool = Ec2Pool("enabled", session=session)
    assert "ap-east-1" not in pool and "us-east-1" in pool
    assert set(pool.regions) <= set(enabled)
    assert list(pool.regions) == sorted(pool.regions)
    assert IamPool("enabled").regions == ("aws-global",)


def test_a_mixin_on_enabled_regions_asks_once(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = discovery._describe_regions

    def counting(*args: object, **kwargs: object) -> tuple[discovery.AccountRegion, ...]:
        calls.append("describe_regions")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(discovery, "_describe_regions", counting)

    class Both(ServiceMixinPool):
        ec2: Ec2Pool
        sqs: SqsPool

    both = Both("enabled")
    assert calls == ["describe_regions"]
    assert "me-south-1" not in both.ec2 and "me-south-1" not in both.sqs
    assert "eu-west-1" in both.ec2 and "eu-west-1" in both.sqs


def test_enabled_regions_failure_is_a_clear_error() -> None:
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    config = Config(retries={"total_max_attempts": 1}, connect_timeout=1)
    with pytest.raises(discovery.RegionDiscoveryError, match="ec2:DescribeRegions"):
        Ec2Pool("enabled", endpoint_url=closed, config=config)


def test_service_regions_checked_against_ssm(aws: None) -> None:
    # dsql: botocore's endpoint data does not list it, so mangrove infers its regions.
    check = discovery.check_service_regions("dsql")
    assert not check.verified
    assert check.ssm_regions and set(check.confirmed) == set(check.ssm_regions) - set(check.missing)
    assert check.unconfirmed  # the partition's regions SSM does not list for it
    assert set(check.confirmed).isdisjoint(check.unconfirmed)
    sqs = discovery.check_service_regions("sqs")
    assert sqs.verified and "us-east-1" in sqs.confirmed
    assert all(not r.startswith(("cn-", "us-gov-")) for r in sqs.missing)
    assert discovery.ssm_service_regions("no-such-service") == ()


# -- classification ---------------------------------------------------------------------------


def test_opt_in_regions() -> None:
    assert not is_opt_in_region("us-east-1") and not is_opt_in_region("ap-northeast-3")
    assert is_opt_in_region("ap-east-1") and is_opt_in_region("mx-central-1")
    assert not is_opt_in_region("aws-global") and not is_opt_in_region("cn-north-1")


def test_timeouts_are_classified_before_connection_errors() -> None:
    connect = ConnectTimeoutError(endpoint_url="http://127.0.0.1:1")
    assert classify(connect, service="s3", region="us-east-1").kind is FailureKind.TIMED_OUT
    refused = EndpointConnectionError(endpoint_url="http://127.0.0.1:1")
    assert classify(refused, service="s3", region="us-east-1").kind is FailureKind.UNREACHABLE
    already = RegionClientError("s3", "us-east-1", ValueError())
    assert classify(already, service="s3", region="us-east-1") is already
