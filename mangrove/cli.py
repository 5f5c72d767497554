"""`mangrove`: where a service is offered, and one call asked of every region at once.

    mangrove regions SERVICE [--partition P] [--check-ssm ...]
    mangrove call SERVICE OPERATION [--regions a,b|enabled] [--param Name=Value ... | --json J]
                  [--paginate] [--output table|json] [--endpoint-url URL] [--profile P]

Exit status: 0 when every region answered, 1 when any region failed (each is listed with its
reason), 2 for input mangrove cannot act on (unknown service, operation, region or parameter,
each with close matches). Everything is checked before the first request is sent.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

import boto3.session
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ProfileNotFound

from mangrove import fanout, operations
from mangrove import regions as region_data
from mangrove._cli_input import CliInputError, parse_params, parse_regions
from mangrove._cli_output import (
    Progress,
    print_failures,
    print_json_lines,
    print_table,
)
from mangrove.discovery import RegionDiscoveryError, check_service_regions
from mangrove.errors import MangroveError
from mangrove.optin import is_opt_in_region
from mangrove.pool import ServicePool

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_REGION_FAILED = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mangrove",
        description="Typed pools of boto3 clients across AWS regions, from the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    regions = commands.add_parser(
        "regions",
        help="a service's regions: verified or inferred, opt-in or not, global or regional",
        description="List where botocore's data says SERVICE is offered.",
    )
    regions.add_argument("service", metavar="SERVICE", help="botocore name, such as ec2")
    regions.add_argument("--partition", default="aws", help="aws (default), aws-cn, ...")
    regions.add_argument("--output", choices=["table", "json"], default="table")
    regions.add_argument(
        "--check-ssm",
        action="store_true",
        help="also ask AWS's public SSM parameters which regions list the service"
        " (needs credentials)",
    )
    _add_connection_arguments(regions)
    regions.set_defaults(handler=_regions_command)

    call = commands.add_parser(
        "call",
        help="run one operation in many regions at once",
        description="Run OPERATION of SERVICE in every region (or --regions) concurrently.",
    )
    call.add_argument("service", metavar="SERVICE", help="botocore name, such as ec2")
    call.add_argument(
        "operation", metavar="OPERATION", help="DescribeInstances or describe_instances"
    )
    call.add_argument(
        "--regions", help="comma-separated regions, 'enabled' (ask the account), or 'all'"
    )
    call.add_argument("--partition", default="aws", help="aws (default), aws-cn, ...")
    given = call.add_mutually_exclusive_group()
    given.add_argument(
        "--param",
        action="append",
        metavar="NAME=VALUE",
        help="a parameter, read by its type (repeatable): MaxResults=5, InstanceIds=i-1,i-2",
    )
    given.add_argument("--json", metavar="JSON", help="all parameters as one JSON object")
    call.add_argument("--paginate", action="store_true", help="walk every page of the operation")
    call.add_argument("--output", choices=["table", "json"], default="table")
    call.add_argument(
        "--timeout",
        type=float,
        help="seconds for the whole fan-out; later regions count as timed out",
    )
    call.add_argument(
        "--max-workers", type=int, help="calls at once (default: every region, up to 64)"
    )
    _add_connection_arguments(call)
    call.set_defaults(handler=_call_command)
    return parser


def _add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint-url", help="send every request here (moto, LocalStack)")
    parser.add_argument("--profile", help="the AWS profile to use")


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; return the exit status (the console script exits with it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args, out, err)
    except RegionDiscoveryError as exc:
        err.write(f"mangrove: {exc}\n")
        return EXIT_REGION_FAILED
    except (MangroveError, ProfileNotFound) as exc:
        err.write(f"mangrove: error: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        err.write("mangrove: interrupted\n")
        return 130
    return status


# -- mangrove regions -------------------------------------------------------------------------


def _regions_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    service = args.service
    operations.service_model(service)  # UnknownServiceError, with close matches
    found = region_data.service_regions(service, args.partition)
    names = _region_names(args.partition)
    check = None
    if args.check_ssm:
        check = check_service_regions(
            service,
            partition=args.partition,
            session=_session(args.profile),
            endpoint_url=args.endpoint_url,
        )
    ssm = None if check is None else check.ssm_regions
    rows: list[dict[str, object]] = []
    for region in found.regions:
        row: dict[str, object] = {
            "region": region,
            "status": "verified" if found.verified else "inferred",
            "opt_in": is_opt_in_region(region),
            "scope": "global" if found.is_global else "regional",
            "name": names.get(region, "one endpoint for the partition" if found.is_global else ""),
        }
        if ssm is not None:
            row["ssm"] = region in ssm
        rows.append(row)
    if args.output == "json":
        for row in rows:
            out.write(json.dumps({"service": service, **row}) + "\n")
    else:
        _print_region_rows(rows, out)
        how = (
            "from botocore's endpoint data"
            if found.verified
            else "inferred: botocore does not list this service, so these are every region"
            " of the partition (try --check-ssm)"
        )
        noun = "region" if len(rows) == 1 else "regions"
        out.write(f"{service} in {args.partition}: {len(rows)} {noun}, {how}\n")
        if check is not None and check.missing:
            out.write(f"listed by SSM but not by botocore: {', '.join(check.missing)}\n")
    return EXIT_OK


def _region_names(partition: str) -> dict[str, str]:
    regions = region_data.endpoint_partitions()[partition]["regions"]
    return {name: str(data.get("description", "")) for name, data in regions.items()}


def _print_region_rows(rows: list[dict[str, object]], out: TextIO) -> None:
    headers = ["region", "status", "opt-in", "scope"]
    if rows and "ssm" in rows[0]:
        headers.append("ssm")
    table = [headers]
    for row in rows:
        cells = [
            str(row["region"]),
            str(row["status"]),
            "yes" if row["opt_in"] else "no",
            str(row["scope"]),
        ]
        if "ssm" in row:
            cells.append("listed" if row["ssm"] else "-")
        table.append(cells)
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    names = ["name", *(str(row["name"]) for row in rows)]
    for line, name in zip(table, names, strict=True):
        padded = [cell.ljust(width) for cell, width in zip(line, widths, strict=True)]
        out.write("  ".join([*padded, name]).rstrip() + "\n")


# -- mangrove call ----------------------------------------------------------------------------


def _call_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    service = args.service
    operations.service_model(service)  # UnknownServiceError, with close matches
    if args.paginate:
        method = operations.pageable_method(service, args.operation)
    else:
        method = operations.method_name(service, args.operation)
    params = parse_params(service, method, args.param, args.json)
    if args.timeout is not None and args.timeout <= 0:
        raise CliInputError("--timeout must be a positive number of seconds.")
    if args.max_workers is not None and args.max_workers < 1:
        raise CliInputError("--max-workers must be at least 1.")
    config = None
    if args.timeout is not None:
        # Bound each request too, so a region past the deadline does not hold the exit.
        config = Config(connect_timeout=args.timeout, read_timeout=args.timeout)
    pool = ServicePool.for_service(service)(
        parse_regions(args.regions),
        partition=args.partition,
        session=_session(args.profile),
        endpoint_url=args.endpoint_url,
        config=config,
    )
    if not len(pool):
        raise CliInputError(f"No region to ask: {service} has none enabled in this selection.")
    run = _walk if args.paginate else _invoke
    progress = Progress(len(pool), err)
    try:
        results = fanout.map_pool(
            pool,
            functools.partial(run, method, params),
            max_workers=args.max_workers,
            timeout=args.timeout,
            progress=progress.update,
        )
    finally:
        progress.close()
    if args.output == "json":
        print_json_lines(results, out)
        if not results.ok:
            print_failures(results, err)
    else:
        print_table(results, out)
        out.write("\n")
        print_failures(results, out)
    return EXIT_OK if results.ok else EXIT_REGION_FAILED


def _invoke(method: str, params: Mapping[str, object], client: BaseClient) -> object:
    return getattr(client, method)(**params)


def _walk(method: str, params: Mapping[str, object], client: BaseClient) -> object:
    return list(client.get_paginator(method).paginate(**params))


def _session(profile: str | None) -> boto3.session.Session:
    try:
        return boto3.session.Session(profile_name=profile)
    except ProfileNotFound:
        raise
    except BotoCoreError as exc:  # a malformed config file, say
        raise CliInputError(f"Could not load AWS settings: {exc}") from None


if __name__ == "__main__":
    sys.exit(main())
