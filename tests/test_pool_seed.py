"""The README's first example, run for real against moto."""

from __future__ import annotations

import boto3
import pytest

from mangrove import ServiceMixinPool, ServicePool
from mangrove.services import Ec2Pool, S3Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")


def test_ec2_pool_covers_every_region_botocore_lists_for_ec2() -> None:
    expected = boto3.session.Session().get_available_regions("ec2")
    assert sorted(Ec2Pool().regions) == sorted(expected)


def test_s3_pool_holds_exactly_the_chosen_regions() -> None:
    pool = S3Pool(regions=["us-east-1", "us-west-1"])
    assert pool.regions == ("us-east-1", "us-west-1")
    assert len(pool) == 2


def test_region_attribute_is_a_real_client_of_that_region() -> None:
    pool = Ec2Pool()
    response = pool.us_west_1.describe_instances()
    assert response["Reservations"] == []
    assert pool.us_west_1.meta.region_name == "us-west-1"
    assert pool.us_west_1.meta.service_model.service_name == "ec2"


def test_describe_images_owned_by_self_sees_an_image_made_in_that_region() -> None:
    pool = Ec2Pool()
    client = pool.us_east_1
    instance = client.run_instances(
        ImageId=client.describe_images()["Images"][0]["ImageId"], MinCount=1, MaxCount=1
    )["Instances"][0]
    image_id = client.create_image(InstanceId=instance["InstanceId"], Name="mine")["ImageId"]
    owned = pool.us_east_1.describe_images(Owners=["self"])["Images"]
    assert [image["ImageId"] for image in owned] == [image_id]
    assert pool.eu_west_1.describe_images(Owners=["self"])["Images"] == []


def test_custom_subclass_with_aws_module_name_pools_that_service() -> None:
    class QueuePool(ServicePool):
        _aws_module_name = "sqs"

    pool = QueuePool(regions=["us-east-1", "eu-west-1"])
    pool.us_east_1.create_queue(QueueName="only-here")
    assert len(pool.us_east_1.list_queues()["QueueUrls"]) == 1
    assert "QueueUrls" not in pool.eu_west_1.list_queues()


def test_mixin_pool_reaches_each_service_by_attribute() -> None:
    class Fleet(ServiceMixinPool):
        _aws_services = {
            "ec2": {"regions": "*", "default_region": "eu-west-1"},
            "sqs": {"regions": ["us-east-1", "eu-west-1"], "default_region": "eu-west-1"},
        }

    fleet = Fleet()
    assert fleet.ec2.eu_west_1.describe_instances()["Reservations"] == []
    assert fleet.sqs.default.meta.region_name == "eu-west-1"
    assert set(fleet.services) == {"ec2", "sqs"}
    assert isinstance(fleet.sqs, SqsPool)
