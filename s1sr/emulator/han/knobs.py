"""Knobs: the named switches a Device Model's clauses set and faults override.

Every behaviour of the installation side is a frozen dataclass whose fields are knobs. A
field records the clauses that set it (``field(metadata=set_by(...))``), so an override meant for the
behaviour of a clause reaches only components whose Device Model carries that clause. Knob
values in data files are TOML scalars: an enum knob takes its value string, a flag a
boolean; ``coerce`` turns them into the field's type or says why not.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from s1sr.models import ModelError

B = TypeVar("B")
CLAUSES = "clauses"


class KnobError(ModelError):
    """A knob that does not exist, or a value it cannot take."""


def set_by(*clauses: str) -> Mapping[str, tuple[str, ...]]:
    """Field metadata naming the clauses that set a knob: ``field(metadata=set_by(...))``."""
    return {CLAUSES: clauses}


def knob_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def knob_clauses(cls: type, name: str) -> tuple[str, ...]:
    """The clauses whose mapping sets knob ``name`` of behaviour ``cls``."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            return tuple(f.metadata.get(CLAUSES, ()))
    raise KnobError(f"{cls.__name__} has no knob {name!r}")


def coerce(cls: type, name: str, value: object) -> object:
    """``value`` as knob ``name`` of ``cls`` holds it: enums from their value strings."""
    hints = _hints(cls)
    if name not in hints:
        raise KnobError(f"{cls.__name__} has no knob {name!r}")
    return _coerce(hints[name], name, value)


def with_knobs(behaviour: B, overrides: Mapping[str, object]) -> B:
    """``behaviour`` with the overrides that name its knobs applied (others are ignored)."""
    cls = type(behaviour)
    names = knob_names(cls)
    changes = {k: coerce(cls, k, v) for k, v in overrides.items() if k in names}
    return dataclasses.replace(behaviour, **changes) if changes else behaviour  # type: ignore[type-var]


def describe(behaviour: object) -> dict[str, object]:
    """The knob values as plain data (evidence, ``s1sr emulate`` banners)."""
    fields = dataclasses.fields(behaviour)  # type: ignore[arg-type]
    return {f.name: _plain(getattr(behaviour, f.name)) for f in fields}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _coerce(hint: Any, name: str, value: object) -> object:
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if value is None:
        if type(None) in options:
            return None
        raise KnobError(f"knob {name!r} cannot be unset")
    for option in options:
        if option is bool and isinstance(value, bool):
            return value
        if isinstance(option, type) and issubclass(option, Enum):
            if isinstance(value, option):
                return value
            if isinstance(value, str):
                try:
                    return option(value)
                except ValueError:
                    allowed = ", ".join(str(m.value) for m in option)
                    raise KnobError(f"knob {name!r}: {value!r} is not one of: {allowed}") from None
    wanted = " or ".join(_type_name(o) for o in options)
    raise KnobError(f"knob {name!r} must be {wanted}, got {value!r}")


def _type_name(option: Any) -> str:
    if option is bool:
        return "true or false"
    if option is type(None):
        return "unset"
    if isinstance(option, type) and issubclass(option, Enum):
        return "one of " + ", ".join(str(m.value) for m in option)
    return getattr(option, "__name__", str(option))


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value
