"""``s1sr decode`` and ``s1sr encode``, alone and as a round trip."""

from __future__ import annotations

import io
import json

import pytest

from s1sr.cli import main
from s1sr.codecs.wire import encode_message
from s1sr.models import to_jsonable
from tests.wire.frames import with_byte
from tests.wire.samples import SAMPLES, TOP_UP


def run(capsys, monkeypatch, argv, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_decode_prints_the_model_as_json(capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, ["decode", encode_message(TOP_UP).hex()])
    assert code == 0, err
    assert json.loads(out) == to_jsonable(TOP_UP)


@pytest.mark.parametrize(
    "spelling",
    ["upper", "spaced", "0x", "colons"],
)
def test_decode_accepts_hex_as_people_paste_it(capsys, monkeypatch, spelling: str) -> None:
    raw = encode_message(TOP_UP).hex()
    text = {
        "upper": raw.upper(),
        "spaced": " ".join(raw[i : i + 2] for i in range(0, len(raw), 2)),
        "0x": "0x" + raw,
        "colons": ":".join(raw[i : i + 2] for i in range(0, len(raw), 2)),
    }[spelling]
    code, out, _ = run(capsys, monkeypatch, ["decode", text])
    assert code == 0
    assert json.loads(out)["request_id"] == TOP_UP.request_id


def test_decode_reads_stdin_for_a_dash(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, ["decode", "-"], encode_message(TOP_UP).hex() + "\n")
    assert code == 0
    assert json.loads(out) == to_jsonable(TOP_UP)


def test_decode_of_a_malformed_frame_exits_non_zero_with_the_path(capsys, monkeypatch) -> None:
    frame = with_byte(encode_message(TOP_UP), 2, 9)
    code, out, err = run(capsys, monkeypatch, ["decode", frame.hex()])
    assert code == 1
    assert out == ""
    assert "header.version" in err
    assert "unsupported version 9" in err


def test_decode_of_a_bad_checksum_names_it(capsys, monkeypatch) -> None:
    frame = encode_message(TOP_UP)
    code, _, err = run(capsys, monkeypatch, ["decode", frame[:-1].hex() + "00"])
    assert code == 1
    assert "checksum" in err


def test_decode_of_text_that_is_not_hex_is_a_usage_error(capsys, monkeypatch) -> None:
    code, out, err = run(capsys, monkeypatch, ["decode", "S1 not hex"])
    assert code == 2
    assert out == ""
    assert "not hexadecimal" in err


def test_encode_reads_json_from_stdin(capsys, monkeypatch) -> None:
    text = json.dumps(to_jsonable(TOP_UP))
    code, out, err = run(capsys, monkeypatch, ["encode"], text)
    assert code == 0, err
    assert out.strip() == encode_message(TOP_UP).hex().upper()


def test_encode_reads_json_from_a_file(capsys, monkeypatch, tmp_path) -> None:
    path = tmp_path / "top-up.json"
    path.write_text(json.dumps(to_jsonable(TOP_UP)), encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["encode", str(path)])
    assert code == 0
    assert bytes.fromhex(out.strip()) == encode_message(TOP_UP)


@pytest.mark.parametrize("name", sorted(SAMPLES), ids=str)
def test_decode_then_encode_round_trips_through_the_cli(capsys, monkeypatch, name: str) -> None:
    frame = encode_message(SAMPLES[name])
    code, json_text, _ = run(capsys, monkeypatch, ["decode", frame.hex()])
    assert code == 0
    code, hex_text, _ = run(capsys, monkeypatch, ["encode", "-"], json_text)
    assert code == 0
    assert bytes.fromhex(hex_text.strip()) == frame


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("{not json", "not JSON"),
        ('{"type": "Request", "request_id": -1}', "not a valid model"),
        ('{"type": "Money", "pence": 5}', "not a message"),
    ],
    ids=["not-json", "invalid-model", "not-a-message"],
)
def test_encode_of_bad_input_exits_non_zero_with_the_reason(
    capsys, monkeypatch, stdin: str, message: str
) -> None:
    code, out, err = run(capsys, monkeypatch, ["encode"], stdin)
    assert code == 1
    assert out == ""
    assert message in err


def test_encode_of_a_missing_file_is_a_usage_error(capsys, monkeypatch, tmp_path) -> None:
    code, _, err = run(capsys, monkeypatch, ["encode", str(tmp_path / "absent.json")])
    assert code == 2
    assert "cannot read" in err
