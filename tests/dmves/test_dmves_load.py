"""The shipped DMVES loads, meets the coverage rule and answers the suite's questions."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from s1sr.catalogue import Cohort, GroupId
from s1sr.dmves import (
    ENV_VAR,
    DataFileError,
    UnknownEntryError,
    coverage_gaps,
    default_dmves_path,
    load_dmves,
)
from s1sr.models import DeviceType
from tests.dmves.builders import toml_document, valid_model

REPO = Path(__file__).resolve().parents[2]


def test_default_is_the_repository_file_or_its_packaged_copy(monkeypatch):
    """From a checkout the file itself; from an installed wheel the copy shipped in it."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    repository = REPO / "device_models" / "dmves.toml"
    default = default_dmves_path()
    assert default == repository or default.parent.parent.name == "s1sr"
    assert default.read_bytes() == repository.read_bytes()


def test_environment_variable_overrides_the_default(monkeypatch, write_dmves):
    path = write_dmves([valid_model(id="ONLY-ONE")])
    monkeypatch.setenv(ENV_VAR, str(path))
    assert default_dmves_path() == path
    assert [m.id for m in load_dmves().models] == ["ONLY-ONE"]


def test_sha256_is_of_the_file_bytes(shipped):
    assert shipped.sha256 == hashlib.sha256(Path(shipped.source).read_bytes()).hexdigest()


def test_has_ten_or_more_foc_example_models_of_every_device_type(shipped):
    foc = [m for m in shipped.models if m.cohort is Cohort.FOC]
    assert len(foc) >= 10
    assert all(m.group_id is GroupId.EA for m in foc)
    assert {m.device_type for m in foc} == set(DeviceType)
    assert all(m.example for m in shipped.models)


def test_every_testable_clause_is_covered_both_ways(shipped, catalogue):
    assert coverage_gaps(shipped, catalogue) == ()


def test_coverage_gaps_name_the_clause_and_the_rule(write_dmves, catalogue):
    dmves = load_dmves(write_dmves([valid_model(clauses=["18.1(v)"])]))
    gaps = coverage_gaps(dmves, catalogue)
    assert "18.1(v): applies to 1 Device Model(s), needs at least 2" in gaps
    assert (
        "18.1(v): every ESME Device Model that could carry it does; none shows the baseline" in gaps
    )
    assert "18.62(f): no Device Model could carry it" in gaps


def test_applies(shipped):
    assert shipped.applies("EX-CHF-1", "18.62(f)")
    assert not shipped.applies("EX-CHF-3", "18.62(f)")
    assert shipped.applies("EX-PPMID-1", "18.63(c)")


@pytest.mark.parametrize(
    ("model_id", "clause_id", "what"),
    [("NO-SUCH", "18.62(f)", "Device Model"), ("EX-CHF-1", "18.62(z)", "clause id")],
)
def test_applies_refuses_unknown_ids(shipped, model_id, clause_id, what):
    with pytest.raises(UnknownEntryError, match=f"unknown {what}"):
        shipped.applies(model_id, clause_id)


def test_models_for_and_of_type(shipped):
    assert [m.id for m in shipped.models_for("18.62(f)")] == ["EX-CHF-1", "EX-CHF-2"]
    assert [m.id for m in shipped.of_type(DeviceType.IHD)] == ["EX-IHD-1", "EX-IHD-2"]
    with pytest.raises(UnknownEntryError):
        shipped.models_for("18.99")


def test_example_installations(shipped):
    installations = shipped.installations()
    assert set(installations) == {"HAN-1", "HAN-2", "HAN-3"}
    for models in installations.values():
        assert [m.device_type for m in models].count(DeviceType.CHF) == 1
    split = {m.device_type: m.supplier for m in installations["HAN-2"] if m.supplier}
    assert split == {DeviceType.ESME: "SUP-A", DeviceType.GSME: "SUP-B"}


def test_the_non_foc_model_carries_no_clause(shipped):
    model = shipped.model("EX-ESME-D1")
    assert (model.cohort, model.group_id, model.clauses) == (
        Cohort.MOC_SECURE,
        GroupId.DA,
        frozenset(),
    )


def test_missing_file_is_a_data_file_error(tmp_path):
    path = tmp_path / "absent.toml"
    with pytest.raises(DataFileError) as caught:
        load_dmves(path)
    assert caught.value.file == str(path)
    assert "cannot read" in caught.value.problem


def test_description_is_kept_but_not_compared(tmp_path):
    first = tmp_path / "a.toml"
    second = tmp_path / "b.toml"
    first.write_text(toml_document([valid_model()], 'schema = 1\ndescription = "one"\n'))
    second.write_text(toml_document([valid_model()], 'schema = 1\ndescription = "two"\n'))
    one, two = load_dmves(first), load_dmves(second)
    assert one.description == "one"
    assert one == two
    assert one.sha256 != two.sha256
