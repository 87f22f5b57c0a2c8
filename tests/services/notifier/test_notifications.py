"""Rules of a notification: its state, the first opening, answering, pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contracts.jobs.notifier import NotifierInput
from contracts.notifier import EtatNotification
from contracts.process import Modele
from services.notifier.domain.notifications import Notification, Page, ReponseImpossible
from services.notifier.domain.redaction import rediger
from tests.services.notifier.conftest import DELAIS

pytestmark = pytest.mark.unit

T0 = datetime(2023, 9, 12, 8, 0, tzinfo=UTC)


def notification(modele: Modele = Modele.DEMANDE_COMPLEMENTS) -> Notification:
    redaction = rediger(
        modele, NotifierInput.model_validate({"numeroDemande": "5901202308180000190", "delais": DELAIS})
    )
    return Notification(
        id="n1",
        demandeur_id="compte-sept",
        dossier_id="dossier-1",
        numero_demande="5901202308180000190",
        prefecture="prefecture-59",
        modele=modele,
        titre=redaction.titre,
        contenu=redaction.contenu(),
        pieces_jointes=(),
        cree_le=T0,
    )


def test_only_the_first_opening_counts() -> None:
    first = notification().ouverte(T0 + timedelta(days=1))
    again = first.ouverte(T0 + timedelta(days=2))

    assert again.lue_le == T0 + timedelta(days=1)
    assert again.etat is EtatNotification.LUE


def test_a_demande_de_complement_is_answered_once() -> None:
    answered = notification().ouverte(T0).repondue(T0 + timedelta(hours=1))

    assert answered.etat is EtatNotification.REPONDUE
    assert not answered.attend_reponse
    assert answered.repondue(T0 + timedelta(days=3)).repondue_le == T0 + timedelta(hours=1)


def test_an_answer_to_an_unopened_demand_is_its_reading_too() -> None:
    answered = notification().repondue(T0 + timedelta(hours=2))

    assert answered.lue_le == answered.repondue_le == T0 + timedelta(hours=2)


def test_the_list_line_reads_as_the_seeds_mes_notifications() -> None:
    complement = notification()
    assert (complement.libelle, complement.mention) == ("Demande de complément", None)
    # opened at 23:30 UTC on the 12th: already the 13th in Paris
    lue = complement.ouverte(datetime(2023, 9, 12, 23, 30, tzinfo=UTC))
    assert (lue.libelle, lue.mention) == ("Demande de complément lue", "Lu le 13/09/2023")
    repondue = lue.repondue(datetime(2023, 9, 14, 9, 0, tzinfo=UTC))
    assert (repondue.libelle, repondue.mention) == ("Demande de complément répondu", "Répondu le 14/09/2023")
    decision = notification(Modele.ATTESTATION_DECISION_FAVORABLE).ouverte(T0)
    assert (decision.libelle, decision.mention) == ("Notification de décision lue", "Lu le 12/09/2023")
    prolongation = notification(Modele.ATTESTATION_PROLONGATION).ouverte(T0)
    assert prolongation.libelle == "Notification de prolongation de l'instruction lue"


def test_a_decision_expects_no_answer() -> None:
    decision = notification(Modele.ATTESTATION_DECISION_FAVORABLE).ouverte(T0)

    assert not decision.attend_reponse
    with pytest.raises(ReponseImpossible, match="n'attend pas de réponse"):
        decision.repondue(T0)


@pytest.mark.parametrize(("total", "pages"), [(0, 1), (10, 1), (11, 2), (25, 3)])
def test_pages_are_counted_as_the_list_shows_them(total: int, pages: int) -> None:
    assert Page(elements=[], total=total, page=1, par_page=10).pages == pages
