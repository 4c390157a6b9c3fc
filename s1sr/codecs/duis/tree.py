"""A DUIS element as an immutable value: what a body holds, faithfully, for any SRV.

The DUIS schema gives every in-scope SRV dozens of optional branches (electricity or gas,
TOU or block, wildcard dates). A body is kept as this tree, exactly as written, so that any
valid request decodes and re-encodes to the same XML; the typed project models are views
onto it (``s1sr.codecs.duis.views``), and the schema says what is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from s1sr.codecs.duis.safe import element_path
from s1sr.codecs.errors import CodecError


@dataclass(frozen=True)
class XmlElement:
    """One element: its namespace and name, its text or its children, its attributes."""

    namespace: str
    name: str
    text: str | None = None
    children: tuple[XmlElement, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.text is not None and self.children:
            raise ValueError(f"{self.name}: an element holds text or children, not both")

    def find(self, name: str) -> XmlElement | None:
        return next((child for child in self.children if child.name == name), None)

    def find_all(self, name: str) -> tuple[XmlElement, ...]:
        return tuple(child for child in self.children if child.name == name)

    @classmethod
    def from_lxml(cls, element: etree._Element) -> XmlElement:
        """The element and everything below it; mixed content is a ``CodecError``."""
        namespace, name = _split(element.tag)
        children = []
        for child in element:
            if not isinstance(child.tag, str):
                continue  # comments carry nothing a DUIS message means
            if child.tail and child.tail.strip():
                raise CodecError("text between elements (mixed content)", element_path(element))
            children.append(cls.from_lxml(child))
        text = element.text
        if children:
            if text and text.strip():
                raise CodecError("text between elements (mixed content)", element_path(element))
            text = None
        attributes = tuple((key, value) for key, value in element.attrib.items())
        return cls(namespace, name, text, tuple(children), attributes)

    def to_lxml(self, parent: etree._Element | None = None, nsmap: dict | None = None):  # noqa: ANN201
        """An lxml element (appended to ``parent`` when given)."""
        tag = f"{{{self.namespace}}}{self.name}" if self.namespace else self.name
        if parent is None:
            element = etree.Element(tag, nsmap=nsmap)
        else:
            element = etree.SubElement(parent, tag)
        for key, value in self.attributes:
            element.set(key, value)
        if self.text is not None:
            element.text = self.text
        for child in self.children:
            child.to_lxml(element)
        return element


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag
