"""``s1sr report merge OUT DIR...``: the folders of a run split with ``--shard I/N``, as one.

Exit codes: 0 merged (OUT written and verified); 2 refused, one line per reason, nothing
written: a folder unusable or not a shard, shards of different DMVES, catalogue, suite
version, DUT or options, shards given twice or missing, overlapping or missing pairs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from s1sr.cli.output import fail
from s1sr.report import ReportError, verify_manifest
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
    merge.set_defaults(handler=_merge)


def _merge(args: argparse.Namespace) -> int:
    try:
        written = merge_runs(args.out, args.shards)
    except MergeRefused as exc:
        for problem in exc.problems:
            fail(problem, EXIT_REFUSED)
        return EXIT_REFUSED
    except ReportError as exc:
        return fail(str(exc), EXIT_REFUSED)
    results = written.results
    counts = ", ".join(f"{n} {v.value}" for v, n in results.counts().items())
    check = verify_manifest(written.folder)
    print(
        f"{written.folder}: merged {len(results.metadata.merged_from)} shards: "
        f"{len(results.pairs)} pairs ({counts}); {check.checked} files in manifest.sha256"
    )
    return 0
