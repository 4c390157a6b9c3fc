"""results.json's writer: the very text ``json.dumps(indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import enum
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.report.jsontext import dumps_indented

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**20, max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.lists(st.text(max_size=3), max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def _reference(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@given(JSON)
def test_any_json_value_is_written_as_json_dumps_writes_it(data):
    assert dumps_indented(data) == _reference(data)


class Colour(enum.IntEnum):
    RED = 1


class Label(str):
    pass


@pytest.mark.parametrize(
    "data",
    [
        {"text": 'quote " backslash \\ tab \t nul \x00 line \u2028 surrogate \ud800 \U0001f600'},
        {"empty": [], "nothing": {}, "nested": [[], {}, [{}]]},
        {3: "an int key", None: "a None key", 2.5: "a float key", True: "a bool key"},
        {"subclasses": [Colour.RED, Label("label")]},
        [float("nan"), float("inf"), -float("inf"), -0.0, 1e16, 1e-7],
    ],
    ids=["escapes", "empty-containers", "non-text-keys", "subclasses", "floats"],
)
def test_what_the_fast_path_does_not_write_still_comes_out_as_json_dumps_writes_it(data):
    assert dumps_indented(data) == _reference(data)


def test_a_cycle_is_refused_as_json_dumps_refuses_it():
    data: list[object] = []
    data.append(data)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(data)
