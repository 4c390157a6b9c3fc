"""summary.md: counts, the pairs that need a look, Device Models and firmware."""

from __future__ import annotations

from s1sr.report.evidence_index import EvidenceIndex
from s1sr.report.summary_md import md_code, md_text, summary_markdown
from tests.report.builders import metadata, record, results


def _summary(records, **meta):
    index = EvidenceIndex(firmware={"EX-ESME-1": ("04020B00",)})
    return summary_markdown(results(records, metadata(**meta), index))


def test_counts_and_the_pairs_that_need_a_look_in_worst_first_order():
    text = _summary(
        [
            record("EX-ESME-1", "18.6(b)", "INCONCLUSIVE", "no other supplier"),
            record("EX-ESME-1", "18.1(v)", "FAIL", "refused season 2", srv="1.1.1"),
            record("EX-GSME-1", "18.6(b)", "PASS"),
        ]
    )
    assert "| FAIL | 1 |" in text and "| PASS | 1 |" in text and "| total | 3 |" in text
    rows = [
        line
        for line in text.splitlines()
        if line.startswith(("| FAIL | EX", "| INCONCLUSIVE | EX"))
    ]
    assert rows == [
        "| FAIL | EX-ESME-1 | 18.1(v) | 1.1.1 | refused season 2 |",
        "| INCONCLUSIVE | EX-ESME-1 | 18.6(b) | 2.2 | no other supplier |",
    ]


def test_device_models_show_declared_and_read_firmware():
    text = _summary([record("EX-ESME-1", "18.6(b)", "PASS")])
    assert "| EX-ESME-1 | ESME |" in text
    assert "| 04.02.0011 | 04020B00 |" in text
    assert "EX-GSME-1" not in text  # not judged in this run


def test_nothing_to_look_at_is_said_plainly():
    assert "Nothing: no FAIL, ERROR or INCONCLUSIVE." in _summary([record("EX-ESME-1", "18.6(b)")])


def test_an_incomplete_run_and_failures_without_verdict_are_called_out():
    text = _summary(
        [record("EX-ESME-1", "18.6(b)")],
        exit_status=2,
        other_failures=("s1sr-clause-coverage",),
    )
    assert "**The run did not complete: pytest interrupted.**" in text
    assert "`s1sr-clause-coverage`" in text


def test_device_text_cannot_break_the_table_or_inject_markup():
    text = _summary([record("EX-ESME-1", "18.6(b)", "FAIL", "a | b <script>x</script> *y*")])
    assert "a \\| b &lt;script>x&lt;/script> \\*y\\*" in text
    assert "<script>" not in text


def test_markdown_helpers():
    assert md_text("one\ntwo  three") == "one two three"
    assert md_code("a`b") == "``a`b``"
