"""How a pool is read: attributes, indexing, iteration, defaults, and changing its regions."""

from __future__ import annotations

import pytest

from mangrove import (
    InvalidPoolDeclarationError,
    NoDefaultRegionError,
    RegionAttributeError,
    RegionNotInPoolError,
    ServicePool,
    UnknownRegionError,
)
from mangrove.services import Ec2Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")


def test_attribute_index_and_region_return_the_same_shared_client() -> None:
    pool = SqsPool(["us-east-1", "eu-west-1"])
    assert pool.us_east_1 is pool["us-east-1"] is pool.region("us-east-1")


def test_pool_is_lazy_until_a_region_is_used() -> None:
    pool = Ec2Pool()
    assert pool.connected_regions == ()
    pool.eu_west_1  # noqa: B018 - touching the attribute is the point
    assert pool.connected_regions == ("eu-west-1",)


def test_connect_true_creates_every_client_at_construction() -> None:
    pool = SqsPool(["us-east-1", "eu-west-1"], connect=True)
    assert pool.connected_regions == ("us-east-1", "eu-west-1")


def test_a_single_region_string_is_one_region_not_its_letters() -> None:
    assert SqsPool("eu-west-1").regions == ("eu-west-1",)


def test_star_and_none_both_mean_every_region() -> None:
    assert SqsPool("*").regions == SqsPool().regions
    assert len(SqsPool().regions) > 20


def test_duplicate_regions_collapse_keeping_first_order() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1", "eu-west-1"])
    assert pool.regions == ("eu-west-1", "us-east-1")


def test_iteration_yields_region_client_pairs_in_pool_order() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1"])
    pairs = list(pool)
    assert [region for region, _ in pairs] == ["eu-west-1", "us-east-1"]
    assert all(client.meta.region_name == region for region, client in pairs)


def test_membership_and_length() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1"])
    assert "eu-west-1" in pool
    assert "us-west-2" not in pool
    assert len(pool) == 2


def test_default_is_the_default_region_client() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1"], default_region="us-east-1")
    assert pool.default.meta.region_name == "us-east-1"


def test_default_of_a_single_region_pool_is_that_region() -> None:
    assert SqsPool("eu-west-1").default.meta.region_name == "eu-west-1"


def test_default_without_a_default_region_says_how_to_set_one() -> None:
    with pytest.raises(NoDefaultRegionError, match="default_region="):
        SqsPool(["eu-west-1", "us-east-1"]).default  # noqa: B018


def test_default_region_outside_regions_is_rejected() -> None:
    with pytest.raises(InvalidPoolDeclarationError, match="not among this pool's regions"):
        SqsPool(["eu-west-1"], default_region="us-east-1")


def test_add_region_makes_it_reachable() -> None:
    pool = SqsPool(["eu-west-1"])
    pool.add_region("ap-south-1")
    assert pool.regions == ("eu-west-1", "ap-south-1")
    assert pool.ap_south_1.meta.region_name == "ap-south-1"


def test_add_region_validates_the_name() -> None:
    with pytest.raises(UnknownRegionError, match="ap-south-1"):
        SqsPool(["eu-west-1"]).add_region("ap-sout-1")


def test_remove_region_drops_it_and_its_client() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1"], default_region="us-east-1", connect=True)
    pool.remove_region("us-east-1")
    assert pool.regions == ("eu-west-1",)
    assert pool.connected_regions == ("eu-west-1",)
    assert pool.default_region is None
    with pytest.raises(RegionNotInPoolError):
        pool.remove_region("us-east-1")


def test_valid_region_outside_the_pool_is_an_attribute_error_saying_how_to_add_it() -> None:
    pool = SqsPool(["eu-west-1"])
    with pytest.raises(RegionAttributeError, match=r"add_region\('us-east-1'\)"):
        pool.us_east_1  # noqa: B018
    assert not hasattr(pool, "us_east_1")
    assert hasattr(pool, "eu_west_1")


def test_valid_region_outside_the_pool_by_index_is_a_lookup_error() -> None:
    with pytest.raises(LookupError, match="not in this pool"):
        SqsPool(["eu-west-1"])["us-east-1"]


def test_misspelled_region_attribute_suggests_the_attribute_meant() -> None:
    with pytest.raises(AttributeError, match="us_west_1"):
        SqsPool().us_wst_1  # noqa: B018


def test_dir_lists_the_pools_region_attributes() -> None:
    assert {"eu_west_1", "us_east_1"} <= set(dir(SqsPool(["eu-west-1", "us-east-1"])))


def test_global_service_has_one_global_endpoint_that_is_the_default() -> None:
    class IamPool(ServicePool):
        _aws_module_name = "iam"

    pool = IamPool()
    assert pool.regions == ("aws-global",)
    assert pool.is_global
    assert pool.default is pool.aws_global
    assert pool.default.list_users()["Users"] == []


def test_china_partition_pool_has_china_regions() -> None:
    assert Ec2Pool(partition="aws-cn").regions == ("cn-north-1", "cn-northwest-1")


def test_service_missing_from_endpoint_data_falls_back_to_partition_regions() -> None:
    class BedrockAgentPool(ServicePool):
        _aws_module_name = "bedrock-agent"

    pool = BedrockAgentPool()
    assert not pool.regions_verified
    assert set(pool.regions) == set(Ec2Pool().regions) | set(pool.regions)
    assert "us-east-1" in pool.regions


def test_repr_shows_service_partition_region_count_and_connected_count() -> None:
    pool = SqsPool(["eu-west-1", "us-east-1"])
    pool.eu_west_1  # noqa: B018
    assert repr(pool) == "<SqsPool service='sqs' partition='aws' regions=2 connected=1>"
