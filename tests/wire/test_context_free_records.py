"""A record of context-free fields is read and written without a record context, and
nothing else changes: the same model, bytes or ``CodecError`` (message and path) as the
general ``Record`` path gives, on any bytes.
"""

from __future__ import annotations

import copy

import pytest
from construct import Array, Int8ub, Int16ub, Terminated
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import StrictAdapter
from s1sr.codecs.strict import EncodeError, build_strict, parse_strict
from s1sr.codecs.wire import billing_log, control, debt, han, profile, tariff, top_up
from s1sr.codecs.wire.envelope import ALERT_PAYLOAD, REQUEST_PAYLOADS, RESPONSE_PAYLOADS
from s1sr.codecs.wire.fields import ArrayTuple, ModelAdapter, OwnCount
from s1sr.codecs.wire.record import Record, RecordContext
from s1sr.models import SRV

CONTEXT_FREE = {
    "profile entry": profile.ProfileEntryField,
    "season": tariff.SeasonField,
    "switch time": tariff.SwitchTimeField,
    "special day": tariff.SpecialDayField,
    "debt payment": billing_log.DebtPaymentField,
    "debt recovery": debt.DebtRecoveryField,
    "HAN log entry": han.HanLogEntryField,
    "inventory device": control.InventoryDeviceField,
    "top-up request": top_up.REQUEST,
    "day profile": tariff.DayProfileField,  # a tuple of context-free switch times
    "profile data": profile.RESPONSE,
    "tariff response": tariff.RESPONSE,
    # records whose fields read only the record's own values (OwnCount): a bare context
    "block tariff": tariff.BlockTariffField,
    "tariff request": tariff.REQUEST,  # it holds block tariffs
}


def _general(adapter: ModelAdapter) -> ModelAdapter:
    """The same adapter, made to take the general Record path."""
    general = copy.copy(adapter)
    general._layout = None  # no one-struct shortcut either (see test_fixed_layouts)
    general._direct = False
    general.context_free = False
    return general


def _outcome(schema, data: bytes):
    try:
        return "model", parse_strict(Record("x" / schema, Terminated), data, "payload").x
    except CodecError as exc:
        return "refused", (exc.reason, exc.path)


def _built(schema, value):
    try:
        return "bytes", build_strict(Record("x" / schema), {"x": value})
    except EncodeError as exc:
        return "refused", (exc.reason, exc.path)


@pytest.mark.parametrize("name", sorted(CONTEXT_FREE))
def test_these_records_take_the_context_free_path(name: str) -> None:
    assert CONTEXT_FREE[name].context_free
    # a block tariff's prices' count reads its thresholds: a record context, no parent's
    assert not tariff.BlockTariffField._direct
    assert tariff.REQUEST._direct  # its block tariffs are context-free to it
    assert tariff.SeasonField._direct


@pytest.mark.parametrize("name", sorted(CONTEXT_FREE))
@given(data=st.binary(max_size=40))
def test_any_bytes_decode_as_the_general_path_decodes_them(name: str, data: bytes) -> None:
    adapter = CONTEXT_FREE[name]
    assert _outcome(adapter, data) == _outcome(_general(adapter), data)


@pytest.mark.parametrize("name", sorted(CONTEXT_FREE))
@given(data=st.binary(min_size=8, max_size=40))
def test_what_decodes_encodes_as_the_general_path_encodes_it(name: str, data: bytes) -> None:
    adapter = CONTEXT_FREE[name]
    kind, model = _outcome(adapter, data)
    if kind == "model":
        assert _built(adapter, model) == _built(_general(adapter), model)
    assert _built(adapter, object()) == _built(_general(adapter), object())


class _ConstructArrayTuple(StrictAdapter):
    """ArrayTuple as it was: construct's own Array loop under the adapter."""

    def __init__(self, count, subcon) -> None:
        super().__init__(Array(count, subcon))

    def decode(self, raw):
        return tuple(raw)

    def encode(self, value):
        if not isinstance(value, tuple):
            raise TypeError(f"expected a tuple, got {type(value).__name__}")
        return list(value)


def _arrays(cls):
    return {
        "fixed": Record("a" / cls(3, Int16ub), Terminated),
        "counted": Record("n" / Int8ub, "a" / cls(lambda this: this.n - 1, Int8ub), Terminated),
        "records": Record("a" / cls(2, tariff.SwitchTimeField), Terminated),
    }


@pytest.mark.parametrize("name", ["fixed", "counted", "records"])
@given(data=st.binary(max_size=12))
def test_array_tuples_decode_as_constructs_array_does(name: str, data: bytes) -> None:
    ours, theirs = _arrays(ArrayTuple)[name], _arrays(_ConstructArrayTuple)[name]

    def outcome(schema):
        try:
            return "value", parse_strict(schema, data, "payload")["a"]
        except CodecError as exc:
            return "refused", (exc.reason, exc.path)

    assert outcome(ours) == outcome(theirs)


@pytest.mark.parametrize(
    "value", [(1, 2, 3), (1, 2), (1, 2, 3, 4), [1, 2, 3], (1, -2, 3), (1, "2", 3), None]
)
def test_array_tuples_encode_as_constructs_array_does(value) -> None:
    for name, obj in (("fixed", {"a": value}), ("counted", {"n": 4, "a": value})):
        ours, theirs = _arrays(ArrayTuple)[name], _arrays(_ConstructArrayTuple)[name]
        assert _built_record(ours, obj) == _built_record(theirs, obj)


def _built_record(schema, obj):
    try:
        return "bytes", build_strict(schema, obj)
    except EncodeError as exc:
        return "refused", (exc.reason, exc.path)


def test_a_fixed_count_of_context_free_elements_is_context_free() -> None:
    assert ArrayTuple(7, Int8ub).context_free
    assert tariff.WeekProfileField.context_free
    assert not ArrayTuple(lambda this: 2, Int8ub).context_free


def test_a_count_from_the_own_record_reads_nothing_else() -> None:
    assert ArrayTuple(OwnCount("n", 1), Int8ub).own_record
    assert not ArrayTuple(OwnCount("n", 1), Int8ub).context_free
    assert not ArrayTuple(lambda this: 2, Int8ub).own_record  # a lambda may read anything
    assert OwnCount("thresholds", 1)(RecordContext(thresholds=(1, 2))) == 3


PAYLOADS = {
    "top-up request": REQUEST_PAYLOADS[SRV.TOP_UP_DEVICE],
    "top-up response": RESPONSE_PAYLOADS[SRV.TOP_UP_DEVICE],
    "alert": ALERT_PAYLOAD,
    "control response": control.CONTROL_RESPONSE_PAYLOAD,
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
@given(data=st.binary(max_size=40))
def test_a_context_free_payload_decodes_as_the_general_path(name: str, data: bytes) -> None:
    payload = PAYLOADS[name]
    general = copy.copy(payload)
    general.context_free = False
    assert payload.context_free

    def outcome(schema):
        try:
            parts = parse_strict(schema, data, "payload")
        except CodecError as exc:
            return "refused", (exc.reason, exc.path)
        return "parts", {field: parts[field] for field in schema.names}

    assert outcome(payload) == outcome(general)
    assert not control.CONTROL_REQUEST_PAYLOAD.context_free  # its action construct is not
