"""`make demo`: pools against an in-process moto server, no AWS account needed.

Creates a few resources in three regions through pools, then asks every region what it holds
and prints a table. All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

from mangrove._moto import fake_credentials, moto_server
from mangrove.pool import ServiceMixinPool
from mangrove.services import Ec2Pool, S3Pool, SqsPool

if TYPE_CHECKING:
    from mangrove.shapes.s3 import BucketLocationConstraintType

DEMO_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]


class Fleet(ServiceMixinPool):
    """The services the demo touches, one Session for all of them."""

    ec2: Ec2Pool
    sqs: SqsPool
    s3: S3Pool


def seed(fleet: Fleet) -> None:
    """A different number of queues, buckets and instances per region."""
    for index, region in enumerate(DEMO_REGIONS, start=1):
        sqs = fleet.sqs.region(region)
        for n in range(index):
            sqs.create_queue(QueueName=f"jobs-{region}-{n}")
        s3 = fleet.s3.region(region)
        if region == "us-east-1":  # the one region S3 refuses a location constraint for
            s3.create_bucket(Bucket=f"mangrove-demo-{region}")
        else:
            s3.create_bucket(
                Bucket=f"mangrove-demo-{region}",
                CreateBucketConfiguration={
                    "LocationConstraint": cast("BucketLocationConstraintType", region)
                },
            )
        ec2 = fleet.ec2.region(region)
        image = ec2.describe_images()["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image, MinCount=index, MaxCount=index, InstanceType="t3.micro")


def inventory(fleet: Fleet) -> list[tuple[str, int, int, int]]:
    """(region, instances, queues, buckets located there) for each demo region."""
    rows = []
    s3 = fleet.s3.region(DEMO_REGIONS[0])
    bucket_regions: list[str] = [
        s3.get_bucket_location(Bucket=b["Name"])["LocationConstraint"] or "us-east-1"
        for b in s3.list_buckets()["Buckets"]
    ]
    for region in DEMO_REGIONS:
        reservations = fleet.ec2.region(region).describe_instances()["Reservations"]
        instances = sum(len(r["Instances"]) for r in reservations)
        queues = len(fleet.sqs.region(region).list_queues().get("QueueUrls", []))
        located = bucket_regions.count(region)
        rows.append((region, instances, queues, located))
    return rows


def main() -> int:
    with fake_credentials(), moto_server() as endpoint:
        print(f"moto server on {endpoint} (no AWS account, no traffic leaves this machine)")
        fleet = Fleet(DEMO_REGIONS, endpoint_url=endpoint)
        seed(fleet)
        rows = inventory(fleet)
        print(f"{'region':<16}{'instances':>10}{'queues':>8}{'buckets':>9}")
        for region, instances, queues, buckets in rows:
            print(f"{region:<16}{instances:>10}{queues:>8}{buckets:>9}")
        print(repr(fleet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
