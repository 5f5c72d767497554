"""Python names for botocore things: one rule for the generator and the runtime alike.

Every generated identifier passes through here: class names, module names, region
attributes. Clashes are resolved by `Namespace` in the generator's model, never in a
template; the runtime uses the same rules for pools it makes on the fly.
"""

from __future__ import annotations

import keyword
import re

__all__ = [
    "Namespace",
    "attribute_to_region",
    "is_identifier",
    "module_name",
    "pascal_case",
    "pool_class_name",
    "region_attribute",
]

_WORD = re.compile(r"[A-Za-z0-9]+")


def is_identifier(name: str) -> bool:
    """A name usable as a Python identifier (and so as a keyword argument)."""
    return name.isidentifier() and not keyword.iskeyword(name) and name.isascii()


def pascal_case(name: str) -> str:
    """`cognito-idp` -> `CognitoIdp`; `ec2` -> `Ec2`; non-alphanumerics split words."""
    return "".join(word[:1].upper() + word[1:] for word in _WORD.findall(name))


def _safe(name: str, prefix: str) -> str:
    if not name or name[0].isdigit():
        name = prefix + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return name


def module_name(service: str) -> str:
    """The module of a service's pool: `cognito-idp` -> `cognito_idp`, `lambda` -> `lambda_`."""
    return _safe(re.sub(r"[^a-z0-9]+", "_", service.lower()).strip("_"), "service_")


def pool_class_name(service: str) -> str:
    """`ec2` -> `Ec2Pool`, as earlier mangrove named them."""
    return _safe(pascal_case(service), "Service") + "Pool"


def region_attribute(region: str) -> str:
    """`us-west-1` -> `us_west_1`."""
    return _safe(re.sub(r"[^a-z0-9]+", "_", region.lower()).strip("_"), "region_")


def attribute_to_region(attribute: str) -> str:
    """`us_west_1` -> `us-west-1` (the inverse of `region_attribute` for real region names)."""
    return attribute.replace("_", "-")


class Namespace:
    """Hands out unique names in one Python scope, in the order asked.

    The first claimant of a name keeps it; later ones get a numeric suffix. Names that are
    already taken by imports or base classes are reserved up front.
    """

    def __init__(self, reserved: set[str] | frozenset[str] = frozenset()) -> None:
        self._taken: set[str] = set(reserved)

    def claim(self, wanted: str) -> str:
        name = wanted
        counter = 2
        while name in self._taken:
            name = f"{wanted}{counter}"
            counter += 1
        self._taken.add(name)
        return name

    def __contains__(self, name: str) -> bool:
        return name in self._taken
