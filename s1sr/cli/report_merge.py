"""``s1sr report merge OUT DIR...``: the folders of a run split with ``--shard I/N``, as one.

Exit codes: 0 merged (OUT written and verified; signed with ``--sign-key``); 2 refused, one
line per reason, nothing written: a folder unusable (manifest, cross-check, with ``--trust``
its signature) or not a shard, shards of different DMVES, catalogue, suite version, DUT or
options, shards given twice or missing, overlapping or missing pairs.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

from s1sr.cli.output import fail
from s1sr.report import (
    SIGNATURE_FILE,
    ReportError,
    fingerprint,
    load_private_key,
    load_public_key,
    load_run,
    sign_run,
    verify_manifest,
)
from s1sr.report.merge import MergeRefused, merge_runs

EXIT_REFUSED = 2


def register_merge(commands: argparse._SubParsersAction) -> None:
    merge = commands.add_parser(
        "merge",
        help="join the folders of a run split with --shard I/N into one run folder",
        description="Each shard folder is verified first; then all must be shards 1..N of "
        "one run (same DMVES, catalogue, suite version, DUT and options; every Device Model "
        "in exactly one shard, judged on the same clauses). OUT is written as one run would "
        "have written it: evidence, results, junit, summary, matrix, manifest. Exit 0 merged, "
        "2 refused (each reason on one line, nothing written). See docs/reports.md.",
    )
    merge.add_argument("out", type=Path, metavar="OUT", help="the merged run folder (new)")
    merge.add_argument("shards", type=Path, nargs="+", metavar="DIR", help="a shard's folder")
    merge.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="PUB",
        help="an Ed25519 public key (PEM) whose signature every shard must carry; repeatable: "
        "any one of them will do for each shard",
    )
    merge.add_argument(
        "--sign-key",
        type=Path,
        metavar="KEY",
        help="sign the merged folder's manifest with this Ed25519 private key (PEM)",
    )
    merge.set_defaults(handler=_merge)


def _merge(args: argparse.Namespace) -> int:
    try:
        trusted = [load_public_key(path) for path in args.trust] or None
        key = None if args.sign_key is None else load_private_key(args.sign_key)
    except ReportError as exc:
        return fail(str(exc), EXIT_REFUSED)
    try:
        written = merge_runs(
            args.out, args.shards, load=functools.partial(load_run, trusted=trusted)
        )
    except MergeRefused as exc:
        for problem in exc.problems:
            fail(problem, EXIT_REFUSED)
        return EXIT_REFUSED
    except ReportError as exc:
        return fail(str(exc), EXIT_REFUSED)
    if key is not None:
        try:
            sign_run(written.folder, key)
        except ReportError as exc:  # merged and intact, but NOT signed: say so, fail
            return fail(f"{written.folder}: merged but NOT signed: {exc}", EXIT_REFUSED)
    results = written.results
    counts = ", ".join(f"{n} {v.value}" for v, n in results.counts().items())
    check = verify_manifest(written.folder)
    print(
        f"{written.folder}: merged {len(results.metadata.merged_from)} shards: "
        f"{len(results.pairs)} pairs ({counts}); {check.checked} files in manifest.sha256"
    )
    if trusted is not None:
        print(f"  every shard signed by a trusted key ({len(trusted)} given)")
    if key is not None:
        print(f"  signed: {SIGNATURE_FILE} by key {fingerprint(key.public_key())}")
    return 0
