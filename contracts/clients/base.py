"""What every internal API client shares: who calls, the correlation id, ids in paths, one error policy.

Errors, the same for every service:
- `ServiceUnavailable`: the service could not be reached, failed (5xx) or asked to slow down (429);
  trying again later may help.
- `RequestRefused` (4xx) with the service's French `detail` and, for bad input, its `erreurs`;
  `NotFound` (404) and `Conflict` (409) are its subclasses a caller often handles apart; a
  client adds its service's own (`refusals`), e.g. identity's 429 lockout is a refusal to explain.
Messages name the service and the status, never the data sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar
from urllib.parse import quote, unquote

import httpx
from pydantic import BaseModel, TypeAdapter

from plumbing.actors import INVALID_TOKEN_CHALLENGE, Actor, ActorTokens
from plumbing.correlation import HEADER, current_correlation_id

M = TypeVar("M")


class ServiceUnavailable(Exception):
    """The service did not answer usefully; trying again later may help."""


class RequestRefused(Exception):
    """The service refused the request (4xx): the same request will not succeed."""

    def __init__(self, status: int, detail: str, erreurs: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.erreurs = status, detail, erreurs or []
        self.body: dict[str, Any] = {}


class NotFound(RequestRefused):
    """404: absent, or not visible to this actor (services answer 404 rather than 403)."""


class Conflict(RequestRefused):
    """409: the object's state forbids the request (e.g. already deposited)."""


def path(*segments: str | int) -> str:
    """`/dossiers/<id>/pieces` with every segment URL-quoted: an id never changes the route."""
    return "/" + "/".join(quote(str(segment), safe="") for segment in segments)


class InternalApiClient:
    """A client of one service's internal API, acting as `actor` (an applicant, an agent, a service)."""

    service = "service"  # its name in error messages
    # Statuses the service answers as refusals meant for the visitor, each with its exception
    # (identity's 429 is a lockout to explain, not a sign of overload).
    refusals: ClassVar[Mapping[int, type[RequestRefused]]] = {}

    def __init__(self, http: httpx.AsyncClient, tokens: ActorTokens, actor: Actor) -> None:
        self.http, self.tokens, self.actor = http, tokens, actor  # http: base_url is the service

    def as_actor(self, actor: Actor) -> Self:
        """The same client acting for someone else (the gateway acts for each applicant, with the
        actor token identity gave for their session)."""
        return type(self)(self.http, self.tokens, actor)

    async def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        headers = dict(options.pop("headers", {}))
        if correlation_id := current_correlation_id():
            headers[HEADER] = correlation_id
        try:
            response = await self._send(method, url, headers, options, renew=False)
            refused = response.headers.get("WWW-Authenticate") == INVALID_TOKEN_CHALLENGE
            if refused and not self.actor.token:
                # a token of this service's own, refused: identity changed its key; once more, anew
                response = await self._send(method, url, headers, options, renew=True)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(
                f"Service {self.service} injoignable ({type(error).__name__})."
            ) from None
        unavailable = response.status_code >= 500 or response.status_code == 429
        if unavailable and response.status_code not in self.refusals:
            raise ServiceUnavailable(f"Service {self.service} en échec (HTTP {response.status_code}).")
        if response.status_code >= 400:
            raise _refusal(response, self.refusals)
        return response

    async def _send(
        self, method: str, url: str, headers: dict[str, str], options: dict[str, Any], *, renew: bool
    ) -> httpx.Response:
        # an actor's own token (a session's) comes with the actor; a service's from identity,
        # which may be down (an httpx error, answered as the service being unavailable)
        token = self.actor.token or await self.tokens.token(self.actor, renew=renew)
        headers["Authorization"] = f"Bearer {token}"
        return await self.http.request(method, url, headers=headers, **options)

    async def get_model(self, model: type[M], url: str, **options: Any) -> M:
        return parse(model, await self.request("GET", url, **options))

    async def send_model(
        self, method: str, model: type[M], url: str, body: BaseModel | None = None, **options: Any
    ) -> M:
        if body is not None:
            options["json"] = body.model_dump(mode="json", by_alias=True)
        return parse(model, await self.request(method, url, **options))


@dataclass(frozen=True)
class FichierLu:
    """A file an internal API answered with: its bytes, the media type the service gave, its name."""

    contenu: bytes
    type_media: str
    nom: str | None = None


# The exact name comes percent-encoded (RFC 6266 `filename*`), after an ASCII `filename` fallback.
_NOM_ENCODE = re.compile(r"filename\*=UTF-8''([^;\s\"]*)", re.IGNORECASE)
_NOM_ASCII = re.compile(r'filename="([^"]*)"', re.IGNORECASE)


def fichier_lu(response: httpx.Response) -> FichierLu:
    type_media = response.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
    disposition = response.headers.get("content-disposition", "")
    encode, ascii_ = _NOM_ENCODE.search(disposition), _NOM_ASCII.search(disposition)
    nom = unquote(encode[1]) if encode else ascii_[1] if ascii_ else None
    return FichierLu(contenu=response.content, type_media=type_media, nom=nom)


def parse(model: type[M], response: httpx.Response) -> M:
    """The response body as `model` (a pydantic model, or a type such as `list[Model]`)."""
    adapter: TypeAdapter[M] = _adapter(model)
    return adapter.validate_json(response.content)


# Building a validator costs more than using it: one per response type, built once.
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(model: Any) -> TypeAdapter[Any]:
    if (adapter := _ADAPTERS.get(model)) is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter


def _refusal(response: httpx.Response, kinds: Mapping[int, type[RequestRefused]]) -> RequestRefused:
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    detail = body.get("detail")
    detail = detail if isinstance(detail, str) else "Requête refusée."
    erreurs = body.get("erreurs") if isinstance(body.get("erreurs"), list) else None
    known: dict[int, type[RequestRefused]] = {404: NotFound, 409: Conflict, **kinds}
    kind = known.get(response.status_code, RequestRefused)
    refusal = kind(response.status_code, detail, erreurs)
    refusal.body = body
    return refusal
