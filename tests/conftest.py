"""Shared fixtures: fake credentials everywhere, moto in mock mode or as an HTTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from moto import mock_aws

from mangrove._moto import fake_credentials, moto_server


@pytest.fixture(autouse=True)
def _fake_credentials() -> Iterator[None]:
    with fake_credentials():
        yield


@pytest.fixture
def aws() -> Iterator[None]:
    """moto's in-process mock of every AWS service."""
    with mock_aws():
        yield


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """moto's real HTTP server on a free loopback port."""
    with fake_credentials(), moto_server() as url:
        yield url
