"""Find and load the DMVES file (TOML, or the CSV/XLSX matrix).

The default is the repository's ``device_models/dmves.toml``: beside the package in a checkout
(an editable install), shipped inside it as ``s1sr/device_models/`` in a wheel. It never
depends on the working directory. ``S1SR_DMVES`` overrides both.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from s1sr.catalogue import Catalogue, DataFileError, load_catalogue
from s1sr.catalogue.records import (
    Record,
    check_top_level,
    entry_label,
    parse_toml,
    read_bytes,
    table_array,
)
from s1sr.dmves.dmves import Dmves
from s1sr.dmves.table import SUFFIXES, import_table
from s1sr.dmves.validation import build_dmves

ENV_VAR = "S1SR_DMVES"
RELATIVE_PATH = Path("device_models") / "dmves.toml"


def default_dmves_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parents[1]
    shipped = package / RELATIVE_PATH
    if shipped.is_file():
        return shipped
    return package.parent / RELATIVE_PATH


def load_dmves(path: Path | None = None, catalogue: Catalogue | None = None) -> Dmves:
    """Load and validate a DMVES file (default: ``default_dmves_path()``).

    The one loader of every command: ``.csv`` and ``.xlsx`` are read as the spreadsheet
    matrix, anything else as TOML, all validated alike.
    """
    path = Path(path) if path is not None else default_dmves_path()
    if path.suffix.lower() in SUFFIXES:
        return import_table(path, catalogue)
    raw = read_bytes(path)
    return parse_dmves(raw, str(path), catalogue or load_catalogue())


def parse_dmves(raw: bytes, file: str, catalogue: Catalogue) -> Dmves:
    document = parse_toml(raw, file)
    check_top_level(document, file, {"schema", "description", "model"})
    description = document.get("description", "")
    if not isinstance(description, str):
        raise DataFileError(file, None, "description", "must be a string")
    entries = table_array(document, "model", file)
    records = [
        Record(data, file, entry_label("model", data, index)) for index, data in enumerate(entries)
    ]
    return build_dmves(
        records,
        catalogue,
        source=file,
        sha256=hashlib.sha256(raw).hexdigest(),
        description=description,
    )
