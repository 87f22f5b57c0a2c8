"""Streaming a stored file with its media type and a Content-Disposition that survives any name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import quote

from fastapi.responses import StreamingResponse


class Disposition(StrEnum):
    ATTACHMENT = "attachment"  # « Télécharger »
    INLINE = "inline"  # « Voir le document » in the browser


def content_disposition(disposition: Disposition, nom_fichier: str) -> str:
    repli = nom_fichier.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"{disposition.value}; filename=\"{repli}\"; filename*=UTF-8''{quote(nom_fichier, safe='')}"


def fichier_telecharge(*types_media: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a download: the 200 is the file's bytes, in one of these media types."""
    octets = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": "Le contenu du fichier", "content": dict.fromkeys(types_media, octets)}}


class Telechargeable(Protocol):
    """A stored file or generated document, as its download describes it."""

    @property
    def nom_fichier(self) -> str: ...
    @property
    def type_media(self) -> str: ...
    @property
    def taille(self) -> int: ...


async def reponse_fichier(
    fichier: Telechargeable, contenu: AsyncIterator[bytes], disposition: Disposition
) -> StreamingResponse:
    """Read the first chunk before answering, so that a missing content is an error, not a cut file."""
    premier = await anext(contenu, b"")

    async def flux() -> AsyncIterator[bytes]:
        yield premier
        async for bloc in contenu:
            yield bloc

    headers = {
        "Content-Disposition": content_disposition(disposition, fichier.nom_fichier),
        "Content-Length": str(fichier.taille),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return StreamingResponse(flux(), media_type=fichier.type_media, headers=headers)
