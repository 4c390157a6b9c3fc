"""The TCP DUT: the s1sr wire format over a socket, to ``s1sr emulate`` or a device's bridge.

One connection per Device Model (per process). After an SRV request the adapter reads
frames until the final answer (a response to it, or an alert naming it), then sends a
``ReadClock`` test hook as a barrier: the peer answers hooks in order, so every alert the
request raised has arrived before the barrier's answer, which also gives the DUT's
(virtual) time for the evidence. A peer started without test hooks still answers REFUSED
with its clock, so the barrier works there too.

Capabilities are probed once, at open: ``AdvanceClock(0)`` accepted -> clock control;
``ResetInstallation`` accepted -> reset. Without clock control an S1CE20 comes in real
time, so the wait for a final answer is the S1SP timeout (``--s1sp-timeout``) plus a
margin; with it, answers come at once and the wait is ``io_timeout``. Any socket error,
close, malformed frame or wait that runs out is a ``DutError`` (an ERROR, never a FAIL).
"""

from __future__ import annotations

import itertools
import socket
import time
from datetime import datetime, timedelta
from pathlib import Path

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import FrameReader, WireMessage, decode_message, encode_message
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DEFAULT_START, DeviceUnderTest, DutExchange
from s1sr.dut.capability import Capability
from s1sr.dut.errors import DutError, MissingCapability
from s1sr.dut.final import is_final
from s1sr.dut.frames import Direction, Frame, frame
from s1sr.dut.inventory import Inventory
from s1sr.dut.inventory_file import inventory_for
from s1sr.models import (
    AdvanceClock,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    Message,
    ReadClock,
    Request,
    ResetInstallation,
    SetClock,
)
from s1sr.models.control import ControlAction

DEFAULT_S1SP_TIMEOUT = timedelta(minutes=30)
MARGIN = timedelta(seconds=10)
IO_TIMEOUT = 30.0
CONTROL_IDS_START = 1 << 62  # hook ids apart from SRV request ids


class TcpDut(DeviceUnderTest):
    def __init__(
        self,
        host: str,
        port: int,
        model: DeviceModel,
        *,
        dmves: Dmves,
        s1sp_timeout: timedelta | None = None,
        inventory_file: Path | None = None,
        io_timeout: float = IO_TIMEOUT,
    ) -> None:
        if inventory_file is None:
            raise DutError(
                "a TCP DUT needs --dut-inventory FILE naming its devices and DCC Users "
                "(`s1sr suite inventory` writes one for the emulator)"
            )
        self.name = f"tcp://{host}:{port}"
        self._address = (host, port)
        self._model = model
        self._dmves = dmves
        self._inventory = inventory_for(inventory_file, model.id)
        entry = self._inventory.of_model(model.id)
        assert entry is not None
        self._target = entry.id  # test hooks name the installation by one of its devices
        self._s1sp_timeout = s1sp_timeout or DEFAULT_S1SP_TIMEOUT
        self._io_timeout = io_timeout
        self._socket: socket.socket | None = None
        self._reader = FrameReader()
        self._hook_ids = itertools.count(CONTROL_IDS_START)
        self._clock: datetime | None = None
        self._pending: list[Frame] = []  # frames that arrived outside an exchange
        self.capabilities = frozenset()

    # --- connection -----------------------------------------------------------------

    def open(self) -> None:
        if self._socket is not None:
            return
        try:
            self._socket = socket.create_connection(self._address, timeout=self._io_timeout)
            self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as exc:
            raise DutError(f"{self.name}: cannot connect: {exc}") from exc
        capabilities = set()
        if self._hook(AdvanceClock(0)).outcome is ControlOutcome.OK:
            capabilities.add(Capability.CLOCK_CONTROL)
        if self._hook(ResetInstallation()).outcome is ControlOutcome.OK:
            capabilities.add(Capability.RESET)
        self.capabilities = frozenset(capabilities)

    def close(self) -> None:
        if self._socket is not None:
            try:
                self._socket.close()
            finally:
                self._socket = None

    def inventory(self) -> Inventory:
        return self._inventory

    # --- SRVs -----------------------------------------------------------------------

    def exchange(self, request: Request) -> DutExchange:
        frames = self._pending
        self._pending = []
        frames.append(self._send(request))
        wait = self._answer_wait()
        deadline = time.monotonic() + wait.total_seconds()
        messages: list[Message] = [f.message for f in frames if f.direction is Direction.IN]  # type: ignore[misc]
        while not any(is_final(m, request) for m in messages):
            received = self._receive(deadline, f"an answer to request {request.request_id}")
            frames.append(received)
            if not isinstance(received.message, ControlResponse):
                messages.append(received.message)  # type: ignore[arg-type]
        barrier, seen = self._control(ReadClock())
        frames.extend(seen)
        messages.extend(f.message for f in seen[1:-1])  # type: ignore[misc]
        self._clock = barrier.clock
        return DutExchange(request, tuple(messages), tuple(frames))

    # --- clock and reset ------------------------------------------------------------

    def now(self) -> datetime:
        response, seen = self._control(ReadClock())
        self._pending.extend(seen[1:-1])
        return response.clock

    def set_clock(self, instant: datetime) -> None:
        self._require(Capability.CLOCK_CONTROL)
        self._ok(SetClock(instant))

    def advance(self, delta: timedelta) -> None:
        self._require(Capability.CLOCK_CONTROL)
        self._ok(AdvanceClock(int(delta.total_seconds())))

    def reset(self) -> None:
        self._require(Capability.RESET)
        self._ok(ResetInstallation())
        if self.has(Capability.CLOCK_CONTROL):
            self._ok(SetClock(DEFAULT_START))
        self._pending = []

    # --- internals ------------------------------------------------------------------

    def _answer_wait(self) -> timedelta:
        if self.has(Capability.CLOCK_CONTROL):
            return timedelta(seconds=self._io_timeout)
        return self._s1sp_timeout + MARGIN

    def _require(self, capability: Capability) -> None:
        if not self.has(capability):
            raise MissingCapability(capability, self.name)

    def _ok(self, action: ControlAction) -> None:
        response, seen = self._control(action)
        self._pending.extend(seen[1:-1])
        if response.outcome is not ControlOutcome.OK:
            raise DutError(
                f"{self.name}: test hook {type(action).__name__} refused: {response.reason}"
            )

    def _hook(self, action: ControlAction) -> ControlResponse:
        response, seen = self._control(action)
        self._pending.extend(seen[1:-1])
        return response

    def _control(self, action: ControlAction) -> tuple[ControlResponse, list[Frame]]:
        """Send a test hook; its response and every frame from the request to the answer."""
        request = ControlRequest(next(self._hook_ids), self._target, action)
        seen = [self._send(request)]
        deadline = time.monotonic() + self._io_timeout
        while True:
            received = self._receive(deadline, f"the answer to test hook {type(action).__name__}")
            seen.append(received)
            message = received.message
            if isinstance(message, ControlResponse) and message.request_id == request.request_id:
                self._clock = message.clock
                return message, seen

    def _send(self, message: WireMessage) -> Frame:
        if self._socket is None:
            self.open()
        assert self._socket is not None
        data = encode_message(message)
        try:
            self._socket.sendall(data)
        except OSError as exc:
            raise DutError(f"{self.name}: send failed: {exc}") from exc
        return frame(Direction.OUT, message, data=data, virtual_time=self._clock)

    def _receive(self, deadline: float, waiting_for: str) -> Frame:
        assert self._socket is not None
        while True:
            try:
                data = self._reader.next_frame()
            except CodecError as exc:
                raise DutError(f"{self.name}: bad framing ({exc.path}): {exc}") from exc
            if data is not None:
                try:
                    message = decode_message(data)
                except CodecError as exc:
                    raise DutError(
                        f"{self.name}: a frame that does not decode ({exc.path}): {exc}"
                    ) from exc
                return frame(Direction.IN, message, data=data, virtual_time=self._clock)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DutError(
                    f"{self.name}: nothing came back in time (waiting for {waiting_for})"
                )
            self._socket.settimeout(remaining)
            try:
                chunk = self._socket.recv(65536)
            except TimeoutError as exc:
                raise DutError(
                    f"{self.name}: nothing came back in time (waiting for {waiting_for})"
                ) from exc
            except OSError as exc:
                raise DutError(f"{self.name}: receive failed: {exc}") from exc
            if not chunk:
                raise DutError(f"{self.name}: the DUT closed the connection")
            try:
                self._reader.feed(chunk)
            except CodecError as exc:
                raise DutError(f"{self.name}: bad framing ({exc.path}): {exc}") from exc
