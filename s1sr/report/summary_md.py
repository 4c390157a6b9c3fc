"""``summary.md``: the run on one page a reviewer reads in a merge request or a ticket."""

from __future__ import annotations

import re

from s1sr.report.jsonread import iso
from s1sr.report.layout import (
    EVIDENCE_FILE,
    JUNIT_FILE,
    MANIFEST_FILE,
    MATRIX_FILE,
    RESULTS_FILE,
)
from s1sr.report.results import WORST_FIRST, RunResults
from s1sr.verdicts import Verdict

NEEDS_A_LOOK = (Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)
_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}  # no tag can open without "<"


def md_text(value: object) -> str:
    """Text as Markdown shows it literally (device data holds any character)."""
    text = " ".join(str(value).split())
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    return _SPECIAL.sub(r"\\\1", text)


def md_code(value: object) -> str:
    text = " ".join(str(value).split())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def summary_markdown(results: RunResults, evidence_problem: str | None = None) -> str:
    meta = results.metadata
    opts = meta.options
    counts = results.counts()
    out = [f"# s1sr conformance run {md_code(meta.run)}", ""]
    out += ["| | |", "|---|---|"]
    rows = [
        ("suite", md_text(f"s1sr {meta.suite_version}")),
        ("started", md_text(iso(meta.started))),
        ("finished", md_text(f"{iso(meta.finished)} ({meta.duration_s:.1f} s)")),
        ("DUT", md_code(meta.dut)),
        ("DMVES", f"{md_code(meta.dmves_source)} (SHA-256 {md_code(meta.dmves_sha256)})"),
        ("Device Models", md_text(", ".join(opts.device_models) or "all")),
        ("clauses", md_text(", ".join(opts.clauses) or "all")),
        ("pairs", md_text(opts.pairs_text())),
        ("faults", md_text(opts.faults_text())),
        ("variants", md_text(", ".join(opts.variants) or "none")),
        ("strict", "yes (INCONCLUSIVE fails)" if opts.strict else "no"),
        ("pytest exit status", md_text(meta.exit_status)),
    ]
    out += [f"| {name} | {value} |" for name, value in rows]
    out += ["", "## Verdicts per (Device Model, clause)", "", "| verdict | pairs |", "|---|---|"]
    out += [f"| {v.value} | {counts[v]} |" for v in WORST_FIRST]
    out += [f"| total | {len(results.pairs)} |", ""]
    if meta.incomplete:
        out += [f"**The run did not complete: pytest {md_text(meta.incomplete)}.**", ""]
    if meta.other_failures:
        out += [
            "**Tests that failed without a verdict:** "
            + ", ".join(md_code(n) for n in meta.other_failures),
            "",
        ]
    if evidence_problem:
        out += [f"**Evidence:** {md_text(evidence_problem)}", ""]
    flagged = sorted(
        results.with_verdict(*NEEDS_A_LOOK),
        key=lambda p: (WORST_FIRST.index(p.verdict), p.model, p.clause),
    )
    out += ["## Needs a look", ""]
    if flagged:
        out += ["| verdict | Device Model | clause | SRV | reason |", "|---|---|---|---|---|"]
        out += [
            f"| {p.verdict.value} | {md_text(p.model)} | {md_text(p.clause)} | "
            f"{md_text(p.srv or '-')} | {md_text(p.reason)} |"
            for p in flagged
        ]
    else:
        out.append("Nothing: no FAIL, ERROR or INCONCLUSIVE.")
    out += ["", "## Device Models", ""]
    out += [
        "| Device Model | type | manufacturer / model | firmware declared | firmware read | "
        + " | ".join(v.value for v in WORST_FIRST)
        + " |",
        "|---|---|---|---|---|" + "---:|" * len(WORST_FIRST),
    ]
    judged = {p.model for p in results.pairs}
    for model in results.models:
        if model.id not in judged:
            continue
        tally = dict.fromkeys(WORST_FIRST, 0)
        for pair in results.pairs:
            if pair.model == model.id:
                tally[pair.verdict] += 1
        out.append(
            f"| {md_text(model.id)} | {md_text(model.device_type)} | "
            f"{md_text(model.manufacturer)} {md_text(model.model)} | "
            f"{md_text(model.firmware_declared)} | "
            f"{md_text(', '.join(model.firmware_read) or 'not read')} | "
            + " | ".join(str(tally[v]) for v in WORST_FIRST)
            + " |"
        )
    out += [
        "",
        "## Files",
        "",
        f"- {MATRIX_FILE}: the Device Model x clause grid; each cell opens its evidence",
        f"- {RESULTS_FILE}: the verdict per (Device Model, clause) and this run's metadata",
        f"- {JUNIT_FILE}: one test case per conformance test, clause and model as properties",
        f"- {EVIDENCE_FILE}: every frame, check and verdict, as JSON lines",
        f"- {MANIFEST_FILE}: SHA-256 of every file; `s1sr report verify <this folder>`",
        "",
    ]
    return "\n".join(out)
