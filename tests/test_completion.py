"""Editor completion from the stubs, through jedi (what IPython, Jupyter and pylsp use).

Each case is a snippet whose last line ends where the cursor is; jedi reads the project's
environment (this interpreter), so it sees mangrove's stubs exactly as an editor would.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jedi
import pytest

EC2 = "from mangrove.aws.ec2 import Ec2Pool\npool = Ec2Pool()\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> jedi.Project:
    return jedi.Project(path=tmp_path_factory.mktemp("jedi"), environment_path=sys.executable)


def complete(project: jedi.Project, code: str) -> list[str]:
    """Completion names at the end of `code`, dict keys without their quotes."""
    lines = code.splitlines()
    script = jedi.Script(code, path=Path(project.path) / "snippet.py", project=project)
    return [c.name.strip("\"'") for c in script.complete(len(lines), len(lines[-1]))]


def test_region_attributes(project: jedi.Project) -> None:
    assert sorted(complete(project, EC2 + "pool.us_w")) == ["us_west_1", "us_west_2"]


def test_client_methods(project: jedi.Project) -> None:
    assert "describe_instances" in complete(project, EC2 + "pool.us_west_1.describe_inst")


def test_keyword_parameters(project: jedi.Project) -> None:
    names = complete(project, EC2 + "pool.us_west_1.describe_instances(Fil")
    assert names == ["Filters="]


def test_response_keys(project: jedi.Project) -> None:
    code = EC2 + 'resp = pool.us_west_1.describe_instances()\nresp["Res'
    assert sorted(complete(project, code)) == ["Reservations", "ResponseMetadata"]


def test_nested_response_keys(project: jedi.Project) -> None:
    code = (
        EC2 + "resp = pool.us_west_1.describe_instances()\n"
        "resp['Reservations'][0]['Instances'][0]['InstanceI"
    )
    assert complete(project, code) == ["InstanceId"]


@pytest.mark.parametrize(
    "line",
    [
        'pool["us-west-1"].describe_inst',
        'pool.region("us-west-1").describe_inst',
        "pool.default.describe_inst",
        "for region, client in pool:\n    client.describe_inst",
    ],
)
def test_other_ways_to_a_client(project: jedi.Project, line: str) -> None:
    assert "describe_instances" in complete(project, EC2 + line)


def test_seed_import_path(project: jedi.Project) -> None:
    code = "from mangrove.services import Ec2Pool\nEc2Pool().us_west_1.describe_inst"
    assert "describe_instances" in complete(project, code)


def test_mixin_pool_service_attribute(project: jedi.Project) -> None:
    code = (
        "from mangrove import ServiceMixinPool\n"
        "from mangrove.aws.ec2 import Ec2Pool\n"
        "class Fleet(ServiceMixinPool):\n"
        "    ec2: Ec2Pool\n"
        "Fleet().ec2.us_w"
    )
    assert sorted(complete(project, code)) == ["us_west_1", "us_west_2"]


def test_paginator_parameters_with_few_paginators(project: jedi.Project) -> None:
    # jedi cannot match `Literal[...]` overloads, so it unions every get_paginator overload's
    # return type: with SQS's two paginators, the right parameter is still among the offers.
    code = (
        "from mangrove.aws.sqs import SqsPool\n"
        'SqsPool().us_east_1.get_paginator("list_queues").paginate(QueueN'
    )
    assert "QueueNamePrefix=" in complete(project, code)


@pytest.mark.xfail(
    strict=True,
    reason="jedi limit: EC2Client.get_paginator has 171 overloads; checking about 100 of them "
    "infers annotations in the EC2Client class node 300 times, jedi's per-node cap "
    "(jedi.inference.syntax_tree._limit_value_infers), and the call infers to nothing",
)
def test_paginator_parameters_in_a_large_service(project: jedi.Project) -> None:
    code = EC2 + 'pool.us_west_1.get_paginator("describe_instances").paginate(Fil'
    assert "Filters=" in complete(project, code)


@pytest.mark.xfail(
    strict=True,
    reason="jedi limit: overloads on `Literal[...]` parameters never match a str argument, "
    "so get_waiter(...) infers to all 43 EC2 waiters and wait( offers every waiter's "
    "parameters (InstanceId= comes from password_data_available)",
)
def test_waiter_parameters_are_the_chosen_waiters(project: jedi.Project) -> None:
    code = EC2 + 'pool.us_west_1.get_waiter("instance_running").wait(Inst'
    assert complete(project, code) == ["InstanceIds="]
