"""The hypothesis profiles, and which one this run uses.

``ci`` is fast and derandomised (chosen when CI is set), ``dev`` is the default,
``nightly`` searches far longer. ``HYPOTHESIS_PROFILE`` overrides the choice.

``ci`` runs every property on 20 examples, the same 20 on every run: each property is still
checked on each commit, and the search for rare inputs is the nightly profile's job (5000).
From 60 to 20 took 75 of 466 CPU-seconds off the tests (``pytest tests -n 2``, junit times).
The enumerated sweeps follow the same rule (``exhaustive``): under ``ci`` they try each
position with the values most likely to slip through, elsewhere every value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=150, deadline=None)
settings.register_profile(
    "nightly",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def chosen(environ: Mapping[str, str]) -> str:
    """``HYPOTHESIS_PROFILE`` when set, else ``ci`` under CI, else ``dev``."""
    return environ.get("HYPOTHESIS_PROFILE") or ("ci" if environ.get("CI") else "dev")


PROFILE = chosen(os.environ)


def load() -> None:
    settings.load_profile(PROFILE)


def exhaustive(profile: str = PROFILE) -> bool:
    """Whether an enumerated sweep tries every value (all but the ``ci`` profile)."""
    return profile != "ci"
