"""Every catalogue entry is usable by a conformance test (moved from conformance/)."""

from __future__ import annotations

from s1sr.catalogue import ClauseKind
from s1sr.verdicts import Verdict


def test_catalogue_holds_the_30_references_and_5_scope_items(catalogue):
    scope = [c for c in catalogue.clauses if c.is_scope_item]
    assert (len(catalogue.clauses) - len(scope), len(scope)) == (30, 5)


def test_clause_srvs_exist_and_target_its_device_types(catalogue, clause_id):
    clause = catalogue.clause(clause_id)
    for srv in clause.srvs:
        assert catalogue.srv(srv).device_types & clause.device_types


def test_clause_verdicts_follow_its_kind(catalogue, clause_id):
    clause = catalogue.clause(clause_id)
    if clause.kind in {ClauseKind.REMOVED, ClauseKind.NO_DESCRIPTION}:
        assert clause.verdicts == {Verdict.NOT_APPLICABLE}
        assert not clause.testable
    elif clause.kind is ClauseKind.UNCERTAIN:
        assert Verdict.PASS not in clause.verdicts
        assert Verdict.FAIL not in clause.verdicts
        assert Verdict.INCONCLUSIVE in clause.verdicts
    else:
        assert {Verdict.PASS, Verdict.FAIL} <= clause.verdicts


def test_clause_family_is_declared(catalogue, clause_id):
    assert catalogue.family(catalogue.clause(clause_id).family).title


def test_alerts_refer_to_catalogued_clauses(catalogue):
    for alert in catalogue.alerts:
        for clause_id in alert.clauses:
            assert catalogue.has_clause(clause_id), (alert.code, clause_id)
