"""DMVES errors: the same ``DataFileError`` as the catalogue's data files (one type to catch)."""

from s1sr.catalogue.errors import DataFileError, UnknownEntryError

__all__ = ["DataFileError", "UnknownEntryError"]
