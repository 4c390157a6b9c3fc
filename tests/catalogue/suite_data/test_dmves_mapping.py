"""The DMVES maps clauses that exist and fit, and covers them (moved from conformance/)."""

from __future__ import annotations

import pytest

from s1sr.dmves.coverage import MIN_MODELS_PER_CLAUSE, could_carry


def test_model_clauses_exist_and_fit(catalogue, dmves, model_id):
    model = dmves.model(model_id)
    for clause_id in model.clauses:
        clause = catalogue.clause(clause_id)
        assert could_carry(model, clause), clause_id


@pytest.fixture
def example_dmves(dmves):
    if not all(m.example for m in dmves.models):
        pytest.skip("the coverage rule binds the shipped example DMVES only")
    return dmves


def test_testable_clause_applies_to_enough_models(catalogue, example_dmves, testable_id):
    assert len(example_dmves.models_for(testable_id)) >= MIN_MODELS_PER_CLAUSE


def test_testable_clause_is_absent_from_a_model_of_each_type(catalogue, example_dmves, testable_id):
    clause = catalogue.clause(testable_id)
    for device_type in clause.device_types:
        eligible = [m for m in example_dmves.of_type(device_type) if could_carry(m, clause)]
        if eligible:
            assert any(testable_id not in m.clauses for m in eligible), device_type


def test_every_example_installation_has_one_chf(dmves):
    for han_id, models in dmves.installations().items():
        assert [m.device_type for m in models].count("CHF") == 1, han_id
