"""``s1sr models`` and ``s1sr dmves check|import|export``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from s1sr.dmves import import_table, load_dmves

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "device_models" / "dmves.toml"


@pytest.fixture
def wrong_clause(tmp_path) -> Path:
    path = tmp_path / "wrong.toml"
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace('"18.62(f)"', '"18.62(z)"', 1))
    return path


def test_models_json_lists_every_device_model(s1sr):
    run = s1sr("models", "--format", "json")
    assert run.code == 0
    assert [m["id"] for m in run.json()] == [m.id for m in load_dmves(SHIPPED).models]


def test_models_filtered_by_clause_and_type(s1sr):
    run = s1sr("models", "--clause", "18.63(c)", "--device-type", "PPMID", "--format", "json")
    assert [m["id"] for m in run.json()] == ["EX-PPMID-1", "EX-PPMID-2"]


def test_models_text_counts_clauses(s1sr):
    lines = s1sr("models", "--device-type", "CHF").out.splitlines()
    assert lines[0].split()[-1] == "CLAUSES"
    assert [line.split()[-1] for line in lines[1:]] == ["2", "1", "0"]


def test_models_uses_the_environment_variable(s1sr, monkeypatch, wrong_clause):
    monkeypatch.setenv("S1SR_DMVES", str(wrong_clause))
    run = s1sr("models")
    assert run.code == 1
    assert str(wrong_clause) in run.err


def test_models_unknown_clause_is_a_usage_error(s1sr):
    run = s1sr("models", "--clause", "18.99")
    assert run.code == 2
    assert "unknown clause id: 18.99" in run.err


def test_check_accepts_the_shipped_file_with_coverage(s1sr):
    run = s1sr("dmves", "check", str(SHIPPED), "--coverage")
    assert run.code == 0
    assert run.out.startswith(f"{SHIPPED}: OK: 16 Device Models, sha256 ")


def test_check_names_file_entry_and_field_of_a_wrong_clause_id(s1sr, wrong_clause):
    run = s1sr("dmves", "check", str(wrong_clause))
    assert run.code == 1
    assert run.err == (
        f"s1sr: error: {wrong_clause}: model 'EX-CHF-1': field 'clauses': "
        "unknown clause id '18.62(z)'\n"
    )


def test_check_coverage_failure(s1sr, tmp_path):
    path = tmp_path / "thin.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    path.write_text(text.replace('clauses = ["18.62(f)"]\n', "clauses = []\n", 1))
    assert s1sr("dmves", "check", str(path)).code == 0
    run = s1sr("dmves", "check", str(path), "--coverage")
    assert run.code == 1
    assert "18.62(f): applies to 1 Device Model(s)" in run.err


def test_export_csv_then_import_gives_the_same_dmves(s1sr, tmp_path):
    csv_path = tmp_path / "m.csv"
    assert s1sr("dmves", "export", "-o", str(csv_path)).code == 0
    assert import_table(csv_path) == load_dmves(SHIPPED)
    run = s1sr("dmves", "import", str(csv_path))
    assert run.code == 0
    assert run.out.startswith("# Imported from m.csv by s1sr dmves import.\n")
    assert len(tomllib.loads(run.out)["model"]) == 16
    toml_path = tmp_path / "back.toml"
    assert s1sr("dmves", "import", str(csv_path), "-o", str(toml_path)).code == 0
    assert load_dmves(toml_path) == load_dmves(SHIPPED)


def test_export_csv_to_stdout(s1sr):
    run = s1sr("dmves", "export")
    assert run.code == 0
    assert run.out.splitlines()[0].startswith("id,manufacturer,model,firmware_version,")


def test_export_xlsx_needs_an_output_file(s1sr, tmp_path):
    run = s1sr("dmves", "export", "--format", "xlsx")
    assert run.code == 2
    assert "needs -o FILE" in run.err
    path = tmp_path / "m.xlsx"
    assert s1sr("dmves", "export", "--format", "xlsx", "-o", str(path)).code == 0
    assert s1sr("dmves", "check", str(path)).code == 0


def test_import_refuses_toml_input(s1sr):
    run = s1sr("dmves", "import", str(SHIPPED))
    assert run.code == 2
    assert "import reads .csv or .xlsx files" in run.err


def test_import_error_names_row_and_column(s1sr, tmp_path):
    path = tmp_path / "m.csv"
    assert s1sr("dmves", "export", "-o", str(path)).code == 0
    rows = path.read_bytes().split(b"\r\n")
    rows[1] = rows[1].replace(b",EA,", b",XX,", 1)
    path.write_bytes(b"\r\n".join(rows))
    run = s1sr("dmves", "import", str(path))
    assert run.code == 1
    assert f"{path}: row 2 (model 'EX-ESME-1'): field 'group_id': 'XX' is not one of" in run.err
