"""``BackgroundServer``: an ``EmulatorServer`` on an event loop of its own thread.

For tests, benchmarks and any in-process client that talks to the server over real
sockets: ``start`` returns once the port is bound (or re-raises why it could not bind),
``stop`` closes it cleanly, and ``call`` runs a function on the loop's thread, the only
thread that may touch the host.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable
from typing import TypeVar

from s1sr.emulator.server.host import InstallationHost
from s1sr.emulator.server.limits import Limits
from s1sr.emulator.server.tcp import EmulatorServer

T = TypeVar("T")


class BackgroundServer:
    def __init__(
        self,
        host: InstallationHost,
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        limits: Limits | None = None,
    ) -> None:
        self.server = EmulatorServer(host, address=address, port=port, limits=limits)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def address(self) -> tuple[str, int]:
        return (self.server.address, self.port)

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        self._thread = threading.Thread(target=self._run, name="s1sr-emulator-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the emulator server did not start in time")
        if self._error is not None:
            raise self._error
        return self

    def call(self, function: Callable[[], T], timeout: float = 10.0) -> T:
        """``function()`` run on the server's thread (to read or change the host safely)."""
        if self._loop is None:
            raise RuntimeError("the server is not running")

        async def run() -> T:
            return function()

        future: concurrent.futures.Future[T] = asyncio.run_coroutine_threadsafe(run(), self._loop)
        return future.result(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is None or self._thread is None or self._stopped is None:
            return
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(timeout)
        self._loop = None

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        try:
            await self.server.start()
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        await self._stopped.wait()
        await self.server.close()
