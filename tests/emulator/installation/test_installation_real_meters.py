"""The S1SP and HAN with the real meters (``build_meter``): the silent billing-log reads
become S1CE20 exactly at the S1SP timeout, and the S1SP's checks sit in front of the meter."""

from __future__ import annotations

from datetime import timedelta

import pytest

from s1sr.emulator import build_installation
from s1sr.models import (
    S1CE20,
    BillingCalendarBillingLogRequest,
    ChangeOfModeBillingLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    ValueClass,
    utc,
)
from tests.emulator.installation.conftest import START
from tests.emulator.installation.helpers import codes, read_firmware, top_up

PERIOD = (utc(2024, 1, 1), utc(2024, 1, 15))
READS = {
    "18.17(i)": ChangeOfModeBillingLogRequest(*PERIOD),
    "18.18(g)": BillingCalendarBillingLogRequest(*PERIOD),
    "18.19(a)": DebtPaymentsBillingLogRequest(*PERIOD),
}


@pytest.fixture
def real(dmves, vclock, req):
    def _make(han_id, device_type, faults=()):
        inst = build_installation(dmves, clock=vclock, han_id=han_id, faults=faults)
        meter = inst.device_of(device_type)
        user = inst.supplier_of(meter)
        return inst, lambda body, **kw: inst.exchange(req(user, meter, body, **kw))

    return _make


def _meters_for(dmves, clause, mapped):
    result = []
    for han_id, models in dmves.installations().items():
        for m in models:
            if m.device_type in (DeviceType.ESME, DeviceType.GSME) and m.applies(clause) is mapped:
                result.append((han_id, m.device_type))
    return result


@pytest.mark.parametrize("clause", sorted(READS))
def test_mapped_the_read_times_out_into_s1ce20_exactly_at_the_timeout(real, dmves, vclock, clause):
    cases = _meters_for(dmves, clause, mapped=True)
    assert cases
    for han_id, device_type in cases:
        inst, send = real(han_id, device_type)
        started = vclock.now()
        (alert,) = send(READS[clause])
        assert alert.code == S1CE20
        assert alert.raised_at == started + inst.s1sp.timeout == vclock.now()


@pytest.mark.parametrize("clause", sorted(READS))
def test_baseline_the_read_answers_with_an_empty_log(real, dmves, vclock, clause):
    cases = _meters_for(dmves, clause, mapped=False)
    assert cases
    for han_id, device_type in cases:
        _, send = real(han_id, device_type)
        assert codes(send(READS[clause])) == ["I0"]
    assert vclock.now() == START


def test_a_retried_silent_read_reaches_the_meter_once(real, req):
    inst, _ = real("HAN-1", DeviceType.ESME)
    request = req(inst.user_id("SUP-A"), inst.device_of(DeviceType.ESME), READS["18.17(i)"])
    assert inst.submit(request) == []
    assert inst.submit(request) == []
    assert codes(inst.advance(timedelta(hours=2))) == [S1CE20]


def test_the_meter_fault_answering_4_4_2_is_seen_through_the_s1sp(real):
    _, send = real("HAN-1", DeviceType.ESME, faults=("answers-4.4.2-before-any-change",))
    assert codes(send(READS["18.17(i)"])) == ["I0"]


def test_the_s1sp_reads_the_meters_utrn_record(real):
    _, send = real("HAN-1", DeviceType.GSME)
    send(top_up(9, 2))
    assert codes(send(top_up(9, 2))) == ["S1PX02"]


def test_a_meter_that_keeps_no_utrn_record_is_credited_twice(real):
    inst, send = real("HAN-1", DeviceType.ESME, faults=("credits-duplicate-utrn-twice",))
    assert codes(send(top_up(9, 2))) == ["I0"]
    assert codes(send(top_up(9, 2))) == ["I0"]
    assert inst.device(inst.device_of(DeviceType.ESME)).balance.pence == 400


def test_pennies_never_reach_a_mapped_meter(real):
    inst, send = real("HAN-2", DeviceType.GSME)
    assert codes(send(top_up(1, 150, ValueClass.PENNIES))) == ["S1PX01"]
    assert inst.device(inst.device_of(DeviceType.GSME)).balance.pence == 0


def test_meters_answer_firmware_reads_through_the_han(real):
    _, send = real("HAN-3", DeviceType.GSME)
    assert codes(send(read_firmware())) == ["I0"]
