"""The benchmark's hand-written struct codec writes the very bytes the construct codec writes.

Otherwise the ratio bench_codecs.py reports would compare different work.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from benchmarks import struct_baseline as baseline
from s1sr.codecs.wire import decode_message, encode_message
from s1sr.models import SRV, ResponseCode
from tests.strategies import requests, responses

PAIRS = {
    "top-up-request": (
        requests(SRV.TOP_UP_DEVICE),
        baseline.encode_top_up_request,
        baseline.decode_top_up_request,
    ),
    "top-up-response": (
        responses(SRV.TOP_UP_DEVICE).filter(
            lambda r: r.body is not None and r.code is ResponseCode.I0
        ),
        baseline.encode_top_up_response,
        baseline.decode_top_up_response,
    ),
    "daily-log-request": (
        requests(SRV.RETRIEVE_IMPORT_DAILY_READ_LOG),
        baseline.encode_daily_log_request,
        baseline.decode_daily_log_request,
    ),
    "daily-log-response": (
        responses(SRV.RETRIEVE_IMPORT_DAILY_READ_LOG).filter(
            lambda r: r.body is not None and r.code is ResponseCode.I0
        ),
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
