"""The callback sender: every signed response and alert POSTed to the DCC User, in order.

One queue and one sender thread per callback URL, so messages arrive in the order the
installation produced them. A message whose request has not had its HTTP answer yet is
held (``gate``) until it has: the DCC User sees I99 before the result, and nothing behind
a held message overtakes it. A delivery that fails (no connection, a 5xx, a timeout) is
retried with exponential backoff up to ``attempts`` times, then logged and set aside as
undeliverable (``dead``); a 2xx ends it, so nothing is delivered twice; a 4xx is the
receiver refusing that message (it does not validate or verify for it), which no retry
mends: logged and set aside at once. ``drain`` waits until nothing is queued. The sender
keeps its connection open between messages while the receiver does (HTTP/1.1 keep-alive);
a kept connection the receiver dropped meanwhile is reopened at once, not counted as an
attempt (the message is sent again on the new one, as after any failure).
"""

from __future__ import annotations

import http.client
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

DEFAULT_PATH = "/smartdcc/duis"


@dataclass(frozen=True)
class Backoff:
    attempts: int = 8
    first: float = 0.05  # seconds before the first retry, doubled each time
    longest: float = 5.0
    timeout: float = 10.0  # one delivery's connect-and-answer bound

    def __post_init__(self) -> None:
        if self.attempts < 1 or not 0 < self.first <= self.longest or not self.timeout > 0:
            raise ValueError("need attempts >= 1, 0 < first <= longest and timeout > 0")

    def delay(self, attempt: int) -> float:
        return min(self.first * (2 ** (attempt - 1)), self.longest)


Payload = bytes | Callable[[], bytes]  # a callable is built (signed) by the sender, in order


@dataclass
class _Item:
    data: Payload
    label: str
    gate: threading.Event | None


@dataclass
class SenderStats:
    delivered: int = 0
    retries: int = 0
    dead: list[str] = field(default_factory=list)  # labels of the undeliverable


def callback_url(url: str) -> tuple[str, str, int, str]:
    """scheme, host, port and path of a callback URL (``/smartdcc/duis`` by default)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"callback URL {url!r}: need http(s)://HOST[:PORT][/PATH]")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or DEFAULT_PATH
    if parts.query:
        path += f"?{parts.query}"
    return parts.scheme, parts.hostname, port, path


class CallbackSender:
    def __init__(self, url: str, backoff: Backoff | None = None) -> None:
        self.url = url
        self._scheme, self._host, self._port, self._path = callback_url(url)
        self.backoff = backoff or Backoff()
        self.stats = SenderStats()
        self._queue: deque[_Item] = deque()
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._connection: http.client.HTTPConnection | None = None  # the sender thread's
        self._thread = threading.Thread(target=self._run, name="s1sr-duis-callback", daemon=True)
        self._thread.start()

    def send(self, data: Payload, label: str, gate: threading.Event | None = None) -> None:
        """Queue ``data`` (or what it builds); it goes once ``gate`` (if any) is set and all
        before it went. Building on the sender's thread keeps signing out of the caller's way."""
        with self._cond:
            if self._closed:
                raise RuntimeError("the callback sender is closed")
            self._queue.append(_Item(data, label, gate))
            self._cond.notify_all()

    def pending(self) -> int:
        with self._cond:
            return len(self._queue) + (1 if self._busy else 0)

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until every queued message was delivered or set aside; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._queue or self._busy:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is not None else 1.0)
            return True

    def close(self, timeout: float = 5.0) -> None:
        self.drain(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if not self._queue:
                    self._disconnect()
                    return
                item = self._queue[0]
                self._busy = True
            try:
                if item.gate is not None:
                    item.gate.wait(self.backoff.timeout)
                data = item.data if isinstance(item.data, bytes) else item.data()
                self._deliver(data, item.label)
            except Exception:  # the sender must outlive any one message
                log.exception("callback %s: %s failed unexpectedly", self.url, item.label)
                self.stats.dead.append(item.label)
            finally:
                with self._cond:
                    self._queue.popleft()
                    self._busy = False
                    self._cond.notify_all()

    def _deliver(self, data: bytes, label: str) -> None:
        for attempt in range(1, self.backoff.attempts + 1):
            status, why = self._post(data)
            if status is not None and 200 <= status < 300:
                self.stats.delivered += 1
                return
            if status is not None and 400 <= status < 500:
                log.warning("callback %s refused %s: HTTP %s", self.url, label, status)
                self.stats.dead.append(label)
                return
            if attempt < self.backoff.attempts:
                self.stats.retries += 1
                time.sleep(self.backoff.delay(attempt))
        log.error(
            "callback %s: %s undeliverable after %d attempts (%s)",
            self.url,
            label,
            self.backoff.attempts,
            why,
        )
        self.stats.dead.append(label)

    def _post(self, data: bytes) -> tuple[int | None, str]:
        reused = self._connection is not None
        status, why = self._post_once(data)
        if status is None and reused and why.startswith(_DROPPED):
            status, why = self._post_once(data)  # the receiver closed it while idle
        return status, why

    def _post_once(self, data: bytes) -> tuple[int | None, str]:
        if self._connection is None:
            kind = (
                http.client.HTTPSConnection
                if self._scheme == "https"
                else http.client.HTTPConnection
            )
            self._connection = kind(self._host, self._port, timeout=self.backoff.timeout)
        connection = self._connection
        try:
            connection.request(
                "POST", self._path, body=data, headers={"Content-Type": "application/xml"}
            )
            response = connection.getresponse()
            response.read(1 << 16)
            if response.will_close or not response.isclosed():  # closing, or a body over 64 KiB
                self._disconnect()
            return response.status, f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as exc:
            self._disconnect()
            return None, f"{type(exc).__name__}: {exc}"

    def _disconnect(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


# What a kept-alive connection the receiver closed while idle fails with.
_DROPPED = tuple(
    f"{kind.__name__}:"
    for kind in (
        http.client.RemoteDisconnected,
        BrokenPipeError,
        ConnectionResetError,
        ConnectionAbortedError,
    )
)
