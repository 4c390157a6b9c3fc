"""``DuisDut``: the suite as a DCC User, over DUIS and HTTP (``--dut duis+http://HOST:PORT``).

Each request goes as signed DUIS XML to the endpoint its CommandVariant selects. The
synchronous answer is verified and decoded: ``I0`` carries the result, an ``E`` code is
the refusal (the project's ``Response`` with that code), ``I99`` acknowledges (recorded as
a frame, not as the device's message: the result comes by callback). Callbacks arrive at
the DUT's own endpoint (``CallbackListener``) and join the exchange whose RequestID they
name; what arrives outside an exchange is recorded with the next one, as the TCP DUT does.

With the emulator's test hooks (probed with ``GET /s1sr/test-hooks/now``) the DUT has
clock control and reset; ``GET now`` after a request is the barrier (the server answers a
hook once its callback queue is empty), a request still unanswered gets its S1CE20 by
advancing the virtual clock by the S1SP timeout, and a response whose body MMC cannot
carry is filled in from the readout hook, marked so in the evidence. Without hooks the
S1SP timeout runs in real time, then a short settle for alerts that follow an answer.

A message whose signature does not verify (or that does not validate or type) is a
refused frame: evidence, and the test ends in ERROR (``verify_frames``), never PASS.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from s1sr.codecs.duis import CodecError, DuisSchema
from s1sr.codecs.duis.dcc_alerts import FIRMWARE_SRVS
from s1sr.codecs.duis.response import DuisResponse
from s1sr.codecs.wire import encode_message
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DEFAULT_START, DeviceUnderTest, DutExchange
from s1sr.dut.capability import Capability
from s1sr.dut.duis.counter import OriginatorCounters
from s1sr.dut.duis.encode import build_request
from s1sr.dut.duis.endpoint import HttpEndpoint
from s1sr.dut.duis.hooks import TestHooks
from s1sr.dut.duis.keys import DuisKeys
from s1sr.dut.duis.listener import CallbackListener, Received, check_signed_response
from s1sr.dut.duis.paths import service_path
from s1sr.dut.errors import CannotCarry, DutError, MissingCapability
from s1sr.dut.final import is_final
from s1sr.dut.frames import Direction, Frame
from s1sr.dut.inventory import Inventory, reported_inventory
from s1sr.dut.inventory_file import inventory_for
from s1sr.models import (
    Alert,
    Message,
    ModelError,
    Request,
    Response,
    ResponseCode,
)

log = logging.getLogger(__name__)

DEFAULT_S1SP_TIMEOUT = timedelta(minutes=30)
MARGIN = timedelta(seconds=10)
SETTLE = 1.0  # without hooks: how long alerts that follow an answer are waited for
READOUT_NOTE = "body filled in from the test-hook readout (the DUIS answer cannot carry it)"

_schema_note_given = False


class DuisDut(DeviceUnderTest):
    def __init__(
        self,
        scheme: str,
        host: str,
        port: int,
        model: DeviceModel,
        *,
        dmves: Dmves,
        keys: Path,
        listen: tuple[str, int] = ("127.0.0.1", 0),
        schema: Path | None = None,
        counter_file: Path | None = None,
        s1sp_timeout: timedelta | None = None,
        inventory_file: Path | None = None,
        io_timeout: float = 30.0,
        margin: timedelta = MARGIN,
        settle: float = SETTLE,
    ) -> None:
        self._endpoint = HttpEndpoint(scheme, host, port, timeout=io_timeout)
        self.name = f"duis+{self._endpoint.base}"
        self._model = model
        self._dmves = dmves
        self._keys_folder = keys
        self._listen = listen
        self._schema_folder = schema
        self._counters = OriginatorCounters(counter_file)
        self._s1sp_timeout = s1sp_timeout
        self._inventory_file = inventory_file
        self._io_timeout = io_timeout
        self._margin = margin
        self._settle = settle
        self._keys: DuisKeys | None = None
        self._schema: DuisSchema | None = None
        self._listener: CallbackListener | None = None
        self._hooks: TestHooks | None = None
        self._inventory: Inventory | None = None
        self._clock: datetime | None = None
        self._sent: dict[int, Request] = {}  # DUIS counter -> the suite's request
        self._pending: list[tuple[Frame, Message | None]] = []  # arrived outside an exchange
        self.capabilities = frozenset()

    # --- lifecycle ------------------------------------------------------------------

    @property
    def callback_url(self) -> str:
        if self._listener is None:
            raise DutError(f"{self.name}: not opened")
        return self._listener.url

    def open(self) -> None:
        if self._listener is not None:
            return
        self._keys = DuisKeys(self._keys_folder)
        self._schema = _schema(self._schema_folder)
        try:
            self._listener = CallbackListener(*self._listen, self._keys, schema=self._schema)
        except OSError as exc:
            raise DutError(f"--duis-listen {self._listen[0]}:{self._listen[1]}: {exc}") from exc
        self._listener.start()
        hooks = TestHooks(self._endpoint)
        if hooks.probe():
            self._hooks = hooks
            self.capabilities = frozenset({Capability.CLOCK_CONTROL, Capability.RESET})
        self._inventory = self._read_inventory()

    def close(self) -> None:
        self._endpoint.close()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def inventory(self) -> Inventory:
        if self._inventory is None:
            self.open()
        assert self._inventory is not None
        return self._inventory

    # --- SRVs -----------------------------------------------------------------------

    def exchange(self, request: Request) -> DutExchange:
        inventory = self.inventory()
        assert self._keys is not None and self._listener is not None
        carried, self._pending = self._pending, []
        carried += self._arrived()  # came before this request was sent
        entry = inventory.device(request.target)
        counter = self._counters.next(request.user_id)
        try:
            signed = build_request(
                request,
                counter,
                None if entry is None else entry.device_type,
                self._keys.signer(request.user_id),
            )
        except ModelError as exc:
            raise CannotCarry(
                f"the DUIS form cannot express request {request.request_id} ({request.srv}), "
                f"so it was never sent: {exc}"
            ) from exc
        self._sent[counter] = request
        carried.append((self._frame(Direction.OUT, request, signed.xml), request))
        path = service_path(signed.duis.header.command_variant)
        answer = self._endpoint.post_xml(path, signed.xml)
        if answer.status != 200:
            raise DutError(
                f"{self.name}{path} answered HTTP {answer.status} to request "
                f"{request.request_id} ({signed.request_id}): {answer.text()[:300]}"
            )
        carried.append(self._synchronous(request, answer.body))
        if not self._refused(carried):
            carried += self._callbacks(request, carried)
        frames = tuple(f for f, _ in carried)
        messages = tuple(m for f, m in carried if m is not None and f.direction is Direction.IN)
        return DutExchange(request, messages, frames)

    def _synchronous(self, request: Request, data: bytes) -> tuple[Frame, Message | None]:
        assert self._keys is not None
        try:
            duis, _signer = check_signed_response(data, self._keys, self._schema)
        except CodecError as exc:
            return self._rejected(data, f"the synchronous answer: {exc}"), None
        code = duis.header.code
        if code == ResponseCode.I0.value:
            try:
                return self._typed(duis, data)
            except CodecError:
                pass  # an I0 without a typed body: the result comes by callback
        try:
            response_code = ResponseCode(code)
        except ValueError:
            return self._rejected(data, f"response code {code} has no project meaning"), None
        response = Response(request.request_id, request.target, request.srv, response_code)
        frame = self._frame(Direction.IN, response, data)
        if response_code in (ResponseCode.I99, ResponseCode.I0):
            return frame, None  # the DCC's acknowledgement, not the device's answer
        return frame, response

    def _callbacks(
        self, request: Request, carried: list[tuple[Frame, Message | None]]
    ) -> list[tuple[Frame, Message | None]]:
        assert self._listener is not None
        got: list[tuple[Frame, Message | None]] = []
        if self._hooks is not None:
            self._clock = self._hooks.now()  # the barrier: every callback has arrived
            got += self._arrived()
            if not _answered(carried + got, request) and not self._refused(got):
                self._clock = self._hooks.advance(self._timeout().total_seconds())
                got += self._arrived()
        else:
            deadline = time.monotonic() + (self._timeout() + self._margin).total_seconds()
            while not _answered(carried + got, request) and not self._refused(got):
                if not self._listener.inbox.wait(deadline):
                    break
                got += self._arrived()
            if _answered(carried + got, request):
                settle = time.monotonic() + self._settle
                while self._listener.inbox.wait(settle):
                    got += self._arrived()
        if not _answered(carried + got, request) and not self._refused(carried + got):
            raise DutError(
                f"{self.name}: request {request.request_id} got neither an answer nor S1CE20 "
                f"within the S1SP timeout ({self._timeout()})"
            )
        return got

    # --- clock and reset ------------------------------------------------------------

    def now(self) -> datetime:
        if self._hooks is None:
            return datetime.now(UTC)
        self._clock = self._hooks.now()
        self._pending += self._arrived()
        return self._clock

    def set_clock(self, instant: datetime) -> None:
        hooks = self._require(Capability.CLOCK_CONTROL)
        self._clock = hooks.set_clock(instant)
        self._pending += self._arrived()

    def advance(self, delta: timedelta) -> None:
        hooks = self._require(Capability.CLOCK_CONTROL)
        self._clock = hooks.advance(delta.total_seconds())
        self._pending += self._arrived()

    def reset(self) -> None:
        hooks = self._require(Capability.RESET)
        hooks.reset()
        self._clock = hooks.set_clock(DEFAULT_START)
        if self._listener is not None:
            self._listener.inbox.take()  # the old installation's last words
        self._pending = []

    # --- internals ------------------------------------------------------------------

    def _require(self, capability: Capability) -> TestHooks:
        if self._hooks is None or not self.has(capability):
            raise MissingCapability(capability, self.name)
        return self._hooks

    def _timeout(self) -> timedelta:
        return DEFAULT_S1SP_TIMEOUT if self._s1sp_timeout is None else self._s1sp_timeout

    def _read_inventory(self) -> Inventory:
        if self._hooks is not None:
            reported = self._hooks.inventory()
            if self._s1sp_timeout is None:
                self._s1sp_timeout = timedelta(seconds=reported.s1sp_timeout)
            self.s1sp_timeout = self._s1sp_timeout
            return reported_inventory(reported)
        self.s1sp_timeout = self._s1sp_timeout
        if self._inventory_file is not None:
            return inventory_for(self._inventory_file, self._model.id)
        raise DutError(
            f"{self.name} has no test hooks to report its inventory: name its devices and "
            "DCC Users with --dut-inventory FILE"
        )

    def _arrived(self) -> list[tuple[Frame, Message | None]]:
        assert self._listener is not None
        return [self._received(item) for item in self._listener.inbox.take()]

    def _received(self, item: Received) -> tuple[Frame, Message | None]:
        if item.rejected is not None or item.response is None:
            return self._rejected(item.xml, f"a callback refused (HTTP 400): {item.rejected}"), None
        duis = item.response
        request = self._sent.get(duis.header.request_id.counter) if duis.header.request_id else None
        if request is not None and _dcc_acknowledgement(duis, request):
            taken = Response(request.request_id, request.target, request.srv, ResponseCode.I0)
            return self._frame(Direction.IN, taken, item.xml), None
        try:
            return self._typed(duis, item.xml)
        except CodecError as exc:
            return self._rejected(item.xml, f"a callback that does not type: {exc}"), None

    def _typed(self, duis: DuisResponse, xml: bytes) -> tuple[Frame, Message]:
        """The project's message of a verified response, in the suite's request ids."""
        request = self._sent.get(duis.header.request_id.counter) if duis.header.request_id else None
        try:
            model = duis.to_model(None if request is None else str(request.srv))
        except CodecError:
            if request is None or duis.kind != "ResponseMessage" or duis.gbcs_payload():
                raise
            # No payload: the DCC's answer is its code alone (as a synchronous E code is).
            try:
                code = ResponseCode(duis.header.code)
            except ValueError:
                raise CodecError(
                    f"response code {duis.header.code} has no project meaning", "/"
                ) from None
            model = Response(request.request_id, request.target, request.srv, code)
        note = ""
        if isinstance(model, Response):
            if request is not None:
                model = Response(
                    request.request_id, model.target, model.srv, model.code, model.body
                )
            if self._hooks is not None and duis.header.request_id is not None:
                model, note = self._fill(model, str(duis.header.request_id))
        elif isinstance(model, Alert) and model.request_id is not None:
            named = self._sent.get(model.request_id)
            if named is not None:
                model = Alert(
                    model.code,
                    model.target,
                    model.raised_at,
                    named.request_id,
                    model.srv,
                    model.detail,
                )
        return self._frame(Direction.IN, model, xml, note), model

    def _fill(self, response: Response, request_id: str) -> tuple[Response, str]:
        assert self._hooks is not None
        device = self._hooks.readout(request_id)
        if device is None or device.body is None or response.body is not None:
            if device is not None and device.body is not None and device.body != response.body:
                return response, "the test-hook readout holds another body (kept the DUIS one)"
            return response, ""
        if device.code is not response.code or device.srv is not response.srv:
            return response, f"the test-hook readout says {device.code.value}: not filled in"
        filled = Response(
            response.request_id, response.target, response.srv, response.code, device.body
        )
        return filled, READOUT_NOTE

    def _frame(self, direction: Direction, message: Message, xml: bytes, note: str = "") -> Frame:
        return Frame(
            direction,
            encode_message(message),
            message,
            self._clock,
            datetime.now(UTC),
            xml=xml.decode("utf-8", "replace"),
            note=note,
        )

    def _rejected(self, xml: bytes, reason: str) -> Frame:
        log.warning("%s: %s", self.name, reason)
        return Frame(
            Direction.IN,
            bytes(xml),
            None,  # type: ignore[arg-type]
            self._clock,
            datetime.now(UTC),
            xml=xml.decode("utf-8", "replace"),
            rejected=reason,
        )

    @staticmethod
    def _refused(carried: list[tuple[Frame, Message | None]]) -> bool:
        return any(f.rejected is not None for f, _ in carried)


def _dcc_acknowledgement(duis: DuisResponse, request: Request) -> bool:
    """The DCC's immediate I0 ``ResponseMessage`` to an 11.1 / 11.4: the DCC took the image;
    the outcome follows as a ``CSPFirmwareDeliveryStatus`` (or an alert naming the request)."""
    return (
        duis.kind == "ResponseMessage"
        and str(request.srv) in FIRMWARE_SRVS
        and duis.header.code == ResponseCode.I0.value
        and not duis.gbcs_payload()
    )


def _answered(carried: list[tuple[Frame, Message | None]], request: Request) -> bool:
    return any(
        m is not None and f.direction is Direction.IN and is_final(m, request) for f, m in carried
    )


def _schema(folder: Path | None) -> DuisSchema | None:
    global _schema_note_given
    if folder is None:
        if not _schema_note_given:
            _schema_note_given = True
            log.info("DUIS: no schema folder (--duis-schema): messages are not schema-validated")
        return None
    try:
        return DuisSchema(folder)
    except (OSError, ValueError) as exc:
        raise DutError(f"--duis-schema {folder}: {exc}") from exc
