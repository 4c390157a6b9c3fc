"""GBCS messages <-> the typed SRV models: ``to_model`` and ``from_model``.

``to_model`` reads a decoded ``GbcsMessage``: a command becomes a ``Request`` (request id
from the originator counter, user id from the originator, target from the recipient), a
response a ``Response`` (code from the GBCS outcome, see ``outcome``), an alert an
``Alert`` (see ``alerts``). A message whose payload means nothing the models can carry
raises ``CodecError`` naming the field.

``from_model`` writes a model back into a template message of the same use case. The
model does not hold everything on the wire (MACs, signatures, DLMS spec order,
activation entries, ZCL sequence numbers, fields it has no place for), so the template
supplies all of that and only what the model carries is replaced:
``encode_gbcs(from_model(to_model(m), m)) == encode_gbcs(m)`` for every mapped message.
Values the template has no place for raise ``ModelError``.
"""

from __future__ import annotations

from dataclasses import replace

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs._construct import model_errors_as_codec
from s1sr.codecs.gbcs.header import CraFlag
from s1sr.codecs.gbcs.mapping import alerts, envelope
from s1sr.codecs.gbcs.mapping.outcome import Outcome, outcome_for, with_outcome
from s1sr.codecs.gbcs.mapping.registry import BY_CODE, SRV_OF, USE_CASES, use_case_for
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload, RawPayload
from s1sr.models import Alert, ModelError, Request, Response

Model = Request | Response | Alert


def to_model(message: GbcsMessage) -> Model:
    """The typed model of a decoded GBCS message."""
    if not isinstance(message, GbcsMessage):
        raise CodecError(f"expected a GbcsMessage, got {type(message).__name__}")
    if isinstance(message.payload, RawPayload):
        raise CodecError(f"the payload did not decode: {message.payload.reason}", "payload")
    if message.cra_flag is CraFlag.ALERT:
        return alerts.read_alert(message, dict(SRV_OF))
    use_case = use_case_for(message.message_code)
    with model_errors_as_codec("payload"):
        if message.cra_flag is CraFlag.COMMAND:
            return envelope.request_of(message, use_case.read_request(message))
        outcome = use_case.read_outcome(message)
        body = None
        if use_case.read_response is not None and outcome.is_success:
            body = use_case.read_response(message, outcome)
        return envelope.response_of(message, use_case.srv, outcome, body)


def from_model(model: Model, template: GbcsMessage) -> GbcsMessage:
    """``template`` carrying ``model``'s values (see the module docstring)."""
    if not isinstance(template, GbcsMessage):
        raise ModelError(f"template: expected a GbcsMessage, got {type(template).__name__}")
    if isinstance(model, Alert):
        if template.cra_flag is not CraFlag.ALERT:
            raise ModelError("template: an Alert needs an alert template")
        return alerts.write_alert(model, template, dict(SRV_OF))
    use_case = _template_use_case(template)
    if model.srv is not use_case.srv:
        raise ModelError(f"srv: the template is {use_case.name} (SRV {use_case.srv})")
    if isinstance(model, Request):
        if template.cra_flag is not CraFlag.COMMAND:
            raise ModelError("template: a Request needs a command template")
        payload = use_case.write_request(model.body, template)
        header = envelope.command_header(template.header, model)
    elif isinstance(model, Response):
        if template.cra_flag is not CraFlag.RESPONSE:
            raise ModelError("template: a Response needs a response template")
        payload = _response_payload(use_case, model, template)
        header = envelope.response_header(template.header, model)
    else:
        raise ModelError(f"not a model message: {type(model).__name__}")
    payload = envelope.sync_invoke_id(
        payload, template.header.originator_counter, header.originator_counter
    )
    if use_case.sync_envelope is not None:
        payload = use_case.sync_envelope(payload, template.header, header)
    return replace(template, header=header, payload=payload)


def _template_use_case(template: GbcsMessage) -> UseCase:
    try:
        return use_case_for(template.message_code)
    except CodecError as exc:
        raise ModelError(f"template: {exc.reason}") from None


def _response_payload(use_case: UseCase, model: Response, template: GbcsMessage) -> Payload:
    payload = template.payload
    if model.body is not None:
        if use_case.write_response is not None:
            payload = use_case.write_response(model.body, template)
        elif _template_body(use_case, template) != model.body:
            raise ModelError(f"body: the {use_case.name} template cannot carry a new body")
    current = replace(template, payload=payload)
    wanted: Outcome = outcome_for(model.code)
    if use_case.read_outcome(current).is_success != wanted.is_success:
        if use_case.write_outcome is not None:
            payload = use_case.write_outcome(current, wanted)
        else:
            payload = with_outcome(payload, wanted)
    return payload


def _template_body(use_case: UseCase, template: GbcsMessage) -> object:
    if use_case.read_response is None:
        return None
    try:
        outcome = use_case.read_outcome(template)
        return use_case.read_response(template, outcome) if outcome.is_success else None
    except (CodecError, ModelError):
        return None


MAPPED_USE_CASES = tuple(sorted(USE_CASES))

__all__ = ["BY_CODE", "MAPPED_USE_CASES", "Model", "from_model", "to_model"]
