"""A small threaded HTTP proxy on 127.0.0.1 that delays or fails chosen AWS regions.

It sits in front of a moto server (pools point `endpoint_url` at it) and reads each request's
region from its SigV4 credential scope (`Credential=AKID/20261204/<region>/<service>/...`).
Per region it can add latency, answer with an AWS error of the request's protocol (403
AuthFailure, a throttling code...), or drop the connection unanswered. Everything else is
forwarded unchanged. With `replay=True` it answers a repeated request from its first answer,
so a benchmark measures the fan-out rather than moto's speed.

Every wait is bounded and wakes when the proxy stops, so no test can hang on it.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import urllib.parse
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

__all__ = ["Fault", "FaultProxy", "fault_proxy"]

_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "te", "upgrade"}


@dataclass(frozen=True)
class Fault:
    """What to do with one region's requests: wait `delay` seconds, then drop the connection,
    answer `status` with AWS error `code`, or (neither) forward the request."""

    delay: float = 0.0
    status: int | None = None
    code: str = ""
    message: str = ""
    drop: bool = False

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        return cls(delay=seconds)

    @classmethod
    def error(cls, status: int, code: str, message: str = "injected by faultproxy") -> Fault:
        return cls(status=status, code=code, message=message)

    @classmethod
    def auth_failure(cls, code: str = "AuthFailure") -> Fault:
        """What AWS answers in a region the account has not enabled."""
        return cls.error(403, code, "AWS was not able to validate the provided access credentials")

    @classmethod
    def throttled(cls, code: str = "Throttling") -> Fault:
        return cls.error(400, code, "Rate exceeded")

    @classmethod
    def dropped(cls) -> Fault:
        return cls(drop=True)


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


class FaultProxy:
    """The proxy; `url` is its endpoint. Change `faults` at any time; `requests` counts per
    region what arrived (retries included)."""

    def __init__(
        self,
        upstream: str,
        faults: Mapping[str, Fault] | None = None,
        *,
        default: Fault | None = None,
        replay: bool = False,
    ) -> None:
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream_host = parsed.hostname or "127.0.0.1"
        self.upstream_port = parsed.port or 80
        self.faults: dict[str, Fault] = dict(faults or {})
        self.default = default
        self.replay = replay
        self.requests: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str, str, str, bytes], _Answer] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes every delayed request
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def fault_for(self, region: str) -> Fault | None:
        with self._lock:
            self.requests[region] += 1
            return self.faults.get(region, self.default)

    def forward(
        self, method: str, path: str, headers: Mapping[str, str], body: bytes, region: str
    ) -> _Answer:
        key = (region, method, path, headers.get("X-Amz-Target", ""), body)
        if self.replay:
            with self._lock:
                cached = self._answers.get(key)
            if cached is not None:
                return cached
        connection = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=dict(headers))
            response = connection.getresponse()
            answer = _Answer(
                response.status,
                tuple((k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP),
                response.read(),
            )
        finally:
            connection.close()
        if self.replay and answer.status < 300:
            with self._lock:
                self._answers[key] = answer
        return answer


def _handler_for(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as botocore expects

        def setup(self) -> None:
            super().setup()
            # Headers and body go out as two writes; without this, Nagle's algorithm holds
            # the second until the client's delayed ACK (~40 ms) on a reused connection.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self._handle()

        do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet tests

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            match = _SCOPE.search(self.headers.get("Authorization", ""))
            region, service = (match.group(1), match.group(2)) if match else ("", "")
            fault = proxy.fault_for(region)
            if fault is not None and fault.delay and proxy.stopping.wait(fault.delay):
                self.close_connection = True  # the proxy is stopping: answer nothing
                return
            if fault is not None and fault.drop:
                self.close_connection = True  # no status line at all: the connection just ends
                return
            if fault is not None and fault.status is not None:
                self._send(_error_answer(fault, service, self.headers.get("Content-Type", "")))
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            self._send(proxy.forward(self.command, self.path, headers, body, region))

        def _send(self, answer: _Answer) -> None:
            self.send_response(answer.status)
            for key, value in answer.headers:
                if key.lower() not in {"server", "date"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

    return Handler


def _error_answer(fault: Fault, service: str, content_type: str) -> _Answer:
    """An AWS error body in the protocol of the request (JSON, EC2, query or REST-XML)."""
    status = fault.status or 400
    code, message = escape(fault.code), escape(fault.message)
    if content_type.startswith("application/x-amz-json"):
        body = json.dumps({"__type": fault.code, "message": fault.message}).encode()
        return _Answer(status, (("Content-Type", "application/x-amz-json-1.0"),), body)
    if service == "ec2":
        text = (
            f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message>"
            "</Error></Errors><RequestID>faultproxy</RequestID></Response>"
        )
    elif content_type.startswith("application/x-www-form-urlencoded"):
        text = (
            f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
            f"<Message>{message}</Message></Error><RequestId>faultproxy</RequestId></ErrorResponse>"
        )
    else:
        text = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return _Answer(status, (("Content-Type", "text/xml"),), text.encode())


@contextmanager
def fault_proxy(
    upstream: str,
    faults: Mapping[str, Fault] | None = None,
    *,
    default: Fault | None = None,
    replay: bool = False,
) -> Iterator[FaultProxy]:
    """A started `FaultProxy`, stopped on exit."""
    proxy = FaultProxy(upstream, faults, default=default, replay=replay).start()
    try:
        yield proxy
    finally:
        proxy.stop()
