"""matrix.html: one self-contained page, every text escaped, each cell with its evidence."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from html.parser import HTMLParser

import pytest

from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.matrix import MAX_LINES_PER_TEST, matrix_html, script_json
from tests.report.builders import record, results

ATTACK = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
EVIDENCE = EvidenceIndex(
    lines={
        "main-1": {
            "id": "main-1",
            "kind": "frame",
            "run": "r",
            "node_id": "n",
            "model": "m",
            "clause": "c",
            "direction": "out",
            "hex": "AA01",
            "decoded": {"type": "Request", "note": ATTACK},
        },
        "main-2": {
            "id": "main-2",
            "kind": "check",
            "passed": False,
            "expected": "alert S1PX01",
            "observed": ATTACK,
        },
    }
)


class Page(HTMLParser):
    """What a browser would build: elements with attributes, scripts' text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.elements if t == tag]


@pytest.fixture(scope="module")
def page_text():
    run = results(
        [
            record(
                "EX-ESME-1", "18.6(b)", "FAIL", f"observed {ATTACK}", evidence=("main-1", "main-2")
            ),
            record("EX-ESME-1", "18.1(v)", "PASS", srv="1.1.1"),
            record("EX-GSME-1", "18.6(b)", "INCONCLUSIVE", "no hook"),
        ]
    )
    return matrix_html(run, EVIDENCE)


@pytest.fixture(scope="module")
def page(page_text):
    return Page(page_text)


def _data(page):
    (blob,) = [
        s
        for s, attrs in zip(page.scripts, page.all("script"), strict=True)
        if attrs.get("type") == "application/json"
    ]
    return json.loads(blob)


def test_the_page_fetches_nothing(page, page_text):
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    for tag, attrs in page.elements:
        for name in ("src", "href", "action", "srcset"):
            assert name not in attrs, (tag, attrs)
    assert "http://" not in page_text and "https://" not in page_text
    assert "@import" not in page_text and "url(" not in page_text


def test_only_its_own_script_and_style_may_run_by_csp_hash(page):
    (meta,) = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    csp = meta["content"]
    assert "default-src 'none'" in csp

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    code = [s for s, a in zip(page.scripts, page.all("script"), strict=True) if "type" not in a]
    assert len(code) == 1 and f"script-src {digest(code[0])}" in csp
    assert len(page.styles) == 1 and f"style-src {digest(page.styles[0])}" in csp
    assert not [a for _, a in page.elements if "style" in a or any(k.startswith("on") for k in a)]


def test_device_text_stays_text(page, page_text):
    assert len(page.all("script")) == 2  # the data block and the code: nothing injected
    assert "window.pwned" not in "".join(page.scripts[1:])
    data = _data(page)
    pair = data["pairs"]["EX-ESME-1"]["18.6(b)"]
    assert pair["reason"] == f"observed {ATTACK}"
    assert data["evidence"]["main-2"]["observed"] == ATTACK
    assert data["evidence"]["main-1"]["decoded"]["note"] == ATTACK
    assert "</script><script>" not in page_text.split('id="s1sr-data">', 1)[1].split("</script>")[0]


def test_script_json_has_no_markup_characters():
    text = script_json({"a": "</script>&<!--\u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == {"a": "</script>&<!--\u2028"}


def test_each_judged_pair_is_a_lettered_button_and_others_are_not_run(page):
    cells = {(a["data-model"], a["data-clause"]): a["data-verdict"] for a in page.all("td")}
    assert cells[("EX-ESME-1", "18.6(b)")] == "FAIL"
    assert cells[("EX-ESME-1", "18.1(v)")] == "PASS"
    assert cells[("EX-GSME-1", "18.6(b)")] == "INCONCLUSIVE"
    assert cells[("EX-GSME-1", "18.1(v)")] == "NOT_RUN"
    assert len(cells) == 4  # two models judged x two clauses judged
    labels = [a["aria-label"] for a in page.all("button") if a.get("class", "").startswith("c ")]
    assert "EX-ESME-1 \u00b7 18.6(b): FAIL" in labels


def test_a_cells_tip_is_its_label_and_reason_escaped_once(page, page_text):
    tips = {a["aria-label"]: a["title"] for a in page.all("button") if "aria-label" in a}
    label = "EX-ESME-1 \u00b7 18.6(b): FAIL"
    tip = f"{label}\nobserved {ATTACK}"
    assert tips[label] == tip  # what a browser shows
    assert f'title="{escape(tip, quote=True)}"' in page_text


def test_letters_and_colours_for_every_verdict(page_text):
    for verdict, letter in (("FAIL", "F"), ("PASS", "P"), ("INCONCLUSIVE", "I")):
        assert re.search(rf'class="c v-{verdict}"[^>]*>{letter}</button>', page_text)
    assert "v-NOT_RUN" in page_text


def test_each_cell_carries_its_tests_and_evidence(page):
    data = _data(page)
    (test,) = data["pairs"]["EX-ESME-1"]["18.6(b)"]["tests"]
    assert test["evidence"] == ["main-1", "main-2"] and test["omitted"] == 0
    assert data["evidence"]["main-1"]["hex"] == "AA01"
    assert "node_id" not in data["evidence"]["main-1"]  # repeated fields dropped
    assert data["models"]["EX-ESME-1"]["device_type"] == "ESME"


def test_filters_offer_the_verdicts_types_and_families_of_the_grid(page):
    verdicts = [a["value"] for a in page.all("input") if a.get("name") == "verdict"]
    assert verdicts == ["FAIL", "ERROR", "INCONCLUSIVE", "PASS", "NOT_APPLICABLE", "NOT_RUN"]
    options = [a["value"] for a in page.all("option")]
    assert options == ["", "ESME", "GSME", "", "tariff-seasons", "utrn"]


def test_a_huge_test_keeps_the_page_bounded():
    ids = [f"main-{i}" for i in range(MAX_LINES_PER_TEST + 5)]
    lines = {
        i: {"id": i, "kind": "check", "passed": True, "expected": "", "observed": ""} for i in ids
    }
    run = results([record("EX-ESME-1", "18.6(b)", evidence=ids)])
    data = _data(Page(matrix_html(run, EvidenceIndex(lines=lines))))
    (test,) = data["pairs"]["EX-ESME-1"]["18.6(b)"]["tests"]
    assert len(test["evidence"]) == MAX_LINES_PER_TEST and test["omitted"] == 5


def test_not_applicable_cells_start_hidden_with_their_count_on_the_toggle():
    run = results(
        [
            record("EX-ESME-1", "18.6(b)", "PASS"),
            record("EX-ESME-1", "18.1(v)", "NOT_APPLICABLE", "not mapped"),
            record("EX-GSME-1", "18.6(b)", "NOT_APPLICABLE", "not mapped"),
        ]
    )
    page = Page(matrix_html(run, EVIDENCE))
    boxes = {a["value"]: a for a in page.all("input") if a.get("name") == "verdict"}
    assert "checked" not in boxes["NOT_APPLICABLE"]
    assert boxes["NOT_APPLICABLE"]["data-default"] == "off"
    assert all("checked" in a for v, a in boxes.items() if v != "NOT_APPLICABLE")
    assert "not applicable (2 hidden)" in matrix_html(run, EVIDENCE)
    (script,) = [s for s in page.scripts if "isDefaultOn" in s]
    assert "not applicable hidden" in script  # the count of cells the toggle hides


def test_model_names_wrap_and_are_never_cut(page):
    (style,) = page.styles
    rule = re.search(r"tbody th small \{([^}]*)\}", style).group(1)
    assert "ellipsis" not in rule and "overflow: hidden" not in rule
    assert "white-space: normal" in rule


def test_a_cell_shows_the_exchanges_under_test_first_and_names_each_frame_role(page):
    from s1sr.pytest_plugin.case import SETUP_STEP, UNDER_TEST

    script = next(s for s in page.scripts if "openCell" in s)
    assert f"const UNDER_TEST = '{UNDER_TEST}';" in script
    assert f"const SETUP_STEP = '{SETUP_STEP}';" in script
    assert script.index("'exchanges under test'") < script.index("rest.forEach(show)")
