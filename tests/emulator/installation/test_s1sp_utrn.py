"""The S1SP's UTRN checks: 18.6(b) (whole pounds) and duplicate UTRNs, mapped and baseline.

HAN-1's meters carry 18.6(b) and scope:duplicate-utrn; HAN-3's carry neither.
"""

from __future__ import annotations

import pytest

from s1sr.models import DeviceType, ValueClass
from tests.emulator.installation.doubles import RecordingMeter
from tests.emulator.installation.helpers import codes, response, top_up

PENNIES = ValueClass.PENNIES
MAPPED = [("HAN-1", DeviceType.ESME), ("HAN-1", DeviceType.GSME)]
BASELINE = [("HAN-3", DeviceType.ESME), ("HAN-3", DeviceType.GSME)]


def _ids(params):
    return [f"{han}-{t}" for han, t in params]


@pytest.fixture
def meter_of(build, req):
    """``meter_of(han_id, type, faults=...)``: the installation, the meter and a sender."""

    def _make(han_id, device_type, faults=()):
        inst = build(han_id=han_id, faults=faults)
        meter = inst.device_of(device_type)
        user = inst.supplier_of(meter)

        def send(body, request_id=None):
            return inst.submit(req(user, meter, body, request_id))

        return inst, inst.device(meter), send

    return _make


class TestWholePounds:
    @pytest.mark.parametrize(("han", "device_type"), MAPPED, ids=_ids(MAPPED))
    @pytest.mark.parametrize("pence", [150, 200], ids=["fractional", "whole-amount"])
    def test_mapped_rejects_pennies_with_s1px01_before_the_meter(
        self, meter_of, han, device_type, pence
    ):
        _, meter, send = meter_of(han, device_type)
        messages = send(top_up(1, pence, PENNIES))
        assert codes(messages) == ["S1PX01"]
        assert "not in whole pounds" in messages[0].detail
        assert meter.handled == []
        assert meter.credit == 0

    @pytest.mark.parametrize(("han", "device_type"), MAPPED + BASELINE, ids=_ids(MAPPED + BASELINE))
    def test_pounds_are_credited_either_way(self, meter_of, han, device_type):
        _, meter, send = meter_of(han, device_type)
        assert codes(send(top_up(1, 5))) == ["I0"]
        assert meter.credit == 500

    @pytest.mark.parametrize(("han", "device_type"), BASELINE, ids=_ids(BASELINE))
    def test_baseline_forwards_pennies_and_the_meter_credits_them(self, meter_of, han, device_type):
        _, meter, send = meter_of(han, device_type)
        assert codes(send(top_up(1, 150, PENNIES))) == ["I0"]
        assert meter.credit == 150

    def test_a_rejected_utrn_is_not_remembered_as_accepted(self, meter_of):
        inst, meter, send = meter_of("HAN-1", DeviceType.ESME)
        send(top_up(1, 150, PENNIES))
        assert inst.s1sp.accepted_utrns(meter.device_id) == frozenset()


class TestWholePoundsFaults:
    def test_accepts_fractional_pounds(self, meter_of):
        _, meter, send = meter_of("HAN-1", DeviceType.ESME, faults=("accepts-fractional-pounds",))
        assert codes(send(top_up(1, 150, PENNIES))) == ["I0"]
        assert meter.credit == 150

    def test_whole_pounds_judged_by_amount(self, meter_of):
        _, meter, send = meter_of(
            "HAN-1", DeviceType.GSME, faults=("whole-pounds-judged-by-amount",)
        )
        assert codes(send(top_up(1, 150, PENNIES))) == ["S1PX01"]
        assert codes(send(top_up(2, 200, PENNIES))) == ["I0"]
        assert meter.credit == 200

    def test_fractional_pounds_refused_without_alert(self, meter_of):
        _, meter, send = meter_of(
            "HAN-1", DeviceType.ESME, faults=("fractional-pounds-refused-without-alert",)
        )
        messages = send(top_up(1, 150, PENNIES))
        assert codes(messages) == ["E12"]
        assert meter.handled == []


class TestDuplicateUtrn:
    @pytest.mark.parametrize(("han", "device_type"), MAPPED, ids=_ids(MAPPED))
    def test_mapped_rejects_a_duplicate_with_s1px02_before_the_meter(
        self, meter_of, han, device_type
    ):
        _, meter, send = meter_of(han, device_type)
        assert codes(send(top_up(3, 10))) == ["I0"]
        assert codes(send(top_up(3, 10))) == ["S1PX02"]
        assert len(meter.handled) == 1
        assert meter.credit == 1000

    @pytest.mark.parametrize(("han", "device_type"), BASELINE, ids=_ids(BASELINE))
    def test_baseline_forwards_the_duplicate_and_the_meter_refuses_it(
        self, meter_of, han, device_type
    ):
        _, meter, send = meter_of(han, device_type)
        send(top_up(3, 10))
        messages = send(top_up(3, 10))
        assert codes(messages) == ["E12"]
        assert len(meter.handled) == 2
        assert meter.credit == 1000

    def test_a_duplicate_is_judged_per_meter(self, build, req):
        inst = build(han_id="HAN-1")
        esme, gsme = inst.device_of(DeviceType.ESME), inst.device_of(DeviceType.GSME)
        user = inst.supplier_of(esme)
        inst.submit(req(user, esme, top_up(3, 10)))
        assert codes(inst.submit(req(user, gsme, top_up(3, 10)))) == ["I0"]

    def test_a_retried_top_up_is_answered_again_and_credited_once(self, meter_of):
        _, meter, send = meter_of("HAN-1", DeviceType.ESME)
        first = send(top_up(4, 20), request_id=500)
        again = send(top_up(4, 20), request_id=500)
        assert again == first
        assert response(again).body.credit_applied.pence == 2000
        assert meter.credit == 2000

    def test_a_utrn_the_meter_refused_is_not_a_duplicate_for_the_s1sp(self, meter_of):
        _inst, meter, send = meter_of("HAN-1", DeviceType.ESME)
        send(top_up(5, 1))
        assert codes(send(top_up(5, 2))) == ["E12"]  # same counter: the meter refuses
        assert codes(send(top_up(5, 2))) == ["E12"]  # still forwarded: never accepted
        assert len(meter.handled) == 3

    def test_s1sp_forwards_duplicate_utrn_fault(self, meter_of):
        _, meter, send = meter_of(
            "HAN-1", DeviceType.ESME, faults=("s1sp-forwards-duplicate-utrn",)
        )
        send(top_up(3, 10))
        messages = send(top_up(3, 10))
        assert codes(messages) == ["E12"]
        assert len(meter.handled) == 2


class TestDuplicateFromTheMetersRecord:
    """Where the endpoint can read the meter's record of credited UTRNs, the S1SP asks it."""

    @pytest.fixture
    def recording(self, build, req):
        def _make(keeps_record):
            def builder(*args, **kwargs):
                meter = RecordingMeter(*args, **kwargs)
                meter.keeps_record = keeps_record
                return meter

            inst = build(han_id="HAN-1", meter_builder=builder)
            esme = inst.device_of(DeviceType.ESME)
            user = inst.supplier_of(esme)
            return inst.device(esme), lambda body: inst.submit(req(user, esme, body))

        return _make

    def test_the_meters_record_is_asked_and_a_duplicate_rejected(self, recording):
        meter, send = recording(keeps_record=True)
        send(top_up(3, 10))
        assert codes(send(top_up(3, 10))) == ["S1PX02"]
        assert meter.asked == [top_up(3, 10).utrn] * 2

    def test_a_meter_that_keeps_no_record_fools_the_s1sp(self, recording):
        meter, send = recording(keeps_record=False)
        send(top_up(3, 10))
        assert codes(send(top_up(3, 10))) == ["I0"]
        assert meter.credit == 2000
