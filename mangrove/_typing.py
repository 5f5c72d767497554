"""Types the generated stubs share: what botocore really takes and returns.

A real module (not only a stub) so users can import these names at run time too.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import IO, Any, Union

from botocore.response import StreamingBody

if sys.version_info >= (3, 11):
    from typing import NotRequired, TypedDict
else:
    from typing_extensions import NotRequired, TypedDict

__all__ = [
    "BlobTypeDef",
    "DocumentTypeDef",
    "PaginatorConfigTypeDef",
    "ResponseMetadataTypeDef",
    "ResponseTypeDef",
    "TimestampTypeDef",
    "WaiterConfigTypeDef",
]

#: botocore serialises a `datetime`, or a string it parses (ISO 8601 or epoch seconds).
TimestampTypeDef = Union[datetime, str]  # noqa: UP007 - an alias used at run time on 3.10
#: Blob inputs: bytes, text (encoded as UTF-8), or a binary file-like object.
BlobTypeDef = Union[bytes, bytearray, str, IO[bytes], StreamingBody]  # noqa: UP007
#: Document shapes carry arbitrary JSON.
DocumentTypeDef = Any


class ResponseMetadataTypeDef(TypedDict):
    """What botocore adds to every response."""

    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: dict[str, str]
    RetryAttempts: int
    HostId: NotRequired[str]


class ResponseTypeDef(TypedDict):
    """Every response: the base of each operation's response TypedDict."""

    ResponseMetadata: ResponseMetadataTypeDef


class PaginatorConfigTypeDef(TypedDict, total=False):
    """`PaginationConfig=` of every paginator."""

    MaxItems: int
    PageSize: int
    StartingToken: str


class WaiterConfigTypeDef(TypedDict, total=False):
    """`WaiterConfig=` of every waiter."""

    Delay: int
    MaxAttempts: int
