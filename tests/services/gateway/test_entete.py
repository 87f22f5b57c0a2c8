"""The header of a signed-in page: the bell is also in the header's bar beside « Menu », the part
of the DSFR header a phone shows without opening the menu, with the unread count in its name."""

from __future__ import annotations

import re

from tests.services.gateway.conftest import Site


def barre(page: str) -> str:
    trouve = re.search(r'<div class="fr-header__navbar">(.*?)</div>', page, re.S)
    assert trouve, "pas de barre d'en-tête"
    return trouve.group(1)


async def test_la_cloche_est_dans_la_barre_des_telephones_avec_le_nombre_de_non_lues(site: Site) -> None:
    site.notifications.ajouter("Demande de complément")
    site.notifications.ajouter("Décision")
    await site.connecter()
    cloche = barre((await site.http.get("/")).text)
    assert 'href="/espace/notifications"' in cloche
    nom = re.sub(r"<[^>]+>|\s+", " ", cloche).split()
    assert " ".join(nom[:-1]).endswith("Mes Notifications : 2 non lues")  # then « Menu »
    assert '<span class="anef-pastille">2<span class="fr-sr-only"> non lues</span>' in cloche


async def test_sans_notification_la_cloche_dit_seulement_mes_notifications(site: Site) -> None:
    await site.connecter()
    cloche = barre((await site.http.get("/")).text)
    assert "anef-pastille" not in cloche
    assert re.sub(r"<[^>]+>|\s+", " ", cloche).split()[:2] == ["Mes", "Notifications"]


async def test_un_visiteur_non_connecte_n_a_pas_de_cloche(site: Site) -> None:
    assert "anef-cloche" not in barre((await site.http.get("/")).text)
