"""``s1sr utrn parse|build`` through the real dispatcher."""

from __future__ import annotations

import json

import pytest

from s1sr.cli import main


def test_parse_prints_the_fields(capsys):
    assert main(["utrn", "parse", "73947252416745201637"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "utrn": "73947252416745201637",
        "counter": 4,
        "value_class": "pennies",
        "value": 1234,
        "amount_pence": 1234,
        "tag": "3855D663",
        "check_digit": 7,
        "whole_pounds": False,
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("73943333457189043314", "UtrnCheckDigitError", id="check-digit"),
        pytest.param("7394333345718904331", "UtrnLengthError", id="length"),
        pytest.param("7394333345718904331A", "UtrnDigitsError", id="digits"),
    ],
)
def test_parse_of_an_invalid_utrn_fails_with_the_reason(capsys, text, reason):
    assert main(["utrn", "parse", text]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert reason in captured.err


def test_build_prints_the_public_vector(capsys):
    assert main(["utrn", "build", "--counter", "1", "--pounds", "100", "--tag", "D51CA60B"]) == 0
    assert capsys.readouterr().out.strip() == "73943333457189043313"


def test_build_accepts_0x_tags(capsys):
    args = ["utrn", "build", "--counter", "4", "--pennies", "1234", "--tag", "0x3855d663"]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == "73947252416745201637"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--counter", "1024", "--pounds", "1", "--tag", "0"], id="counter"),
        pytest.param(["--counter", "1", "--pounds", "8192", "--tag", "0"], id="value"),
        pytest.param(["--counter", "1", "--pounds", "1", "--tag", "123456789"], id="tag-9-digits"),
        pytest.param(["--counter", "1", "--pounds", "1", "--tag", "xyz"], id="tag-not-hex"),
    ],
)
def test_build_with_bad_fields_fails(capsys, args):
    assert main(["utrn", "build", *args]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error" in captured.err


def test_build_needs_exactly_one_value_class():
    with pytest.raises(SystemExit):
        main(["utrn", "build", "--counter", "1", "--pounds", "1", "--pennies", "1", "--tag", "0"])
