"""« Mes Notifications »: what the list's filter and pages accept, read from the page's address.

The address is typed by anyone: an unknown filter or page size falls back to the guide's defaults
(« Toutes les notifications », 10 results per page) instead of an error page.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.notifier import FiltreLecture

FILTRES = {
    FiltreLecture.TOUTES: "Toutes les notifications",
    FiltreLecture.LUES: "Notifications lues",
    FiltreLecture.NON_LUES: "Notifications non lues",
}
"""« Filtrer mes notifications : », in the guide's order."""

RESULTATS_PAR_PAGE = (10, 20, 50)
PAGE_MAX = 10_000


@dataclass(frozen=True)
class Consultation:
    """The filter, the page and its size of one look at « Mes Notifications »."""

    lecture: FiltreLecture = FiltreLecture.TOUTES
    page: int = 1
    par_page: int = RESULTATS_PAR_PAGE[0]

    def adresse(self, page: int) -> str:
        """The address of another page of the same list (the filter and size kept)."""
        return f"?lecture={self.lecture.value}&par_page={self.par_page}&page={page}"


def _entier(texte: str, defaut: int) -> int:
    return int(texte) if texte.isdecimal() and len(texte) <= 6 else defaut


def lire_consultation(lecture: str, page: str, par_page: str) -> Consultation:
    filtre = next((f for f in FiltreLecture if f.value == lecture), FiltreLecture.TOUTES)
    taille = _entier(par_page, RESULTATS_PAR_PAGE[0])
    return Consultation(
        lecture=filtre,
        page=min(max(_entier(page, 1), 1), PAGE_MAX),
        par_page=taille if taille in RESULTATS_PAR_PAGE else RESULTATS_PAR_PAGE[0],
    )
