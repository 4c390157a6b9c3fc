"""``s1sr duis``: decode, encode (signed), validate; errors are one line with the path."""

from __future__ import annotations

import json

from s1sr.cli import main
from s1sr.models import TopUpDeviceRequest
from tests.duis.conftest import canonical_values, duis_dir

REQUEST = {
    "type": "Request",
    "request_id": 5,
    "user_id": "90-B3-D5-1F-30-01-00-00",
    "target": "00-DB-12-34-56-78-90-B1",
    "body": {
        "type": "TopUpDeviceRequest",
        "utrn": {
            "type": "Utrn",
            "counter": 1,
            "value_class": "pounds",
            "value": 100,
            "tag": 3575424523,
        },
    },
}


def test_encode_sign_decode_verify(tmp_path, capsysbinary, keys, schema):
    source = tmp_path / "request.json"
    source.write_text(json.dumps(REQUEST))
    key = keys.named("xml-sign-90B3D51F30010000-ds")
    argv = ["duis", "encode", str(source), "--sign-key", str(key.key_path)]
    argv += ["--cert", str(key.certificate_path), "--schema", str(schema.folder)]
    assert main(argv) == 0
    signed = tmp_path / "request.xml"
    signed.write_bytes(capsysbinary.readouterr().out)
    argv = ["duis", "decode", str(signed), "--verify", "--keys", str(keys.folder), "--model"]
    assert main([*argv, "--schema", str(schema.folder)]) == 0
    out = json.loads(capsysbinary.readouterr().out)
    assert out["body"]["type"] == TopUpDeviceRequest.__name__
    signed.write_bytes(
        signed.read_bytes().replace(b"73943333457189043313", b"73947252416745201637")
    )
    assert main(argv) == 1
    assert b"signature does not verify" in capsysbinary.readouterr().err


def test_validate_reports_one_line_with_the_path(tmp_path, capsys, schema):
    template = duis_dir() / "templates" / "CS01b_2.2_SUCCESS_REQUEST_DUIS.XML"
    assert main(["duis", "validate", str(template), "--schema", str(schema.folder)]) == 0
    bad = tmp_path / "bad.xml"
    bad.write_bytes(template.read_bytes().replace(b"<sr:UTRN>7", b"<sr:UTRN>x"))
    capsys.readouterr()
    assert main(["duis", "validate", str(bad), "--schema", str(schema.folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/sr:Request/sr:Body/sr:TopUpDevice/sr:UTRN" in err


def test_typed_decode_and_encode_with_framing(tmp_path, capsysbinary, schema):
    template = duis_dir() / "templates" / "GCS04_2.3_SUCCESS_REQUEST_DUIS.XML"
    argv = ["duis", "decode", str(template), "--typed", "--schema", str(schema.folder)]
    assert main(argv) == 0
    out = json.loads(capsysbinary.readouterr().out)
    assert out["framing"]["fuel"] == "gas"
    source = tmp_path / "debt.json"
    source.write_text(json.dumps(out["model"]))
    argv = ["duis", "encode", str(source), "--schema", str(schema.folder)]
    assert main(argv) == 1  # DUIS 2.3 has two forms: the fuel is needed
    capsysbinary.readouterr()
    assert main([*argv, "--fuel", "gas", "--command-variant", "4"]) == 0
    encoded = capsysbinary.readouterr().out
    assert canonical_values(encoded) == canonical_values(template.read_bytes())
