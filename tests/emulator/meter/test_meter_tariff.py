"""1.1.1: seasons (18.1(v)), prices, blocks and the standing charge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from s1sr.emulator.meter.esme import FACTORY_TARIFF
from s1sr.emulator.meter.measure import Gas
from s1sr.models import (
    ChangeOfModeBillingLogRequest,
    DeviceType,
    Energy,
    FineMoney,
    Money,
    PaymentMode,
    UpdateImportTariffResponse,
    UpdatePaymentModeRequest,
    utc,
)
from tests.emulator.meter.builders import (
    block_tariff,
    drive,
    flat_gas,
    flat_tariff,
    kilowatt,
    season_tariff,
)

FOUR_SEASONS = [(1, 1), (4, 1), (7, 1), (10, 1)]
PREPAY = UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, disablement_threshold=FineMoney(-(2**63)))


def tou_registers_on_1_may(clauses, overrides=None):
    """TOU registers at 00:00 UTC on 1 May 2024 of an ESME on four seasons since 1 January."""
    driver = drive(
        DeviceType.ESME,
        clauses,
        start=utc(2024, 1, 1),
        overrides=overrides,
        load_profile=kilowatt(),
    )
    driver.ok(season_tariff(FOUR_SEASONS))
    driver.to(utc(2024, 5, 1)).ok(UpdatePaymentModeRequest(PaymentMode.CREDIT))
    log = driver.ok(ChangeOfModeBillingLogRequest(utc(2024, 1, 1), utc(2024, 5, 1)))
    return log.entries[-1].tou_registers


def test_with_18_1_v_a_tariff_of_four_seasons_is_accepted():
    driver = drive(DeviceType.ESME, ["18.1(v)"], start=utc(2024, 1, 1))
    response = driver.ok(season_tariff(FOUR_SEASONS))
    assert isinstance(response, UpdateImportTariffResponse)
    assert len(response.seasons) == 4
    assert driver.meter.tariff == season_tariff(FOUR_SEASONS)


def test_with_18_1_v_the_active_season_follows_the_calendar():
    # season 2 starts at local midnight of 1 April = 23:00 UTC on 31 March (BST)
    tou = tou_registers_on_1_may(["18.1(v)"])
    assert tou[:4] == (Energy.kwh(2183), Energy.kwh(721), Energy.kwh(0), Energy.kwh(0))


def test_without_18_1_v_a_second_season_is_refused_and_the_tariff_stays():
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 1))
    assert driver.refused(season_tariff(FOUR_SEASONS))
    assert driver.meter.tariff == FACTORY_TARIFF


def test_without_18_1_v_a_single_season_tariff_is_accepted():
    driver = drive(DeviceType.GSME, [], start=utc(2024, 1, 1))
    driver.ok(flat_tariff(7))
    assert driver.meter.tariff == flat_tariff(7)


def test_the_season_stuck_fault_keeps_the_first_season():
    tou = tou_registers_on_1_may(["18.1(v)"], {"follows_season_calendar": False})
    assert tou[:2] == (Energy.kwh(2904), Energy.kwh(0))


@pytest.mark.parametrize(
    ("price_scale", "price", "hours", "pence"),
    [(0, 20, 10, 200), (-2, 2450, 1, 24), (-2, 2450, 2, 49), (-1, -50, 4, -20)],
    ids=["whole-pence", "half-penny-carried", "half-pennies-add-up", "negative-price"],
)
def test_prepayment_charges_consumption_at_the_price_exactly(price_scale, price, hours, pence):
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 10, 1), load_profile=kilowatt())
    driver.ok(replace(flat_tariff(), tou_prices=(price,), price_scale=price_scale))
    driver.ok(PREPAY)
    driver.advance(hours=hours)
    assert driver.meter.credit_totals.charged == pence
    assert driver.meter.balance == Money(-pence)


def test_block_bands_change_price_at_the_threshold():
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 10), load_profile=kilowatt())
    driver.ok(block_tariff(threshold_kwh=10))
    driver.ok(PREPAY)
    driver.advance(hours=23, minutes=59)
    assert driver.meter.credit_totals.charged == 10 * 10 + 14 * 5 - 1  # the last minute's 1/12 p


def test_the_standing_charge_is_drawn_at_each_local_midnight_in_prepayment():
    driver = drive(DeviceType.ESME, [], start=utc(2024, 7, 10, 12), load_profile=kilowatt())
    driver.ok(flat_tariff(0, standing=45))
    driver.ok(PREPAY)
    driver.to(utc(2024, 7, 10, 22, 59))
    assert driver.meter.credit_totals.charged == 0
    driver.to(utc(2024, 7, 10, 23))  # local midnight in BST
    assert driver.meter.credit_totals.charged == 45
    driver.to(utc(2024, 7, 13, 23))
    assert driver.meter.credit_totals.charged == 4 * 45


def test_credit_mode_draws_nothing_from_the_balance():
    driver = drive(DeviceType.ESME, [], start=utc(2024, 1, 10), load_profile=kilowatt())
    driver.ok(flat_tariff(30, standing=50))
    driver.advance(days=3)
    assert driver.meter.credit_totals.charged == 0
    assert driver.meter.import_register == Energy.kwh(72)


def test_a_gas_block_band_is_full_once_the_volume_reaches_the_threshold_energy():
    driver = drive(DeviceType.GSME, [], start=utc(2024, 1, 10), load_profile=flat_gas())
    driver.ok(block_tariff(threshold_kwh=10))
    driver.ok(PREPAY)
    driver.advance(days=1)  # 4.8 m3, about 54.7 kWh
    gas = Gas()
    full = gas.native(10_000)  # litres whose energy reaches 10 kWh
    units = 10 * gas.wh(full) + 5 * (gas.wh(4_800) - gas.wh(full))
    assert driver.meter.credit_totals.charged == units // 1000
