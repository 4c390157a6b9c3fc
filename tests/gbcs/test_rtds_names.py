"""RTDS file names: what each part means, and where the folder is looked for."""

from __future__ import annotations

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import PayloadKind
from s1sr.codecs.gbcs.rtds import (
    RTDS_ENV,
    MessageType,
    RtdsName,
    default_rtds_dir,
    expected_payload_kind,
    read_hex,
)
from s1sr.models import ModelError


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        (
            "CS01a_2.2_ERROR_COMMAND_GBCS.HEX",
            RtdsName("CS01a", "2.2", "ERROR", MessageType.COMMAND),
        ),
        (
            "ECS22b_4.8.1_TWIN_SUCCESS_RESPONSE_GBCS.HEX",
            RtdsName("ECS22b", "4.8.1", "SUCCESS", MessageType.RESPONSE, variant="TWIN"),
        ),
        (
            "ECS01a_1.1.1_8F66_FUTURE_DATED_TOU_BLOCK_SUCCESS_ALERT_CURRENCY_UNIT_GBCS.HEX",
            RtdsName(
                "ECS01a",
                "1.1.1",
                "SUCCESS",
                MessageType.ALERT,
                alert_code=0x8F66,
                variant="FUTURE_DATED_TOU_BLOCK",
                detail="CURRENCY_UNIT",
            ),
        ),
        (
            "CS06_11.3_8F67_FUTURE_DATED_ERROR_ALERT_GBCS.HEX",
            RtdsName(
                "CS06",
                "11.3",
                "ERROR",
                MessageType.ALERT,
                alert_code=0x8F67,
                variant="FUTURE_DATED",
            ),
        ),
        (
            "GCS15d_4.4.4_NOT_FOUND_COMMAND_GBCS.HEX",
            RtdsName("GCS15d", "4.4.4", "NOT_FOUND", MessageType.COMMAND),
        ),
        (
            "GCS25a_6.8_SUCCESS_PRECOMMAND_GBCS.HEX",
            RtdsName("GCS25a", "6.8", "SUCCESS", MessageType.PRECOMMAND),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_names_parse_into_their_parts(file_name, expected):
    assert RtdsName.parse(file_name) == expected
    assert RtdsName.parse(f"some/folder/{file_name}") == expected


@pytest.mark.parametrize(
    "file_name",
    [
        "README.md",
        "CS01a_2.2_COMMAND_GBCS.HEX",
        "CS01a_2.2_ERROR_REPLY_GBCS.HEX",
        "cs01a_2.2_ERROR_COMMAND_GBCS.HEX",
    ],
)
def test_other_names_are_refused(file_name):
    with pytest.raises(ModelError):
        RtdsName.parse(file_name)


@pytest.mark.parametrize(
    ("use_case", "kind"),
    [
        ("CS01a", PayloadKind.DLMS),
        ("CS01b", PayloadKind.GBZ),
        ("ECS20b", PayloadKind.DLMS),
        ("GCS15d", PayloadKind.GBZ),
        ("CS06", PayloadKind.DER),
        ("CS08", PayloadKind.DER),
        ("CCS01", None),
    ],
)
def test_expected_payload_kind_by_use_case(use_case, kind):
    assert expected_payload_kind(use_case) is kind


def test_the_rtds_folder_can_be_pointed_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv(RTDS_ENV, str(tmp_path))
    assert default_rtds_dir() == tmp_path
    assert default_rtds_dir(tmp_path / "repo") == tmp_path  # the variable wins
    monkeypatch.delenv(RTDS_ENV)
    assert default_rtds_dir(tmp_path / "repo") == tmp_path / "shared" / "gbcs-rtds"
    assert default_rtds_dir().parts[-2:] == ("shared", "gbcs-rtds")
    assert default_rtds_dir().is_absolute()


def test_hex_text_is_read_leniently_about_whitespace_and_prefix():
    assert read_hex(" DF 09\n01 ") == b"\xdf\x09\x01"
    assert read_hex("0xdf09") == b"\xdf\x09"
    with pytest.raises(CodecError):
        read_hex("DF0")
