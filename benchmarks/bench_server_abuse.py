"""The TCP server's memory under 10,000 abusive connections, with valid clients served throughout.

Run: ``python benchmarks/bench_server_abuse.py [--connections N] [--concurrency N]
[--max-growth-mb MB]``. ``s1sr emulate --han HAN-1 --test-hooks`` runs in its own process
with its default limits (256 connections, idle timeout 600 s, frame timeout 30 s), so no
timeout frees a slot during the run: only shedding does. Abusers, ``--concurrency`` at a
time (1,000: the two kinds that hold on are 400 of them, more than the server's slots, so
it stays full), each open one connection of a mix in equal parts: a half frame (three header bytes, then nothing), a trickle (a valid
frame a byte every 0.2 s, never the last byte), garbage, a header declaring a frame over the
size limit, and connect-and-drop (half with a reset). Each holds its connection until the
server closes it (at most ``--hold`` seconds). Meanwhile a valid client connects afresh
every 0.2 s and must have its answer within ``--answer-timeout`` seconds.

The server's resident memory (``VmRSS`` of /proc/PID/status) is read once it has served its
first client and again once every abuser is gone; ``VmHWM`` is its peak. The target: RSS
grows by less than ``--max-growth-mb`` and every valid client is served; the script exits 1
when either is missed. The server's shed and refusal log lines are counted. Linux only: on
a system without /proc it says so and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from s1sr.codecs.wire import HEADER_SIZE, MAX_FRAME_BYTES, encode_message
from s1sr.emulator import device_id_for, supplier_user_id
from s1sr.models import ReadFirmwareVersionRequest, Request

ESME = device_id_for("EX-ESME-1")
USER = supplier_user_id("SUP-A")
STARTUP_SECONDS = 30.0
KINDS = ("half frame", "trickle", "garbage", "oversized header", "connect and drop")
_request_ids = itertools.count(1)


def valid_frame(request_id: int) -> bytes:
    return encode_message(Request(request_id, USER, ESME, ReadFirmwareVersionRequest()))


def oversized_header() -> bytes:
    """A request header declaring a payload one byte over the maximum frame."""
    header = bytearray(valid_frame(0)[:HEADER_SIZE])
    header[24:28] = (MAX_FRAME_BYTES - 31).to_bytes(4, "big")
    return bytes(header)


def memory_kb(pid: int) -> dict[str, int] | None:
    """VmRSS and VmHWM of a process in kB, from /proc; None where there is no /proc."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    return {key: int(fields[key].split()[0]) for key in ("VmRSS", "VmHWM")}


async def until_closed(reader: asyncio.StreamReader, hold: float) -> None:
    """Read (and drop) until the server closes the connection or ``hold`` seconds pass."""
    try:
        async with asyncio.timeout(hold):
            while await reader.read(4096):
                pass
    except (TimeoutError, OSError):
        pass


async def abuse(address: tuple[str, int], kind: str, hold: float, tally: dict) -> None:
    try:
        reader, writer = await asyncio.open_connection(*address)
    except OSError:
        tally["connect failed"] += 1
        return
    try:
        if kind == "half frame":
            writer.write(valid_frame(0)[:3])
            await until_closed(reader, hold)
        elif kind == "trickle":
            frame = valid_frame(0)
            for byte in frame[:-1]:
                writer.write(bytes([byte]))
                try:
                    async with asyncio.timeout(0.2):
                        if not await reader.read(4096):
                            break  # closed by the server
                except TimeoutError:
                    continue
        elif kind == "garbage":
            writer.write(random.randbytes(64))
            await until_closed(reader, hold)
        elif kind == "oversized header":
            writer.write(oversized_header())
            await until_closed(reader, hold)
        elif tally[kind] % 2:  # connect and drop: a reset
            writer.transport.abort()
    except OSError:
        pass
    finally:
        tally[kind] += 1
        writer.close()


async def valid_client(address: tuple[str, int], timeout: float) -> float | None:
    """Seconds to connect and be answered, or None when not answered within ``timeout``."""
    request_id = next(_request_ids)
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(*address)
            try:
                writer.write(valid_frame(request_id))
                header = await reader.readexactly(HEADER_SIZE)
                await reader.readexactly(int.from_bytes(header[24:28], "big") + 4)
            finally:
                writer.close()
    except (TimeoutError, OSError, asyncio.IncompleteReadError):
        return None
    if int.from_bytes(header[8:16], "big") != request_id:
        return None
    return time.perf_counter() - started


async def run_abuse(address: tuple[str, int], args: argparse.Namespace) -> dict:
    tally = dict.fromkeys([*KINDS, "connect failed"], 0)
    latencies: list[float | None] = []
    done = asyncio.Event()

    async def validate() -> None:
        while not done.is_set():
            latencies.append(await valid_client(address, args.answer_timeout))
            await asyncio.sleep(0.2)

    slots = asyncio.Semaphore(args.concurrency)

    async def one(index: int) -> None:
        async with slots:
            await abuse(address, KINDS[index % len(KINDS)], args.hold, tally)

    checker = asyncio.create_task(validate())
    started = time.perf_counter()
    pending: set[asyncio.Task] = set()
    for index in range(args.connections):
        await slots.acquire()  # start no more than the concurrency allows
        slots.release()
        task = asyncio.create_task(one(index))
        pending.add(task)
        task.add_done_callback(pending.discard)
        await asyncio.sleep(0)
    await asyncio.gather(*pending)
    elapsed = time.perf_counter() - started
    done.set()
    await checker
    return {"tally": tally, "latencies": latencies, "seconds": elapsed}


def start_server(workdir: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port_file = workdir / "port"
    command = [sys.executable, "-m", "s1sr.cli", "emulate", "--han", "HAN-1", "--test-hooks"]
    command += ["--port", "0", "--port-file", str(port_file)]
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + STARTUP_SECONDS
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("s1sr emulate did not start")
        time.sleep(0.05)
    return process, int(port_file.read_text(encoding="ascii"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=10_000, help="abusive connections")
    parser.add_argument("--concurrency", type=int, default=1000, help="abusers at a time")
    parser.add_argument("--hold", type=float, default=10.0, help="seconds an abuser may wait")
    parser.add_argument("--answer-timeout", type=float, default=5.0, help="for a valid client")
    parser.add_argument("--max-growth-mb", type=float, default=20.0, help="the RSS target")
    args = parser.parse_args(argv)
    random.seed(14)  # the same garbage every run
    if memory_kb(os.getpid()) is None:
        print("bench_server_abuse: skipped: no /proc/PID/status to read RSS from (Linux only)")
        return 0
    with tempfile.TemporaryDirectory() as workdir:
        log = Path(workdir) / "server.log"
        process, port = start_server(Path(workdir), log)
        address = ("127.0.0.1", port)
        try:
            first = asyncio.run(valid_client(address, STARTUP_SECONDS))
            before = memory_kb(process.pid)
            result = asyncio.run(run_abuse(address, args))
            time.sleep(1.0)  # the server closes what the last abusers left
            last = asyncio.run(valid_client(address, args.answer_timeout))
            after = memory_kb(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
        lines = log.read_text(errors="replace").splitlines()
    assert before is not None and after is not None
    served = [s for s in [*result["latencies"], last] if s is not None]
    attempts = len(result["latencies"]) + 1
    growth_mb = (after["VmRSS"] - before["VmRSS"]) / 1024
    sheds = sum("shed connection" in line for line in lines)
    refusals = sum("refused" in line for line in lines)
    print(
        f"TCP server under {args.connections} abusive connections "
        f"({args.concurrency} at a time, {result['seconds']:.1f} s; default limits)"
    )
    print("  abusers: " + ", ".join(f"{kind} {n}" for kind, n in result["tally"].items()))
    print(f"  server log: {sheds} shed, {refusals} refused")
    print(
        f"  RSS before {before['VmRSS'] / 1024:.1f} MB, after {after['VmRSS'] / 1024:.1f} MB "
        f"(growth {growth_mb:+.1f} MB, target < {args.max_growth_mb:.0f} MB); "
        f"peak {after['VmHWM'] / 1024:.1f} MB"
    )
    print(
        f"  valid clients served: {len(served)}/{attempts} (first in "
        f"{(first or 0) * 1000:.0f} ms), latency median "
        f"{statistics.median(served) * 1000:.1f} ms, max {max(served) * 1000:.1f} ms"
        if served
        else f"  valid clients served: 0/{attempts}"
    )
    failures = []
    if growth_mb >= args.max_growth_mb:
        failures.append(f"RSS grew {growth_mb:.1f} MB (target < {args.max_growth_mb} MB)")
    if len(served) != attempts:
        failures.append(f"{attempts - len(served)} valid client(s) not served")
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
