"""What the plugin keeps per process across sessions: the DMVES each file's content gave."""

from __future__ import annotations

from s1sr.catalogue import load_catalogue
from s1sr.dmves import load_dmves
from s1sr.pytest_plugin.state import _load_dmves
from tests.suite.conftest import DMVES_FILE


def test_a_dmves_file_is_parsed_again_only_when_its_content_changes(tmp_path):
    catalogue = load_catalogue()
    path = tmp_path / "dmves.toml"
    text = DMVES_FILE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = _load_dmves(path, catalogue)
    assert _load_dmves(path, catalogue) is first  # a later session shares it
    assert first == load_dmves(path, catalogue) and first.sha256 == load_dmves(path).sha256
    path.write_text(text.replace("(invented, not real products)", "(edited)"), encoding="utf-8")
    edited = _load_dmves(path, catalogue)
    assert edited is not first
    assert edited.description.endswith("(edited)") and edited.sha256 != first.sha256
    assert edited.source == first.source == str(path)
