"""Turning `mangrove call`'s command line into boto3 parameters, checked before anything runs.

`--param Name=Value` is read by the type botocore's model gives `Name`: an integer member
gets an int, a boolean `true`/`false`, a list of strings `a,b,c` (or JSON), a structure JSON.
So `--param MaxResults=5 --param QueueNamePrefix=jobs` needs no quoting games, and a mistake
is reported once, naming the parameter, instead of failing in every region.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from botocore.exceptions import ParamValidationError
from botocore.model import Shape, StructureShape
from botocore.validate import validate_parameters

from mangrove import operations
from mangrove.errors import MangroveError, close_matches

__all__ = ["CliInputError", "parse_params", "parse_regions"]

_INTEGERS = {"integer", "long"}
_FLOATS = {"float", "double"}
_TEXT = {"string", "timestamp", "blob"}


class CliInputError(MangroveError, ValueError):
    """A command line that cannot be turned into a call."""


def parse_regions(text: str | None) -> str | list[str] | None:
    """`--regions`: None (all), `"enabled"`, or the names listed, comma-separated."""
    if text is None:
        return None
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise CliInputError("--regions is empty: list regions (a,b), or say 'enabled' or 'all'.")
    if names in (["all"], ["*"]):
        return None
    if names == ["enabled"]:
        return "enabled"
    return names


def parse_params(
    service: str, method: str, pairs: Sequence[str] | None, json_text: str | None
) -> dict[str, object]:
    """The call's parameters from `--param Name=Value ...` or `--json '{...}'`, validated
    against the operation's input shape."""
    model = operations.operation_model(service, method)
    shape = model.input_shape
    members: dict[str, Shape] = dict(shape.members) if isinstance(shape, StructureShape) else {}
    if json_text is not None:
        params = _from_json(json_text)
    else:
        params = {}
        for pair in pairs or ():
            name, value = _from_pair(pair, members, model.name)
            previous = params.get(name)
            if isinstance(previous, list) and isinstance(value, list):
                previous.extend(value)  # a list parameter given twice: both parts
            else:
                params[name] = value
    if shape is None:
        if params:
            raise CliInputError(f"{service} {model.name} takes no parameters.")
        return params
    try:
        validate_parameters(params, shape)
    except ParamValidationError as exc:
        report = str(exc.kwargs.get("report", exc))
        raise CliInputError(f"Invalid parameters for {service} {model.name}:\n{report}") from None
    return params


def _from_json(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliInputError(
            f"--json is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(value, dict):
        raise CliInputError(
            f"--json must be a JSON object of parameters, got {type(value).__name__}."
        )
    return value


def _from_pair(pair: str, members: dict[str, Shape], operation: str) -> tuple[str, object]:
    name, sep, raw = pair.partition("=")
    name = name.strip()
    if not sep or not name:
        raise CliInputError(f"--param {pair!r} is not Name=Value (for example MaxResults=5).")
    if name not in members:
        by_lower = {m.lower(): m for m in members}
        hint = (
            [by_lower[name.lower()]] if name.lower() in by_lower else close_matches(name, members)
        )
        suffix = f" Did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
        valid = ", ".join(sorted(members)) or "none"
        raise CliInputError(
            f"{operation} has no parameter {name!r}.{suffix} Its parameters: {valid}."
        )
    return name, _coerce(name, raw, members[name])


def _coerce(name: str, raw: str, shape: Shape) -> object:
    kind = shape.type_name
    if kind in _TEXT:
        return raw
    if kind in _INTEGERS:
        try:
            return int(raw)
        except ValueError:
            raise CliInputError(f"{name} takes an integer, got {raw!r}.") from None
    if kind in _FLOATS:
        try:
            return float(raw)
        except ValueError:
            raise CliInputError(f"{name} takes a number, got {raw!r}.") from None
    if kind == "boolean":
        lowered = raw.strip().lower()
        if lowered not in {"true", "false"}:
            raise CliInputError(f"{name} takes true or false, got {raw!r}.")
        return lowered == "true"
    if kind == "list" and not raw.lstrip().startswith("["):
        member = getattr(shape, "member", None)
        if member is not None and member.type_name not in {"structure", "map", "list"}:
            return [_coerce(name, item.strip(), member) for item in raw.split(",")]
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliInputError(
            f"{name} takes a {kind}: give it as JSON ({exc.msg} at column {exc.colno})."
        ) from None
