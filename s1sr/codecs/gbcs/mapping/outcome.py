"""The outcome a GBCS response reports, and the DUIS response code it becomes.

DUIS's public response codes are the DCC's own (authorisation, validation,
communications); none says "the device refused the command". The mapping follows the
project's convention (``s1sr.emulator.meter.outcomes.REFUSED``): a device-level failure
is ``E12``. So:

==========================================================  ==========
GBCS response                                               code
==========================================================  ==========
DLMS: every access result ``success`` (0)                    I0
DLMS: any other result (hardware fault, denied, other...)   E12
GBZ: every ZCL status ``SUCCESS`` (0), or data components   I0
GBZ: only ``NOT_FOUND`` (0x8B) besides successes            I0 (an empty log)
GBZ: any other ZCL status (FAILURE 0x01, 0xC0...)           E12
ASN.1 (CS06, CS08): a zero status or no status (NULL)       I0
ASN.1: a non-zero status                                    E12
==========================================================  ==========

``with_outcome`` is the way back: it changes a template response's results only when
the model asks for the other class of outcome (success / failure).
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from s1sr.codecs.gbcs.dlms_apdu import (
    AccessKind,
    AccessResponse,
    AccessResult,
    AccessResultCode,
    DlmsPayload,
)
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.gbz import GbzComponent, GbzPayload
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import ModelError, ResponseCode

ZCL_SUCCESS = 0x00
ZCL_FAILURE = 0x01
ZCL_NOT_FOUND = 0x8B
DEFAULT_RESPONSE = 0x0B
READ_ATTRIBUTES_RESPONSE = 0x01
DEVICE_REFUSED = ResponseCode.E12


class Outcome(Enum):
    SUCCESS = "success"
    NOT_FOUND = "not found"  # a read that found nothing: a success with no entries
    FAILURE = "failure"

    @property
    def is_success(self) -> bool:
        return self is not Outcome.FAILURE

    @property
    def code(self) -> ResponseCode:
        return ResponseCode.I0 if self.is_success else DEVICE_REFUSED


def outcome_for(code: ResponseCode) -> Outcome:
    if code is ResponseCode.I99:
        raise ModelError("code: I99 is the DCC's acknowledgement, not a device response")
    return Outcome.SUCCESS if code.is_success else Outcome.FAILURE


def outcome_of(payload: Payload) -> Outcome:
    """The outcome of a DLMS or GBZ response payload (ASN.1 ones are per use case)."""
    if isinstance(payload, DlmsPayload) and isinstance(payload.apdu, AccessResponse):
        ok = all(r.result == AccessResultCode.SUCCESS for r in payload.apdu.results)
        return Outcome.SUCCESS if ok else Outcome.FAILURE
    if isinstance(payload, GbzPayload):
        return _gbz_outcome(payload)
    raise ModelError(f"no generic outcome for a {type(payload).__name__}")


def _statuses(component: GbzComponent) -> list[int] | None:
    """ZCL statuses a component reports, or ``None`` for a data component."""
    if component.encrypted or component.cluster_specific:
        return None
    zcl = component.zcl
    if zcl is None:
        return None
    if component.command_id == DEFAULT_RESPONSE:
        return [zcl["status"]]
    if component.command_id == READ_ATTRIBUTES_RESPONSE:
        return [record["status"] for record in zcl["records"]]
    return None


def _gbz_outcome(payload: GbzPayload) -> Outcome:
    statuses: list[int] = []
    data = False
    for component in payload.components:
        found = _statuses(component)
        if found is None:
            data = True
        else:
            statuses.extend(found)
    if any(s not in (ZCL_SUCCESS, ZCL_NOT_FOUND) for s in statuses):
        return Outcome.FAILURE
    if not data and any(s == ZCL_NOT_FOUND for s in statuses):
        return Outcome.NOT_FOUND
    return Outcome.SUCCESS


def with_outcome(payload: Payload, outcome: Outcome) -> Payload:
    """``payload`` changed to report ``outcome`` (unchanged when already of that class)."""
    if outcome_of(payload).is_success == outcome.is_success:
        return payload
    if isinstance(payload, DlmsPayload):
        return DlmsPayload(_dlms_with(payload.apdu, outcome))
    if isinstance(payload, GbzPayload):
        return _gbz_with(payload, outcome)
    raise ModelError(f"cannot change the outcome of a {type(payload).__name__}")


def _dlms_with(apdu: AccessResponse, outcome: Outcome) -> AccessResponse:
    results = list(apdu.results)
    data = list(apdu.data)
    if outcome.is_success:
        for index, result in enumerate(results):
            if result.result != AccessResultCode.SUCCESS and result.kind is AccessKind.GET:
                raise ModelError("code: a failed read cannot become a success without its data")
            results[index] = AccessResult(result.kind, AccessResultCode.SUCCESS)
    else:
        last = results[-1]
        results[-1] = AccessResult(last.kind, AccessResultCode.OTHER_REASON)
        if last.kind is AccessKind.GET and len(data) == len(results):
            data[-1] = DlmsData.null()
    return replace(apdu, results=tuple(results), data=tuple(data))


def _gbz_with(payload: GbzPayload, outcome: Outcome) -> GbzPayload:
    components = list(payload.components)
    if not all(c.command_id == DEFAULT_RESPONSE and not c.cluster_specific for c in components):
        raise ModelError("code: only a response of ZCL default responses can change outcome")
    if outcome.is_success:
        components = [_with_status(c, ZCL_SUCCESS) for c in components]
    else:
        components[-1] = _with_status(components[-1], ZCL_FAILURE)
    return replace(payload, components=tuple(components))


def _with_status(component: GbzComponent, status: int) -> GbzComponent:
    return replace(component, zcl_payload=component.zcl_payload[:1] + bytes([status]))
