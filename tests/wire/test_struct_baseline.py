"""The benchmark's hand-written struct codec writes the very bytes the construct codec writes.

Otherwise the ratio bench_codecs.py reports would compare different work.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import struct_baseline as baseline
from s1sr.codecs.wire import decode_message, encode_message
from s1sr.models import SRV, Response, ResponseCode
from tests.strategies import eui64s, request_ids, requests, response_bodies


def successes(srv: SRV) -> st.SearchStrategy[Response]:
    """I0 responses with a body: the only ones the struct baseline writes."""
    return st.builds(
        Response,
        request_ids(),
        eui64s(),
        st.just(srv),
        st.just(ResponseCode.I0),
        response_bodies(srv),
    )


PAIRS = {
    "top-up-request": (
        requests(SRV.TOP_UP_DEVICE),
        baseline.encode_top_up_request,
        baseline.decode_top_up_request,
    ),
    "top-up-response": (
        successes(SRV.TOP_UP_DEVICE),
        baseline.encode_top_up_response,
        baseline.decode_top_up_response,
    ),
    "daily-log-request": (
        requests(SRV.RETRIEVE_IMPORT_DAILY_READ_LOG),
        baseline.encode_daily_log_request,
        baseline.decode_daily_log_request,
    ),
    "daily-log-response": (
        successes(SRV.RETRIEVE_IMPORT_DAILY_READ_LOG),
        baseline.encode_daily_log_response,
        baseline.decode_daily_log_response,
    ),
}


@pytest.mark.parametrize("name", sorted(PAIRS), ids=str)
def test_struct_baseline_writes_and_reads_the_same_frames(name: str) -> None:
    strategy, encode, decode = PAIRS[name]

    @given(strategy)
    def check(message) -> None:
        frame = encode_message(message)
        assert encode(message) == frame
        assert decode(frame) == message == decode_message(frame)

    check()
