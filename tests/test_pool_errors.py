"""Bad input gets an error that says what was asked, what is valid, and what was meant."""

from __future__ import annotations

import pytest

from mangrove import (
    InvalidPoolDeclarationError,
    MangroveError,
    ServiceMixinPool,
    ServicePool,
    UnknownPartitionError,
    UnknownRegionError,
    UnknownServiceError,
)
from mangrove.services import Ec2Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")


@pytest.mark.parametrize(
    ("regions", "meant"),
    [
        (["us-wset-1"], "us-west-1"),
        ("eu-wets-1", "eu-west-1"),
        (["us-east-1", "us-eastt-2"], "us-east-2"),
    ],
)
def test_unknown_region_names_close_matches_and_valid_set(regions: list[str], meant: str) -> None:
    with pytest.raises(UnknownRegionError) as caught:
        Ec2Pool(regions)
    message = str(caught.value)
    assert "Did you mean" in message
    assert "Valid regions:" in message and "ap-northeast-1" in message
    assert meant in caught.value.suggestions


def test_region_of_another_partition_says_which_partition_to_pass() -> None:
    with pytest.raises(UnknownRegionError, match="partition='aws-cn'"):
        Ec2Pool(["cn-north-1"])


def test_region_the_service_does_not_offer_is_unknown_for_that_service() -> None:
    class IamPool(ServicePool):
        _aws_module_name = "iam"

    with pytest.raises(UnknownRegionError, match="aws-global"):
        IamPool(["us-east-1"])


def test_unknown_partition_names_the_valid_partitions() -> None:
    with pytest.raises(UnknownPartitionError, match="aws-us-gov") as caught:
        Ec2Pool(partition="aws-us-gvo")
    assert caught.value.suggestions[0] == "aws-us-gov"


def test_unknown_service_in_a_subclass_suggests_the_service_meant() -> None:
    class Typo(ServicePool):
        _aws_module_name = "ec3"

    with pytest.raises(UnknownServiceError, match="'ec2'"):
        Typo()


def test_subclass_without_a_service_name_says_what_to_set() -> None:
    class Nameless(ServicePool):
        pass

    with pytest.raises(InvalidPoolDeclarationError, match="_aws_module_name"):
        Nameless()


def test_non_string_region_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="strings"):
        SqsPool([1])  # type: ignore[list-item]


def test_session_and_credentials_together_are_rejected() -> None:
    import boto3

    with pytest.raises(InvalidPoolDeclarationError, match="either session"):
        SqsPool(session=boto3.session.Session(), aws_access_key_id="AKIA")


@pytest.mark.parametrize(
    ("declaration", "complaint"),
    [
        ({"ec2": {"regions": "us-east-1"}}, "use '\\*'"),
        (
            {"sqs": {"regions": ["us-east-1", "eu-west-1"], "default_region": "us-west-1"}},
            "not in its regions",
        ),
        ({"sqs": {"default_region": "us-east-1"}}, "without regions"),
        ({"sqs": {"region": ["us-east-1"]}}, "unknown keys"),
    ],
)
def test_legacy_mixin_declaration_rules(
    declaration: dict[str, dict[str, object]], complaint: str
) -> None:
    class Bad(ServiceMixinPool):
        _aws_services = declaration

    with pytest.raises(InvalidPoolDeclarationError, match=complaint):
        Bad()


def test_unknown_service_in_a_mixin_list_is_named() -> None:
    class Bad(ServiceMixinPool):
        _aws_module_names = ["ec2", "sqss"]

    with pytest.raises(UnknownServiceError, match="'sqs'"):
        Bad()


def test_every_error_is_a_mangrove_error() -> None:
    for error in (
        UnknownRegionError,
        UnknownServiceError,
        UnknownPartitionError,
        InvalidPoolDeclarationError,
    ):
        assert issubclass(error, MangroveError)
