"""Encode + decode round trips per second through the s1sr wire format, and the struct yardstick.

Run: ``python benchmarks/bench_codecs.py`` (``--quick`` for a shorter run). Prints three
tables, all measured in this one run on one core (CPU time of this process, best of
several repeats):

1. round trips per second for one representative message of every type;
2. the construct codec against a hand-written ``struct`` codec of the same four frames
   (top-up request and response, daily read log request and response), producing the
   same bytes and models (tests/wire/test_struct_baseline.py checks that);
3. the frame header: the field-by-field construct schema it started as, against the
   struct-backed construct it is now, alone and inside a top-up round trip.

Targets (issue 3): at least 20,000 top-up request round trips per second, and every
struct-yardstick frame within 15x. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

import struct_baseline as baseline
from declarative_header import DeclarativeHeaderField
from representative import (
    ALL,
    DAILY_LOG_REQUEST,
    DAILY_LOG_RESPONSE,
    TOP_UP_REQUEST,
    TOP_UP_RESPONSE,
)

import s1sr.codecs.wire.codec as codec
from s1sr.codecs.strict import build_strict, parse_strict
from s1sr.codecs.wire import decode_message, encode_message
from s1sr.codecs.wire.header import HeaderField

TOP_UP_TARGET = 20_000  # round trips per second
RATIO_TARGET = 15.0


def best_rate(run: Callable[[], object], seconds: float, repeats: int) -> float:
    """Calls per CPU second of ``run``: the best of ``repeats`` timed batches."""
    batch = 1
    while True:  # grow the batch until it takes a measurable slice of ``seconds``
        started = time.process_time()
        for _ in range(batch):
            run()
        elapsed = time.process_time() - started
        if elapsed >= seconds / 10 or batch >= 1 << 22:
            break
        batch *= 2
    per_batch = max(1, int(batch * seconds / max(elapsed, 1e-9)))
    best = 0.0
    for _ in range(repeats):
        started = time.process_time()
        for _ in range(per_batch):
            run()
        elapsed = time.process_time() - started
        best = max(best, per_batch / max(elapsed, 1e-9))
    return best


def round_trip(message: object) -> Callable[[], object]:
    return lambda: decode_message(encode_message(message))


def pin_to_one_core() -> str:
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
    except (AttributeError, OSError):
        return "not pinned"
    return f"pinned to CPU {core}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter batches, fewer repeats")
    args = parser.parse_args(argv)
    seconds, repeats = (0.05, 3) if args.quick else (0.2, 5)

    print(f"s1sr wire format, {pin_to_one_core()}, CPU time, best of {repeats}\n")
    print(f"{'message':34} {'bytes':>7} {'round trips/s':>14} {'us each':>9}")
    for name, message in ALL.items():
        rate = best_rate(round_trip(message), seconds, repeats)
        size = len(encode_message(message))
        print(f"{name:34} {size:7} {rate:14,.0f} {1e6 / rate:9.1f}")

    pairs = [
        (
            "top-up request",
            TOP_UP_REQUEST,
            baseline.encode_top_up_request,
            baseline.decode_top_up_request,
        ),
        (
            "top-up response",
            TOP_UP_RESPONSE,
            baseline.encode_top_up_response,
            baseline.decode_top_up_response,
        ),
        (
            "daily read log request",
            DAILY_LOG_REQUEST,
            baseline.encode_daily_log_request,
            baseline.decode_daily_log_request,
        ),
        (
            "daily read log response (31)",
            DAILY_LOG_RESPONSE,
            baseline.encode_daily_log_response,
            baseline.decode_daily_log_response,
        ),
    ]
    print(f"\n{'frame':30} {'construct/s':>12} {'struct/s':>12} {'ratio':>7}  target")
    missed = []
    top_up_rate = 0.0
    for name, message, encode, decode in pairs:
        if encode(message) != encode_message(message):
            print(f"{name}: the struct baseline writes different bytes", file=sys.stderr)
            return 2
        ours = best_rate(round_trip(message), seconds, repeats)
        theirs = best_rate(lambda m=message, e=encode, d=decode: d(e(m)), seconds, repeats)
        ratio = theirs / ours
        verdict = "met" if ratio <= RATIO_TARGET else "MISSED"
        if ratio > RATIO_TARGET:
            missed.append(f"{name} is {ratio:.1f}x the struct baseline")
        if message is TOP_UP_REQUEST:
            top_up_rate = ours
        print(
            f"{name:30} {ours:12,.0f} {theirs:12,.0f} {ratio:6.1f}x  <= {RATIO_TARGET:.0f}x {verdict}"
        )

    raw = encode_message(TOP_UP_REQUEST)[:28]
    print(f"\n{'frame header':30} {'parse+build/s':>14} {'top-up round trips/s':>21}")
    for label, schema in (
        ("field by field (before)", DeclarativeHeaderField),
        ("struct-backed (now)", HeaderField),
    ):
        alone = best_rate(lambda s=schema: build_strict(s, parse_strict(s, raw)), seconds, repeats)
        codec.HeaderField = schema  # the codec with this header, for this row only
        try:
            whole = best_rate(round_trip(TOP_UP_REQUEST), seconds, repeats)
        finally:
            codec.HeaderField = HeaderField
        print(f"{label:30} {alone:14,.0f} {whole:21,.0f}")

    verdict = "met" if top_up_rate >= TOP_UP_TARGET else "MISSED"
    print(
        f"\ntop-up request: {top_up_rate:,.0f} round trips/s, target {TOP_UP_TARGET:,}: {verdict}"
    )
    if top_up_rate < TOP_UP_TARGET:
        missed.append(f"top-up request at {top_up_rate:,.0f}/s")
    if missed:
        print("targets missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
