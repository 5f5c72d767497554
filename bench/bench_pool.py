"""A 34-region EC2 pool against plain boto3: construction, first access, memory.

    .venv/bin/python bench/bench_pool.py [--repeat N]

1. Constructing `Ec2Pool()` (lazy, every region) against 34 eager `session.client("ec2", ...)`
   calls from one Session: warm (a later construction in the same process) and cold (the first
   one in a fresh process). Three pool classes: `mangrove.services.Ec2Pool` as it stands, a
   hand-written one (regions read from botocore's endpoint data at run time) and one given its
   regions precomputed (`_region_table` plus region attributes, as a generated pool has).
2. First access, each in a fresh process: pool construction + `pool.us_east_1` against
   `boto3.session.Session()` + `session.client("ec2", region_name="us-east-1")`.
3. Memory of a fully connected 34-region EC2 pool against 34 clients from one plain Session,
   each in a fresh process: peak RSS, and tracemalloc's peak in a separate run.

Prints medians and ratios; asserts nothing about time. Fake credentials; nothing leaves the
machine (creating a client makes no request).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from _util import (
    Child,
    child_main,
    column,
    current_rss_kib,
    fmt_kib,
    fmt_time,
    heading,
    median,
    peak_rss_kib,
    ratio_line,
    row,
    run_children,
    time_calls,
    use_fake_aws_env,
)

if TYPE_CHECKING:
    from mangrove.pool import ServicePool

SCRIPT = os.path.abspath(__file__)
SERVICE = "ec2"
POOL_VARIANTS = {
    "services": "mangrove.services.Ec2Pool",
    "hand": "hand-written pool (endpoint data read at run time)",
    "precomputed": "pool with precomputed regions (like a generated one)",
}


# -- pool classes, importable cold inside a child ------------------------------------------------


def pool_class(variant: str, regions: Sequence[str]) -> type[ServicePool[Any]]:
    """The pool class a variant measures; `regions` are the precomputed ones."""
    if variant == "services":
        from mangrove.services import Ec2Pool

        services_pool: type[ServicePool[Any]] = Ec2Pool
        return services_pool
    from mangrove.pool import RegionClient, ServicePool

    if variant == "hand":
        return type("HandEc2Pool", (ServicePool,), {"_aws_module_name": SERVICE})
    if variant == "precomputed":
        from mangrove.regions import ServiceRegions

        aws = ServiceRegions(SERVICE, "aws", tuple(regions), verified=True, is_global=False)
        # The table's shape follows ServicePool's: a tuple of ServiceRegions, or (earlier) a
        # mapping of partition to ServiceRegions.
        table = (aws,) if isinstance(ServicePool._region_table, tuple) else {"aws": aws}
        attributes: dict[str, object] = {r.replace("-", "_"): RegionClient(r) for r in regions}
        attributes.update(_aws_module_name=SERVICE, _region_table=table)
        return type("PrecomputedEc2Pool", (ServicePool,), attributes)
    raise ValueError(f"unknown pool variant {variant!r}")


# -- children: one fresh interpreter per measurement ---------------------------------------------


def child_construct(args: Sequence[str]) -> dict[str, float]:
    """Import, then the first construction (cold) and a second one (warm) of a pool class."""
    variant, regions = args[0], args[1].split(",")
    start = time.perf_counter()
    cls = pool_class(variant, regions)
    imported = time.perf_counter()
    first = cls()
    constructed = time.perf_counter()
    second = cls()
    warm = time.perf_counter() - constructed
    assert len(first) == len(second) == len(regions), (len(first), len(regions))
    assert first.connected_regions == ()
    return {
        "import_s": imported - start,
        "first_s": constructed - imported,
        "second_s": warm,
        "has_region_table": float(bool(cls._region_table)),
    }


def child_eager_boto3(args: Sequence[str]) -> dict[str, float]:
    """Import boto3, then one Session and a client for every region."""
    regions = args[0].split(",")
    start = time.perf_counter()
    import boto3.session

    imported = time.perf_counter()
    session = boto3.session.Session()
    clients = [session.client(SERVICE, region_name=region) for region in regions]
    done = time.perf_counter()
    assert len(clients) == len(regions)
    return {"import_s": imported - start, "eager_s": done - imported}


def child_first_access_pool(args: Sequence[str]) -> dict[str, float]:
    variant, regions = args[0], args[1].split(",")
    start = time.perf_counter()
    cls = pool_class(variant, regions)
    imported = time.perf_counter()
    pool: Any = cls()  # hand-written pools reach regions through __getattr__
    client = pool.us_east_1
    done = time.perf_counter()
    assert client.meta.region_name == "us-east-1"
    return {"import_s": imported - start, "op_s": done - imported}


def child_first_access_boto3(args: Sequence[str]) -> dict[str, float]:
    start = time.perf_counter()
    import boto3.session

    imported = time.perf_counter()
    client = boto3.session.Session().client(SERVICE, region_name="us-east-1")
    done = time.perf_counter()
    assert client.meta.region_name == "us-east-1"
    return {"import_s": imported - start, "op_s": done - imported}


def child_memory(args: Sequence[str]) -> dict[str, float]:
    """Every region's client, from a pool or from one plain Session; RSS or tracemalloc."""
    way, mode, regions = args[0], args[1], args[2].split(",")
    import boto3.session

    if way != "boto3":
        cls = pool_class("services", regions)
    rss_before = current_rss_kib()
    if mode == "trace":
        tracemalloc.start()
    if way == "boto3":
        session = boto3.session.Session()
        held: object = [session.client(SERVICE, region_name=region) for region in regions]
    else:
        held = cls(connect=True)
    result = {"rss_before_kib": float(rss_before)}
    if mode == "trace":
        current, peak = tracemalloc.get_traced_memory()
        result.update(traced_peak_kib=peak / 1024, traced_now_kib=current / 1024)
    result.update(peak_rss_kib=float(peak_rss_kib()), rss_after_kib=float(current_rss_kib()))
    assert held is not None
    return result


CHILDREN: dict[str, Child] = {
    "construct": child_construct,
    "eager-boto3": child_eager_boto3,
    "first-access-pool": child_first_access_pool,
    "first-access-boto3": child_first_access_boto3,
    "memory": child_memory,
}


# -- the parent: runs the children, measures the warm cases, prints ------------------------------


def bench_construction(regions: Sequence[str], repeat: int) -> None:
    joined = ",".join(regions)
    heading(
        f"1. Constructing a lazy {len(regions)}-region EC2 pool vs {len(regions)} eager clients"
    )
    use_fake_aws_env()
    import boto3.session

    print("  warm (in this process, after a first construction); median of 300 constructions:")
    warm: dict[str, float] = {}
    for variant, label in POOL_VARIANTS.items():
        cls = pool_class(variant, regions)
        cls()
        warm[variant] = median(time_calls(cls, 300))
        row(label, fmt_time(warm[variant]))

    def eager() -> None:
        session = boto3.session.Session()
        for region in regions:
            session.client(SERVICE, region_name=region)

    eager()  # the process's first clients: imports and caches warmed
    eager_warm = median(time_calls(eager, max(3, repeat // 2)))
    row(
        f"plain boto3: Session() + {len(regions)} clients (a later time in process)",
        fmt_time(eager_warm),
    )
    for variant, label in POOL_VARIANTS.items():
        print(ratio_line(f"warm: {label}", warm[variant], eager_warm, "construction < 1 ms"))

    print(f"  cold (first construction in a fresh process); median of {repeat} processes:")
    variants: dict[str, tuple[str, ...]] = {v: ("construct", v, joined) for v in POOL_VARIANTS}
    variants["boto3"] = ("eager-boto3", joined)
    runs = run_children(SCRIPT, variants, repeat)
    eager_cold = median(column(runs["boto3"], "eager_s"))
    for variant, label in POOL_VARIANTS.items():
        first = median(column(runs[variant], "first_s"))
        second = median(column(runs[variant], "second_s"))
        table = "yes" if runs[variant][0]["has_region_table"] else "no"
        row(
            label,
            fmt_time(first),
            f"second in that process {fmt_time(second).strip()};"
            f" import {fmt_time(median(column(runs[variant], 'import_s'))).strip()};"
            f" _region_table: {table}",
        )
    row(
        f"plain boto3: Session() + {len(regions)} clients (fresh process)",
        fmt_time(eager_cold),
        f"import boto3 {fmt_time(median(column(runs['boto3'], 'import_s'))).strip()}",
    )
    for variant, label in POOL_VARIANTS.items():
        first = median(column(runs[variant], "first_s"))
        print(ratio_line(f"cold: {label}", first, eager_cold))


def bench_first_access(regions: Sequence[str], repeat: int) -> None:
    joined = ",".join(regions)
    heading("2. First access to a region, fresh process: pool + pool.us_east_1 vs Session + client")
    variants: dict[str, tuple[str, ...]] = {
        v: ("first-access-pool", v, joined) for v in POOL_VARIANTS
    }
    variants["boto3"] = ("first-access-boto3",)
    runs = run_children(SCRIPT, variants, repeat)
    plain_op = median(column(runs["boto3"], "op_s"))
    plain_all = median([r["op_s"] + r["import_s"] for r in runs["boto3"]])
    print(f"  median of {repeat} processes each (op = after imports):")
    for label, key in [*((POOL_VARIANTS[v], v) for v in POOL_VARIANTS), ("plain boto3", "boto3")]:
        op = median(column(runs[key], "op_s"))
        total = median([r["op_s"] + r["import_s"] for r in runs[key]])
        row(label, fmt_time(op), f"import + op {fmt_time(total).strip()}")
    for variant, label in POOL_VARIANTS.items():
        op = median(column(runs[variant], "op_s"))
        total = median([r["op_s"] + r["import_s"] for r in runs[variant]])
        print(ratio_line(f"op: {label}", op, plain_op, "<= 1.05"))
        print(ratio_line(f"import + op: {label}", total, plain_all))


def bench_memory(regions: Sequence[str], repeat: int) -> None:
    joined = ",".join(regions)
    heading(f"3. Memory: fully connected {len(regions)}-region EC2 pool vs {len(regions)} clients")
    ways = {
        "pool": "pool, connect=True",
        "boto3": f"plain boto3: one Session, {len(regions)} clients",
    }
    rss = run_children(SCRIPT, {w: ("memory", w, "rss", joined) for w in ways}, repeat)
    traced = run_children(
        SCRIPT, {w: ("memory", w, "trace", joined) for w in ways}, max(2, repeat // 2)
    )
    print(f"  peak RSS: median of {repeat} processes; tracemalloc: of {max(2, repeat // 2)}")
    for way, label in ways.items():
        peak = median(column(rss[way], "peak_rss_kib"))
        grown = median([r["rss_after_kib"] - r["rss_before_kib"] for r in rss[way]])
        row(
            label,
            f"peak RSS {fmt_kib(peak).strip()}",
            f"grown after imports {fmt_kib(grown).strip()}",
        )
        row(
            "",
            f"traced peak {fmt_kib(median(column(traced[way], 'traced_peak_kib'))).strip()}",
            f"held at end {fmt_kib(median(column(traced[way], 'traced_now_kib'))).strip()}",
        )
    for way in ("pool",):
        for key, what in (("peak_rss_kib", "peak RSS"), ("traced_peak_kib", "traced peak")):
            source = rss if key == "peak_rss_kib" else traced
            print(
                ratio_line(
                    f"{what}: {ways[way]}",
                    median(column(source[way], key)),
                    median(column(source["boto3"], key)),
                    "<= 1.0",
                )
            )


def main() -> None:
    if child_main(CHILDREN):
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per measurement")
    parser.add_argument("--only", choices=["1", "2", "3"], action="append", help="sections to run")
    options = parser.parse_args()
    use_fake_aws_env()
    import boto3
    import botocore

    from mangrove.regions import service_regions

    regions = service_regions(SERVICE).regions
    print(
        f"# bench_pool: python {platform.python_version()}, boto3 {boto3.__version__},"
        f" botocore {botocore.__version__}, {os.cpu_count()} CPUs,"
        f" load {os.getloadavg()[0]:.2f}; {len(regions)} {SERVICE} regions"
    )
    started = time.perf_counter()
    sections = options.only or ["1", "2", "3"]
    if "1" in sections:
        bench_construction(regions, options.repeat)
    if "2" in sections:
        bench_first_access(regions, options.repeat)
    if "3" in sections:
        bench_memory(regions, max(3, options.repeat - 2))
    print(f"\n# done in {time.perf_counter() - started:.0f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
