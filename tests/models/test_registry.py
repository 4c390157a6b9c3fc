"""Every SRV has exactly one request and one response body class, and they agree."""

from __future__ import annotations

import pytest

from s1sr.models import SRV, ModelError, RequestBody, ResponseBody
from s1sr.models.registry import (
    REQUEST_BODY_TYPES,
    RESPONSE_BODY_TYPES,
    request_body_type,
    response_body_type,
)


@pytest.mark.parametrize("srv", list(SRV), ids=str)
def test_every_srv_has_a_request_body(srv):
    cls = request_body_type(srv)
    assert issubclass(cls, RequestBody)
    assert cls.srv is srv


@pytest.mark.parametrize("srv", list(SRV), ids=str)
def test_every_srv_has_a_response_body(srv):
    cls = response_body_type(srv)
    assert issubclass(cls, ResponseBody)
    assert cls.srv is srv


def test_no_class_serves_two_srvs():
    assert len(set(REQUEST_BODY_TYPES.values())) == len(SRV)
    assert len(set(RESPONSE_BODY_TYPES.values())) == len(SRV)


def test_lookup_accepts_the_srv_text():
    assert request_body_type("2.2") is REQUEST_BODY_TYPES[SRV.TOP_UP_DEVICE]


def test_unknown_srv_is_refused():
    with pytest.raises(ModelError, match="srv"):
        request_body_type("9.9")
    with pytest.raises(ModelError, match="srv"):
        response_body_type("9.9")


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        REQUEST_BODY_TYPES[SRV.TOP_UP_DEVICE] = RequestBody  # type: ignore[index]
