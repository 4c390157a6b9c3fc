"""The ``xdist_group`` marks of a worker's tests, carried to the controller in a file.

The controller sees node ids only, and pytest 9 keeps xdist's workers from adding the group to
them; so each worker writes node id -> group when its collection ends, and the scheduler
(``scheduling``) reads it. Kept apart from the scheduler so the plugin imports without
pytest-xdist installed: an installed s1sr runs the suite in one process without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

GROUPS_KEY = "s1sr_xdist_groups"  # workerinput: the file a worker writes its groups to


def group_of(item: pytest.Item) -> str | None:
    """The item's ``xdist_group`` names, joined as pytest-xdist joins them."""
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names)) or None


def write_groups(items: Sequence[pytest.Item], path: Path) -> None:
    """Node id -> group of every grouped item, written whole or not at all."""
    groups = {item.nodeid: group for item in items if (group := group_of(item)) is not None}
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(groups), encoding="utf-8")
    os.replace(partial, path)


def read_groups(paths: Iterable[Path]) -> dict[str, str]:
    """The groups of the first worker that wrote them (all collect the same items)."""
    for path in paths:
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return {}
