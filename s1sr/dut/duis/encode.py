"""A project ``Request`` as the signed DUIS XML a DCC User sends, and back.

The suite numbers its requests per run; a DCC wants per-originator counters that never
repeat, so the DUIS RequestID carries a counter from ``OriginatorCounters`` and the
exchange maps it back to the suite's id. DUIS says a few things the model does not: the
fuel (from the target's device type), the DCC as addressee of 8.6, 11.1 and 11.4, and
DUIS-only leaves, written with the values a DCC User's system commonly sends (GBP, debt
not suspended, a one-hour join window, the gas cap the GSME does not hold: 0, a gas TOU
tariff's one block threshold, which a TOU tariff does not use: no limit). Nothing
the model says is changed: a model DUIS cannot carry exactly is refused (``ModelError``).
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.codecs.duis import CommandVariant, DuisRequest, RequestId, encode_request, sign
from s1sr.codecs.duis.bodies import Framing, Fuel
from s1sr.codecs.duis.header import srv_info
from s1sr.codecs.duis.tariff import NO_LIMIT_RAW
from s1sr.codecs.duis.views import from_model
from s1sr.dut.duis.keys import SigningKey
from s1sr.models import (
    EUI64,
    DeviceType,
    Request,
    ServiceOptInRequest,
    UpdateFirmwareRequest,
    UpdateHanDeviceLogRequest,
    UpdateImportTariffRequest,
    UpdatePaymentModeRequest,
    UpdatePpmidFirmwareRequest,
    UpdatePrepayConfigurationRequest,
)

# The DCC's own EUI-64 as DCC Boxed names it (its DSP): the addressee of 8.6, 11.1, 11.4.
DCC_EUI = EUI64.parse("90-B3-D5-1F-30-00-00-02")
JOIN_TIME_PERIOD = "3600"
GAS_TOU_THRESHOLDS = str(NO_LIMIT_RAW)  # DUIS's gas TOU form still writes a threshold

_FUELS = {DeviceType.ESME: Fuel.ELECTRICITY, DeviceType.GSME: Fuel.GAS}


@dataclass(frozen=True)
class SignedRequest:
    duis: DuisRequest
    request_id: RequestId
    xml: bytes  # signed, as POSTed


def framing_for(request: Request, device_type: DeviceType | None) -> Framing:
    """What DUIS needs beyond the model for this request (see the module docstring)."""
    body = request.body
    fuel = _FUELS.get(device_type) if device_type is not None else None
    addressee = (
        DCC_EUI
        if isinstance(
            body, UpdateFirmwareRequest | UpdatePpmidFirmwareRequest | ServiceOptInRequest
        )
        else None
    )
    extras: list[tuple[str, str]] = []
    if isinstance(body, UpdatePaymentModeRequest):
        extras += [("SuspendDebtDisabled", "false"), ("SuspendDebtEmergency", "false")]
    elif isinstance(body, UpdateHanDeviceLogRequest) and body.install_code is not None:
        extras.append(("JoinTimePeriod", JOIN_TIME_PERIOD))
    elif isinstance(body, UpdatePrepayConfigurationRequest) and fuel is Fuel.GAS:
        extras.append(("DebtRecoveryRateCap", "0"))
    elif isinstance(body, UpdateImportTariffRequest):
        extras.append(("CurrencyUnits", "GBP"))
        if fuel is Fuel.GAS and body.blocks:
            extras.append(("NumberOfThresholds", str(len(body.blocks[0].thresholds))))
        elif fuel is Fuel.GAS:
            extras.append(("Thresholds", GAS_TOU_THRESHOLDS))
    return Framing(fuel=fuel, addressee=addressee, extras=tuple(extras))


def command_variant(srv: str) -> CommandVariant:
    """The SRV's usual CommandVariant, but 1 for a critical command: for a SMETS1 device the
    S1SP signs it, and 4 (transform only) would execute nothing."""
    usual = srv_info(srv).command_variant
    return CommandVariant.ON_DEMAND if usual is CommandVariant.TRANSFORM else usual


def build_request(
    request: Request, counter: int, device_type: DeviceType | None, key: SigningKey
) -> SignedRequest:
    """The signed ``sr:Request`` of ``request`` with ``counter`` in its RequestID."""
    numbered = Request(counter, request.user_id, request.target, request.body)
    duis = from_model(
        numbered, command_variant(str(request.srv)), framing_for(request, device_type)
    )
    xml = sign(encode_request(duis), key.key, key.certificate)
    return SignedRequest(duis, duis.header.request_id, xml)
