"""Annexe 1 « Liste des pièces justificatives demandées », in the seed's words.

One list for everybody: the preamble offers it before the case is known. The pieces only one case
asks for at step 3 (parental consent, birth certificate, emancipation) are not in the guide's
annexe, and « Insertion dans la société française » is only there.
"""

from __future__ import annotations

from contracts.documents import AnnexePieces, ElementAnnexe, SectionAnnexe

TITRE = (
    "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER CONFIE(E) À L'AIDE SOCIALE À "
    "L'ENFANCE (ASE)"
)
SOUS_TITRE = "Liste des documents justificatifs à fournir"
INTRODUCTION = (
    "Vous devrez fournir sous forme numérique tous les documents justificatifs demandés en vous assurant "
    "de leur lisibilité, ainsi que leur traduction lorsque ceux-ci sont rédigés en langue étrangère. Vous "
    "pouvez consulter la liste des traducteurs agréés en suivant ce lien : "
    "https://www.service-public.fr/particuliers/vosdroits/F12956",
    "Vous devez respecter les formats suivants : .jpg, .pdf, .png, .bmp, .tiff et ne pas dépasser 10Mo "
    "par fichier.",
)

NATIONALITE = ElementAnnexe(
    titre="Justificatif de nationalité",
    aide=["Veuillez joindre un des justificatifs suivants :"],
    elements=["Passeport ;", "ou attestation consulaire ;", "ou carte d'identité ;", "ou carte consulaire."],
)
PHOTOGRAPHIE = ElementAnnexe(
    titre="Photographie d'identité récente - Numéro EPhoto",
    aide=[
        "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner le numéro ephoto "
        "figurant sur votre planche de photos d'identité. Si vous ne disposez pas encore de ephoto, vous "
        "pouvez localiser un service photo et signature numériques en suivant ce lien : "
        "https://permisdeconduire.ants.gouv.fr/Services-associés/Ou-faire-ma-photo-et-ma-signature-numerisee"
    ],
)
DOMICILE = SectionAnnexe(
    titre="DOMICILE",
    pieces=[
        ElementAnnexe(
            titre="Justificatif de domicile datant de moins de 6 mois :",
            aide=["Veuillez joindre un des justificatifs de domicile suivant :"],
            elements=[
                "Facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
                "ou copie du bail de location ;",
                "ou copie d'une quittance de loyer ou de taxe d'habitation.",
            ],
        ),
        ElementAnnexe(
            titre="Si hébergement à l'hôtel :",
            aide=["Veuillez joindre les justificatifs de domicile suivants :"],
            elements=["Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."],
        ),
        ElementAnnexe(
            titre="Si hébergement chez un particulier :",
            aide=["Veuillez joindre les justificatifs de domicile suivants :"],
            elements=[
                "Attestation de l'hébergeant datée et signée,",
                "copie de sa Carte Nationale d'Identité ou de sa carte de séjour,",
                "justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte d'identité ou "
                "sa carte de séjour n'est plus à jour.",
            ],
        ),
    ],
)

MOTIF_DE_SEJOUR = SectionAnnexe(
    titre="MOTIF DE SÉJOUR",
    nouvelle_page=True,
    pieces=[
        ElementAnnexe(
            titre=(
                "Décision de placement par l'autorité judiciaire au service de l'Aide Sociale à "
                "l'Enfance (ASE)"
            ),
            aide=["Justifiant que l'enfant est confié au service de l'aide sociale à l'enfance."],
        ),
        ElementAnnexe(
            titre="Justificatifs d'activité professionnelle",
            aide=[
                "Veuillez joindre tout document justifiant de l'activité professionnelle salariée ou de la "
                "formation professionnelle. Exemples : inscription dans un établissement scolaire, contrat "
                "de travail ou d'apprentissage, attestation du responsable du centre de formation...",
                "Si vous suivez une formation professionnelle veuillez joindre également les justificatifs "
                "du caractère réel et sérieux du suivi de la formation (relevé de notes, attestation "
                "d'assiduité)",
            ],
        ),
        ElementAnnexe(
            titre="Nature des liens avec la famille restée dans le pays d'origine",
            aide=[
                "Tout document probant, y compris actes de décès des membres de la famille à l'étranger, "
                "perte de l'autorité parentale des parents restés sur place, etc."
            ],
        ),
        ElementAnnexe(
            titre="Insertion dans la société française",
            aide=["Veuillez joindre une attestation de la structure d'accueil (foyer ou famille d'accueil)"],
        ),
    ],
)

INFORMATIONS_PERSONNELLES = SectionAnnexe(
    titre="INFORMATIONS PERSONNELLES", pieces=[NATIONALITE, PHOTOGRAPHIE]
)

ANNEXE = AnnexePieces(
    titre=TITRE,
    sous_titre=SOUS_TITRE,
    introduction=list(INTRODUCTION),
    sections=[INFORMATIONS_PERSONNELLES, DOMICILE, MOTIF_DE_SEJOUR],
)


def annexe() -> AnnexePieces:
    """Annexe 1, ready for the pdf service's « liste-pieces » template (a copy: callers may not
    change the one list)."""
    return ANNEXE.model_copy(deep=True)
