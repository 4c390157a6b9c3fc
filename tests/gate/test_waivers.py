"""Waivers: validated TOML; every error names the file, the entry and the field."""

from __future__ import annotations

import re
from datetime import date

import pytest

from s1sr.gate import Waiver, WaiverError, load_waivers

CLAUSES = ("18.6(b)", "18.1(v)")
MODELS = ("EX-ESME-1", "EX-GSME-1")
GOOD = """
[[waiver]]
clause = "18.6(b)"
model = "EX-ESME-1"
reason = "SUP-123: fixed in firmware 04.03"
expires = 2026-12-31

[[waiver]]
clause = "18.1(v)"
model = "EX-GSME-1"
reason = "awaiting the DMVES update"
expires = "2027-01-15"
"""


def load(tmp_path, text):
    path = tmp_path / "waivers.toml"
    path.write_text(text, encoding="utf-8")
    return load_waivers(path, clauses=CLAUSES, models=MODELS)


def test_a_valid_file(tmp_path):
    assert load(tmp_path, GOOD) == (
        Waiver("18.6(b)", "EX-ESME-1", "SUP-123: fixed in firmware 04.03", date(2026, 12, 31)),
        Waiver("18.1(v)", "EX-GSME-1", "awaiting the DMVES update", date(2027, 1, 15)),
    )


def test_an_empty_file_has_no_waivers(tmp_path):
    assert load(tmp_path, "# nothing waived\n") == ()


def test_a_waiver_holds_through_its_expiry_day():
    waiver = Waiver("18.6(b)", "EX-ESME-1", "r", date(2026, 12, 31))
    assert not waiver.expired(date(2026, 12, 31))
    assert waiver.expired(date(2027, 1, 1))


ENTRY = '[[waiver]]\nclause = "18.6(b)"\nmodel = "EX-ESME-1"\nreason = "r"\nexpires = 2026-12-31\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY.replace("expires = 2026-12-31\n", ""), "waiver 1: expires: missing"),
        (ENTRY.replace("2026-12-31", "2026-12-31T10:00:00"), "waiver 1: expires: must be a date"),
        (ENTRY.replace("2026-12-31", '"next week"'), "waiver 1: expires: must be a date"),
        (ENTRY.replace('"r"', '"  "'), "waiver 1: reason: must be a non-empty string"),
        (ENTRY.replace('reason = "r"', "reason = 3"), "waiver 1: reason: must be a non-empty"),
        (ENTRY.replace('model = "EX-ESME-1"\n', ""), "waiver 1: model: missing"),
        (ENTRY + 'owner = "me"\n', "waiver 1: owner: unknown field"),
        (ENTRY.replace('"18.6(b)"', '"18.99(z)"'), "waiver 1: clause: '18.99(z)' is not a clause"),
        (
            ENTRY.replace('"EX-ESME-1"', '"EX-NOPE"'),
            "waiver 1: model: 'EX-NOPE' is not a Device Model",
        ),
        (ENTRY + ENTRY, "waiver 2: 18.6(b) / EX-ESME-1 is waived already by waiver 1"),
        ("[[waiver]]\nclause = \n", "not TOML"),
        ("waivers = []\n", "unknown key(s) waivers: only [[waiver]]"),
        ('waiver = "x"\n', "'waiver' must be an array of tables"),
    ],
    ids=[
        "no-expiry",
        "datetime",
        "bad-date",
        "blank-reason",
        "reason-type",
        "no-model",
        "unknown-field",
        "unknown-clause",
        "unknown-model",
        "duplicate",
        "not-toml",
        "top-level-key",
        "not-a-table-array",
    ],
)
def test_errors_name_the_file_entry_and_field(tmp_path, text, message):
    with pytest.raises(WaiverError, match=re.escape(message)) as caught:
        load(tmp_path, text)
    assert str(caught.value).startswith(str(tmp_path / "waivers.toml") + ": ")


def test_the_error_carries_its_parts(tmp_path):
    with pytest.raises(WaiverError) as caught:
        load(tmp_path, ENTRY.replace("2026-12-31", '"soon"'))
    assert (caught.value.entry, caught.value.field) == ("waiver 1", "expires")


def test_an_unreadable_file_is_a_waiver_error(tmp_path):
    with pytest.raises(WaiverError, match="cannot be read"):
        load_waivers(tmp_path / "absent.toml", clauses=CLAUSES, models=MODELS)
