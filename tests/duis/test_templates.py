"""Every RTDS request template decodes, re-encodes to the same canonical XML, and validates."""

from __future__ import annotations

import pytest
from lxml import etree

from s1sr.codecs.duis import SRVS, decode_request, encode_request
from tests.duis.conftest import canonical, template_files

TEMPLATES = template_files()


@pytest.mark.skipif(not TEMPLATES, reason="DUIS templates absent (set S1SR_DUIS_DIR)")
@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_round_trips_and_validates(path, schema):
    data = path.read_bytes()
    request = decode_request(data, schema)
    assert request.header.srv in SRVS
    encoded = encode_request(request)
    schema.check(etree.fromstring(encoded))
    assert canonical(encoded) == canonical(data)
    assert decode_request(encoded, schema) == request


@pytest.mark.skipif(not TEMPLATES, reason="DUIS templates absent (set S1SR_DUIS_DIR)")
def test_templates_cover_every_in_scope_srv():
    seen = {decode_request(path.read_bytes()).header.srv for path in TEMPLATES}
    assert seen == set(SRVS)
