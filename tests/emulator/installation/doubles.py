"""A minimal meter for the installation side's tests: a stand-in for ``build_meter``.

It keeps just enough state for the S1SP and the HAN to be exercised on their own: a
credit register and a counter ledger for 2.2, and a 4.4.2 that stays silent until a 1.6
has succeeded (so the S1SP's timeout has something to time out).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Device, Outcome, Reply, Silence
from s1sr.emulator.load_profile import LoadProfile
from s1sr.models import (
    EUI64,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    Money,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    UpdatePaymentModeRequest,
    UpdatePaymentModeResponse,
    Utrn,
)


class FakeMeter(Device):
    def __init__(
        self,
        model: DeviceModel,
        device_id: EUI64,
        *,
        start: datetime,
        overrides: Mapping[str, object],
        load_profile: LoadProfile | None,
    ) -> None:
        self.device_id = device_id
        self.device_type = model.device_type
        self.model = model
        self.start = start
        self.overrides = dict(overrides)
        self.credit = 0
        self.counters: set[int] = set()
        self.mode_changed = False
        self.handled: list[Request] = []
        self.caught_up_to = start

    def catch_up(self, now: datetime) -> None:
        self.caught_up_to = now

    def handle(self, request: Request, now: datetime) -> Outcome:
        self.handled.append(request)
        body = request.body
        if isinstance(body, TopUpDeviceRequest):
            if body.utrn.counter in self.counters:
                return self._reply(request, ResponseCode.E12)
            self.counters.add(body.utrn.counter)
            self.credit += body.utrn.amount.pence
            return self._reply(
                request,
                ResponseCode.I0,
                TopUpDeviceResponse(body.utrn.amount, Money(self.credit)),
            )
        if isinstance(body, UpdatePaymentModeRequest):
            self.mode_changed = True
            return self._reply(request, ResponseCode.I0, UpdatePaymentModeResponse(body.mode, now))
        if isinstance(body, ChangeOfModeBillingLogRequest):
            if not self.mode_changed:
                return Silence("no tariff or payment mode change yet")
            return self._reply(request, ResponseCode.I0, ChangeOfModeBillingLogResponse(()))
        return self._reply(request, ResponseCode.I0)

    @staticmethod
    def _reply(request: Request, code: ResponseCode, body: object = None) -> Reply:
        return Reply(Response(request.request_id, request.target, request.srv, code, body))  # type: ignore[arg-type]


def fake_meter(
    model: DeviceModel,
    device_id: EUI64,
    *,
    start: datetime,
    overrides: Mapping[str, object] = {},
    load_profile: LoadProfile | None = None,
) -> FakeMeter:
    return FakeMeter(model, device_id, start=start, overrides=overrides, load_profile=load_profile)


class RecordingMeter(FakeMeter):
    """A meter the S1SP can ask about credited UTRNs; ``keeps_record=False`` forgets them."""

    keeps_record = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.credited: set[Utrn] = set()
        self.asked: list[Utrn] = []

    def handle(self, request: Request, now: datetime) -> Outcome:
        body = request.body
        if isinstance(body, TopUpDeviceRequest) and not self.keeps_record:
            self.credit += body.utrn.amount.pence  # no ledger at all: credits every time
            return self._reply(request, ResponseCode.I0, TopUpDeviceResponse(body.utrn.amount))
        outcome = super().handle(request, now)
        if isinstance(body, TopUpDeviceRequest) and self.keeps_record:
            self.credited.add(body.utrn)
        return outcome

    def has_applied_utrn(self, utrn: Utrn) -> bool:
        self.asked.append(utrn)
        return utrn in self.credited
