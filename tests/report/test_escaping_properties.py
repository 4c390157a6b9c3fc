"""Device text of any kind stays inert in every report format (Hypothesis properties)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from s1sr.report.junit import xml_text
from s1sr.report.matrix import e, script_json
from s1sr.report.summary_md import md_text

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)


@given(TEXT)
def test_script_json_round_trips_and_cannot_close_its_script(text):
    encoded = script_json({"reason": text})
    assert not set("<>&") & set(encoded)
    assert json.loads(encoded) == {"reason": text}


@given(TEXT)
def test_html_attribute_and_text_escaping_leaves_no_markup(text):
    escaped = e(text)
    assert not set("<>\"'") & set(escaped)
    assert re.sub(r"&(amp|lt|gt|quot|#x27);", "", escaped).count("&") == 0


@given(TEXT)
def test_xml_text_always_makes_a_well_formed_attribute_and_element(text):
    element = ET.Element("failure", message=xml_text(text))
    element.text = xml_text(text)
    again = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert again.get("message") == xml_text(text)


@given(TEXT)
def test_markdown_text_is_one_line_with_no_bare_pipe_or_tag(text):
    out = md_text(text)
    assert "\n" not in out and "<" not in out
    assert re.search(r"(?<!\\)\|", out.replace("\\\\", "")) is None
