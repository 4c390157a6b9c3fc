"""A misbehaving s1sr wire-format peer, for the TCP adapter's failure paths.

The real server (``s1sr emulate``) is tested against elsewhere; this one answers SRV
requests through an ``EmulatorDut`` but refuses ``ReadInventory`` (a bridge that cannot
list its devices), and can be ``mute`` (swallows SRV requests: the adapter must give up
in time) or answer ``garbage`` (bytes that are no frame).
"""

from __future__ import annotations

import socket
import socketserver
import threading
from datetime import timedelta

from s1sr.codecs.wire import FrameReader, decode_message, encode_message
from s1sr.dut.emulator import EmulatorDut
from s1sr.models import (
    AdvanceClock,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    ReadClock,
    ReadInventory,
    Request,
    ResetInstallation,
    SetClock,
)
from s1sr.prompt_stop import PromptStop


class _PeerServer(PromptStop, socketserver.ThreadingTCPServer):
    """Stops at once (the standard ``serve_forever`` polls for the stop every 0.5 s)."""

    daemon_threads = True


class Peer:
    def __init__(
        self, dut: EmulatorDut, *, hooks: bool = True, mute: bool = False, garbage: bool = False
    ) -> None:
        self.dut = dut
        self.hooks = hooks
        self.mute = mute
        self.garbage = garbage
        self.requests: list[Request] = []
        peer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                try:
                    peer.serve(self.request)
                except OSError:
                    return  # the adapter hung up (its test is over)

        self._server = _PeerServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def __enter__(self) -> Peer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def serve(self, sock: socket.socket) -> None:
        reader = FrameReader()
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return
            reader.feed(chunk)
            for data in reader:
                message = decode_message(data)
                if isinstance(message, ControlRequest):
                    sock.sendall(encode_message(self.control(message)))
                elif isinstance(message, Request):
                    self.requests.append(message)
                    if self.garbage:
                        sock.sendall(b"not a frame at all")
                    elif not self.mute:
                        result = self.dut.exchange(message)
                        for frame in result.frames[1:]:
                            sock.sendall(frame.data)

    def control(self, request: ControlRequest) -> ControlResponse:
        action = request.action
        dut = self.dut
        if isinstance(action, ReadInventory):
            return ControlResponse(
                request.request_id, request.target, ControlOutcome.REFUSED, dut.now(), "no list"
            )
        if not self.hooks and not isinstance(action, ReadClock):
            return ControlResponse(
                request.request_id, request.target, ControlOutcome.REFUSED, dut.now(), "no hooks"
            )
        if isinstance(action, SetClock):
            dut.set_clock(action.instant)
        elif isinstance(action, AdvanceClock):
            dut.advance(timedelta(seconds=action.seconds))
        elif isinstance(action, ResetInstallation):
            dut.reset()
        return ControlResponse(request.request_id, request.target, ControlOutcome.OK, dut.now())
