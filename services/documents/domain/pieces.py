"""The catalogue's content: each piece of the seed's step 3, its help text and when it is required.

The seed marks « Justificatif de nationalité » required (« * ») only for the emancipated minor;
« Insertion dans la société française » appears only in Annexe 1, without being required.
"""

from __future__ import annotations

from contracts.documents import LIBELLES_PIECES, Cas, Hebergement, NaturePiece, PieceCode
from services.documents.domain.catalogue import (
    DOMICILIATION,
    ETAT_CIVIL,
    MOTIF_DE_SEJOUR,
    Catalogue,
    DefinitionPiece,
    jamais,
    pour_cas,
    si_hebergement,
    toujours,
)

CATALOGUE = Catalogue(
    (
        DefinitionPiece(
            code=PieceCode.PHOTOGRAPHIE_IDENTITE,
            libelle=LIBELLES_PIECES[PieceCode.PHOTOGRAPHIE_IDENTITE],
            rubrique=ETAT_CIVIL,
            obligatoire=toujours,
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
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_NATIONALITE],
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
            libelle=LIBELLES_PIECES[PieceCode.ACCORD_REPRESENTANT_LEGAL],
            rubrique=ETAT_CIVIL,
            obligatoire=toujours,
            proposee=pour_cas(Cas.MINEUR),
            condition="Usager mineur non émancipé",
            aide=("Veuillez joindre le justificatif suivant :",),
            elements=("Accord des parents / représentant légal / mandataire...",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_IDENTITE,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_IDENTITE],
            rubrique=ETAT_CIVIL,
            obligatoire=toujours,
            proposee=pour_cas(Cas.MINEUR_EMANCIPE),
            condition="Usager mineur émancipé",
            aide=("Extrait d'acte de naissance avec filiation ou copie intégrale de l'acte de naissance",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_EMANCIPATION,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_EMANCIPATION],
            rubrique=ETAT_CIVIL,
            obligatoire=toujours,
            proposee=pour_cas(Cas.MINEUR_EMANCIPE),
            condition="Usager mineur émancipé",
            aide=("Veuillez joindre le justificatif suivant :",),
            elements=("Décision du juge des tutelles ou un acte de mariage",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_DOMICILE,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_DOMICILE],
            rubrique=DOMICILIATION,
            obligatoire=toujours,
            proposee=si_hebergement(Hebergement.PERSONNEL),
            condition="Si vous êtes logé(e) à votre domicile",
            aide=("Veuillez joindre un des justificatifs de domicile suivants :",),
            elements=(
                "Une facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
                "ou une copie du bail de location ;",
                "ou une copie d'une quittance de loyer ou de taxe d'habitation.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_DOMICILE_HOTEL,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_DOMICILE_HOTEL],
            rubrique=DOMICILIATION,
            variante="Si hébergement à l'hôtel :",
            obligatoire=toujours,
            proposee=si_hebergement(Hebergement.HOTEL),
            condition="Si hébergement à l'hôtel",
            aide=("Veuillez joindre un des justificatifs de domicile suivants :",),
            elements=("Une attestation de l'hôtelier ;", "Une copie de la facture du dernier mois."),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIF_DOMICILE_PARTICULIER,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIF_DOMICILE_PARTICULIER],
            rubrique=DOMICILIATION,
            variante="Si hébergement chez un particulier :",
            obligatoire=toujours,
            proposee=si_hebergement(Hebergement.PARTICULIER),
            condition="Si hébergement chez un particulier",
            aide=("Veuillez joindre un des justificatifs de domicile suivants :",),
            elements=(
                "Une attestation de l'hébergeant datée et signée ;",
                "Une copie de sa Carte Nationale d'Identité ou de sa carte de séjour ;",
                "Un justificatif de domicile de l'hébergeant si l'adresse inscrite sur sa carte "
                "d'identité n'est plus à jour.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.DECISION_PLACEMENT_ASE,
            libelle=LIBELLES_PIECES[PieceCode.DECISION_PLACEMENT_ASE],
            rubrique=MOTIF_DE_SEJOUR,
            obligatoire=toujours,
            aide=("Justifiant que l'enfant est confié au service de l'aide sociale à l'enfance.",),
        ),
        DefinitionPiece(
            code=PieceCode.JUSTIFICATIFS_ACTIVITE,
            libelle=LIBELLES_PIECES[PieceCode.JUSTIFICATIFS_ACTIVITE],
            rubrique=MOTIF_DE_SEJOUR,
            obligatoire=toujours,
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
            libelle=LIBELLES_PIECES[PieceCode.LIENS_FAMILIAUX],
            rubrique=MOTIF_DE_SEJOUR,
            obligatoire=toujours,
            aide=(
                "Tout document probant, y compris actes de décès des membres de la famille à l'étranger, "
                "perte de l'autorité parentale des parents restés sur place, etc.",
            ),
        ),
        DefinitionPiece(
            code=PieceCode.INSERTION,
            libelle=LIBELLES_PIECES[PieceCode.INSERTION],
            rubrique=MOTIF_DE_SEJOUR,
            obligatoire=jamais,
            aide=("Veuillez joindre une attestation de la structure d'accueil (foyer ou famille d'accueil)",),
        ),
    )
)
