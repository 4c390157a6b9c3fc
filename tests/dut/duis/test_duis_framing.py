"""What the DUIS DUT adds to a model DUIS needs more of: a gas TOU tariff's threshold."""

from __future__ import annotations

from datetime import time

from s1sr.codecs.duis import encode_request
from s1sr.codecs.duis.views import from_model, to_model
from s1sr.dut.duis.encode import command_variant, framing_for
from s1sr.models import (
    EUI64,
    DayProfile,
    DeviceType,
    PartialDate,
    RateKind,
    Request,
    Season,
    SwitchTime,
    UpdateImportTariffRequest,
    WeekProfile,
)

USER = EUI64.parse("02-53-55-6E-4B-04-C4-65")
GSME = EUI64.parse("02-53-31-D0-C1-DA-07-97")


def gas_tou_tariff() -> UpdateImportTariffRequest:
    """All year on TOU rate 1, at DUIS's gas scale (1/1000 p): no block threshold to say."""
    return UpdateImportTariffRequest(
        seasons=(Season("", PartialDate.every_year(1, 1), 1),),
        week_profiles=(WeekProfile(1, (1,) * 7),),
        day_profiles=(DayProfile(1, (SwitchTime(time(0), RateKind.TOU, 1),)),),
        special_days=(),
        tou_prices=(15000, 16000),
        blocks=(),
        price_scale=-3,
        standing_charge=0,
        standing_charge_scale=-3,
    )


def test_a_gas_tou_tariff_is_carried_with_a_no_limit_threshold_and_reads_back() -> None:
    request = Request(7, USER, GSME, gas_tou_tariff())
    framing = framing_for(request, DeviceType.GSME)
    assert ("Thresholds", str(0xFFFFFFFF)) in framing.extras
    duis = from_model(request, command_variant("1.1.1"), framing)
    assert b'<sr:BlockThreshold index="1">4294967295</sr:BlockThreshold>' in encode_request(duis)
    assert to_model(duis, device_type=DeviceType.GSME).body == request.body


def test_an_electricity_tariff_gets_no_gas_threshold() -> None:
    body = gas_tou_tariff()
    request = Request(7, USER, GSME, body)
    extras = dict(framing_for(request, DeviceType.ESME).extras)
    assert "Thresholds" not in extras and extras["CurrencyUnits"] == "GBP"
