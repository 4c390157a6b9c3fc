"""The one error a report reader raises: a folder or file that is not a readable report."""

from __future__ import annotations


class ReportError(ValueError):
    """Names the file (and the field, when one is at fault) so a CI log says what to fix."""

    def __init__(self, message: str, file: str | None = None, field: str | None = None) -> None:
        where = ": ".join(part for part in (file, field) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.field = field
