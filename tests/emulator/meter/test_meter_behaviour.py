"""MeterBehaviour: the one mapping from clauses to knobs, and fault overrides."""

from __future__ import annotations

import pytest

from s1sr.emulator.meter import (
    CounterReset,
    DebtPeriodRule,
    Esme,
    Gsme,
    KnobError,
    LogDay,
    MeterBehaviour,
    NdcEndEcho,
    NdcIndefinite,
    ProfileAccess,
    build_meter,
    check_knob,
    meter_knobs,
)
from s1sr.models import DeviceType, EnergyUnit, utc
from tests.emulator.meter.builders import METER_ID, device_model

ESME, GSME = DeviceType.ESME, DeviceType.GSME

# clause, device type, knob, value when mapped, value when not (the baseline)
MAPPING = [
    ("18.1(v)", ESME, "max_tariff_seasons", 4, 1),
    ("18.5(ee)", ESME, "ndc_start_any_day", True, False),
    ("18.5(gg)", GSME, "ndc_end_any_day", True, False),
    ("18.5(hh)", ESME, "ndc_indefinite", NdcIndefinite.CONTINUES, NdcIndefinite.REFUSED),
    ("18.27(r)", GSME, "ndc_end_echo", NdcEndEcho.DAY_BEFORE_START, NdcEndEcho.AS_STORED),
    ("18.14(a)", GSME, "daily_log_counter_unit", EnergyUnit.KWH, EnergyUnit.M3),
    ("18.17(b)", GSME, "change_log_counter_unit", EnergyUnit.KWH, EnergyUnit.M3),
    ("18.18(a)", GSME, "billing_log_counter_unit", EnergyUnit.KWH, EnergyUnit.M3),
    ("18.17(i)", ESME, "silent_change_log_until_triggered", True, False),
    ("18.18(g)", GSME, "silent_billing_log_until_calendar", True, False),
    ("18.19(a)", ESME, "silent_debt_log_until_recovered", True, False),
    (
        "18.18(f)",
        GSME,
        "billing_block_counters",
        CounterReset.UTC_MIDNIGHT,
        CounterReset.AT_SNAPSHOT,
    ),
    ("18.21(e)", GSME, "daily_block_counters", CounterReset.UTC_MIDNIGHT, CounterReset.AT_SNAPSHOT),
    ("18.21(f)", GSME, "daily_log_day", LogDay.UTC, LogDay.LOCAL),
    ("18.22(b)", ESME, "profile_access", ProfileAccess.FULL, ProfileAccess.REFUSED),
    ("18.22(c)", GSME, "profile_access", ProfileAccess.FULL, ProfileAccess.REFUSED),
    ("18.22(d)", ESME, "profile_access", ProfileAccess.FULL, ProfileAccess.REFUSED),
    ("18.23", GSME, "profile_access", ProfileAccess.FULL, ProfileAccess.REFUSED),
    ("18.24", ESME, "profile_access", ProfileAccess.FULL, ProfileAccess.REFUSED),
    (
        "scope:opt-in-out-tactical-fix",
        GSME,
        "profile_access",
        ProfileAccess.FULL,
        ProfileAccess.REFUSED,
    ),
    ("18.27(q)", ESME, "debt_period_rule", DebtPeriodRule.CHECKED, DebtPeriodRule.IGNORED),
]


@pytest.mark.parametrize(
    ("clause", "device_type", "knob", "mapped", "baseline"),
    MAPPING,
    ids=[f"{row[0]}-{row[2]}" for row in MAPPING],
)
def test_each_clause_sets_its_knob_and_its_absence_the_baseline(
    clause, device_type, knob, mapped, baseline
):
    with_clause = MeterBehaviour.from_model(device_model(device_type, [clause]))
    without = MeterBehaviour.from_model(device_model(device_type, []))
    assert getattr(with_clause, knob) == mapped
    assert getattr(without, knob) == baseline


def test_electricity_counters_stay_in_kwh_without_the_gas_clauses():
    behaviour = MeterBehaviour.from_model(device_model(ESME, []))
    assert behaviour.daily_log_counter_unit is EnergyUnit.KWH
    assert behaviour.billing_log_counter_unit is EnergyUnit.KWH


def test_every_shipped_meter_model_maps_to_a_behaviour(dmves):
    meters = [m for m in dmves.models if m.device_type in (ESME, GSME)]
    behaviours = {m.id: MeterBehaviour.from_model(m) for m in meters}
    assert behaviours["EX-GSME-1"].daily_log_day is LogDay.UTC
    assert behaviours["EX-GSME-2"].daily_log_day is LogDay.LOCAL
    assert behaviours["EX-ESME-D1"].max_tariff_seasons == 1


def test_a_device_model_that_is_not_a_meter_is_refused():
    with pytest.raises(KnobError, match="not a meter"):
        MeterBehaviour.from_model(device_model(DeviceType.PPMID, []))


def test_overrides_coerce_toml_strings_to_knob_values():
    behaviour = MeterBehaviour().with_overrides({"ndc_indefinite": "end-of-start-year"})
    assert behaviour.ndc_indefinite is NdcIndefinite.END_OF_START_YEAR


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"no_such_knob": True}, "no_such_knob: not a meter knob"),
        ({"records_utrns": "no"}, "records_utrns: must be true or false"),
        ({"max_tariff_seasons": True}, "max_tariff_seasons: must be an integer"),
        ({"max_tariff_seasons": 9}, "max_tariff_seasons: must be 1..4"),
        ({"daily_log_day": "martian"}, "daily_log_day: 'martian' is not one of local, utc"),
    ],
    ids=["unknown-knob", "bool-as-string", "bool-as-int", "int-out-of-range", "bad-enum"],
)
def test_bad_overrides_name_the_knob(overrides, message):
    with pytest.raises(KnobError, match=message):
        MeterBehaviour().with_overrides(overrides)


def test_meter_knobs_are_the_behaviour_fields():
    assert "records_utrns" in meter_knobs()
    assert "daily_log_day" in meter_knobs()
    assert check_knob("profile_access", "empty") is ProfileAccess.EMPTY


def test_build_meter_picks_the_meter_class_by_device_type():
    start = utc(2024, 1, 1)
    assert isinstance(build_meter(device_model(ESME), METER_ID, start=start), Esme)
    assert isinstance(build_meter(device_model(GSME), METER_ID, start=start), Gsme)


def test_an_electricity_meter_cannot_report_counters_in_m3():
    with pytest.raises(KnobError, match="daily_log_counter_unit"):
        build_meter(
            device_model(ESME),
            METER_ID,
            start=utc(2024, 1, 1),
            overrides={"daily_log_counter_unit": "m3"},
        )


def test_build_meter_refuses_an_unknown_override():
    with pytest.raises(KnobError, match="bogus"):
        build_meter(device_model(GSME), METER_ID, start=utc(2024, 1, 1), overrides={"bogus": 1})
