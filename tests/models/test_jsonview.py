"""The JSON view: exact round trips for every model, and refusals that name the path."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@given(st.one_of([*REQUEST_BODY_STRATEGIES.values(), *RESPONSE_BODY_STRATEGIES.values()]))
def test_each_body_is_shown_by_the_rules_of_its_type(body):
    # each class has its own encoder, written out with shortcuts by field: the same text
    assert json.dumps(to_jsonable(body)) == json.dumps(_shown(body))
    assert json.dumps(to_jsonable(body)) == json.dumps(_shown(body))  # texts kept: the same


class _Shade(Enum):
    DARK = "dark"


class _Renamed(Enum):
    # an enum whose .value is not its _value_: the encoder must ask .value
    A = 1

    @property
    def value(self):
        return f"renamed-{self._value_}"


class _Eui(EUI64):
    def __str__(self):
        return "own text"


class _Later(datetime):
    def isoformat(self, *args, **kwargs):
        return "later"


@dataclasses.dataclass(frozen=True)
class _Leaf:
    shade: _Shade


@dataclasses.dataclass(frozen=True)
class _Mixed:
    # fields whose values may be of another type than their hint names
    shade: _Shade | None
    renamed: _Renamed
    leaves: tuple[_Leaf, ...]
    leaf: _Leaf
    device: EUI64
    at: datetime
    anything: object
    many: tuple[int | str, ...] = ()
    pair: tuple[int, str] = (1, "a")


OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))])
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=3),
    st.sampled_from([*_Shade, *_Renamed]),
    st.builds(_Leaf, st.sampled_from(_Shade)),
    st.builds(EUI64, st.integers(0, (1 << 64) - 1)),
    st.datetimes(timezones=OFFSETS),
    st.binary(max_size=3),
)


@given(
    shade=st.one_of(st.none(), st.sampled_from(_Shade), ANY_VALUE),
    leaves=st.one_of(st.lists(st.one_of(st.builds(_Leaf, ANY_VALUE), ANY_VALUE)).map(tuple)),
    device=st.one_of(st.builds(EUI64, st.integers(0, 3)), st.builds(_Eui, st.integers(0, 3))),
    at=st.one_of(
        st.datetimes(timezones=OFFSETS),
        st.datetimes(timezones=OFFSETS).map(lambda d: _Later.fromisoformat(d.isoformat())),
    ),
    anything=ANY_VALUE,
    many=st.lists(ANY_VALUE, max_size=3).map(tuple),
)
def test_the_shortcuts_show_any_value_as_its_type_does(shade, leaves, device, at, anything, many):
    # values of the hinted types take shortcuts, others not; texts kept by value (EUI-64s,
    # UTC instants) are the ones each value would get, after an equal one of another kind
    from s1sr.models.jsonview import _encode

    model = _Mixed(shade, _Renamed.A, leaves, _Leaf(_Shade.DARK), device, at, anything, many)
    for _ in range(2):
        assert json.dumps(_encode(model)) == json.dumps(_shown(model))
    assert _encode(model)["renamed"] == "renamed-1"


def test_an_instant_is_shown_in_its_own_offset_after_the_same_instant_in_utc():
    from s1sr.models.jsonview import _encode

    instant = datetime(2024, 6, 1, 12, tzinfo=UTC)
    summer = instant.astimezone(timezone(timedelta(hours=1)))
    assert instant == summer
    assert _encode(instant) == "2024-06-01T12:00:00Z"
    assert _encode(summer) == "2024-06-01T13:00:00+01:00"
    assert _encode(_Later.fromisoformat(instant.isoformat())) == "later"


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
