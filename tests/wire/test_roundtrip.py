"""decode(encode(m)) == m for every message type, and encode(decode(b)) == b."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.wire import decode_message, encode_message
from s1sr.models import SRV
from tests.strategies import alerts, requests, responses
from tests.wire.strategies import control_requests, control_responses, inventory_responses

SRVS = sorted(SRV, key=lambda srv: tuple(int(part) for part in srv.value.split(".")))


def _round_trip(message) -> None:
    frame = encode_message(message)
    decoded = decode_message(frame)
    assert decoded == message
    assert type(decoded) is type(message)
    assert encode_message(decoded) == frame


@pytest.mark.parametrize("srv", SRVS, ids=lambda srv: f"srv-{srv.value}")
def test_every_request_round_trips(srv: SRV) -> None:
    given(requests(srv))(_round_trip)()


@pytest.mark.parametrize("srv", SRVS, ids=lambda srv: f"srv-{srv.value}")
def test_every_response_round_trips(srv: SRV) -> None:
    given(responses(srv))(_round_trip)()


@given(alerts())
def test_alerts_round_trip(alert) -> None:
    _round_trip(alert)


@given(control_requests())
def test_control_requests_round_trip(message) -> None:
    _round_trip(message)


@given(control_responses())
def test_control_responses_round_trip(message) -> None:
    _round_trip(message)


@given(inventory_responses())
def test_inventories_round_trip(message) -> None:
    _round_trip(message)


def test_sample_round_trips(sample, sample_frame: bytes) -> None:
    assert decode_message(sample_frame) == sample
    assert encode_message(decode_message(sample_frame)) == sample_frame


@given(st.data())
def test_alert_detail_of_any_unicode_round_trips(data: st.DataObject) -> None:
    # The longest detail in the widest characters: 1024 characters of 4 UTF-8 bytes.
    alert = data.draw(alerts())
    detail = data.draw(st.text(st.characters(min_codepoint=0x10000), min_size=1, max_size=1024))
    _round_trip(type(alert)(alert.code, alert.target, alert.raised_at, detail=detail))
