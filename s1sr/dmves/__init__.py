"""The DMVES: Device Models, the clauses that apply to each, and spreadsheet import/export."""

from s1sr.dmves.coverage import coverage_gaps
from s1sr.dmves.device_model import DeviceModel
from s1sr.dmves.dmves import Dmves
from s1sr.dmves.errors import DataFileError, UnknownEntryError
from s1sr.dmves.loader import ENV_VAR, default_dmves_path, load_dmves, parse_dmves
from s1sr.dmves.table import export_csv, export_xlsx, import_table
from s1sr.dmves.toml_writer import dump_toml

__all__ = [
    "ENV_VAR",
    "DataFileError",
    "DeviceModel",
    "Dmves",
    "UnknownEntryError",
    "coverage_gaps",
    "default_dmves_path",
    "dump_toml",
    "export_csv",
    "export_xlsx",
    "import_table",
    "load_dmves",
    "parse_dmves",
]
