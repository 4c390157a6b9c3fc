"""DMVES as a spreadsheet (CSV or XLSX): one row per Device Model, one column per clause.

This is the shape of the published matrix, so a test engineer can bring one in. Layout
(device_models/SCHEMA.md is the reference): a header row, then one row per Device Model;
the property columns first, then one column per catalogue entry headed by its clause id.
A clause cell is ``Y`` when the clause applies and blank when it does not; boolean
properties are ``Y`` / ``N``. Rows are numbered as a spreadsheet shows them (header = 1),
and every error names the file, the row and the column.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from s1sr.catalogue import Catalogue, DataFileError, load_catalogue
from s1sr.catalogue.records import Record, read_bytes
from s1sr.dmves.dmves import Dmves
from s1sr.dmves.validation import OPTIONAL_FIELDS, REQUIRED_FIELDS, build_dmves

PROPERTY_COLUMNS = tuple(f for f in REQUIRED_FIELDS if f != "clauses") + OPTIONAL_FIELDS
REQUIRED_COLUMNS = tuple(f for f in REQUIRED_FIELDS if f != "clauses")
BOOLEAN_COLUMNS = ("bilingual", "example")
TRUE_CELLS = frozenset({"y", "yes", "x", "true", "1"})
FALSE_CELLS = frozenset({"", "n", "no", "false", "0"})
SHEET_NAME = "DMVES"
SUFFIXES = (".csv", ".xlsx")


def table_rows(dmves: Dmves, catalogue: Catalogue) -> list[list[str]]:
    """Header and one row per Device Model, every cell a string."""
    rows = [[*PROPERTY_COLUMNS, *catalogue.clause_ids]]
    for model in dmves.models:
        props = {
            "id": model.id,
            "manufacturer": model.manufacturer,
            "model": model.model,
            "firmware_version": model.firmware_version,
            "device_type": model.device_type.value,
            "cohort": model.cohort.value,
            "group_id": model.group_id.value,
            "bilingual": "Y" if model.bilingual else "N",
            "example": "Y" if model.example else "N",
            "han_id": model.han_id or "",
            "supplier": model.supplier or "",
        }
        marks = ["Y" if cid in model.clauses else "" for cid in catalogue.clause_ids]
        rows.append([props[c] for c in PROPERTY_COLUMNS] + marks)
    return rows


def export_csv(dmves: Dmves, catalogue: Catalogue | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180 "\r\n": fields holding "\r" or "\n" get quoted
    writer.writerows(table_rows(dmves, catalogue or load_catalogue()))
    return buffer.getvalue()


def export_xlsx(dmves: Dmves, path: Path, catalogue: Catalogue | None = None) -> None:
    from openpyxl import Workbook  # imported here: only spreadsheet users pay for it

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    for row in table_rows(dmves, catalogue or load_catalogue()):
        sheet.append(row)
    sheet.freeze_panes = "B2"
    workbook.save(path)


def import_table(path: Path, catalogue: Catalogue | None = None) -> Dmves:
    """Read a CSV or XLSX matrix and validate it exactly as a TOML DMVES is validated."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataFileError(str(path), None, None, "not a .csv or .xlsx file")
    raw = read_bytes(path)
    rows = _csv_rows(raw, str(path)) if suffix == ".csv" else _xlsx_rows(raw, str(path))
    return rows_to_dmves(rows, str(path), hashlib.sha256(raw).hexdigest(), catalogue)


def rows_to_dmves(
    rows: Sequence[Sequence[str]], file: str, sha256: str, catalogue: Catalogue | None = None
) -> Dmves:
    catalogue = catalogue or load_catalogue()
    if not rows:
        raise DataFileError(file, None, None, "empty: no header row")
    header = [cell.strip() for cell in rows[0]]
    clause_columns = _check_header(header, file, catalogue)
    records: list[Record] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank rows are common at the end of a sheet
        if len(row) != len(header):
            raise DataFileError(
                file, f"row {number}", None, f"has {len(row)} cells, the header has {len(header)}"
            )
        cells = dict(zip(header, row, strict=True))  # text kept exactly as typed
        entry = f"row {number}" + (f" (model '{cells['id']}')" if cells.get("id") else "")
        records.append(Record(_row_data(cells, clause_columns, file, entry), file, entry))
    return build_dmves(records, catalogue, source=file, sha256=sha256, clause_field=lambda c: c)


def _check_header(header: list[str], file: str, catalogue: Catalogue) -> list[str]:
    seen: set[str] = set()
    clause_columns: list[str] = []
    for column in header:
        if column in seen:
            raise DataFileError(file, "row 1 (header)", column, "column appears twice")
        seen.add(column)
        if column in PROPERTY_COLUMNS:
            continue
        if not catalogue.has_clause(column):
            raise DataFileError(
                file, "row 1 (header)", column, "unknown column: neither a property nor a clause id"
            )
        clause_columns.append(column)
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            raise DataFileError(file, "row 1 (header)", column, "missing column")
    return clause_columns


def _row_data(
    cells: dict[str, str], clause_columns: list[str], file: str, entry: str
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column in PROPERTY_COLUMNS:
        if column not in cells:
            continue
        value = cells[column]
        if column in BOOLEAN_COLUMNS:
            data[column] = _flag(value, file, entry, column)
        elif column in OPTIONAL_FIELDS:
            if value:
                data[column] = value
        else:
            data[column] = value
    data["clauses"] = [c for c in clause_columns if _flag(cells[c], file, entry, c)]
    return data


def _flag(value: str, file: str, entry: str, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE_CELLS:
        return True
    if lowered in FALSE_CELLS:
        return False
    raise DataFileError(file, entry, column, f"{value!r} is neither Y nor blank/N")


def _csv_rows(raw: bytes, file: str) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(file, None, None, f"not UTF-8: {exc.reason}") from exc
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise DataFileError(file, None, None, f"not valid CSV: {exc}") from exc


def _xlsx_rows(raw: bytes, file: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken or foreign file
        raise DataFileError(file, None, None, f"not a readable XLSX workbook: {exc}") from exc
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.active
        rows: list[list[str]] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append([_xlsx_cell(value, file, number, index) for index, value in enumerate(row)])
    finally:
        workbook.close()
    width = max((len(r) for r in rows), default=0)
    while width and all(len(r) < width or not r[width - 1] for r in rows):
        width -= 1  # trailing empty columns a spreadsheet keeps after edits
    return [(r + [""] * width)[:width] for r in rows]


def _xlsx_cell(value: object, file: str, row: int, index: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        raise DataFileError(
            file, f"row {row}", _column_letter(index), "a date cell; type the value as text"
        )
    return str(value)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"column {get_column_letter(index + 1)}"
