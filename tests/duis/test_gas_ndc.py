"""A gas 2.1's NDC over DUIS: carried exactly, or refused; never sent as another calendar."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given

from s1sr.codecs.duis import decode_request, encode_request
from s1sr.codecs.duis.bodies import Framing, Fuel
from s1sr.codecs.duis.views import TypedRequest, from_typed, typed
from s1sr.models import (
    EUI64,
    INDEFINITE,
    ModelError,
    Money,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    PrepaySettings,
    Request,
    UpdatePrepayConfigurationRequest,
    Weekday,
)
from tests.duis.strategies import gas_ndc_seasons

USER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
GSME = EUI64.parse("00-00-00-00-00-00-00-01")
GAS = Framing(fuel=Fuel.GAS, extras=(("DebtRecoveryRateCap", "0"),))


def _view(body: UpdatePrepayConfigurationRequest, framing: Framing = GAS) -> TypedRequest:
    return TypedRequest(Request(1, USER, GSME, body), framing)


def _season(start: PartialDate, end) -> UpdatePrepayConfigurationRequest:
    entry = NdcScheduleEntry(NdcScript.START, time(0), start, end, tuple(Weekday))
    calendar = NonDisablementCalendar((), (entry,))
    return UpdatePrepayConfigurationRequest(
        PrepaySettings(None, *(Money(0) for _ in range(5)), non_disablement_calendar=calendar)
    )


def _round_trip(view: TypedRequest) -> TypedRequest:
    return typed(decode_request(encode_request(from_typed(view))))


@given(gas_ndc_seasons())
def test_a_gas_ndc_season_is_carried_as_sent_or_refused(drawn):
    view = _view(*drawn)
    try:
        duis = from_typed(view)
    except ModelError as exc:
        assert "cannot carry" in str(exc)
        return
    back = typed(decode_request(encode_request(duis)))
    assert back.model.body.settings == view.model.body.settings


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (PartialDate(2024, 5, 1), PartialDate(2024, 6, 30)),  # EX-GSME-1/3, 18.5(ee)
        (PartialDate(2024, 4, 1), PartialDate(2024, 6, 30)),  # 18.5(gg)
    ],
)
def test_a_dated_season_end_has_no_gas_form_and_is_refused(start, end):
    with pytest.raises(ModelError, match="cannot carry"):
        from_typed(_view(_season(start, end)))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (PartialDate(2024, 4, 1), INDEFINITE),
        (PartialDate.every_year(4, 1), PartialDate.every_year(3, 31)),
    ],
)
def test_a_season_a_zse_season_implies_is_carried(start, end):
    view = _view(_season(start, end))
    assert _round_trip(view).model.body.settings == view.model.body.settings
