"""DLMS data-notifications read as GBCS alerts, and the future-dated outcome inside."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from s1sr.codecs.gbcs import (
    USE_CASE_CODES,
    DlmsData,
    DlmsPayload,
    DlmsType,
    Obis,
    decode_gbcs,
    future_dated_outcome,
    read_dlms_alert,
)
from s1sr.codecs.gbcs.rtds import MessageType, RtdsName
from s1sr.models import ModelError
from tests.gbcs import samples


def test_a_built_alert_reads_back():
    notification = samples.dlms_alert().payload.apdu
    alert = read_dlms_alert(notification)
    assert alert.alert_code == 0x8F66
    assert alert.timestamp.to_datetime() == datetime(2030, 1, 15, 9, tzinfo=UTC)
    outcome = future_dated_outcome(alert)
    assert (outcome.message_code, outcome.originator_counter) == (0x001F, 0x100)
    assert outcome.attribute.class_id == 0x2328
    assert outcome.attribute.instance_id == Obis(0, 0, 94, 44, 128, 2)
    assert outcome.attribute.attribute_id == 6


def test_rtds_electricity_alerts_name_their_use_case(rtds_corpus):
    seen = 0
    for name, data in rtds_corpus.items():
        meta = RtdsName.parse(name)
        if meta.message_type is not MessageType.ALERT or not meta.use_case.startswith("ECS"):
            continue
        alert = read_dlms_alert(decode_gbcs(data).payload.apdu)
        assert alert.alert_code == meta.alert_code, name
        assert future_dated_outcome(alert).message_code == USE_CASE_CODES[meta.use_case], name
        seen += 1
    assert seen > 0


@pytest.mark.parametrize(
    "body",
    [
        DlmsData.null(),
        DlmsData.structure(DlmsData(DlmsType.UNSIGNED, 1), DlmsData.octet_string(bytes(12))),
        DlmsData.structure(DlmsData(DlmsType.LONG_UNSIGNED, 1), DlmsData.octet_string(bytes(5))),
    ],
    ids=["not-a-structure", "code-not-long-unsigned", "short-time-stamp"],
)
def test_other_bodies_are_not_alerts(body):
    notification = replace(samples.dlms_alert().payload.apdu, body=body)
    with pytest.raises(ModelError):
        read_dlms_alert(notification)


def test_an_alert_without_the_outcome_string_has_no_outcome():
    message = samples.dlms_alert()
    body = DlmsData.structure(*message.payload.apdu.body.items[:2])
    alert = read_dlms_alert(replace(message.payload.apdu, body=body))
    assert isinstance(message.payload, DlmsPayload)
    with pytest.raises(ModelError):
        future_dated_outcome(alert)
