"""What went wrong in one region of a fan-out, sorted into kinds a caller can act on.

A fan-out over 34 regions fails in a handful of recurring ways, and each calls for a different
response: a region the account never enabled is expected and can be skipped, a throttled one
can be retried later, an unreachable or slow one points at the network. So every exception a
region raises is wrapped in a `RegionCallError` subclass naming its kind, its service and its
region, with the original kept as `error` (and as `__cause__`, so tracebacks show both).

Throttling is classified after botocore's own retries: a client's `Config(retries=...)` decides
how hard botocore tries before the error reaches here.
"""

from __future__ import annotations

import builtins
import concurrent.futures
import sys
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import ClassVar

from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    HTTPClientError,
    ReadTimeoutError,
)
from botocore.exceptions import (
    ConnectionError as BotocoreConnectionError,
)

from mangrove.errors import MangroveError
from mangrove.optin import is_opt_in_region

__all__ = [
    "AUTH_ERROR_CODES",
    "THROTTLING_ERROR_CODES",
    "FailureKind",
    "FanOutError",
    "RegionAuthError",
    "RegionCallError",
    "RegionClientError",
    "RegionNotEnabledError",
    "RegionThrottledError",
    "RegionTimeoutError",
    "RegionUnreachableError",
    "classify",
]

#: Codes AWS answers with when it does not accept the request's credentials in a region. In a
#: region the account has not enabled, this is how the region says so: EC2-style services send
#: AuthFailure, JSON services UnrecognizedClientException, query services InvalidClientTokenId.
AUTH_ERROR_CODES: frozenset[str] = frozenset(
    {"AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId"}
)

#: Codes that say outright that the account must opt in (to a region or a service).
OPT_IN_ERROR_CODES: frozenset[str] = frozenset({"OptInRequired"})

#: botocore's own list of throttling codes (botocore.retries.standard), without
#: LimitExceededException, which most services use for quotas ("too many queues"), not rates.
THROTTLING_ERROR_CODES: frozenset[str] = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)

_MESSAGE_LIMIT = 300


class FailureKind(str, Enum):
    """Why a region failed; the value is what the CLI and JSON output show."""

    NOT_ENABLED = "not-enabled"
    AUTH_FAILED = "auth-failed"
    THROTTLED = "throttled"
    UNREACHABLE = "unreachable"
    TIMED_OUT = "timed-out"
    CLIENT_ERROR = "client-error"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


_DESCRIPTIONS = {
    FailureKind.NOT_ENABLED: "region not enabled for this account",
    FailureKind.AUTH_FAILED: "credentials rejected",
    FailureKind.THROTTLED: "throttled, after botocore's retries",
    FailureKind.UNREACHABLE: "endpoint unreachable",
    FailureKind.TIMED_OUT: "timed out",
    FailureKind.CLIENT_ERROR: "AWS returned an error",
    FailureKind.ERROR: "the call raised",
}


class RegionCallError(MangroveError):
    """One region's failure in a fan-out. Subclasses name the kind; this class is the rest.

    `error` is the exception the call raised (also `__cause__`); `code` is AWS's error code
    when there is one. The message is built from service, region, code and AWS's message only.
    """

    kind: ClassVar[FailureKind] = FailureKind.ERROR

    def __init__(self, service: str, region: str, error: BaseException) -> None:
        self.service = service
        self.region = region
        self.error = error
        self.code = _error_code(error)
        self.detail = _error_message(error)
        self.__cause__ = error
        super().__init__(f"{service} in {region}: {self.reason}")

    @property
    def reason(self) -> str:
        """`kind description (Code): AWS's message`, without service and region."""
        code = f" ({self.code})" if self.code else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{_DESCRIPTIONS[self.kind]}{code}{detail}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.service, self.region, self.error))


class RegionNotEnabledError(RegionCallError):
    """The account has not enabled this opt-in region (or opted in to the service)."""

    kind = FailureKind.NOT_ENABLED


class RegionAuthError(RegionCallError):
    """Credentials rejected in a region every account has: the credentials, not the region."""

    kind = FailureKind.AUTH_FAILED


class RegionThrottledError(RegionCallError):
    """Still throttled once botocore's retries (the client's Config) were spent."""

    kind = FailureKind.THROTTLED


class RegionUnreachableError(RegionCallError):
    """No usable connection to the region's endpoint (refused, reset, closed, DNS, TLS)."""

    kind = FailureKind.UNREACHABLE


class RegionTimeoutError(RegionCallError, builtins.TimeoutError):
    """A connect or read timeout, or no answer within the fan-out's own `timeout`."""

    kind = FailureKind.TIMED_OUT


class RegionClientError(RegionCallError):
    """AWS answered with any other error (AccessDenied, ValidationError, NotFound...)."""

    kind = FailureKind.CLIENT_ERROR


def classify(error: BaseException, *, service: str, region: str) -> RegionCallError:
    """Wrap what a region's call raised in the `RegionCallError` subclass for its kind."""
    if isinstance(error, RegionCallError):
        return error
    return _kind_class(error, region)(service, region, error)


def _kind_class(error: BaseException, region: str) -> type[RegionCallError]:
    # Timeouts first: botocore's ConnectTimeoutError is also a ConnectionError.
    if isinstance(
        error,
        (ReadTimeoutError, ConnectTimeoutError, concurrent.futures.TimeoutError, TimeoutError),
    ):
        return RegionTimeoutError
    if isinstance(error, (BotocoreConnectionError, HTTPClientError)):
        return RegionUnreachableError
    if isinstance(error, ClientError):
        code = _error_code(error)
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in OPT_IN_ERROR_CODES:
            return RegionNotEnabledError
        if code in AUTH_ERROR_CODES:
            return RegionNotEnabledError if is_opt_in_region(region) else RegionAuthError
        if code in THROTTLING_ERROR_CODES or status == 429:
            return RegionThrottledError
        return RegionClientError
    return RegionCallError


def _error_code(error: BaseException) -> str | None:
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code")
        return str(code) if code else None
    return None


def _error_message(error: BaseException) -> str:
    if isinstance(error, ClientError):
        text = str(error.response.get("Error", {}).get("Message", "") or "")
    else:
        text = str(error) or type(error).__name__
    text = " ".join(text.split())
    if len(text) > _MESSAGE_LIMIT:
        text = text[: _MESSAGE_LIMIT - 3] + "..."
    return text


def _group_message(failures: Sequence[RegionCallError]) -> str:
    regions = ", ".join(f"{f.service}/{f.region} ({f.kind})" for f in failures[:8])
    more = f", and {len(failures) - 8} more" if len(failures) > 8 else ""
    return f"{len(failures)} of the fan-out's calls failed: {regions}{more}"


class _FanOutErrorCompat(MangroveError):
    """`FanOutError` where Python has no ExceptionGroup (3.10): the same attributes."""

    def __init__(self, message: str, exceptions: Sequence[RegionCallError]) -> None:
        super().__init__(message, tuple(exceptions))
        self.message = message
        self.exceptions: tuple[RegionCallError, ...] = tuple(exceptions)

    def __str__(self) -> str:
        return f"{self.message} ({len(self.exceptions)} sub-exceptions)"

    @property
    def by_region(self) -> Mapping[tuple[str, str], RegionCallError]:
        """Each failure by (service, region)."""
        return {(f.service, f.region): f for f in self.exceptions}


if sys.version_info >= (3, 11):

    class FanOutError(builtins.ExceptionGroup[RegionCallError], MangroveError):
        """Every failure of a fan-out at once: an ExceptionGroup, so `except*` works.

        `except* RegionThrottledError:` picks out the throttled regions; `exceptions` holds
        them all; `by_region` maps (service, region) to its failure.
        """

        def derive(  # type: ignore[override]
            self, excs: Sequence[RegionCallError]
        ) -> FanOutError:
            """Keep the class (and so MangroveError) when `except*` splits the group."""
            return FanOutError(self.message, excs)

        @property
        def by_region(self) -> Mapping[tuple[str, str], RegionCallError]:
            """Each failure by (service, region)."""
            return {
                (f.service, f.region): f
                for f in self.exceptions
                if isinstance(f, RegionCallError)  # a fan-out's group is flat
            }

else:
    FanOutError = _FanOutErrorCompat


def fan_out_error(failures: Sequence[RegionCallError]) -> FanOutError:
    """The group to raise for `failures` (which must not be empty)."""
    return FanOutError(_group_message(failures), failures)
