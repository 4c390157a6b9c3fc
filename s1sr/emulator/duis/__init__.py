"""``s1sr emulate --duis``: the emulator behind DCC Boxed-shaped DUIS endpoints.

``routes`` (CommandVariant, URL and SRV), ``identity`` (who signed; the DCC's pair),
``counters`` (replays), ``intake`` (bytes to an accepted request or a refusal),
``outbound`` (signed responses and alerts), ``callback`` (the ordered, retrying sender),
``endpoint`` (the dispatcher into the installation the TCP server serves), ``hooks``
(the non-DUIS test hooks), ``http_server`` (the bounded HTTP server) and ``background``.
"""

from s1sr.emulator.duis.background import DuisServer, build_endpoint
from s1sr.emulator.duis.callback import Backoff, CallbackSender
from s1sr.emulator.duis.endpoint import DuisEndpoint, HttpAnswer
from s1sr.emulator.duis.http_server import DuisHttpServer, HttpLimits
from s1sr.emulator.duis.identity import DCC_KEY_NAME, SigningPair, dcc_pair, user_key_name, user_of
from s1sr.emulator.duis.intake import DEFAULT_MAX_BODY, Accepted, Errored, Intake, Refused
from s1sr.emulator.duis.routes import SERVICE_D, SERVICE_S, SERVICE_T, URL_OF, route_refusal

__all__ = [
    "DCC_KEY_NAME",
    "DEFAULT_MAX_BODY",
    "SERVICE_D",
    "SERVICE_S",
    "SERVICE_T",
    "URL_OF",
    "Accepted",
    "Backoff",
    "CallbackSender",
    "DuisEndpoint",
    "DuisHttpServer",
    "DuisServer",
    "Errored",
    "HttpAnswer",
    "HttpLimits",
    "Intake",
    "Refused",
    "SigningPair",
    "build_endpoint",
    "dcc_pair",
    "route_refusal",
    "user_key_name",
    "user_of",
]
