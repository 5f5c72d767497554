"""One call fanned out over every region vs one call vs a serial loop, with injected latency.

    .venv/bin/python bench/bench_fanout.py [--delay 0.05] [--repeat 9] [--serial-repeat 3]

Every request goes through tests/faultproxy.py, which adds `--delay` seconds to each (50 ms by
default: a far region's round trip) in front of moto's server. Both run in a child process, so
their work does not share this process's GIL; the proxy replays each region's first answer, so
34 "regions" answer independently as real ones do instead of queueing on one moto server.

Measured in one run, on one warmed pool (clients created, connections open):
- one call in one region (the floor);
- `pool.map` over all regions (target: at most 1.5x the one call): as by default (idle
  threads kept from the previous fan-out), with the caller's own reused thread pool
  (`executor=`), and with new threads every time (`max_workers=`: the first fan-out's cost);
- threads by hand: a new ThreadPoolExecutor and `executor.map` over the same clients;
- a serial loop over the pool (about one call per region: ~34x).

Prints medians and ratios; asserts nothing. Fake credentials; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _util import (
    FAKE_AWS_ENV,
    fmt_time,
    heading,
    median,
    ratio_line,
    row,
    time_calls,
    use_fake_aws_env,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # faultproxy lives beside the tests that use it


def serve(delay: float) -> None:
    """Child: moto's server behind a replaying, delaying proxy until stdin closes."""
    from faultproxy import Fault, fault_proxy

    from mangrove._moto import fake_credentials, moto_server

    with (
        fake_credentials(),
        moto_server() as upstream,
        fault_proxy(upstream, default=Fault.slow(delay), replay=True) as proxy,
    ):
        print(proxy.url, flush=True)
        sys.stdin.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05, help="seconds added per request")
    parser.add_argument("--repeat", type=int, default=9, help="runs of each fast measurement")
    parser.add_argument("--serial-repeat", type=int, default=3, help="runs of the serial loop")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.delay)
        return

    use_fake_aws_env()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--delay", str(args.delay)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**FAKE_AWS_ENV, "PATH": "", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        endpoint = server.stdout.readline().strip()
        if not endpoint.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the proxy did not start (got {endpoint!r})")
        measure(endpoint, args.delay, args.repeat, args.serial_repeat)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=30)


def measure(endpoint: str, delay: float, repeat: int, serial_repeat: int) -> None:
    from mangrove.pool import ServicePool

    pool = ServicePool.for_service("sqs")(endpoint_url=endpoint)
    clients = [client for _, client in pool]  # every client made before timing
    one = pool.region("us-east-1")

    def call(client: object) -> object:
        return client.list_queues()  # type: ignore[attr-defined]

    def threads() -> None:
        with ThreadPoolExecutor(len(clients)) as executor:
            list(executor.map(call, clients))

    def serial() -> None:
        for client in clients:
            call(client)

    def fan_out() -> None:
        pool.map(call).raise_all()

    reused = ThreadPoolExecutor(len(clients), thread_name_prefix="bench")

    def fan_out_reused() -> None:
        pool.map(call, executor=reused).raise_all()

    def fan_out_cold() -> None:
        pool.map(call, max_workers=len(clients)).raise_all()  # a new thread pool every time

    for warm in (fan_out, serial, fan_out_reused):  # open connections, fill the replay cache
        warm()

    single_t = median(time_calls(lambda: call(one), repeat * 2))
    fan_t = median(time_calls(fan_out, repeat))
    reused_t = median(time_calls(fan_out_reused, repeat))
    cold_t = median(time_calls(fan_out_cold, repeat))
    threads_t = median(time_calls(threads, repeat))
    serial_t = median(time_calls(serial, serial_repeat))
    reused.shutdown()

    heading(
        f"sqs ListQueues over {len(clients)} regions, {delay * 1e3:.0f} ms injected per request"
        f" (python {platform.python_version()})"
    )
    row("one call, one region (median)", fmt_time(single_t))
    row(f"pool.map over {len(clients)} regions (median)", fmt_time(fan_t))
    row("pool.map(executor=<one reused thread pool>) (median)", fmt_time(reused_t))
    row(f"pool.map(max_workers={len(clients)}): new threads each time", fmt_time(cold_t))
    row("threads by hand: a new ThreadPoolExecutor, executor.map", fmt_time(threads_t))
    row(f"serial loop over {len(clients)} regions (median)", fmt_time(serial_t))
    print(ratio_line("pool.map / one call", fan_t, single_t, "<= 1.5"))
    print(ratio_line("pool.map(executor=reused) / one call", reused_t, single_t, "<= 1.5"))
    print(ratio_line("pool.map(max_workers=...) / one call", cold_t, single_t))
    print(ratio_line("pool.map / threads by hand", fan_t, threads_t, "<= 1"))
    print(ratio_line("serial loop / one call", serial_t, single_t, f"~{len(clients)}"))
    print(ratio_line("serial loop / pool.map", serial_t, fan_t))


if __name__ == "__main__":
    main()
