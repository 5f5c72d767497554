"""Clients are created once per region, even when many threads race for them."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from botocore.client import BaseClient

from mangrove import ServiceMixinPool
from mangrove.services import Ec2Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")


class CountingSqsPool(SqsPool):
    """Counts how often a client is really made, through the legacy extension point."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.made: list[str] = []
        self.made_lock = threading.Lock()
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _connect_module_to_region(self, region: str) -> BaseClient:
        with self.made_lock:
            self.made.append(region)
        return super()._connect_module_to_region(region)


def test_64_threads_on_one_new_region_create_exactly_one_client() -> None:
    pool = CountingSqsPool(["eu-west-1", "us-east-1"])
    barrier = threading.Barrier(64)

    def touch() -> BaseClient:
        barrier.wait()
        return pool.eu_west_1

    with ThreadPoolExecutor(max_workers=64) as executor:
        clients = list(executor.map(lambda _: touch(), range(64)))
    assert pool.made == ["eu-west-1"]
    assert len({id(client) for client in clients}) == 1


def test_threads_racing_over_all_regions_create_one_client_per_region() -> None:
    pool = CountingSqsPool(["eu-west-1", "us-east-1", "ap-south-1"])
    barrier = threading.Barrier(48)

    def touch(index: int) -> BaseClient:
        barrier.wait()
        return pool.region(pool.regions[index % 3])

    with ThreadPoolExecutor(max_workers=48) as executor:
        list(executor.map(touch, range(48)))
    assert sorted(pool.made) == ["ap-south-1", "eu-west-1", "us-east-1"]


def test_shared_client_works_from_many_threads() -> None:
    pool = SqsPool(["eu-west-1"])
    pool.eu_west_1.create_queue(QueueName="shared")
    with ThreadPoolExecutor(max_workers=8) as executor:
        counts = list(
            executor.map(lambda _: len(pool.eu_west_1.list_queues()["QueueUrls"]), range(32))
        )
    assert counts == [1] * 32


def test_every_client_of_a_pool_comes_from_the_pools_one_session() -> None:
    session = boto3.session.Session()
    made_by: list[object] = []
    real_client = session.client

    def spy(*args: object, **kwargs: object) -> object:
        made_by.append(session)
        return real_client(*args, **kwargs)  # type: ignore[call-overload]

    session.client = spy  # type: ignore[method-assign]
    pool = Ec2Pool(["eu-west-1", "us-east-1"], session=session, connect=True)
    assert len(made_by) == 2
    assert pool.session is session


def test_pools_sharing_a_session_share_its_lock() -> None:
    session = boto3.session.Session()
    first = Ec2Pool(["eu-west-1"], session=session)
    second = SqsPool(["eu-west-1"], session=session)
    assert first._lock is second._lock


def test_mixin_services_share_one_session() -> None:
    class Fleet(ServiceMixinPool):
        ec2: Ec2Pool
        sqs: SqsPool

    fleet = Fleet(["eu-west-1"])
    assert fleet.ec2.session is fleet.sqs.session is fleet.session


def test_a_session_given_to_pools_is_not_kept_alive_by_mangrove() -> None:
    import gc
    import weakref

    session = boto3.session.Session()
    pool = SqsPool(["eu-west-1"], session=session)
    alive = weakref.ref(session)
    del pool, session
    gc.collect()
    assert alive() is None
