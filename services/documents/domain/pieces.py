"""The catalogue's content: each piece of the seed's step 3, its help text and when it is required.

The seed marks « Justificatif de nationalité » required (« * ») only for the emancipated minor.
The home proof is one piece with the guide's three lists (own home, hotel, private host) and one
upload. « Insertion dans la société française » appears only in Annexe 1: step 3 does not offer it,
but an agent may ask for it in a complement round.
"""

from __future__ import annotations

from contracts.documents import Cas, ListeAide, NaturePiece, PieceCode
from services.documents.domain.catalogue import (
    DOMICILIATION,
    ETAT_CIVIL,
    MOTIF_DE_SEJOUR,
    Catalogue,
    DefinitionPiece,
    jamais,
    pour_cas,
)

LE_JUSTIFICATIF = "Veuillez joindre le justificatif suivant :"
UN_JUSTIFICATIF_DE_DOMICILE = "Veuillez joindre un des justificatifs de domicile suivants :"


DOMICILE = DefinitionPiece(
    code=PieceCode.JUSTIFICATIF_DOMICILE,
    rubrique=DOMICILIATION,
    aide=(UN_JUSTIFICATIF_DE_DOMICILE,),
    elements=(
        "Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
        "ou une copie du bail de location ;",
        "ou une copie d'une quittance de loyer ou de taxe d'habitation.",
    ),
    autres_listes=(
        ListeAide(
            titre="Si hébergement à l'hôtel :",
            aide=[UN_JUSTIFICATIF_DE_DOMICILE],
            elements=["Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."],
        ),
        ListeAide(
            titre="Si hébergement chez un particulier :",
            aide=[UN_JUSTIFICATIF_DE_DOMICILE],
            elements=[
                "Une attestation de l'hébergeant datée et signée ;",
                "Une copie de sa Carte Nationale d'Identité ou de sa carte de séjour ;",
                "Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte "
                "d'identité n'est plus à jour.",
            ],
        ),
    ),
)


CATALOGUE = Catalogue(
    (
        DefinitionPiece(
            code=PieceCode.PHOTOGRAPHIE_IDENTITE,
            rubrique=ETAT_CIVIL,
            nature=NaturePiece.NUMERO_EPHOTO,
            aide=(
                "Si vous disposez d'une photo et d'une signature numériques, veuillez renseigner "
                "ci-dessous le numéro ephoto figurant sur votre planche de photos d'identité. Si vous ne "
                "disposez pas encore de ephoto, vous pouvez localiser un service photo et signature "
                "numériques en suivant ce lien.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_NATIONALITE,
            rubrique=ETAT_CIVIL,
            obligatoire=pour_cas(Cas.MINEUR_EMANCIPE),
            condition="Obligatoire pour un usager mineur émancipé",
            aide=("Veuillez joindre un des justificatifs suivants :",),
            elements=(
                "Passeport ;",
                "ou carte nationale d'identité ;",
                "ou certificat de nationalité de moins de 6 mois.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.ACCORD_REPRESENTANT_LEGAL,
            rubrique=ETAT_CIVIL,
            proposee=pour_cas(Cas.MINEUR),
            condition="Usager mineur non émancipé",
            aide=(LE_JUSTIFICATIF,),
            elements=("Accord des parents / représentant légal / mandataire...",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_IDENTITE,
            rubrique=ETAT_CIVIL,
            proposee=pour_cas(Cas.MINEUR_EMANCIPE),
            condition="Usager mineur émancipé",
            aide=("Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_EMANCIPATION,
            rubrique=ETAT_CIVIL,
            proposee=pour_cas(Cas.MINEUR_EMANCIPE),
            condition="Usager mineur émancipé",
            aide=(LE_JUSTIFICATIF,),
            elements=("Décision du juge des tutelles ou un acte de mariage",),
        ),
        DOMICILE,
        DefinitionPiece(
            code=PieceCode.DECISION_PLACEMENT_ASE,
            rubrique=MOTIF_DE_SEJOUR,
            aide=("Justifiant que l'enfant est confié au service de l'aide sociale à l'enfance.",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIFS_ACTIVITE,
            rubrique=MOTIF_DE_SEJOUR,
            aide=(
                "Veuillez joindre tout document justifiant de l'activité professionnelle salariée ou de "
                "la formation professionnelle.",
                "Exemples : inscription dans un établissement scolaire, contrat de travail ou "
                "d'apprentissage, attestation du responsable du centre de formation... Si vous suivez une "
                "formation professionnelle veuillez joindre également les justificatifs du caractère réel "
                "et sérieux du suivi de la formation (relevé de notes, attestation d'assiduité)",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.LIENS_FAMILIAUX,
            rubrique=MOTIF_DE_SEJOUR,
            aide=(
                "Tout document probant, y compris actes de décès des membres de la famille à l'étranger, "
                "perte de l'autorité parentale des parents restés sur place, etc.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.INSERTION,
            rubrique=MOTIF_DE_SEJOUR,
            obligatoire=jamais,
            proposee=jamais,
            aide=("Veuillez joindre une attestation de la structure d'accueil (foyer ou famille d'accueil)",),
        ),
    )
)
