"""A JSON view of every model, for ``s1sr decode``/``encode``, the evidence log and reports.

Each dataclass becomes an object whose ``"type"`` key names its class, so unions
(``Energy | NoLimit``, a ``RequestBody`` of any SRV) decode without guessing. Leaves
use the text forms DUIS readers expect: EUI-64 ``00-DB-...``, ISO 8601 times with
``Z``, enum values, bytes as hex. ``from_jsonable(to_jsonable(m)) == m`` for every
model; malformed input raises ``JsonViewError`` with the JSON path of the fault.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from s1sr.models.device_id import EUI64
from s1sr.models.envelope import RequestBody, ResponseBody
from s1sr.models.errors import ModelError

TYPE_KEY = "type"
_TAGGED_BASES = (RequestBody, ResponseBody)


class JsonViewError(ModelError):
    """JSON that does not describe a valid model; the message starts with its path."""


def to_jsonable(model: object) -> dict[str, Any]:
    """The JSON-ready dict of a model instance."""
    if not dataclasses.is_dataclass(model) or isinstance(model, type):
        raise JsonViewError(f"$: not a model instance: {type(model).__name__}")
    if _model_types().get(type(model).__name__) is not type(model):
        raise JsonViewError(f"$: {type(model).__name__} is not an s1sr model")
    return _encode(model)


def from_jsonable(data: Mapping[str, Any]) -> Any:
    """The model a ``to_jsonable`` dict describes."""
    if not isinstance(data, Mapping):
        raise JsonViewError(f"$: expected an object, got {type(data).__name__}")
    return _decode_tagged(data, (object,), "$")


def model_types() -> Mapping[str, type]:
    """Every model class the view knows, by the name used as its ``"type"``."""
    return types.MappingProxyType(_model_types())


def _encode(value: Any) -> Any:
    kind = type(value)
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _encoder_for(kind)
    return encoder(value)


def _encoder_for(kind: type) -> Callable[[Any], Any]:
    """How a value of ``kind`` is shown: the form depends on its type alone, so it is
    chosen once per type (in this order: an ``IntEnum`` is an enum, not an int)."""
    if kind is type(None) or issubclass(kind, bool):
        return _same
    if issubclass(kind, Enum):
        return _enum_value
    if issubclass(kind, int | str):
        return _same
    if kind is EUI64:
        return _eui64_text
    if issubclass(kind, EUI64):
        return str
    if kind is datetime:
        return _kept_instant
    if issubclass(kind, datetime):
        return _instant
    if issubclass(kind, date | time):
        return _iso
    if issubclass(kind, bytes):
        return _hex
    if issubclass(kind, tuple):
        return _array
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        return _dataclass_encoder(kind)
    return _refuse


def _dataclass_encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The encoder of one dataclass, written out as one function (as ``dataclasses`` writes
    ``__init__``): its ``"type"``, then each field in order, shown as ``_encode`` shows it.

    The evidence shows every frame, and a loop over the fields calling ``_encode`` for each
    value cost as much as the values themselves. So each field takes a shortcut, with the
    value's exact type checked first: a plain int or string (most fields) or None is shown
    as it is; a value of the type its hint names goes straight to that type's encoder (an
    enum's to its ``_value_``, a tuple's items to theirs); anything else to ``_encode``.
    """
    _BUILDING.add(cls)
    try:
        namespace: dict[str, Any] = {"_encode": _encode}
        try:
            hints = _hints(cls)
        except Exception:  # a hint that does not resolve: no shortcuts, then
            hints = {}
        lines = [f"def encode_{cls.__name__}(model):"]
        shown = [f"{TYPE_KEY!r}: {cls.__name__!r}"]
        for index, name in enumerate(_field_names(cls)):
            value = f"v{index}"
            lines.append(f"    {value} = model.{name}")
            lines.append(f"    k{index} = type({value})")
            plain = f"k{index} is int or k{index} is str or {value} is None"
            special = _shortcut(hints.get(name), value, f"k{index}", namespace, str(index))
            shown.append(f"{name!r}: {value} if {plain} else {special}")
        lines.append(f"    return {{{', '.join(shown)}}}")
        exec("\n".join(lines), namespace)  # source of field names and indices only
        return namespace[f"encode_{cls.__name__}"]
    finally:
        _BUILDING.discard(cls)


def _shortcut(hint: Any, value: str, kind: str, namespace: dict[str, Any], tag: str) -> str:
    """The expression that shows ``value`` (of exact type ``kind``) as ``_encode`` would,
    skipping the look-up when it is of the one type ``hint`` allows besides None."""
    generic = f"_encode({value})"
    args = tuple(a for a in get_args(hint) if a is not type(None))
    if get_origin(hint) in (Union, types.UnionType) and len(args) == 1:
        hint = args[0]
    if get_origin(hint) is tuple:
        item_hint, *rest = get_args(hint)
        if rest != [Ellipsis]:
            return generic
        item = _shortcut(item_hint, "x", "type(x)", namespace, f"{tag}_item")
        if item == "_encode(x)":
            return generic
        return f"([{item} for x in {value}] if {kind} is tuple else {generic})"
    if not isinstance(hint, type) or hint in (int, str, bool, type(None)) or hint in _BUILDING:
        return generic
    namespace[f"K{tag}"] = hint
    encoder = _ENCODERS.get(hint)
    if encoder is None:
        encoder = _ENCODERS[hint] = _encoder_for(hint)
    if encoder is _enum_value and _plain_value(hint):
        return f"({value}._value_ if {kind} is K{tag} else {generic})"
    namespace[f"E{tag}"] = encoder
    return f"(E{tag}({value}) if {kind} is K{tag} else {generic})"


def _plain_value(enum: type) -> bool:
    """Whether ``member.value`` is ``member._value_`` (no class on the way overrides it)."""
    return all("value" not in vars(c) for c in enum.__mro__ if c is not Enum)


def _same(value: Any) -> Any:
    return value


def _enum_value(value: Enum) -> Any:
    return value.value


def _eui64_text(value: EUI64) -> str:
    """``str(value)``, kept by value: an evidence log names the same few devices and users
    in every frame (an ``EUI64``'s text depends on its ``value`` alone)."""
    text = _EUI64_TEXTS.get(value.value)
    if text is None:
        text = str(value)
        if len(_EUI64_TEXTS) < _EUI64_TEXTS_KEPT:
            _EUI64_TEXTS[value.value] = text
    return text


_EUI64_TEXTS: dict[int, str] = {}
_EUI64_TEXTS_KEPT = 4096  # enough for any run's installations; random ones are not kept


def _kept_instant(value: datetime) -> str:
    """``_instant(value)``, kept for UTC instants: a run's frames carry the same few
    thousand (profile periods, the start instant) over and over. Two equal datetimes on
    the one ``UTC`` have the same fields, so the same text."""
    if value.tzinfo is not UTC:
        return _instant(value)
    text = _INSTANT_TEXTS.get(value)
    if text is None:
        text = _instant(value)
        if len(_INSTANT_TEXTS) < _INSTANT_TEXTS_KEPT:
            _INSTANT_TEXTS[value] = text
    return text


_INSTANT_TEXTS: dict[datetime, str] = {}
_INSTANT_TEXTS_KEPT = 16384


def _instant(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _iso(value: date | time) -> str:
    return value.isoformat()


def _hex(value: bytes) -> str:
    return value.hex().upper()


def _array(value: tuple[Any, ...]) -> list[Any]:
    return [_encode(item) for item in value]


def _refuse(value: Any) -> Any:
    raise JsonViewError(f"$: cannot show a {type(value).__name__} as JSON")


_ENCODERS: dict[type, Callable[[Any], Any]] = {}
_BUILDING: set[type] = set()  # dataclasses whose encoder is being written (a cycle: no shortcut)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _decode_tagged(data: Mapping[str, Any], allowed: tuple[type, ...], path: str) -> Any:
    name = data.get(TYPE_KEY)
    cls = _model_types().get(name) if isinstance(name, str) else None
    if cls is None:
        raise JsonViewError(f"{path}.{TYPE_KEY}: unknown model type {name!r}")
    if not issubclass(cls, allowed):
        expected = " or ".join(a.__name__ for a in allowed)
        raise JsonViewError(f"{path}: a {name} is not a {expected}")
    hints = _hints(cls)
    names = [field.name for field in dataclasses.fields(cls)]
    unknown = set(data) - set(names) - {TYPE_KEY}
    if unknown:
        raise JsonViewError(f"{path}: unknown fields {sorted(unknown)} for {name}")
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            kwargs[field.name] = _decode(
                data[field.name], hints[field.name], f"{path}.{field.name}"
            )
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise JsonViewError(f"{path}.{field.name}: missing")
    try:
        return cls(**kwargs)
    except ModelError as exc:
        raise JsonViewError(f"{path}: {exc}") from None


def _decode(value: Any, hint: Any, path: str) -> Any:
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        return _decode_union(value, get_args(hint), path)
    if origin is tuple:
        (item_hint, _ellipsis) = get_args(hint)
        if not isinstance(value, list):
            raise JsonViewError(f"{path}: expected an array, got {type(value).__name__}")
        return tuple(_decode(item, item_hint, f"{path}[{i}]") for i, item in enumerate(value))
    if _is_tagged(hint):
        if not isinstance(value, Mapping):
            raise JsonViewError(f"{path}: expected an object, got {type(value).__name__}")
        return _decode_tagged(value, (hint,), path)
    return _decode_leaf(value, hint, path)


def _decode_union(value: Any, args: tuple[Any, ...], path: str) -> Any:
    if value is None:
        if type(None) in args:
            return None
        raise JsonViewError(f"{path}: must not be null")
    members = tuple(arg for arg in args if arg is not type(None))
    if isinstance(value, Mapping):
        tagged = tuple(arg for arg in members if _is_tagged(arg))
        if tagged:
            return _decode_tagged(value, tagged, path)
    plain = [arg for arg in members if not _is_tagged(arg)]
    if len(plain) != 1:
        raise JsonViewError(f"{path}: {value!r} matches none of the allowed types")
    return _decode(value, plain[0], path)


def _decode_leaf(value: Any, hint: Any, path: str) -> Any:
    try:
        if isinstance(hint, type) and issubclass(hint, Enum):
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise TypeError(f"expected an enum value, got {type(value).__name__}")
            return hint(value)
        if hint is bool:
            if not isinstance(value, bool):
                raise TypeError(f"expected a boolean, got {type(value).__name__}")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"expected an integer, got {type(value).__name__}")
            return value
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        if hint is str:
            return value
        if hint is EUI64:
            return EUI64.parse(value)
        if hint is datetime:
            return datetime.fromisoformat(value)
        if hint is date:
            return date.fromisoformat(value)
        if hint is time:
            return time.fromisoformat(value)
        if hint is bytes:
            return bytes.fromhex(value)
    except (TypeError, ValueError) as exc:
        raise JsonViewError(f"{path}: {exc}") from None
    raise JsonViewError(f"{path}: no JSON form for {hint!r}")


def _is_tagged(hint: Any) -> bool:
    """Dataclasses are objects with a "type"; an EUI-64 is a leaf written as text."""
    return (
        isinstance(hint, type)
        and hint is not EUI64
        and (dataclasses.is_dataclass(hint) or issubclass(hint, _TAGGED_BASES))
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


@cache
def _model_types() -> dict[str, type]:
    """Every dataclass exported by ``s1sr.models`` and every dataclass its fields reach."""
    import s1sr.models as package
    from s1sr.models.registry import REQUEST_BODY_TYPES, RESPONSE_BODY_TYPES

    roots = [getattr(package, name) for name in package.__all__]
    roots += list(REQUEST_BODY_TYPES.values()) + list(RESPONSE_BODY_TYPES.values())
    found: dict[str, type] = {}
    pending = [root for root in roots if isinstance(root, type) and dataclasses.is_dataclass(root)]
    while pending:
        cls = pending.pop()
        if found.get(cls.__name__) is cls:
            continue
        if cls.__name__ in found:
            raise JsonViewError(f"two model classes are called {cls.__name__}")
        found[cls.__name__] = cls
        for hint in _hints(cls).values():
            pending.extend(_dataclasses_in(hint))
    return found


def _dataclasses_in(hint: Any) -> list[type]:
    if isinstance(hint, type):
        return [hint] if dataclasses.is_dataclass(hint) else []
    return [cls for arg in get_args(hint) for cls in _dataclasses_in(arg)]
