"""write_run: every report file, then the manifest over all of them."""

from __future__ import annotations

import json

from s1sr.report import (
    EVIDENCE_FILE,
    JUNIT_FILE,
    MANIFEST_FILE,
    MATRIX_FILE,
    RESULTS_FILE,
    SUMMARY_FILE,
    load_run,
    verify_manifest,
)
from s1sr.verdicts import Verdict
from tests.report.builders import firmware_response, frame, record, write_folder


def test_writes_every_file_and_a_manifest_covering_them(tmp_path):
    written = write_folder(tmp_path / "run")
    names = sorted(p.name for p in written.folder.iterdir())
    assert names == sorted(
        [EVIDENCE_FILE, RESULTS_FILE, JUNIT_FILE, SUMMARY_FILE, MATRIX_FILE, MANIFEST_FILE]
    )
    assert written.files[-1].name == MANIFEST_FILE
    check = verify_manifest(written.folder)
    assert check.ok and check.checked == 5


def test_results_read_back_equal_what_was_written(tmp_path):
    written = write_folder(tmp_path / "run")
    loaded = load_run(written.folder)
    assert loaded.results == written.results
    pair = loaded.results.pair("EX-ESME-1", "18.6(b)")
    assert pair.verdict is Verdict.FAIL and pair.tests[0].evidence == ("main-1", "main-2", "main-3")


def test_the_firmware_read_from_each_device_is_in_the_results(tmp_path):
    lines = [
        ("frame", frame("out", purpose="identity check of EX-ESME-1")),
        (
            "frame",
            frame(
                "in", purpose="identity check of EX-ESME-1", decoded=firmware_response(0x04020B00)
            ),
        ),
    ]
    written = write_folder(tmp_path / "run", [record("EX-ESME-1", "18.6(b)")], lines=lines)
    data = json.loads((written.folder / RESULTS_FILE).read_text())
    model = next(m for m in data["models"] if m["id"] == "EX-ESME-1")
    assert (model["firmware_declared"], model["firmware_read"]) == ("04.02.0011", ["04020B00"])


def test_a_rewrite_replaces_files_whole_and_leaves_no_temporary_file(tmp_path):
    write_folder(tmp_path / "run")
    written = write_folder(tmp_path / "run", [record("EX-ESME-1", "18.6(b)")])
    assert not list(written.folder.glob(".*"))
    assert verify_manifest(written.folder).ok
