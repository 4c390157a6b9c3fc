"""``DuisServer``: the endpoint and its HTTP server on a thread, for tests and the CLI.

``build_endpoint`` assembles what ``s1sr emulate --duis`` serves from its options: the
installation host, the intake (keys, optional schema, size bound), the DCC's signing pair,
the callback sender, and a variant's renaming of codes.
"""

from __future__ import annotations

import logging
import threading

from s1sr.codecs.duis import DuisSchema, KeyStore
from s1sr.emulator.duis.callback import Backoff, CallbackSender
from s1sr.emulator.duis.endpoint import DuisEndpoint
from s1sr.emulator.duis.http_server import DuisHttpServer, HttpLimits
from s1sr.emulator.duis.identity import SigningPair, dcc_pair
from s1sr.emulator.duis.intake import Intake
from s1sr.emulator.duis.outbound import Builder, s1sp_codes
from s1sr.emulator.server import InstallationHost

log = logging.getLogger(__name__)


def build_endpoint(
    host: InstallationHost,
    keys: KeyStore,
    callback: str,
    *,
    schema: DuisSchema | None = None,
    pair: SigningPair | None = None,
    max_body: int | None = None,
    backoff: Backoff | None = None,
    rename=None,  # noqa: ANN001 (a variant's Message -> Message)
    renamed_alerts: dict[str, str] | None = None,
) -> DuisEndpoint:
    if schema is None:
        log.warning("no DUIS schema given: requests are checked for structure, not validated")
    endpoint: DuisEndpoint
    intake = Intake(
        keys,
        lambda device: endpoint.device_type_of(device),
        schema=schema,
        **({"max_body": max_body} if max_body is not None else {}),
    )
    builder = Builder(pair or dcc_pair(keys), s1sp_codes(renamed_alerts))
    endpoint = DuisEndpoint(host, intake, builder, CallbackSender(callback, backoff), rename=rename)
    return endpoint


class DuisServer:
    def __init__(
        self,
        endpoint: DuisEndpoint,
        *,
        address: str = "127.0.0.1",
        port: int = 0,
        limits: HttpLimits | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.http = DuisHttpServer((address, port), endpoint, limits)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.http.port

    @property
    def url(self) -> str:
        return f"http://{self.http.server_address[0]}:{self.port}"

    def start(self) -> DuisServer:
        self._thread = threading.Thread(
            target=self.http.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.http.shutdown()
            self._thread.join(10)
            self._thread = None
        self.http.server_close()
        self.endpoint.close()

    def __enter__(self) -> DuisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
