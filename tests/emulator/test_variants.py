"""The variant catalogue: correct devices configured another allowed way, validated as data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from s1sr.catalogue import DataFileError, load_catalogue
from s1sr.dmves import load_dmves
from s1sr.dut import Capability, MissingCapability, is_final
from s1sr.dut.emulator import EmulatorDut
from s1sr.emulator import load_faults
from s1sr.emulator.variants import load_variants, merge, read_variants, variant
from s1sr.models import (
    EUI64,
    SRV,
    Alert,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    ValueClass,
    utc,
)
from s1sr.pytest_plugin import Exchange

HEADER = "schema = 1\n"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "variants.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_the_shipped_variants_load_and_change_something():
    variants = load_variants()
    assert {"s1sp-timeout-30s", "s1sp-timeout-24h", "s1sp-own-alert-codes"} <= {
        v.name for v in variants
    }
    for item in variants:
        changes = (item.s1sp_timeout, item.alert_codes, item.response_codes, item.start)
        assert any(changes) or item.acknowledge or item.knobs or item.without, item.name
        assert item.allows


def test_no_variant_shares_a_name_with_a_fault():
    assert not {v.name for v in load_variants()} & {f.name for f in load_faults()}


def test_the_own_codes_variant_renames_every_project_defined_code_and_never_s1ce20():
    renamed = dict(variant("s1sp-own-alert-codes").alert_codes)
    project = {a.code for a in load_catalogue().alerts if a.project_defined}
    assert set(renamed) == project
    assert "S1CE20" not in renamed


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('name = "Bad Name"\ndescription = "d"\nallows = "a"\ns1sp_timeout = 60', "name"),
        ('name = "t"\ndescription = "d"\nallows = "a"\ns1sp_timeout = 29', "s1sp_timeout"),
        ('name = "t"\ndescription = "d"\nallows = "a"\ns1sp_timeout = 86401', "s1sp_timeout"),
        ('name = "t"\ndescription = "d"\nallows = "a"\ns1sp_timeout = "60"', "s1sp_timeout"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nalert_codes = { S1CE20 = "X1" }', "S1CE20"),
        (
            'name = "t"\ndescription = "d"\nallows = "a"\nalert_codes = { S1PX01 = "S1PX02" }',
            "S1PX01",
        ),
        ('name = "t"\ndescription = "d"\nallows = "a"\nset = { no_such_knob = 1 }', "no_such_knob"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nresponse_codes = { E12 = "I0" }', "E12"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nresponse_codes = { E99 = "E12" }', "E99"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nstart = 2024-07-15T12:00:00+01:00', "start"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nstart = 2024-07-15', "start"),
        ('name = "t"\ndescription = "d"\nallows = "a"', "changes nothing"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nwithout = ["teleport"]', "without"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nwithout = []', "without"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nwithout = "reset"', "without"),
        ('name = "t"\ndescription = "d"\nallows = "a"\nwithout = ["reset", "reset"]', "without"),
        (
            'name = "accepts-fractional-pounds"\ndescription = "d"\nallows = "a"\ns1sp_timeout = 60',
            "fault",
        ),
        ('name = "t"\ndescription = "d"\ns1sp_timeout = 60', "allows"),
    ],
)
def test_a_bad_entry_names_file_entry_and_field(tmp_path, body, field):
    path = write(tmp_path, "[[variant]]\n" + body + "\n")
    with pytest.raises(DataFileError) as info:
        read_variants(path)
    message = str(info.value)
    assert str(path) in message and field in message


def test_merge_lets_the_later_variant_win():
    first, second = variant("s1sp-timeout-30s"), variant("s1sp-timeout-24h")
    assert merge([first, second]).s1sp_timeout == timedelta(hours=24)
    assert merge([second, first]).s1sp_timeout == timedelta(seconds=30)
    assert merge([]).s1sp_timeout is None


def _pennies_top_up(dut: EmulatorDut) -> list[str]:
    """The alert codes a pennies-class top-up of EX-ESME-1 (mapped to 18.6(b)) gets."""
    inventory = dut.inventory()
    entry = inventory.of_model("EX-ESME-1")
    assert entry is not None
    body = TopUpDeviceRequest(Utrn(1, ValueClass.PENNIES, 150, 7))
    request = Request(1, inventory.user_for(entry.id), entry.id, body)
    return [m.code for m in dut.exchange(request).messages if isinstance(m, Alert)]


def test_the_emulator_with_own_codes_sends_its_own_code_for_a_project_defined_alert():
    dmves = load_dmves()
    model = dmves.model("EX-ESME-1")
    assert _pennies_top_up(EmulatorDut(dmves, model)) == ["S1PX01"]
    renamed = EmulatorDut(dmves, model, variants=["s1sp-own-alert-codes"])
    assert _pennies_top_up(renamed) == ["S1VA01"]


@pytest.mark.parametrize(
    ("name", "seconds"), [("s1sp-timeout-30s", 30), ("s1sp-timeout-24h", 86400)]
)
def test_a_timeout_variant_sets_the_s1sp_timeout_unless_the_option_does(name, seconds):
    dmves = load_dmves()
    model = dmves.model("EX-ESME-1")
    dut = EmulatorDut(dmves, model, variants=[name])
    assert dut.installation.s1sp.timeout == timedelta(seconds=seconds)
    explicit = EmulatorDut(dmves, model, variants=[name], s1sp_timeout=timedelta(minutes=5))
    assert explicit.installation.s1sp.timeout == timedelta(minutes=5)


def test_other_refusal_codes_rename_a_refusal_but_never_a_success():
    settings = merge([variant("other-refusal-codes")])
    target = EUI64(0x0253310000000001)
    refused = Response(1, target, SRV("2.2"), ResponseCode.E12)
    answered = Response(2, target, SRV("2.2"), ResponseCode.I0)
    assert settings.rename(refused).code is ResponseCode.E17
    assert settings.rename(answered) == answered


def test_a_start_variant_sets_the_clock_after_every_reset():
    dmves = load_dmves()
    dut = EmulatorDut(dmves, dmves.model("EX-ESME-1"), variants=["starts-in-bst"])
    assert dut.now() == utc(2024, 7, 15, 12)
    dut.advance(timedelta(days=3))
    dut.reset()
    assert dut.now() == utc(2024, 7, 15, 12)


def test_a_variant_without_reset_takes_it_from_that_emulator_only():
    dmves = load_dmves()
    model = dmves.model("EX-ESME-1")
    assert variant("cannot-be-reset").without == {Capability.RESET}
    dut = EmulatorDut(dmves, model, variants=["cannot-be-reset"])
    assert dut.has(Capability.CLOCK_CONTROL) and not dut.has(Capability.RESET)
    assert EmulatorDut(dmves, model).has(Capability.RESET)  # per instance, not per class
    with pytest.raises(MissingCapability):
        dut.reset()
    dut.advance(timedelta(hours=1))
    assert dut.now() == utc(2024, 1, 15, 13)


def test_without_merges_every_variants_capabilities(tmp_path):
    path = write(
        tmp_path,
        '[[variant]]\nname = "no-clock"\ndescription = "d"\nallows = "a"\n'
        'without = ["clock_control"]\n',
    )
    (no_clock,) = read_variants(path)
    settings = merge([no_clock, variant("cannot-be-reset")])
    assert settings.without == {Capability.CLOCK_CONTROL, Capability.RESET}
    assert merge([]).without == frozenset()


def test_an_acknowledging_s1sp_sends_i99_before_the_answer_and_i99_is_not_final():
    dmves = load_dmves()
    dut = EmulatorDut(dmves, dmves.model("EX-ESME-1"), variants=["acknowledges-with-i99"])
    entry = dut.inventory().of_model("EX-ESME-1")
    assert entry is not None
    body = TopUpDeviceRequest(Utrn(1, ValueClass.POUNDS, 5, 7))
    request = Request(1, dut.inventory().user_for(entry.id), entry.id, body)
    messages = dut.exchange(request).messages
    codes = [m.code for m in messages if isinstance(m, Response)]
    assert codes == [ResponseCode.I99, ResponseCode.I0]
    assert not is_final(messages[0], request) and is_final(messages[1], request)
    exchange = Exchange(request, messages, ())
    assert exchange.acknowledged and exchange.response is messages[1]
