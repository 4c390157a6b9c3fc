"""The TCP DUT: the s1sr wire format over a socket, to ``s1sr emulate`` or a device's bridge.

One connection per Device Model (per process), to a server holding that model's
installation. At open the adapter asks ``ReadInventory`` (answered with or without test
hooks; a peer that refuses it needs ``--dut-inventory FILE``) and probes the hooks:
``AdvanceClock(0)`` accepted -> clock control, ``ResetInstallation`` accepted -> reset.

An exchange sends the request and then ``ReadClock`` as a barrier: the peer answers in
order, so everything the request caused at once (its response, alerts after it) has
arrived before the barrier's answer, which also carries the DUT's clock for the evidence.
A request still unanswered then waits for its S1CE20: with clock control the adapter
advances the virtual clock by the S1SP timeout (the inventory's, or ``--s1sp-timeout``), as
the in-process emulator does; without, it waits that long in real time plus a margin. Any
socket error, close, malformed frame or wait that runs out is a ``DutError`` (an ERROR,
never a FAIL).
"""

from __future__ import annotations

import itertools
import math
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
from s1sr.dut.inventory import Inventory, reported_inventory
from s1sr.dut.inventory_file import inventory_for
from s1sr.models import (
    EUI64,
    AdvanceClock,
    Alert,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    InventoryResponse,
    ReadClock,
    ReadInventory,
    Request,
    ResetInstallation,
    Response,
    SetClock,
)
from s1sr.models.control import ControlAction

DEFAULT_S1SP_TIMEOUT = timedelta(minutes=30)
MARGIN = timedelta(seconds=10)  # for a real-time S1CE20: the S1SP's clock is not ours
IO_TIMEOUT = 30.0
CONTROL_IDS_START = 1 << 62  # hook ids apart from SRV request ids
ANY_DEVICE = EUI64(0)  # the target of a hook sent before the inventory is known

HookAnswer = ControlResponse | InventoryResponse


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
        margin: timedelta = MARGIN,
    ) -> None:
        host_text = f"[{host}]" if ":" in host else host
        self.name = f"tcp://{host_text}:{port}"
        self._address = (host, port)
        self._model = model
        self._dmves = dmves
        self._inventory_file = inventory_file
        self._s1sp_timeout = s1sp_timeout
        self._io_timeout = io_timeout
        self._margin = margin
        self._inventory: Inventory | None = None
        self._target = ANY_DEVICE  # test hooks name the installation by one of its devices
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
            self._socket = None
            raise DutError(f"{self.name}: cannot connect: {exc}") from exc
        self._inventory = self._read_inventory()
        entry = self._inventory.of_model(self._model.id)
        if entry is not None:
            self._target = entry.id
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
        if self._inventory is None:
            self.open()
        assert self._inventory is not None
        return self._inventory

    # --- SRVs -----------------------------------------------------------------------

    def exchange(self, request: Request) -> DutExchange:
        frames = self._pending
        self._pending = []
        frames.append(self._send(request))
        frames += self._control(ReadClock())[1]
        if not _answered(frames, request):
            if self.has(Capability.CLOCK_CONTROL):
                seconds = math.ceil(self._timeout().total_seconds())
                frames += self._control(AdvanceClock(seconds))[1]
            else:
                frames += self._wait_for_answer(request)
                frames += self._control(ReadClock())[1]
        if not _answered(frames, request):
            raise DutError(
                f"{self.name}: request {request.request_id} got neither an answer nor S1CE20 "
                f"within the S1SP timeout ({self._timeout()})"
            )
        messages = tuple(
            f.message  # type: ignore[misc]
            for f in frames
            if f.direction is Direction.IN and isinstance(f.message, Request | Response | Alert)
        )
        return DutExchange(request, messages, tuple(frames))

    # --- clock and reset ------------------------------------------------------------

    def now(self) -> datetime:
        response, seen = self._control(ReadClock())
        self._pending.extend(f for f in seen if _unsolicited(f))
        return response.clock

    def set_clock(self, instant: datetime) -> None:
        self._require(Capability.CLOCK_CONTROL)
        self._ok(SetClock(instant))

    def advance(self, delta: timedelta) -> None:
        self._require(Capability.CLOCK_CONTROL)
        self._ok(AdvanceClock(math.ceil(delta.total_seconds())))

    def reset(self) -> None:
        self._require(Capability.RESET)
        self._ok(ResetInstallation())
        if self.has(Capability.CLOCK_CONTROL):
            self._ok(SetClock(DEFAULT_START))
        self._pending = []

    # --- internals ------------------------------------------------------------------

    def _read_inventory(self) -> Inventory:
        answer, _ = self._control(ReadInventory())
        if isinstance(answer, InventoryResponse):
            reported = answer.inventory
            if self._s1sp_timeout is None:
                self._s1sp_timeout = timedelta(seconds=reported.s1sp_timeout)
            return reported_inventory(reported)
        if self._inventory_file is not None:
            return inventory_for(self._inventory_file, self._model.id)
        raise DutError(
            f"{self.name} does not report its inventory ({answer.reason or 'refused'}): "
            "name its devices and DCC Users with --dut-inventory FILE"
        )

    def _timeout(self) -> timedelta:
        return DEFAULT_S1SP_TIMEOUT if self._s1sp_timeout is None else self._s1sp_timeout

    def _wait_for_answer(self, request: Request) -> list[Frame]:
        """No clock control: the S1SP's own timeout runs in real time."""
        deadline = time.monotonic() + (self._timeout() + self._margin).total_seconds()
        seen: list[Frame] = []
        while not _answered(seen, request):
            seen.append(self._receive(deadline, f"an answer to request {request.request_id}"))
        return seen

    def _require(self, capability: Capability) -> None:
        if not self.has(capability):
            raise MissingCapability(capability, self.name)

    def _ok(self, action: ControlAction) -> None:
        response = self._hook(action)
        if response.outcome is not ControlOutcome.OK:
            raise DutError(
                f"{self.name}: test hook {type(action).__name__} refused: {response.reason}"
            )

    def _hook(self, action: ControlAction) -> ControlResponse:
        response, seen = self._control(action)
        self._pending.extend(f for f in seen if _unsolicited(f))
        if not isinstance(response, ControlResponse):
            raise DutError(f"{self.name}: {type(action).__name__} answered with an inventory")
        return response

    def _control(self, action: ControlAction) -> tuple[HookAnswer, list[Frame]]:
        """Send a test hook; its answer, and every frame from the hook to the answer."""
        request = ControlRequest(next(self._hook_ids), self._target, action)
        seen = [self._send(request)]
        deadline = time.monotonic() + self._io_timeout
        while True:
            received = self._receive(deadline, f"the answer to test hook {type(action).__name__}")
            seen.append(received)
            message = received.message
            if (
                isinstance(message, ControlResponse | InventoryResponse)
                and message.request_id == request.request_id
            ):
                self._clock = message.clock
                return message, seen

    def _send(self, message: WireMessage) -> Frame:
        if self._socket is None:
            raise DutError(f"{self.name}: not connected")
        data = encode_message(message)
        try:
            self._socket.sendall(data)
        except OSError as exc:
            raise DutError(f"{self.name}: send failed: {exc}") from exc
        return frame(Direction.OUT, message, data=data, virtual_time=self._clock)

    def _receive(self, deadline: float, waiting_for: str) -> Frame:
        assert self._socket is not None
        late = f"{self.name}: nothing came back in time (waiting for {waiting_for})"
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
                raise DutError(late)
            self._socket.settimeout(remaining)
            try:
                chunk = self._socket.recv(65536)
            except TimeoutError as exc:
                raise DutError(late) from exc
            except OSError as exc:
                raise DutError(f"{self.name}: receive failed: {exc}") from exc
            if not chunk:
                raise DutError(f"{self.name}: the DUT closed the connection")
            try:
                self._reader.feed(chunk)
            except CodecError as exc:
                raise DutError(f"{self.name}: bad framing ({exc.path}): {exc}") from exc


def _answered(frames: list[Frame], request: Request) -> bool:
    return any(
        f.direction is Direction.IN and is_final(f.message, request)  # type: ignore[arg-type]
        for f in frames
        if isinstance(f.message, Response | Alert)
    )


def _unsolicited(item: Frame) -> bool:
    """A message that arrived while a hook was answered (an alert for an earlier request)."""
    return item.direction is Direction.IN and isinstance(item.message, Response | Alert)
