"""4.6.1 and the gas meter's day: 18.14(a), 18.21(e) and 18.21(f).

The flat gas load draws 0.1 m3 every half hour (4.8 m3 a day, 4.6 m3 in 23 hours).
"""

from __future__ import annotations

import pytest

from s1sr.emulator import london
from s1sr.models import DailyReadLogRequest, DeviceType, Energy, EnergyUnit, utc
from tests.emulator.meter.builders import drive, flat_gas, kilowatt

GSME = DeviceType.GSME
SPRING, AUTUMN = utc(2024, 3, 31), utc(2024, 10, 27)  # the clock-change Sundays
NEW_YEAR = utc(2024, 1, 1)


def gas(clauses, start=NEW_YEAR, overrides=None):
    return drive(GSME, clauses, start=start, overrides=overrides, load_profile=flat_gas())


def read(driver, start, end=None):
    return driver.ok(DailyReadLogRequest(start, end or driver.now)).entries


def day_totals(entries):
    return [sum(counter.milli for counter in entry.block_counters) for entry in entries]


# -- 18.14(a): units ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clauses", "unit"),
    [(["18.14(a)"], EnergyUnit.KWH), ([], EnergyUnit.M3)],
    ids=["18.14(a)", "baseline"],
)
def test_the_gas_daily_log_reports_block_counters_in(clauses, unit):
    driver = gas(clauses).to(utc(2024, 1, 4))
    entries = read(driver, utc(2024, 1, 2))
    assert entries and all({c.unit for c in e.block_counters} == {unit} for e in entries)
    assert all(e.import_register.unit is EnergyUnit.M3 for e in entries)


# -- 18.21(e): the daily snapshot after the UTC-day reset -------------------------------------


def test_with_18_21_e_gmt_snapshots_show_zero_block_counters():
    driver = gas(["18.21(e)"]).to(utc(2024, 1, 6))
    entries = read(driver, utc(2024, 1, 2))
    assert [e.timestamp for e in entries] == [utc(2024, 1, d) for d in range(2, 7)]
    assert day_totals(entries) == [0] * 5


def test_with_18_21_e_bst_snapshots_hold_23_hours():
    driver = gas(["18.21(e)"], start=utc(2024, 6, 1)).to(utc(2024, 6, 5))
    entries = read(driver, utc(2024, 6, 2))
    assert [e.timestamp for e in entries] == [utc(2024, 6, d, 23) for d in range(2, 5)]
    assert day_totals(entries) == [4600] * 3


def test_with_18_21_e_the_consumption_register_is_not_reset():
    driver = gas(["18.21(e)"]).to(utc(2024, 1, 4))
    registers = [e.import_register for e in read(driver, utc(2024, 1, 2))]
    assert registers == [Energy.m3("4.8"), Energy.m3("9.6"), Energy.m3("14.4")]


def test_without_18_21_e_each_snapshot_holds_its_whole_local_day():
    driver = gas([], start=utc(2024, 3, 29)).to(utc(2024, 10, 29))
    spring = read(driver, SPRING, SPRING + london.SLOT * 48)
    assert day_totals(spring) == [4800, 4600]  # 30 March (24 h), 31 March (23 h)
    autumn = read(driver, utc(2024, 10, 26), utc(2024, 10, 28))
    assert day_totals(autumn) == [4800, 5000]  # 26 October (24 h), 27 October (25 h)


def test_the_reset_fault_makes_bst_snapshots_hold_the_whole_day():
    driver = gas(
        ["18.21(e)"], start=utc(2024, 6, 1), overrides={"daily_block_counters": "at-snapshot"}
    )
    driver.to(utc(2024, 6, 5))
    assert day_totals(read(driver, utc(2024, 6, 2)))[1:] == [4800, 4800]


# -- 18.21(f): the BST duplicate before 23:00 UTC ---------------------------------------------


def test_with_18_21_f_a_bst_read_before_23_00_repeats_the_23_00_entry_stamped_00_00():
    driver = gas(["18.21(f)"], start=utc(2024, 6, 1)).to(utc(2024, 6, 10, 12))
    entries = read(driver, utc(2024, 6, 8))
    assert [e.timestamp for e in entries] == [
        utc(2024, 6, 8, 23),
        utc(2024, 6, 9, 23),
        utc(2024, 6, 10),
    ]
    assert entries[-1].import_register == entries[-2].import_register
    assert entries[-1].block_counters == entries[-2].block_counters


def test_with_18_21_f_the_duplicate_is_gone_at_23_00():
    driver = gas(["18.21(f)"], start=utc(2024, 6, 1)).to(utc(2024, 6, 10, 23))
    entries = read(driver, utc(2024, 6, 9))
    assert [e.timestamp for e in entries] == [utc(2024, 6, 9, 23), utc(2024, 6, 10, 23)]


def test_with_18_21_f_a_read_that_stops_before_today_has_no_duplicate():
    driver = gas(["18.21(f)"], start=utc(2024, 6, 1)).to(utc(2024, 6, 10, 12))
    entries = read(driver, utc(2024, 6, 8), utc(2024, 6, 9, 23, 59))
    assert [e.timestamp for e in entries] == [utc(2024, 6, 8, 23), utc(2024, 6, 9, 23)]


def test_with_18_21_f_there_is_no_duplicate_in_gmt():
    driver = gas(["18.21(f)"]).to(utc(2024, 1, 10, 12))
    entries = read(driver, utc(2024, 1, 8))
    assert [e.timestamp for e in entries] == [utc(2024, 1, d) for d in (8, 9, 10)]
    registers = [e.import_register for e in entries]
    assert registers == sorted(set(registers))


def test_without_18_21_f_a_bst_read_has_no_entry_for_the_current_day():
    driver = gas([], start=utc(2024, 6, 1)).to(utc(2024, 6, 10, 12))
    entries = read(driver, utc(2024, 6, 8))
    assert [e.timestamp for e in entries] == [utc(2024, 6, 8, 23), utc(2024, 6, 9, 23)]


def test_with_18_21_f_the_day_after_the_spring_change_keeps_both_snapshots():
    # 31 March: local midnight at 00:00 UTC (GMT) and again at 23:00 UTC (BST)
    driver = gas(["18.21(f)"], start=utc(2024, 3, 29)).to(utc(2024, 4, 1, 12))
    stamps = [e.timestamp for e in read(driver, SPRING)]
    assert stamps == [SPRING, utc(2024, 3, 31, 23), utc(2024, 4, 1)]


# -- the electricity meter ---------------------------------------------------------------------


def test_the_electricity_daily_log_is_kept_at_local_midnight():
    driver = drive(DeviceType.ESME, ["18.22(b)"], start=utc(2024, 3, 29), load_profile=kilowatt())
    driver.to(utc(2024, 4, 2, 12))
    entries = read(driver, utc(2024, 3, 29))
    assert [e.timestamp for e in entries] == [
        utc(2024, 3, 30),
        utc(2024, 3, 31),
        utc(2024, 3, 31, 23),
        utc(2024, 4, 1, 23),
    ]
    assert [e.import_register for e in entries] == [Energy.kwh(k) for k in (24, 48, 71, 95)]


def test_the_daily_log_holds_two_years():
    driver = gas([]).to(utc(2027, 1, 1))
    entries = read(driver, utc(2000, 1, 1))
    assert len(entries) == 730
    assert entries[-1].timestamp == utc(2027, 1, 1)
