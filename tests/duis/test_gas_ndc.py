"""A gas 2.1's NDC over DUIS: carried exactly, or refused; never sent as another calendar."""

from __future__ import annotations

import pytest
from hypothesis import given

from s1sr.codecs.duis import decode_request, encode_request
from s1sr.codecs.duis.bodies import Framing, Fuel
from s1sr.codecs.duis.views import TypedRequest, from_typed, typed
from s1sr.models import (
    EUI64,
    ModelError,
    Money,
    PartialDate,
    PrepaySettings,
    Request,
    UpdatePrepayConfigurationRequest,
)
from tests.duis.strategies import gas_ndc_seasons
from tests.gas_ndc_cases import DATED_ENDS, IMPLIED_ENDS, one_season

USER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
GSME = EUI64.parse("00-00-00-00-00-00-00-01")
GAS = Framing(fuel=Fuel.GAS, extras=(("DebtRecoveryRateCap", "0"),))


def _view(body: UpdatePrepayConfigurationRequest, framing: Framing = GAS) -> TypedRequest:
    return TypedRequest(Request(1, USER, GSME, body), framing)


def _season(start: PartialDate, end) -> UpdatePrepayConfigurationRequest:
    calendar = one_season(start, end)
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


@pytest.mark.parametrize(("start", "end"), DATED_ENDS)
def test_a_dated_season_end_has_no_gas_form_and_is_refused(start, end):
    with pytest.raises(ModelError, match="cannot carry"):
        from_typed(_view(_season(start, end)))


@pytest.mark.parametrize(("start", "end"), IMPLIED_ENDS)
def test_a_season_a_zse_season_implies_is_carried(start, end):
    view = _view(_season(start, end))
    assert _round_trip(view).model.body.settings == view.model.body.settings
