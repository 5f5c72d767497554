"""Ask every region the same question at once, and keep every region's answer or error.

A serial loop over 34 regions costs 34 round trips; threads by hand cost the errors (the first
exception wins, the rest vanish). Here each region's call runs on an executor, its outcome is
recorded whatever happens, and the caller gets one typed object: results by region, failures
by region (classified, see `mangrove.failures`), in the pool's region order. Nothing raises
unless the caller asks (`raise_first()`, `raise_all()`).

Clients are still made by `pool.region(name)`, under the pool's lock, on the worker that needs
them; only the calls themselves overlap. The executor is any `concurrent.futures.Executor` that
runs callables in this process (a process pool cannot ship clients). By default mangrove's own
thread pool runs up to `DEFAULT_MAX_WORKERS` calls at once, and its idle threads are kept for
the next fan-out (see `_IdlePools`); `max_workers=` gets a new pool of that size, shut down after.

`timeout` is one deadline for the whole fan-out, counted from its start, as in
`concurrent.futures.as_completed`: regions without an answer by then are recorded as timed out
and the call returns. Their threads cannot be killed; they finish in the background, bounded by
the client's own connect and read timeouts, and their late answers are dropped.
"""

from __future__ import annotations

import functools
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeoutError
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from botocore.client import BaseClient

from mangrove import operations
from mangrove.errors import MangroveError, RegionNotInPoolError, close_matches
from mangrove.failures import (
    FailureKind,
    RegionCallError,
    RegionTimeoutError,
    classify,
    fan_out_error,
)

if TYPE_CHECKING:
    from mangrove.pool import ServiceMixinPool, ServicePool

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

__all__ = [
    "DEFAULT_MAX_WORKERS",
    "Page",
    "RegionItem",
    "RegionOutcome",
    "RegionPage",
    "RegionPages",
    "RegionResults",
    "ServiceNotInPoolError",
    "ServiceResults",
    "map_pool",
    "map_services",
    "paginate_pool",
]

R = TypeVar("R")
P = TypeVar("P")
C = TypeVar("C", bound=BaseClient)

#: Threads a fan-out starts when not told otherwise: enough for one per region of any service
#: (34 in `aws` today) with room to spare. Each thread mostly waits on the network.
DEFAULT_MAX_WORKERS = 64

#: A page as botocore returns it, when the operation is named by a string.
Page = dict[str, object]


class ServiceNotInPoolError(MangroveError, LookupError):
    """`services=` named a service the mixin pool does not hold."""

    def __init__(self, name: str, held: Iterable[str]) -> None:
        held = list(held)
        self.service = name
        hint = close_matches(name, held)
        suffix = f" Did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        super().__init__(
            f"This pool holds no service {name!r}; it holds {', '.join(held) or 'none'}.{suffix}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


# -- one region's outcome ---------------------------------------------------------------------


class RegionOutcome(Generic[R]):
    """What one region's call came to: a value or a `RegionCallError`, and how long it took."""

    __slots__ = ("_value", "error", "region", "seconds", "service")

    def __init__(
        self,
        service: str,
        region: str,
        seconds: float,
        value: R | None = None,
        error: RegionCallError | None = None,
    ) -> None:
        self.service = service
        self.region = region
        self.seconds = seconds
        self._value = value
        self.error = error

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def value(self) -> R:
        """The call's return value; raises the region's `RegionCallError` if it failed."""
        if self.error is not None:
            raise self.error
        return cast(R, self._value)

    def __repr__(self) -> str:
        state = "ok" if self.error is None else str(self.error.kind)
        return f"<RegionOutcome {self.service}/{self.region} {state} {self.seconds:.3f}s>"


class _Failures:
    """What every fan-out result shares: its failures, and ways to raise them on request."""

    __slots__ = ()

    @property
    def failures(self) -> tuple[RegionCallError, ...]:
        """Every failure, in region (and service) order."""
        raise NotImplementedError

    @property
    def ok(self) -> bool:
        """True when every call succeeded."""
        return not self.failures

    def failures_of(self, *kinds: FailureKind) -> tuple[RegionCallError, ...]:
        """The failures of the given kinds (`FailureKind.THROTTLED`, ...)."""
        return tuple(f for f in self.failures if f.kind in kinds)

    def raise_first(self) -> Self:
        """Raise the first failure in region order, if any; else return self (to chain)."""
        failures = self.failures
        if failures:
            raise failures[0]
        return self

    def raise_all(self) -> Self:
        """Raise a `FanOutError` carrying every failure, if any; else return self.

        On Python 3.11+ it is an ExceptionGroup, so `except* RegionThrottledError:` works.
        """
        failures = self.failures
        if failures:
            raise fan_out_error(failures)
        return self


class RegionResults(_Failures, Mapping[str, R]):
    """One service's fan-out: a mapping of region -> result, failures kept beside it.

    As a mapping it holds the regions that succeeded, in the pool's order; `errors` holds the
    others, `outcomes` all of them. `results["ap-east-1"]` for a failed region raises a KeyError
    that says why; `results.result("ap-east-1")` raises the region's own `RegionCallError`.
    """

    __slots__ = ("_errors", "_outcomes", "_values")

    def __init__(self, outcomes: Iterable[RegionOutcome[R]]) -> None:
        self._outcomes = tuple(outcomes)
        self._values: dict[str, R] = {}
        self._errors: dict[str, RegionCallError] = {}
        for outcome in self._outcomes:
            if outcome.error is None:
                self._values[outcome.region] = outcome.value
            else:
                self._errors[outcome.region] = outcome.error

    def __getitem__(self, region: str) -> R:
        try:
            return self._values[region]
        except KeyError:
            failure = self._errors.get(region)
            if failure is None:
                raise
            raise KeyError(
                f"{region} failed ({failure.kind}); see .errors[{region!r}]"
                f" or .result({region!r}): {failure.reason}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region asked, succeeded or not, in order."""
        return tuple(o.region for o in self._outcomes)

    @property
    def succeeded(self) -> tuple[str, ...]:
        return tuple(self._values)

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(self._errors)

    @property
    def errors(self) -> Mapping[str, RegionCallError]:
        """Failed region -> its classified error, in region order."""
        return dict(self._errors)

    @property
    def failures(self) -> tuple[RegionCallError, ...]:
        return tuple(self._errors.values())

    @property
    def outcomes(self) -> tuple[RegionOutcome[R], ...]:
        """Every region's outcome (value or error, and seconds taken), in order."""
        return self._outcomes

    def result(self, region: str) -> R:
        """The region's result, or raise its `RegionCallError` (KeyError if never asked)."""
        if region in self._errors:
            raise self._errors[region]
        return self._values[region]

    def __repr__(self) -> str:
        failed = ", ".join(f"{r}: {e.kind}" for r, e in list(self._errors.items())[:5])
        more = ", ..." if len(self._errors) > 5 else ""
        detail = f" ({failed}{more})" if failed else ""
        return f"<RegionResults {len(self._values)} ok, {len(self._errors)} failed{detail}>"


class ServiceResults(_Failures, Mapping[str, RegionResults[R]]):
    """A mixin pool's fan-out: service attribute -> that service's `RegionResults`."""

    __slots__ = ("_by_service",)

    def __init__(self, by_service: Mapping[str, RegionResults[R]]) -> None:
        self._by_service = dict(by_service)

    def __getitem__(self, service: str) -> RegionResults[R]:
        return self._by_service[service]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_service)

    def __len__(self) -> int:
        return len(self._by_service)

    @property
    def failures(self) -> tuple[RegionCallError, ...]:
        return tuple(f for results in self._by_service.values() for f in results.failures)

    @property
    def outcomes(self) -> tuple[RegionOutcome[R], ...]:
        return tuple(o for results in self._by_service.values() for o in results.outcomes)

    def __repr__(self) -> str:
        inner = ", ".join(
            f"{name}: {len(r)} ok/{len(r.failed)} failed" for name, r in self._by_service.items()
        )
        return f"<ServiceResults {{{inner}}}>"


# -- running calls ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Call(Generic[R]):
    service: str
    region: str
    run: Callable[[], R]


def _attempt(call: _Call[R]) -> RegionOutcome[R]:
    """Run one call on a worker; never raises, so no outcome can be lost."""
    start = time.perf_counter()
    try:
        value = call.run()
    except BaseException as exc:  # a worker must record even SystemExit, not die silently
        error = classify(exc, service=call.service, region=call.region)
        return RegionOutcome(call.service, call.region, time.perf_counter() - start, error=error)
    return RegionOutcome(call.service, call.region, time.perf_counter() - start, value)


def _timed_out(call: _Call[object], timeout: float) -> RegionCallError:
    cause = TimeoutError(f"no answer within the fan-out's timeout of {timeout:g} s")
    return RegionTimeoutError(call.service, call.region, cause)


def _leave_open(clean: bool) -> None:
    """A caller's executor is the caller's to shut down."""


def _shut_down(executor: Executor, clean: bool) -> None:
    # Wait only when nothing is left running: a timed-out call keeps its thread.
    executor.shutdown(wait=clean, cancel_futures=True)


class _IdlePools:
    """Thread pools kept idle between fan-outs, so a repeated fan-out reuses warm threads.

    Starting 34 threads costs more than a third of the 50 ms of one far region's round trip
    (each start waits for the GIL while the first workers sign and parse). A pool comes back
    here only if its fan-out left nothing running, so a hung region's thread can never make a
    later fan-out wait; at most `keep` pools are kept, and none survive a fork.
    """

    def __init__(self, keep: int = 2) -> None:
        self._keep = keep
        self._idle: list[ThreadPoolExecutor] = []
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def take(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pid != os.getpid():  # a forked child: those threads do not exist here
                self._idle.clear()
                self._pid = os.getpid()
            if self._idle:
                return self._idle.pop()
        return ThreadPoolExecutor(DEFAULT_MAX_WORKERS, thread_name_prefix="mangrove-fanout")

    def give_back(self, executor: ThreadPoolExecutor, clean: bool) -> None:
        if clean:
            with self._lock:
                if self._pid == os.getpid() and len(self._idle) < self._keep:
                    self._idle.append(executor)
                    return
        _shut_down(executor, clean)


_idle_pools = _IdlePools()


@dataclass(frozen=True)
class _Runner:
    """Where and how long calls run: the executor (the caller's, an idle one of ours, or one
    made for this fan-out with `max_workers`) and the deadline."""

    max_workers: int | None
    timeout: float | None
    executor: Executor | None

    def __post_init__(self) -> None:
        if self.executor is not None and self.max_workers is not None:
            raise ValueError(
                "Pass max_workers= or executor=, not both: max_workers sizes the thread pool"
                " mangrove creates when no executor is given."
            )
        if self.max_workers is not None and self.max_workers < 1:
            raise ValueError(f"max_workers must be at least 1, got {self.max_workers}")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout}")

    def open(self, calls: int) -> tuple[Executor, Callable[[bool], None]]:
        """The executor to use, and what to call with `clean` (nothing is left running) when
        the fan-out is over."""
        if self.executor is not None:
            return self.executor, _leave_open
        if self.max_workers is None:
            executor = _idle_pools.take()
            return executor, functools.partial(_idle_pools.give_back, executor)
        workers = max(1, min(calls, self.max_workers))
        own = ThreadPoolExecutor(workers, thread_name_prefix="mangrove-fanout")
        return own, functools.partial(_shut_down, own)

    def deadline(self) -> float | None:
        return None if self.timeout is None else time.monotonic() + self.timeout


def run_calls(
    calls: Sequence[_Call[R]],
    runner: _Runner,
    progress: Callable[[RegionOutcome[R]], None] | None = None,
) -> list[RegionOutcome[R]]:
    """Every call's outcome, in the order of `calls`. `progress` sees each as it lands."""
    if not calls:
        return []
    executor, release = runner.open(len(calls))
    outcomes: list[RegionOutcome[R] | None] = [None] * len(calls)
    started = time.perf_counter()
    finished = False

    def record(index: int, outcome: RegionOutcome[R]) -> None:
        outcomes[index] = outcome
        if progress is not None:
            progress(outcome)

    try:
        futures: dict[Future[RegionOutcome[R]], int] = {
            executor.submit(_attempt, call): index for index, call in enumerate(calls)
        }
        try:
            for future in as_completed(futures, timeout=runner.timeout):
                index = futures[future]
                try:
                    outcome = future.result()
                except BaseException as exc:  # cancelled by someone else's executor shutdown
                    call = calls[index]
                    error = classify(exc, service=call.service, region=call.region)
                    outcome = RegionOutcome(call.service, call.region, 0.0, error=error)
                record(index, outcome)
        except FuturesTimeoutError:
            assert runner.timeout is not None
            elapsed = time.perf_counter() - started
            for future, index in futures.items():
                if outcomes[index] is None:
                    future.cancel()
                    call = calls[index]
                    error = _timed_out(cast(_Call[object], call), runner.timeout)
                    record(index, RegionOutcome(call.service, call.region, elapsed, error=error))
        finished = all(future.done() for future in futures)
    finally:
        release(finished)
    return [outcome for outcome in outcomes if outcome is not None]


# -- pools ------------------------------------------------------------------------------------


def _selected_regions(pool: ServicePool[BaseClient], regions: Iterable[str] | None) -> list[str]:
    """The pool's regions, or the chosen ones in the order given (each checked to be in it)."""
    if regions is None:
        return list(pool.regions)
    chosen = [regions] if isinstance(regions, str) else list(dict.fromkeys(regions))
    for region in chosen:
        if region not in pool:
            pool.region(region)  # raises the precise error: unknown region, or not in pool
    return chosen


def _in_region(pool: ServicePool[C], region: str, fn: Callable[[C], R]) -> R:
    return fn(pool.region(region))


def map_pool(
    pool: ServicePool[C],
    fn: Callable[[C], R],
    *,
    regions: Iterable[str] | None = None,
    max_workers: int | None = None,
    timeout: float | None = None,
    executor: Executor | None = None,
    progress: Callable[[RegionOutcome[R]], None] | None = None,
) -> RegionResults[R]:
    """`fn(client)` in each region of `pool` at once (what `ServicePool.map` does)."""
    runner = _Runner(max_workers, timeout, executor)
    calls = [
        _Call(pool.service_name, region, functools.partial(_in_region, pool, region, fn))
        for region in _selected_regions(pool, regions)
    ]
    return RegionResults(run_calls(calls, runner, progress))


def map_services(
    mixin: ServiceMixinPool,
    fn: Callable[[BaseClient], R],
    *,
    services: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
    max_workers: int | None = None,
    timeout: float | None = None,
    executor: Executor | None = None,
    progress: Callable[[RegionOutcome[R]], None] | None = None,
) -> ServiceResults[R]:
    """`fn(client)` in each region of each service of `mixin` at once, on one executor.

    `regions` narrows every regional service to those of its regions listed (each listed
    region must be in at least one service); global services (iam, route53, ...) have one
    endpoint and are always asked once.
    """
    runner = _Runner(max_workers, timeout, executor)
    held = mixin.services
    names = list(held) if services is None else _as_list(services)
    for name in names:
        if name not in held:
            raise ServiceNotInPoolError(name, held)
    wanted = None if regions is None else _as_list(regions)
    if wanted is not None:
        every = {r for name in names for r in held[name].regions}
        for region in wanted:
            if region not in every:
                raise RegionNotInPoolError(region, "any service of this pool", sorted(every))
    calls: list[_Call[R]] = []
    spans: dict[str, tuple[int, int]] = {}
    for name in names:
        pool = held[name]
        own = [r for r in pool.regions if pool.is_global or wanted is None or r in wanted]
        start = len(calls)
        calls.extend(
            _Call(pool.service_name, r, functools.partial(_in_region, pool, r, fn)) for r in own
        )
        spans[name] = (start, len(calls))
    outcomes = run_calls(calls, runner, progress)
    return ServiceResults(
        {name: RegionResults(outcomes[lo:hi]) for name, (lo, hi) in spans.items()}
    )


def _as_list(names: Iterable[str]) -> list[str]:
    return [names] if isinstance(names, str) else list(dict.fromkeys(names))


# -- pagination -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionPage(Generic[P]):
    """One page of one region's walk; `number` counts that region's pages from 0."""

    service: str
    region: str
    number: int
    page: P


@dataclass(frozen=True)
class RegionItem:
    """One item of a page's result list (`Reservations`, `QueueUrls`, ...), with its region."""

    service: str
    region: str
    item: object


@dataclass(frozen=True)
class _PageEvent:
    index: int
    number: int
    page: object


@dataclass(frozen=True)
class _DoneEvent:
    index: int
    outcome: RegionOutcome[int]


class RegionPages(_Failures, Generic[P]):
    """Pages of every region's walk, yielded as they arrive; failures kept beside them.

    Iterate once. The walks start on the first iteration and run concurrently; pages arrive
    interleaved across regions. `errors` fills in as regions fail; once iteration ends it holds
    every failed region, and `pages_per_region` every region's page count. Stopping early
    (`break`) stops every walk after its current page.
    """

    __slots__ = (
        "_calls",
        "_errors",
        "_outcomes",
        "_result_keys",
        "_runner",
        "_started",
    )

    def __init__(self, calls: Sequence[_Call[Iterable[P]]], runner: _Runner) -> None:
        self._calls = list(calls)
        self._runner = runner
        self._started = False
        self._outcomes: dict[int, RegionOutcome[int]] = {}
        self._errors: dict[str, RegionCallError] = {}
        self._result_keys: dict[int, tuple[object, ...]] = {}

    def __iter__(self) -> Iterator[RegionPage[P]]:
        if self._started:
            raise RuntimeError(
                "These pages were already iterated; call paginate() again to walk again."
            )
        self._started = True
        return self._walk()

    def items(self, key: str | None = None) -> Iterator[RegionItem]:
        """Each page's items, flattened: those under `key` (a dotted path such as
        `Reservations` or `Contents`), or under botocore's result keys for the operation."""
        for page in self:
            for item in self._items_of(page, key):
                yield RegionItem(page.service, page.region, item)

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(call.region for call in self._calls)

    @property
    def errors(self) -> Mapping[str, RegionCallError]:
        """Failed region -> its classified error (complete once iteration has ended)."""
        return dict(self._errors)

    @property
    def failures(self) -> tuple[RegionCallError, ...]:
        return tuple(
            outcome.error
            for _, outcome in sorted(self._outcomes.items())
            if outcome.error is not None
        )

    @property
    def pages_per_region(self) -> Mapping[str, int]:
        """Pages each finished region yielded (complete once iteration has ended)."""
        return {self._calls[i].region: o.value for i, o in sorted(self._outcomes.items()) if o.ok}

    def _walk(self) -> Iterator[RegionPage[P]]:
        events: queue.SimpleQueue[_PageEvent | _DoneEvent] = queue.SimpleQueue()
        stop = threading.Event()
        executor, release = self._runner.open(len(self._calls))
        deadline = self._runner.deadline()
        pending = set(range(len(self._calls)))
        running: set[int] = set()
        started = time.perf_counter()
        try:
            for index in range(len(self._calls)):
                executor.submit(self._walk_one, index, events, stop)
            while pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                try:
                    event = events.get(timeout=remaining)
                except queue.Empty:
                    break
                if isinstance(event, _DoneEvent):
                    pending.discard(event.index)
                    self._finish(event.index, event.outcome)
                elif event.index in pending:
                    call = self._calls[event.index]
                    page = cast(P, event.page)
                    yield RegionPage(call.service, call.region, event.number, page)
            running = set(pending)  # their walks go on in the background: do not wait
            for index in sorted(pending):
                assert self._runner.timeout is not None
                late = cast(_Call[object], self._calls[index])
                elapsed = time.perf_counter() - started
                error = _timed_out(late, self._runner.timeout)
                self._finish(index, RegionOutcome(late.service, late.region, elapsed, error=error))
            pending.clear()
        finally:
            stop.set()
            release(not pending and not running)

    def _walk_one(
        self, index: int, events: queue.SimpleQueue[_PageEvent | _DoneEvent], stop: threading.Event
    ) -> None:
        call = self._calls[index]
        start = time.perf_counter()
        number = 0
        try:
            pages = call.run()
            self._result_keys[index] = tuple(getattr(pages, "result_keys", None) or ())
            for page in pages:
                if stop.is_set():
                    break
                events.put(_PageEvent(index, number, page))
                number += 1
        except BaseException as exc:  # recorded as the region's failure, never lost
            error = classify(exc, service=call.service, region=call.region)
            outcome = RegionOutcome[int](
                call.service, call.region, time.perf_counter() - start, error=error
            )
        else:
            outcome = RegionOutcome(call.service, call.region, time.perf_counter() - start, number)
        events.put(_DoneEvent(index, outcome))

    def _finish(self, index: int, outcome: RegionOutcome[int]) -> None:
        self._outcomes[index] = outcome
        if outcome.error is not None:
            self._errors[outcome.region] = outcome.error

    def _items_of(self, page: RegionPage[P], key: str | None) -> list[object]:
        if key is not None:
            found = _dig(page.page, key.split("."))
            return found if isinstance(found, list) else ([] if found is None else [found])
        index = self.regions.index(page.region)
        searchers = self._result_keys.get(index, ())
        if not searchers:
            raise ValueError(
                f"No result key is known for these pages; pass items(key=...) naming the list"
                f" to flatten (the pages of {page.region} have keys"
                f" {sorted(page.page) if isinstance(page.page, Mapping) else '?'})."
            )
        items: list[object] = []
        for searcher in searchers:
            found = searcher.search(page.page)  # type: ignore[attr-defined]
            if isinstance(found, list):
                items.extend(found)
            elif found is not None:
                items.append(found)
        return items

    def __repr__(self) -> str:
        state = "not started" if not self._started else f"{len(self._outcomes)} regions done"
        return f"<RegionPages {len(self._calls)} regions, {state}, {len(self._errors)} failed>"


def _dig(value: object, path: list[str]) -> object:
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _operation_pages(
    method: str, params: Mapping[str, object], client: BaseClient
) -> Iterable[Page]:
    return cast(Iterable[Page], client.get_paginator(method).paginate(**params))


def paginate_pool(
    pool: ServicePool[C],
    operation: str | Callable[[C], Iterable[P]],
    params: Mapping[str, object],
    *,
    regions: Iterable[str] | None = None,
    max_workers: int | None = None,
    timeout: float | None = None,
    executor: Executor | None = None,
) -> RegionPages[P] | RegionPages[Page]:
    """Walk `operation` in each region of `pool` at once (what `ServicePool.paginate` does).

    `operation` is an operation name (either spelling; checked to be pageable before anything
    runs) with `params`, or a callable returning any iterable of pages for a client, such as
    `lambda c: c.get_paginator("describe_instances").paginate(Filters=...)`, whose pages keep
    their (stub) types.
    """
    runner = _Runner(max_workers, timeout, executor)
    selected = _selected_regions(pool, regions)
    if isinstance(operation, str):
        method = operations.pageable_method(pool.service_name, operation)
        walk = functools.partial(_operation_pages, method, dict(params))
        named = [
            _Call(pool.service_name, r, functools.partial(_in_region, pool, r, walk))
            for r in selected
        ]
        return RegionPages(named, runner)
    if params:
        raise TypeError(
            "Operation parameters go with an operation name; a callable makes its own call."
        )
    calls = [
        _Call(pool.service_name, r, functools.partial(_in_region, pool, r, operation))
        for r in selected
    ]
    return RegionPages(calls, runner)
