"""Which regions an AWS account must opt in to before it can use them.

botocore's data (`endpoints.json`, `partitions.json`) names every region but says nothing
about opt-in, and the only authoritative sources are API calls (`ec2.describe_regions`,
`account.list_regions`) that need credentials. What is stable is the rule AWS has applied
since March 2019: every region launched in the `aws` partition from then on (ap-east-1
onwards) is disabled until the account opts in, and the regions that existed before are
enabled for every account. So the pre-2019 list is hard-coded here, and any other `aws`
region, including ones newer than this list, counts as opt-in. Other partitions (China,
GovCloud, ISO, EUSC) have no opt-in regions.

`mangrove.discovery.enabled_regions` asks the account itself when credentials are at hand.
"""

from __future__ import annotations

from mangrove import regions as region_data

__all__ = ["CLASSIC_REGIONS", "OPT_IN_PARTITION", "is_opt_in_region"]

#: The only partition with opt-in regions.
OPT_IN_PARTITION = "aws"

#: `aws` regions launched before March 2019: enabled by default in every account.
CLASSIC_REGIONS: frozenset[str] = frozenset(
    {
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "ca-central-1",
        "sa-east-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "eu-central-1",
        "eu-north-1",
        "ap-south-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-southeast-1",
        "ap-southeast-2",
    }
)


def is_opt_in_region(region: str) -> bool:
    """True when an account must enable `region` before using it.

    Global endpoint names (`aws-global`) and regions outside the `aws` partition are never
    opt-in; an `aws` region not in `CLASSIC_REGIONS` always is.
    """
    if region in CLASSIC_REGIONS:
        return False
    return region_data.partition_of_region(region) == OPT_IN_PARTITION and not region.endswith(
        "-global"
    )
