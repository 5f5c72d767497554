"""Seed-import sample: pools from `mangrove.services`, as the README shows them. mypy then reads
every service's stubs (~10 s), so test_typing.py checks this file with mypy alone.
Tags as in sample_negative.py; untagged lines must check cleanly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import assert_type

from mangrove.services import Ec2Pool, S3Pool

if TYPE_CHECKING:
    from mangrove.aws.ec2 import EC2Client
    from mangrove.aws.s3 import S3Client


def pools_from_the_index(ec2: Ec2Pool, s3: S3Pool) -> None:
    assert_type(ec2.us_west_1, EC2Client)
    assert_type(s3.us_east_1, S3Client)
    resp = ec2.us_west_1.describe_instances()
    assert_type(resp["Reservations"][0]["Instances"][0]["InstanceId"], str)
    assert_type(s3.default.list_buckets()["Buckets"][0]["Name"], str)
    ec2.us_wset_1.describe_instances()  # E: attr-defined
    s3.us_east_1.list_bucket()  # E: attr-defined
