"""DUIS: requests built and signed per second, responses verified and decoded per second.

Run: ``python benchmarks/bench_duis.py`` (``--quick`` for a shorter run). Measured in
one run on one core (CPU time, best of several repeats), next to the binary wire codec's
round trip of the same top-up request, so the figures can be compared. Needs the DUIS
reference material (``S1SR_DUIS_DIR`` or ``../shared/duis``) for the keys and the real
response; without it, says so and exits 0.

Targets: at least 100 top-up requests built and signed per second and 100 real responses
verified and decoded per second. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench_codecs import best_rate

from s1sr.codecs.duis import KeyStore, encode_request, sign, verify
from s1sr.codecs.duis.response import response_from_element
from s1sr.codecs.duis.views import from_model
from s1sr.codecs.wire import decode_message, encode_message
from s1sr.models import Request, TopUpDeviceRequest, Utrn
from s1sr.models.examples import ESME, USER

TARGET = 100  # per second
REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seconds, repeats = (0.2, 2) if args.quick else (1.0, 3)
    folder = Path(os.environ.get("S1SR_DUIS_DIR") or REPO.parent / "shared" / "duis")
    if not (folder / "keys").is_dir():
        print(f"bench_duis: DUIS reference material absent ({folder}); skipped")
        return 0
    keys = KeyStore(folder / "keys")
    entry = keys.named("xml-sign-90B3D51F30010000-ds")
    key, certificate = entry.private_key(), entry.certificate
    model = Request(7, USER, ESME, TopUpDeviceRequest(Utrn.parse("73943333457189043313")))
    response = (folder / "responses" / "readfw-response.xml").read_bytes()
    signed_at = datetime(2022, 8, 17, tzinfo=UTC)

    def build() -> bytes:
        return encode_request(from_model(model))

    def build_and_sign() -> bytes:
        return sign(build(), key, certificate)

    def verify_and_decode() -> object:
        verified = verify(response, keys, at=signed_at)
        return response_from_element(verified.signed).to_model()

    def wire_round_trip() -> object:
        return decode_message(encode_message(model))

    rows = [
        ("DUIS top-up request built (unsigned)", best_rate(build, seconds, repeats)),
        ("DUIS top-up request built and signed", best_rate(build_and_sign, seconds, repeats)),
        ("DUIS 11.2 response verified and decoded", best_rate(verify_and_decode, seconds, repeats)),
        ("wire top-up request round trip", best_rate(wire_round_trip, seconds, repeats)),
    ]
    for name, rate in rows:
        print(f"{name:<44} {rate:>12,.0f} /s")
    missed = [name for name, rate in rows[1:3] if rate < TARGET]
    for name in missed:
        print(f"target missed: {name} below {TARGET}/s", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
