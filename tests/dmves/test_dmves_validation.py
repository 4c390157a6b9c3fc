"""Every way a DMVES TOML file can be wrong is refused, naming file, entry and field."""

from __future__ import annotations

import pytest

from s1sr.dmves import DataFileError, load_dmves
from s1sr.dmves.validation import REQUIRED_FIELDS
from tests.dmves.builders import valid_model

CHF = {"device_type": "CHF", "id": "T-CHF", "clauses": []}
PPMID = {"device_type": "PPMID", "id": "T-PPMID", "clauses": []}

# models in the file, expected entry, field and words of the problem
BROKEN = {
    "unknown clause id": (
        [valid_model(clauses=["18.1(v)", "18.99(z)"])],
        "model 'T-ESME'",
        "clauses",
        "unknown clause id '18.99(z)'",
    ),
    "clause of another device type": (
        [valid_model(clauses=["18.62(f)"])],
        "model 'T-ESME'",
        "clauses",
        "18.62(f) applies to CHF Device Models, not ESME",
    ),
    "gas-only clause on an ESME": (
        [valid_model(clauses=["18.21(f)"])],
        "model 'T-ESME'",
        "clauses",
        "applies to GSME Device Models",
    ),
    "clause listed twice": (
        [valid_model(clauses=["18.1(v)", "18.1(v)"])],
        "model 'T-ESME'",
        "clauses",
        "18.1(v) more than once",
    ),
    "duplicate model id": (
        [valid_model(), valid_model(model="TM-2")],
        "model 'T-ESME'",
        "id",
        "duplicate Device Model id (first in model 'T-ESME')",
    ),
    "extra field": (
        [valid_model(colour="red")],
        "model 'T-ESME'",
        "colour",
        "unknown field",
    ),
    "bad GroupID": (
        [valid_model(group_id="ZZ")],
        "model 'T-ESME'",
        "group_id",
        "'ZZ' is not one of: AA, BA, CA, CB, DA, EA",
    ),
    "lower-case GroupID": (
        [valid_model(group_id="ea")],
        "model 'T-ESME'",
        "group_id",
        "'ea' is not one of",
    ),
    "GroupID of another cohort": (
        [valid_model(group_id="DA", clauses=[])],
        "model 'T-ESME'",
        "cohort",
        "GroupID DA is cohort MOC-Secure, not FOC",
    ),
    "unknown cohort": (
        [valid_model(cohort="NOC")],
        "model 'T-ESME'",
        "cohort",
        "'NOC' is not one of",
    ),
    "uplift clause on a non-FOC model": (
        [valid_model(group_id="DA", cohort="MOC-Secure")],
        "model 'T-ESME'",
        "clauses",
        "cohort FOC, not MOC-Secure",
    ),
    "bilingual-only clause on an English-only model": (
        [{**valid_model(**PPMID), "clauses": ["18.63(c)"]}],
        "model 'T-PPMID'",
        "clauses",
        "18.63(c) applies to bilingual Device Models only",
    ),
    "unknown device type": (
        [valid_model(device_type="WATER")],
        "model 'T-ESME'",
        "device_type",
        "'WATER' is not one of",
    ),
    "boolean given as text": (
        [valid_model(bilingual="yes")],
        "model 'T-ESME'",
        "bilingual",
        "must be true or false, got str",
    ),
    "firmware version given as a number": (
        [valid_model(firmware_version=1.2)],
        "model 'T-ESME'",
        "firmware_version",
        "must be a string, got float",
    ),
    "clauses given as text": (
        [valid_model(clauses="18.1(v)")],
        "model 'T-ESME'",
        "clauses",
        "must be a list of strings, got str",
    ),
    "clause given as a number": (
        [valid_model(clauses=[18])],
        "model 'T-ESME'",
        "clauses",
        "must hold strings only",
    ),
    "empty manufacturer": (
        [valid_model(manufacturer="  ")],
        "model 'T-ESME'",
        "manufacturer",
        "must not be empty",
    ),
    "id with a space": (
        [valid_model(id="T ESME")],
        "model 'T ESME'",
        "id",
        "is not an id",
    ),
    "id given as a number": (
        [valid_model(id=7)],
        "model #1",
        "id",
        "must be a string, got int",
    ),
    "supplier on a CHF": (
        [valid_model(**CHF, han_id="H", supplier="SUP-A")],
        "model 'T-CHF'",
        "supplier",
        "only an ESME or a GSME has a supplier",
    ),
    "supplier without an installation": (
        [valid_model(supplier="SUP-A")],
        "model 'T-ESME'",
        "supplier",
        "needs a han_id",
    ),
    "installation with two ESMEs": (
        [
            valid_model(han_id="H"),
            valid_model(id="T-ESME-2", han_id="H"),
            valid_model(**CHF, han_id="H"),
        ],
        "model 'T-ESME-2'",
        "han_id",
        "installation 'H' already has a Device Model of type ESME",
    ),
    "installation without a CHF": (
        [valid_model(han_id="H"), valid_model(**PPMID, han_id="H")],
        "model 'T-ESME'",
        "han_id",
        "installation 'H' has no CHF",
    ),
}
for _field in REQUIRED_FIELDS:
    BROKEN[f"missing {_field}"] = (
        [valid_model(**{_field: ...})],
        "model #1" if _field == "id" else "model 'T-ESME'",
        _field,
        "missing",
    )


@pytest.mark.parametrize(
    ("models", "entry", "field", "words"), list(BROKEN.values()), ids=list(BROKEN)
)
def test_broken_model_is_refused(write_dmves, models, entry, field, words):
    path = write_dmves(models)
    with pytest.raises(DataFileError) as caught:
        load_dmves(path)
    error = caught.value
    assert (error.file, error.entry, error.field) == (str(path), entry, field)
    assert words in error.problem
    assert str(error) == f"{path}: {entry}: field '{field}': {error.problem}"


def test_entry_numbering_counts_from_one(write_dmves):
    path = write_dmves([valid_model(), valid_model(id=...)])
    with pytest.raises(DataFileError) as caught:
        load_dmves(path)
    assert caught.value.entry == "model #2"


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("schema = 1\n[[model]\n", None, "not valid TOML"),
        ("schema = 2\n", "schema", "must be 1"),
        ('schema = 1\ntitle = "x"\n', "title", "unknown top-level key"),
        ("schema = 1\n", "model", "no [[model]] entries"),
        ('schema = 1\nmodel = "x"\n', "model", "array of tables"),
        ("schema = 1\ndescription = 3\n[[model]]\n", "description", "must be a string"),
    ],
    ids=["invalid TOML", "schema", "unknown key", "no models", "models not tables", "description"],
)
def test_broken_file_is_refused(tmp_path, text, field, words):
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(DataFileError) as caught:
        load_dmves(path)
    assert (caught.value.file, caught.value.entry, caught.value.field) == (str(path), None, field)
    assert words in caught.value.problem


def test_a_valid_hand_written_file_loads(write_dmves):
    dmves = load_dmves(
        write_dmves([valid_model(han_id="H", supplier="S"), valid_model(**CHF, han_id="H")])
    )
    assert [m.id for m in dmves.models] == ["T-ESME", "T-CHF"]
    assert dmves.model("T-ESME").supplier == "S"
