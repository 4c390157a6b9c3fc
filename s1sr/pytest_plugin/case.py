"""``Case``: what a conformance test gets for one (clause, Device Model) pair.

Everything a test needs and nothing it must not have: the clause and its expectations
from the catalogue, the DMVES mapping, the devices and DCC Users of the DUT, a way to
exchange requests (recorded as evidence as they happen), the clock hooks the DUT offers,
and ``expect`` / ``inconclusive`` to end with a verdict. Expectations never come from the
DUT: a test reads them from ``clause``, ``mapped`` and ``alert_codes``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from s1sr.catalogue import Catalogue, Clause
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut import Capability, DutExchange, MissingCapability
from s1sr.dut.frames import verify_frames
from s1sr.models import EUI64, DeviceType, Request, RequestBody
from s1sr.pytest_plugin.exchange import Exchange
from s1sr.pytest_plugin.outcomes import ConformanceFailure, Inconclusive
from s1sr.pytest_plugin.pairs import Pair
from s1sr.pytest_plugin.sessions import ModelSession

Recorder = Callable[[DutExchange, str], None]
CheckRecorder = Callable[[bool, str, str], None]
MAX_FRAMES_IN_MESSAGE = 40
# The purpose each frame of a test is recorded with: the reader of the evidence sees the
# exchange the clause is about apart from the steps that set the scene for it.
UNDER_TEST = "exchange under test"
SETUP_STEP = "setup step"


class Case:
    def __init__(
        self,
        pair: Pair,
        *,
        catalogue: Catalogue,
        dmves: Dmves,
        session: ModelSession,
        record: Recorder,
        record_check: CheckRecorder,
    ) -> None:
        self._pair = pair
        self.catalogue = catalogue
        self.dmves = dmves
        self._session = session
        self._record = record
        self._record_check = record_check
        self.exchanges: list[Exchange] = []

    # --- what is under test, and what it should do -----------------------------------

    @property
    def model(self) -> DeviceModel:
        return self._pair.model

    @property
    def s1sp_timeout(self) -> timedelta | None:
        """The S1SP timeout the run was told (``--s1sp-timeout``) or the DUT declares."""
        return self._session.s1sp_timeout

    @property
    def clause(self) -> Clause:
        return self._pair.clause

    @property
    def mapped(self) -> bool:
        """The DMVES maps the clause to this Device Model: expect the clause's behaviour."""
        return self._pair.mapped

    @property
    def expectation(self) -> str:
        """ "behaviour" (mapped) or "baseline" (same device type, not mapped)."""
        return self._pair.expectation

    @property
    def alert_codes(self) -> frozenset[str]:
        """The catalogue's alert codes for this clause."""
        return frozenset(a.code for a in self.catalogue.alerts_for(self.clause.id))

    # --- who is who in the DUT --------------------------------------------------------

    @property
    def device_id(self) -> EUI64:
        """The device of this Device Model in the DUT."""
        return self._session.entry.id

    @property
    def supplier_id(self) -> EUI64:
        """A DCC User allowed to command the device (a meter's own supplier)."""
        return self._session.inventory.user_for(self.device_id)

    @property
    def other_supplier_id(self) -> EUI64 | None:
        """A DCC User of the installation that does not supply the device (split supply)."""
        return self._session.inventory.other_user(self.device_id)

    def device_of_type(self, device_type: DeviceType) -> EUI64 | None:
        """Another device of that type on the same HAN (this one, if it is of that type)."""
        if self._session.entry.device_type is device_type:
            return self.device_id
        entries = self._session.inventory.on_han(device_type)
        return entries[0].id if entries else None

    def spare_of_type(self, device_type: DeviceType) -> EUI64 | None:
        """A device known to the S1SP but not on the HAN (e.g. a PPMID to swap in)."""
        entries = self._session.inventory.spares(device_type)
        return entries[0].id if entries else None

    def model_of(self, device: EUI64) -> DeviceModel | None:
        """The DMVES Device Model the DUT's inventory names for ``device``, if it names one
        the DMVES holds: what another device of the installation should do comes from it."""
        entry = self._session.inventory.device(device)
        if entry is None or entry.model_id is None:
            return None
        return next((m for m in self.dmves.models if m.id == entry.model_id), None)

    # --- talking to the DUT ----------------------------------------------------------

    def request(
        self, body: RequestBody, *, target: EUI64 | None = None, user: EUI64 | None = None
    ) -> Request:
        """A request with a fresh id, to ``target`` (default: the device) as ``user``."""
        target = self.device_id if target is None else target
        user = self._session.inventory.user_for(target) if user is None else user
        return Request(self._session.next_request_id(), user, target, body)

    def exchange(
        self,
        body_or_request: RequestBody | Request,
        *,
        target: EUI64 | None = None,
        user: EUI64 | None = None,
        setup: bool | None = None,
    ) -> Exchange:
        """Send it; return once the DUT gave its final answer (recorded as evidence).

        Its frames are recorded as the exchange under test when its SRV is the one the
        clause is about (the clause's first SRV), else as a setup step; ``setup`` says so
        explicitly.
        """
        if isinstance(body_or_request, Request):
            if target is not None or user is not None:
                raise TypeError("target and user are fixed by the Request already")
            request = body_or_request
        else:
            request = self.request(body_or_request, target=target, user=user)
        result = self._session.dut.exchange(request)
        if setup is None:
            setup = not self.clause.srvs or request.srv != self.clause.srvs[0]
        self._record(result, SETUP_STEP if setup else UNDER_TEST)
        verify_frames(request, result.messages, result.frames)  # an ERROR, after the record
        exchange = Exchange(request, result.messages, result.frames)
        self.exchanges.append(exchange)
        return exchange

    # --- the DUT's clock and state ---------------------------------------------------

    def now(self) -> datetime:
        return self._session.dut.now()

    def set_clock(self, instant: datetime) -> None:
        self.require(Capability.CLOCK_CONTROL)
        self._session.dut.set_clock(instant)

    def advance(self, delta: timedelta) -> None:
        self.require(Capability.CLOCK_CONTROL)
        self._session.dut.advance(delta)

    def reset(self) -> None:
        self.require(Capability.RESET)
        self._session.dut.reset()

    def has(self, capability: Capability) -> bool:
        """Whether the DUT offers ``capability``: a test may judge more when it does."""
        return self._session.dut.has(capability)

    def require(self, capability: Capability) -> None:
        """INCONCLUSIVE unless the DUT offers ``capability``."""
        if not self._session.dut.has(capability):
            error = MissingCapability(capability, self._session.dut.name)
            raise Inconclusive(str(error))

    # --- verdicts ----------------------------------------------------------------------

    def expect(self, condition: object, *, expected: str, observed: str) -> None:
        """FAIL, naming the clause, SRV, expected, observed and the frames, unless true."""
        passed = bool(condition)
        self._record_check(passed, expected, observed)
        if passed:
            return
        reason = f"expected {expected}; observed {observed}"
        raise ConformanceFailure(self._failure_message(expected, observed), reason)

    def inconclusive(self, reason: str, *, observed: str = "") -> None:
        """End INCONCLUSIVE: what the device did is recorded, no PASS/FAIL claim."""
        self._record_check(True, f"inconclusive: {reason}", observed)
        raise Inconclusive(reason, observed)

    def _failure_message(self, expected: str, observed: str) -> str:
        srv = self._pair.srv or "-"
        lines = [
            f"{self.clause.id} on {self.model.id} (SRV {srv}, {self.expectation}: "
            f"{'mapped' if self.mapped else 'not mapped'} in the DMVES)",
            f"  expected: {expected}",
            f"  observed: {observed}",
            "  frames of this test (> to the DUT, < from it):",
        ]
        frames = [f for exchange in self.exchanges for f in exchange.frames]
        if len(frames) > MAX_FRAMES_IN_MESSAGE:
            omitted = len(frames) - MAX_FRAMES_IN_MESSAGE
            lines.append(f"    ({omitted} earlier frame(s) omitted: all are in the evidence log)")
        for item in frames[-MAX_FRAMES_IN_MESSAGE:]:
            arrow = ">" if item.direction.value == "out" else "<"
            lines.append(f"    {arrow} {item.hex}")
        if not frames:
            lines.append("    (none)")
        return "\n".join(lines)
