"""What one more region's client costs once a Session has a client of the service.

    .venv/bin/python bench/bench_further_region.py [--repeat N]

1. Where the time goes in plain boto3: direct timings (gc off) of a further client, of building
   its client class (`ClientCreator.create_client_class`) and of copying the Session's event
   emitter; then cProfile's view of the same, which inflates the deep pure-Python emitter copy.
2. Plain `session.client` vs a pool's lazy creation of the same further regions. In this
   process with gc off (the bare cost), then in fresh processes with gc on (what a user sees,
   gen-2 collections included) for all 33 further EC2 regions.

   Reusing per-service work across regions (the client class, about half of a further client)
   is possible only by wrapping botocore's private `ClientCreator._create_methods`: a prototype
   measured 0.50x per further client, but the pool does not ship it, because nothing public in
   botocore 1.43 allows it (the `creating-client-class` event fires after the methods are
   built, and `Session.create_client` takes no prebuilt class).

Prints medians and ratios; asserts nothing about time. Fake credentials; no request is made.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import gc
import os
import platform
import pstats
import time
from collections.abc import Callable, Sequence
from typing import Any

from _util import (
    Child,
    child_main,
    column,
    fmt_time,
    heading,
    median,
    ratio_line,
    row,
    run_children,
    use_fake_aws_env,
)

SCRIPT = os.path.abspath(__file__)
SERVICE = "ec2"
FIRST_REGION = "us-east-1"
WAYS = {
    "boto3": "plain boto3: session.client",
    "pool": "pool: pool.region(name)",
}


def client_maker(way: str) -> tuple[Callable[[str], object], list[str]]:
    """A fresh Session's (or pool's) `region -> new client`, and the further regions to ask."""
    import boto3.session

    from mangrove.services import Ec2Pool

    if way == "boto3":
        session = boto3.session.Session()
        regions = list(Ec2Pool().regions)

        def plain(region: str) -> object:
            return session.client(SERVICE, region_name=region)

        make: Callable[[str], object] = plain
    else:
        pool = Ec2Pool()
        pool.session  # noqa: B018 - made now, as the plain way's is: only clients are timed
        regions = list(pool.regions)
        make = pool.region
    regions.remove(FIRST_REGION)
    return make, [FIRST_REGION, *regions]


def further_client_times(way: str, *, gc_off: bool) -> tuple[float, list[float], int]:
    """The first client's time, each further region's, and the gen-2 collections meanwhile."""
    full_collections = 0

    def count(phase: str, info: dict[str, Any]) -> None:
        nonlocal full_collections
        if phase == "start" and info["generation"] == 2:
            full_collections += 1

    make, regions = client_maker(way)
    gc.callbacks.append(count)
    if gc_off:
        gc.disable()
    try:
        held = []  # plain clients live on, as a pool's do: the heap gen-2 GCs walk is alike
        start = time.perf_counter()
        held.append(make(regions[0]))
        first = time.perf_counter() - start
        times = []
        for region in regions[1:]:
            start = time.perf_counter()
            held.append(make(region))
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
        gc.callbacks.remove(count)
    return first, times, full_collections


# -- children --------------------------------------------------------------------------------


def child_further(args: Sequence[str]) -> dict[str, float]:
    first, times, full_collections = further_client_times(args[0], gc_off=False)
    return {
        "first_s": first,
        "further_median_s": median(times),
        "further_total_s": sum(times),
        "further_count": float(len(times)),
        "gen2_collections": float(full_collections),
    }


CHILDREN: dict[str, Child] = {"further": child_further}


# -- the parent ------------------------------------------------------------------------------


def _gc_off_median(function: Callable[[], object], repeat: int) -> float:
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return median(times)


def where_the_time_goes() -> None:
    heading("1. Plain boto3: where a further region's client spends its time")
    import boto3.session
    import botocore.session
    from botocore.client import ClientCreator

    core = botocore.session.get_session()
    session = boto3.session.Session(botocore_session=core)
    session.client(SERVICE, region_name=FIRST_REGION)
    emitter = core.get_component("event_emitter")
    # Only the loader and the emitter take part in building a class; the rest may be None.
    unused: Any = None
    loader = core.get_component("data_loader")
    creator = ClientCreator(loader, unused, "", emitter, unused, unused)
    regions = iter([r for r in session.get_available_regions(SERVICE) if r != FIRST_REGION] * 10)

    whole = _gc_off_median(lambda: session.client(SERVICE, region_name=next(regions)), 30)
    build_class = _gc_off_median(lambda: creator.create_client_class(SERVICE), 30)
    copy_emitter = _gc_off_median(lambda: copy.copy(emitter), 30)
    print("  direct timings, gc off, median of 30:")
    row("a further client (session.client)", fmt_time(whole), "100%")
    row(
        "building its class (ClientCreator.create_client_class)",
        fmt_time(build_class),
        f"{build_class / whole:4.0%}",
    )
    row(
        "copying the Session's event emitter (copy.copy)",
        fmt_time(copy_emitter),
        f"{copy_emitter / whole:4.0%}",
    )
    row(
        "everything else (args, endpoint, signer, handlers)",
        fmt_time(whole - build_class - copy_emitter),
        f"{(whole - build_class - copy_emitter) / whole:4.0%}",
    )

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        session.client(SERVICE, region_name=next(regions))
    profile.disable()
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = vars(pstats.Stats(profile))["stats"]

    def cumulative(path: str, name: str) -> float:
        return max(
            (v[3] for (f, _, n), v in raw.items() if f.endswith(path) and n == name), default=0.0
        )

    total = cumulative("botocore/session.py", "create_client")
    print(
        f"  cProfile, 10 further clients ({fmt_time(total / 10).strip()} each under the profiler):"
    )
    for path, name, what in [
        ("botocore/client.py", "_create_client_class", "building the class"),
        ("botocore/client.py", "_create_methods", "  of which making the method closures"),
        ("botocore/hooks.py", "__copy__", "copying the event emitter"),
        ("botocore/args.py", "get_client_args", "client args (includes the emitter copy)"),
        ("botocore/endpoint.py", "create_endpoint", "the endpoint (HTTP session)"),
        ("botocore/client.py", "_register_endpoint_discovery", "endpoint discovery handlers"),
        ("botocore/client.py", "_register_retries", "retry handlers"),
    ]:
        share = cumulative(path, name) / total if total else 0.0
        row(f"{what} ({name})", f"{share:6.1%}")


def before_and_after(repeat: int) -> None:
    heading("2. A further region's client: plain boto3 vs pool")
    in_process: dict[str, list[float]] = {way: [] for way in WAYS}
    firsts: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(3):
        for way in WAYS:
            first, times, _ = further_client_times(way, gc_off=True)
            in_process[way].extend(times)
            firsts[way].append(first)
            gc.collect()
    count = len(in_process["boto3"]) // 3
    print(f"  in this process, gc off: median over 3 sessions x {count} further regions")
    for way, label in WAYS.items():
        row(
            label,
            fmt_time(median(in_process[way])),
            f"(a later session's first client: {fmt_time(median(firsts[way])).strip()})",
        )
    base = median(in_process["boto3"])
    print(ratio_line(f"further client: {WAYS['pool']} / plain", median(in_process["pool"]), base))

    runs = run_children(SCRIPT, {way: ("further", way) for way in WAYS}, repeat)
    count = int(runs["boto3"][0]["further_count"])
    print(f"  fresh processes, gc on: median of {repeat} processes")
    for way, label in WAYS.items():
        row(
            label,
            fmt_time(median(column(runs[way], "further_median_s"))),
            f"all {count}: {fmt_time(median(column(runs[way], 'further_total_s'))).strip()};"
            f" first client {fmt_time(median(column(runs[way], 'first_s'))).strip()};"
            f" gen-2 GCs {median(column(runs[way], 'gen2_collections')):.0f}",
        )
    base = median(column(runs["boto3"], "further_median_s"))
    base_total = median(column(runs["boto3"], "further_total_s"))
    base_first = median(column(runs["boto3"], "first_s"))
    for way in ("pool",):
        print(
            ratio_line(
                f"median further: {WAYS[way]} / plain",
                median(column(runs[way], "further_median_s")),
                base,
            )
        )
        print(
            ratio_line(
                f"all {count} further: {WAYS[way]} / plain",
                median(column(runs[way], "further_total_s")),
                base_total,
            )
        )
        print(
            ratio_line(
                f"first client: {WAYS[way]} / plain",
                median(column(runs[way], "first_s")),
                base_first,
            )
        )


def main() -> None:
    if child_main(CHILDREN):
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per measurement")
    options = parser.parse_args()
    use_fake_aws_env()
    import boto3
    import botocore

    print(
        f"# bench_further_region: python {platform.python_version()},"
        f" boto3 {boto3.__version__}, botocore {botocore.__version__}, {os.cpu_count()} CPUs,"
        f" load {os.getloadavg()[0]:.2f}"
    )
    started = time.perf_counter()
    where_the_time_goes()
    before_and_after(options.repeat)
    print(f"\n# done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
