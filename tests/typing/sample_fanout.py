"""Fan-out typing sample (`ServicePool.map`): the result keeps the operation's response type.
Checked, never run; tags as in sample_negative.py (untagged lines must check cleanly).
"""

# ruff: noqa: E501
# fmt: off

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mangrove.aws.ec2 import Ec2Pool
from mangrove.fanout import RegionResults

if TYPE_CHECKING:
    from mangrove.shapes.ec2 import DescribeInstancesResultTypeDef


def map_keeps_the_response_type(pool: Ec2Pool) -> None:
    results = pool.map(lambda c: c.describe_instances())
    assert_type(results, RegionResults[DescribeInstancesResultTypeDef])
    assert_type(results["us-east-1"]["Reservations"][0]["Instances"][0]["InstanceId"], str)
    for region, resp in results.items():
        assert_type(region, str)
        assert_type(resp, DescribeInstancesResultTypeDef)
    assert_type(results.result("eu-west-1"), DescribeInstancesResultTypeDef)


def map_catches_mistakes(pool: Ec2Pool) -> None:
    results = pool.map(lambda c: c.describe_instances())
    results["us-east-1"]["Reservationz"]  # E: typeddict-item  # P: reportGeneralTypeIssues
    pool.map(lambda c: c.describe_instancez())  # E: attr-defined  # P: reportAttributeAccessIssue, reportUnknownMemberType, reportUnknownLambdaType
