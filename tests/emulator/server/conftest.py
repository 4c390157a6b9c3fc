"""Fixtures for the TCP server: hosts on the shipped DMVES, servers on 127.0.0.1 port 0, clients.

Servers run on a thread of their own (``BackgroundServer``) and are stopped at the end of
each test; every client socket has a timeout, so nothing here can hang a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from s1sr.dmves import Dmves, load_dmves
from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.emulator.server import BackgroundServer, InstallationHost, Limits, factory_for
from s1sr.models import EUI64
from tests.emulator.server.wire_client import WireClient

# Short timeouts so that robustness tests finish in a second or two.
FAST = Limits(idle_timeout=5.0, frame_timeout=2.0)


class Han1:
    """The identities of HAN-1 (supplier SUP-A), derived as the factory derives them."""

    chf: EUI64 = device_id_for("EX-CHF-1")
    esme: EUI64 = device_id_for("EX-ESME-1")
    gsme: EUI64 = device_id_for("EX-GSME-1")
    ppmid: EUI64 = device_id_for("EX-PPMID-1")
    ihd: EUI64 = device_id_for("EX-IHD-1")
    spare_ppmid: EUI64 = device_id_for("EX-PPMID-2")
    user: EUI64 = supplier_user_id("SUP-A")
    stranger: EUI64 = supplier_user_id("SUP-NOBODY")


StartServer = Callable[..., BackgroundServer]
Connect = Callable[..., WireClient]


@pytest.fixture(scope="session")
def dmves() -> Dmves:
    return load_dmves()


@pytest.fixture
def han1() -> Han1:
    return Han1()


@pytest.fixture
def make_host(dmves: Dmves) -> Callable[..., InstallationHost]:
    """``make_host(test_hooks=..., han_id=... | model_id=..., s1sp_timeout=seconds, ...)``."""

    def make(
        *,
        test_hooks: bool = True,
        s1sp_timeout: float | None = None,
        max_awaiting: int = FAST.max_awaiting,
        **options: object,
    ) -> InstallationHost:
        if "model_id" not in options:
            options.setdefault("han_id", "HAN-1")
        if s1sp_timeout is not None:
            options["s1sp_timeout"] = timedelta(seconds=s1sp_timeout)
        factory = factory_for(dmves, **options)
        return InstallationHost(factory, test_hooks=test_hooks, max_awaiting=max_awaiting)

    return make


@pytest.fixture
def start_server(make_host: Callable[..., InstallationHost]) -> Iterator[StartServer]:
    """``start_server(limits=..., **make_host options)``: a running server, stopped afterwards."""
    started: list[BackgroundServer] = []

    def start(*, limits: Limits = FAST, **options: object) -> BackgroundServer:
        options.setdefault("max_awaiting", limits.max_awaiting)
        server = BackgroundServer(make_host(**options), limits=limits).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def server(start_server: StartServer) -> BackgroundServer:
    """HAN-1 with test hooks on."""
    return start_server()


@pytest.fixture
def connect() -> Iterator[Connect]:
    """``connect(server)``: a client on the server's port, closed afterwards."""
    clients: list[WireClient] = []

    def open_client(server: BackgroundServer, timeout: float = 5.0) -> WireClient:
        client = WireClient(("127.0.0.1", server.port), timeout)
        clients.append(client)
        return client

    yield open_client
    for client in clients:
        client.close()
