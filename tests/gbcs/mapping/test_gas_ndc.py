"""A gas NDC over GBCS (GCS05): carried exactly, or refused; never published as another.

ZSE seasons hold starts only, so a season with a dated end (EX-GSME-1/3, 18.5(ee)) has no
GCS05 form. The template has one day profile, one week profile and one season, the
layout every drawn calendar needs, so a refusal here can only be the carry check's.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given

from s1sr.codecs.gbcs import GbcsMessage, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.mapping import from_model, to_model
from s1sr.models import (
    ModelError,
    NonDisablementCalendar,
    Request,
    utc,
)
from tests import strategies as model_st
from tests.gas_ndc_cases import DATED_ENDS, IMPLIED_ENDS, one_season
from tests.gbcs.mapping import builders as b

TEMPLATE = decode_gbcs(encode_gbcs(b.gcs05(utc(2024, 11, 1), ndc=b.ONE_SEASON)))


def _with(calendar: NonDisablementCalendar) -> Request:
    model = to_model(TEMPLATE)
    settings = replace(model.body.settings, non_disablement_calendar=calendar)
    return replace(model, body=replace(model.body, settings=settings))


def _through(model: Request) -> Request:
    message: GbcsMessage = from_model(model, TEMPLATE)
    return to_model(decode_gbcs(encode_gbcs(message)))  # type: ignore[return-value]


@given(model_st.gas_ndc_calendars())
def test_a_gas_ndc_season_is_carried_as_sent_or_refused(calendar):
    model = _with(calendar)
    try:
        back = _through(model)
    except ModelError as exc:
        assert "cannot carry" in str(exc)
        return
    assert back == model


@pytest.mark.parametrize(("start", "end"), DATED_ENDS)
def test_a_dated_season_end_has_no_gcs05_form_and_is_refused(start, end):
    with pytest.raises(ModelError, match="cannot carry"):
        from_model(_with(one_season(start, end)), TEMPLATE)


@pytest.mark.parametrize(("start", "end"), IMPLIED_ENDS)
def test_a_season_a_zse_season_implies_is_carried(start, end):
    model = _with(one_season(start, end))
    back = _through(model)
    assert back == model
    assert back.body.settings.non_disablement_calendar.schedule[0].start == start
