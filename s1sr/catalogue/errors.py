"""Errors shared by the catalogue and the DMVES: data files and lookups.

A test engineer fixing a data file needs three things from an error: which file, which
entry and which field. ``DataFileError`` always carries all three (entry and field may be
absent only when the problem is the file as a whole).
"""

from __future__ import annotations

from s1sr.models import ModelError
from s1sr.models.text import clip

# A problem echoes what the file held: long enough for a reason, never a whole file.
PROBLEM_LIMIT = 240


class DataFileError(ValueError):
    """A data file (TOML, CSV, XLSX) that does not validate."""

    def __init__(self, file: str, entry: str | None, field: str | None, problem: str) -> None:
        self.file = file
        self.entry = entry
        self.field = field
        self.problem = problem
        where = [clip(file, PROBLEM_LIMIT)]
        if entry is not None:
            where.append(clip(entry))
        if field is not None:
            where.append(f"field '{clip(field)}'")
        super().__init__(f"{': '.join(where)}: {clip(problem, PROBLEM_LIMIT)}")


class FieldValueError(ModelError):
    """A value refused at construction, naming the field so loaders can report it."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class UnknownEntryError(KeyError):
    """A lookup of an id the catalogue or DMVES does not hold."""

    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(key)

    def __str__(self) -> str:
        return f"unknown {self.what}: {clip(self.key)}"
