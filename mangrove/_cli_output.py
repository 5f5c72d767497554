"""How `mangrove` shows things: a progress bar, per-region tables, JSON lines.

No dependencies: the progress bar is one carriage-returned line, drawn only when stderr is a
terminal (so pipes and CI logs stay clean), and tables are padded columns.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from mangrove.fanout import RegionOutcome, RegionResults

__all__ = ["Progress", "print_failures", "print_json_lines", "print_table", "summarize"]

_SUMMARY_WIDTH = 72
_BAR_WIDTH = 24


class Progress:
    """`[#########---------------] 12/34 regions, 1 failed` on a terminal; nothing elsewhere."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self._stream = stream
        self._enabled = _is_tty(stream) if enabled is None else enabled
        self._width = 0

    def update(self, outcome: RegionOutcome[object]) -> None:
        self.done += 1
        self.failed += 0 if outcome.ok else 1
        if not self._enabled:
            return
        filled = _BAR_WIDTH * self.done // max(self.total, 1)
        failed = f", {self.failed} failed" if self.failed else ""
        line = (
            f"[{'#' * filled}{'-' * (_BAR_WIDTH - filled)}] {self.done}/{self.total}"
            f" regions{failed}  {outcome.region}"
        )
        self._write(line)

    def close(self) -> None:
        if self._enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()

    def _write(self, line: str) -> None:
        padding = " " * max(0, self._width - len(line))
        self._stream.write("\r" + line + padding)
        self._stream.flush()
        self._width = max(self._width, len(line))


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summarize(value: object) -> str:
    """One line about a response: list sizes and short scalars, without ResponseMetadata.

    A list of pages (a paginated walk) is summed across its pages.
    """
    if isinstance(value, list):
        return _summarize_pages(value)
    if not isinstance(value, Mapping):
        return _short(repr(value))
    parts = [_describe(key, item) for key, item in value.items() if key != "ResponseMetadata"]
    return _short("; ".join(parts) or "(empty response)")


def _summarize_pages(pages: Sequence[object]) -> str:
    counts: dict[str, int] = {}
    for page in pages:
        if isinstance(page, Mapping):
            for key, item in page.items():
                if isinstance(item, list):
                    counts[key] = counts.get(key, 0) + len(item)
    noun = "page" if len(pages) == 1 else "pages"
    listed = "; ".join(f"{key}: {count} items" for key, count in counts.items())
    return _short(f"{len(pages)} {noun}" + (f"; {listed}" if listed else ""))


def _describe(key: str, item: object) -> str:
    if isinstance(item, list):
        return f"{key}: {len(item)} items"
    if isinstance(item, Mapping):
        return f"{key}: {{{len(item)} keys}}"
    return f"{key}={_short(str(item), 40)}"


def _short(text: str, width: int = _SUMMARY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def print_table(results: RegionResults[object], stream: TextIO) -> None:
    """region | status | seconds | what came back (or why not), one row per region."""
    rows = [("region", "status", "seconds", "result")]
    for outcome in results.outcomes:
        if outcome.error is None:
            rows.append((outcome.region, "ok", f"{outcome.seconds:.2f}", summarize(outcome.value)))
        else:
            reason = _short(outcome.error.reason)
            rows.append((outcome.region, str(outcome.error.kind), f"{outcome.seconds:.2f}", reason))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        cells[2] = row[2].rjust(widths[2])
        stream.write("  ".join([*cells, row[3]]).rstrip() + "\n")


def print_failures(results: RegionResults[object], stream: TextIO) -> None:
    """`N of M regions failed:` and each failed region with its reason; nothing if none."""
    if results.ok:
        count = len(results.regions)
        stream.write("1 region succeeded\n" if count == 1 else f"all {count} regions succeeded\n")
        return
    stream.write(f"{len(results.failed)} of {len(results.regions)} regions failed:\n")
    width = max(len(region) for region in results.failed)
    for region, error in results.errors.items():
        stream.write(f"  {region.ljust(width)}  {error.reason}\n")


def print_json_lines(results: RegionResults[object], stream: TextIO) -> None:
    """One JSON object per region, in region order: its result, or its error."""
    for outcome in results.outcomes:
        line: dict[str, object] = {
            "service": outcome.service,
            "region": outcome.region,
            "ok": outcome.ok,
            "seconds": round(outcome.seconds, 3),
        }
        if outcome.error is None:
            line["result"] = _without_metadata(outcome.value)
        else:
            line["error"] = {
                "kind": str(outcome.error.kind),
                "code": outcome.error.code,
                "message": outcome.error.detail,
            }
        stream.write(json.dumps(line, default=_json_default) + "\n")


def _without_metadata(value: object) -> object:
    if isinstance(value, Mapping):
        return {k: v for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [_without_metadata(page) for page in value]
    return value


def _json_default(value: object) -> object:
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)
