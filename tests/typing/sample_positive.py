"""Positive typing sample: must type-check with no error under mypy --strict and basedpyright
(strict). Checked, never run: test_typing.py hands it to the type checkers.

It imports pools through `mangrove.aws.<service>` so the checkers read one service's stubs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import botocore.exceptions
from botocore.config import Config
from botocore.paginate import PageIterator
from typing_extensions import assert_type

from mangrove import ServiceMixinPool, service
from mangrove.aws.ec2 import EC2Client, Ec2Pool
from mangrove.aws.sqs import SQSClient, SqsPool

if TYPE_CHECKING:
    # Literal aliases and TypedDicts exist only in the stubs: import them for annotations.
    from mangrove.shapes.ec2 import (
        DescribeInstancesResultTypeDef,
        FilterTypeDef,
        InstanceStateNameType,
        InstanceTypeDef,
        InstanceTypeType,
        ReservationTypeDef,
        TagOutputTypeDef,
        TagTypeDef,
    )


def region_attributes(pool: Ec2Pool) -> None:
    assert_type(pool.us_east_1, EC2Client)
    assert_type(pool.us_west_1, EC2Client)
    assert_type(pool.eu_west_1, EC2Client)


def other_ways_to_a_client(pool: Ec2Pool) -> None:
    assert_type(pool["us-west-1"], EC2Client)
    assert_type(pool.region("us-west-1"), EC2Client)
    assert_type(pool.default, EC2Client)
    for region, client in pool:
        assert_type(region, str)
        assert_type(client, EC2Client)


def construction(config: Config) -> None:
    pool = Ec2Pool(["us-east-1", "eu-west-1"], default_region="us-east-1", config=config)
    assert_type(pool, Ec2Pool)
    assert_type(Ec2Pool("eu-west-1", config=Config(retries={"mode": "standard"})), Ec2Pool)


def responses(pool: Ec2Pool) -> None:
    resp = pool.us_east_1.describe_instances()
    assert_type(resp, DescribeInstancesResultTypeDef)
    assert_type(resp["Reservations"], list[ReservationTypeDef])
    assert_type(resp["Reservations"][0]["Instances"][0], InstanceTypeDef)
    assert_type(resp["Reservations"][0]["Instances"][0]["InstanceId"], str)
    assert_type(resp["ResponseMetadata"]["HTTPStatusCode"], int)
    state: InstanceStateNameType = resp["Reservations"][0]["Instances"][0]["State"]["Name"]
    assert_type(state, InstanceStateNameType)


def requests(client: EC2Client) -> None:
    filters: list[FilterTypeDef] = [{"Name": "instance-state-name", "Values": ["running"]}]
    client.describe_instances(Filters=filters, MaxResults=5)
    client.describe_instances(InstanceIds=("i-1", "i-2"))
    kind: InstanceTypeType = "t3.micro"
    client.run_instances(ImageId="ami-1", MinCount=1, MaxCount=1, InstanceType=kind)
    tags: list[TagTypeDef] = [{"Key": "team", "Value": "core"}]
    client.create_tags(Resources=["i-1"], Tags=tags)


def output_back_into_input(client: EC2Client) -> None:
    instance = client.describe_instances()["Reservations"][0]["Instances"][0]
    assert_type(instance["Tags"], list[TagOutputTypeDef])
    client.create_tags(Resources=[instance["InstanceId"]], Tags=instance["Tags"])
    described = client.describe_tags()["Tags"]
    client.create_tags(Resources=["i-2"], Tags=described)


def paginators(pool: Ec2Pool) -> None:
    paginator = pool.us_east_1.get_paginator("describe_instances")
    pages = paginator.paginate(Filters=[{"Name": "tag:team", "Values": ["core"]}])
    assert_type(pages, PageIterator[DescribeInstancesResultTypeDef])
    for page in pool.us_east_1.get_paginator("describe_instances").paginate():
        assert_type(page, DescribeInstancesResultTypeDef)
        for reservation in page["Reservations"]:
            assert_type(reservation["Instances"][0]["InstanceId"], str)


def waiters(client: EC2Client) -> None:
    client.get_waiter("instance_running").wait(
        InstanceIds=["i-1"], WaiterConfig={"Delay": 5, "MaxAttempts": 10}
    )
    client.get_waiter("instance_terminated").wait(InstanceIds=["i-1"])


def errors(client: EC2Client) -> None:
    try:
        client.describe_instances()
    except client.exceptions.ClientError as error:
        assert_type(error, botocore.exceptions.ClientError)
        assert_type(error.operation_name, str)
    try:
        client.describe_instances()
    except botocore.exceptions.ClientError as error:
        # botocore-stubs declares `response` and its "Error" total=False, so pyright's
        # reportTypedDictNotRequiredAccess flags the subscripts; mypy accepts them.
        code = error.response["Error"]["Code"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
        assert_type(code, str)
        assert_type(error.response.get("Error", {}).get("Code"), str | None)


class Fleet(ServiceMixinPool):
    ec2: Ec2Pool
    sqs = service(SqsPool, regions=["us-east-1"], default_region="us-east-1")


def mixin(fleet: Fleet) -> None:
    assert_type(fleet.ec2, Ec2Pool)
    assert_type(fleet.ec2.us_east_1, EC2Client)
    assert_type(fleet.sqs, SqsPool)
    assert_type(fleet.sqs.default, SQSClient)
    assert_type(fleet.sqs.us_east_1.list_queues()["QueueUrls"], list[str])


def whole_responses_carry_metadata(client: EC2Client) -> None:
    assert_type(client.run_instances(MinCount=1, MaxCount=1)["ResponseMetadata"]["RequestId"], str)


def connect_keeps_the_pool_type(pool: Ec2Pool, fleet: Fleet) -> None:
    assert_type(pool.connect().us_west_1, EC2Client)
    assert_type(fleet.connect().ec2.us_west_1, EC2Client)
