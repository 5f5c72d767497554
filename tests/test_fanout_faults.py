"""Fan-out through a fault-injecting proxy in front of moto's HTTP server (all on 127.0.0.1).

Every region must come back as a result or as a correctly classified error, whatever its
endpoint does: answer late, refuse the account, throttle, drop the connection, or never answer.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import ConnectionClosedError, ReadTimeoutError
from faultproxy import Fault, FaultProxy, fault_proxy

from mangrove import ServiceMixinPool, ServicePool
from mangrove.failures import FailureKind, FanOutError
from mangrove.services import Ec2Pool, SqsPool

#: One retry at most, short socket timeouts: the faults below resolve in well under a second.
FAST = Config(
    retries={"total_max_attempts": 2, "mode": "standard"}, connect_timeout=1, read_timeout=3
)
NO_RETRY = Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=3)


@pytest.fixture
def proxy(moto_endpoint: str) -> Iterator[FaultProxy]:
    with fault_proxy(moto_endpoint) as started:
        yield started


def list_queues(client: BaseClient) -> int:
    return len(client.list_queues().get("QueueUrls", []))  # type: ignore[attr-defined]


def test_every_region_comes_back_as_a_result_or_a_classified_error(proxy: FaultProxy) -> None:
    proxy.faults = {
        "eu-west-1": Fault.slow(0.3),
        "ap-southeast-2": Fault.slow(0.2),
        "ap-east-1": Fault.auth_failure("UnrecognizedClientException"),  # opt-in, not enabled
        "us-east-2": Fault.auth_failure("UnrecognizedClientException"),  # enabled everywhere
        "eu-west-2": Fault.throttled("ThrottlingException"),
        "sa-east-1": Fault.dropped(),
        "ca-central-1": Fault.slow(10),  # past the fan-out's timeout
        "us-west-2": Fault.error(400, "InvalidParameterValue"),
    }
    regions = ["us-east-1", *proxy.faults]
    pool = SqsPool(regions, endpoint_url=proxy.url, config=FAST).connect()

    start = time.perf_counter()
    results = pool.map(list_queues, timeout=2.0)
    elapsed = time.perf_counter() - start

    assert elapsed < 3.5
    assert set(results.succeeded) | set(results.failed) == set(regions)
    assert results.regions == tuple(regions)
    assert results.succeeded == ("us-east-1", "eu-west-1", "ap-southeast-2")
    kinds = {region: error.kind for region, error in results.errors.items()}
    assert kinds == {
        "ap-east-1": FailureKind.NOT_ENABLED,
        "us-east-2": FailureKind.AUTH_FAILED,
        "eu-west-2": FailureKind.THROTTLED,
        "sa-east-1": FailureKind.UNREACHABLE,
        "ca-central-1": FailureKind.TIMED_OUT,
        "us-west-2": FailureKind.CLIENT_ERROR,
    }
    assert results.errors["eu-west-2"].code == "ThrottlingException"
    assert isinstance(results.errors["sa-east-1"].error, ConnectionClosedError)
    # botocore retried as the pool's Config says (2 attempts), and only what is retryable.
    assert proxy.requests["eu-west-2"] == 2
    assert proxy.requests["sa-east-1"] == 2
    assert proxy.requests["ap-east-1"] == 1
    with pytest.raises(FanOutError) as group:
        results.raise_all()
    assert len(group.value.exceptions) == 6


def test_ec2_errors_are_classified_from_its_xml(proxy: FaultProxy) -> None:
    proxy.faults = {
        "ap-east-1": Fault.auth_failure(),
        "me-south-1": Fault.error(403, "OptInRequired"),
        "eu-west-2": Fault.throttled("RequestLimitExceeded"),
    }
    pool = Ec2Pool(list(proxy.faults), endpoint_url=proxy.url, config=NO_RETRY)
    results = pool.map(lambda c: c.describe_key_pairs())
    assert {r: e.kind for r, e in results.errors.items()} == {
        "ap-east-1": FailureKind.NOT_ENABLED,
        "me-south-1": FailureKind.NOT_ENABLED,
        "eu-west-2": FailureKind.THROTTLED,
    }
    assert results.errors["ap-east-1"].code == "AuthFailure"
    assert proxy.requests["eu-west-2"] == 1  # total_max_attempts=1: no retry


def test_query_protocol_token_errors(proxy: FaultProxy) -> None:
    proxy.faults = {
        "me-south-1": Fault.auth_failure("InvalidClientTokenId"),
        "us-west-1": Fault.auth_failure("InvalidClientTokenId"),
    }
    pool = ServicePool.for_service("sts")(
        ["us-east-1", "me-south-1", "us-west-1"], endpoint_url=proxy.url, config=NO_RETRY
    )
    results = pool.map(lambda c: c.get_caller_identity()["Account"])  # type: ignore[attr-defined]
    assert results.succeeded == ("us-east-1",)
    assert results.errors["me-south-1"].kind is FailureKind.NOT_ENABLED
    assert results.errors["us-west-1"].kind is FailureKind.AUTH_FAILED


def test_a_read_timeout_is_timed_out(proxy: FaultProxy) -> None:
    proxy.faults = {"eu-west-1": Fault.slow(5)}  # woken when the proxy stops
    config = Config(retries={"total_max_attempts": 1}, read_timeout=1, connect_timeout=1)
    pool = SqsPool(["us-east-1", "eu-west-1"], endpoint_url=proxy.url, config=config)
    results = pool.map(list_queues)
    assert results.succeeded == ("us-east-1",)
    error = results.errors["eu-west-1"]
    assert error.kind is FailureKind.TIMED_OUT and isinstance(error.error, ReadTimeoutError)


def test_a_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    pool = SqsPool(["us-east-1", "eu-west-1"], endpoint_url=closed, config=NO_RETRY)
    results = pool.map(list_queues)
    assert set(results.failed) == {"us-east-1", "eu-west-1"}
    assert all(e.kind is FailureKind.UNREACHABLE for e in results.failures)


def test_slow_regions_overlap_rather_than_add_up(proxy: FaultProxy) -> None:
    regions = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1"]
    proxy.default = Fault.slow(0.3)
    pool = SqsPool(regions, endpoint_url=proxy.url, config=FAST).connect()
    start = time.perf_counter()
    results = pool.map(list_queues)
    elapsed = time.perf_counter() - start
    assert results.ok and len(results) == 6
    assert elapsed < 1.4, f"6 x 0.3 s took {elapsed:.2f} s"


def test_paginate_through_faults(proxy: FaultProxy) -> None:
    proxy.faults = {"ap-east-1": Fault.auth_failure("UnrecognizedClientException")}
    pool = SqsPool(["us-east-1", "eu-west-1", "ap-east-1"], endpoint_url=proxy.url, config=FAST)
    pool.us_east_1.create_queue(QueueName="paged-through-proxy")
    pages = pool.paginate("list_queues")
    items = [item for item in pages.items() if "paged-through-proxy" in str(item.item)]
    assert [i.region for i in items] == ["us-east-1"]
    assert list(pages.errors) == ["ap-east-1"]
    assert pages.errors["ap-east-1"].kind is FailureKind.NOT_ENABLED


def test_mixin_fan_out_through_faults(proxy: FaultProxy) -> None:
    class Fleet(ServiceMixinPool):
        sqs: SqsPool
        ec2: Ec2Pool

    proxy.faults = {"ap-east-1": Fault.auth_failure("UnrecognizedClientException")}
    fleet = Fleet(["us-east-1", "ap-east-1"], endpoint_url=proxy.url, config=NO_RETRY)

    def ask(client: BaseClient) -> object:
        if client.meta.service_model.service_name == "ec2":
            return client.meta.region_name  # no request: only sqs goes through the proxy
        return list_queues(client)

    results = fleet.map(ask)
    assert results["sqs"].failed == ("ap-east-1",)
    assert results["ec2"].ok  # ec2's function never calls out
    assert [f.kind for f in results.failures] == [FailureKind.NOT_ENABLED]
