"""The fault catalogue: the loader's validation, coverage, and that every installation-side
fault changes what an installation whose Device Model carries its clause does."""

from __future__ import annotations

import textwrap
from datetime import timedelta

import pytest

from s1sr.catalogue import ClauseKind, DataFileError, UnknownEntryError, load_catalogue
from s1sr.emulator import device_id_for, fault, load_faults
from s1sr.emulator.faults import (
    all_knobs,
    check_knob,
    faults_for,
    installation_knobs,
    meter_knobs,
    read_faults,
)
from s1sr.emulator.han import KnobError
from s1sr.models import (
    ChangeOfModeBillingLogRequest,
    DebtPaymentsBillingLogRequest,
    DeviceType,
    ValueClass,
)
from tests.emulator.installation.helpers import (
    activate,
    add,
    codes,
    read_firmware,
    remove,
    response,
    top_up,
    update_firmware,
)

INSTALLATION_CLAUSES = (
    "18.6(b)",
    "scope:split-supplier-certificates",
    "18.62(f)",
    "scope:ppmid-swap-out",
    "18.63(b)",
    "18.64(a)",
    "18.65(c)",
    "18.65(d)",
    "scope:ppmid-firmware-update",
)
GOOD = """\
    [[fault]]
    name = "a-fault"
    clause = "18.6(b)"
    description = "Breaks it."
    side = "installation"
    set = { s1sp_pennies_utrn = "forward" }
"""


def _write(tmp_path, text, name="faults_installation.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


class TestLoader:
    def test_a_valid_file_loads(self, tmp_path):
        _write(tmp_path, GOOD)
        (loaded,) = read_faults(tmp_path)
        assert (loaded.name, loaded.clause, loaded.side) == ("a-fault", "18.6(b)", "installation")
        assert loaded.overrides == {"s1sp_pennies_utrn": "forward"}
        assert loaded.source.endswith("faults_installation.toml")

    @pytest.mark.parametrize(
        ("change", "field", "problem"),
        [
            (("s1sp_pennies_utrn", "no_such_knob"), "set.no_such_knob", "no such knob"),
            (('"forward"', '"sometimes"'), "set.s1sp_pennies_utrn", "not one of"),
            (('"18.6(b)"', '"18.99(z)"'), "clause", "unknown clause"),
            (('"18.6(b)"', '"18.27(p)"'), "clause", "nothing to test"),
            (('side = "installation"', 'side = "meter"'), "side", "side of its file"),
            (('name = "a-fault"', 'name = "A Fault"'), "name", "not a fault name"),
            (('set = { s1sp_pennies_utrn = "forward" }', "set = {}"), "set", "at least one"),
            (('description = "Breaks it."\n', ""), "description", "missing"),
            (
                ('side = "installation"', 'side = "installation"\nextra = 1'),
                "extra",
                "unknown field",
            ),
        ],
        ids=[
            "unknown-knob",
            "bad-value",
            "unknown-clause",
            "untestable-clause",
            "wrong-side",
            "bad-name",
            "empty-set",
            "missing-field",
            "unknown-field",
        ],
    )
    def test_an_invalid_entry_names_file_entry_and_field(self, tmp_path, change, field, problem):
        _write(tmp_path, GOOD.replace(*change))
        with pytest.raises(DataFileError) as caught:
            read_faults(tmp_path)
        error = caught.value
        assert error.file.endswith("faults_installation.toml")
        assert error.entry is not None and error.entry.startswith("fault ")
        assert error.field == field
        assert problem in error.problem

    def test_a_name_defined_in_two_files_is_refused(self, tmp_path):
        _write(tmp_path, GOOD)
        meter = GOOD.replace('side = "installation"', 'side = "meter"')
        _write(tmp_path, meter, "faults_meter.toml")
        with pytest.raises(
            DataFileError, match=r"faults_meter\.toml: fault 'a-fault': field 'name': .*defined in"
        ):
            read_faults(tmp_path)

    def test_a_file_of_no_known_side_is_refused(self, tmp_path):
        _write(tmp_path, GOOD, "faults_server.toml")
        with pytest.raises(DataFileError, match="side in"):
            read_faults(tmp_path)

    def test_an_unknown_top_level_key_is_refused(self, tmp_path):
        _write(tmp_path, "oops = 1\n" + GOOD)
        with pytest.raises(DataFileError, match="unknown top-level key"):
            read_faults(tmp_path)

    def test_a_fault_may_set_knobs_of_both_sides(self, tmp_path):
        _write(
            tmp_path,
            GOOD.replace("}", ", records_utrns = false }").replace(
                '"18.6(b)"', '"scope:duplicate-utrn"'
            ),
        )
        (loaded,) = read_faults(tmp_path)
        assert loaded.overrides == {"records_utrns": False, "s1sp_pennies_utrn": "forward"}


class TestKnobs:
    def test_installation_knob_names_do_not_clash_with_meter_knobs(self):
        assert installation_knobs().isdisjoint(meter_knobs())
        assert all_knobs() == installation_knobs() | meter_knobs()

    def test_check_knob_coerces_either_sides_values(self):
        assert check_knob("upgrade_conflict", "both-proceed").value == "both-proceed"
        assert check_knob("records_utrns", False) is False

    def test_check_knob_refuses_an_unknown_knob(self):
        with pytest.raises(KnobError, match="no such knob"):
            check_knob("teleport", True)


class TestShippedCatalogue:
    def test_fault_names_are_unique_and_found_by_name(self):
        faults = load_faults()
        assert len({f.name for f in faults}) == len(faults)
        assert fault("accepts-fractional-pounds").clause == "18.6(b)"

    def test_an_unknown_fault_name_raises(self):
        with pytest.raises(UnknownEntryError, match="unknown fault"):
            fault("never-heard-of-it")

    @pytest.mark.parametrize("clause", INSTALLATION_CLAUSES)
    def test_every_installation_side_clause_has_an_installation_fault(self, clause):
        assert any(f.side == "installation" for f in faults_for(clause))

    def test_every_testable_clause_but_the_uncertain_ones_has_a_fault(self):
        with_faults = {f.clause for f in load_faults()}
        missing = [
            c.id
            for c in load_catalogue().testable
            if c.kind is not ClauseKind.UNCERTAIN and c.id not in with_faults
        ]
        assert missing == []


# --- every installation-side fault changes behaviour where its clause applies -------------


def _utrn(inst, send):
    esme = inst.device_of(DeviceType.ESME)
    pennies = [
        codes(send(esme, top_up(n, value, ValueClass.PENNIES)))
        for n, value in enumerate((150, 200, 0, 8191), start=1)
    ]
    pounds = codes(send(esme, top_up(5, 100)))
    return pennies, pounds, inst.device(esme).credit


def _duplicate(inst, send):
    esme = inst.device_of(DeviceType.ESME)
    sent = [top_up(3, 10), top_up(4, 2), top_up(3, 10), top_up(5, 150, ValueClass.PENNIES)]
    return [codes(send(esme, body)) for body in (*sent, sent[-1])]


def _split(inst, send):
    esme, gsme = inst.device_of(DeviceType.ESME), inst.device_of(DeviceType.GSME)
    a, b = inst.user_id("SUP-A"), inst.user_id("SUP-B")
    writes = [
        codes(send(target, top_up(n, 5), user))
        for n, (user, target) in enumerate(((a, gsme), (b, gsme), (b, esme)), 1)
    ]
    return writes, codes(send(esme, read_firmware(), b))


def _replacement(inst, send):
    chf, ppmid = inst.chf.device_id, inst.device_of(DeviceType.PPMID)
    spare = device_id_for("EX-PPMID-4")
    send(chf, remove(ppmid))
    added = send(chf, add(spare))
    entries = inst.chf.entries
    send(chf, remove(spare))
    back = send(chf, add(ppmid))  # a second replacement: the first PPMID back
    return codes(added), entries, codes(back)


def _swap(inst, send):
    chf, old, new = (
        inst.chf.device_id,
        inst.device_of(DeviceType.PPMID),
        device_id_for("EX-PPMID-3"),
    )
    steps = [
        send(chf, remove(old)),
        send(chf, add(new)),
        send(new, read_firmware()),
        send(old, read_firmware()),
    ]
    return [codes(s) for s in steps]


def _ppmid_firmware(inst, send):
    ppmid = inst.device_of(DeviceType.PPMID)
    update = update_firmware(0x02040000)
    steps = [
        send(ppmid, activate(update)),  # nothing distributed yet: refused
        send(ppmid, update),
        send(ppmid, read_firmware()),  # distributed, not yet running
        send(ppmid, activate(update)),
        send(ppmid, read_firmware()),
    ]
    versions = [response(s).body for s in steps[2::2]]
    return [codes(s) for s in steps], versions, inst.firmware(ppmid).running


def _silent_log(inst, send):
    """How long the S1SP gives a silent meter: 4.4.2 and 4.4.4 on a fresh ESME."""
    esme = inst.device_of(DeviceType.ESME)
    start = inst.clock.now()
    for body in (
        ChangeOfModeBillingLogRequest(start - timedelta(days=1), start),
        DebtPaymentsBillingLogRequest(start - timedelta(days=1), start),
    ):
        send(esme, body)
    return [p.deadline - p.forwarded_at for p in inst.pending()]


def _second_upgrade(inst, send):
    ppmid, esme = inst.device_of(DeviceType.PPMID), inst.device_of(DeviceType.ESME)
    first = update_firmware(0x02040000)
    steps = [
        send(ppmid, first),
        send(esme, update_firmware(0x05000000)),
        send(ppmid, activate(first)),
    ]
    return [codes(s) for s in steps]


SCENARIOS = {
    "18.6(b)": ("HAN-1", _utrn),
    "scope:duplicate-utrn": ("HAN-1", _duplicate),
    "scope:split-supplier-certificates": ("HAN-2", _split),
    "18.62(f)": ("HAN-2", _replacement),
    "scope:ppmid-swap-out": ("HAN-1", _swap),
    "18.63(b)": ("HAN-1", _ppmid_firmware),
    "18.64(a)": ("HAN-1", _ppmid_firmware),
    "18.65(c)": ("HAN-1", _ppmid_firmware),
    "scope:ppmid-firmware-update": ("HAN-3", _ppmid_firmware),
    "18.65(d)": ("HAN-1", _second_upgrade),
    "18.17(i)": ("HAN-1", _silent_log),
    "18.19(a)": ("HAN-1", _silent_log),
}
INSTALLATION_FAULTS = [f for f in load_faults() if f.side == "installation"]


@pytest.fixture
def run(build, req):
    def _run(han_id, scenario, faults=()):
        inst = build(han_id=han_id, faults=faults)
        default_user = next(iter(inst.suppliers.values()))

        def send(target, body, user=None):
            return inst.submit(req(user or default_user, target, body))

        return scenario(inst, send)

    return _run


def test_every_installation_fault_has_a_scenario():
    assert {f.clause for f in INSTALLATION_FAULTS} <= set(SCENARIOS)


@pytest.mark.parametrize("item", INSTALLATION_FAULTS, ids=[f.name for f in INSTALLATION_FAULTS])
def test_the_fault_changes_behaviour_where_its_clause_applies(run, dmves, item):
    han_id, scenario = SCENARIOS[item.clause]
    assert any(
        m.applies(item.clause)
        for m in dmves.installations()[han_id] + dmves.of_type(DeviceType.PPMID)
    )
    assert run(han_id, scenario, faults=(item.name,)) != run(han_id, scenario)
