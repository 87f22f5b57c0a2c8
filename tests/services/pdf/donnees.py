"""Test data: the seed's applicant SEPT ETRANGER, her process variables and an Annexe 1."""

from __future__ import annotations

from typing import Any

from contracts.documents import AnnexePieces, ElementAnnexe, SectionAnnexe

NUMERO_DEMANDE = "5901202308180000190"
NUMERO_ETRANGER = "5903007178"

SEPT_ETRANGER: dict[str, Any] = {
    "nom": "Etranger",
    "nomUsage": "INC",
    "prenoms": "Sept",
    "sexe": "F",
    "dateNaissance": "2006-07-01",
    "paysNaissance": "Brésil",
    "lieuNaissance": "Brasilia",
    "nationalite": "Brésilienne",
    "numeroEtranger": NUMERO_ETRANGER,
    "courriel": "septetranger@yopmail.com",
    "adresse": "20 RUE NATIONALE 59000 LILLE FRANCE",
}

MOTIF_REFUS = (
    "Vous ne justifiez pas du caractère réel et sérieux du suivi de votre formation.\n"
    "Les attestations d'assiduité fournies font état de nombreuses absences injustifiées."
)


# What « Fixer les délais de la procédure » sets at the start of the model.
DELAIS_DU_MODELE = {
    "reponseComplements": "P30D",
    "notificationReputeeLue": "P15D",
    "validiteProlongation": "P3M",
    "alerteRejetImplicite": "P4M",
}


def variables_processus(**autres: Any) -> dict[str, Any]:
    """Every variable a job of the process receives, as the seed's deposit of 18/08/2023 set them."""
    return {
        "dossierId": "dos-0190",
        "demandeurId": "cpt-7",
        "correlationId": "c0ffee",
        "numeroDemande": NUMERO_DEMANDE,
        "dateDepot": "2023-08-18T09:41:07+02:00",
        "cas": "mineur_emancipe",
        "prefecture": "prefecture-59",
        "dateFinValiditeTitre": "2023-09-11",
        "demandeur": dict(SEPT_ETRANGER),
        "decision": "defavorable",
        "motifDecision": MOTIF_REFUS,
        "dateDecision": "2023-09-12",
        # the input mappings of « Générer l'attestation de décision favorable »
        "mention": "Vie privée et familiale",
        "dureeCarteAnnees": 4,
        "montantTaxe": 225,
        "delais": dict(DELAIS_DU_MODELE),
        **autres,
    }


def annexe() -> AnnexePieces:
    """An Annexe 1 in the seed's words (the documents service owns the real one)."""
    personnelles = [
        ElementAnnexe(
            titre="Justificatif de nationalité",
            aide=["Veuillez joindre un des justificatifs suivants :"],
            elements=[
                "Passeport ;",
                "ou attestation consulaire ;",
                "ou carte d'identité ;",
                "ou carte consulaire.",
            ],
        ),
        ElementAnnexe(
            titre="Photographie d'identité récente - Numéro EPhoto",
            aide=[
                "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner le numéro "
                "ephoto figurant sur votre planche de photos d'identité."
            ],
        ),
    ]
    domicile = [
        ElementAnnexe(
            titre="Justificatif de domicile datant de moins de 6 mois :",
            aide=["Veuillez joindre un des justificatifs de domicile suivant :"],
            elements=[
                "Facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
                "ou copie du bail de location ;",
            ],
        ),
        ElementAnnexe(
            titre="Si hébergement à l'hôtel :",
            aide=["Veuillez joindre les justificatifs de domicile suivants :"],
            elements=["Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."],
        ),
    ]
    motif = [
        ElementAnnexe(
            titre="Décision de placement par l'autorité judiciaire au service de l'Aide Sociale à l'Enfance (ASE)",
            aide=["Justifiant que l'enfant est confié au service de l'aide sociale à l'enfance."],
        ),
        ElementAnnexe(
            titre="Insertion dans la société française",
            aide=["Veuillez joindre une attestation de la structure d'accueil (foyer ou famille d'accueil)"],
        ),
    ]
    return AnnexePieces(
        titre="DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER CONFIE(E) À L'AIDE SOCIALE À L'ENFANCE (ASE)",
        sous_titre="Liste des documents justificatifs à fournir",
        introduction=[
            "Vous pouvez consulter la liste des traducteurs agréés en suivant ce lien : "
            "https://www.service-public.fr/particuliers/vosdroits/F12956",
            "Vous devez respecter les formats suivants : .jpg, .pdf, .png, .bmp, .tiff et ne pas dépasser 10Mo "
            "par fichier.",
        ],
        sections=[
            SectionAnnexe(titre="INFORMATIONS PERSONNELLES", pieces=personnelles),
            SectionAnnexe(titre="DOMICILE", pieces=domicile),
            SectionAnnexe(titre="MOTIF DE SÉJOUR", pieces=motif, nouvelle_page=True),
        ],
    )
