"""``matrix.html``: one self-contained page, Device Model x clause, coloured by verdict.

Nothing is fetched: style, script and data are inline, and a Content-Security-Policy with
``default-src 'none'`` allows only this page's own style and script (by hash), so the page
cannot load or send anything, and text that slipped through as markup could not run. The
grid is written here (every text escaped); the script adds filters and the evidence dialog,
reading the run from a JSON block escaped so that it cannot close its ``<script>``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Any

from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.jsonread import iso
from s1sr.report.matrix_script import SCRIPT
from s1sr.report.matrix_style import STYLE
from s1sr.report.results import WORST_FIRST, ClauseInfo, ModelInfo, RunResults

NOT_RUN = "NOT_RUN"
LETTERS = {
    "PASS": "P",
    "FAIL": "F",
    "ERROR": "E",
    "INCONCLUSIVE": "I",
    "NOT_APPLICABLE": "N",
    NOT_RUN: "\u2013",
}
LABELS = {
    "PASS": "PASS",
    "FAIL": "FAIL",
    "ERROR": "ERROR",
    "INCONCLUSIVE": "INCONCLUSIVE",
    "NOT_APPLICABLE": "not applicable",
    NOT_RUN: "not run",
}
HIDDEN_BY_DEFAULT = frozenset({"NOT_APPLICABLE"})  # verdicts whose cells start hidden
MAX_LINES_PER_TEST = 400  # evidence lines embedded per test; the rest stay in evidence.jsonl
# Fields every embedded evidence line repeats from its test: dropped to keep the page small.
_REDUNDANT = ("run", "node_id", "model", "clause")


def e(value: object) -> str:
    return escape(str(value), quote=True)


def script_json(data: Any) -> str:
    """JSON that is inert inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    # A page's data is a tree (JSON read back, dicts built for it): no cycle to look for.
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), check_circular=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_data(results: RunResults, evidence: EvidenceIndex) -> dict[str, Any]:
    pairs: dict[str, dict[str, Any]] = {}
    lines: dict[str, Any] = {}
    for pair in results.pairs:
        tests = []
        for test in pair.tests:
            kept = test.evidence[:MAX_LINES_PER_TEST]
            for line_id in kept:
                if line_id not in lines and (line := evidence.get(line_id)) is not None:
                    lines[line_id] = _without_redundant(line)
            tests.append(
                {
                    "node_id": test.node_id,
                    "verdict": test.verdict.value,
                    "reason": test.reason,
                    "evidence": list(kept),
                    "omitted": len(test.evidence) - len(kept),
                }
            )
        pairs.setdefault(pair.model, {})[pair.clause] = {
            "verdict": pair.verdict.value,
            "expectation": pair.expectation,
            "srv": pair.srv,
            "reason": pair.reason,
            "tests": tests,
        }
    return {
        "run": results.metadata.run,
        "models": {m.id: m.to_json() for m in results.models},
        "clauses": {c.id: c.to_json() for c in results.clauses},
        "pairs": pairs,
        "evidence": lines,
    }


def _without_redundant(line: dict[str, Any]) -> dict[str, Any]:
    if type(line) is not dict:
        return {k: v for k, v in line.items() if k not in _REDUNDANT}
    kept = line.copy()  # a copy, then four pops: a page holds thousands of lines
    for key in _REDUNDANT:
        kept.pop(key, None)
    return kept


def matrix_html(results: RunResults, evidence: EvidenceIndex) -> str:
    judged = results.by_key
    judged_models = {p.model for p in results.pairs}
    judged_clauses = {p.clause for p in results.pairs}
    models = [m for m in results.models if m.id in judged_models]
    clauses = [c for c in results.clauses if c.id in judged_clauses]
    family_order = {slug: i for i, slug in enumerate(dict.fromkeys(c.family for c in clauses))}
    clauses.sort(key=lambda c: family_order[c.family])  # stable: catalogue order within
    csp = (
        "default-src 'none'; "
        f"style-src {csp_hash(STYLE)}; script-src {csp_hash(SCRIPT)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    meta = results.metadata
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>s1sr conformance matrix {e(meta.run)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _header(results),
        _filters(models, clauses, results),
        "<main>",
        "<noscript><p>Filters and the evidence of each cell need JavaScript; "
        "results.json and evidence.jsonl hold the same data.</p></noscript>",
        '<div class="grid-wrap">',
        _grid(models, clauses, judged),
        '<p id="empty" hidden>No cell matches the filters.</p>',
        "</div>",
        "</main>",
        _dialog(),
        f'<script type="application/json" id="s1sr-data">{script_json(page_data(results, evidence))}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _header(results: RunResults) -> str:
    meta = results.metadata
    opts = meta.options
    counts = results.counts()
    items = [
        ("DUT", meta.dut),
        ("suite", f"s1sr {meta.suite_version}"),
        ("DMVES", meta.dmves_source),
        ("DMVES SHA-256", meta.dmves_sha256),
        ("started", iso(meta.started)),
        ("finished", f"{iso(meta.finished)} ({meta.duration_s:.1f} s)"),
        ("faults", opts.faults_text()),
        ("variants", ", ".join(opts.variants) or "none"),
        ("strict", "yes: INCONCLUSIVE fails" if opts.strict else "no"),
        ("Device Models", ", ".join(opts.device_models) or "all"),
        ("clauses", ", ".join(opts.clauses) or "all"),
        ("pairs", opts.pairs_text()),
    ]
    out = [
        "<header>",
        f"<h1>Conformance matrix <code>{e(meta.run)}</code></h1>",
        '<dl class="meta">',
        *(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in items),
        "</dl>",
    ]
    if meta.incomplete:
        out.append(f'<p class="alert">The run did not complete: pytest {e(meta.incomplete)}.</p>')
    if meta.other_failures:
        out.append(
            '<p class="alert">Failed without a verdict: '
            + e(", ".join(meta.other_failures))
            + "</p>"
        )
    out.append('<ul class="legend" aria-label="verdicts">')
    for verdict in WORST_FIRST:
        v = verdict.value
        out.append(
            f'<li><span class="swatch v-{v}" aria-hidden="true">{LETTERS[v]}</span>'
            f"{e(LABELS[v])}: {counts[verdict]}</li>"
        )
    out.append(
        f'<li><span class="swatch v-{NOT_RUN}" aria-hidden="true">{LETTERS[NOT_RUN]}</span>'
        "not run</li>"
    )
    out += ["</ul>", "</header>"]
    return "\n".join(out)


def _filters(models: list[ModelInfo], clauses: list[ClauseInfo], results: RunResults) -> str:
    types = list(dict.fromkeys(m.device_type for m in models))
    families = list(dict.fromkeys((c.family, c.family_title) for c in clauses))
    counts = {verdict.value: n for verdict, n in results.counts().items()}
    out = [
        '<form id="filters" role="search" aria-label="filters">',
        "<fieldset><legend>verdict</legend>",
    ]
    for v in [*(x.value for x in WORST_FIRST), NOT_RUN]:
        # Not applicable cells are most of a full matrix and say nothing about the device:
        # hidden until asked for, with their count on the toggle.
        shown = v not in HIDDEN_BY_DEFAULT
        label = LABELS[v] if shown else f"{LABELS[v]} ({counts.get(v, 0)} hidden)"
        out.append(
            f'<label><input type="checkbox" name="verdict" value="{e(v)}"'
            f'{" checked" if shown else ""} data-default="{"on" if shown else "off"}">'
            f'<span class="swatch v-{v}" aria-hidden="true">{LETTERS[v]}</span>{e(label)}</label>'
        )
    out.append("</fieldset>")
    out.append('<label>device type <select id="f-type"><option value="">all</option>')
    out += [f'<option value="{e(t)}">{e(t)}</option>' for t in types]
    out.append("</select></label>")
    out.append('<label>clause family <select id="f-family"><option value="">all</option>')
    out += [f'<option value="{e(slug)}">{e(title)}</option>' for slug, title in families]
    out.append("</select></label>")
    out.append(
        '<label>text <input type="search" id="f-text" '
        'placeholder="model, clause, reason" autocomplete="off"></label>'
    )
    out.append('<button type="button" id="f-reset">reset</button>')
    out.append('<output id="f-count" aria-live="polite"></output>')
    out.append("</form>")
    return "\n".join(out)


def _grid(
    models: list[ModelInfo], clauses: list[ClauseInfo], judged: dict[tuple[str, str], Any]
) -> str:
    out = ['<table class="matrix" id="matrix">', "<thead>", "<tr>"]
    out.append('<th class="corner" scope="col">Device Model \\ clause</th>')
    starts = {c.id for i, c in enumerate(clauses) if i == 0 or clauses[i - 1].family != c.family}
    for clause in clauses:
        first = clause.id in starts
        label = f'<span class="fam">{e(clause.family)}</span>' if first else ""
        out.append(
            f'<th class="clause{" fstart" if first else ""}" scope="col" '
            f'data-clause="{e(clause.id)}" data-family="{e(clause.family)}" '
            f'title="{e(clause.id)}: {e(clause.title)} (family: {e(clause.family_title)})">'
            f'{label}<span class="cid">{e(clause.id)}</span></th>'
        )
    out += ["</tr>", "</thead>", "<tbody>"]
    # Escaping is character by character, so each id is escaped once, not once per cell.
    clause_cells = [
        (clause.id, e(clause.id), ' fstart"' if clause.id in starts else '"') for clause in clauses
    ]
    for model in models:
        model_id = e(model.id)
        out.append(f'<tr data-model="{model_id}" data-type="{e(model.device_type)}">')
        out.append(
            f'<th scope="row"><span class="type">{e(model.device_type)}</span>{model_id}'
            f'<small title="{e(model.manufacturer)} {e(model.model)}">fw '
            f"{e(model.firmware_declared)} \u00b7 {e(model.manufacturer)} {e(model.model)}</small></th>"
        )
        for clause, clause_id, start in clause_cells:
            pair = judged.get((model.id, clause))
            verdict = pair.verdict.value if pair is not None else NOT_RUN
            attrs = (
                f'class="cell{start} data-model="{model_id}" data-clause="{clause_id}" '
                f'data-verdict="{verdict}"'
            )
            if pair is None:
                out.append(
                    f'<td {attrs}><span class="c v-{NOT_RUN}" title="{model_id} \u00b7 '
                    f'{clause_id}: not run">{LETTERS[NOT_RUN]}</span></td>'
                )
                continue
            label = f"{model_id} \u00b7 {clause_id}: {verdict}"  # e() of the unescaped label
            tip = f"{label}\n{e(pair.reason)}" if pair.reason else label
            out.append(
                f'<td {attrs}><button type="button" class="c v-{verdict}" '
                f'title="{tip}" aria-label="{label}">{LETTERS[verdict]}</button></td>'
            )
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _dialog() -> str:
    return (
        '<dialog id="evidence" aria-labelledby="ev-title">'
        '<div class="ev-head"><h2 id="ev-title"></h2>'
        '<button type="button" id="ev-close">close</button></div>'
        '<div id="ev-body"></div>'
        "</dialog>"
    )
