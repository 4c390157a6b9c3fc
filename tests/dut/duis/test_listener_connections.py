"""The DCC User's callback endpoint takes a DCC that keeps its connection, and once stopped
shuts that connection: nothing more is taken on it."""

from __future__ import annotations

import http.client
from pathlib import Path

from s1sr.cli import main as s1sr_main
from s1sr.dut.duis.keys import DuisKeys
from s1sr.dut.duis.listener import CallbackListener


def test_a_kept_connection_is_served_in_turn_then_shut_when_the_listener_stops(
    tmp_path: Path,
) -> None:
    keys = tmp_path / "keys"
    assert s1sr_main(["duis", "keygen", str(keys), "--user", "02-53-55-6E-4B-04-C4-65"]) == 0
    listener = CallbackListener("127.0.0.1", 0, DuisKeys(keys))
    listener.start()
    host, port = listener.address
    kept = http.client.HTTPConnection(host, port, timeout=5)
    try:
        for _ in range(2):  # unsigned: refused (400), the connection kept all the same
            kept.request("POST", listener.path, b"<x/>", {"Content-Type": "application/xml"})
            answer = kept.getresponse()
            assert answer.status == 400 and not answer.will_close
            answer.read()
        assert [item.rejected is not None for item in listener.inbox.take()] == [True, True]
    finally:
        listener.stop()
    assert kept.sock is not None and kept.sock.recv(1) == b""
    kept.close()
