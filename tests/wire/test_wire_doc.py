"""docs/wire-format.md cannot drift from the code: its examples, code tables and layouts are checked.

- every annotated hex example decodes to the JSON shown under it and re-encodes to
  the same bytes, and there is one for every message kind;
- every enum code table lists exactly the codes ``s1sr.codecs.wire.codes`` uses;
- every layout table lists the fields the codec writes, in wire order, and every
  record the codec writes has a layout table.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import s1sr.codecs.wire as wire
from s1sr.codecs.wire import HEADER_SIZE, FrameHeader, Kind, decode_message, encode_message
from s1sr.codecs.wire.checksum import CHECK_VALUE, crc32
from s1sr.codecs.wire.codes import ENUM_TABLES
from s1sr.codecs.wire.control import (
    ACTION_CODES,
    CONTROL_REQUEST_PAYLOAD,
    CONTROL_RESPONSE_PAYLOAD,
    INVENTORY_PAYLOAD,
)
from s1sr.codecs.wire.envelope import ALERT_PAYLOAD, REQUEST_PAYLOADS, RESPONSE_PAYLOADS
from s1sr.codecs.wire.fields import ModelAdapter
from s1sr.models import SRV, to_jsonable

DOC = Path(__file__).resolve().parents[2] / "docs" / "wire-format.md"
TEXT = DOC.read_text(encoding="utf-8")
LINES = TEXT.splitlines()

EXAMPLE = re.compile(r"```hex\n(?P<hex>.*?)```\s*```json\n(?P<json>.*?)```", re.DOTALL)
MARKER = re.compile(r"<!-- (?P<what>codes|layout): (?P<names>[^>]+?) -->")
PAYLOAD_LAYOUTS = (
    "request",
    "response",
    "alert",
    "control-request",
    "control-response",
    "inventory",
)


def _hex_of(block: str) -> bytes:
    tokens = []
    for line in block.splitlines():
        for token in line.split("#", 1)[0].split():
            assert re.fullmatch(r"[0-9A-F]{2}", token), f"not a hex byte: {token!r} in {line!r}"
            tokens.append(token)
    return bytes.fromhex("".join(tokens))


EXAMPLES = [(_hex_of(m["hex"]), json.loads(m["json"])) for m in EXAMPLE.finditer(TEXT)]


def _table_after(line_index: int) -> list[dict[str, str]]:
    """The rows of the markdown table right after a marker line ([] when there is none)."""
    rows: list[list[str]] = []
    for line in LINES[line_index + 1 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    if not rows:
        return []
    head, body = rows[0], rows[2:]
    return [dict(zip(head, row, strict=True)) for row in body]


def _marked(what: str) -> dict[str, list[dict[str, str]]]:
    tables: dict[str, list[dict[str, str]]] = {}
    for index, line in enumerate(LINES):
        match = MARKER.fullmatch(line.strip())
        if match and match["what"] == what:
            for name in match["names"].split():
                assert name not in tables, f"{what} {name} is documented twice"
                tables[name] = _table_after(index)
    return tables


def _unquote(cell: str) -> str:
    return cell.strip("`")


def _fields(rows: list[dict[str, str]]) -> tuple[str, ...]:
    return tuple(_unquote(row["field"]) for row in rows)


def _model_adapters() -> dict[str, ModelAdapter]:
    """Every record the codec writes: the ModelAdapters of every wire module."""
    found: dict[str, ModelAdapter] = {}
    for module_info in pkgutil.iter_modules(wire.__path__):
        module = importlib.import_module(f"{wire.__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, ModelAdapter):
                found[value.model.__name__] = value
    for schema in ACTION_CODES.values():
        found[schema.model.__name__] = schema
    return found


# --- examples ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "shown"),
    EXAMPLES,
    ids=[f"example-{n}-{shown['type']}" for n, (_, shown) in enumerate(EXAMPLES, 1)],
)
def test_each_example_decodes_to_what_the_doc_shows(frame: bytes, shown: dict) -> None:
    message = decode_message(frame)
    assert to_jsonable(message) == shown
    assert encode_message(message) == frame


def test_there_is_an_example_of_every_kind() -> None:
    assert {Kind(frame[3]) for frame, _ in EXAMPLES} == set(Kind)


def test_the_checksum_vectors_in_the_doc_hold() -> None:
    assert f"`0x{CHECK_VALUE:08X}`" in TEXT
    first, _ = EXAMPLES[0]
    stated = re.search(r"checksum `(?P<crc>[0-9A-F ]{11})` over its first (?P<n>\d+)", TEXT)
    assert stated is not None
    assert int(stated["n"]) == len(first) - 4
    assert bytes.fromhex(stated["crc"]) == crc32(first[:-4]).to_bytes(4, "big")


def test_the_stated_size_limits_are_the_codes() -> None:
    assert f"{wire.MAX_FRAME_BYTES:,} bytes (0x{wire.MAX_FRAME_BYTES:X}" in TEXT
    assert f"at most {wire.MAX_PAYLOAD_BYTES:,} (0x{wire.MAX_PAYLOAD_BYTES:X})" in TEXT


# --- code tables --------------------------------------------------------------------------


def test_every_enum_table_in_the_doc_matches_the_code() -> None:
    documented = _marked("codes")
    expected = {
        enum.__name__: {code: str(member.value) for code, member in table.items()}
        for enum, table in ENUM_TABLES.items()
    }
    expected["ControlAction"] = {code: s.model.__name__ for code, s in ACTION_CODES.items()}
    assert set(documented) == set(expected)
    for name, rows in documented.items():
        table = {int(row["code"], 16): _unquote(row["value"]) for row in rows}
        assert table == expected[name], name


# --- layouts --------------------------------------------------------------------------------


def test_the_header_table_is_the_header() -> None:
    rows = _marked("layout")["header"]
    assert _fields(rows) == ("magic", "version", *FrameHeader._fields)
    offset = 0
    for row in rows:
        assert int(row["offset"]) == offset, row["field"]
        offset += int(row["size"])
    assert offset == HEADER_SIZE


def test_the_payload_tables_are_the_payloads() -> None:
    documented = _marked("layout")
    srv = SRV.TOP_UP_DEVICE
    assert _fields(documented["request"]) == REQUEST_PAYLOADS[srv].names
    assert _fields(documented["response"]) == RESPONSE_PAYLOADS[srv].names
    assert _fields(documented["alert"]) == ALERT_PAYLOAD.names
    assert _fields(documented["control-request"]) == CONTROL_REQUEST_PAYLOAD.names
    assert _fields(documented["control-response"]) == CONTROL_RESPONSE_PAYLOAD.names
    assert _fields(documented["inventory"]) == INVENTORY_PAYLOAD.names


def test_every_record_the_codec_writes_is_laid_out_in_the_doc() -> None:
    documented = _marked("layout")
    records = _model_adapters()
    assert set(documented) - {"header", *PAYLOAD_LAYOUTS} == set(records)
    for name, schema in records.items():
        assert _fields(documented[name]) == schema.names, name


def test_the_doc_has_a_section_for_every_srv() -> None:
    headings = [line for line in LINES if line.startswith("### ")]
    for srv in SRV:
        assert any(re.search(rf"\b{re.escape(srv.value)}\b", h) for h in headings), srv
