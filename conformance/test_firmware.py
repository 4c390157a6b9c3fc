"""PPMID firmware (11.1 update, 11.2 read, 11.3 activate) and upgrades on one HAN.

18.63(b), 18.64(a) and 18.65(c) lift the PPMID restrictions on 11.1, 11.2 and 11.3;
scope:ppmid-firmware-update checks that they compose (the version read after activation
is the image's). 18.65(d): a second upgrade started for a device on the same HAN stops the
first, whose requester receives a failure, and the stopped image can no longer be
activated. 18.63(c) and 18.64(b) are uncertain: what a bilingual PPMID does is recorded and
the verdict is INCONCLUSIVE whatever it did (a PPMID that is not bilingual is
NOT_APPLICABLE, decided by the plugin). 18.65(e) has no description.

Failure codes are free: S1PX04 and S1PX05 are project-defined, so a failure is a
non-success response or any S1SP alert naming the request (not one code). Where 11.2 can
read the running version (a meter, or a PPMID carrying 18.64(a)) it is the independent
observable of what 11.1 and 11.3 did, not the label an 11.3 response carries.

An upgrade is "under way" from the 11.1 that distributed its image until the 11.3 that
activates it. Images are ZigBee OTA files built with ``ota_image``; their versions are
chosen unlike any Device Model's, so a version read back tells which image runs.
"""

from __future__ import annotations

import pytest

from s1sr.models import (
    ActivateFirmwareRequest,
    ActivateFirmwareResponse,
    DeviceType,
    FirmwareOutcome,
    FirmwareVersion,
    ReadFirmwareVersionRequest,
    ReadFirmwareVersionResponse,
    Response,
    ResponseCode,
    UpdateFirmwareRequest,
    UpdateFirmwareResponse,
    is_timeout,
)
from s1sr.pytest_plugin import Capability, Case, Exchange

IMAGE = 0x7E570001
SECOND_IMAGE = 0x7E570002


def read_version(case: Case, steps, target=None) -> tuple[Exchange, FirmwareVersion | None]:
    exchange = case.exchange(ReadFirmwareVersionRequest(), target=target)
    body = steps.body(exchange, ReadFirmwareVersionResponse)
    version = body.version if steps.succeeded(exchange) and body is not None else None
    return exchange, version


def distribution(steps, exchange: Exchange) -> str:
    body = steps.body(exchange, UpdateFirmwareResponse)
    outcome = "" if body is None else f"; image {body.version} {body.outcome}"
    return exchange.summary() + outcome


def distributed(steps, exchange: Exchange, image: UpdateFirmwareRequest) -> bool:
    """11.1 accepted: the image received and verified, no failure alert."""
    body = steps.body(exchange, UpdateFirmwareResponse)
    return (
        steps.succeeded(exchange)
        and body is not None
        and body.outcome is FirmwareOutcome.ACCEPTED
        and body.version == image.version
        and not steps.own_alerts(exchange)
    )


def activate(case: Case, image: UpdateFirmwareRequest, target=None) -> Exchange:
    return case.exchange(ActivateFirmwareRequest(image.image_hash), target=target)


def not_activated(steps, exchange: Exchange) -> bool:
    """11.3 did not take: a non-success response, no answer, or a failure alert for it."""
    return not steps.succeeded(exchange) or any(
        not is_timeout(a) for a in steps.own_alerts(exchange)
    )


def readable(model) -> bool:
    """Whether the DMVES lets 11.2 read this model's version (meters always)."""
    return model.device_type is not DeviceType.PPMID or any(
        model.applies(c) for c in ("18.64(a)", "scope:ppmid-firmware-update")
    )


def expect_version_kept(
    case: Case, steps, before: FirmwareVersion | None, why: str, target=None, model=None
) -> None:
    """The running version has not changed, read with 11.2 where the DMVES lets 11.2 read it.

    A PPMID without 18.64(a) cannot show its version: the test's other checks stand alone.
    One that should answer and does not leaves the outcome open (INCONCLUSIVE).
    """
    if not readable(model or case.model):
        return
    read, after = read_version(case, steps, target)
    if before is None or after is None:
        case.inconclusive(
            f"could not observe the running version ({why}): 11.2 did not answer both times",
            observed=f"version before: {before or 'none'}; {read.summary()}",
        )
    case.expect(
        after == before,
        expected=f"{target or case.device_id} still runs {before} ({why})",
        observed=f"{read.summary()}; version {after}",
    )


@pytest.mark.clause("18.63(b)")
@pytest.mark.srv("11.1", "11.2")
def test_ppmid_firmware_update(case: Case, build, steps) -> None:
    _, before = read_version(case, steps)
    image = build.firmware(IMAGE)
    update = case.exchange(image)
    what = f"11.1 of image {image.version} to the PPMID"
    if case.mapped:
        case.expect(
            distributed(steps, update, image),
            expected=f"{what}: accepted, the image distributed (outcome accepted, no alert)",
            observed=distribution(steps, update),
        )
        # Distributed is not activated: the PPMID runs the image only after 11.3.
        expect_version_kept(case, steps, before, "an image runs only once 11.3 activates it")
    else:
        case.expect(
            not steps.succeeded(update),
            expected=f"{what}: refused",
            observed=update.summary(),
        )
        expect_version_kept(case, steps, before, "the update was refused")


@pytest.mark.clause("18.64(a)")
@pytest.mark.srv("11.2")
def test_ppmid_read_firmware_version(case: Case, steps) -> None:
    read, version = read_version(case, steps)
    if case.mapped:
        case.expect(
            version is not None,
            expected="11.2 to the PPMID: its firmware version returned",
            observed=read.summary(),
        )
    else:
        case.expect(
            not steps.succeeded(read),
            expected="11.2 to the PPMID: refused",
            observed=read.summary(),
        )


@pytest.mark.clause("18.65(c)")
@pytest.mark.srv("11.3", "11.1", "11.2")
def test_ppmid_activate_firmware(case: Case, build, steps) -> None:
    _, before = read_version(case, steps)
    image = build.firmware(IMAGE)
    # the negative path first: nothing distributed, nothing to activate; only a fresh
    # device is known never to have held the image (an earlier test may have sent it)
    fresh = case.has(Capability.RESET)
    if case.mapped and fresh:
        early = activate(case, image)
        case.expect(
            not_activated(steps, early),
            expected=f"11.3 of image {image.version}, never distributed by 11.1: refused "
            "(a non-success response or a failure alert)",
            observed=early.summary(),
        )
        expect_version_kept(case, steps, before, "no image was distributed to activate")
    update = case.exchange(image)
    if case.mapped and not distributed(steps, update, image):
        case.inconclusive(
            "the image could not be distributed (11.1), so there is nothing to activate",
            observed=distribution(steps, update),
        )
    active = activate(case, image)
    what = f"11.3 of image {image.version} held by the PPMID"
    if not case.mapped:
        case.expect(
            not steps.succeeded(active),
            expected=f"{what}: refused",
            observed=active.summary(),
        )
        expect_version_kept(case, steps, before, "the activation was refused")
        return
    body = steps.body(active, ActivateFirmwareResponse)
    running = None if body is None else body.version
    case.expect(
        steps.succeeded(active) and running == image.version,
        expected=f"{what}: accepted, the PPMID running {image.version}",
        observed=f"{active.summary()}; version {running}",
    )
    if readable(case.model):  # else (no 18.64(a)) the response's version is all there is
        read, after = read_version(case, steps)
        if after is None:
            case.inconclusive(
                "could not observe the running version after activation: 11.2 did not answer",
                observed=read.summary(),
            )
        case.expect(
            after == image.version,
            expected=f"11.2 after activation reads {image.version}",
            observed=f"{read.summary()}; version {after}",
        )
    if not fresh:
        case.inconclusive(
            f"the activation of a distributed image is judged, but not the refusal of 11.3 "
            f"for an image never distributed: the DUT cannot be reset, so an earlier test may "
            f"have distributed image {image.version}",
            observed=active.summary(),
        )


@pytest.mark.clause("scope:ppmid-firmware-update")
@pytest.mark.srv("11.1", "11.3", "11.2")
def test_ppmid_firmware_update_end_to_end(case: Case, build, steps) -> None:
    _, before = read_version(case, steps)
    image = build.firmware(IMAGE)
    update = case.exchange(image)
    if not case.mapped:
        case.expect(
            not steps.succeeded(update),
            expected=f"11.1 of image {image.version} to the PPMID: refused",
            observed=update.summary(),
        )
        expect_version_kept(case, steps, before, "the PPMID's firmware cannot be updated")
        return
    if not distributed(steps, update, image) and not case.has(Capability.RESET):
        case.inconclusive(
            f"11.1 of image {image.version} was not distributed, but the DUT cannot be reset: "
            "an upgrade an earlier test started may still be pending on the HAN, and a device "
            "may refuse a second one meanwhile (18.65(d))",
            observed=distribution(steps, update),
        )
    case.expect(
        distributed(steps, update, image),
        expected=f"11.1 of image {image.version}: distributed (no failure alert)",
        observed=distribution(steps, update),
    )
    active = activate(case, image)
    case.expect(
        steps.succeeded(active) and not steps.own_alerts(active),
        expected=f"11.3 of image {image.version}: activated (no failure alert)",
        observed=active.summary(),
    )
    read, after = read_version(case, steps)
    case.expect(
        after == image.version,
        expected=f"11.2 after the update reads the image's version {image.version}",
        observed=f"{read.summary()}; version {after}",
    )


def other_device(case: Case):
    """A device on the same HAN that 11.1 upgrades whatever its clauses: a meter."""
    order = {
        DeviceType.PPMID: (DeviceType.ESME, DeviceType.GSME),
        DeviceType.ESME: (DeviceType.GSME,),
        DeviceType.GSME: (DeviceType.ESME,),
    }[case.model.device_type]
    return next((d for d in map(case.device_of_type, order) if d is not None), None)


def failures_of(exchanges: list[Exchange], request_id: int) -> list[str]:
    """Alerts naming the request, or a response to it whose outcome is a failure."""
    found = []
    for exchange in exchanges:
        for message in exchange.messages:
            if getattr(message, "request_id", None) != request_id:
                continue
            if isinstance(message, Response):
                if message.code is ResponseCode.I99:
                    continue  # the DCC's acknowledgement: the answer is still to come
                body = message.body
                if not message.code.is_success or (
                    isinstance(body, UpdateFirmwareResponse)
                    and body.outcome is FirmwareOutcome.FAILED
                ):
                    found.append(f"response {message.code}")
            else:
                found.append(f"alert {message.code}")
    return found


@pytest.mark.clause("18.65(d)")
@pytest.mark.srv("11.1", "11.3", "11.2")
def test_second_upgrade_on_the_same_han(case: Case, build, steps) -> None:
    """Stopped means both halves of the clause: a failure returned for the first 11.1, and
    its image gone (11.3 of it refused, the version read back unchanged)."""
    other = other_device(case)
    if other is None:
        case.inconclusive(
            "no other meter on the HAN to start a second upgrade for",
            observed=f"{case.model.device_type} {case.device_id}",
        )
    _, before = read_version(case, steps)
    image, second_image = build.firmware(IMAGE), build.firmware(SECOND_IMAGE)
    first = case.exchange(image)
    if not distributed(steps, first, image):
        case.inconclusive(
            f"the first upgrade (11.1 to {case.device_id}) could not start",
            observed=distribution(steps, first),
        )
    second = case.exchange(second_image, target=other)
    what = f"a second 11.1 (to {other}) while the upgrade of {case.device_id} is under way"
    can_activate = case.model.device_type is not DeviceType.PPMID or any(
        case.model.applies(c) for c in ("18.65(c)", "scope:ppmid-firmware-update")
    )
    if not case.mapped:
        case.expect(
            not steps.succeeded(second),
            expected=f"{what}: refused",
            observed=second.summary(),
        )
        if can_activate:
            active = activate(case, image)
            case.expect(
                steps.succeeded(active),
                expected=f"the first upgrade completes: 11.3 of image {image.version} accepted",
                observed=active.summary(),
            )
            if readable(case.model):
                read, after = read_version(case, steps)
                case.expect(
                    after == image.version,
                    expected=f"11.2 after the first upgrade completed reads {image.version}",
                    observed=f"{read.summary()}; version {after}",
                )
        return
    case.expect(
        distributed(steps, second, second_image),
        expected=f"{what}: the second proceeds (accepted)",
        observed=distribution(steps, second),
    )
    follow_up, _ = read_version(case, steps)
    failed = failures_of([second, follow_up], first.request.request_id)
    case.expect(
        bool(failed),
        expected="the first upgrade stopped: its requester receives a failure (a failed "
        f"response or an S1SP alert) for request {first.request.request_id}",
        observed=f"{second.summary()}; for request {first.request.request_id}: "
        + (", ".join(failed) or "nothing"),
    )
    retry = activate(case, image)
    case.expect(
        not_activated(steps, retry),
        expected=f"the first upgrade stopped: 11.3 of its image {image.version} is refused "
        "(a non-success response or a failure alert)",
        observed=retry.summary(),
    )
    expect_version_kept(case, steps, before, "its upgrade was stopped before activation")


def record_and_end(case: Case, exchanges: list[Exchange], version: FirmwareVersion | None) -> None:
    """Uncertain by the clause's own words: no PASS or FAIL, whatever happened. (Only a
    bilingual PPMID gets here: the plugin makes the others NOT_APPLICABLE.)"""
    case.inconclusive(
        f"{case.clause.id} is uncertain: the behaviour of a bilingual PPMID "
        f"({'mapped' if case.mapped else 'not mapped'}) is recorded, not judged",
        observed="; ".join(e.summary() for e in exchanges)
        + f"; version read afterwards: {version or 'none'}",
    )


@pytest.mark.clause("18.63(c)")
@pytest.mark.srv("11.1", "11.2")
def test_firmware_upgrade_of_a_bilingual_ppmid(case: Case, build, steps) -> None:
    update = case.exchange(build.firmware(IMAGE))
    _, version = read_version(case, steps)
    record_and_end(case, [update], version)


@pytest.mark.clause("18.64(b)")
@pytest.mark.srv("11.2")
def test_read_firmware_of_a_bilingual_ppmid(case: Case, steps) -> None:
    read, version = read_version(case, steps)
    record_and_end(case, [read], version)


@pytest.mark.clause("18.65(e)")
def test_clause_listed_without_description(case: Case) -> None:
    """18.65(e) is listed with no description: every pair is NOT_APPLICABLE, shown as such."""
    assert not case.clause.testable, f"{case.clause.id} is {case.clause.kind}, not untestable"
