"""CSV and XLSX import/export: round trips, and errors that name file, row and column."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from s1sr.catalogue import COHORT_OF_GROUP, GroupId
from s1sr.dmves import (
    DataFileError,
    DeviceModel,
    Dmves,
    dump_toml,
    export_csv,
    export_xlsx,
    import_table,
    parse_dmves,
)
from s1sr.dmves.coverage import could_carry
from s1sr.dmves.table import PROPERTY_COLUMNS, rows_to_dmves
from s1sr.models import DeviceType


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def matrix(*rows, columns=("18.1(v)", "18.62(f)")):
    """A small published-style matrix: header plus the given property/clause rows."""
    header = [*PROPERTY_COLUMNS, *columns]
    return [header, *rows]


def esme_row(**changes):
    row = {
        "id": "T-ESME",
        "manufacturer": "Test Meters",
        "model": "TM-1",
        "firmware_version": "1.10",
        "device_type": "ESME",
        "cohort": "FOC",
        "group_id": "EA",
        "bilingual": "N",
        "example": "Y",
        "han_id": "",
        "supplier": "",
        "18.1(v)": "Y",
        "18.62(f)": "",
    }
    row.update(changes)
    return list(row.values())


class TestRoundTrip:
    def test_csv(self, shipped, tmp_path, catalogue):
        path = tmp_path / "matrix.csv"
        path.write_text(export_csv(shipped, catalogue), encoding="utf-8", newline="")
        assert import_table(path, catalogue) == shipped

    def test_xlsx(self, shipped, tmp_path, catalogue):
        path = tmp_path / "matrix.xlsx"
        export_xlsx(shipped, path, catalogue)
        back = import_table(path, catalogue)
        assert back == shipped
        assert back.model("EX-ESME-1").firmware_version == "04.02.0011"

    def test_toml(self, shipped, catalogue):
        text = dump_toml(shipped, catalogue, header="line one\nline two")
        assert text.startswith("# line one\n# line two\nschema = 1\n")
        back = parse_dmves(text.encode(), "dumped.toml", catalogue)
        assert back == shipped
        assert back.description == shipped.description

    def test_export_has_one_column_per_clause_and_one_row_per_model(self, shipped, catalogue):
        rows = list(csv.reader(io.StringIO(export_csv(shipped, catalogue))))
        assert rows[0] == [*PROPERTY_COLUMNS, *catalogue.clause_ids]
        assert [r[0] for r in rows[1:]] == [m.id for m in shipped.models]
        chf = rows[1 + [m.id for m in shipped.models].index("EX-CHF-2")]
        marked = [
            c
            for c, cell in zip(rows[0], chf, strict=True)
            if cell == "Y" and c in catalogue.clause_ids
        ]
        assert marked == ["18.62(f)"]


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip())
ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,15}\Z")


@st.composite
def device_models(draw, catalogue, model_id):
    device_type = draw(st.sampled_from(list(DeviceType)))
    group_id = draw(st.sampled_from(list(GroupId)))
    bilingual = draw(st.booleans())
    probe = DeviceModel(
        model_id,
        "m",
        "m",
        "1",
        device_type,
        COHORT_OF_GROUP[group_id],
        group_id,
        bilingual,
        True,
        frozenset(),
    )
    allowed = [c.id for c in catalogue.clauses if could_carry(probe, c)]
    chosen = draw(st.sets(st.sampled_from(allowed))) if allowed else set()
    return DeviceModel(
        id=model_id,
        manufacturer=draw(texts),
        model=draw(texts),
        firmware_version=draw(texts),
        device_type=device_type,
        cohort=COHORT_OF_GROUP[group_id],
        group_id=group_id,
        bilingual=bilingual,
        example=draw(st.booleans()),
        clauses=frozenset(chosen),
    )


@st.composite
def dmves_files(draw, catalogue):
    names = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    models = tuple(draw(device_models(catalogue, name)) for name in names)
    return Dmves(models=models, clause_ids=frozenset(catalogue.clause_ids))


@given(data=st.data())
def test_any_valid_dmves_survives_csv_and_toml(catalogue, data, tmp_path_factory):
    dmves = data.draw(dmves_files(catalogue))
    back = parse_dmves(dump_toml(dmves, catalogue).encode(), "x.toml", catalogue)
    assert back == dmves
    path = tmp_path_factory.mktemp("csv") / "m.csv"
    path.write_text(export_csv(dmves, catalogue), encoding="utf-8", newline="")
    assert import_table(path, catalogue) == dmves


class TestImport:
    def test_a_subset_of_clause_columns_in_any_order_is_accepted(self, tmp_path, catalogue):
        header = ["18.62(f)", *PROPERTY_COLUMNS[:9], "18.1(v)"]
        row = ["", "T-ESME", "Acme", "A1", "2.0", "ESME", "FOC", "EA", " y ", "n", "x"]
        dmves = import_table(write_csv(tmp_path / "m.csv", [header, row]), catalogue)
        model = dmves.model("T-ESME")
        assert model.clauses == {"18.1(v)"}
        assert (model.bilingual, model.example, model.han_id) == (True, False, None)

    def test_blank_rows_are_skipped_and_bom_accepted(self, tmp_path, catalogue):
        text = export_csv_text(matrix(esme_row(), [""] * 13))
        path = tmp_path / "m.csv"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
        assert [m.id for m in import_table(path, catalogue).models] == ["T-ESME"]

    def test_text_cells_are_kept_exactly(self, tmp_path, catalogue):
        rows = matrix(esme_row(manufacturer=" Acme, Ltd\n"))
        model = import_table(write_csv(tmp_path / "m.csv", rows), catalogue).model("T-ESME")
        assert model.manufacturer == " Acme, Ltd\n"

    def test_xlsx_reads_the_dmves_sheet_and_typed_cells(self, tmp_path, catalogue):
        workbook = Workbook()
        workbook.active.title = "Notes"
        workbook.active.append(["not the matrix"])
        sheet = workbook.create_sheet("DMVES")
        header, row = matrix(esme_row())
        row[header.index("bilingual")] = True
        row[header.index("firmware_version")] = 3
        sheet.append(header)
        sheet.append(row)
        path = tmp_path / "m.xlsx"
        workbook.save(path)
        model = import_table(path, catalogue).model("T-ESME")
        assert (model.bilingual, model.firmware_version) == (True, "3")


def export_csv_text(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# rows of the CSV file, expected entry, field and words
BROKEN = {
    "unknown column": (
        [[*matrix(esme_row())[0][:-1], "18.99(z)"], esme_row()],
        "row 1 (header)",
        "18.99(z)",
        "neither a property nor a clause id",
    ),
    "missing column": (
        [[c for c in matrix()[0] if c != "group_id"], [c for c in esme_row() if c != "EA"]],
        "row 1 (header)",
        "group_id",
        "missing column",
    ),
    "duplicate column": (
        [[*matrix()[0][:-1], "18.1(v)"], esme_row()],
        "row 1 (header)",
        "18.1(v)",
        "column appears twice",
    ),
    "short row": (
        matrix(esme_row()[:-2]),
        "row 2",
        None,
        "has 11 cells, the header has 13",
    ),
    "clause cell neither Y nor blank": (
        matrix(esme_row(**{"18.1(v)": "maybe"})),
        "row 2 (model 'T-ESME')",
        "18.1(v)",
        "'maybe' is neither Y nor blank/N",
    ),
    "boolean property neither Y nor N": (
        matrix(esme_row(bilingual="Welsh")),
        "row 2 (model 'T-ESME')",
        "bilingual",
        "'Welsh' is neither",
    ),
    "clause of another device type": (
        matrix(esme_row(**{"18.62(f)": "Y"})),
        "row 2 (model 'T-ESME')",
        "18.62(f)",
        "applies to CHF Device Models, not ESME",
    ),
    "bad GroupID": (
        matrix(esme_row(group_id="EB")),
        "row 2 (model 'T-ESME')",
        "group_id",
        "'EB' is not one of",
    ),
    "empty required cell": (
        matrix(esme_row(model="")),
        "row 2 (model 'T-ESME')",
        "model",
        "must not be empty",
    ),
    "missing id": (
        matrix(esme_row(id="")),
        "row 2",
        "id",
        "must not be empty",
    ),
    "duplicate id on a later row": (
        matrix(esme_row(), [""] * 13, esme_row(model="TM-2")),
        "row 4 (model 'T-ESME')",
        "id",
        "duplicate Device Model id (first in row 2",
    ),
}


@pytest.mark.parametrize(
    ("rows", "entry", "field", "words"), list(BROKEN.values()), ids=list(BROKEN)
)
def test_broken_csv_is_refused(tmp_path, catalogue, rows, entry, field, words):
    path = write_csv(tmp_path / "matrix.csv", rows)
    with pytest.raises(DataFileError) as caught:
        import_table(path, catalogue)
    error = caught.value
    assert (error.file, error.entry, error.field) == (str(path), entry, field)
    assert words in error.problem


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("m.csv", b"", "empty: no header row"),
        ("m.csv", b"id,\xff\n", "not UTF-8"),
        ("m.txt", b"id\n", "not a .csv or .xlsx file"),
        ("m.xlsx", b"PK\x03\x04 not really a workbook", "not a readable XLSX workbook"),
    ],
    ids=["empty", "not utf-8", "wrong suffix", "broken xlsx"],
)
def test_unreadable_files_are_refused(tmp_path, catalogue, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        import_table(path, catalogue)
    assert caught.value.file == str(path)
    assert words in caught.value.problem


def test_xlsx_date_cell_is_refused_with_row_and_column(tmp_path, catalogue):
    workbook = Workbook()
    header, row = matrix(esme_row())
    row[header.index("firmware_version")] = date(2021, 5, 7)
    workbook.active.append(header)
    workbook.active.append(row)
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    with pytest.raises(DataFileError) as caught:
        import_table(path, catalogue)
    assert (caught.value.entry, caught.value.field) == ("row 2", "column D")
    assert "date cell" in caught.value.problem


def test_rows_to_dmves_records_the_hash_given(catalogue):
    dmves = rows_to_dmves(matrix(esme_row()), "inline", "abc", catalogue)
    assert (dmves.source, dmves.sha256) == ("inline", "abc")
