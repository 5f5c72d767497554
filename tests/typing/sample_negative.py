"""Negative typing sample: mistakes the stubs must catch. Checked, never run.

A line ending in `# E: <code>[, <code>]` must draw exactly those mypy error codes, and one
ending in `# P: <rule>[, <rule>]` exactly those basedpyright rules; every other line must draw
none. test_typing.py compares the sets of (line, code) pairs with each checker's output.
Under pyright's strict mode, touching an unknown attribute also yields reportUnknownMemberType:
that follow-on error is listed too, so nothing passes unnoticed.

Pools come from `mangrove.aws.ec2` so the checkers read the ec2 stubs only. A tagged line's
layout is the test's data, so the formatter is kept off this file and long lines are allowed.
"""

# ruff: noqa: E501
# fmt: off

from __future__ import annotations

from typing import TYPE_CHECKING

from mangrove import ServiceMixinPool
from mangrove.aws.ec2 import EC2Client, Ec2Pool

if TYPE_CHECKING:
    from mangrove.shapes.ec2 import InstanceTypeType, TagTypeDef


def wrong_keyword_name(c: EC2Client) -> None:
    c.describe_instances(Filter=[])  # E: call-arg  # P: reportCallIssue


def missing_required_argument(c: EC2Client) -> None:
    c.create_tags(Resources=["i-1"])  # E: call-arg  # P: reportCallIssue


def wrong_literal_value(c: EC2Client) -> None:
    c.describe_instance_types(InstanceTypes=["t9.nano"])  # E: list-item  # P: reportArgumentType
    kind: InstanceTypeType = "t9.nano"  # E: assignment  # P: reportAssignmentType
    c.run_instances(MinCount=1, MaxCount=1, InstanceType=kind)


def wrong_value_type(c: EC2Client) -> None:
    c.run_instances(MinCount="1", MaxCount=1)  # E: arg-type  # P: reportArgumentType
    tags: list[TagTypeDef] = [{"Key": "team", "Value": 7}]  # E: typeddict-item  # P: reportAssignmentType
    c.create_tags(Resources=["i-1"], Tags=tags)


def unknown_key_in_request(c: EC2Client) -> None:
    c.describe_tags(Filters=[{"Nme": "x"}])  # E: typeddict-unknown-key  # P: reportArgumentType


def misspelled_response_key(c: EC2Client) -> None:
    resp = c.describe_instances()
    resp["Reservations"][0]["Instances"][0]["InstanceId"]
    resp["Reservations"][0]["Instances"][0]["InstanceIdd"]  # E: typeddict-item  # P: reportGeneralTypeIssues


def nested_response_has_no_metadata(c: EC2Client) -> None:
    # Reservation is run_instances' whole response *and* an element of describe_instances':
    # only the whole response carries ResponseMetadata.
    c.describe_instances()["Reservations"][0]["ResponseMetadata"]  # E: typeddict-item  # P: reportGeneralTypeIssues


def misspelled_pool_argument() -> None:
    Ec2Pool(regoins=["us-east-1"])  # E: call-arg  # P: reportCallIssue


def unknown_method(c: EC2Client) -> None:
    c.describe_instancez()  # E: attr-defined  # P: reportAttributeAccessIssue, reportUnknownMemberType


def unknown_region_attribute(pool: Ec2Pool) -> None:
    pool.us_wset_1.stop_instances(InstanceIds=["i-1"])  # E: attr-defined  # P: reportAttributeAccessIssue, reportUnknownMemberType


def unknown_paginator(c: EC2Client) -> None:
    c.get_paginator("describe_instancez")  # E: call-overload  # P: reportCallIssue, reportArgumentType


def wrong_paginator_argument(c: EC2Client) -> None:
    c.get_paginator("describe_instances").paginate(MaxResults=5)  # E: call-arg  # P: reportCallIssue


def unknown_waiter(c: EC2Client) -> None:
    c.get_waiter("instance_runing")  # E: call-overload  # P: reportCallIssue, reportArgumentType


def wrong_waiter_argument(c: EC2Client) -> None:
    c.get_waiter("instance_running").wait(InstanceId="i-1")  # E: call-arg  # P: reportCallIssue


class Fleet(ServiceMixinPool):
    ec2: Ec2Pool


def undeclared_service(fleet: Fleet) -> None:
    fleet.ec2.us_east_1.describe_instances()
    fleet.sqs.us_east_1.list_queues()  # E: attr-defined  # P: reportAttributeAccessIssue, reportUnknownMemberType
