"""The DLMS "get protected attributes" read that ECS20b, ECS20c, ECS21a and ECS22b send.

The command is one ACTION on the Data Protection object (class 30) whose parameter is a
structure of two arrays: the profiles to read, each with a range selection
(``{class 7, profile OBIS, attribute 2, data index, {1, {from, to}}}``, from and to as
12-octet date-times), and the protection parameters, which repeat the envelope: a
transaction id (a one-octet prefix then the originator counter) and the originator and
recipient system titles (the EUI-64s). The meter answers with the profile rows
encrypted, so a response's model is its outcome alone (keys are out of scope).

The model is the read period; every profile of one command must share it.
"""

from __future__ import annotations

from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_apdu import AccessKind, AccessRequest, DlmsPayload
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.header import GroupingHeader
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping.values import instant_from_axdr, instant_to_axdr
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload

DATA_PROTECTION_CLASS = 30
PROFILE_CLASS = 7
RANGE_SELECTOR = 1
TRANSACTION_ID_OCTETS = 9


def _action_index(apdu: AccessRequest, path: str) -> int:
    found = [
        i
        for i, spec in enumerate(apdu.specs)
        if spec.kind is AccessKind.ACTION and spec.descriptor.class_id == DATA_PROTECTION_CLASS
    ]
    if len(found) != 1 or found[0] >= len(apdu.data):
        raise CodecError("expected one get-protected-attributes action", path)
    return found[0]


def _parts(value: DlmsData, path: str) -> tuple[tuple[DlmsData, ...], tuple[DlmsData, ...]]:
    objects, protection = dlms.read_struct(value, path, 2)
    return dlms.read_array(objects, f"{path}.objects"), dlms.read_array(
        protection, f"{path}.protection"
    )


def _range(entry: DlmsData, path: str) -> tuple[DlmsData, DlmsData]:
    class_id, _obis, attribute, _index, selection = dlms.read_struct(entry, path, 5)
    if dlms.read_int(class_id, path) != PROFILE_CLASS or dlms.read_int(attribute, path) != 2:
        raise CodecError("expected the buffer (attribute 2) of a profile (class 7)", path)
    selector, params = dlms.read_struct(selection, f"{path}.selection", 2)
    if dlms.read_int(selector, f"{path}.selection") != RANGE_SELECTOR:
        raise CodecError("expected a range selection", f"{path}.selection")
    start, end = dlms.read_struct(params, f"{path}.selection", 2)
    return start, end


def read_period(message: GbcsMessage, objects_path: str = "payload") -> tuple[datetime, datetime]:
    """The read period of a get-protected-attributes command."""
    apdu = dlms.command_apdu(message)
    index = _action_index(apdu, objects_path)
    objects, _ = _parts(apdu.data[index], f"{objects_path}.data[{index}]")
    if not objects:
        raise CodecError("no profile to read", objects_path)
    periods = set()
    for n, entry in enumerate(objects):
        path = f"{objects_path}.objects[{n}]"
        start, end = _range(entry, path)
        periods.add(
            (
                instant_from_axdr(dlms.read_datetime(start, f"{path}.from"), f"{path}.from"),
                instant_from_axdr(dlms.read_datetime(end, f"{path}.to"), f"{path}.to"),
            )
        )
    if len(periods) != 1:
        raise CodecError("the profiles are read over different periods", objects_path)
    return periods.pop()


def write_period(template: GbcsMessage, start: datetime, end: datetime) -> Payload:
    apdu = dlms.command_apdu(template)
    index = _action_index(apdu, "template")
    objects, protection = apdu.data[index].items
    entries = []
    for entry in objects.items:
        *head, selection = entry.items
        selector, params = selection.items
        old_start, old_end = params.items
        new_params = DlmsData.structure(
            _stamp(start, old_start),
            _stamp(end, old_end),
        )
        entries.append(DlmsData.structure(*head, DlmsData.structure(selector, new_params)))
    new = DlmsData.structure(DlmsData.array(*entries), protection)
    return DlmsPayload(dlms.with_data(apdu, {index: new}))


def _stamp(value: datetime, old: DlmsData) -> DlmsData:
    like = dlms.read_datetime(old, "template")
    return DlmsData.octet_string(instant_to_axdr(value, like).to_bytes())


def sync_protection(payload: Payload, old: GroupingHeader, new: GroupingHeader) -> Payload:
    """Protection parameters repeat the transaction id and system titles: keep them so."""
    if not isinstance(payload, DlmsPayload) or not isinstance(payload.apdu, AccessRequest):
        return payload
    apdu = payload.apdu
    try:
        index = _action_index(apdu, "payload")
        objects, protection = apdu.data[index].items
        entries = [_sync_entry(entry, old, new) for entry in protection.items]
    except (CodecError, TypeError, ValueError):
        return payload
    new_data = DlmsData.structure(objects, DlmsData.array(*entries))
    return DlmsPayload(dlms.with_data(apdu, {index: new_data}))


def _sync_entry(entry: DlmsData, old: GroupingHeader, new: GroupingHeader) -> DlmsData:
    kind, params = entry.items
    transaction, originator, recipient, *rest = params.items
    raw = transaction.value
    if len(raw) == TRANSACTION_ID_OCTETS and raw[1:] == old.originator_counter.to_bytes(8, "big"):
        raw = raw[:1] + new.originator_counter.to_bytes(8, "big")
    titles = []
    for title, before, after in (
        (originator, old.originator, new.originator),
        (recipient, old.recipient, new.recipient),
    ):
        titles.append(after.to_bytes() if title.value == before.to_bytes() else title.value)
    members = [DlmsData.octet_string(raw), *(DlmsData.octet_string(t) for t in titles), *rest]
    return DlmsData.structure(kind, DlmsData.structure(*members))
