"""Time to decode (and re-encode) every GBCS message of the RTDS folder.

Run: ``python benchmarks/gbcs_decode.py [DIR] [--repeat N]``. The folder is read once;
each pass decodes every file strictly (framing, payload, no lazy ZCL), then a separate
pass also decodes the ZCL commands and re-encodes each message. Reported: the best and
median pass, per folder and per file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from s1sr.codecs.gbcs import GbzPayload, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.rtds import default_rtds_dir, read_hex_file, rtds_files


def decode_all(messages: list[bytes]) -> None:
    for data in messages:
        decode_gbcs(data)


def decode_zcl_and_encode_all(messages: list[bytes]) -> None:
    for data in messages:
        message = decode_gbcs(data)
        if isinstance(message.payload, GbzPayload):
            for component in message.payload.components:
                _ = component.zcl
        encode_gbcs(message)


def timed(run, messages: list[bytes], repeat: int) -> list[float]:
    laps = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(messages)
        laps.append(time.perf_counter() - started)
    return laps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    root = args.directory or default_rtds_dir()
    messages = [read_hex_file(p) for p in rtds_files(root)] if root.is_dir() else []
    if not messages:
        print(f"no *.HEX files under {root}", file=sys.stderr)
        return 2
    print(f"{len(messages)} messages, {sum(map(len, messages))} bytes")
    for label, run in (("decode", decode_all), ("decode+zcl+encode", decode_zcl_and_encode_all)):
        laps = timed(run, messages, args.repeat)
        best, median = min(laps), statistics.median(laps)
        print(
            f"{label:>18}: best {best * 1000:.1f} ms, median {median * 1000:.1f} ms "
            f"({best * 1e6 / len(messages):.0f} us/message best)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
