"""Reading and patching GBZ payloads by ZCL command, with named fields.

Gas commands are a list of GBZ components, one ZCL command each. Mappers find the
components of the commands a use case sends, read their fields by name (the ZCL
decoding in ``s1sr.codecs.gbcs.zcl``), and rebuild a command by re-encoding changed
fields into a template component, so extended-header flags, sequence numbers and the
commands the model does not cover stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.gbz import GbzComponent, GbzPayload
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.zcl import ZclCommand, ZclRecord, encode_zcl
from s1sr.codecs.strict import EncodeError
from s1sr.models import ModelError


def gbz_payload(message: GbcsMessage) -> GbzPayload:
    if not isinstance(message.payload, GbzPayload):
        raise CodecError("expected a GBZ payload", "payload")
    return message.payload


def find_commands(
    payload: GbzPayload, cluster_id: int, command_id: int, *, to_client: bool = False
) -> list[int]:
    """Indexes of the cluster-specific components sending that command."""
    return [
        index
        for index, c in enumerate(payload.components)
        if c.cluster_specific
        and c.cluster_id == cluster_id
        and c.command_id == command_id
        and c.to_client == to_client
    ]


def one_command(
    payload: GbzPayload, cluster_id: int, command_id: int, path: str, *, to_client: bool = False
) -> int:
    found = find_commands(payload, cluster_id, command_id, to_client=to_client)
    if len(found) != 1:
        raise CodecError(
            f"expected one command 0x{command_id:02X} of cluster 0x{cluster_id:04X},"
            f" found {len(found)}",
            path,
        )
    return found[0]


def zcl_of(component: GbzComponent, path: str) -> ZclCommand:
    """The decoded ZCL command (``CodecError`` when encrypted or not its schema)."""
    if component.encrypted:
        raise CodecError("the ZCL payload is encrypted (keys are out of scope)", path)
    zcl = component.zcl
    if zcl is None:
        raise CodecError(
            f"ZCL payload of command 0x{component.command_id:02X} does not decode", path
        )
    return zcl


def with_fields(component: GbzComponent, changes: Mapping[str, Any]) -> GbzComponent:
    """``component`` with named ZCL fields changed (others re-encoded as they were)."""
    zcl = component.zcl
    if zcl is None:
        raise ModelError("template: the component's ZCL payload does not decode")
    names = set(zcl.record)
    unknown = set(changes) - names
    if unknown:
        raise ModelError(f"template: {zcl.name} has no fields {sorted(unknown)}")
    record = ZclRecord(tuple((k, changes.get(k, v)) for k, v in zcl.record.items))
    if record == zcl.record:
        return component
    try:
        encoded = encode_zcl(ZclCommand(zcl.key, zcl.name, record))
    except EncodeError as exc:  # a model value the ZCL field cannot hold (e.g. beyond int32)
        raise ModelError(f"{exc.path or zcl.name}: {exc.reason}") from None
    return replace(component, zcl_payload=encoded)


def with_components(payload: GbzPayload, changes: Mapping[int, GbzComponent]) -> GbzPayload:
    components = list(payload.components)
    for index, component in changes.items():
        components[index] = component
    return replace(payload, components=tuple(components))
