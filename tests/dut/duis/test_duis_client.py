"""The DUIS DUT's parts: its --dut spec, originator counters, keys and callback listener."""

from __future__ import annotations

import http.client
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from s1sr.cli import main
from s1sr.codecs.duis import KeyStore, RequestId, sign
from s1sr.codecs.duis.response import DuisResponse, ResponseHeader, encode_response
from s1sr.codecs.duis.smets1 import smets1_answer, smets1_response_body
from s1sr.dut import DutKind, DutSpec, DutSpecError
from s1sr.dut.duis.counter import OriginatorCounters
from s1sr.dut.duis.keys import DuisKeys
from s1sr.dut.duis.listener import CallbackListener
from s1sr.dut.errors import DutError
from s1sr.models import EUI64, SRV, Response, ResponseCode

USER = EUI64.parse("90-B3-D5-1F-30-01-00-00")
DEVICE = EUI64.parse("90-B3-D5-1F-30-01-00-01")


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    assert main(["duis", "keygen", str(folder), "--user", str(USER)]) == 0  # in process
    return folder


def test_duis_specs_parse_and_print_back() -> None:
    spec = DutSpec.parse("duis+http://127.0.0.1:8079")
    assert (spec.kind, spec.scheme, spec.host, spec.port) == (
        DutKind.DUIS,
        "http",
        "127.0.0.1",
        8079,
    )
    assert str(spec) == "duis+http://127.0.0.1:8079"
    assert str(DutSpec.parse("duis+https://[::1]:443")) == "duis+https://[::1]:443"
    for bad in ("duis+ftp://h:1", "duis+http://h:0", "duis://h:1"):
        with pytest.raises(DutSpecError):
            DutSpec.parse(bad)


def test_counters_increase_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    first = [OriginatorCounters(path).next(USER) for _ in range(3)]
    later = OriginatorCounters(path).next(USER)  # a restarted suite
    assert first == sorted(set(first)) and later > first[-1]


def _take(path: str, count: int, queue: multiprocessing.Queue) -> None:
    counters = OriginatorCounters(Path(path))
    queue.put([counters.next(USER) for _ in range(count)])


def test_counters_never_repeat_across_concurrent_processes(tmp_path: Path) -> None:
    path = str(tmp_path / "c.json")
    queue: multiprocessing.Queue = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_take, args=(path, 50, queue)) for _ in range(4)]
    for worker in workers:
        worker.start()
    taken = [value for _ in workers for value in queue.get(timeout=60)]
    for worker in workers:
        worker.join(60)
    assert len(taken) == 200 and len(set(taken)) == 200


def test_keys_find_each_users_pair_and_refuse_an_unknown_user(keys: Path) -> None:
    found = DuisKeys(keys)
    assert found.signer(USER).name == "xml-sign-90-B3-D5-1F-30-01-00-00-ds"
    with pytest.raises(DutError, match="no signing key"):
        found.signer(DEVICE)


def _answer(keys: Path, signer: str) -> bytes:
    at = datetime(2024, 1, 15, tzinfo=UTC)
    mmc = smets1_answer(Response(5, DEVICE, SRV("2.2"), ResponseCode.I0), USER, 5, at)
    request_id = RequestId(USER, DEVICE, 5)
    document = DuisResponse(ResponseHeader("I0", at, request_id), smets1_response_body(mmc))
    entry = KeyStore(keys).named(signer)
    return sign(encode_response(document), entry.private_key(), entry.certificate)


def _post(listener: CallbackListener, data: bytes) -> int:
    host, port = listener.address
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("POST", "/smartdcc/duis", data, {"Content-Type": "application/xml"})
    status = connection.getresponse().status
    connection.close()
    return status


def test_listener_takes_a_dcc_signed_callback_and_refuses_others(keys: Path) -> None:
    listener = CallbackListener("127.0.0.1", 0, DuisKeys(keys))
    listener.start()
    try:
        good = _answer(keys, "dcc-xml-sign-ds")
        assert _post(listener, good) == 204
        tampered = good.replace(b"<sr:ResponseCode>I0<", b"<sr:ResponseCode>E3<")
        assert tampered != good and _post(listener, tampered) == 400
        by_a_user = _answer(keys, "xml-sign-90-B3-D5-1F-30-01-00-00-ds")
        assert _post(listener, by_a_user) == 400
        received = listener.inbox.take()
    finally:
        listener.stop()
    assert [r.rejected is None for r in received] == [True, False, False]
    assert received[0].response is not None and received[0].response.header.code == "I0"
    assert "signature" in (received[1].rejected or "")
    assert "DCC User's key" in (received[2].rejected or "")
