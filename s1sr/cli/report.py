"""``s1sr report verify DIR``, ``diff A B``, ``keygen`` and ``sign DIR``: a run folder
checked (manifest, cross-check against its evidence log, signature), two compared, a key
pair made, a folder signed.

Exit codes: 0 intact / no change / done; 1 files altered, added or missing (verify) or
something changed (diff); 2 not a report folder, an incomplete run, no or unreadable
manifest or results, files that disagree with evidence.jsonl, a signature that is missing
or not by the given key, or (diff) a folder that does not match its manifest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from s1sr.cli.output import add_format_option, fail, print_json
from s1sr.cli.report_merge import register_merge
from s1sr.report import ReportError, RunDiff, diff_runs, load_run, verify_manifest
from s1sr.report.crosscheck import CrossCheck, cross_check
from s1sr.report.load import sign_run
from s1sr.report.signing import (
    SignatureCheck,
    check_signature,
    fingerprint,
    generate_keys,
    load_private_key,
    load_public_key,
    require_signature,
)

EXIT_UNUSABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report",
        help="check a run's report folder against its manifest, or compare two runs",
        description="Work with the report folders conformance runs write "
        "(<report-dir>/<UTC timestamp>-<id>/). See docs/reports.md.",
    )
    commands = report.add_subparsers(dest="report_command", metavar="COMMAND")
    commands.required = True
    verify = commands.add_parser(
        "verify",
        help="check every file against manifest.sha256 and every verdict against "
        "evidence.jsonl; with --public-key, the signature",
        description="Exit 0 when the folder is exactly what the run wrote, 1 when a file was "
        "altered, added or removed, 2 when it is not a report folder, an incomplete run, "
        "when a file's verdicts or counts disagree with evidence.jsonl, or when --public-key "
        "is given and that key did not sign the manifest.",
    )
    verify.add_argument("folder", type=Path, metavar="DIR")
    verify.add_argument(
        "--public-key",
        type=Path,
        metavar="PUB",
        help="require the manifest signed by this Ed25519 public key (PEM)",
    )
    add_format_option(verify)
    verify.set_defaults(handler=_verify)
    diff = commands.add_parser(
        "diff",
        help="what changed between two runs: verdicts, pairs, DMVES, firmware, options",
        description="Both folders are verified first. Exit 0 when nothing changed, 1 when "
        "something did, 2 when a folder is unusable.",
    )
    diff.add_argument("before", type=Path, metavar="A")
    diff.add_argument("after", type=Path, metavar="B")
    add_format_option(diff)
    diff.set_defaults(handler=_diff)
    register_merge(commands)
    keygen = commands.add_parser(
        "keygen",
        help="make an Ed25519 key pair (PEM) to sign runs with",
        description="Writes the private key (mode 0600) and the public key; refuses to "
        "overwrite either. Keep the private key secret (a CI secret); give the public key "
        "to whoever gates the runs (`s1sr gate --trust`).",
    )
    keygen.add_argument("--private-key", type=Path, required=True, metavar="FILE")
    keygen.add_argument("--public-key", type=Path, required=True, metavar="FILE")
    keygen.set_defaults(handler=_keygen)
    sign = commands.add_parser(
        "sign",
        help="sign a run folder's manifest (after verifying and cross-checking it)",
        description="Writes manifest.sha256.sig, replacing any earlier signature. The folder "
        "must match its manifest and agree with its evidence log. Exit 0 signed, 2 refused.",
    )
    sign.add_argument("folder", type=Path, metavar="DIR")
    sign.add_argument(
        "--key", type=Path, required=True, metavar="KEY", help="Ed25519 private key (PEM)"
    )
    sign.set_defaults(handler=_sign)


def _verify(args: argparse.Namespace) -> int:
    try:
        trusted = None if args.public_key is None else [load_public_key(args.public_key)]
        check = verify_manifest(args.folder)
        consistent: CrossCheck | None = None
        signature: SignatureCheck | None = None
        if check.ok:
            consistent = cross_check(args.folder)
            signature = (
                check_signature(args.folder, ())
                if trusted is None
                else require_signature(args.folder, trusted)
            )
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    if args.format == "json":
        print_json(
            {
                "folder": str(args.folder),
                "ok": check.ok,
                "altered": list(check.altered),
                "added": list(check.added),
                "missing": list(check.missing),
                "intact": check.checked,
                "verdicts_cross_checked": None if consistent is None else consistent.verdicts,
                "signed_by": None if signature is None else signature.key,
                "signature_verified": None if signature is None else signature.trusted,
            }
        )
    elif check.ok:
        assert consistent is not None and signature is not None
        print(
            f"{args.folder}: intact ({check.checked} files match manifest.sha256; "
            f"{consistent.verdicts} verdicts agree with evidence.jsonl)"
        )
        print(f"  {_signature_line(signature)}")
    else:
        print(f"{args.folder}: does NOT match manifest.sha256")
        for line in check.problems():
            print(f"  {line}")
    return 0 if check.ok else 1


def _signature_line(signature: SignatureCheck) -> str:
    if not signature.signed:
        return "not signed"
    if signature.trusted:
        return f"signed by key {signature.key}: verified with the given public key"
    return f"signed by key {signature.key}: not checked (give --public-key)"


def _keygen(args: argparse.Namespace) -> int:
    try:
        key = generate_keys(args.private_key, args.public_key)
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    print(f"private key: {args.private_key} (mode 0600; keep it secret)")
    print(f"public key: {args.public_key}")
    print(f"key: {key}")
    return 0


def _sign(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(args.key)
        path = sign_run(args.folder, key)
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    print(f"{args.folder}: signed ({path.name}, key {fingerprint(key.public_key())})")
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        before = load_run(args.before).results
        after = load_run(args.after).results
    except ReportError as exc:
        return fail(str(exc), EXIT_UNUSABLE)
    result = diff_runs(before, after)
    if args.format == "json":
        print_json(result.to_json())
    else:
        write_diff(result, args.before, args.after)
    return 1 if result.changed else 0


def write_diff(result: RunDiff, before: Path, after: Path) -> None:
    out = sys.stdout
    out.write(f"A: {before} (run {result.before_run})\nB: {after} (run {result.after_run})\n")
    if not result.changed:
        out.write(f"no change: {result.unchanged} pairs with the same verdict, same metadata\n")
        return
    if result.verdicts:
        out.write(f"verdict changes ({len(result.verdicts)}):\n")
        for change in result.verdicts:
            tag = " [regression]" if change.regression else " [fixed]" if change.fixed else ""
            reason = f": {change.reason}" if change.reason else ""
            out.write(
                f"  {change.model}  {change.clause}  {change.before.value} -> "
                f"{change.after.value}{tag}{reason}\n"
            )
    for title, pairs in (("only in B", result.added), ("only in A", result.removed)):
        if pairs:
            out.write(f"pairs {title} ({len(pairs)}):\n")
            for pair in pairs:
                out.write(f"  {pair.model}  {pair.clause}  {pair.verdict.value}\n")
    if result.metadata:
        out.write(f"metadata changes ({len(result.metadata)}):\n")
        for change in result.metadata:
            out.write(f"  {change.field}: {change.before} -> {change.after}\n")
    out.write(f"unchanged pairs: {result.unchanged}\n")
