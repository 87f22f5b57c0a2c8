"""The tasklist's order and pages, without the engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.backoffice.domain.taches import ListeTaches, Tache, Tri, Vue

pytestmark = pytest.mark.unit
DEBUT = datetime(2026, 7, 1, 10, tzinfo=UTC)


def tache(numero: int, *, jours: int | None, assignee: str | None = None) -> Tache:
    echeance = DEBUT + timedelta(days=jours) if jours is not None else None
    return Tache(str(numero), "Examiner", assignee, ("prefecture-59",), "1", "Processus", DEBUT, echeance)


def test_least_time_left_first_then_without_due_date_and_pages_of_twenty() -> None:
    taches = [tache(i, jours=50 - i) for i in range(45)] + [tache(99, jours=None, assignee="agent-1")]
    liste = ListeTaches.de("agent-1", taches)
    assert liste.taches[0].cle == "44" and liste.taches[-1].cle == "99"
    premiere, derniere = liste.page(Vue.MES_GROUPES, 1), liste.page(Vue.MES_GROUPES, 9)
    assert (premiere.pages, premiere.total, len(premiere.taches)) == (3, 46, 20)
    assert derniere.numero == 3 and len(derniere.taches) == 6 and derniere.taches[-1].cle == "99"
    assert liste.page(Vue.MES_TACHES, 1).total == 1 and liste.comptes()[Vue.NON_ASSIGNEES] == 45


def test_due_dates_with_offsets_compare_as_instants() -> None:
    paris = datetime(2026, 7, 1, 11, tzinfo=UTC).astimezone()  # an aware date in another zone
    plus_tot = Tache("1", "A", None, (), "1", "P", DEBUT, paris)
    plus_tard = Tache("2", "B", None, (), "1", "P", DEBUT, datetime(2026, 7, 1, 10, 30, tzinfo=UTC))
    assert [t.cle for t in ListeTaches.de("a", [plus_tot, plus_tard]).taches] == ["2", "1"]
    assert [t.cle for t in ListeTaches.de("a", [plus_tot, plus_tard], Tri.CREATION).taches] == ["1", "2"]
