"""Several services in one pool: the typed, the legacy dict and the list declarations."""

from __future__ import annotations

import pytest

from mangrove import InvalidPoolDeclarationError, ServiceMixinPool, ServicePool, service
from mangrove.services import Ec2Pool, S3Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")


class Fleet(ServiceMixinPool):
    ec2: Ec2Pool
    sqs = service(SqsPool, regions=["us-east-1", "eu-west-1"], default_region="us-east-1")


def test_annotated_service_takes_the_constructor_regions() -> None:
    fleet = Fleet(["ap-south-1", "eu-west-1"])
    assert isinstance(fleet.ec2, Ec2Pool)
    assert fleet.ec2.regions == ("ap-south-1", "eu-west-1")


def test_service_field_keeps_its_own_regions_and_default() -> None:
    fleet = Fleet(["ap-south-1"])
    assert fleet.sqs.regions == ("us-east-1", "eu-west-1")
    assert fleet.sqs.default.meta.region_name == "us-east-1"


def test_services_maps_attribute_names_to_pools() -> None:
    fleet = Fleet()
    assert fleet.services == {"ec2": fleet.ec2, "sqs": fleet.sqs}


def test_list_declaration_applies_constructor_regions_to_every_service() -> None:
    class Simple(ServiceMixinPool):
        _aws_module_names = ["ec2", "s3", "sqs"]

    pool = Simple(regions=["us-east-1", "eu-west-1"])
    assert isinstance(pool.s3, S3Pool)
    assert {p.regions for p in pool.services.values()} == {("us-east-1", "eu-west-1")}


def test_list_declaration_gives_a_pool_to_a_service_without_a_handwritten_class() -> None:
    class Simple(ServiceMixinPool):
        _aws_module_names = ["cognito-idp", "lambda"]

    pool = Simple(regions=["eu-west-1"])
    assert pool.cognito_idp.service_name == "cognito-idp"
    assert pool.cognito_idp.eu_west_1.meta.service_model.service_name == "cognito-idp"
    assert pool.lambda_ is pool.services["lambda_"]  # `lambda` is a keyword
    assert pool.lambda_.regions == ("eu-west-1",)


def test_global_service_in_a_mixin_keeps_its_global_endpoint() -> None:
    class WithIam(ServiceMixinPool):
        _aws_module_names = ["iam", "sqs"]

    pool = WithIam(regions=["eu-west-1"])
    assert pool.iam.regions == ("aws-global",)
    assert pool.iam.default.list_users()["Users"] == []


def test_add_service_by_name_or_class() -> None:
    fleet = Fleet(["eu-west-1"])
    s3 = fleet.add_service("s3", regions=["us-east-1"])
    assert fleet.s3 is s3
    assert s3.regions == ("us-east-1",)
    queue_pool = fleet.add_service(SqsPool, name="queues_west", regions=["us-west-2"])
    assert fleet.queues_west is queue_pool
    assert queue_pool.session is fleet.session
    with pytest.raises(InvalidPoolDeclarationError, match="already"):
        fleet.add_service("s3")


def test_connect_creates_every_client_of_every_service() -> None:
    fleet = Fleet(["eu-west-1"]).connect()
    assert fleet.ec2.connected_regions == ("eu-west-1",)
    assert fleet.sqs.connected_regions == ("us-east-1", "eu-west-1")


def test_unknown_service_attribute_names_what_the_pool_holds() -> None:
    with pytest.raises(AttributeError, match=r"ec2, sqs.*Did you mean sqs"):
        Fleet().sqz  # noqa: B018


def test_annotations_that_are_not_pools_are_left_alone() -> None:
    class Mixed(ServiceMixinPool):
        label: str = "fleet"
        ec2: Ec2Pool

    assert set(Mixed(["eu-west-1"]).services) == {"ec2"}


def test_subclass_inherits_its_parents_services() -> None:
    class Bigger(Fleet):
        s3: S3Pool

    assert set(Bigger(["eu-west-1"]).services) == {"ec2", "sqs", "s3"}


def test_pool_class_for_a_service_is_a_service_pool() -> None:
    assert ServicePool.for_service("ec2") is Ec2Pool
    assert issubclass(ServicePool.for_service("dynamodb"), ServicePool)
