"""``s1sr gbcs decode --model`` and the coverage gate on the model level."""

from __future__ import annotations

import json

from s1sr.cli import main
from s1sr.codecs.gbcs import encode_gbcs
from s1sr.codecs.gbcs.coverage import main as coverage_main
from s1sr.models import from_jsonable
from tests.gbcs.mapping import builders as b

UTRN = "73943333457189043313"


def test_decode_model_prints_the_typed_model_json(tmp_path, capsys):
    path = tmp_path / "ecs07.HEX"
    path.write_text(encode_gbcs(b.ecs07()).hex().upper())
    assert main(["gbcs", "decode", str(path), "--model"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["type"], view["body"]["type"]) == ("Request", "UpdateDebtRequest")
    assert view["body"]["time_debt_1"] == {"type": "Money", "pence": 30}
    assert view["user_id"] == str(b.SUPPLIER)
    assert from_jsonable(view).request_id == 0x1001


def test_decode_model_of_a_response_and_an_alert(capsys):
    assert main(["gbcs", "decode", encode_gbcs(b.cs06_response(1)).hex(), "--model"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["type"], view["code"], view["srv"]) == ("Response", "E12", "11.3")
    alert = b.gbz_future_dated_alert(0x8F66, b.RESPONSE_TIME.to_datetime(), "GCS02", 9)
    assert main(["gbcs", "decode", encode_gbcs(alert).hex(), "--model"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["type"], view["code"], view["request_id"]) == ("Alert", "GBCS8F66", 9)


def test_decode_model_names_the_field_a_model_cannot_carry(capsys):
    data = encode_gbcs(b.cs01a("73943333457189043314"))
    assert main(["gbcs", "decode", data.hex(), "--model"]) == 1
    err = capsys.readouterr().err
    assert "no typed model" in err and "payload.utrn" in err


def test_coverage_gates_the_model_level(tmp_path, capsys):
    (tmp_path / "a.HEX").write_text(encode_gbcs(b.cs01a(UTRN)).hex())
    (tmp_path / "b.HEX").write_text(encode_gbcs(b.ecs07()).hex())
    (tmp_path / "c.HEX").write_text(encode_gbcs(b.cs01a("73943333457189043314")).hex())
    assert coverage_main([str(tmp_path), "--model-fail-under", "60"]) == 0
    out = capsys.readouterr().out
    assert "model: 2/3 (66.7%)" in out
    assert "decode + map time:" in out
    assert "payload.utrn" in out
    assert coverage_main([str(tmp_path), "--model-fail-under", "90"]) == 1
