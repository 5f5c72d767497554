"""A canary credential never shows in a repr, a str, an error message or a log line."""

from __future__ import annotations

import logging

import pytest

from mangrove import ServiceMixinPool
from mangrove.services import Ec2Pool, SqsPool

pytestmark = pytest.mark.usefixtures("aws")

CANARY_KEY_ID = "AKIACANARYKEYID00001"
CANARY_SECRET = "canary-secret-6f1c0a1e-do-not-print"
CANARY_TOKEN = "canary-token-0b7d44c2-do-not-print"
CANARIES = (CANARY_SECRET, CANARY_TOKEN, CANARY_KEY_ID)

CREDENTIALS = {
    "aws_access_key_id": CANARY_KEY_ID,
    "aws_secret_access_key": CANARY_SECRET,
    "aws_session_token": CANARY_TOKEN,
}


def assert_clean(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text


def test_pool_repr_and_str_hold_no_credential() -> None:
    pool = SqsPool(["eu-west-1"], **CREDENTIALS)  # type: ignore[arg-type]
    pool.eu_west_1  # noqa: B018
    assert_clean(repr(pool))
    assert_clean(str(pool))
    assert_clean(repr(pool._handle))
    assert_clean(repr(vars(pool)))


def test_mixin_repr_holds_no_credential() -> None:
    class Fleet(ServiceMixinPool):
        ec2: Ec2Pool

    fleet = Fleet(["eu-west-1"], **CREDENTIALS)  # type: ignore[arg-type]
    assert_clean(repr(fleet))


def test_errors_hold_no_credential() -> None:
    pool = SqsPool(["eu-west-1"], **CREDENTIALS)  # type: ignore[arg-type]
    failures: list[BaseException] = []
    for attempt in (
        lambda: pool.us_east_1,
        lambda: pool["us-east-2"],
        lambda: pool.add_region("nowhere-1"),
        lambda: pool.default_nope,
        lambda: SqsPool(["nowhere-1"], **CREDENTIALS),  # type: ignore[arg-type]
    ):
        with pytest.raises(Exception) as caught:  # any error: each is checked below
            attempt()
        failures.append(caught.value)
    for failure in failures:
        assert_clean(str(failure))
        assert_clean(repr(failure))


def test_mangrove_log_lines_hold_no_credential(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="mangrove"):
        pool = SqsPool(["eu-west-1", "us-east-1"], **CREDENTIALS)  # type: ignore[arg-type]
        pool.connect()
    mangrove_records = [r for r in caplog.records if r.name.startswith("mangrove")]
    assert mangrove_records, "mangrove logs client creation at DEBUG"
    for record in mangrove_records:
        assert_clean(record.getMessage())


def test_the_canary_credentials_really_reach_the_client() -> None:
    pool = SqsPool(["eu-west-1"], **CREDENTIALS)  # type: ignore[arg-type]
    credentials = pool.eu_west_1._request_signer._credentials
    assert credentials.secret_key == CANARY_SECRET
