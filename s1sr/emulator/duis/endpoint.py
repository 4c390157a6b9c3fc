"""``DuisEndpoint``: the emulated DCC behind the DUIS URLs, without HTTP.

Each request accepted by the intake goes to the installation the TCP server would serve
(an ``InstallationHost`` built by ``factory_for``, the in-process DUT's installation for a
Device Model). When DCC Boxed would answer at once, so does this: CommandVariant 4
(transform only) is I0 and executes nothing, since a SMETS1 device's critical commands are
signed by the S1SP and there is no pre-command to hand back; intake refusals are their E
code. Every other request is I99, and everything the installation answers (the device's
response, S1SP alerts, device alerts) is POSTed to the callback in the order produced,
after the I99. Without test hooks the host's clock runs and a ticker raises S1CE20 when
due; with them the clock moves only through the hooks (``hooks``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from s1sr.codecs.duis import CommandVariant, RequestId
from s1sr.emulator.duis.callback import CallbackSender
from s1sr.emulator.duis.intake import Accepted, Errored, Intake, Refused
from s1sr.emulator.duis.outbound import Builder
from s1sr.emulator.server import InstallationHost, ProtocolError
from s1sr.emulator.server.host import Delivery
from s1sr.models import EUI64, Alert, DeviceType, Message, Response
from s1sr.models import Request as ModelRequest
from s1sr.models.jsonview import to_jsonable

log = logging.getLogger(__name__)

MAX_REMEMBERED = 100_000  # requests whose later answers (and readouts) are remembered
XML = "application/xml"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    content_type: str
    body: bytes
    gate: threading.Event | None = None  # set once the answer is written: callbacks may go


def text_answer(status: int, reason: str) -> HttpAnswer:
    return HttpAnswer(status, TEXT, (reason[:500] + "\n").encode("utf-8", "replace"))


class DuisEndpoint:
    def __init__(
        self,
        host: InstallationHost,
        intake: Intake,
        builder: Builder,
        sender: CallbackSender,
        *,
        rename=None,  # noqa: ANN001 (a variant's ``rename``: Message -> Message)
    ) -> None:
        self.host = host
        self.intake = intake
        self.builder = builder
        self.sender = sender
        self.lock = threading.RLock()
        self._rename = rename or (lambda message: message)
        self._requests: OrderedDict[tuple[int, int], tuple[RequestId, ModelRequest]] = OrderedDict()
        self._readouts: OrderedDict[str, dict] = OrderedDict()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if not host.test_hooks:
            self._ticker = threading.Thread(target=self._tick, name="s1sr-duis-clock", daemon=True)
            self._ticker.start()

    @property
    def test_hooks(self) -> bool:
        return self.host.test_hooks

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(5)
        self.sender.close()

    def device_type_of(self, device: EUI64) -> DeviceType | None:
        """The type of a device the installation knows (the S1SP routes to it, or it is a
        spare off the HAN), None for one it does not know (E19)."""
        with self.lock:
            installation = self.host.installation
            try:
                return installation.s1sp.route(device).device_type
            except KeyError:
                pass
            try:  # known to the installation, off its HAN (a spare PPMID 8.11 may add)
                return installation.model(device).device_type
            except KeyError:
                return None

    # --- DUIS -------------------------------------------------------------------------

    def request(self, path: str, data: bytes) -> HttpAnswer:
        outcome = self.intake.take(path, data)
        if isinstance(outcome, Refused):
            log.info("refused (%s): %s", outcome.status, outcome.reason)
            return text_answer(outcome.status, outcome.reason)
        header = outcome.request.header
        if isinstance(outcome, Errored):
            log.info("%s for %s: %s", outcome.code, header.request_id, outcome.reason)
            code = str(self._rename_code(outcome.request, outcome.code))
            ack = self.builder.acknowledgement(header.request_id, header.srv, code, self.now())
            return HttpAnswer(200, XML, ack)
        assert isinstance(outcome, Accepted)
        if header.command_variant is CommandVariant.TRANSFORM:
            ack = self.builder.acknowledgement(header.request_id, header.srv, "I0", self.now())
            return HttpAnswer(200, XML, ack)
        gate = threading.Event()
        model = outcome.model
        with self.lock:
            now = self.now()
            self._remember(header.request_id, model)
            try:
                deliveries = self.host.receive(model.user_id.value, model)
            except ProtocolError as exc:
                gate.set()
                return text_answer(503, str(exc))
            self._dispatch(deliveries, gate)
        ack = self.builder.acknowledgement(header.request_id, header.srv, "I99", now)
        return HttpAnswer(200, XML, ack, gate)

    def now(self) -> datetime:
        with self.lock:
            return self.host.now()

    def settled_now(self) -> datetime:
        """``now`` once every callback queued so far went: a DCC User that asks after its
        request's I99 has then received all the request raised (``GET now``, the barrier)."""
        self.sender.drain()
        return self.now()

    def readout(self, request_id: str) -> dict | None:
        with self.lock:
            return self._readouts.get(request_id)

    def _rename_code(self, request, code):  # noqa: ANN001, ANN202
        """A variant's own name for a refusal code (E12 -> E17 ...)."""
        h = request.header
        probe = Response(0, h.request_id.target, _srv(h.srv), code)
        return self._rename(probe).code

    def _remember(self, request_id: RequestId, model: ModelRequest) -> None:
        self._requests[(model.target.value, model.request_id)] = (request_id, model)
        while len(self._requests) > MAX_REMEMBERED:
            self._requests.popitem(last=False)

    def _dispatch(self, deliveries: list[Delivery], gate: threading.Event | None) -> None:
        """Queue the callback of each message, in order (call with the lock held)."""
        now = self.host.now()
        for delivery in deliveries:
            message = self._rename(delivery.message)
            if not isinstance(message, Response | Alert):
                continue
            known = None
            if message.request_id is not None:
                known = self._requests.get((message.target.value, message.request_id))
            if known is None:
                log.warning("no request for %s; not sent", message)
                continue
            request_id, request = known
            if isinstance(message, Response):
                self._readouts[str(request_id)] = to_jsonable(message)
                while len(self._readouts) > MAX_REMEMBERED:
                    self._readouts.popitem(last=False)
            label = f"{type(message).__name__} {getattr(message, 'code', '')} for {request_id}"
            chf = self.host.installation.chf.device_id
            if _firmware_outcome(message):  # the DCC's immediate answer first
                ack = partial(self.builder.acknowledgement, request_id, str(message.srv), "I0", now)
                self.sender.send(ack, f"I0 for {request_id}", gate)
            self.sender.send(
                _builder(self.builder, request_id, request, message, now, chf), label, gate
            )

    # --- test hooks ---------------------------------------------------------------------

    def control(self, action: object) -> str | None:
        """Apply a clock or reset action; its refusal reason, or None. What it raised is
        delivered to the callback before this returns."""
        from s1sr.models import ControlOutcome, ControlRequest, ControlResponse

        with self.lock:
            deliveries = self.host.receive(0, ControlRequest(0, _NOBODY, action))
            replies = [d.message for d in deliveries if isinstance(d.message, ControlResponse)]
            self._dispatch(deliveries, None)
        self.sender.drain()
        reply = replies[-1] if replies else None
        if reply is None or reply.outcome is not ControlOutcome.OK:
            return reply.reason if reply is not None else "no answer"
        return None

    def reset(self) -> None:
        from s1sr.models import ResetInstallation

        self.sender.drain()
        refusal = self.control(ResetInstallation())
        if refusal is not None:
            raise RuntimeError(refusal)
        with self.lock:
            self._requests.clear()
            self._readouts.clear()

    def inventory(self) -> dict:
        from s1sr.emulator.server import inventory_of

        with self.lock:
            return to_jsonable(inventory_of(self.host.installation))

    # --- the host's clock (no test hooks) -----------------------------------------------

    def _tick(self) -> None:
        while not self._stop.is_set():
            with self.lock:
                due = self.host.next_due()
                wait = 0.5
                if due is not None:
                    remaining = (due - self.host.installation.clock.now()).total_seconds()
                    if remaining <= 0:
                        self._dispatch(self.host.fire_due(), None)
                        remaining = 0.05
                    wait = min(wait, remaining)
            self._stop.wait(max(wait, 0.01))


_NOBODY = EUI64.parse("00-00-00-00-00-00-00-00")


def _srv(variant: str):  # noqa: ANN202
    from s1sr.models import SRV

    return SRV(variant)


def _firmware_outcome(message: Message) -> bool:
    """An 11.1 / 11.4 the device answered: DUIS reports it by the DCC's alert."""
    return (
        isinstance(message, Response)
        and str(message.srv) in ("11.1", "11.4")
        and message.body is not None
    )


def _builder(
    builder: Builder,
    request_id: RequestId,
    request: ModelRequest,
    message: Message,
    at: datetime,
    comms_hub: EUI64,
) -> Callable[[], bytes]:
    """The callback document of ``message``, built (signed) on the sender's thread; a
    response is dated by the installation's clock when it was produced."""
    srv = str(request.srv)
    if _firmware_outcome(message):
        return lambda: builder.outcome(request_id, message, comms_hub, at)
    if isinstance(message, Response):
        return lambda: builder.answer(request_id, srv, message, at)
    return lambda: builder.alert(request_id, request, message)
