"""DUIS exchanges per second over HTTP (sign, send, verify, decode) with 1, 10 and 50
concurrent clients, next to the binary TCP transport in the same run.

Run: ``python benchmarks/bench_duis_http.py [--requests N] [--clients 1,10,50]``. Each
transport gets a fresh ``s1sr emulate --han HAN-1 --test-hooks`` process (``--duis`` for
DUIS, calling back a listener here). One exchange is a 11.2 Read Firmware Version to the
HAN's ESME from its supplier: DUIS signs it, POSTs it, verifies and decodes the I99 and
the signed callback carrying the MMC answer, matched by RequestID. A DCC refuses a
counter lower than one it has seen, so the clients of one DCC User take a counter and
POST under one lock (the POST is answered at once with I99); the wait for the callback,
its verification and decoding overlap. TCP clients each hold a connection (TcpDut).
No target: the figures are printed for docs/duis.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from s1sr.dmves import default_dmves_path, load_dmves
from s1sr.dut.duis.counter import OriginatorCounters
from s1sr.dut.duis.encode import build_request
from s1sr.dut.duis.endpoint import HttpEndpoint
from s1sr.dut.duis.keys import DuisKeys
from s1sr.dut.duis.launcher import free_port, keygen
from s1sr.dut.duis.listener import CallbackListener
from s1sr.dut.duis.paths import service_path
from s1sr.dut.emulator import EmulatorDut
from s1sr.dut.tcp import TcpDut
from s1sr.models import DeviceType, ReadFirmwareVersionRequest, Request


def _server(extra: list[str], folder: Path) -> tuple[subprocess.Popen, int]:
    port_file = folder / f"port-{len(list(folder.iterdir()))}"
    command = [sys.executable, "-m", "s1sr.cli", "emulate", "--han", "HAN-1", "--test-hooks"]
    command += ["--port", "0", "--port-file", str(port_file), *extra]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not port_file.is_file() or not port_file.read_text().strip():
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError("s1sr emulate did not start")
        time.sleep(0.05)
    return process, int(port_file.read_text().strip())


def bench_duis(requests: int, clients: int, folder: Path, keys: Path) -> float:
    listen = free_port()
    process, port = _server(
        ["--duis", "--keys", str(keys), "--callback", f"http://127.0.0.1:{listen}/smartdcc/duis"],
        folder,
    )
    try:
        key_folder = DuisKeys(keys)
        listener = CallbackListener("127.0.0.1", listen, key_folder)
        listener.start()
        arrived: dict[int, threading.Event] = {}
        results: dict[int, object] = {}
        guard = threading.Lock()

        def dispatch() -> None:
            while True:
                listener.inbox.wait(time.monotonic() + 0.5)
                for item in listener.inbox.take():
                    if item.response is None or item.response.header.request_id is None:
                        continue
                    counter = item.response.header.request_id.counter
                    results[counter] = item.response.to_model()
                    with guard:
                        arrived.setdefault(counter, threading.Event()).set()

        threading.Thread(target=dispatch, daemon=True).start()
        inventory = EmulatorDut(load_dmves(default_dmves_path()), _esme_model()).inventory()
        esme = inventory.on_han(DeviceType.ESME)[0]
        user = inventory.user_for(esme.id)
        signer = key_folder.signer(user)
        counters = OriginatorCounters(folder / "counters.json")
        send_lock = threading.Lock()
        local = threading.local()

        def one(index: int) -> None:
            endpoint = getattr(local, "endpoint", None)
            if endpoint is None:
                endpoint = local.endpoint = HttpEndpoint("http", "127.0.0.1", port)
            request = Request(index + 1, user, esme.id, ReadFirmwareVersionRequest())
            with send_lock:
                counter = counters.next(user)
                signed = build_request(request, counter, DeviceType.ESME, signer)
                with guard:
                    event = arrived.setdefault(counter, threading.Event())
                answer = endpoint.post_xml(
                    service_path(signed.duis.header.command_variant), signed.xml
                )
            if answer.status != 200:
                raise RuntimeError(f"HTTP {answer.status}: {answer.text()[:200]}")
            if not event.wait(30):
                raise RuntimeError(f"no callback for counter {counter}")

        start = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(one, range(requests)))
        elapsed = time.perf_counter() - start
        listener.stop()
        return requests / elapsed
    finally:
        process.terminate()
        process.wait(10)


def _esme_model():
    dmves = load_dmves(default_dmves_path())
    return next(m for m in dmves.models if m.han_id == "HAN-1" and m.device_type is DeviceType.ESME)


def bench_tcp(requests: int, clients: int, folder: Path) -> float:
    process, port = _server([], folder)
    try:
        dmves = load_dmves(default_dmves_path())
        model = _esme_model()
        duts = [TcpDut("127.0.0.1", port, model, dmves=dmves) for _ in range(clients)]
        for dut in duts:
            dut.open()
        inventory = duts[0].inventory()
        esme = inventory.of_model(model.id)
        user = inventory.user_for(esme.id)

        def one(index: int) -> None:
            dut = duts[index % clients]
            dut.exchange(Request(index + 1, user, esme.id, ReadFirmwareVersionRequest()))

        start = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            # each connection carries one exchange at a time: split the indices by client
            list(pool.map(lambda c: [one(i) for i in range(c, requests, clients)], range(clients)))
        elapsed = time.perf_counter() - start
        for dut in duts:
            dut.close()
        return requests / elapsed
    finally:
        process.terminate()
        process.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", default="1,10,50")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="s1sr-bench-duis-") as scratch:
        folder = Path(scratch)
        keys = folder / "keys"
        inventory = EmulatorDut(load_dmves(default_dmves_path()), _esme_model()).inventory()
        keygen(keys, [str(u) for u in inventory.users])
        servers = folder / "servers"
        servers.mkdir()
        print(f"{'clients':>7} {'DUIS/HTTP ex/s':>15} {'TCP ex/s':>10}")
        for clients in (int(c) for c in args.clients.split(",")):
            duis = bench_duis(args.requests, clients, servers, keys)
            tcp = bench_tcp(args.requests, clients, servers)
            print(f"{clients:>7} {duis:>15.1f} {tcp:>10.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
