"""Split supply (scope:split-supplier-certificates): who may reach which meter.

HAN-2 is a split-supply installation (ESME by SUP-A, GSME by SUP-B), both meters mapped.
"""

from __future__ import annotations

import pytest

from s1sr.emulator import supplier_user_id
from s1sr.models import DeviceType
from tests.emulator.installation.helpers import codes, dmves_of, model, read_firmware, top_up

SPLIT = "scope:split-supplier-certificates"


def _split_dmves(esme_clauses=(SPLIT,), gsme_clauses=(SPLIT,)):
    return dmves_of(
        model("T-CHF", DeviceType.CHF, han_id="H"),
        model("T-ESME", DeviceType.ESME, esme_clauses, han_id="H", supplier="SUP-E"),
        model("T-GSME", DeviceType.GSME, gsme_clauses, han_id="H", supplier="SUP-G"),
        model("T-PPMID", DeviceType.PPMID, han_id="H"),
    )


@pytest.fixture
def split(build, req):
    def _make(dmves=None, faults=()):
        inst = build(han_id="H", dmves=dmves or _split_dmves(), faults=faults)
        esme, gsme = inst.device_of(DeviceType.ESME), inst.device_of(DeviceType.GSME)
        users = {"E": inst.user_id("SUP-E"), "G": inst.user_id("SUP-G")}

        def send(user, meter, counter=1):
            return inst.submit(req(users[user], {"E": esme, "G": gsme}[meter], top_up(counter, 5)))

        return inst, send

    return _make


class TestSplitSupplyMapped:
    def test_each_supplier_is_accepted_on_its_own_meter(self, split):
        _, send = split()
        assert codes(send("E", "E")) == ["I0"]
        assert codes(send("G", "G")) == ["I0"]

    @pytest.mark.parametrize(
        ("user", "meter"),
        [("E", "G"), ("G", "E")],
        ids=["esme-supplier-to-gsme", "gsme-supplier-to-esme"],
    )
    def test_a_supplier_is_refused_on_the_other_meter_with_s1px03(self, split, user, meter):
        inst, send = split()
        messages = send(user, meter)
        assert codes(messages) == ["S1PX03"]
        target = inst.device_of(DeviceType.ESME if meter == "E" else DeviceType.GSME)
        assert inst.device(target).handled == []

    def test_the_shipped_split_installation(self, build, req):
        inst = build(han_id="HAN-2")
        esme, gsme = inst.device_of(DeviceType.ESME), inst.device_of(DeviceType.GSME)
        sup_a, sup_b = inst.user_id("SUP-A"), inst.user_id("SUP-B")
        assert codes(inst.submit(req(sup_b, gsme, top_up(1, 5)))) == ["I0"]
        assert codes(inst.submit(req(sup_a, gsme, top_up(2, 5)))) == ["S1PX03"]
        assert codes(inst.submit(req(sup_b, esme, top_up(3, 5)))) == ["S1PX03"]


class TestSplitSupplyBaseline:
    def test_only_the_esme_supplier_is_accepted_even_on_the_gsme(self, split):
        _, send = split(_split_dmves(esme_clauses=(), gsme_clauses=()))
        assert codes(send("E", "E")) == ["I0"]
        assert codes(send("E", "G")) == ["I0"]
        assert codes(send("G", "G")) == ["S1PX03"]

    def test_the_gsme_model_decides_for_the_gsme(self, split):
        _, send = split(_split_dmves(esme_clauses=(), gsme_clauses=(SPLIT,)))
        assert codes(send("G", "G")) == ["I0"]
        assert codes(send("E", "G")) == ["S1PX03"]


class TestNonMeters:
    def test_any_supplier_of_the_installation_reaches_the_ppmid(self, build, req):
        inst = build(han_id="HAN-2")
        ppmid = inst.device_of(DeviceType.PPMID)
        for supplier in ("SUP-A", "SUP-B"):
            assert codes(inst.submit(req(inst.user_id(supplier), ppmid, read_firmware()))) == ["I0"]

    def test_a_user_supplying_nothing_here_is_refused_e4(self, build, req):
        inst = build(han_id="HAN-2")
        stranger = supplier_user_id("SUP-Z")
        ppmid, esme = inst.device_of(DeviceType.PPMID), inst.device_of(DeviceType.ESME)
        assert codes(inst.submit(req(stranger, ppmid, read_firmware()))) == ["E4"]
        assert codes(inst.submit(req(stranger, esme, top_up(1, 5)))) == ["S1PX03"]


class TestSplitSupplyFaults:
    def test_split_supply_any_supplier(self, split):
        _, send = split(faults=("split-supply-any-supplier",))
        assert codes(send("E", "G")) == ["I0"]
        assert codes(send("G", "E", counter=2)) == ["I0"]

    def test_split_supply_esme_supplier_only(self, split):
        _, send = split(faults=("split-supply-esme-supplier-only",))
        assert codes(send("G", "G")) == ["S1PX03"]
        assert codes(send("E", "G")) == ["I0"]
