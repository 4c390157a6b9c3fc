"""Fixtures for ``s1sr emulate --duis``: a test PKI, a callback receiver, servers, a client.

The server runs on a thread (``DuisServer``) bound to 127.0.0.1 port 0 with short retry
backoffs; the receiver is a small ``http.server`` in a thread that records every POST and
can be switched down (503) and up again, or hold each POST until released. Every socket has a timeout, so nothing here can
hang a run.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from s1sr.codecs.duis import CommandVariant, DuisSchema, KeyStore, encode_request, sign
from s1sr.codecs.duis.pki import write_test_pki
from s1sr.codecs.duis.response import DuisResponse, decode_response
from s1sr.codecs.duis.views import Framing, from_model
from s1sr.dmves import load_dmves
from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.emulator.duis import Backoff, DuisServer, build_endpoint, user_key_name
from s1sr.emulator.server import InstallationHost, factory_for
from s1sr.models import EUI64, Request, RequestBody
from s1sr.prompt_stop import PromptStop
from tests.duis.conftest import duis_dir

FAST = Backoff(attempts=6, first=0.02, longest=0.2, timeout=2.0)


class Han1:
    """HAN-1's identities, derived as the factory derives them."""

    chf: EUI64 = device_id_for("EX-CHF-1")
    esme: EUI64 = device_id_for("EX-ESME-1")
    gsme: EUI64 = device_id_for("EX-GSME-1")
    ppmid: EUI64 = device_id_for("EX-PPMID-1")
    ihd: EUI64 = device_id_for("EX-IHD-1")
    user: EUI64 = supplier_user_id("SUP-A")
    stranger: EUI64 = supplier_user_id("SUP-NOBODY")


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("duis-keys")
    write_test_pki(folder, [Han1.user, Han1.stranger])
    return folder


@pytest.fixture(scope="session")
def keystore(pki: Path) -> KeyStore:
    return KeyStore(pki)


@dataclass
class Receiver:
    """The DCC User's callback endpoint: records each POST; ``status`` is what it answers."""

    status: int = 204
    bodies: list[bytes] = field(default_factory=list)
    attempts: int = 0
    cond: threading.Condition = field(default_factory=threading.Condition)
    server: ThreadingHTTPServer | None = None
    release: threading.Event = field(default_factory=threading.Event)  # cleared: POSTs wait

    def __post_init__(self) -> None:
        self.release.set()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/smartdcc/duis"

    def wait(self, count: int, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.bodies) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.bodies)} callbacks, expected {count}")
                self.cond.wait(left)
            return list(self.bodies)

    def responses(self, count: int, timeout: float = 10.0) -> list[DuisResponse]:
        return [decode_response(body) for body in self.wait(count, timeout)]


def _receiver_handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receiver.release.wait(10)
            with receiver.cond:
                receiver.attempts += 1
                status = receiver.status
                if 200 <= status < 300:
                    receiver.bodies.append(body)
                    receiver.cond.notify_all()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _ReceiverServer(PromptStop, ThreadingHTTPServer):
    daemon_threads = True  # stops at once, not at its next poll


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    found.server = _ReceiverServer(("127.0.0.1", 0), _receiver_handler(found))
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    yield found
    found.server.shutdown()
    found.server.server_close()


StartServer = Callable[..., DuisServer]


@pytest.fixture
def start_server(pki: Path, receiver: Receiver) -> Iterator[StartServer]:
    servers: list[DuisServer] = []
    dmves = load_dmves(None)

    def start(
        *,
        han: str = "HAN-1",
        test_hooks: bool = True,
        schema: DuisSchema | None = None,
        callback: str | None = None,
        limits=None,
        **options: object,
    ) -> DuisServer:
        host = InstallationHost(factory_for(dmves, han_id=han, **options), test_hooks=test_hooks)
        endpoint = build_endpoint(
            host, KeyStore(pki), callback or receiver.url, schema=schema, backoff=FAST
        )
        server = DuisServer(endpoint, limits=limits).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def post(
    server: DuisServer,
    path: str,
    body: bytes,
    content_type: str = "application/xml",
    method: str = "POST",
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Signer:
    """Signed DUIS requests of one DCC User, its counter increasing."""

    def __init__(self, keys: KeyStore, user: EUI64, start: int = 1000) -> None:
        entry = keys.named(user_key_name(user))
        self.user = user
        self.key = entry.private_key()
        self.certificate = entry.certificate
        self.counter = start

    def model(self, target: EUI64, body: RequestBody) -> Request:
        self.counter += 1
        return Request(self.counter, self.user, target, body)

    def sign(
        self,
        model: Request,
        variant: CommandVariant | None = CommandVariant.ON_DEMAND,
        framing: Framing | None = None,
    ) -> bytes:
        data = encode_request(from_model(model, variant, framing))
        return sign(data, self.key, self.certificate)


@pytest.fixture
def signer(keystore: KeyStore) -> Signer:
    return Signer(keystore, Han1.user)


def shared(sub: str) -> Path:
    path = duis_dir() / sub
    if not path.is_dir():
        pytest.skip(f"DUIS reference material absent: {path} (set S1SR_DUIS_DIR)")
    return path


@pytest.fixture(scope="session")
def shared_schema() -> DuisSchema | None:
    """SEC's schema when ../shared holds it (callbacks are then checked against it)."""
    folder = duis_dir() / "schema"
    return DuisSchema(folder) if folder.is_dir() else None
