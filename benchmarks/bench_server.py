"""SRVs per second through the emulator's TCP server with 1, 10 and 50 concurrent clients.

Run: ``python benchmarks/bench_server.py [--requests N] [--clients 1,10,50]``. For each
client count a fresh ``s1sr emulate --han HAN-1 --test-hooks`` runs in its own process on
127.0.0.1 (so the server has an interpreter and a core of its own), the clients share one
asyncio loop here, each with one request in flight at a time, and the same bounded number
of requests is spread over them. The mix is four SRVs that the installation answers at
once: 11.2 Read Firmware Version, 4.6.1 Retrieve Import Daily Read Log (three days),
6.8 Update Billing Calendar and 2.2 Top Up Device (each UTRN counter once per 4,096
requests; past that, top-ups are duplicates the S1SP answers with an alert, which the
"I0 %" column would show). Requests are encoded before the clock
starts; answers are matched by the request id in their header, and a sample is decoded in
full. Server CPU is the server process's user + system time over the timed run, read
from /proc (Linux); elsewhere it is the child's total, start-up included.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from s1sr.codecs.wire import HEADER_SIZE, Kind, decode_message, encode_message
from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.models import (
    AdvanceClock,
    BillingCalendar,
    BillingPeriodicity,
    ControlRequest,
    DailyReadLogRequest,
    ReadFirmwareVersionRequest,
    Request,
    TopUpDeviceRequest,
    UpdateBillingCalendarRequest,
    Utrn,
    ValueClass,
    utc,
)

START = utc(2024, 1, 15, 12)
ESME = device_id_for("EX-ESME-1")
GSME = device_id_for("EX-GSME-1")
USER = supplier_user_id("SUP-A")
STARTUP_SECONDS = 30.0
ANSWER_KINDS = (Kind.RESPONSE, Kind.ALERT)


def request_frames(count: int) -> list[tuple[int, bytes]]:
    """``count`` encoded requests of the mix, with distinct request ids."""
    now = START + timedelta(days=3)
    bodies = itertools.cycle(
        [
            (ESME, ReadFirmwareVersionRequest()),
            (GSME, DailyReadLogRequest(now - timedelta(days=3), now)),
            (ESME, UpdateBillingCalendarRequest(BillingCalendar(now, BillingPeriodicity.MONTHLY))),
            (ESME, None),  # a top-up, built per request
        ]
    )
    frames = []
    for request_id in range(1, count + 1):
        target, body = next(bodies)
        if body is None:
            counter = (request_id // 4) % 1024  # every counter once per 4096 requests
            body = TopUpDeviceRequest(Utrn(counter, ValueClass.POUNDS, 1, request_id))
        frames.append((request_id, encode_message(Request(request_id, USER, target, body))))
    return frames


async def read_frame(reader: asyncio.StreamReader) -> bytes:
    header = await reader.readexactly(HEADER_SIZE)
    rest = await reader.readexactly(int.from_bytes(header[24:28], "big") + 4)
    return header + rest


async def client(
    address: tuple[str, int],
    frames: list[tuple[int, bytes]],
    samples: list[bytes],
    tally: list[int],
) -> list[float]:
    reader, writer = await asyncio.open_connection(*address)
    latencies = []
    for request_id, frame in frames:
        started = time.perf_counter()
        writer.write(frame)
        while True:
            answer = await read_frame(reader)
            kind, answered = answer[3], int.from_bytes(answer[8:16], "big")
            if kind in ANSWER_KINDS and answered == request_id:
                tally[0 if kind == Kind.RESPONSE and answer[HEADER_SIZE] == 0 else 1] += 1
                break
        latencies.append(time.perf_counter() - started)
        if len(samples) < 64:
            samples.append(answer)
    writer.close()
    await writer.wait_closed()
    return latencies


async def prepare(address: tuple[str, int]) -> None:
    """Move the virtual clock three days on, so the daily read log has entries."""
    reader, writer = await asyncio.open_connection(*address)
    writer.write(encode_message(ControlRequest(1, ESME, AdvanceClock(3 * 86400))))
    await read_frame(reader)
    writer.close()
    await writer.wait_closed()


async def drive(
    address: tuple[str, int], clients: int, total: int
) -> tuple[float, list[float], list[int]]:
    """Wall seconds, each request's latency, and [I0 responses, other answers]."""
    frames = request_frames(total)
    shares = [frames[index::clients] for index in range(clients)]
    samples: list[bytes] = []
    tally = [0, 0]
    started = time.perf_counter()
    results = await asyncio.gather(*(client(address, share, samples, tally) for share in shares))
    elapsed = time.perf_counter() - started
    for sample in samples:  # the answers are real frames, not just headers
        decode_message(sample)
    return elapsed, [latency for result in results for latency in result], tally


def start_server(workdir: Path, max_connections: int) -> tuple[subprocess.Popen[bytes], int]:
    port_file = workdir / "port"
    port_file.unlink(missing_ok=True)
    command = [sys.executable, "-m", "s1sr.cli", "emulate", "--han", "HAN-1", "--test-hooks"]
    command += ["--port", "0", "--port-file", str(port_file)]
    command += ["--max-connections", str(max_connections)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("s1sr emulate did not start")
        time.sleep(0.05)
    return process, int(port_file.read_text(encoding="ascii"))


def process_cpu(pid: int) -> float | None:
    """User + system CPU seconds of a running process, from /proc; None where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scenario(clients: int, total: int, workdir: Path) -> dict[str, float]:
    process, port = start_server(workdir, max_connections=clients + 8)
    children_before = children_cpu()
    try:
        asyncio.run(prepare(("127.0.0.1", port)))  # the server has imported and built
        before = process_cpu(process.pid)
        elapsed, latencies, tally = asyncio.run(drive(("127.0.0.1", port), clients, total))
        after = process_cpu(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    if before is not None and after is not None:
        server_cpu = after - before
    else:
        server_cpu = children_cpu() - children_before  # start-up and shutdown included
    latencies.sort()
    return {
        "clients": clients,
        "requests": len(latencies),
        "seconds": elapsed,
        "srvs_per_s": len(latencies) / elapsed,
        "server_cpu_s": server_cpu,
        "server_us_per_srv": server_cpu / len(latencies) * 1e6,
        "i0_percent": 100 * tally[0] / len(latencies),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per scenario")
    parser.add_argument("--clients", default="1,10,50", help="comma-separated client counts")
    args = parser.parse_args(argv)
    counts = [int(part) for part in args.clients.split(",")]
    if args.requests < max(counts):
        parser.error("--requests must be at least the largest client count")
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for clients in counts:
            rows.append(scenario(clients, args.requests, Path(workdir)))
    print(f"SRVs through the TCP server, {args.requests} requests per row (loopback)")
    print(
        f"{'clients':>7} {'requests':>8} {'wall s':>7} {'SRVs/s':>8} "
        f"{'server CPU s':>12} {'CPU us/SRV':>10} {'p50 ms':>7} {'p99 ms':>7} {'I0 %':>5}"
    )
    for row in rows:
        print(
            f"{row['clients']:>7} {row['requests']:>8} {row['seconds']:>7.2f} "
            f"{row['srvs_per_s']:>8.0f} {row['server_cpu_s']:>12.2f} "
            f"{row['server_us_per_srv']:>10.0f} "
            f"{row['p50_ms']:>7.2f} {row['p99_ms']:>7.2f} {row['i0_percent']:>5.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
