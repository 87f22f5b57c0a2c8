"""Each template rendered to PDF, read back with pdftotext and drawn with pdftoppm."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from services.pdf.adapters.rendu_pdf import WeasyPrintRendu
from services.pdf.domain.documents import preparer_document
from tests.services.pdf.donnees import NUMERO_DEMANDE, NUMERO_ETRANGER, annexe, variables_processus
from tests.services.pdf.outils_pdf import pages_png, texte

pytestmark = pytest.mark.integration
AUJOURDHUI = date(2023, 9, 12)

EN_TETE = ["MINISTÈRE DE L'INTÉRIEUR ET DES OUTRE-MER", "Liberté Égalité Fraternité", "Étrangers en France"]
IDENTITE = [
    "Nom de naissance : ETRANGER",
    "Nom d'usage : INC",
    "Prénom : SEPT",
    "Né(e) le : 01/07/2006",
    "À : BRASILIA, BRÉSIL",
    "Nationalité : BRÉSILIENNE",
    "Adresse : 20 RUE NATIONALE",  # the rest of the address wraps: checked in the running text
]
REFERENCES = [
    "VOS RÉFÉRENCES :",
    f"Identifiant (N° étranger) : {NUMERO_ETRANGER}",
    f"N° de la demande : {NUMERO_DEMANDE}",
]


def rendre(rendu: WeasyPrintRendu, modele: str, variables: dict[str, object]) -> bytes:
    return rendu.rendre_pdf(preparer_document(modele, variables, aujourdhui=AUJOURDHUI))


def lignes(pdf: bytes, dossier: Path) -> str:
    """The text line by line as laid out (label and value side by side), spacing normalised."""
    return "\n".join(espaces(ligne) for ligne in texte(pdf, dossier, disposition=True).splitlines())


def espaces(ligne: str) -> str:
    """Runs of spaces collapsed, one space each side of a colon (pdftotext may glue "À" and ":")."""
    return re.sub(r"\s*:\s*", " : ", " ".join(ligne.split()))


def verifier_textes(pdf: bytes, dossier: Path, attendus: list[str], *, par_ligne: list[str]) -> None:
    contenu, disposition = texte(pdf, dossier), lignes(pdf, dossier)
    assert "20 RUE NATIONALE 59000 LILLE FRANCE" in contenu
    for attendu in attendus:
        assert attendu in contenu, attendu
    for attendu in par_ligne:
        assert espaces(attendu) in disposition, attendu


def test_confirmation_de_depot(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "confirmation-depot", variables_processus())
    verifier_textes(
        pdf,
        tmp_path,
        [
            *EN_TETE,
            "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
            "Le 18/08/2023, vous avez déposé avec succès une demande de titre de séjour qui sera examinée "
            "par la préfecture compétente.",
            "Ce document constitue la preuve de dépôt de votre demande.",
            "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de droits "
            "associés à un séjour régulier.",
            "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
            "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un courrier "
            "électronique vous invitant à vous connecter à votre espace personnel.",
        ],
        par_ligne=[*REFERENCES, "DATE D'ÉMISSION : 18/08/2023", *IDENTITE],
    )


def test_attestation_de_prolongation_d_instruction(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "attestation-prolongation", variables_processus())
    verifier_textes(
        pdf,
        tmp_path,
        [
            *EN_TETE,
            "ATTESTATION DE PROLONGATION D'INSTRUCTION D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
            "La demande de titre de séjour que vous avez déposée le 18/08/2023 est toujours en cours d'instruction.",
            "Cette attestation vous est délivrée pour autoriser votre présence en France entre le 12/09/2023 "
            "et le 11/12/2023.",
            "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est arrivé "
            "à expiration.",
            "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre de séjour "
            "précédemment détenu.",
            "Elle ne permet pas l'ouverture de droits nouveaux.",
            "Ce document autorise le franchissement des frontières de l'espace Schengen.",
        ],
        par_ligne=[*REFERENCES, "Validité : du 12/09/2023 au 11/12/2023", *IDENTITE],
    )


def test_attestation_de_decision_favorable(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "attestation-decision-favorable", variables_processus(decision="favorable"))
    verifier_textes(
        pdf,
        tmp_path,
        [
            *EN_TETE,
            "ATTESTATION DE DÉCISION FAVORABLE SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
            "Le 12/09/2023, une décision favorable a été prise à la suite de votre demande d'admission au séjour.",
            "Une carte de séjour pluriannuelle, valable du 13/09/2023 au 12/09/2027 portant la mention Vie "
            "privée et familiale va vous être délivré(e). Ce document est actuellement en cours de fabrication.",
            "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre précédemment détenu.",
            "Ce document autorise le franchissement des frontières de l'espace Schengen.",
            "Vous devrez à cette occasion vous acquitter de 225 € correspondant au montant des taxes que vous "
            "réglerez par timbre électronique",
        ],
        par_ligne=[*REFERENCES, "DATE D'ÉMISSION : 12/09/2023", *IDENTITE],
    )


def test_decision_de_refus_is_motivated_and_states_the_means_of_appeal(
    rendu: WeasyPrintRendu, tmp_path: Path
) -> None:
    pdf = rendre(rendu, "decision-refus", variables_processus(dateDecision="2023-12-04"))
    verifier_textes(
        pdf,
        tmp_path,
        [
            *EN_TETE,
            "DÉCISION DE REFUS SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
            "Le 04/12/2023, le préfet du Nord a refusé le renouvellement du titre de séjour portant la mention "
            "« Vie privée et familiale » que vous avez demandé le 18/08/2023.",
            "MOTIFS DE LA DÉCISION",
            "Vous ne justifiez pas du caractère réel et sérieux du suivi de votre formation.",
            "Les attestations d'assiduité fournies font état de nombreuses absences injustifiées.",
            "VOIES ET DÉLAIS DE RECOURS",
            "dans un délai de deux mois à compter de sa notification",
            "former un recours gracieux, adressé au préfet du Nord",
            "former un recours hiérarchique, adressé au ministre de l'Intérieur et des Outre-mer",
            "former un recours contentieux devant le tribunal administratif territorialement compétent",
            "www.telerecours.fr",
            "Pour le préfet du Nord et par délégation.",
        ],
        par_ligne=[*REFERENCES, "DATE D'ÉMISSION : 04/12/2023", *IDENTITE],
    )


def test_liste_des_pieces_is_the_guides_annexe_1(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "liste-pieces", {"annexe": annexe()})
    lecteur = PdfReader(io.BytesIO(pdf))
    assert len(lecteur.pages) == 2  # « MOTIF DE SÉJOUR » opens page 2, as in the guide
    premiere, seconde = (page.extract_text() for page in lecteur.pages)
    for page in (premiere, seconde):  # the header of every page
        assert "DIRECTION DES ÉTRANGERS EN FRANCE" in page and "DIRECTION GÉNÉRALE" not in page
        assert "L'Europe se mobilise" in page
    assert "DOMICILE" in premiere and "MOTIF DE SÉJOUR" not in premiere
    assert "Insertion dans la société française" in seconde
    contenu = texte(pdf, tmp_path)
    for attendu in [
        *EN_TETE,
        "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE",
        "Liste des documents justificatifs à fournir",
        "INFORMATIONS PERSONNELLES",
        "Si hébergement à l'hôtel :",
        "• ou attestation consulaire ;",
    ]:
        assert attendu in contenu, attendu
    assert "CAS " not in contenu  # one list for everybody
    liens = [a["/A"]["/URI"] for page in lecteur.pages for a in page.get("/Annots", [])]
    assert "https://www.service-public.fr/particuliers/vosdroits/F12956" in [str(lien) for lien in liens]


def test_text_from_the_process_is_escaped(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "decision-refus", variables_processus(motifDecision="<b>Motif</b> & suite"))
    assert "<b>Motif</b> & suite" in texte(pdf, tmp_path)


@pytest.mark.parametrize(
    "modele",
    ["confirmation-depot", "attestation-prolongation", "attestation-decision-favorable", "decision-refus"],
)
def test_documents_are_accessible_a4_pdfs_with_embedded_fonts(
    rendu: WeasyPrintRendu, tmp_path: Path, modele: str
) -> None:
    pdf = rendre(rendu, modele, variables_processus())
    lecteur = PdfReader(io.BytesIO(pdf))
    catalogue = lecteur.trailer["/Root"]
    assert catalogue["/Lang"] == "fr"
    assert catalogue["/MarkInfo"]["/Marked"]  # tagged PDF (PDF/UA-1)
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"]
    assert lecteur.metadata is not None and "renouvellement de titre de séjour" in (
        lecteur.metadata.title or ""
    )
    assert len(lecteur.pages) == 1
    largeur, hauteur = (float(v) for v in lecteur.pages[0].mediabox.upper_right)
    assert (round(largeur * 25.4 / 72), round(hauteur * 25.4 / 72)) == (210, 297)
    polices = [
        police.get_object() for page in lecteur.pages for police in page["/Resources"]["/Font"].values()
    ]
    assert polices and all("/DescendantFonts" in p for p in polices)
    descripteurs = [p["/DescendantFonts"][0].get_object()["/FontDescriptor"] for p in polices]
    assert all("/FontFile2" in d for d in descripteurs)  # embedded TrueType subsets


def test_pages_are_drawn_as_images(rendu: WeasyPrintRendu, tmp_path: Path) -> None:
    pdf = rendre(rendu, "liste-pieces", {"annexe": annexe()})
    pages = pages_png(pdf, tmp_path, "liste-pieces")
    assert pages
    with Image.open(pages[0]) as image:
        largeur, hauteur = image.size
        assert abs(hauteur / largeur - 297 / 210) < 0.01
        assert image.convert("L").getextrema()[0] < 50  # something dark is printed on it
