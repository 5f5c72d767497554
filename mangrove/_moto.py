"""An in-process moto server on 127.0.0.1: the embedded default for `make demo` and tests.

moto is a development dependency, not a runtime one; importing this module without it
says how to install it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import urllib.request
from collections.abc import Iterator

__all__ = ["FAKE_CREDENTIALS", "fake_credentials", "moto_server"]

#: Credentials moto accepts; never valid anywhere else.
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


@contextlib.contextmanager
def fake_credentials() -> Iterator[None]:
    """Fake credentials in the environment, and no profile or config file that could leak in."""
    saved = {k: os.environ.get(k) for k in [*FAKE_CREDENTIALS, "AWS_PROFILE", "AWS_CONFIG_FILE"]}
    os.environ.update(FAKE_CREDENTIALS)
    os.environ.pop("AWS_PROFILE", None)
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """Start moto's HTTP server on a free loopback port; yield its endpoint URL."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "The embedded AWS stand-in needs moto: pip install 'mangrove[dev]'"
        ) from exc
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        yield url
    finally:
        with contextlib.suppress(OSError):
            request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
            urllib.request.urlopen(request, timeout=5).close()
        server.stop()
