"""The shipped catalogue says what the issue and domain-notes require, entry by entry."""

from __future__ import annotations

import re

import pytest

from s1sr.catalogue import ClauseKind, Cohort, UnknownEntryError, load_catalogue
from s1sr.models import SRV, DeviceType
from s1sr.verdicts import Verdict

DRAFTING_REFERENCES = (
    "18.1(v) 18.5(ee) 18.5(gg) 18.5(hh) 18.6(b) 18.14(a) 18.17(b) 18.17(i) 18.18(a) "
    "18.18(f) 18.18(g) 18.19(a) 18.21(e) 18.21(f) 18.22(b) 18.22(c) 18.22(d) 18.23 18.24 "
    "18.27(p) 18.27(q) 18.27(r) 18.62(f) 18.63(b) 18.63(c) 18.64(a) 18.64(b) 18.65(c) "
    "18.65(d) 18.65(e)"
).split()
SCOPE_ITEMS = (
    "scope:duplicate-utrn",
    "scope:ppmid-swap-out",
    "scope:ppmid-firmware-update",
    "scope:split-supplier-certificates",
    "scope:opt-in-out-tactical-fix",
)
ALL_VERDICTS = frozenset(Verdict)


def test_lists_every_drafting_reference_and_scope_item_once(catalogue):
    assert len(DRAFTING_REFERENCES) == 30
    assert catalogue.clause_ids == (*DRAFTING_REFERENCES, *SCOPE_ITEMS)


def test_scope_items_are_marked_as_such(catalogue):
    assert [c.id for c in catalogue.clauses if c.is_scope_item] == list(SCOPE_ITEMS)


def test_loading_is_cached():
    assert load_catalogue() is load_catalogue()


@pytest.mark.parametrize("clause_id", ["18.27(p)", "18.65(e)"])
def test_removed_and_undescribed_clauses_are_not_testable(catalogue, clause_id):
    clause = catalogue.clause(clause_id)
    assert not clause.testable
    assert clause.verdicts == {Verdict.NOT_APPLICABLE}
    assert clause.srvs == ()


@pytest.mark.parametrize("clause_id", ["18.63(c)", "18.64(b)"])
def test_uncertain_clauses_never_pass_or_fail(catalogue, clause_id):
    clause = catalogue.clause(clause_id)
    assert clause.kind is ClauseKind.UNCERTAIN
    assert clause.testable
    assert clause.verdicts == {Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE}
    assert clause.bilingual_only


def test_every_other_clause_can_give_every_verdict(catalogue):
    others = [
        c
        for c in catalogue.clauses
        if c.kind not in {ClauseKind.UNCERTAIN, ClauseKind.REMOVED, ClauseKind.NO_DESCRIPTION}
    ]
    assert len(others) == 31
    assert all(c.verdicts == ALL_VERDICTS and c.testable for c in others)


def test_the_undescribed_clause_has_no_words(catalogue):
    assert catalogue.clause("18.65(e)").kind is ClauseKind.NO_DESCRIPTION
    assert catalogue.clause("18.65(e)").change == ""
    assert catalogue.clause("18.27(p)").kind is ClauseKind.REMOVED


@pytest.mark.parametrize(
    ("clause_id", "device_types", "first_srv"),
    [
        ("18.6(b)", {DeviceType.ESME, DeviceType.GSME}, SRV.TOP_UP_DEVICE),
        ("18.14(a)", {DeviceType.GSME}, SRV.RETRIEVE_IMPORT_DAILY_READ_LOG),
        ("18.17(b)", {DeviceType.GSME}, SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG),
        ("18.18(a)", {DeviceType.GSME}, SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG),
        ("18.17(i)", {DeviceType.ESME, DeviceType.GSME}, SRV("4.4.2")),
        ("18.18(g)", {DeviceType.ESME, DeviceType.GSME}, SRV("4.4.3")),
        ("18.19(a)", {DeviceType.ESME, DeviceType.GSME}, SRV("4.4.4")),
        ("18.21(e)", {DeviceType.GSME}, SRV("4.6.1")),
        ("18.21(f)", {DeviceType.GSME}, SRV("4.6.1")),
        ("18.62(f)", {DeviceType.CHF}, SRV.UPDATE_HAN_DEVICE_LOG),
        ("18.63(b)", {DeviceType.PPMID}, SRV.UPDATE_FIRMWARE),
        ("18.64(a)", {DeviceType.PPMID}, SRV.READ_FIRMWARE_VERSION),
        ("18.65(c)", {DeviceType.PPMID}, SRV.ACTIVATE_FIRMWARE),
        ("18.22(b)", {DeviceType.ESME, DeviceType.GSME}, SRV("4.8.1")),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_device_types_and_srv_of(catalogue, clause_id, device_types, first_srv):
    clause = catalogue.clause(clause_id)
    assert clause.device_types == device_types
    assert clause.srvs[0] is first_srv


def test_second_upgrade_rule_covers_other_han_devices(catalogue):
    clause = catalogue.clause("18.65(d)")
    assert {DeviceType.PPMID, DeviceType.ESME, DeviceType.GSME} == clause.device_types
    assert "other HAN devices too" in clause.interpretation


def test_every_entry_is_restricted_to_the_foc_cohort(catalogue):
    assert {c.id for c in catalogue.clauses if c.cohorts != {Cohort.FOC}} == set()


def test_no_clause_concerns_the_ihd(catalogue):
    assert catalogue.for_device_type(DeviceType.IHD) == ()


def test_for_device_type_chf(catalogue):
    ids = [c.id for c in catalogue.for_device_type(DeviceType.CHF)]
    assert ids == ["18.62(f)", "scope:ppmid-swap-out"]


def test_for_srv_accepts_enum_and_text(catalogue):
    by_enum = catalogue.for_srv(SRV.RETRIEVE_IMPORT_DAILY_READ_LOG)
    assert by_enum == catalogue.for_srv("4.6.1")
    assert [c.id for c in by_enum] == ["18.14(a)", "18.21(e)", "18.21(f)"]


def test_for_family_groups_the_timeouts(catalogue):
    ids = [c.id for c in catalogue.for_family("billing-log-timeouts")]
    assert ids == ["18.17(i)", "18.18(g)", "18.19(a)"]


def test_unknown_clause_lookup_names_the_id(catalogue):
    with pytest.raises(KeyError) as caught:
        catalogue.clause("18.99(z)")
    assert isinstance(caught.value, UnknownEntryError)
    assert str(caught.value) == "unknown clause id: 18.99(z)"


@pytest.mark.parametrize(
    "lookup",
    [
        lambda c: c.srv("9.9"),
        lambda c: c.for_srv("9.9"),
        lambda c: c.alert("S1ZZ99"),
        lambda c: c.family("nope"),
        lambda c: c.alerts_for("18.99(z)"),
    ],
    ids=["srv", "for_srv", "alert", "family", "alerts_for"],
)
def test_other_unknown_lookups_raise(catalogue, lookup):
    with pytest.raises(UnknownEntryError):
        lookup(catalogue)


def test_every_clause_states_interpretation_and_baseline(catalogue):
    for clause in catalogue.clauses:
        assert len(clause.interpretation) > 40, clause.id
        assert len(clause.baseline) > 20, clause.id


def test_every_family_is_used_and_every_clause_has_one(catalogue):
    slugs = {f.slug for f in catalogue.families}
    assert {c.family for c in catalogue.clauses} == slugs


class TestSrvCatalogue:
    def test_covers_exactly_the_srvs_in_scope(self, catalogue):
        assert [info.number for info in catalogue.srvs] == list(SRV)

    @pytest.mark.parametrize(
        ("number", "use_cases"),
        [
            ("2.2", ("CS01a", "CS01b")),
            ("4.4.2", ("ECS20b", "GCS15b")),
            ("8.11", ("CCS01", "CCS02")),
            ("11.3", ("CS06",)),
            ("11.1", ()),
        ],
    )
    def test_use_cases_match_domain_notes(self, catalogue, number, use_cases):
        assert catalogue.srv(number).use_cases == use_cases

    def test_device_log_targets_the_chf_only(self, catalogue):
        assert catalogue.srv(SRV.UPDATE_HAN_DEVICE_LOG).device_types == {DeviceType.CHF}

    def test_every_clause_srv_targets_one_of_its_device_types(self, catalogue):
        for clause in catalogue.clauses:
            for srv in clause.srvs:
                assert catalogue.srv(srv).device_types & clause.device_types, clause.id


class TestAlertCatalogue:
    def test_s1ce20_is_public_and_raised_by_the_timeout_clauses(self, catalogue):
        alert = catalogue.alert("S1CE20")
        assert not alert.project_defined
        mentioned = {c.id for c in catalogue.clauses if "S1CE20" in c.change}
        assert set(alert.clauses) == mentioned == {"18.17(i)", "18.18(g)", "18.19(a)"}

    def test_every_other_code_is_project_defined(self, catalogue):
        others = [a for a in catalogue.alerts if a.code != "S1CE20"]
        assert others
        assert all(a.project_defined and a.code.startswith("S1PX") for a in others)
        assert all(a.source == "project" for a in others)

    def test_every_alert_code_the_clauses_mention_is_catalogued(self, catalogue):
        mentioned = set()
        for clause in catalogue.clauses:
            text = " ".join((clause.change, clause.interpretation, clause.baseline))
            mentioned |= set(re.findall(r"\bS1(?:CE|PX)\d{2}\b", text))
        assert mentioned == {a.code for a in catalogue.alerts}

    def test_alerts_for_the_utrn_rejection(self, catalogue):
        assert [a.code for a in catalogue.alerts_for("18.6(b)")] == ["S1PX01"]
        assert [a.code for a in catalogue.alerts_for("scope:duplicate-utrn")] == ["S1PX02"]
