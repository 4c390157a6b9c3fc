"""MMC leaf values and register matrices, with the units the project's models carry.

MMC types an electricity register ``xs:integer`` (Wh: the schema's ``ActiveEnergyUnit``
names Wh as the only unit a GBCS payload carries) and a gas one ``xs:decimal`` (m3, the
schema's ``GasConsumptionUnit``). Amounts are ``xs:integer`` 1/1000 p, as DUIS carries
money elsewhere. A value the model cannot hold exactly (a negative register, a fourth
decimal of a m3, a sub-penny balance) is a ``CodecError``, never rounded.

Matrices are ``IntegerWithIndex`` / ``DecimalWithIndex`` elements whose optional
``index`` attribute (1-based) places the value; without it, the element's position among
its same-named siblings does. The model's tuples are dense, so the positions read must be
exactly 0..n-1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from s1sr.codecs.duis.constants import RA
from s1sr.codecs.duis.response import format_datetime, parse_datetime
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import Energy, EnergyUnit, FineMoney, ModelError, Money

MILLIPENCE = 1000
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_MAX_DIGITS = 40  # an xs:integer the model could hold has at most 20 digits


def leaf(name: str, text: str, attributes: tuple[tuple[str, str], ...] = ()) -> XmlElement:
    return XmlElement(RA, name, text, (), attributes)


def text_of(element: XmlElement, path: str) -> str:
    if element.children or element.text is None or not element.text.strip():
        raise CodecError("needs a text value", path)
    return element.text.strip()


def integer(element: XmlElement, path: str) -> int:
    text = text_of(element, path)
    if not _INTEGER.fullmatch(text) or len(text) > _MAX_DIGITS:
        raise CodecError(f"not an integer: {text!r:.40}", path)
    return int(text)


def decimal(element: XmlElement, path: str) -> Decimal:
    text = text_of(element, path)
    if not _DECIMAL.fullmatch(text) or len(text) > _MAX_DIGITS:
        raise CodecError(f"not a decimal: {text!r:.40}", path)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CodecError(f"not a decimal: {text!r:.40}", path) from None


def instant(element: XmlElement, path: str) -> datetime:
    if element.attributes:
        raise CodecError("attributes have no place in the model", path)
    return parse_datetime(text_of(element, path), path)


def write_instant(name: str, value: datetime) -> XmlElement:
    if value.microsecond % 1000:
        raise CodecError(f"{value.isoformat()} is finer than MMC's milliseconds", f"ra:{name}")
    return leaf(name, format_datetime(value))


def _model(build, path: str):  # noqa: ANN001, ANN202 (a model constructor and its result)
    try:
        return build()
    except ModelError as exc:
        raise CodecError(str(exc), path) from None


def wh(element: XmlElement, path: str) -> Energy:
    """An electricity register: ``xs:integer`` Wh, a kWh ``Energy`` (milli = Wh)."""
    value = integer(element, path)
    return _model(lambda: Energy(value, EnergyUnit.KWH), path)


def in_unit(element: XmlElement, unit: EnergyUnit, path: str) -> Energy:
    """A gas register: ``xs:decimal`` in ``unit``, exact to the model's thousandths."""
    milli = decimal(element, path) * 1000
    if milli != milli.to_integral_value():
        raise CodecError(f"{element.text.strip()!r:.40} {unit} is finer than 1/1000", path)
    return _model(lambda: Energy(int(milli), unit), path)


def write_wh(energy: Energy, path: str) -> str:
    if energy.unit is not EnergyUnit.KWH:
        raise CodecError(f"an electricity register is Wh; {energy} has no MMC form", path)
    return str(energy.milli)


def write_in_unit(energy: Energy, unit: EnergyUnit, path: str) -> str:
    if energy.unit is not unit:
        raise CodecError(f"MMC carries this register in {unit}; {energy} has no MMC form", path)
    whole, milli = divmod(energy.milli, 1000)
    return f"{whole}.{milli:03d}" if milli else str(whole)


def money(element: XmlElement, path: str, non_negative: bool = False) -> Money:
    """A balance or debt: 1/1000 p, the model's whole pence (a fraction is refused)."""
    pence, rest = divmod(integer(element, path), MILLIPENCE)
    if rest:
        raise CodecError("a sub-penny amount: the model holds whole pence", path)
    found = _model(lambda: Money(pence), path)
    if non_negative and pence < 0:
        raise CodecError("a debt or credit balance is never negative in the model", path)
    return found


def write_money(value: Money) -> str:
    return str(value.pence * MILLIPENCE)


def fine_money(element: XmlElement, path: str) -> FineMoney:
    value = integer(element, path)
    return _model(lambda: FineMoney(value), path)


def index_of(element: XmlElement, fallback: int, path: str) -> int:
    """The 1-based ``index`` attribute (an integral ``xs:decimal`` for DecimalWithIndex)."""
    extra = [key for key, _ in element.attributes if key != "index"]
    if extra:
        raise CodecError(f"attribute {extra[0]} has no place in the model", path)
    raw = dict(element.attributes).get("index")
    if raw is None:
        return fallback
    text = raw.strip()
    if not _DECIMAL.fullmatch(text) or len(text) > _MAX_DIGITS:
        raise CodecError(f"index {raw!r:.20} is not a number", path)
    value = Decimal(text)
    if value != value.to_integral_value() or value < 1:
        raise CodecError(f"index {raw!r:.20} is not a positive integer", path)
    return int(value)


def dense(placed: Iterable[tuple[int, Energy]], path: str) -> tuple[Energy, ...]:
    """Values placed at 0-based positions as the model's tuple: positions 0..n-1 exactly."""
    table: dict[int, Energy] = {}
    for position, value in placed:
        if position in table:
            raise CodecError(f"two values at index {position + 1}", path)
        table[position] = value
    if sorted(table) != list(range(len(table))):
        raise CodecError(
            "a sparse matrix: the model holds values from the first index on, without gaps",
            path,
        )
    return tuple(table[position] for position in range(len(table)))
