"""The `mangrove` command line: regions, call, bad input, failures, progress, entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points

import pytest
from faultproxy import Fault, FaultProxy, fault_proxy

from mangrove import cli, demo_cli
from mangrove._cli_input import CliInputError, parse_regions
from mangrove._cli_output import Progress, summarize
from mangrove.fanout import RegionOutcome
from mangrove.services import SqsPool

TWO = ["--regions", "us-east-1,eu-west-1"]


def run(*argv: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr or io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seeded(moto_endpoint: str) -> str:
    pool = SqsPool(["us-east-1", "eu-west-1"], endpoint_url=moto_endpoint)
    for n in range(3):
        pool.us_east_1.create_queue(QueueName=f"cli-east-{n}")
    pool.eu_west_1.create_queue(QueueName="cli-west-0")
    return moto_endpoint


@pytest.fixture
def proxy(moto_endpoint: str) -> Iterator[FaultProxy]:
    with fault_proxy(moto_endpoint) as started:
        yield started


# -- mangrove regions -------------------------------------------------------------------------


def test_regions_marks_opt_in_scope_and_verification() -> None:
    status, out, _ = run("regions", "ec2")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["region", "status", "opt-in", "scope"]
    row = {line.split()[0]: line.split() for line in lines[1:-1]}
    assert row["us-east-1"][1:4] == ["verified", "no", "regional"]
    assert row["ap-east-1"][1:4] == ["verified", "yes", "regional"]
    assert "US East (N. Virginia)" in out
    assert lines[-1].startswith("ec2 in aws: 34 regions")


def test_regions_of_a_global_and_an_inferred_service() -> None:
    _, out, _ = run("regions", "iam")
    assert "aws-global  verified  no      global" in out
    _, out, _ = run("regions", "dsql")
    assert "inferred" in out.splitlines()[1] and "--check-ssm" in out
    _, out, _ = run("regions", "ec2", "--partition", "aws-cn")
    assert "cn-north-1" in out and "us-east-1" not in out


def test_regions_as_json_lines() -> None:
    status, out, _ = run("regions", "sqs", "--output", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(rows) == 34
    east = next(r for r in rows if r["region"] == "us-east-1")
    assert east == {
        "service": "sqs",
        "region": "us-east-1",
        "status": "verified",
        "opt_in": False,
        "scope": "regional",
        "name": "US East (N. Virginia)",
    }


def test_regions_checked_against_ssm(moto_endpoint: str) -> None:
    status, out, _ = run("regions", "dsql", "--check-ssm", "--endpoint-url", moto_endpoint)
    assert status == 0
    assert out.splitlines()[0].split()[4] == "ssm"
    assert "listed" in out and "  -  " in out  # some inferred regions are not in SSM's list


def test_regions_bad_input() -> None:
    status, _, err = run("regions", "ec3")
    assert status == 2 and "Did you mean" in err and "'ec2'" in err
    status, _, err = run("regions", "ec2", "--partition", "aws-cm")
    assert status == 2 and "aws-cn" in err


# -- mangrove call ----------------------------------------------------------------------------


def test_call_prints_a_table_per_region(seeded: str) -> None:
    status, out, _ = run("call", "sqs", "ListQueues", *TWO, "--endpoint-url", seeded)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["region", "status", "seconds", "result"]
    assert lines[1].split()[:2] == ["us-east-1", "ok"] and "QueueUrls:" in lines[1]
    assert lines[2].startswith("eu-west-1")
    assert out.rstrip().endswith("all 2 regions succeeded")


@pytest.mark.parametrize("operation", ["list_queues", "list-queues", "ListQueues"])
def test_call_takes_either_spelling(seeded: str, operation: str) -> None:
    status, out, _ = run(
        "call", "sqs", operation, "--regions", "eu-west-1", "--endpoint-url", seeded
    )
    assert status == 0 and "QueueUrls: 1 items" in out


def test_call_params_are_read_by_their_type_and_json_lines_come_out(seeded: str) -> None:
    status, out, _ = run(
        "call", "sqs", "ListQueues", *TWO, "--endpoint-url", seeded, "--output", "json",
        "--param", "QueueNamePrefix=cli-east", "--param", "MaxResults=2",
    )  # fmt: skip
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["region"] for line in lines] == ["us-east-1", "eu-west-1"]
    assert len(lines[0]["result"]["QueueUrls"]) == 2  # MaxResults arrived as an integer
    assert not lines[1]["result"].get("QueueUrls")
    assert "ResponseMetadata" not in lines[0]["result"]
    status, json_out, _ = run(
        "call", "sqs", "ListQueues", *TWO, "--endpoint-url", seeded, "--output", "json",
        "--json", '{"QueueNamePrefix": "cli-east", "MaxResults": 2}',
    )  # fmt: skip
    assert status == 0
    assert [json.loads(line)["result"] for line in json_out.splitlines()] == [
        line["result"] for line in lines
    ]


def test_call_paginate_walks_every_page(seeded: str) -> None:
    status, out, _ = run(
        "call", "sqs", "list_queues", "--regions", "us-east-1", "--endpoint-url", seeded,
        "--paginate", "--param", "MaxResults=1", "--param", "QueueNamePrefix=cli-east",
        "--output", "json",
    )  # fmt: skip
    assert status == 0
    pages = json.loads(out)["result"]
    assert len(pages) == 3 and all(len(page["QueueUrls"]) == 1 for page in pages)
    _, table, _ = run(
        "call", "sqs", "list_queues", "--regions", "us-east-1", "--endpoint-url", seeded,
        "--paginate", "--param", "MaxResults=1", "--param", "QueueNamePrefix=cli-east",
    )  # fmt: skip
    assert "3 pages; QueueUrls: 3 items" in table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["call", "sqss", "ListQueues"], "Did you mean 'sqs'"),
        (["call", "sqs", "ListQueue"], "Did you mean 'ListQueues'"),
        (["call", "sqs", "list_queue"], "Did you mean 'list_queues'"),
        (["call", "sqs", "ListQueues", "--regions", "us-wset-1"], "Did you mean 'us-west-1'"),
        (["call", "sqs", "ListQueues", "--regions", "cn-north-1"], "partition='aws-cn'"),
        (["call", "sqs", "ListQueues", "--param", "queueNamePrefix=x"], "'QueueNamePrefix'"),
        (["call", "sqs", "ListQueues", "--param", "MaxResults"], "is not Name=Value"),
        (["call", "sqs", "ListQueues", "--param", "MaxResults=ten"], "takes an integer"),
        (["call", "sqs", "ListQueues", "--json", "{nope"], "not valid JSON"),
        (["call", "sqs", "ListQueues", "--json", "[1]"], "JSON object"),
        (["call", "sqs", "ListQueues", "--json", '{"Bogus": 1}'], "Unknown parameter"),
        (["call", "sqs", "GetQueueUrl", "--paginate"], "cannot be paginated"),
        (["call", "sqs", "GetQueueUrl"], "Invalid parameters"),  # QueueName is required
        (["call", "sqs", "ListQueues", "--regions", ","], "--regions is empty"),
        (["call", "sqs", "ListQueues", "--timeout", "0"], "--timeout"),
        (["call", "sqs", "ListQueues", "--profile", "no-such-profile"], "no-such-profile"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(argv: list[str], message: str) -> None:
    status, out, err = run(*argv, "--endpoint-url", "http://127.0.0.1:9")
    assert status == 2, err
    assert message in err and err.startswith("mangrove: error:")
    assert out == ""


def test_argparse_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["call", "sqs"], ["call", "sqs", "ListQueues", "--json", "{}", "--param", "a=b"]):
        with pytest.raises(SystemExit) as exited:
            cli.main(argv)
        assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_failed_regions_are_listed_with_their_reason_and_exit_1(proxy: FaultProxy) -> None:
    proxy.faults = {
        "ap-east-1": Fault.auth_failure("UnrecognizedClientException"),
        "eu-west-1": Fault.slow(10),  # woken when the proxy stops
    }
    status, out, _ = run(
        "call", "sqs", "ListQueues", "--regions", "us-east-1,ap-east-1,eu-west-1",
        "--endpoint-url", proxy.url, "--timeout", "1.5",
    )  # fmt: skip
    assert status == 1
    assert "2 of 3 regions failed:" in out
    assert "ap-east-1  region not enabled for this account (UnrecognizedClientException)" in out
    assert "eu-west-1  timed out" in out
    table = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:4]}
    assert table == {"us-east-1": "ok", "ap-east-1": "not-enabled", "eu-west-1": "timed-out"}


def test_json_output_keeps_stdout_parseable_when_regions_fail(proxy: FaultProxy) -> None:
    proxy.faults = {"ap-east-1": Fault.auth_failure("UnrecognizedClientException")}
    status, out, err = run(
        "call", "sqs", "ListQueues", "--regions", "us-east-1,ap-east-1",
        "--endpoint-url", proxy.url, "--output", "json",
    )  # fmt: skip
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[1]["ok"] is False
    assert lines[1]["error"]["kind"] == "not-enabled"
    assert lines[1]["error"]["code"] == "UnrecognizedClientException"
    assert "1 of 2 regions failed" in err


def test_regions_enabled_asks_the_account(seeded: str) -> None:
    status, out, _ = run(
        "call", "sqs", "ListQueues", "--regions", "enabled", "--endpoint-url", seeded,
        "--output", "json",
    )  # fmt: skip
    regions = [json.loads(line)["region"] for line in out.splitlines()]
    assert status == 0 and "us-east-1" in regions and "ap-east-1" not in regions


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(seeded: str) -> None:
    terminal = FakeTerminal()
    status, _, err = run(
        "call", "sqs", "ListQueues", *TWO, "--endpoint-url", seeded, stderr=terminal
    )
    assert status == 0 and "2/2 regions" in err and "\r" in err
    _, _, plain = run("call", "sqs", "ListQueues", *TWO, "--endpoint-url", seeded)
    assert plain == ""


def test_progress_counts_failures() -> None:
    stream = FakeTerminal()
    progress = Progress(2, stream)
    progress.update(RegionOutcome("sqs", "us-east-1", 0.1, value=1))
    progress.update(RegionOutcome("sqs", "eu-west-1", 0.1, error=None))
    assert "[########################] 2/2 regions" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r")


def test_summaries_and_region_parsing() -> None:
    response = {"Queues": [1, 2], "Owner": {"a": 1}, "Count": 7, "ResponseMetadata": {}}
    assert summarize(response) == "Queues: 2 items; Owner: {1 keys}; Count=7"
    assert summarize({"ResponseMetadata": {}}) == "(empty response)"
    assert summarize([{"A": [1]}, {"A": [2, 3]}]) == "2 pages; A: 3 items"
    assert parse_regions(None) is None and parse_regions("all") is None
    assert parse_regions("enabled") == "enabled"
    assert parse_regions(" us-east-1, eu-west-1 ,") == ["us-east-1", "eu-west-1"]
    with pytest.raises(CliInputError):
        parse_regions(" , ")


def test_the_console_script_and_module_entry_point() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "mangrove"]
    assert script.value == "mangrove.cli:main" and script.load() is cli.main
    done = subprocess.run(
        [sys.executable, "-m", "mangrove.cli", "regions", "iam"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "aws-global" in done.stdout


def test_demo_runner_shows_the_command_and_its_status() -> None:
    out = io.StringIO()
    assert demo_cli.run(["regions", "iam"], out, out) == 0
    assert out.getvalue().startswith("\n$ mangrove regions iam\n")
    assert out.getvalue().rstrip().endswith("(exit status 0)")
