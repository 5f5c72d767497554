"""Pools over the wire: moto's real HTTP server on 127.0.0.1, reached through endpoint_url."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from botocore.config import Config

from mangrove import ServiceMixinPool
from mangrove.services import S3Pool, SqsPool


def test_regional_state_is_kept_apart_over_http(moto_endpoint: str) -> None:
    pool = SqsPool(["us-east-1", "eu-west-1"], endpoint_url=moto_endpoint)
    pool.us_east_1.create_queue(QueueName="http-east")
    assert any("http-east" in url for url in pool.us_east_1.list_queues()["QueueUrls"])
    west = pool.eu_west_1.list_queues().get("QueueUrls", [])
    assert not any("http-east" in url for url in west)
    assert pool.us_east_1.meta.endpoint_url == moto_endpoint


def test_config_and_client_kwargs_reach_every_client(moto_endpoint: str) -> None:
    config = Config(retries={"max_attempts": 2, "mode": "standard"}, user_agent_extra="mgv")
    pool = S3Pool(["us-east-1"], endpoint_url=moto_endpoint, config=config, verify=False)
    client = pool.us_east_1
    assert client.meta.config.retries == {"total_max_attempts": 3, "mode": "standard"}
    assert "mgv" in client.meta.config.user_agent_extra
    client.create_bucket(Bucket="over-http")
    assert "over-http" in [b["Name"] for b in client.list_buckets()["Buckets"]]


def test_mixin_pool_over_http_from_many_threads(moto_endpoint: str) -> None:
    class Fleet(ServiceMixinPool):
        sqs: SqsPool

    fleet = Fleet(["us-east-1", "eu-west-1", "ap-south-1"], endpoint_url=moto_endpoint)

    def make_queue(region: str) -> str:
        return fleet.sqs.region(region).create_queue(QueueName=f"t-{region}")["QueueUrl"]

    with ThreadPoolExecutor(max_workers=6) as executor:
        urls = list(executor.map(make_queue, fleet.sqs.regions * 2))
    assert len(set(urls)) == 3
    assert fleet.sqs.connected_regions == fleet.sqs.regions
