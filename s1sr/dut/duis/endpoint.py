"""A keep-alive HTTP client for one DUIS endpoint (``http`` or ``https``), stdlib only.

One connection, reopened once when the server dropped it between requests (idle
timeouts are normal); any other failure is a ``DutError`` naming the URL.
"""

from __future__ import annotations

import http.client
import json
import ssl
from dataclasses import dataclass
from typing import Any

from s1sr.dut.errors import DutError


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    content_type: str
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class HttpEndpoint:
    def __init__(self, scheme: str, host: str, port: int, *, timeout: float = 30.0) -> None:
        self.scheme = scheme
        self.host = host
        self.port = port
        self.timeout = timeout
        self._connection: http.client.HTTPConnection | None = None

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self.scheme == "https":
                self._connection = http.client.HTTPSConnection(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                self._connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> HttpAnswer:
        headers = {"Content-Type": content_type} if content_type else {}
        for attempt in (1, 2):
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                result = HttpAnswer(answer.status, answer.getheader("Content-Type", ""), data)
                if answer.getheader("Connection", "").lower() == "close":
                    self.close()
                return result
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt == 2:
                    raise DutError(f"{self.base}{path}: the connection was dropped: {exc}") from exc
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                raise DutError(f"{self.base}{path}: {type(exc).__name__}: {exc}") from exc
        raise AssertionError("unreachable")

    def post_xml(self, path: str, xml: bytes) -> HttpAnswer:
        return self.request("POST", path, xml, "application/xml")

    def json(self, method: str, path: str, payload: Any = None) -> tuple[int, Any]:
        body = None if payload is None else json.dumps(payload).encode("utf-8")
        answer = self.request(method, path, body, "application/json" if body else "")
        try:
            parsed = json.loads(answer.body) if answer.body else None
        except ValueError:
            parsed = None
        return answer.status, parsed
