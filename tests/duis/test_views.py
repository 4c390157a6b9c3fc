"""model -> DUIS XML -> model is the identity wherever a typed view exists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, decode_request, encode_request
from s1sr.codecs.duis.views import TYPED_SRVS, from_model, to_model
from s1sr.models import Request
from tests import strategies as S
from tests.duis.conftest import template_files

BODIES = st.one_of(
    S.top_up_device_requests(),
    S.change_of_mode_billing_log_requests(),
    S.billing_calendar_billing_log_requests(),
    S.debt_payments_billing_log_requests(),
    S.daily_read_log_requests(),
    S.profile_data_requests(),
    S.read_firmware_version_requests(),
    S.activate_firmware_requests(),
)
REQUESTS = st.builds(Request, st.integers(0, (1 << 64) - 1), S.eui64s(), S.eui64s(), BODIES)


@given(REQUESTS)
def test_model_to_xml_to_model_is_the_identity(model):
    data = encode_request(from_model(model))
    assert to_model(decode_request(data)) == model


@given(REQUESTS)
def test_every_built_request_is_schema_valid(schema, model):
    schema.check(etree.fromstring(encode_request(from_model(model))))


@pytest.mark.parametrize("path", template_files(), ids=lambda p: p.name)
def test_templates_with_a_view_map_both_ways(path):
    request = decode_request(path.read_bytes())
    if request.header.srv not in TYPED_SRVS:
        with pytest.raises(CodecError, match="no typed project model view"):
            to_model(request)
        return
    model = to_model(request)
    assert model.srv == request.header.srv
    assert from_model(model, request.header.command_variant) == request
