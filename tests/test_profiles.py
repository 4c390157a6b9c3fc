"""Which hypothesis profile a run uses, and which sweeps it runs whole."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests import profiles


@pytest.mark.parametrize(
    ("environ", "profile"),
    [
        ({}, "dev"),
        ({"CI": "true"}, "ci"),
        ({"CI": "true", "HYPOTHESIS_PROFILE": "nightly"}, "nightly"),
        ({"HYPOTHESIS_PROFILE": "ci"}, "ci"),
        ({"CI": "", "HYPOTHESIS_PROFILE": ""}, "dev"),
    ],
)
def test_the_profile_is_the_variable_then_ci_then_dev(environ, profile):
    assert profiles.chosen(environ) == profile


def test_the_loaded_profile_is_the_chosen_one():
    assert settings.default.max_examples == settings.get_profile(profiles.PROFILE).max_examples


@pytest.mark.parametrize(("profile", "whole"), [("ci", False), ("dev", True), ("nightly", True)])
def test_only_the_ci_profile_cuts_the_sweeps_short(profile, whole):
    assert profiles.exhaustive(profile) is whole


def test_ci_is_fewer_derandomised_examples_and_nightly_many_more():
    ci, dev, nightly = (settings.get_profile(name) for name in ("ci", "dev", "nightly"))
    assert ci.derandomize and ci.max_examples < dev.max_examples < nightly.max_examples
