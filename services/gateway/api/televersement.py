"""Step 3's form, read as it streams in: every file's size is counted while it arrives, and a file
over 10 Mo is dropped on the spot (never kept, never sent to the documents service) while the rest
of the form (the e-photo number, the other files) is read as usual.

Starlette's multipart parser keeps file parts in spooled temporary files; ours keeps them in memory
(at most 10 Mo each), stops writing a part once it is too large and remembers it. The whole request
is bounded too.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from contracts.documents import FICHIERS_MAX_PAR_PIECE, TAILLE_MAX_FICHIER
from plumbing.dsfr.security import CSRF_FIELD
from services.gateway.domain.ports import Fichier

MAX_REQUETE = FICHIERS_MAX_PAR_PIECE * TAILLE_MAX_FICHIER * 4  # a few pieces at once, at most
MAX_CHAMP = 1024
TROP_VOLUMINEUX = "Le fichier « {nom} » dépasse la taille maximale de 10 Mo."  # the documents service's words


class RequeteTropVolumineuse(Exception):
    """The whole form is larger than anything step 3 may send: it is not read further."""


class _ParserLimite(MultiPartParser):
    # Files stay in memory: they are read whole right after (`lire_televersement`), and a spooled
    # file past Starlette's 1 MB costs a thread hop and a disk write for every chunk received.
    spool_max_size = TAILLE_MAX_FICHIER

    def __init__(self, request: Request, stream: AsyncGenerator[bytes, None], max_champ: int) -> None:
        super().__init__(request.headers, stream, max_files=40, max_fields=60, max_part_size=max_champ * 4)
        self.tailles: dict[int, int] = {}
        self.refuses: set[int] = set()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self._current_part
        if part.file is None:
            super().on_part_data(data, start, end)
            return
        taille = self.tailles.get(id(part.file), 0) + (end - start)
        self.tailles[id(part.file)] = taille
        if taille > TAILLE_MAX_FICHIER:
            self.refuses.add(id(part.file))  # its bytes are no longer written
        else:
            super().on_part_data(data, start, end)


async def _borne(request: Request) -> AsyncGenerator[bytes, None]:
    recu = 0
    async for morceau in request.stream():
        recu += len(morceau)
        if recu > MAX_REQUETE:
            raise RequeteTropVolumineuse()
        yield morceau


@dataclass
class Televersement:
    """The form's text fields, the files of each input, and the names of the files dropped."""

    valeurs: dict[str, str] = field(default_factory=dict)
    fichiers: dict[str, list[Fichier]] = field(default_factory=dict)
    trop_volumineux: dict[str, list[str]] = field(default_factory=dict)
    jeton: str = ""


async def lire_televersement(request: Request, *, max_champ: int = MAX_CHAMP) -> Televersement:
    """`RequeteTropVolumineuse` past `MAX_REQUETE`; `MultiPartException` for a malformed form.
    Text fields keep `max_champ` characters (UTF-8: up to 4 bytes each)."""
    if int(request.headers.get("content-length") or 0) > MAX_REQUETE:
        raise RequeteTropVolumineuse()
    lu = Televersement()
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        simple = await request.form(max_files=0, max_fields=60)  # no file chosen, sent without one
        lu.valeurs = {
            nom: v[:max_champ] for nom, v in simple.items() if isinstance(v, str) and nom != CSRF_FIELD
        }
        lu.jeton = str(simple.get(CSRF_FIELD) or "")
        return lu
    parser = _ParserLimite(request, _borne(request), max_champ)
    form = await parser.parse()
    try:
        for nom, valeur in form.multi_items():
            if isinstance(valeur, str):
                if nom == CSRF_FIELD:
                    lu.jeton = valeur
                else:
                    lu.valeurs[nom] = valeur[:max_champ]
            elif isinstance(valeur, UploadFile) and valeur.filename:
                nom_fichier = valeur.filename[-200:]
                if id(valeur) in parser.refuses:
                    lu.trop_volumineux.setdefault(nom, []).append(nom_fichier)
                else:
                    contenu = await valeur.read()
                    type_media = valeur.content_type or "application/octet-stream"
                    lu.fichiers.setdefault(nom, []).append(Fichier(nom_fichier, contenu, type_media))
    finally:
        await form.close()
    return lu


__all__ = ["MultiPartException", "RequeteTropVolumineuse", "Televersement", "lire_televersement"]
