"""The CHF device log (8.11) and PPMID swap-out: 18.62(f) and scope:ppmid-swap-out.

8.11 targets the CHF: remove (CCS02) takes a PPMID off its device log, add (CCS01) puts one
on, and each success answers with the log, which is read back. 18.62(f) is the CHF's part:
a PPMID may be added after one was removed, and not just once (the replaced PPMID may come
back). The swap-out item does not change what the add does: that stays 18.62(f)'s (the
CHF's Device Model decides). What it adds is the whole sequence on a CHF that carries it,
and, on a PPMID that carries it, that the PPMID swapped in joins the HAN: it answers 11.2
with its own version. What another device of the installation should do comes from its
Device Model, as the DUT's inventory names it (``case.model_of``), never from the DUT.
"""

from __future__ import annotations

import pytest

from s1sr.dmves import DeviceModel
from s1sr.dmves.firmware import declared_firmware
from s1sr.models import (
    DeviceType,
    HanAction,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
)
from s1sr.pytest_plugin import Capability, Case, Exchange

SWAP_OUT = "scope:ppmid-swap-out"
CHF_PART = "18.62(f)"
PPMID = DeviceType.PPMID
PPMID_READ = ("18.64(a)", "scope:ppmid-firmware-update")


def change(action: HanAction, device) -> UpdateHanDeviceLogRequest:
    return UpdateHanDeviceLogRequest(action, device, PPMID)


def ppmids(steps, exchange: Exchange) -> tuple | None:
    body = steps.body(exchange, UpdateHanDeviceLogResponse)
    return None if body is None else body.devices_of(PPMID)


def listing(found: tuple | None) -> str:
    if found is None:
        return "no device log reported"
    return "PPMIDs on the log: " + (", ".join(map(str, found)) or "none")


def remove_for_scene(case: Case, steps, old, chf=None) -> None:
    """Take ``old`` off the log to set the scene: INCONCLUSIVE unless it is gone."""
    remove = steps.setup(
        change(HanAction.REMOVE, old), f"removing PPMID {old} (8.11 CCS02)", target=chf
    )
    left = ppmids(steps, remove)
    if left is None or old in left:
        case.inconclusive(
            f"PPMID {old} is not shown off the CHF device log after its removal, so no PPMID "
            "can be said to have been replaced",
            observed=f"{remove.summary()}; {listing(left)}",
        )


def expect_replaced(case: Case, steps, add: Exchange, old, new, what: str) -> None:
    found = ppmids(steps, add)
    case.expect(
        steps.succeeded(add) and found is not None and new in found and old not in found,
        expected=f"{what}: accepted, PPMID {new} on the CHF device log and {old} not",
        observed=f"{add.summary()}; {listing(found)}",
    )


def expect_refused(case: Case, steps, add: Exchange, what: str, why: str) -> None:
    case.expect(
        not steps.succeeded(add),
        expected=f"{what}: refused ({why})",
        observed=add.summary(),
    )


@pytest.mark.clause(CHF_PART)
@pytest.mark.srv("8.11")
def test_ppmid_added_after_one_was_removed(case: Case, steps) -> None:
    """Mapped: a replacement is accepted, and so is the next one (the first PPMID back)."""
    old, new = case.device_of_type(PPMID), case.spare_of_type(PPMID)
    if old is None or new is None:
        case.inconclusive(
            "a PPMID on the HAN and a spare PPMID are needed to replace one",
            observed=f"PPMID on the HAN: {old}; spare: {new}",
        )
    remove_for_scene(case, steps, old)
    add = case.exchange(change(HanAction.ADD, new))
    what = f"adding PPMID {new} after PPMID {old} was removed (8.11 CCS01)"
    if not case.mapped:
        expect_refused(case, steps, add, what, "a PPMID cannot be replaced")
        return
    expect_replaced(case, steps, add, old, new, what)
    # History: the restriction is gone, not spent on one swap. The PPMID replaced comes back.
    remove_for_scene(case, steps, new)
    back = case.exchange(change(HanAction.ADD, old))
    expect_replaced(
        case, steps, back, new, old, f"a second replacement: adding PPMID {old} back after {new}"
    )


def chf_model(case: Case, chf) -> DeviceModel | None:
    """The CHF's Device Model: as the inventory names it, else the DMVES example HAN's."""
    if case.model.device_type is DeviceType.CHF:
        return case.model
    named = case.model_of(chf)
    if named is not None or case.model.han_id is None:
        return named
    members = case.dmves.installations().get(case.model.han_id, ())
    return next((m for m in members if m.device_type is DeviceType.CHF), None)


def takes_replacements(chf: DeviceModel) -> bool:
    """What the catalogue says the add does: 18.62(f)'s rule, or the swap-out the CHF carries."""
    return chf.applies(CHF_PART) or chf.applies(SWAP_OUT)


def expect_joined(case: Case, steps, device, model: DeviceModel) -> None:
    """``device`` (of ``model``, which carries the item), swapped in, joined the HAN: it
    answers 11.2 with its own version. Without 11.2 on its model, joining cannot be seen."""
    if not any(model.applies(c) for c in PPMID_READ):
        case.inconclusive(
            f"{model.id} does not carry 18.64(a): whether PPMID {device} joined the HAN cannot "
            "be observed (a refused 11.2 cannot be told from a PPMID out of reach)",
            observed=f"PPMID {device} on the CHF device log",
        )
    read = case.exchange(ReadFirmwareVersionRequest(), target=device)
    body = steps.body(read, ReadFirmwareVersionResponse)
    version = body.version if steps.succeeded(read) and body is not None else None
    declared = declared_firmware(model.firmware_version)
    if version is not None and version != declared and not case.has(Capability.RESET):
        case.inconclusive(
            f"PPMID {device} ({model.id}) answers 11.2, so it joined the HAN, but with version "
            f"{version}, not its declared {declared}: the DUT cannot be reset, so an earlier "
            "test may have activated another image on it",
            observed=read.summary(),
        )
    case.expect(
        version == declared,
        expected=f"PPMID {device} ({model.id}) joined the HAN: it answers 11.2 with its "
        f"version {declared}",
        observed=f"{read.summary()}; version {version or 'none'}",
    )


@pytest.mark.clause(SWAP_OUT)
@pytest.mark.srv("8.11", "11.2")
def test_ppmid_swap_out(case: Case, steps) -> None:
    chf_id = case.device_of_type(DeviceType.CHF)
    spare = case.spare_of_type(PPMID)
    if chf_id is None or spare is None:
        case.inconclusive(
            "a CHF and a spare PPMID are needed for a swap-out",
            observed=f"CHF: {chf_id}; spare PPMID: {spare}",
        )
    chf = chf_model(case, chf_id)
    if case.model.device_type is DeviceType.CHF:
        swap_out_on_the_chf(case, steps, chf_id, spare)
    else:
        swap_in_the_ppmid(case, steps, chf_id, chf, spare)


def swap_out_on_the_chf(case: Case, steps, chf_id, new) -> None:
    """The CHF under test: remove its PPMID, add the spare; the add is 18.62(f)'s."""
    old = case.device_of_type(PPMID)
    if old is None:
        case.inconclusive("no PPMID on the HAN to swap out", observed=f"spare: {new}")
    if case.mapped:  # the whole sequence is the item's: the remove is judged too
        remove = case.exchange(change(HanAction.REMOVE, old))
        left = ppmids(steps, remove)
        case.expect(
            steps.succeeded(remove) and left is not None and old not in left,
            expected=f"removing PPMID {old} (8.11 CCS02): accepted, off the CHF device log",
            observed=f"{remove.summary()}; {listing(left)}",
        )
    else:
        remove_for_scene(case, steps, old)
    add = case.exchange(change(HanAction.ADD, new))
    what = f"adding PPMID {new} after {old} was removed (8.11 CCS01)"
    if not takes_replacements(case.model):
        expect_refused(
            case, steps, add, what, f"{case.model.id} carries neither {CHF_PART} nor the swap-out"
        )
        return
    expect_replaced(case, steps, add, old, new, what)
    incoming = case.model_of(new)
    if case.mapped and incoming is not None and incoming.applies(SWAP_OUT):
        expect_joined(case, steps, new, incoming)


def swap_in_the_ppmid(case: Case, steps, chf_id, chf: DeviceModel | None, spare) -> None:
    """The PPMID under test is the incoming one: swap the spare in for it, then it back."""
    me = case.device_id
    if chf is None and not case.mapped:
        case.inconclusive(
            f"the DUT names no DMVES Device Model for its CHF {chf_id}: what the add should "
            "do cannot be told, and nothing else is required of a PPMID not mapped",
            observed=f"CHF {chf_id}",
        )
    remove_for_scene(case, steps, me, chf_id)
    out = case.exchange(change(HanAction.ADD, spare), target=chf_id)
    what = f"adding PPMID {spare} after {me} was removed (8.11 CCS01)"
    if chf is not None and not takes_replacements(chf):
        expect_refused(
            case, steps, out, what, f"the CHF {chf.id} carries neither {CHF_PART} nor the swap-out"
        )
        if case.mapped:
            case.inconclusive(
                f"the HAN's CHF ({chf.id}) takes no replacement PPMID, so whether {me} joins "
                "the HAN as one cannot be observed: it needs a CHF carrying "
                f"{CHF_PART} or the swap-out",
                observed=out.summary(),
            )
        return
    if chf is None and not steps.succeeded(out):
        case.inconclusive(
            f"the CHF (its Device Model unknown to the DMVES) refused the replacement, so "
            f"whether {me} joins the HAN as one cannot be observed",
            observed=out.summary(),
        )
    expect_replaced(case, steps, out, me, spare, what)
    remove_for_scene(case, steps, spare, chf_id)
    back = case.exchange(change(HanAction.ADD, me), target=chf_id)
    expect_replaced(case, steps, back, spare, me, f"adding PPMID {me} back in place of {spare}")
    if case.mapped:
        expect_joined(case, steps, me, case.model)
