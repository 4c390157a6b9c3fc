"""One DUT per Device Model per process, opened on first use and checked before its clauses.

Declared against observed: before a model's first test, its device type (the DUT's
inventory) and its firmware version (an 11.2 exchange, for the device types 11.2 serves)
are compared with the DMVES. A mismatch, or a DUT that cannot be opened or answer, ends
every applicable test of that model in ERROR with the reason; the exchange is evidence.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from s1sr.catalogue import Catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut import (
    Capability,
    DeviceEntry,
    DeviceUnderTest,
    DutError,
    DutExchange,
    DutSpec,
    Inventory,
    declared_firmware,
    open_dut,
)
from s1sr.models import (
    SRV,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    Request,
    Response,
    ResponseCode,
)
from s1sr.models.envelope import MAX_REQUEST_ID
from s1sr.pytest_plugin.outcomes import IdentityMismatch

FrameSink = Callable[[DutExchange, str], None]  # (exchange, purpose) -> recorded


@dataclass
class ModelSession:
    model: DeviceModel
    dut: DeviceUnderTest
    inventory: Inventory
    entry: DeviceEntry
    observed_firmware: str | None = None  # as 11.2 gave it, or why it could not be read
    s1sp_timeout: timedelta | None = None  # --s1sp-timeout, else what the DUT declares
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def next_request_id(self) -> int:
        return next(self._ids) % (MAX_REQUEST_ID + 1)

    def fresh(self) -> None:
        """Before each test: commissioned state and the default instant, where possible."""
        if self.dut.has(Capability.RESET):
            self.dut.reset()


class ModelSessions:
    """Sessions by model id (and the fault its clause adds, ``--fault-in-clause``); a
    session that failed stays failed (same reason)."""

    def __init__(
        self,
        *,
        spec: DutSpec,
        dmves: Dmves,
        catalogue: Catalogue,
        faults: tuple[str, ...],
        variants: tuple[str, ...] = (),
        s1sp_timeout: timedelta | None,
        inventory_file: Path | None,
        record: FrameSink,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self._spec = spec
        self._dmves = dmves
        self._catalogue = catalogue
        self._faults = faults
        self._variants = variants
        self._timeout = s1sp_timeout
        self._inventory_file = inventory_file
        self._record = record
        self._options = dict(options or {})
        self._sessions: dict[tuple[str, str | None], ModelSession] = {}
        self._failures: dict[tuple[str, str | None], Exception] = {}

    def get(self, model: DeviceModel, clause_fault: str | None = None) -> ModelSession:
        """The model's session; with ``clause_fault``, one of its own whose DUT has that
        fault as well (the tests of the fault's clause), never shared with other tests."""
        key = (model.id, clause_fault)
        if key in self._failures:
            raise self._failures[key]
        session = self._sessions.get(key)
        if session is None:
            faults = self._faults if clause_fault is None else (*self._faults, clause_fault)
            try:
                session = self._open(model, faults)
            except (DutError, IdentityMismatch) as exc:
                self._failures[key] = exc
                raise
            self._sessions[key] = session
        return session

    def close(self) -> None:
        for session in self._sessions.values():
            try:
                session.dut.close()
            except (DutError, OSError):
                pass  # closing after the run: nothing left to protect
        self._sessions.clear()

    def _open(self, model: DeviceModel, faults: tuple[str, ...]) -> ModelSession:
        dut = open_dut(
            self._spec,
            model,
            dmves=self._dmves,
            faults=faults,
            variants=self._variants,
            s1sp_timeout=self._timeout,
            inventory_file=self._inventory_file,
            catalogue=self._catalogue,
            options=self._options,
        )
        inventory = dut.inventory()
        held = [d for d in inventory.devices if d.model_id == model.id]
        entry = next((d for d in held if d.on_han), None)
        if entry is None and held:
            # A spare to swap in is not a device under test: its tests would judge a
            # device the S1SP cannot reach (an ERROR with the reason, never a FAIL).
            raise IdentityMismatch(
                f"{model.id}: the DUT ({self._spec}) holds this Device Model only as a spare "
                "off the HAN, not as a device under test (select the models it holds with "
                "--device-model)"
            )
        if entry is None:
            raise IdentityMismatch(
                f"{model.id}: the DUT ({self._spec}) holds no device of this Device Model"
            )
        if entry.device_type is not model.device_type:
            raise IdentityMismatch(
                f"{model.id}: the DMVES declares device type {model.device_type}, "
                f"the DUT reports {entry.device_type}"
            )
        # Without a reset, request ids must not repeat those of an earlier run.
        start = 1 if dut.has(Capability.RESET) else int(time.time() * 1000) << 8
        session = ModelSession(model, dut, inventory, entry, _ids=itertools.count(start))
        session.s1sp_timeout = self._timeout or dut.s1sp_timeout
        if dut.has(Capability.RESET):
            dut.reset()
        if entry.device_type in self._catalogue.srv(SRV.READ_FIRMWARE_VERSION).device_types:
            session.observed_firmware = self._check_firmware(session)
        return session

    def _check_firmware(self, session: ModelSession) -> str:
        model = session.model
        request = Request(
            session.next_request_id(),
            session.inventory.user_for(session.entry.id),
            session.entry.id,
            ReadFirmwareVersionRequest(),
        )
        exchange = session.dut.exchange(request)
        self._record(exchange, f"identity check of {model.id}")
        response = next(
            (
                m
                for m in exchange.messages
                if isinstance(m, Response)
                and m.request_id == request.request_id
                and m.code is not ResponseCode.I99  # an acknowledgement, not the answer
            ),
            None,
        )
        if (
            response is None
            or response.code is not ResponseCode.I0
            or not isinstance(response.body, ReadFirmwareVersionResponse)
        ):
            # A device may lawfully refuse 11.2 (e.g. the baseline of 18.64(a) on a PPMID):
            # the version cannot be compared then, and the refusal is in the evidence.
            got = "no response" if response is None else f"response {response.code.value}"
            return f"not readable ({got})"
        declared = declared_firmware(model.firmware_version)
        observed = response.body.version
        if observed != declared:
            raise IdentityMismatch(
                f"{model.id}: the DMVES declares firmware {model.firmware_version} "
                f"(11.2 reports it as {declared}), the device reports {observed}"
            )
        return str(observed)
