"""The README names the tests that skip without the shared reference data, and how to point
at a copy: every file it names exists, and every test file that reads the data is named."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Tests that need the shared reference data", 1)[1].split("\n## ", 1)[0]
READS_DATA = re.compile(
    r"rtds_dir|rtds_file|rtds_bytes|RTDS_FILES|duis_dir|_need\(|TEMPLATES|SEEDS"
)


def _named() -> set[Path]:
    named: set[Path] = set()
    folder = None
    for token in re.findall(r"`([\w/.]+\.py)`", SECTION):
        path = Path(token)
        if len(path.parts) > 1:
            folder = path.parent
        named.add(path if len(path.parts) > 1 or folder is None else folder / path)
    return named


def test_the_section_says_how_to_point_at_a_copy():
    assert "S1SR_GBCS_RTDS" in SECTION and "S1SR_DUIS_DIR" in SECTION
    assert "../shared/gbcs-rtds" in SECTION and "../shared/duis" in SECTION


def test_every_named_file_exists():
    assert all((REPO / path).is_file() for path in _named()), sorted(map(str, _named()))


def test_every_test_file_that_reads_the_data_is_named():
    readers = {
        path.relative_to(REPO)
        for path in (REPO / "tests").rglob("test_*.py")
        if READS_DATA.search(path.read_text(encoding="utf-8")) and path.name != Path(__file__).name
    }
    assert readers <= _named(), sorted(map(str, readers - _named()))
