"""Well-framed messages whose payload means nothing the models can carry: ``CodecError``
naming the field. And models a template cannot carry: ``ModelError`` from ``from_model``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import (
    AxdrDate,
    AxdrDateTime,
    AxdrTime,
    DerNode,
    DerPayload,
    DlmsData,
    DlmsType,
    GbcsMessage,
    GbzComponent,
    GbzEncryption,
    OtherInfo,
    RawPayload,
    decode_gbcs,
    encode_gbcs,
)
from s1sr.codecs.gbcs.mapping import from_model, to_model
from s1sr.models import (
    Alert,
    DebtRecoveryRatePeriod,
    FineMoney,
    FirmwareVersion,
    ModelError,
    ProfileDataResponse,
    ReadFirmwareVersionResponse,
    ResponseCode,
    utc,
)
from tests.gbcs.mapping import builders as b

T0, T1 = utc(2024, 11, 1), utc(2024, 11, 3)
UTRN = "73943333457189043313"


def with_data(message: GbcsMessage, index: int, value: DlmsData) -> GbcsMessage:
    apdu = message.payload.apdu
    data = list(apdu.data)
    data[index] = value
    return replace(message, payload=replace(message.payload, apdu=replace(apdu, data=tuple(data))))


def reframed(message: GbcsMessage) -> GbcsMessage:
    """Through the wire, so every case is a message the framing accepts."""
    return decode_gbcs(encode_gbcs(message))


def not_an_instant() -> DlmsData:
    value = AxdrDateTime(AxdrDate(2024, 11, 1, 0xFF), AxdrTime(0xFF, 0, 0, 0))
    return DlmsData.octet_string(value.to_bytes())


def not_an_alert() -> GbcsMessage:
    alert = b.dlms_future_dated_alert(0x8F66, T0, "ECS08", 1)
    apdu = replace(alert.payload.apdu, body=DlmsData.structure(b.i(b.LU, 1)))
    return replace(alert, payload=replace(alert.payload, apdu=apdu))


def two_periods() -> GbcsMessage:
    """ECS20c reading its two profiles over different periods."""

    def parameter(end: object) -> DlmsData:
        return b.protected_read("ECS20c", ("0-0:98.1.0.255",), T0, end).payload.apdu.data[0]

    first, second = parameter(T1), parameter(T0)
    objects = DlmsData.array(first.items[0].items[0], second.items[0].items[0])
    message = b.protected_read("ECS20c", ("0-0:98.1.0.255", "0-0:98.1.1.255"), T0, T1)
    return with_data(message, 0, DlmsData.structure(objects, first.items[1]))


def ndc_entry(selector: int) -> DlmsData:
    return b.ndc_entry(
        1, selector, time(1), "1000000", "00000", b.dlms_date(None, 1, 1), b.dlms_date(None, 2, 1)
    )


MALFORMED = {
    "UTRN not digits": (lambda: b.cs01a("7394333345718904331X"), "payload.utrn"),
    "UTRN check digit": (lambda: b.cs01a("73943333457189043314"), "payload.utrn"),
    "UTRN too short": (lambda: b.cs01a("7394333345718904331"), "payload.utrn"),
    "UTRN not a string": (
        lambda: with_data(b.cs01a(UTRN), 0, DlmsData(DlmsType.LONG_UNSIGNED, 7)),
        "payload.utrn",
    ),
    "GSME UTRN check digit": (lambda: b.cs01b("73943333457189043310"), "payload.utrn"),
    "debt period of 1234 s": (lambda: b.ecs07(periods=(1234, 86400)), "payload.recovery_1.period"),
    "negative debt adjustment": (
        lambda: b.ecs07(debts_milli=(-1000, 0, 0)),
        "payload.time_debt_1",
    ),
    "sub-penny debt adjustment": (
        lambda: b.ecs07(debts_milli=(1500, 0, 0)),
        "payload.time_debt_1",
    ),
    "two charges in a recovery rate": (
        lambda: with_data(
            b.ecs07(),
            0,
            DlmsData.structure(
                *b._unit_charge(3, -1).items[:2],
                DlmsData.array(
                    DlmsData.structure(b.os(b""), b.i(DlmsType.LONG, 1)),
                    DlmsData.structure(b.os(b""), b.i(DlmsType.LONG, 2)),
                ),
            ),
        ),
        "payload.recovery_1.rate.charge_table",
    ),
    "NDC script selector 40": (
        lambda: with_data(b.ecs08(), 1, DlmsData.array(ndc_entry(40))),
        "payload.non_disablement_calendar.schedule[0].script",
    ),
    "NDC special day numbered out of place": (
        lambda: with_data(
            b.ecs08(),
            0,
            DlmsData.array(
                DlmsData.structure(b.i(b.LU, 2), b.os(b.dlms_date(None, 1, 1)), b.i(b.U, 2))
            ),
        ),
        "payload.non_disablement_calendar.special_days[0]",
    ),
    "NDC on the last day of the month": (
        lambda: with_data(
            b.ecs08(),
            0,
            DlmsData.array(
                DlmsData.structure(b.i(b.LU, 1), b.os(b.dlms_date(None, 2, 0xFE)), b.i(b.U, 1))
            ),
        ),
        "payload.non_disablement_calendar.special_days[0].date",
    ),
    "prepay settings activating at two times": (
        lambda: with_data(b.ecs08(), -1, DlmsData.octet_string(b.NEVER)),
        "payload.execute_at",
    ),
    "sub-penny emergency credit limit": (
        lambda: b.ecs08(settings_milli={"0-0:94.44.128.2": 300001}),
        "payload.emergency_credit_limit",
    ),
    "fortnightly cap period": (
        lambda: b.ecs08(cap=(100000, 2 * 604800)),
        "payload.debt_recovery_rate_cap.period",
    ),
    "profiles over two periods": (lambda: two_periods(), "payload"),
    "read period with a wildcard hour": (
        lambda: b.protected_read("ECS21a", ("0-0:98.2.1.255",), T0, T1),
        None,  # built below: the 'from' date-time replaced
    ),
    "no samples": (lambda: b.gcs17(T0, 0), "payload.components[0].number_of_samples"),
    "absolute gas debt": (
        lambda: b.command(
            "GCS04", b.gbz(b.component(0x0705, 0x02, b.change_debt(0, 1000, 0, 1, 0, 0)))
        ),
        "payload.components[0]",
    ),
    "truncated ZCL payload": (
        lambda: b.command(
            "GCS02",
            b.gbz(b.component(0x0705, 0x06, b"\x00\x00\x00")),
        ),
        "payload.components[0]",
    ),
    "billing months not evenly spaced": (
        lambda: b.ecs30([(bytes(4), b.dlms_date(None, 1, 1)), (bytes(4), b.dlms_date(None, 2, 1))]),
        "payload.calendar",
    ),
    "billing on weekday 9": (
        lambda: b.ecs30([(bytes(4), bytes([0xFF, 0xFF, 0xFF, 0xFF, 9]))]),
        "payload.calendar",
    ),
    "billing date with a year": (
        lambda: b.ecs30([(bytes(4), b.dlms_date(2024, 1, 1))]),
        "payload.calendar",
    ),
    "three-octet firmware version": (lambda: b.ecs52_response(b"\x01\x02\x03"), "payload.data[0]"),
    "CS06 members of the wrong type": (
        lambda: b.command(
            "CS06", DerPayload(DerNode.sequence(DerNode.integer(1), DerNode.integer(2)))
        ),
        "payload.root",
    ),
    "an unmapped use case": (
        lambda: replace(
            b.cs08(),
            header=replace(
                b.cs08().header, other_info=OtherInfo(0x000A)
            ),  # an unmapped ASN.1 use case
        ),
        "header.other_info.message_code",
    ),
    "a DLMS alert that is not an alert": (lambda: not_an_alert(), "payload.body"),
    "a GBZ payload under an ESME use case": (
        lambda: b.command("ECS07", b.gcs04().payload),
        "payload",
    ),
}


def build_case(name: str) -> tuple[GbcsMessage, str]:
    build, path = MALFORMED[name]
    message = build()
    if path is None:  # the wildcard-hour period
        objects, protection = message.payload.apdu.data[0].items
        entry = objects.items[0].items
        selection = DlmsData.structure(
            entry[4].items[0], DlmsData.structure(not_an_instant(), entry[4].items[1].items[1])
        )
        new_entry = DlmsData.structure(*entry[:4], selection)
        message = with_data(message, 0, DlmsData.structure(DlmsData.array(new_entry), protection))
        path = "payload.objects[0].from"
    return reframed(message), path


@pytest.mark.parametrize("problem", sorted(MALFORMED))
def test_a_payload_the_models_cannot_carry_names_the_field(problem):
    message, path = build_case(problem)
    with pytest.raises(CodecError) as failure:
        to_model(message)
    assert failure.value.path == path


def test_an_undecoded_payload_is_refused_at_the_payload():
    message = b.ecs07()
    raw = replace(message, payload=RawPayload(message.payload.to_bytes(), "kept raw"))
    with pytest.raises(CodecError) as failure:
        to_model(raw)
    assert failure.value.path == "payload"
    with pytest.raises(CodecError):
        to_model(encode_gbcs(message))  # type: ignore[arg-type]


# --- models a template cannot carry -------------------------------------------------------


def test_the_template_must_be_of_the_models_kind_and_srv():
    debt = to_model(reframed(b.ecs07()))
    with pytest.raises(ModelError, match="command template"):
        from_model(debt, reframed(b.response("ECS07", b.dlms_response(1, [b.AccessKind.SET]))))
    with pytest.raises(ModelError, match="srv"):
        from_model(debt, reframed(b.cs01a(UTRN)))
    with pytest.raises(ModelError, match="alert template"):
        alert = to_model(reframed(b.gbz_future_dated_alert(0x8F66, T0, "GCS02", 1)))
        from_model(alert, reframed(b.gcs04()))


def test_a_field_the_template_has_no_place_for():
    template = reframed(b.ecs07())
    model = to_model(template)
    fewer = replace(model, body=replace(model.body, recovery_2=None))
    with pytest.raises(ModelError, match="recovery_2"):
        from_model(fewer, template)
    prepay = reframed(b.payment_mode("ECS02", 1))
    to_prepayment = replace(
        to_model(prepay),
        body=replace(
            to_model(prepay).body,
            mode=to_model(prepay).body.mode.PREPAYMENT,
            disablement_threshold=FineMoney(1),
        ),
    )
    with pytest.raises(ModelError, match="disablement_threshold"):
        from_model(to_prepayment, prepay)


def test_values_the_wire_cannot_hold():
    template = reframed(b.gcs04())
    model = to_model(template)
    finer = replace(
        model,
        body=replace(model.body, recovery_1=replace(model.body.recovery_1, rate=1, scale=-4)),
    )
    with pytest.raises(ModelError, match="1/1000 p"):
        from_model(finer, template)
    sampled = reframed(b.gcs17(T0, 3))
    request = to_model(sampled)
    off_grid = replace(request, body=replace(request.body, end=utc(2024, 11, 1, 0, 10)))
    with pytest.raises(ModelError, match="half hours"):
        from_model(off_grid, sampled)
    assert DebtRecoveryRatePeriod.HOURLY.seconds == 3600


@pytest.mark.parametrize(
    ("template", "field"),
    [
        pytest.param(
            lambda: b.payment_mode("ECS03", 2, threshold_milli=0), "DOUBLE_LONG", id="ECS03"
        ),
        pytest.param(
            lambda: b.change_payment_mode("GCS03", 0x0097, 0, T0), "cut_off_value", id="GCS03"
        ),
    ],
)
def test_a_disablement_threshold_beyond_int32_is_refused(template, field):
    """FineMoney holds int64; the threshold field holds int32 thousandths (about £21474)."""
    built = reframed(template())
    model = to_model(built)
    beyond = replace(model, body=replace(model.body, disablement_threshold=FineMoney(1 << 31)))
    with pytest.raises(ModelError, match=field):
        from_model(beyond, built)
    at_limit = replace(
        model, body=replace(model.body, disablement_threshold=FineMoney((1 << 31) - 1))
    )
    assert to_model(reframed(from_model(at_limit, built))) == at_limit


def test_alert_codes_and_acknowledgements():
    template = reframed(b.dlms_future_dated_alert(0x8F66, T0, "ECS08", 1))
    alert = to_model(template)
    assert isinstance(alert, Alert)
    with pytest.raises(ModelError, match="GBCS alert code"):
        from_model(replace(alert, code="S1CE20"), template)
    response_template = reframed(b.ecs52_response(b"\x01\x02\x03\x04"))
    response = to_model(response_template)
    with pytest.raises(ModelError, match="I99"):
        from_model(replace(response, code=ResponseCode.I99), response_template)


def test_an_encrypted_body_cannot_be_replaced():
    encrypted = GbzComponent(
        0x03,
        0x0702,
        0x19,
        0,
        0x07,
        encryption=GbzEncryption(0, 0, bytes(5), b"\xaa" * 8, bytes(12)),
    )
    template = reframed(b.response("GCS17", b.gbz(encrypted), sender=b.GSME))
    response = to_model(template)
    assert (response.code, response.body) == (ResponseCode.I0, None)
    with pytest.raises(ModelError, match="encrypted"):
        from_model(replace(response, body=ProfileDataResponse(())), template)
    with pytest.raises(ModelError):
        firmware = ReadFirmwareVersionResponse(FirmwareVersion(1))
        from_model(replace(response, srv=firmware.srv, body=firmware), template)
