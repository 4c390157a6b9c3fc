"""The JSON view: exact round trips for every model, and refusals that name the path."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, time
from enum import Enum

import pytest
from hypothesis import given

from s1sr.models import (
    EUI64,
    INDEFINITE,
    NO_LIMIT,
    SRV,
    Energy,
    JsonViewError,
    Money,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    Utrn,
    from_jsonable,
    to_jsonable,
    utc,
)
from s1sr.models.jsonview import model_types
from tests.models import samples
from tests.strategies import (
    REQUEST_BODY_STRATEGIES,
    RESPONSE_BODY_STRATEGIES,
    alerts,
    messages,
)


def _round_trip(model):
    return from_jsonable(json.loads(json.dumps(to_jsonable(model))))


@given(messages())
def test_message_round_trip_is_exact(message):
    assert _round_trip(message) == message


@pytest.mark.parametrize(
    ("cls", "strategy"),
    list(REQUEST_BODY_STRATEGIES.items()) + list(RESPONSE_BODY_STRATEGIES.items()),
    ids=lambda x: x.__name__ if isinstance(x, type) else "",
)
def test_body_round_trip_is_exact(cls, strategy):
    @given(strategy)
    def check(body):
        back = _round_trip(body)
        assert type(back) is cls
        assert back == body

    check()


@given(alerts())
def test_alert_round_trip_is_exact(alert):
    assert _round_trip(alert) == alert


def _shown(value):
    """The view's rules written out as one isinstance chain, value by value."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, int | str):
        return value
    if isinstance(value, EUI64):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex().upper()
    if isinstance(value, tuple):
        return [_shown(item) for item in value]
    assert dataclasses.is_dataclass(value) and not isinstance(value, type)
    fields = {f.name: _shown(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return {"type": type(value).__name__, **fields}


@given(messages())
def test_each_value_is_shown_by_the_rules_of_its_type(message):
    # the view picks a form once per type: it must be the form each value would get
    assert json.dumps(to_jsonable(message)) == json.dumps(_shown(message))


@pytest.mark.parametrize("body", samples.SAMPLES, ids=lambda b: type(b).__name__)
def test_each_sample_is_shown_by_the_rules_of_its_type(body):
    assert json.dumps(to_jsonable(body)) == json.dumps(_shown(body))


@pytest.mark.parametrize("body", samples.SAMPLES, ids=lambda b: type(b).__name__)
def test_sample_round_trip_is_exact(body):
    assert _round_trip(body) == body


def test_leaves_use_readable_text():
    request = Request(7, EUI64(0x00DB1234567890A0), EUI64(1), samples.REQUEST_SAMPLES[3])
    data = to_jsonable(request)
    assert data["type"] == "Request"
    assert data["user_id"] == "00-DB-12-34-56-78-90-A0"
    assert data["body"]["type"] == "TopUpDeviceRequest"
    assert data["body"]["utrn"]["value_class"] == "pounds"


def test_sentinels_and_units_survive():
    assert _round_trip(samples.NDC).schedule[0].end is not None
    assert _round_trip(samples.NDC).schedule[0].end == INDEFINITE
    assert _round_trip(samples.TARIFF).blocks[0].thresholds[-1] == NO_LIMIT
    assert _round_trip(Energy.m3(5)) == Energy.m3(5)


def test_times_are_iso_with_z():
    data = to_jsonable(samples.REQUEST_SAMPLES[5])
    assert data["start"] == "2024-01-01T00:00:00Z"


def test_every_model_class_is_known_once():
    names = model_types()
    assert "UpdateImportTariffRequest" in names and "PartialDate" in names
    assert all(cls.__name__ == name for name, cls in names.items())


@pytest.mark.parametrize(
    ("data", "path"),
    [
        pytest.param({"type": "Nope"}, "$.type", id="unknown-type"),
        pytest.param({}, "$.type", id="no-type"),
        pytest.param({"type": "Money"}, "$.pence", id="missing-field"),
        pytest.param({"type": "Money", "pence": 1, "extra": 2}, "$", id="unknown-field"),
        pytest.param({"type": "Money", "pence": "1"}, "$.pence", id="string-for-int"),
        pytest.param({"type": "Money", "pence": True}, "$.pence", id="bool-for-int"),
        pytest.param({"type": "Money", "pence": 1 << 40}, "$", id="out-of-range"),
        pytest.param(
            {"type": "TopUpDeviceRequest", "utrn": {"type": "Money", "pence": 1}},
            "$.utrn",
            id="wrong-nested-type",
        ),
        pytest.param(
            {"type": "DailyReadLogRequest", "start": "yesterday", "end": "2024-01-01T00:00:00Z"},
            "$.start",
            id="bad-datetime",
        ),
        pytest.param(
            {
                "type": "UpdateFirmwareResponse",
                "version": {"type": "FirmwareVersion", "value": 1},
                "outcome": "maybe",
            },
            "$.outcome",
            id="bad-enum",
        ),
        pytest.param(
            {"type": "DailyReadLogResponse", "entries": {"type": "DailyReading"}},
            "$.entries",
            id="object-for-array",
        ),
    ],
)
def test_malformed_json_is_refused_with_its_path(data, path):
    with pytest.raises(JsonViewError) as caught:
        from_jsonable(data)
    assert str(caught.value).startswith(path), str(caught.value)


def test_response_body_must_be_a_response_body():
    response = Response(1, EUI64(1), SRV.TOP_UP_DEVICE, ResponseCode.I0, None)
    data = to_jsonable(response)
    data["body"] = to_jsonable(TopUpDeviceRequest(Utrn.parse("73943333457189043313")))
    with pytest.raises(JsonViewError, match=r"^\$\.body"):
        from_jsonable(data)


def test_non_models_are_refused():
    with pytest.raises(JsonViewError):
        to_jsonable({"pence": 1})
    with pytest.raises(JsonViewError):
        to_jsonable(Money)
    with pytest.raises(JsonViewError):
        from_jsonable([1, 2])


def test_naive_datetime_text_is_refused():
    with pytest.raises(JsonViewError, match=r"^\$"):
        from_jsonable(
            {
                "type": "DailyReadLogRequest",
                "start": "2024-01-01T00:00:00",
                "end": "2024-01-02T00:00:00Z",
            }
        )
    assert utc(2024, 1, 1).tzinfo is not None
