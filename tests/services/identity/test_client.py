"""`contracts.clients.identity.IdentityClient` against the real app, as the site and back-office use it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from contracts.clients.base import NotFound, RequestRefused, ServiceUnavailable
from contracts.clients.identity import IdentityClient, TooManyAttempts, Unauthenticated
from contracts.identity import DemandeCreationCompte
from plumbing.actors import Actor, actor_from_token
from plumbing.settings import PlatformSettings
from services.identity.wiring import IdentityParts, build_app
from tests.services.identity.conftest import GATEWAY, jeton_du_dernier_courriel
from tests.support.actor_tokens import TEST_TOKENS, ActorTokens, trust_test_tokens

pytestmark = pytest.mark.integration

SEPT, MOT_DE_PASSE_SEPT = "5903007178", "Tournesol.Lille59!"


@pytest.fixture
async def identite(deps: IdentityParts) -> AsyncIterator[IdentityClient]:
    app = trust_test_tokens(build_app(PlatformSettings(), deps))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity") as http:
        yield IdentityClient(http, TEST_TOKENS, GATEWAY)


def demande_de_huit(deps: IdentityParts, courriel: str = "huit@exemple.fr") -> DemandeCreationCompte:
    with deps.unit_of_work.transaction() as d:
        titre = d.registre.titre_par_numero("9900000008")
    assert titre is not None
    return DemandeCreationCompte(
        numero_titre=titre.numero,
        date_debut_validite=titre.date_debut,
        date_fin_validite=titre.date_fin,
        courriel=courriel,
        confirmation_courriel=courriel,
    )


async def test_creation_de_compte_puis_connexion(identite: IdentityClient, deps: IdentityParts) -> None:
    creation = await identite.creer_compte(demande_de_huit(deps))
    assert creation.message.startswith("Demande de création de compte bien enregistrée.")
    jeton = jeton_du_dernier_courriel(deps)
    assert (await identite.confirmer_courriel(jeton)).message == "Votre adresse email a bien été validée."
    cree = await identite.creer_mot_de_passe(jeton, "Glycine.Lille-59", "Glycine.Lille-59")
    assert cree.message == "Votre compte a bien été créé."
    session = await identite.connecter_demandeur("5903007177", "Glycine.Lille-59")
    assert session.demandeur is not None and session.demandeur.courriel == "huit@exemple.fr"
    assert actor_from_token(session.acteur) == Actor("demandeur", session.demandeur.id)


async def test_mot_de_passe_oublie(identite: IdentityClient, deps: IdentityParts) -> None:
    reponse = await identite.demander_reinitialisation(SEPT, adresse_client="203.0.113.7")
    assert reponse.message.startswith("Si un compte correspond à cet identifiant")
    jeton = jeton_du_dernier_courriel(deps)
    await identite.verifier_lien_reinitialisation(jeton)
    modifie = await identite.reinitialiser_mot_de_passe(jeton, "Nouveau.Jardin-59", "Nouveau.Jardin-59")
    assert modifie.message == "Votre mot de passe a bien été modifié."
    with pytest.raises(RequestRefused) as lien_use:
        await identite.verifier_lien_reinitialisation(jeton)
    assert lien_use.value.status == 400 and "Mot de passe oublié ?" in lien_use.value.detail


async def test_les_sessions_du_demandeur(identite: IdentityClient) -> None:
    telephone, ordinateur, tablette = [
        (await identite.connecter_demandeur(SEPT, MOT_DE_PASSE_SEPT)).jeton for _ in range(3)
    ]
    courante = await identite.session_courante(telephone)
    assert courante.demandeur is not None and courante.demandeur.numero_etranger == SEPT
    sessions = await identite.sessions(telephone)
    assert len(sessions) == 3 and sum(s.courante for s in sessions) == 1
    await identite.fermer_session(telephone, next(s.id for s in sessions if not s.courante))
    assert await identite.fermer_autres_sessions(telephone) == 1
    await identite.deconnecter(telephone)
    for jeton in (telephone, ordinateur, tablette):
        with pytest.raises(Unauthenticated) as expiree:
            await identite.session_courante(jeton)
        assert expiree.value.detail == "Votre session a expiré. Veuillez vous reconnecter."
        assert await identite.session_ou_aucune(jeton) is None  # what a site asks: signed in or not
    assert await identite.session_ou_aucune("x" * 5000) is None  # a cookie nobody could have had


async def test_l_agent_se_connecte_et_se_lit(identite: IdentityClient) -> None:
    session = await identite.connecter_agent("instructeur.nord", "Instruction-Nord-59")
    assert session.agent is not None and session.agent.prefectures == ["59"]
    lui_meme = identite.as_actor(actor_from_token(session.acteur))
    assert (await lui_meme.agent(session.agent.id)).nom == "DURAND"
    courante = await identite.session_courante(session.jeton)
    assert courante.agent == session.agent and courante.demandeur is None


async def test_la_fiche_pour_qui_peut_la_voir(identite: IdentityClient) -> None:
    session = await identite.connecter_demandeur(SEPT, MOT_DE_PASSE_SEPT)
    assert session.demandeur is not None
    sept = identite.as_actor(Actor("demandeur", session.demandeur.id))
    fiche = await sept.fiche(session.demandeur.id)
    assert fiche.prefecture == "59" and fiche.titre_en_cours.type == "MNA placé avant 16 ans"
    agent_du_62 = identite.as_actor(Actor("agent", "a62", frozenset({"62"}), frozenset({"instructeur"})))
    with pytest.raises(NotFound) as introuvable:
        await agent_du_62.fiche(session.demandeur.id)
    assert introuvable.value.detail == "Demandeur introuvable."


async def test_un_identifiant_ne_change_jamais_la_route(identite: IdentityClient) -> None:
    for piege in ("../agents/x", "a/b", "?x=1", "%2e%2e"):
        with pytest.raises(NotFound):
            await identite.fiche(piege)


async def test_les_refus_a_expliquer_au_visiteur(identite: IdentityClient, deps: IdentityParts) -> None:
    with pytest.raises(Unauthenticated) as incorrect:
        await identite.connecter_demandeur(SEPT, "Faux.123")
    assert incorrect.value.detail == "Identifiant ou mot de passe incorrect."
    for _ in range(4):
        with pytest.raises(Unauthenticated):
            await identite.connecter_demandeur(SEPT, "Faux.123")
    with pytest.raises(TooManyAttempts) as bloque:
        await identite.connecter_demandeur(SEPT, MOT_DE_PASSE_SEPT)
    assert bloque.value.status == 429 and bloque.value.detail.startswith("Trop de tentatives.")

    with pytest.raises(RequestRefused) as mot_de_passe:
        await identite.creer_mot_de_passe("inventé", "x", "y")
    assert mot_de_passe.value.status == 400
    with pytest.raises(RequestRefused) as mal_forme:
        await identite.connecter_agent("", "")
    assert mal_forme.value.status == 422
    assert {e["message"] for e in mal_forme.value.erreurs} == {"Ce champ est obligatoire."}
    differents = demande_de_huit(deps).model_copy(update={"confirmation_courriel": "autre@exemple.fr"})
    with pytest.raises(RequestRefused) as incoherent:
        await identite.creer_compte(differents)
    assert incoherent.value.status == 422 and "ne correspond pas" in incoherent.value.detail


async def test_seuls_les_services_gerent_les_comptes(identite: IdentityClient) -> None:
    demandeur = identite.as_actor(Actor("demandeur", "quelquun"))
    with pytest.raises(RequestRefused) as reserve:
        await demandeur.demander_reinitialisation(SEPT)
    assert reserve.value.status == 403
    sans_jeton = IdentityClient(identite.http, ActorTokens(), GATEWAY)  # a key identity does not trust
    with pytest.raises(Unauthenticated):
        await sans_jeton.session_courante("x")


async def test_un_service_injoignable_ou_en_panne(identite: IdentityClient) -> None:
    def injoignable(_request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refusé")

    for transport in (httpx.MockTransport(injoignable), httpx.MockTransport(lambda _r: httpx.Response(503))):
        async with httpx.AsyncClient(transport=transport, base_url="http://identity") as http:
            with pytest.raises(ServiceUnavailable) as panne:
                await IdentityClient(http, TEST_TOKENS, GATEWAY).connecter_demandeur(SEPT, MOT_DE_PASSE_SEPT)
        assert "identity" in str(panne.value) and MOT_DE_PASSE_SEPT not in str(panne.value)
