"""The committed pools, checked against the real botocore data they were generated from."""

from __future__ import annotations

import importlib
import keyword
import subprocess
import sys
from functools import cache
from pathlib import Path

import boto3
import botocore
import botocore.exceptions
import botocore.loaders
import pytest

import mangrove.services as services
from mangrove import ServiceNotInPartitionError, ServicePool, UnknownServiceError
from mangrove._generated import pool_class_for
from mangrove.pool import RegionClient


@cache
def all_pools() -> dict[str, type[ServicePool]]:
    return {name: services.pool_class(name) for name in services.SERVICES}


def test_generated_from_the_installed_botocore() -> None:
    assert botocore.__version__ == services.GENERATED_FROM_BOTOCORE


def test_a_pool_exists_for_every_service_botocore_lists() -> None:
    listed = botocore.loaders.create_loader().list_available_services("service-2")
    assert sorted(services.SERVICES) == sorted(listed)


def test_every_service_has_a_stub_and_shapes_stub_over_real_modules() -> None:
    """Each stub sits beside a run-time module, so the import resolves to source as well
    (pyright reports a stub without one), and the shapes module imports empty."""
    modules = sorted(module for module, _ in services.SERVICES.values())
    package = Path(services.__file__).resolve().parent.parent
    for kind in ("aws", "shapes"):
        assert sorted(p.stem for p in (package / kind).glob("*.pyi")) == modules
        assert sorted(p.stem for p in (package / kind).glob("*.py") if p.stem != "__init__") == (
            modules
        )
    for module in modules[:: len(modules) // 20]:
        shapes = importlib.import_module(f"mangrove.shapes.{module}")
        assert [name for name in vars(shapes) if not name.startswith("__")] == []


def test_every_pool_has_at_least_one_region() -> None:
    empty = [name for name, pool in all_pools().items() if not pool._region_table]
    assert empty == []
    for name, pool in all_pools().items():
        assert all(regions.regions for regions in pool._region_table), name


def test_every_region_attribute_is_a_valid_identifier_reaching_its_region() -> None:
    for pool in all_pools().values():
        attributes = {k: v for k, v in vars(pool).items() if isinstance(v, RegionClient)}
        assert attributes
        for attribute, descriptor in attributes.items():
            assert attribute.isidentifier() and not keyword.iskeyword(attribute)
            assert attribute == descriptor.region.replace("-", "_")


def test_class_and_module_names_follow_the_service_name() -> None:
    assert services.SERVICES["ec2"] == ("ec2", "Ec2Pool")
    assert services.SERVICES["cognito-idp"] == ("cognito_idp", "CognitoIdpPool")
    assert services.SERVICES["lambda"] == ("lambda_", "LambdaPool")
    assert sorted(services.__all__) == sorted(
        [cls for _, cls in services.SERVICES.values()]
        + ["GENERATED_FROM_BOTOCORE", "SERVICES", "pool_class"]
    )


def test_iam_is_global_with_one_endpoint_per_partition() -> None:
    iam = all_pools()["iam"]
    assert {r.partition: r.regions for r in iam._region_table}["aws"] == ("aws-global",)
    assert all(r.is_global and len(r.regions) == 1 for r in iam._region_table)


def test_bedrock_agent_regions_are_inferred_not_verified() -> None:
    table = all_pools()["bedrock-agent"]._region_table
    assert table and not any(r.verified for r in table)


@pytest.mark.usefixtures("aws")
def test_ec2_has_exactly_the_regions_botocore_reports() -> None:
    from mangrove.services import Ec2Pool

    session = boto3.session.Session()
    assert sorted(Ec2Pool().regions) == sorted(session.get_available_regions("ec2"))
    assert Ec2Pool(partition="aws-cn").regions == tuple(
        sorted(session.get_available_regions("ec2", partition_name="aws-cn"))
    )


def test_every_verified_regional_service_matches_get_available_regions() -> None:
    session = boto3.session.Session()
    mismatched = {}
    for name, pool in all_pools().items():
        aws = {r.partition: r for r in pool._region_table}.get("aws")
        if aws is None or not aws.verified or aws.is_global:
            continue
        expected = sorted(session.get_available_regions(name))
        if sorted(aws.regions) != expected:
            mismatched[name] = (aws.regions, expected)
    assert mismatched == {}


def test_every_generated_module_imports() -> None:
    for module, _ in services.SERVICES.values():
        importlib.import_module(f"mangrove.aws.{module}")


def test_importing_the_index_loads_no_service_module() -> None:
    code = (
        "import sys, mangrove.services as s; from mangrove.services import Ec2Pool;"
        "print(sorted(m for m in sys.modules if m.startswith('mangrove.aws.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['mangrove.aws.ec2']"


def test_unknown_pool_name_on_the_index_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Ec3Pool"):
        services.Ec3Pool  # noqa: B018


def test_unknown_service_names_close_matches_and_both_versions() -> None:
    with pytest.raises(UnknownServiceError, match=r"'ec2'.*generated from botocore"):
        services.pool_class("ec3")


def test_service_newer_than_the_generated_index_gets_a_pool_made_on_the_fly() -> None:
    index_without_sqs = {k: v for k, v in services.SERVICES.items() if k != "sqs"}
    pool = pool_class_for("sqs", index_without_sqs, "0.0.1")
    assert issubclass(pool, ServicePool)
    assert pool._aws_module_name == "sqs"
    assert pool.__name__ == "SqsPool"


@pytest.mark.usefixtures("aws")
def test_china_partition_pool_works() -> None:
    from mangrove.services import Ec2Pool

    assert Ec2Pool(partition="aws-cn").cn_north_1.meta.region_name == "cn-north-1"


def test_a_service_botocore_lists_elsewhere_is_refused_in_a_partition_without_it() -> None:
    absent = sorted(
        name
        for name, pool in all_pools().items()
        if all(r.verified for r in pool._region_table)
        and "aws-iso-e" not in {r.partition for r in pool._region_table}
    )
    assert absent, "some verified service is missing from aws-iso-e"
    with pytest.raises(ServiceNotInPartitionError, match=r"aws-iso-e.*offered in: aws"):
        all_pools()[absent[0]](partition="aws-iso-e")


def test_pool_generated_from_a_newer_botocore_names_both_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mangrove.services import SqsPool

    def unknown(*args: object, **kwargs: object) -> None:
        raise botocore.exceptions.UnknownServiceError(service_name="sqs", known_service_names="ec2")

    pool = SqsPool(["eu-west-1"])
    monkeypatch.setattr(pool._handle, "create_client", unknown)
    monkeypatch.setattr(SqsPool, "_botocore_version", "9.9.9")
    with pytest.raises(UnknownServiceError, match=r"generated from botocore 9\.9\.9.*installed"):
        pool.eu_west_1  # noqa: B018


@pytest.mark.parametrize("service", ["s3", "ec2", "sqs"])
def test_runtime_added_methods_match_the_real_clients_signatures(service: str) -> None:
    import ast
    import inspect

    from codegen.extras import extra_methods

    client = boto3.session.Session().client(service, region_name="us-east-1")
    for method in extra_methods(service):
        real = list(inspect.signature(getattr(client, method.name)).parameters)
        stub = ast.parse(f"def {method.name}({method.params}) -> {method.returns}: ...")
        function = stub.body[0]
        assert isinstance(function, ast.FunctionDef)
        declared = [argument.arg for argument in function.args.args[1:]]
        assert declared == real, method.name
