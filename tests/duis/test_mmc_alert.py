"""A DeviceAlertMessage in a SMETS1Response, typed as the project's Alert both ways."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError
from s1sr.codecs.duis.header import SRVS
from s1sr.codecs.duis.response import decode_response
from s1sr.models import SRV, Alert, utc
from tests import strategies as S
from tests.duis.mmc_documents import DEVICE, alert_document, built_alert

KNOWN_SRVS = sorted(srv for srv in SRV if str(srv) in SRVS)
XML_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00").filter(
    lambda c: c in "\t\n\r" or c >= " "
)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def alerts_mmc_carries() -> st.SearchStrategy[Alert]:
    return st.builds(
        Alert,
        code=st.from_regex(r"GBCS[0-9A-F]{4}", fullmatch=True),
        target=S.eui64s(),
        raised_at=S.timestamps(),
        request_id=st.none() | S.request_ids(),
        srv=st.none() | st.sampled_from(KNOWN_SRVS),
        detail=st.text(XML_TEXT.filter(lambda c: not _NOT_XML.match(c)), max_size=250),
    )


def _round_trip(schema, alert: Alert) -> None:
    data = built_alert(alert)
    schema.check(etree.fromstring(data))
    assert decode_response(data, schema).to_model() == alert


@given(alerts_mmc_carries())
def test_an_alert_mmc_carries_round_trips_schema_valid(schema, alert):
    _round_trip(schema, alert)


@given(S.alerts())
def test_the_project_alerts_round_trip_or_are_refused(schema, alert):
    carried = (
        re.fullmatch(r"GBCS[0-9A-F]{4}", alert.code)
        and len(alert.detail) <= 250
        and not _NOT_XML.search(alert.detail)
        and (alert.srv is None or str(alert.srv) in SRVS)
    )
    if not carried:
        with pytest.raises(CodecError):
            built_alert(alert)
        return
    _round_trip(schema, alert)


CONTENT = """<ra:DeviceAlertContent>
  <ra:GBCSHexAlertCode>8f66</ra:GBCSHexAlertCode>
  <ra:AlertDescription> Future dated command executed </ra:AlertDescription>
  <ra:Timestamp>2026-01-05T10:00:00.250+01:00</ra:Timestamp>
</ra:DeviceAlertContent>"""


def test_a_hand_written_device_alert_gives_the_expected_alert(schema):
    data = alert_document("2.2", CONTENT)
    schema.check(etree.fromstring(data))
    decoded = decode_response(data, schema)
    assert decoded.to_model() == Alert(
        code="GBCS8F66",
        target=DEVICE,
        raised_at=utc(2026, 1, 5, 9, 0, 0).replace(microsecond=250000),
        request_id=41,
        srv=SRV.TOP_UP_DEVICE,
        detail=" Future dated command executed ",
    )


PAYLOAD = (
    "<ra:Payload><ra:SupplyOutageRestoreAlert>"
    "<ra:interruptionValue>2026-01-05T08:00:00Z</ra:interruptionValue>"
    "<ra:restorationValue>2026-01-05T09:00:00Z</ra:restorationValue>"
    "</ra:SupplyOutageRestoreAlert></ra:Payload>"
)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("<ra:GBCSHexAlertCode>8f66</ra:GBCSHexAlertCode>", "", "no Alert code"),
        ("8f66", "8F6601", "two-byte"),
        ("</ra:Timestamp>", f"</ra:Timestamp>{PAYLOAD}", "Payload"),
        ("+01:00", "", "zone"),
    ],
)
def test_what_the_alert_cannot_hold_is_a_codec_error(schema, old, new, reason):
    data = alert_document("2.2", CONTENT.replace(old, new))
    schema.check(etree.fromstring(data))  # SEC's schema allows every one of them
    decoded = decode_response(data, schema)
    assert decoded.smets1().payload.name == "DeviceAlertMessage"  # still kept faithfully
    with pytest.raises(CodecError, match=reason) as raised:
        decoded.to_model()
    assert "DeviceAlertMessage" in raised.value.path
