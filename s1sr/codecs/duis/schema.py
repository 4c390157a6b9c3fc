"""Validation against SEC's DUIS schema, which the user points at (never bundled).

The DUIS 5.4 schema imports the MMC and xmldsig schemas by file names that hold spaces,
which libxml2 does not resolve as written; the imports are pointed at file URIs in the
same folder before compiling. Nothing is fetched from the network.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from lxml import etree

from s1sr.codecs.duis.safe import element_path, parse_document
from s1sr.codecs.errors import CodecError
from s1sr.models import ModelError

T = TypeVar("T")

SCHEMA_ENV = "S1SR_DUIS_SCHEMA"
DUIS_SCHEMA_FILE = "DUIS Schema V5.4.xsd"
_XS = "{http://www.w3.org/2001/XMLSchema}"


class SchemaNotFound(FileNotFoundError):
    """No DUIS schema folder was given (option or ``S1SR_DUIS_SCHEMA``) or it lacks the XSD."""


def schema_folder(folder: str | os.PathLike | None = None) -> Path:
    """The folder given, or ``S1SR_DUIS_SCHEMA``; it must hold the DUIS XSD."""
    chosen = folder if folder is not None else os.environ.get(SCHEMA_ENV)
    if not chosen:
        raise SchemaNotFound(f"no DUIS schema folder: pass one or set {SCHEMA_ENV}")
    path = Path(chosen)
    if not (path / DUIS_SCHEMA_FILE).is_file():
        raise SchemaNotFound(f"{path} does not hold {DUIS_SCHEMA_FILE!r}")
    return path.resolve()


class DuisSchema:
    """A compiled DUIS schema; ``check`` raises ``CodecError`` with the failing path."""

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = schema_folder(folder)
        self._schema = _compile(str(self.folder))

    def is_valid(self, root: etree._Element) -> bool:
        return bool(self._schema.validate(root))

    def check(self, root: etree._Element) -> None:
        if self._schema.validate(root):
            return
        error = self._schema.error_log.last_error
        path = (error.path or "/") if error is not None else "/"
        message = error.message if error is not None else "invalid"
        raise CodecError(f"not valid against the DUIS schema: {message}", path)


@lru_cache(maxsize=4)
def _compile(folder: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    base = Path(folder)
    document = etree.parse(str(base / DUIS_SCHEMA_FILE), parser)
    for imported in document.getroot().iter(f"{_XS}import", f"{_XS}include"):
        location = imported.get("schemaLocation")
        if location and (base / location).is_file():
            imported.set("schemaLocation", (base / location).as_uri())
    return etree.XMLSchema(document)


def read_document(
    data: bytes, what: str, schema: DuisSchema | None, build: Callable[[etree._Element], T]
) -> T:
    """Bytes to ``build``'s typed view, safely parsed and, with ``schema``, valid against it.

    A model that refuses what the XML says is a ``CodecError`` at the root, like any other
    malformed input.
    """
    root = parse_document(data, what)
    if schema is not None:
        schema.check(root)
    try:
        return build(root)
    except ModelError as exc:
        raise CodecError(str(exc), element_path(root)) from exc
