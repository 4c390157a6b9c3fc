"""The coverage report: counts per level, and the gate option."""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.gbcs import RawPayload, encode_gbcs
from s1sr.codecs.gbcs.coverage import main, measure
from tests.gbcs import samples


def write_folder(tmp_path):
    for name, factory in samples.ALL.items():
        (tmp_path / f"{name}.HEX").write_text(encode_gbcs(factory()).hex().upper())
    message = samples.dlms_top_up_command()
    broken = replace(message, payload=RawPayload(message.payload.to_bytes()[:-1]))
    (tmp_path / "broken-payload.HEX").write_text(encode_gbcs(broken).hex())
    (tmp_path / "not-gbcs.HEX").write_text("300100")
    return len(samples.ALL) + 2


def test_levels_are_counted_per_file(tmp_path):
    total = write_folder(tmp_path)
    report = measure(tmp_path)
    assert report.total == total
    assert report.count("framing") == total - 1  # not-gbcs
    assert report.count("payload") == total - 2  # and the broken payload
    assert report.count("round_trip") == total - 1
    assert not report.has_model_level
    failed = {r.name for r in report.results if r.error}
    assert failed == {"broken-payload.HEX", "not-gbcs.HEX"}
    assert report.decode_seconds > 0


def test_report_lines_and_fail_under_gate(tmp_path, capsys):
    total = write_folder(tmp_path)
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"framing: {total - 1}/{total}" in out
    assert "model: " in out  # a count once s1sr.codecs.gbcs.mapping exists, else n/a
    assert "decode time:" in out
    assert main([str(tmp_path), "--fail-under", "100"]) == 1
    assert main([str(tmp_path), "--fail-under", "50"]) == 0


def test_a_missing_folder_is_an_error(tmp_path, capsys):
    assert main([str(tmp_path / "absent")]) == 2
    assert "no GBCS folder" in capsys.readouterr().err


def test_the_rtds_is_fully_covered(rtds_dir):
    report = measure(rtds_dir)
    assert report.total > 0
    for level in ("framing", "payload", "round_trip"):
        assert report.percent(level) == 100.0, level
