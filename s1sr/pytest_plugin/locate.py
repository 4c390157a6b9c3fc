"""Where the conformance suite is, for ``s1sr run`` and the sensitivity runner.

An installed s1sr ships the suite as the package ``s1sr.conformance`` when it is built
with it; a checkout (an editable install) has it as ``conformance/`` beside the package.
``S1SR_SUITE`` names another folder (a copy a manufacturer keeps).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import s1sr

ENV_VAR = "S1SR_SUITE"


class SuiteNotFound(LookupError):
    pass


def find_suite() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if not path.is_dir():
            raise SuiteNotFound(f"{ENV_VAR}={override} is not a folder")
        return path
    spec = importlib.util.find_spec("s1sr.conformance")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    beside = Path(s1sr.__file__).resolve().parents[1] / "conformance"
    if beside.is_dir():
        return beside
    raise SuiteNotFound(
        "no conformance suite: neither the package s1sr.conformance nor a conformance/ "
        f"folder beside {Path(s1sr.__file__).parent}; set {ENV_VAR}"
    )


def family_module(suite: Path, family: str) -> Path | None:
    """The suite module of a clause family (``ndc`` -> ``test_ndc.py``), if it exists."""
    path = suite / f"test_{family.replace('-', '_')}.py"
    return path if path.is_file() else None
