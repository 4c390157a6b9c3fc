"""matrix.html in a real browser (headless Chromium): a click opens the cell's evidence,
filters hide what they should, device text never runs. Skipped where no Chromium is
installed (``S1SR_CHROMIUM`` names one elsewhere).

A harness page holds the report's page in an iframe (same origin under
``--allow-file-access-from-files``), drives it with real DOM events (``click()``,
``change``, ``input``) and writes what it saw into its own DOM, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess

import pytest

from s1sr.report import MATRIX_FILE
from tests.report.builders import frame, record, write_folder

ATTACK = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'


def chromium() -> str | None:
    named = os.environ.get("S1SR_CHROMIUM")
    if named:
        return named
    return next(
        (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))),
        None,
    )


pytestmark = pytest.mark.skipif(chromium() is None, reason="no headless Chromium installed")

HARNESS = """<!doctype html><html><body><pre id="out">pending</pre>
<iframe id="f" src="matrix.html" width="1400" height="900"></iframe>
<script>
const f = document.getElementById('f');
f.addEventListener('load', function () {
  const out = {};
  try {
    const d = f.contentDocument, w = f.contentWindow;
    const rows = () => Array.from(d.querySelectorAll('#matrix tbody tr'))
      .filter(r => !r.hidden).map(r => r.dataset.model);
    const cols = () => Array.from(d.querySelectorAll('#matrix thead th.clause'))
      .filter(t => !t.hidden).map(t => t.dataset.clause);
    out.ready = d.documentElement.dataset.ready || null;
    const td = d.querySelector('td.cell[data-verdict="FAIL"]');
    out.failCell = td.dataset.model + ' ' + td.dataset.clause;
    td.querySelector('button').click();
    const dialog = d.getElementById('evidence');
    out.open = dialog.open;
    out.title = d.getElementById('ev-title').textContent;
    out.hex = Array.from(d.querySelectorAll('#ev-body pre.hex')).map(p => p.textContent);
    out.decoded = Array.from(d.querySelectorAll('#ev-body pre.json')).map(p => JSON.parse(p.textContent));
    out.checks = Array.from(d.querySelectorAll('#ev-body .check')).map(c => c.textContent);
    out.body = d.getElementById('ev-body').textContent;
    out.hash = w.location.hash;
    out.images = d.querySelectorAll('img').length;
    out.pwned = w.pwned === undefined ? null : w.pwned;
    d.getElementById('ev-close').click();
    out.closed = !dialog.open;
    d.querySelectorAll('#filters input[name=verdict]').forEach(b => { if ((b.value === 'FAIL') !== b.checked) b.click(); });
    out.failRows = rows(); out.failCols = cols();
    out.count = d.getElementById('f-count').textContent;
    d.getElementById('f-reset').click();
    const type = d.getElementById('f-type'); type.value = 'GSME';
    type.dispatchEvent(new Event('change'));
    out.gsmeRows = rows();
    d.getElementById('f-reset').click();
    const family = d.getElementById('f-family'); family.value = 'tariff-seasons';
    family.dispatchEvent(new Event('change'));
    out.familyCols = cols();
    d.getElementById('f-reset').click();
    const text = d.getElementById('f-text'); text.value = 'season';
    text.dispatchEvent(new Event('input'));
    out.textRows = rows(); out.textCols = cols();
    out.finalHash = w.location.hash;
  } catch (e) { out.error = String(e) + ' ' + e.stack; }
  document.getElementById('out').textContent = JSON.stringify(out);
});
</script></body></html>
"""


def run_harness(folder, tmp_path, page: str = HARNESS) -> dict:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(folder / MATRIX_FILE, site / MATRIX_FILE)
    (site / "harness.html").write_text(page, encoding="utf-8")
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
            (site / "harness.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r'<pre id="out">(.*?)</pre>', done.stdout, re.S)
    assert match, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("browser")
    lines = [
        ("frame", frame("out", "AA01", request_id=49, decoded={"type": "Request", "n": ATTACK})),
        ("frame", frame("in", "BB02", request_id=49, decoded={"type": "Response", "code": "I0"})),
        ("check", {"passed": False, "expected": "alert S1PX01", "observed": ATTACK}),
    ]
    records = [
        record(
            "EX-ESME-1",
            "18.6(b)",
            "FAIL",
            f"observed {ATTACK}",
            evidence=("main-1", "main-2", "main-3"),
        ),
        record("EX-ESME-1", "18.1(v)", "PASS", srv="1.1.1"),
        record("EX-GSME-1", "18.6(b)", "PASS"),
        record("EX-GSME-1", "18.1(v)", "INCONCLUSIVE", "no clock", srv="1.1.1"),
    ]
    written = write_folder(tmp_path / "run", records, lines=lines)
    return run_harness(written.folder, tmp_path)


def test_the_page_script_runs_under_its_own_csp(seen):
    assert seen.get("error") is None
    assert seen["ready"] == "true"


def test_clicking_a_cell_opens_its_evidence(seen):
    assert seen["failCell"] == "EX-ESME-1 18.6(b)"
    assert seen["open"] is True
    assert "FAIL" in seen["title"] and "EX-ESME-1" in seen["title"] and "18.6(b)" in seen["title"]
    assert seen["hex"] == ["AA01", "BB02"]
    assert seen["decoded"][1] == {"type": "Response", "code": "I0"}
    assert "expected: alert S1PX01" in seen["checks"][0]
    assert f"reason: observed {ATTACK}" in seen["body"]
    assert seen["hash"] == "#cell=EX-ESME-1|18.6(b)"
    assert seen["closed"] is True


def test_device_text_is_shown_never_run(seen):
    assert f"observed: {ATTACK}" in seen["checks"][0]
    assert seen["decoded"][0]["n"] == ATTACK
    assert seen["images"] == 0 and seen["pwned"] is None


def test_filters_by_verdict_device_type_family_and_text(seen):
    assert (seen["failRows"], seen["failCols"]) == (["EX-ESME-1"], ["18.6(b)"])
    assert seen["count"] == "1 of 4 cells match"
    assert seen["gsmeRows"] == ["EX-GSME-1"]
    assert seen["familyCols"] == ["18.1(v)"]
    assert seen["textCols"] == ["18.1(v)"] and seen["textRows"] == ["EX-ESME-1", "EX-GSME-1"]
    assert seen["finalHash"] == "#q=season"


def test_a_link_with_filters_and_a_cell_opens_that_view(tmp_path):
    written = write_folder(tmp_path / "run")
    page = HARNESS.replace('src="matrix.html"', 'src="matrix.html#v=FAIL&cell=EX-ESME-1|18.6(b)"')
    page = page.replace(
        "out.ready =",
        "out.openAtLoad = f.contentDocument.getElementById('evidence').open; out.rowsAtLoad = rows(); out.ready =",
    )
    seen = run_harness(written.folder, tmp_path, page)
    assert seen["openAtLoad"] is True and seen["rowsAtLoad"] == ["EX-ESME-1"]
