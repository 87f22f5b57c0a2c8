"""The page of a complement round: the demand (the notifier's text), each requested document and
the form, or the answers once sent, read-only, with the confirmation."""

from __future__ import annotations

import asyncio

from fastapi import Request
from fastapi.responses import Response

from contracts.clients.base import RequestRefused, ServiceUnavailable
from contracts.documents import FICHIERS_MAX_PAR_PIECE, FORMATS_ACCEPTES, PiecesDossier
from contracts.dossier import RondeComplementsVue
from contracts.notifier import (
    NotificationDetail,
    NotificationResume,
)
from services.gateway.api.deps import DANS_LA_CLOCHE, Connecte, GatewayDeps
from services.gateway.api.pages import Visiteur
from services.gateway.domain.complements import (
    CHAMP_EPHOTO,
    EPHOTO,
    INFORMATION,
    LIBELLES_REPONSE,
    champ_fichiers,
    champ_motif,
    champ_reponse,
    documents_demandes,
    notification_de_la_ronde,
    valeurs_de_la_ronde,
)
from services.gateway.domain.formulaires import Erreurs


async def notification_de(
    deps: GatewayDeps, acteur: str, ronde: RondeComplementsVue
) -> NotificationResume | None:
    """The « Demande de complément » of this round, or None (none found, or the notifier is down)."""
    try:
        demandes = await deps.notifications.demandes_de_complement(acteur)
    except ServiceUnavailable:
        return None
    return notification_de_la_ronde(demandes, ronde.dossier_id, ronde.numero)


class PageComplements:
    def __init__(self, deps: GatewayDeps) -> None:
        self.deps = deps

    async def demande(
        self, connecte: Connecte, ronde: RondeComplementsVue
    ) -> tuple[NotificationDetail | None, Visiteur]:
        """The demand as the notifier wrote it, opened (the acknowledgement of receipt), and the
        bell after it: one call to the notifier."""
        try:
            ouverture = await self.deps.notifications.ouvrir_demande(
                connecte.acteur, ronde.dossier_id, ronde.numero, nombre=DANS_LA_CLOCHE
            )
        except (RequestRefused, ServiceUnavailable):
            return None, Visiteur(connecte.session, connecte.jeton, None, [])
        cloche = ouverture.cloche
        return ouverture.demande, Visiteur(
            connecte.session, connecte.jeton, cloche.total, list(cloche.elements)
        )

    async def afficher(
        self,
        request: Request,
        connecte: Connecte,
        ronde: RondeComplementsVue,
        erreurs: Erreurs | None = None,
        *,
        valeurs: dict[str, str] | None = None,
        status: int | None = None,
        pieces: PiecesDossier | None = None,
    ) -> Response:
        """`pieces`: the dossier's pieces when the caller read them already (with the round)."""
        acteur = connecte.acteur
        if pieces is None:
            lues, (demande, visiteur) = await asyncio.gather(
                self.deps.justificatifs.pieces(acteur, ronde.dossier_id), self.demande(connecte, ronde)
            )
        else:
            lues, (demande, visiteur) = pieces, await self.demande(connecte, ronde)
        libelles = {}
        for piece in ronde.pieces:
            libelle = piece.libelle or piece.piece
            for champ in (champ_reponse, champ_motif, champ_fichiers):
                libelles[champ(piece.piece)] = libelle
        libelles[CHAMP_EPHOTO] = "Nouveau numéro ephoto"
        return self.deps.pages.render(
            request,
            "demande/complements.html",
            status=status or (422 if erreurs else 200),
            visiteur=visiteur,
            valeurs=valeurs if valeurs is not None else valeurs_de_la_ronde(ronde),
            erreurs=erreurs,
            ronde=ronde,
            documents=documents_demandes(ronde, lues),
            demande=demande,
            phrases={p.piece: p.phrase for p in demande.contenu.pieces_demandees} if demande else {},
            ephoto=EPHOTO,
            numero_ephoto=lues.numero_ephoto,
            ephoto_mis_a_jour=lues.ephoto_ronde == ronde.numero,
            libelles=libelles,
            reponses=LIBELLES_REPONSE,
            information=INFORMATION,
            formats=", ".join(FORMATS_ACCEPTES),
            fichiers_max=FICHIERS_MAX_PAR_PIECE,
        )
