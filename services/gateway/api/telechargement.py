"""A PDF handed to the browser as a download, under its exact name (RFC 6266)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

from services.gateway.domain.ports import Fichier


def telechargement(fichier: Fichier) -> Response:
    ascii_ = fichier.nom.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_}\"; filename*=UTF-8''{quote(fichier.nom)}"
    return Response(
        fichier.contenu, media_type=fichier.type_media, headers={"Content-Disposition": disposition}
    )
