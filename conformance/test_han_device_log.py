"""The CHF device log (8.11) and PPMID swap-out: 18.62(f) and scope:ppmid-swap-out.

8.11 targets the CHF: remove (CCS02) takes a PPMID off its device log, add (CCS01) puts one
on. 18.62(f) is the CHF's part (a PPMID may be added after one was removed); the swap-out
item is the whole sequence, mapped on the CHF and on the incoming PPMID, and needs both
mapped. A PPMID swapped in is on the device log and joins the HAN: when the PPMID under test is
the incoming one and 18.64(a) lets it answer 11.2, it must answer with its version. (For
a spare swapped in on a CHF's test, the spare's Device Model, and so what it should do,
is not known to the test: only the device log is checked.)
"""

from __future__ import annotations

import pytest

from s1sr.dmves import DeviceModel
from s1sr.models import (
    DeviceType,
    HanAction,
    ReadFirmwareVersionRequest,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
)
from s1sr.pytest_plugin import Case, Exchange

SWAP_OUT = "scope:ppmid-swap-out"
CHF_PART = "18.62(f)"
PPMID = DeviceType.PPMID


def change(action: HanAction, device) -> UpdateHanDeviceLogRequest:
    return UpdateHanDeviceLogRequest(action, device, PPMID)


def ppmids(steps, exchange: Exchange) -> tuple | None:
    body = steps.body(exchange, UpdateHanDeviceLogResponse)
    return None if body is None else body.devices_of(PPMID)


def listing(found: tuple | None) -> str:
    if found is None:
        return "no device log reported"
    return "PPMIDs on the log: " + (", ".join(map(str, found)) or "none")


@pytest.mark.clause(CHF_PART)
@pytest.mark.srv("8.11")
def test_ppmid_added_after_one_was_removed(case: Case, steps) -> None:
    old, new = case.device_of_type(PPMID), case.spare_of_type(PPMID)
    if old is None or new is None:
        case.inconclusive(
            "a PPMID on the HAN and a spare PPMID are needed to replace one",
            observed=f"PPMID on the HAN: {old}; spare: {new}",
        )
    remove = steps.setup(change(HanAction.REMOVE, old), f"removing PPMID {old} (8.11 CCS02)")
    left = ppmids(steps, remove)
    if left is not None and old in left:
        case.inconclusive(
            f"PPMID {old} is still on the CHF device log after its removal, so no PPMID "
            "can be said to have been replaced",
            observed=f"{remove.summary()}; {listing(left)}",
        )
    add = case.exchange(change(HanAction.ADD, new))
    found = ppmids(steps, add)
    what = f"adding PPMID {new} after PPMID {old} was removed (8.11 CCS01)"
    if case.mapped:
        case.expect(
            steps.succeeded(add) and found is not None and new in found,
            expected=f"{what}: accepted, the new PPMID on the CHF device log",
            observed=f"{add.summary()}; {listing(found)}",
        )
    else:
        case.expect(
            not steps.succeeded(add),
            expected=f"{what}: refused (a PPMID cannot be replaced)",
            observed=add.summary(),
        )


def chf_model(case: Case) -> DeviceModel | None:
    """The CHF Device Model of the model's example installation in the DMVES, if any."""
    if case.model.device_type is DeviceType.CHF:
        return case.model
    if case.model.han_id is None:
        return None
    members = case.dmves.installations().get(case.model.han_id, ())
    return next((m for m in members if m.device_type is DeviceType.CHF), None)


def swap(case: Case, steps, chf, old, new) -> Exchange:
    """Remove ``old`` (it must go), then add ``new``: returns the add."""
    remove = case.exchange(change(HanAction.REMOVE, old), target=chf)
    left = ppmids(steps, remove)
    case.expect(
        steps.succeeded(remove) and left is not None and old not in left,
        expected=f"removing PPMID {old} (8.11 CCS02): accepted, off the CHF device log",
        observed=f"{remove.summary()}; {listing(left)}",
    )
    return case.exchange(change(HanAction.ADD, new), target=chf)


def expect_swapped_in(case: Case, steps, add: Exchange, old, new) -> None:
    found = ppmids(steps, add)
    case.expect(
        steps.succeeded(add) and found is not None and new in found and old not in found,
        expected=f"adding PPMID {new} (8.11 CCS01): accepted, it is on the CHF device log "
        f"and {old} is not",
        observed=f"{add.summary()}; {listing(found)}",
    )


def expect_joined(case: Case, steps) -> None:
    """The PPMID under test, swapped in, is reached: it answers 11.2 with its version when
    18.64(a) lets it (otherwise a refusal cannot be told from a PPMID out of reach)."""
    read = case.exchange(ReadFirmwareVersionRequest())
    if not case.model.applies("18.64(a)"):
        return
    case.expect(
        steps.succeeded(read),
        expected=f"PPMID {case.device_id} joined the HAN: it answers 11.2 with its firmware "
        "version (18.64(a) is mapped)",
        observed=read.summary(),
    )


@pytest.mark.clause(SWAP_OUT)
@pytest.mark.srv("8.11", "11.2")
def test_ppmid_swap_out(case: Case, steps) -> None:
    chf_id = case.device_of_type(DeviceType.CHF)
    chf = chf_model(case)
    spare = case.spare_of_type(PPMID)
    if chf_id is None or spare is None:
        case.inconclusive(
            "a CHF and a spare PPMID are needed for a swap-out",
            observed=f"CHF: {chf_id}; spare PPMID: {spare}",
        )
    if case.model.device_type is DeviceType.CHF:
        old = case.device_of_type(PPMID)
        if old is None:
            case.inconclusive("no PPMID on the HAN to swap out", observed=f"spare: {spare}")
        new = spare
    else:  # the model under test is the incoming PPMID: swap a spare in, then it back
        old, new = spare, case.device_id
    if chf is None:
        case.inconclusive(
            "the DMVES does not say which CHF Device Model runs this HAN, so what the "
            "swap-out should do cannot be told",
            observed=f"CHF {chf_id}",
        )
    chf_mapped = chf.applies(SWAP_OUT)
    if case.mapped and not chf_mapped:
        case.inconclusive(
            f"the swap-out needs the CHF mapped too; {chf.id} is not",
            observed=f"CHF {chf_id} ({chf.id})",
        )
    if not case.mapped and (chf_mapped or chf.applies(CHF_PART)):
        case.inconclusive(
            f"the baseline (the add refused) conflicts with {chf.id}, mapped to "
            + ", ".join(c for c in (SWAP_OUT, CHF_PART) if chf.applies(c)),
            observed=f"CHF {chf_id} ({chf.id})",
        )
    if new == case.device_id:  # first swap the spare in, in place of the model under test
        first = swap(case, steps, chf_id, new, old)
        if not case.mapped:
            case.expect(
                not steps.succeeded(first),
                expected=f"adding PPMID {old} after {new} was removed: refused "
                "(a PPMID cannot be replaced)",
                observed=first.summary(),
            )
            return
        expect_swapped_in(case, steps, first, new, old)
    add = swap(case, steps, chf_id, old, new)
    if not case.mapped:
        case.expect(
            not steps.succeeded(add),
            expected=f"adding PPMID {new} after {old} was removed: refused "
            "(a PPMID cannot be replaced)",
            observed=add.summary(),
        )
        return
    expect_swapped_in(case, steps, add, old, new)
    if new == case.device_id:
        expect_joined(case, steps)
