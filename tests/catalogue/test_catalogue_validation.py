"""Every way a catalogue data file can be wrong is refused, naming file, entry and field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from s1sr.catalogue import (
    VERDICTS_BY_KIND,
    ClauseKind,
    DataFileError,
    FieldValueError,
    read_catalogue,
)
from s1sr.models import ModelError
from s1sr.verdicts import Verdict

V = '"PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE", "ERROR"'

# (file, anchor, old, new, expected entry, expected field, expected words)
BROKEN = {
    "missing field": (
        "clauses.toml",
        'id = "18.1(v)"',
        'title = "Seasons within tariffs"\n',
        "",
        "clause '18.1(v)'",
        "title",
        "missing",
    ),
    "extra field": (
        "clauses.toml",
        'id = "18.1(v)"',
        "kind =",
        'colour = "red"\nkind =',
        "clause '18.1(v)'",
        "colour",
        "unknown field",
    ),
    "srvs not a list": (
        "clauses.toml",
        'id = "18.1(v)"',
        'srvs = ["1.1.1"]',
        'srvs = "1.1.1"',
        "clause '18.1(v)'",
        "srvs",
        "must be a list",
    ),
    "unknown kind": (
        "clauses.toml",
        'id = "18.1(v)"',
        'kind = "restriction-removed"',
        'kind = "improved"',
        "clause '18.1(v)'",
        "kind",
        "'improved' is not one of",
    ),
    "unknown device type": (
        "clauses.toml",
        'id = "18.1(v)"',
        '["ESME", "GSME"]',
        '["ESME", "WATER"]',
        "clause '18.1(v)'",
        "device_types",
        "'WATER'",
    ),
    "unknown srv": (
        "clauses.toml",
        'id = "18.1(v)"',
        '["1.1.1"]',
        '["9.9.9"]',
        "clause '18.1(v)'",
        "srvs",
        "'9.9.9'",
    ),
    "srv listed twice": (
        "clauses.toml",
        'id = "18.17(i)"',
        '["4.4.2", "1.1.1", "1.6"]',
        '["4.4.2", "4.4.2"]',
        "clause '18.17(i)'",
        "srvs",
        "more than once",
    ),
    "srv for another device type": (
        "clauses.toml",
        'id = "18.62(f)"',
        '["8.11"]',
        '["2.2"]',
        "clause '18.62(f)'",
        "srvs",
        "targets none of the clause's device types",
    ),
    "verdicts do not fit the kind": (
        "clauses.toml",
        'id = "18.63(c)"',
        '["INCONCLUSIVE", "NOT_APPLICABLE"]',
        f"[{V}]",
        "clause '18.63(c)'",
        "verdicts",
        "uncertain clause gives exactly",
    ),
    "unknown verdict": (
        "clauses.toml",
        'id = "18.63(c)"',
        '"INCONCLUSIVE",',
        '"MAYBE",',
        "clause '18.63(c)'",
        "verdicts",
        "'MAYBE'",
    ),
    "duplicate clause id": (
        "clauses.toml",
        'id = "18.5(gg)"',
        'id = "18.5(gg)"',
        'id = "18.5(ee)"',
        "clause '18.5(ee)'",
        "id",
        "listed twice",
    ),
    "malformed clause id": (
        "clauses.toml",
        'id = "18.1(v)"',
        'id = "18.1(v)"',
        'id = "18.1v"',
        "clause '18.1v'",
        "id",
        "not a clause id",
    ),
    "undeclared family": (
        "clauses.toml",
        'id = "18.1(v)"',
        'family = "tariff-seasons"',
        'family = "tariffs"',
        "clause '18.1(v)'",
        "family",
        "not a declared [[family]]",
    ),
    "removed clause with an srv": (
        "clauses.toml",
        'id = "18.27(p)"',
        "srvs = []",
        'srvs = ["2.3"]',
        "clause '18.27(p)'",
        "srvs",
        "nothing to test",
    ),
    "testable clause without srv": (
        "clauses.toml",
        'id = "18.1(v)"',
        'srvs = ["1.1.1"]',
        "srvs = []",
        "clause '18.1(v)'",
        "srvs",
        "needs at least one SRV",
    ),
    "words on the undescribed clause": (
        "clauses.toml",
        'id = "18.65(e)"',
        'change = ""',
        'change = "Something."',
        "clause '18.65(e)'",
        "change",
        "no description has no words",
    ),
    "no device type": (
        "clauses.toml",
        'id = "18.62(f)"',
        'device_types = ["CHF"]',
        "device_types = []",
        "clause '18.62(f)'",
        "device_types",
        "at least one device type",
    ),
    "bilingual_only not a bool": (
        "clauses.toml",
        'id = "18.63(c)"',
        "bilingual_only = true",
        'bilingual_only = "yes"',
        "clause '18.63(c)'",
        "bilingual_only",
        "true or false",
    ),
    "family declared twice": (
        "clauses.toml",
        'slug = "ndc"',
        'slug = "ndc"',
        'slug = "tariff-seasons"',
        "family 'tariff-seasons'",
        "slug",
        "listed twice",
    ),
    "alert names an unknown clause": (
        "alerts.toml",
        'code = "S1PX01"',
        '["18.6(b)"]',
        '["18.6(z)"]',
        "alert 'S1PX01'",
        "clauses",
        "unknown clause id '18.6(z)'",
    ),
    "project-defined alert without the prefix": (
        "alerts.toml",
        'code = "S1PX01"',
        'code = "S1PX01"',
        'code = "S1XX01"',
        "alert 'S1XX01'",
        "code",
        "start with S1PX",
    ),
    "public alert with the project prefix": (
        "alerts.toml",
        'code = "S1CE20"',
        "project_defined = false",
        "project_defined = true",
        "alert 'S1CE20'",
        "code",
        "start with S1PX",
    ),
    "alert flag ill-typed": (
        "alerts.toml",
        'code = "S1CE20"',
        "project_defined = false",
        "project_defined = 0",
        "alert 'S1CE20'",
        "project_defined",
        "true or false",
    ),
    "bad use case": (
        "srvs.toml",
        'number = "2.2"',
        '["CS01a", "CS01b"]',
        '["top-up"]',
        "srv '2.2'",
        "use_cases",
        "GBCS use case",
    ),
    "srv listed twice in the srv catalogue": (
        "srvs.toml",
        'number = "1.6"',
        'number = "1.6"',
        'number = "1.1.1"',
        "srv '1.1.1'",
        "number",
        "listed twice",
    ),
    "srv without device types": (
        "srvs.toml",
        'number = "8.11"',
        'device_types = ["CHF"]',
        "device_types = []",
        "srv '8.11'",
        "device_types",
        "non-empty",
    ),
    "srv name empty": (
        "srvs.toml",
        'number = "8.11"',
        'name = "Update HAN Device Log"',
        'name = "  "',
        "srv '8.11'",
        "name",
        "must not be empty",
    ),
}


@pytest.mark.parametrize(
    ("file", "anchor", "old", "new", "entry", "field", "words"),
    list(BROKEN.values()),
    ids=list(BROKEN),
)
def test_broken_entry_is_refused(
    break_file, data_copy, file, anchor, old, new, entry, field, words
):
    path = break_file(file, anchor, old, new)
    with pytest.raises(DataFileError) as caught:
        read_catalogue(data_copy)
    error = caught.value
    assert (error.file, error.entry, error.field) == (str(path), entry, field)
    assert words in error.problem
    assert str(error).startswith(f"{path}: {entry}: field '{field}': ")


# (file, anchor, old, new, expected field or None, expected words) for file-level problems
FILE_LEVEL = {
    "invalid TOML": (
        "clauses.toml",
        "schema = 1",
        "schema = 1",
        "schema = 1\n[[clause]",
        None,
        "not valid TOML",
    ),
    "schema version": (
        "srvs.toml",
        "schema = 1",
        "schema = 1",
        "schema = 2",
        "schema",
        "must be 1",
    ),
    "unknown top-level key": (
        "alerts.toml",
        "schema = 1",
        "schema = 1",
        "schema = 1\nextra = 1",
        "extra",
        "unknown top-level key",
    ),
    "no entries": (
        "alerts.toml",
        "schema = 1",
        "[[alert]]",
        "[[alerts]]",
        "alerts",
        "unknown top-level key",
    ),
    "unused family": (
        "clauses.toml",
        "schema = 1",
        "[[family]]",
        '[[family]]\nslug = "spare"\ntitle = "Spare"\n\n[[family]]',
        "family",
        "declared but unused: spare",
    ),
}


@pytest.mark.parametrize(
    ("file", "anchor", "old", "new", "field", "words"),
    list(FILE_LEVEL.values()),
    ids=list(FILE_LEVEL),
)
def test_broken_file_is_refused(break_file, data_copy, file, anchor, old, new, field, words):
    path = break_file(file, anchor, old, new)
    with pytest.raises(DataFileError) as caught:
        read_catalogue(data_copy)
    assert caught.value.file == str(path)
    assert caught.value.field == field
    assert words in caught.value.problem


def test_entries_that_are_not_tables_are_refused(data_copy):
    (data_copy / "srvs.toml").write_text('schema = 1\nsrv = "x"\n')
    with pytest.raises(DataFileError) as caught:
        read_catalogue(data_copy)
    assert (caught.value.field, caught.value.problem) == (
        "srv",
        "must be an array of tables ([[srv]])",
    )


def test_missing_data_file_is_refused(data_copy):
    (data_copy / "alerts.toml").unlink()
    with pytest.raises(DataFileError, match=r"alerts\.toml: cannot read"):
        read_catalogue(data_copy)


def test_not_utf8_is_refused(data_copy):
    (data_copy / "srvs.toml").write_bytes(b"schema = 1\n# \xff\n")
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_catalogue(data_copy)


def test_an_unbroken_copy_loads_equal_to_the_packaged_catalogue(data_copy, catalogue):
    assert read_catalogue(data_copy) == catalogue


class TestClauseConstruction:
    """The frozen model refuses bad values itself, whoever builds it."""

    def test_verdicts_are_fixed_by_kind_for_every_kind(self):
        assert set(VERDICTS_BY_KIND) == set(ClauseKind)
        assert VERDICTS_BY_KIND[ClauseKind.REMOVED] == {Verdict.NOT_APPLICABLE}

    def test_refuses_a_pass_for_a_removed_clause(self, catalogue):
        removed = catalogue.clause("18.27(p)")
        with pytest.raises(FieldValueError) as caught:
            replace(removed, verdicts=frozenset({Verdict.PASS, Verdict.NOT_APPLICABLE}))
        assert caught.value.field == "verdicts"
        assert isinstance(caught.value, ModelError)

    def test_refuses_device_types_given_as_a_list(self, catalogue):
        with pytest.raises(FieldValueError, match="device_types"):
            replace(catalogue.clause("18.1(v)"), device_types=["ESME"])

    def test_refuses_srvs_given_as_text(self, catalogue):
        with pytest.raises(FieldValueError, match="srvs"):
            replace(catalogue.clause("18.1(v)"), srvs=("1.1.1",))
