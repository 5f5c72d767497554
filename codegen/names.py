"""Naming rules the generator uses; they live in `mangrove.names`, shared with the runtime."""

from mangrove.names import (
    Namespace,
    is_identifier,
    module_name,
    pascal_case,
    pool_class_name,
    region_attribute,
)

__all__ = [
    "Namespace",
    "is_identifier",
    "module_name",
    "pascal_case",
    "pool_class_name",
    "region_attribute",
]
