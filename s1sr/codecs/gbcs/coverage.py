"""How much of a folder of GBCS messages the codec understands, and how fast.

    python -m s1sr.codecs.gbcs.coverage [DIR] [--fail-under PCT] [--model-fail-under PCT]

Levels, each a count and a percentage of the files: framing (the ``DD`` / ``DF``
envelope and grouping header decode), payload (the GBZ / DLMS / DER structure decodes
strictly), model (a mapper to the typed SRV models accepts the message: counted when
``s1sr.codecs.gbcs.mapping.to_model`` exists), and round trip (re-encoding gives the
same bytes). The decode time is one strict pass over the folder's bytes, reading excluded;
the decode + map time is one pass that also maps each message to its model.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.gbz import GbzPayload
from s1sr.codecs.gbcs.message import GbcsMessage, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs.payload import RawPayload
from s1sr.codecs.gbcs.rtds import default_rtds_dir, read_hex_file, rtds_files

Mapper = Callable[[GbcsMessage], Any]


@dataclass(frozen=True)
class FileResult:
    name: str
    framing: bool
    payload: bool
    round_trip: bool
    model: bool | None  # None: no mapper available
    zcl_total: int = 0  # plaintext GBZ components
    zcl_decoded: int = 0
    error: str | None = None


@dataclass(frozen=True)
class CoverageReport:
    results: tuple[FileResult, ...]
    decode_seconds: float
    map_seconds: float | None = None  # decode + map, when a mapper is available

    @property
    def total(self) -> int:
        return len(self.results)

    def count(self, level: str) -> int:
        return sum(1 for r in self.results if getattr(r, level))

    def percent(self, level: str) -> float:
        return 100.0 * self.count(level) / self.total if self.total else 0.0

    @property
    def has_model_level(self) -> bool:
        return any(r.model is not None for r in self.results)

    def lines(self) -> list[str]:
        out = [f"GBCS files: {self.total}"]
        for label, level in (
            ("framing", "framing"),
            ("payload", "payload"),
            ("round-trip identical", "round_trip"),
        ):
            out.append(
                f"{label:>22}: {self.count(level)}/{self.total} ({self.percent(level):.1f}%)"
            )
        if self.has_model_level:
            out.append(
                f"{'model':>22}: {self.count('model')}/{self.total} ({self.percent('model'):.1f}%)"
            )
        else:
            out.append(f"{'model':>22}: n/a (no s1sr.codecs.gbcs.mapping.to_model)")
        zt = sum(r.zcl_total for r in self.results)
        zd = sum(r.zcl_decoded for r in self.results)
        out.append(f"{'ZCL commands decoded':>22}: {zd}/{zt} plaintext GBZ components")
        per_file = 1000 * self.decode_seconds / self.total if self.total else 0.0
        out.append(
            f"{'decode time':>22}: {self.decode_seconds * 1000:.1f} ms ({per_file:.3f} ms/file)"
        )
        if self.map_seconds is not None:
            per_file = 1000 * self.map_seconds / self.total if self.total else 0.0
            out.append(
                f"{'decode + map time':>22}: {self.map_seconds * 1000:.1f} ms"
                f" ({per_file:.3f} ms/file)"
            )
        out.extend(f"  failed: {r.name}: {r.error}" for r in self.results if r.error)
        return out


def load_mapper() -> Mapper | None:
    """The model-level mapper, once the mapping module exists."""
    try:
        module = importlib.import_module("s1sr.codecs.gbcs.mapping")
    except ImportError:
        return None
    mapper = getattr(module, "to_model", None)
    return mapper if callable(mapper) else None


def measure_file(name: str, data: bytes, mapper: Mapper | None = None) -> FileResult:
    try:
        lenient = decode_gbcs(data, strict=False)
    except CodecError as exc:
        return FileResult(
            name, False, False, False, None if mapper is None else False, error=str(exc)
        )
    round_trip = encode_gbcs(lenient) == data
    payload_ok = not isinstance(lenient.payload, RawPayload)
    error = None if payload_ok else lenient.payload.reason
    zcl_total = zcl_decoded = 0
    if isinstance(lenient.payload, GbzPayload):
        plain = [c for c in lenient.payload.components if not c.encrypted]
        zcl_total = len(plain)
        zcl_decoded = sum(1 for c in plain if c.zcl is not None)
    model: bool | None = None
    if mapper is not None:
        try:
            model = mapper(lenient) is not None
        except CodecError as exc:
            model = False
            error = error or f"model: {exc}"
    return FileResult(name, True, payload_ok, round_trip, model, zcl_total, zcl_decoded, error)


def measure(root: Path, mapper: Mapper | None = None) -> CoverageReport:
    files = [(path.name, read_hex_file(path)) for path in rtds_files(root)]
    started = time.perf_counter()
    for _, data in files:
        try:
            decode_gbcs(data)
        except CodecError:
            pass
    elapsed = time.perf_counter() - started
    map_elapsed = None
    if mapper is not None:
        started = time.perf_counter()
        for _, data in files:
            try:
                mapper(decode_gbcs(data))
            except CodecError:
                pass
        map_elapsed = time.perf_counter() - started
    results = tuple(measure_file(name, data, mapper) for name, data in files)
    return CoverageReport(results, elapsed, map_elapsed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m s1sr.codecs.gbcs.coverage", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("directory", nargs="?", type=Path, help="folder of *.HEX files")
    parser.add_argument(
        "--fail-under",
        type=float,
        metavar="PCT",
        help="exit 1 if framing or round-trip coverage is below PCT percent",
    )
    parser.add_argument(
        "--model-fail-under",
        type=float,
        metavar="PCT",
        help="exit 1 if fewer than PCT percent of the files map to a typed model",
    )
    args = parser.parse_args(argv)
    root = args.directory or default_rtds_dir()
    if not root.is_dir():
        sys.stderr.write(f"no GBCS folder at {root} (set S1SR_GBCS_RTDS or pass DIR)\n")
        return 2
    report = measure(root, load_mapper())
    if not report.total:
        sys.stderr.write(f"no *.HEX files under {root}\n")
        return 2
    print("\n".join(report.lines()))
    if (
        args.fail_under is not None
        and min(report.percent("framing"), report.percent("round_trip")) < args.fail_under
    ):
        return 1
    if args.model_fail_under is not None and (
        not report.has_model_level or report.percent("model") < args.model_fail_under
    ):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
