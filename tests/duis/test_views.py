"""model -> DUIS XML -> model is the identity wherever a typed view exists."""

from __future__ import annotations

import pytest
from hypothesis import given
from lxml import etree

from s1sr.codecs.duis import CodecError, decode_request, encode_request
from s1sr.codecs.duis.bodies import Framing, Fuel
from s1sr.codecs.duis.views import TYPED_SRVS, from_model, from_typed, to_model, typed
from s1sr.models import (
    EUI64,
    BillingCalendar,
    BillingPeriodicity,
    DeviceType,
    ModelError,
    PaymentMode,
    Request,
    UpdateBillingCalendarRequest,
    UpdatePaymentModeRequest,
    utc,
)
from tests.duis.conftest import REPO, canonical_values, template, template_files
from tests.duis.strategies import device_type_of, typed_requests


@given(typed_requests())
def test_typed_to_xml_to_typed_is_the_identity(view):
    data = encode_request(from_typed(view))
    assert typed(decode_request(data), device_type=device_type_of(view)) == view


@given(typed_requests())
def test_every_built_request_is_schema_valid(schema, view):
    schema.check(etree.fromstring(encode_request(from_typed(view))))


@pytest.mark.parametrize("path", template_files(), ids=lambda p: p.name)
def test_templates_with_a_view_map_both_ways(path, schema):
    request = decode_request(path.read_bytes())
    assert request.header.srv in TYPED_SRVS
    view = typed(request, device_type=DeviceType.PPMID)
    assert view.model.srv == request.header.srv
    back = from_typed(view, request.header.command_variant)
    schema.check(etree.fromstring(encode_request(back)))
    assert canonical_values(encode_request(back)) == canonical_values(path.read_bytes())
    assert typed(back, device_type=DeviceType.PPMID) == view
    assert to_model(request, device_type=DeviceType.PPMID) == view.model


def test_every_in_scope_srv_has_a_typed_view():
    """No SRV is kept as a faithful body only: all 50 templates decode to typed models."""
    from s1sr.codecs.duis import SRVS

    assert set(SRVS) == TYPED_SRVS


def test_8_11_needs_the_device_type_duis_does_not_carry():
    request = decode_request(template("_8.11_").read_bytes())
    with pytest.raises(CodecError, match="device_type"):
        to_model(request)


def _request(body) -> Request:
    return Request(
        7, EUI64.parse("90-B3-D5-1F-30-01-00-00"), EUI64.parse("00-DB-12-34-56-78-90-B1"), body
    )


def test_what_duis_cannot_say_is_refused_not_invented():
    prepay = _request(UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, None))
    with pytest.raises(ModelError, match="disablement_threshold"):
        from_model(prepay)
    calendar = _request(
        UpdateBillingCalendarRequest(BillingCalendar(utc(2026, 3, 1), BillingPeriodicity.MONTHLY))
    )
    with pytest.raises(ModelError, match="fuel"):
        from_model(calendar)
    with pytest.raises(ModelError, match="no start date"):
        from_model(calendar, framing=Framing(fuel=Fuel.ELECTRICITY))
    assert from_model(calendar, framing=Framing(fuel=Fuel.GAS)).body.find("GasBillingCalendar")


GBCS_RTDS = REPO.parent / "shared" / "gbcs-rtds"
# Where the two views differ by design: the GBCS view of ECS01a holds the 48 TOU prices
# and 8 block tariffs the DLMS arrays always carry, DUIS only those written.
DIFFER = {"ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS"}


def _gbcs_twins() -> list:
    if not GBCS_RTDS.is_dir():
        return []
    twins = []
    for path in template_files():
        stem = path.name.split("_REQUEST")[0]
        command = sorted(GBCS_RTDS.glob(f"*/{stem}_COMMAND_GBCS.HEX"))
        if command and stem not in DIFFER:
            twins.append((path, command[0]))
    return twins


@pytest.mark.parametrize(("path", "command"), _gbcs_twins(), ids=lambda p: p.name)
def test_the_duis_view_agrees_with_the_gbcs_view_of_the_same_rtds_case(path, command):
    """Units, scales, cancellations and the gas calendar read as the GBCS codec reads them."""
    from s1sr.codecs.gbcs import decode_gbcs
    from s1sr.codecs.gbcs.mapping import to_model as gbcs_to_model
    from s1sr.codecs.gbcs.rtds import read_hex_file

    request = decode_request(path.read_bytes())
    gbcs = gbcs_to_model(decode_gbcs(read_hex_file(command)))
    duis = to_model(request, device_type=DeviceType.PPMID)
    if "GCS15c" in path.name:  # the two RTDS files ask for different periods
        assert type(duis.body) is type(gbcs.body)
        return
    assert duis.body == gbcs.body
