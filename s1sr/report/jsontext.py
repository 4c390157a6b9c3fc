"""``json.dumps(data, indent=2, ensure_ascii=False)``, byte for byte, several times faster.

With ``indent`` the standard library encodes in pure Python, one generator per container;
``results.json`` of a whole-matrix run has thousands of them. This writes the same text
with one recursive function and the C string encoder, for the plain JSON types a report
holds (dict with str keys, list, tuple, str, int, float, bool, None: exact types, no
subclasses); anything else goes to ``json.dumps`` itself, so the text is always its own.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C one where there is one: ensure_ascii=False
from typing import Any

_CONSTANTS = {True: "true", False: "false", None: "null"}


class _Other(Exception):
    """A value this writer does not write: ``json.dumps`` writes the whole text."""


def dumps_indented(data: Any) -> str:
    try:
        out: list[str] = []
        _write(data, out, "\n")
        return "".join(out)
    except (_Other, RecursionError):  # a cycle or a deep tree: json.dumps says which
        return json.dumps(data, indent=2, ensure_ascii=False)


def _write(value: Any, out: list[str], newline: str) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Other
            out.append(separator)
            out.append(encode_basestring(key))
            out.append(": ")
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        if all(type(item) is str for item in value):  # e.g. evidence ids: one join
            out.append("[" + inner + ("," + inner).join(map(encode_basestring, value)))
        else:
            separator = "[" + inner
            for item in value:
                out.append(separator)
                _write(item, out, inner)
                separator = "," + inner
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    elif kind is bool or value is None:
        out.append(_CONSTANTS[value])
    else:
        raise _Other


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)
