"""A clause family: the clauses one conformance suite module covers together."""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.catalogue.clause import FAMILY_SLUG
from s1sr.catalogue.errors import FieldValueError


@dataclass(frozen=True)
class Family:
    slug: str
    title: str

    def __post_init__(self) -> None:
        if not isinstance(self.slug, str) or not FAMILY_SLUG.match(self.slug):
            raise FieldValueError("slug", f"not a slug: {self.slug!r}")
        if not isinstance(self.title, str) or not self.title.strip():
            raise FieldValueError("title", "must be a non-empty string")
