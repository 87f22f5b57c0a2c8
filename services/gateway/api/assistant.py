"""What every step of the wizard shares: the draft behind the URL, checked, and the step's page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Request
from fastapi.responses import Response

from contracts.dossier import DossierVue, Statut
from services.gateway.api.deps import Connecte, GatewayDeps, Redirection
from services.gateway.domain.demande import ETAPES, etape_a_reprendre
from services.gateway.domain.formulaires import Erreurs

DossierId = Annotated[str, Path(max_length=64)]


def url_dossier(dossier: DossierVue) -> str:
    return f"/demande/{dossier.id}"


def url_etape(dossier_id: str, numero: int) -> str:
    return f"/demande/{dossier_id}/etape/{numero}"


class Assistant:
    def __init__(self, deps: GatewayDeps) -> None:
        self.deps = deps

    async def brouillon(
        self, request: Request, dossier_id: str, etape: int, *, formulaire: bool = False
    ) -> tuple[Connecte, DossierVue]:
        """The signed-in applicant's draft (the dossier service answers 404 for anyone else's),
        at a step already reached; otherwise where the applicant stands."""
        connecte = await self.deps.demandeur(request, formulaire=formulaire)
        dossier = await self.deps.demandes.dossier(connecte.acteur, dossier_id)
        if dossier.statut is not Statut.BROUILLON:
            raise Redirection(url_dossier(dossier))
        if etape > etape_a_reprendre(dossier.derniere_etape):
            raise Redirection(url_etape(dossier.id, etape_a_reprendre(dossier.derniere_etape)))
        return connecte, dossier

    async def afficher(
        self,
        request: Request,
        connecte: Connecte,
        dossier: DossierVue,
        etape: int,
        *,
        valeurs: dict[str, str],
        erreurs: Erreurs | None = None,
        status: int | None = None,
        **context: Any,
    ) -> Response:
        visiteur = await self.deps.cloche(connecte)
        return self.deps.pages.render(
            request,
            f"demande/etape{etape}.html",
            status=status or (422 if erreurs else 200),
            visiteur=visiteur,
            valeurs=valeurs,
            erreurs=erreurs,
            dossier=dossier,
            etape=etape,
            etapes=ETAPES,
            **context,
        )
