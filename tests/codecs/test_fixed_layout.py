"""``FixedLayout``: a record of fixed-size fields read with one struct, and nothing else changes.

Which records get a layout, and that a layout refuses what it cannot stand in for; the
decoding and encoding of those records on any bytes is compared with the field-by-field
path in tests/wire/test_context_free_records.py. Here: values the models would refuse,
forced into a model, build to the same error through both paths.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import time

import pytest
from construct import Bytes, Int8ub, Int16ub, Int16ul, Terminated, this

from s1sr.codecs.primitives.layout import fixed_layout
from s1sr.codecs.strict import EncodeError, build_strict
from s1sr.codecs.wire import tariff
from s1sr.codecs.wire.record import Record
from s1sr.models.tariff import RateKind, SwitchTime


def test_fixed_size_records_get_one_struct() -> None:
    assert tariff.SwitchTimeField._layout.struct.format == ">3sBB"
    assert tariff.SpecialDayField._layout.struct.format == ">4sB"
    assert tariff.SeasonField._layout is None  # a length-prefixed name


@pytest.mark.parametrize(
    "fields",
    [
        [("a", Int16ub), ("b", Int16ul)],  # two byte orders
        [("a", Int8ub), (None, Terminated)],  # an unnamed field
        [("a", Bytes(this.n))],  # a length from the context
        [("a", Int8ub * (lambda obj, ctx: obj))],  # a parsed hook
        [],
    ],
)
def test_a_layout_is_only_for_named_fixed_fields_in_one_byte_order(fields) -> None:
    assert fixed_layout(fields) is None


def _forced(**changes) -> SwitchTime:
    switch = SwitchTime(time(7, 0), RateKind.TOU, 2)
    for name, value in changes.items():
        object.__setattr__(switch, name, value)
    return switch


def _built(adapter, value):
    try:
        return "bytes", build_strict(Record("x" / adapter), {"x": value})
    except EncodeError as exc:
        return "refused", (exc.reason, exc.path)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"rate": 300},
        {"rate": -1},
        {"rate": "2"},
        {"kind": 5},
        {"start": time(7, 0, 0, 5)},
        {"start": "07:00"},
        {"rate": 300, "kind": 5},  # the first field's refusal is the one reported
        {"rate": 300, "start": "07:00"},
    ],
)
def test_values_a_model_would_refuse_build_as_field_by_field(changes) -> None:
    general = copy.copy(tariff.SwitchTimeField)
    general._layout = None
    value = _forced(**changes)
    assert dataclasses.is_dataclass(value)
    ours = _built(tariff.SwitchTimeField, value)
    assert ours == _built(general, value)
    assert (ours[0] == "bytes") == (not changes)
