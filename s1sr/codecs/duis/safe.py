"""Parsing untrusted XML: no DTD, no entities, no network, bounded size and depth.

Every failure is a ``CodecError`` whose path names the element (``/sr:Request/sr:Body``),
so a caller handles one exception type whatever the document did wrong.
"""

from __future__ import annotations

from lxml import etree

from s1sr.codecs.duis.constants import MAX_DEPTH, MAX_DOCUMENT_BYTES, PREFIXES
from s1sr.codecs.errors import CodecError

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
    remove_comments=False,
    remove_pis=True,
    collect_ids=False,
)


def qname(element: etree._Element) -> str:
    """``sr:Body`` for ``{ServiceUserGateway}Body``: the form error paths use."""
    tag = element.tag
    if not isinstance(tag, str):
        return "#comment"
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    prefix = PREFIXES.get(namespace)
    if prefix is None:
        return f"{{{namespace}}}{local}" if namespace else local
    return f"{prefix}:{local}"


def element_path(element: etree._Element) -> str:
    """``/sr:Request/sr:Body/sr:TopUpDevice/sr:UTRN`` (a repeated name gets its index)."""
    parts = []
    node: etree._Element | None = element
    while node is not None:
        name = qname(node)
        parent = node.getparent()
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


def parse_document(data: bytes, what: str = "document") -> etree._Element:
    """The root element of ``data``, or ``CodecError``; DOCTYPE is refused outright."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"{what} must be bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CodecError(f"{len(data)} bytes is over the {MAX_DOCUMENT_BYTES}-byte bound", "/")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CodecError("a DOCTYPE or entity declaration is refused", "/")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CodecError(f"not well-formed XML: {exc.msg}", "/") from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml refuses
        raise CodecError(f"not parseable XML: {exc}", "/") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise CodecError("a DOCTYPE is refused", "/")
    _check_depth(root)
    return root


def _check_depth(root: etree._Element) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CodecError(f"nested deeper than {MAX_DEPTH} elements", element_path(element))
        for child in element:
            if isinstance(child.tag, str):
                stack.append((child, depth + 1))
            elif not isinstance(child, etree._Comment):
                raise CodecError("an entity reference or unexpected node", element_path(element))
