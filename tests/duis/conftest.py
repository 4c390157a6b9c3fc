"""The DUIS reference material is shared test data beside the repository.

``<repo>/../shared/duis`` (``S1SR_DUIS_DIR`` overrides) holds SEC's schema, RTDS request
templates, real DCC Boxed responses and the public test keys; tests that need it skip
with the reason when it is absent. Nothing from it is copied into the project.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from s1sr.codecs.duis import DuisSchema, KeyStore
from s1sr.codecs.duis.constants import DS

REPO = Path(__file__).resolve().parents[2]
# DCC Boxed's response-signing certificates expired after the responses were made.
RESPONSES_SIGNED_AT = datetime(2022, 8, 12, tzinfo=UTC)


def duis_dir() -> Path:
    return Path(os.environ.get("S1SR_DUIS_DIR") or REPO.parent / "shared" / "duis")


def _need(sub: str) -> Path:
    path = duis_dir() / sub
    if not path.is_dir():
        pytest.skip(f"DUIS reference material absent: {path} (set S1SR_DUIS_DIR)")
    return path


def template_files() -> list[Path]:
    folder = duis_dir() / "templates"
    return sorted(folder.glob("*.XML")) if folder.is_dir() else []


def template(name_part: str) -> Path:
    """The first template whose file name holds ``name_part``; the test skips without them."""
    _need("templates")
    found = next((p for p in template_files() if name_part in p.name), None)
    assert found is not None, f"no template named like {name_part!r}"
    return found


@pytest.fixture(scope="session")
def schema() -> DuisSchema:
    return DuisSchema(_need("schema"))


@pytest.fixture(scope="session")
def keys() -> KeyStore:
    return KeyStore(_need("keys"))


@pytest.fixture(scope="session")
def responses() -> Path:
    return _need("responses")


def canonical(data: bytes) -> bytes:
    """Exclusive c14n without comments, the signature and indentation-only text."""
    root = etree.fromstring(data)
    for signature in root.findall(f"{{{DS}}}Signature"):
        root.remove(signature)
    for element in root.iter():
        if len(element) and element.text and not element.text.strip():
            element.text = None
        if element.tail and not element.tail.strip():
            element.tail = None
    return etree.tostring(root, method="c14n", exclusive=True, with_comments=False)


def canonical_values(data: bytes) -> bytes:
    """``canonical``, integers written in their XSD canonical form (``03`` is ``3``).

    The templates write a month both ways (``3`` in GCS01a, ``03`` elsewhere); the value
    is the same, and an encoder writes one form.
    """
    return re.sub(rb">0+([0-9])", rb">\1", canonical(data))
