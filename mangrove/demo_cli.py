"""The `mangrove` command line against an in-process moto server: no AWS account needed.

`python -m mangrove.demo_cli` (or `demo_cli.main()` from `make demo`) seeds a few queues, then
runs the CLI as a user would: where a service is offered (one inferred service checked against
AWS's public SSM parameters), one call fanned out over regions as a table and as JSON lines, a
paginated walk over the account's enabled regions, and a typo caught before anything is sent.
All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from typing import TextIO

from mangrove import cli
from mangrove._moto import fake_credentials, moto_server
from mangrove.pool import ServicePool

__all__ = ["main", "run"]

DEMO_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Show the command, run it, show its exit status."""
    shown = ["$ENDPOINT" if "://127.0.0.1" in a else shlex.quote(a) for a in argv]
    out.write(f"\n$ mangrove {' '.join(shown)}\n")
    out.flush()
    status = cli.main(argv, stdout=out, stderr=err)
    out.write(f"(exit status {status})\n")
    return status


def main(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the demo; 0 if every command exited as expected. `err` defaults to `out`."""
    out = out or sys.stdout
    err = err or out  # the CLI's messages inline, so the transcript reads in order
    with fake_credentials(), moto_server() as endpoint:
        out.write(f"moto server: ENDPOINT={endpoint} (no AWS account; nothing leaves 127.0.0.1)\n")
        sqs = ServicePool.for_service("sqs")(DEMO_REGIONS, endpoint_url=endpoint)
        for count, region in enumerate(DEMO_REGIONS, start=1):
            client = sqs.region(region)  # untyped here: for_service knows no stub
            for n in range(count):
                client.create_queue(QueueName=f"jobs-{region}-{n}")  # type: ignore[attr-defined]
        url = ["--endpoint-url", endpoint]
        regions = ["--regions", ",".join(DEMO_REGIONS)]
        as_json = ["--param", "QueueNamePrefix=jobs", "--output", "json"]
        expected = [
            (["regions", "iam"], 0),
            (["regions", "dsql", "--check-ssm", *url], 0),
            (["call", "sqs", "ListQueues", *regions, *url], 0),
            (["call", "sqs", "list_queues", *regions, *as_json, *url], 0),
            (["call", "sqs", "ListQueues", "--regions", "enabled", "--paginate", *url], 0),
            (["call", "ec2", "DescribeInstance", *url], cli.EXIT_BAD_INPUT),
        ]
        failures = 0
        for argv, status in expected:
            if run(argv, out, err) != status:
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
