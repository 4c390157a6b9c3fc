"""``s1sr gbcs decode|coverage`` from the command line."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from s1sr.cli import main
from s1sr.codecs.gbcs import RawPayload, encode_gbcs
from tests.gbcs import samples


def test_decode_hex_prints_the_message_as_json(capsys):
    data = encode_gbcs(samples.gbz_top_up_command())
    assert main(["gbcs", "decode", data.hex()]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["use_case"] == "CS01b"
    assert view["ciphering"]["mac"] == samples.MAC.hex().upper()
    component = view["payload"]["components"][0]
    assert component["cluster_id"] == "0x0705"
    assert component["zcl"]["name"] == "Consumer Top Up"


def test_decode_reads_hex_or_binary_files(tmp_path, capsys):
    data = encode_gbcs(samples.dlms_alert())
    text, binary = tmp_path / "alert.HEX", tmp_path / "alert.bin"
    text.write_text(data.hex().upper())
    binary.write_bytes(data)
    for path in (text, binary):
        assert main(["gbcs", "decode", str(path)]) == 0
        view = json.loads(capsys.readouterr().out)
        assert view["header"]["cra_flag"] == "ALERT"
        assert view["payload"]["apdu"]["body"]["value"][0]["value"] == 0x8F66


def test_malformed_input_exits_non_zero_with_the_reason(capsys):
    data = encode_gbcs(samples.dlms_top_up_command())
    assert main(["gbcs", "decode", data[:-3].hex()]) == 1
    err = capsys.readouterr().err
    assert "malformed GBCS message" in err and "ciphering" in err


def test_not_hex_exits_non_zero(capsys):
    assert main(["gbcs", "decode", "not-a-file-nor-hex"]) == 1
    assert "not a hex string" in capsys.readouterr().err


def test_lenient_decoding_keeps_a_broken_payload(capsys):
    message = samples.dlms_top_up_command()
    broken = replace(message, payload=RawPayload(message.payload.to_bytes()[:-1]))
    data = encode_gbcs(broken).hex()
    assert main(["gbcs", "decode", data]) == 1
    capsys.readouterr()
    assert main(["gbcs", "decode", "--lenient", data]) == 0
    assert json.loads(capsys.readouterr().out)["payload_kind"] == "raw"


def test_decode_an_rtds_file(rtds_dir, capsys):
    path = next(rtds_dir.rglob("CS06_11.3_IMMEDIATE_SUCCESS_PRECOMMAND_GBCS.HEX"))
    assert main(["gbcs", "decode", str(path)]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["is_precommand"] is True
    assert view["payload"]["root"]["name"] == "SEQUENCE"


def test_coverage_subcommand_reports_a_folder(tmp_path, capsys):
    (tmp_path / "one.HEX").write_text(encode_gbcs(samples.dlms_response()).hex())
    assert main(["gbcs", "coverage", str(tmp_path)]) == 0
    assert "round-trip identical: 1/1 (100.0%)" in capsys.readouterr().out


def test_gbcs_needs_an_action():
    with pytest.raises(SystemExit):
        main(["gbcs"])
