"""Screens 4 and 5 on fakes of the services: wording, flows, field errors, ownership, uploads."""

from __future__ import annotations

import html

import pytest

from contracts.dossier import EtapeJustificatifs
from contracts.identity import TitreEnCours
from services.gateway.api.televersement import TAILLE_MAX_FICHIER
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes import FICHE

pytestmark = pytest.mark.integration
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


async def commencer(site: Site) -> str:
    await site.connecter()
    response = await site.post(
        "/espace/demande/brouillon", {}, page="/espace/demande/preambule?titre=renouvellement"
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[-1]


async def test_screen_4_leads_from_the_choice_to_the_preamble(site: Site) -> None:
    await site.connecter()
    choix = await site.http.get("/espace/demande")
    assert "Je sollicite ou renouvelle un titre de séjour pour :" in html.unescape(choix.text)
    assert (await site.http.get("/espace/demande/situation")).status_code == 422
    autre = await site.http.get("/espace/demande/situation?pour=mineur-protection-internationale")
    assert "Cette démarche n'est pas proposée par ce service en ligne" in html.unescape(autre.text)
    situation = html.unescape((await site.http.get("/espace/demande/situation?pour=moi-meme")).text)
    assert (
        "en tant que « MNA placé avant 16 ans ». Ce titre porte la mention « VIE PRIVÉE ET FAMILIALE »"
        in situation
    )
    assert "Je sollicite le renouvellement de ce titre" in situation and "En tant qu'étudiant" in situation
    etudiant = await site.http.get("/espace/demande/preambule", params={"titre": "En tant qu'étudiant"})
    assert "Cette démarche n'est pas proposée" in html.unescape(etudiant.text)
    preambule = html.unescape((await site.http.get("/espace/demande/preambule?titre=renouvellement")).text)
    for texte in (
        "Informations personnelles",
        "Motif de séjour",
        "Justificatifs",
        "Dépôt de la demande",
        "Confirmation",
        "JPG, PNG, PDF, TIFF, BMP",
        "e-photo",
        "Télécharger la liste des pièces justificatives.",
    ):
        assert texte in preambule, texte
    liste = await site.http.get("/espace/demande/liste-des-pieces.pdf")
    assert liste.content.startswith(b"%PDF") and "attachment" in liste.headers["content-disposition"]


async def test_another_title_is_told_this_procedure_is_not_theirs(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    etudiant = TitreEnCours(
        type="Étudiant",
        mention="ÉTUDIANT",
        numero="1",
        date_debut=FICHE.titre_en_cours.date_debut,
        date_fin=FICHE.titre_en_cours.date_fin,
    )
    monkeypatch.setattr(FICHE, "titre_en_cours", etudiant)
    await site.connecter()
    page = html.unescape((await site.http.get("/espace/demande/situation?pour=moi-meme")).text)
    assert "Cette démarche ne correspond pas à votre titre" in page
    assert "Je sollicite le renouvellement de ce titre" not in page
    refus = await site.post("/espace/demande/brouillon", {}, page="/espace/demande")
    assert refus.status_code == 403 and site.demandes.dossiers == {}


async def test_a_draft_in_progress_is_resumed(site: Site) -> None:
    dossier_id = await commencer(site)
    again = await site.post("/espace/demande/brouillon", {}, page="/espace/demande")
    assert again.headers["location"] == f"/demande/{dossier_id}"
    assert "Reprendre ma demande" in (await site.http.get("/espace/demande")).text
    reprise = await site.http.get(f"/demande/{dossier_id}")
    assert reprise.headers["location"] == f"/demande/{dossier_id}/etape/1"
    assert (await site.http.get(f"/demande/{dossier_id}/etape/4")).headers["location"].endswith("/etape/1")


async def test_someone_elses_dossier_is_a_french_404(site: Site) -> None:
    await site.connecter()
    for url in (
        "/demande/autre",
        "/demande/autre/etape/1",
        "/demande/autre/justificatifs",
        "/demande/autre/confirmation",
        "/demande/autre/documents/g1",
    ):
        response = await site.http.get(url)
        assert response.status_code == 404 and "Page non trouvée" in response.text, url


async def test_files_go_only_to_a_dossier_of_the_applicant(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone else's dossier or one that does not exist: a 404, and nothing reaches documents."""
    await commencer(site)
    envois: list[str] = []

    async def noter(*args: object, **kwargs: object) -> list[object]:
        envois.append(str(args[1]))
        return []

    monkeypatch.setattr(site.justificatifs, "joindre", noter)
    monkeypatch.setattr(site.justificatifs, "remplacer", noter)
    fichier = {"fichiers_justificatif-nationalite": ("passeport.png", PNG, "image/png")}
    for dossier in ("autre", "inexistant-0001"):
        for url in (f"/demande/{dossier}/justificatifs", f"/demande/{dossier}/complements/1"):
            data = {
                "csrf_token": await site.csrf("/espace/demande"),
                "action": "joindre:justificatif-nationalite",
            }
            response = await site.http.post(url, data=data, files=fichier)
            assert response.status_code == 404 and "Page non trouvée" in response.text, url
    assert envois == []


async def test_step_1_errors_are_tied_to_their_fields_and_nothing_is_lost(site: Site) -> None:
    dossier_id = await commencer(site)
    page = f"/demande/{dossier_id}/etape/1"
    etape = html.unescape((await site.http.get(page)).text)
    for texte in (
        "Les informations d'état civil ne sont pas modifiables",
        "Revenir à l'étape précédente",
        "Abandonner la demande",
        "Quitter et revenir plus tard",
        "Enregistrer et poursuivre",
        "Je déclare un changement de situation",
        "RUE NATIONALE",
        "Étape 1 sur 5",
    ):
        assert texte in etape, texte
    vide = await site.post(page, {"telephone": ""}, page=page)
    assert vide.status_code == 422 and 'id="telephone"' in vide.text and 'aria-invalid="true"' in vide.text
    refuse = await site.post(page, {"telephone": "00123", "mineur_emancipe": "oui"}, page=page)
    assert "Numéro refusé." in refuse.text and 'value="00123"' in refuse.text
    ok = await site.post(page, {"telephone": "0612345678"}, page=page)
    assert ok.headers["location"] == f"/demande/{dossier_id}/etape/2"


async def test_step_2_placed_after_16_opens_the_dialog_and_keeps_the_answers(site: Site) -> None:
    dossier_id = await commencer(site)
    await site.post(f"/demande/{dossier_id}/etape/1", {"telephone": "0612345678"}, page="/espace/demande")
    page = f"/demande/{dossier_id}/etape/2"
    saisie = {
        "ase_jour": "1",
        "ase_mois": "1",
        "ase_annee": "2024",
        "situation_familiale": "celibataire",
        "enfants_a_charge": "non",
        "attestation_non_polygamie": "oui",
        "attestation_sanctions_penales": "oui",
    }
    refus = html.unescape((await site.post(page, saisie, page=page)).text)
    assert "Demandeur non éligible" in refus and "Modifier ma saisie" in refus and "<dialog open" in refus
    assert 'value="celibataire" selected' in refus and 'value="2024"' in refus
    ok = await site.post(page, {**saisie, "ase_annee": "2019"}, page=page)
    assert ok.headers["location"] == f"/demande/{dossier_id}/etape/3"


async def etape_3(site: Site) -> str:
    dossier_id = await commencer(site)
    await site.post(f"/demande/{dossier_id}/etape/1", {"telephone": "0612345678"}, page="/espace/demande")
    saisie = {
        "ase_jour": "1",
        "ase_mois": "1",
        "ase_annee": "2019",
        "situation_familiale": "celibataire",
        "enfants_a_charge": "non",
        "attestation_non_polygamie": "oui",
        "attestation_sanctions_penales": "oui",
    }
    await site.post(f"/demande/{dossier_id}/etape/2", saisie, page="/espace/demande")
    return dossier_id


async def test_step_3_refuses_a_file_with_the_documents_message_and_keeps_the_ephoto(site: Site) -> None:
    dossier_id = await etape_3(site)
    url = f"/demande/{dossier_id}/justificatifs"
    page = html.unescape((await site.http.get(url)).text)
    assert "Taille maximale : 10 Mo par fichier" in page and "Joindre un document" in page
    jeton = await site.csrf(url)
    data = {
        "csrf_token": jeton,
        "ephoto": "1234567890123456789012",
        "action": "joindre:justificatif-nationalite",
    }
    refus = await site.http.post(
        url, data=data, files={"fichiers_justificatif-nationalite": ("note.txt", b"texte", "text/plain")}
    )
    assert refus.status_code == 422
    assert "n'est pas dans un format accepté" in html.unescape(refus.text)
    assert (
        'value="1234567890123456789012"' in refus.text
        and site.justificatifs.ephoto == "1234567890123456789012"
    )
    trop_gros = b"\x89PNG" + b"0" * TAILLE_MAX_FICHIER
    gros = await site.http.post(
        url, data=data, files={"fichiers_justificatif-nationalite": ("gros.png", trop_gros, "image/png")}
    )
    assert (
        "dépasse la taille maximale de 10 Mo" in html.unescape(gros.text)
        and site.justificatifs.fichiers == {}
    )
    ok = await site.http.post(
        url, data=data, files={"fichiers_justificatif-nationalite": ("passeport.png", PNG, "image/png")}
    )
    assert ok.status_code == 303
    [joint] = site.justificatifs.fichiers["justificatif-nationalite"]
    assert "Supprimer" in (await site.http.get(url)).text
    await site.http.post(
        url, data={**data, "ephoto_enregistre": "1234567890123456789012", "action": f"supprimer:{joint.id}"}
    )
    assert site.justificatifs.fichiers["justificatif-nationalite"] == []
    suite = await site.http.post(
        url, data={**data, "ephoto_enregistre": "1234567890123456789012", "action": "poursuivre"}
    )
    assert suite.headers["location"] == f"/demande/{dossier_id}/etape/4"


async def test_step_3_has_one_home_proof_with_the_guides_three_lists(site: Site) -> None:
    dossier_id = await etape_3(site)
    url = f"/demande/{dossier_id}/justificatifs"
    page = html.unescape((await site.http.get(url)).text)
    domicile = page.split('id="piece-justificatif-domicile"', 1)[1].split('id="piece-', 1)[0]
    assert page.count("Justificatif de domicile datant de moins de 6 mois") == 3  # title, 2 hidden labels
    assert "DOMICILIATION" in page
    for texte in [
        "Justificatif de domicile datant de moins de 6 mois *",
        "Veuillez joindre un des justificatifs de domicile suivants :",
        "Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
        "ou une copie d'une quittance de loyer ou de taxe d'habitation.",
        "Si hébergement à l'hôtel :",
        "Une copie de la facture du dernier mois.",
        "Si hébergement chez un particulier :",
        "Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité "
        "n'est plus à jour.",
    ]:
        assert texte in domicile, texte
    assert domicile.count('type="file"') == 1  # one upload for the three lists
    assert "hotel" not in page and 'particulier"' not in page  # no housing question, no variant piece
    assert "Insertion dans la société française" not in page  # Annexe 1 only
    data = {"csrf_token": await site.csrf(url), "action": "joindre:justificatif-domicile"}
    joint = await site.http.post(
        url, data=data, files={"fichiers_justificatif-domicile": ("facture.png", PNG, "image/png")}
    )
    assert joint.status_code == 303 and joint.headers["location"].endswith("#piece-justificatif-domicile")
    assert [f.nom_fichier for f in site.justificatifs.fichiers["justificatif-domicile"]] == ["facture.png"]


async def test_deposit_once_then_wait_for_the_number_and_the_pdf(site: Site) -> None:
    dossier_id = await etape_3(site)
    await site.demandes.enregistrer(
        f"demandeur:{FICHE.id}",
        dossier_id,
        EtapeJustificatifs(),
    )
    page = f"/demande/{dossier_id}/etape/4"
    resume = html.unescape((await site.http.get(page)).text)
    assert "Observations à destination de l'administration" in resume and "Déposer la demande" in resume
    assert "0612345678" in resume and "Célibataire" in resume
    for _ in range(2):  # a double click deposits once
        response = await site.post(
            f"/demande/{dossier_id}/depot", {"observations": "Nom d'usage changé."}, page="/"
        )
        assert response.headers["location"] == f"/demande/{dossier_id}/confirmation"
    assert site.demandes.dossiers[dossier_id].observations == "Nom d'usage changé."
    attente = html.unescape((await site.http.get(f"/demande/{dossier_id}/confirmation")).text)
    assert (
        "en cours d'enregistrement" in attente and "actualiser la page" in attente and "attente.js" in attente
    )
    assert (await site.http.get(f"/demande/{dossier_id}/confirmation/etat")).json() == {"pret": False}
    site.demandes._maj(site.demandes.dossiers[dossier_id], numero_demande="5901202405020000001")
    site.justificatifs.generer_confirmation(dossier_id)
    assert (await site.http.get(f"/demande/{dossier_id}/confirmation/etat")).json() == {"pret": True}
    pret = html.unescape((await site.http.get(f"/demande/{dossier_id}/confirmation")).text)
    assert "5901202405020000001" in pret and "Un email de confirmation vous est envoyé" in pret
    pdf = await site.http.get(f"/demande/{dossier_id}/documents/g1")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    assert (await site.http.get("/static/gateway/attente.js")).status_code == 200


async def test_abandon_asks_for_confirmation(site: Site) -> None:
    dossier_id = await commencer(site)
    confirmer = html.unescape((await site.http.get(f"/demande/{dossier_id}/abandon")).text)
    assert "Voulez-vous vraiment abandonner votre demande ?" in confirmer
    done = await site.post(f"/demande/{dossier_id}/abandon", {}, page="/espace/demande")
    assert "Votre demande a été abandonnée." in html.unescape(done.text)
    assert (await site.http.get(f"/demande/{dossier_id}")).headers["location"] == "/espace/demande"
