"""In-memory stand-ins of the dossier and documents services, answering as their APIs do."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from contracts.clients.base import Conflict, NotFound, RequestRefused
from contracts.documents import (
    Cas,
    DocumentGenere,
    FichierPiece,
    NumeroEphoto,
    PieceCatalogue,
    PieceCode,
    PieceDossier,
    PiecesDossier,
    StatutFichier,
)
from contracts.dossier import (
    HORS_PROCEDURE_TITRE,
    LIBELLES_STATUT,
    MESSAGE_NON_ELIGIBLE,
    TITRE_NON_ELIGIBLE,
    ChangementStatut,
    DossierComplet,
    DossierResume,
    DossierVue,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
    HistoriqueStatuts,
    MotifSejour,
    PourQui,
    ReponsePieceComplement,
    RondeComplementsVue,
    Statut,
    titre_renouvelable,
)
from contracts.process import Modele
from services.documents.domain.catalogue import Situation
from services.documents.domain.pieces import CATALOGUE
from services.gateway.domain.ports import Fichier, SaisieEtape
from tests.services.gateway.fakes import FICHE, FakeComptes

if TYPE_CHECKING:
    from tests.services.gateway.fakes_complements import FakeRondes

MOMENT = datetime(2024, 5, 2, 9, tzinfo=UTC)


def catalogue_du_cas(cas: Cas) -> list[PieceCatalogue]:
    """The documents service's own catalogue: step 3 shows the guide's pieces, worded as the guide."""
    return CATALOGUE.pour(Situation(cas))


class FakeDemandes:
    complements: FakeRondes  # the complement rounds (conftest)

    def __init__(self) -> None:
        self.dossiers: dict[str, DossierVue] = {}
        self.acteurs: list[str] = []
        self.depots = 0
        self.historiques: dict[str, list[ChangementStatut]] = {}
        self.comptes: FakeComptes | None = None  # identity's fake: the register's fiche

    def _du(self, acteur: str, dossier_id: str) -> DossierVue:
        self.acteurs.append(acteur)
        dossier = self.dossiers.get(dossier_id)
        if dossier is None or f"demandeur:{dossier.demandeur_id}" != acteur:
            raise NotFound(404, "Dossier introuvable.")
        return dossier

    def _maj(self, dossier: DossierVue, **changes: object) -> DossierVue:
        self.dossiers[dossier.id] = dossier.model_copy(update=changes)
        statut = self.dossiers[dossier.id].statut
        if statut is not dossier.statut:
            self.historiques.setdefault(dossier.id, []).append(
                ChangementStatut(statut=statut, libelle=LIBELLES_STATUT[statut], date=MOMENT)
            )
        return self.dossiers[dossier.id]

    def passer_a(self, dossier_id: str, statut: Statut) -> None:
        """What the process does (instruction, complement round, decision…)."""
        self._maj(self.dossiers[dossier_id], statut=statut, libelle_statut=LIBELLES_STATUT[statut])

    async def commencer(self, acteur: str, pour: PourQui) -> DossierVue:
        """As the dossier does: the register's fiche (identity's fake), checked for this procedure."""
        fiche = self.comptes.fiche if self.comptes is not None else FICHE
        if pour is not PourQui.MOI_MEME or not titre_renouvelable(fiche.titre_en_cours):
            raise RequestRefused(403, HORS_PROCEDURE_TITRE)
        for dossier in self.dossiers.values():
            if dossier.demandeur_id == fiche.id and dossier.statut is Statut.BROUILLON:
                return dossier
        dossier = DossierVue(
            id=f"d{len(self.dossiers) + 1}",
            demandeur_id=fiche.id,
            statut=Statut.BROUILLON,
            libelle_statut="Demande en cours de saisie",
            cas=None,
            derniere_etape=0,
            etat_civil=fiche.etat_civil,
            numero_etranger=fiche.numero_etranger,
            courriel=fiche.courriel,
            titre_en_cours=fiche.titre_en_cours,
            mineur_emancipe=False,
            adresse=fiche.adresse,
            telephone=None,
            motif_sejour=None,
            observations=None,
            prefecture=fiche.prefecture,
            numero_demande=None,
            date_depot=None,
            depose_le=None,
            desistement_le=None,
            decision=None,
            alertes=[],
            cree_le=MOMENT,
            modifie_le=MOMENT,
        )
        self.dossiers[dossier.id] = dossier
        return dossier

    async def mes_dossiers(self, acteur: str) -> list[DossierResume]:
        return [
            DossierResume(
                id=d.id,
                statut=d.statut,
                libelle_statut=d.libelle_statut,
                cas=d.cas,
                prefecture=d.prefecture,
                numero_demande=d.numero_demande,
                date_depot=d.date_depot,
                nom_naissance=d.etat_civil.nom_naissance,
                prenoms=d.etat_civil.prenoms,
                alertes=[],
                modifie_le=d.modifie_le,
            )
            for d in self.dossiers.values()
            if f"demandeur:{d.demandeur_id}" == acteur
        ]

    async def dossier(self, acteur: str, dossier_id: str) -> DossierVue:
        return self._du(acteur, dossier_id)

    async def enregistrer(self, acteur: str, dossier_id: str, saisie: SaisieEtape) -> DossierVue:
        dossier = self._du(acteur, dossier_id)
        if isinstance(saisie, EtapeInformationsPersonnelles):
            if saisie.telephone.startswith("00"):
                raise RequestRefused(
                    422, "Données invalides.", [{"champ": "telephone", "message": "Numéro refusé."}]
                )
            return self._maj(
                dossier,
                telephone=saisie.telephone,
                cas=Cas.MAJEUR,
                derniere_etape=max(1, dossier.derniere_etape),
            )
        if isinstance(saisie, EtapeMotifSejour):
            if saisie.date_prise_en_charge_ase > date(2022, 7, 1):
                refus = RequestRefused(
                    422,
                    MESSAGE_NON_ELIGIBLE,
                    [{"champ": "datePriseEnChargeAse", "message": MESSAGE_NON_ELIGIBLE}],
                )
                refus.body = {"titre": TITRE_NON_ELIGIBLE}
                raise refus
            motif = MotifSejour(**saisie.model_dump())
            return self._maj(dossier, motif_sejour=motif, derniere_etape=max(2, dossier.derniere_etape))
        if isinstance(saisie, EtapeJustificatifs):
            return self._maj(dossier, derniere_etape=max(3, dossier.derniere_etape))
        return dossier

    async def abandonner(self, acteur: str, dossier_id: str) -> DossierVue:
        return self._maj(self._du(acteur, dossier_id), statut=Statut.ABANDONNEE)

    async def deposer(self, acteur: str, dossier_id: str, depot: EtapeDepot) -> DossierVue:
        dossier = self._du(acteur, dossier_id)
        self.depots += 1
        if dossier.statut is not Statut.BROUILLON:
            return dossier
        return self._maj(
            dossier,
            statut=Statut.DEPOSEE,
            libelle_statut=LIBELLES_STATUT[Statut.DEPOSEE],
            observations=depot.observations,
            depose_le=MOMENT,
            date_depot=date(2024, 5, 2),
        )

    async def historique(self, acteur: str, dossier_id: str) -> HistoriqueStatuts:
        self._du(acteur, dossier_id)
        return HistoriqueStatuts(dossier_id=dossier_id, changements=self.historiques.get(dossier_id, []))

    async def complet(self, acteur: str, dossier_id: str) -> DossierComplet:
        dossier = self._du(acteur, dossier_id)
        justificatifs = self.complements.justificatifs
        return DossierComplet(
            dossier=dossier,
            historique=self.historiques.get(dossier_id, []),
            rondes=list(self.complements.rondes.get(dossier_id, [])),
            actions=[],
            pieces=await justificatifs.pieces(acteur, dossier_id),
            documents_generes=list(justificatifs.generes),
        )

    async def se_desister(self, acteur: str, dossier_id: str) -> DossierVue:
        dossier = self._du(acteur, dossier_id)
        if dossier.statut in (Statut.ACCEPTEE, Statut.REFUSEE, Statut.TITRE_DISPONIBLE):
            raise Conflict(
                409,
                "Une décision a été prise ou la demande est clôturée : le désistement n'est plus possible.",
            )
        statut = Statut.DESISTEMENT
        return self._maj(
            dossier, statut=statut, libelle_statut=LIBELLES_STATUT[statut], desistement_le=MOMENT
        )

    async def rondes(self, acteur: str, dossier_id: str) -> list[RondeComplementsVue]:
        return await self.complements.rondes_de(acteur, dossier_id)

    async def ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        return await self.complements.ronde_de(acteur, dossier_id, numero)

    async def repondre_piece(
        self, acteur: str, dossier_id: str, numero: int, piece: str, reponse: ReponsePieceComplement
    ) -> RondeComplementsVue:
        return await self.complements.repondre(acteur, dossier_id, numero, piece, reponse)

    async def envoyer_ronde(self, acteur: str, dossier_id: str, numero: int) -> RondeComplementsVue:
        return await self.complements.envoyer(acteur, dossier_id, numero)


class FakeJustificatifs:
    def __init__(self, demandes: FakeDemandes) -> None:
        self.demandes = demandes
        self.fichiers: dict[str, list[FichierPiece]] = {}
        self.anciennes: dict[str, list[FichierPiece]] = {}
        self.ephoto: str | None = None
        self.generes: list[DocumentGenere] = []
        self.appels_catalogue = 0
        self.remplacements = 0
        self.declarations: dict[str, str] = {}  # « adresse-… » ids of the proofs of address -> owner

    def _acces(self, acteur: str, dossier_id: str, *, creer: bool = False) -> None:
        """The documents service's rule: a dossier's documents are its owner's; a declaration's
        proof (« adresse-… ») is the applicant's who sent it first."""
        if not dossier_id.startswith("adresse-"):
            self.demandes._du(acteur, dossier_id)
        elif creer:
            self.declarations.setdefault(dossier_id, acteur)
        if dossier_id.startswith("adresse-") and self.declarations.get(dossier_id) != acteur:
            raise NotFound(404, "Dossier introuvable.")

    async def catalogue(self, cas: Cas) -> list[PieceCatalogue]:
        self.appels_catalogue += 1
        return catalogue_du_cas(cas)

    async def pieces(self, acteur: str, dossier_id: str) -> PiecesDossier:
        self.demandes._du(acteur, dossier_id)
        pieces = [
            PieceDossier(
                code=PieceCode(code),
                libelle=code,
                fichiers=fichiers,
                anciennes_versions=self.anciennes.get(code, []),
            )
            for code, fichiers in self.fichiers.items()
        ]
        return PiecesDossier(dossier_id=dossier_id, scelle=False, numero_ephoto=self.ephoto, pieces=pieces)

    async def joindre(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], prefecture: str
    ) -> list[FichierPiece]:
        self._acces(acteur, dossier_id, creer=True)
        _verifier_formats(fichiers)
        deja = sum(map(len, self.fichiers.values()))
        joints = [
            _stocke(f, f"f{deja + i + 1}", dossier_id, piece, 1, 0, StatutFichier.BROUILLON)
            for i, f in enumerate(fichiers)
        ]
        self.fichiers.setdefault(piece.value, []).extend(joints)
        return joints

    async def remplacer(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], ronde: int
    ) -> list[FichierPiece]:
        """The piece's new version: the current files become an old version."""
        self.demandes._du(acteur, dossier_id)
        _verifier_formats(fichiers)
        courants = self.fichiers.get(piece.value, [])
        self.anciennes.setdefault(piece.value, []).extend(
            f.model_copy(update={"statut": StatutFichier.REMPLACE, "remplace_le": MOMENT}) for f in courants
        )
        version = max((f.version for f in [*courants, *self.anciennes[piece.value]]), default=0) + 1
        self.remplacements += 1
        nouveaux = [
            _stocke(
                f, f"r{self.remplacements}-{i + 1}", dossier_id, piece, version, ronde, StatutFichier.SCELLE
            )
            for i, f in enumerate(fichiers)
        ]
        self.fichiers[piece.value] = nouveaux
        return nouveaux

    async def retirer(self, acteur: str, dossier_id: str, fichier_id: str) -> None:
        self._acces(acteur, dossier_id)
        for code, fichiers in self.fichiers.items():
            self.fichiers[code] = [f for f in fichiers if f.id != fichier_id]

    async def definir_ephoto(
        self, acteur: str, dossier_id: str, numero: str | None, prefecture: str
    ) -> NumeroEphoto:
        self.demandes._du(acteur, dossier_id)
        if numero is not None and not (numero.isdecimal() and len(numero) == 22):
            raise RequestRefused(422, "Le numéro ephoto doit comporter exactement 22 chiffres.")
        self.ephoto = numero
        return NumeroEphoto(numero_ephoto=numero)

    async def fichier(self, acteur: str, dossier_id: str, fichier_id: str) -> Fichier:
        self._acces(acteur, dossier_id)
        tous = [f for fichiers in [*self.fichiers.values(), *self.anciennes.values()] for f in fichiers]
        trouve = next((f for f in tous if f.id == fichier_id), None)
        if trouve is None:
            raise NotFound(404, "Fichier introuvable.")
        return Fichier(trouve.nom_fichier, b"\x89PNG fichier", trouve.type_media)

    async def documents_generes(self, acteur: str, dossier_id: str) -> list[DocumentGenere]:
        self.demandes._du(acteur, dossier_id)
        return self.generes

    async def document_genere(self, acteur: str, dossier_id: str, document_id: str) -> Fichier:
        self.demandes._du(acteur, dossier_id)
        if not any(d.id == document_id for d in self.generes):
            raise NotFound(404, "Document introuvable.")
        return Fichier("confirmation-depot.pdf", b"%PDF-1.4 confirmation", "application/pdf")

    async def liste_des_pieces(self) -> Fichier:
        return Fichier("liste-des-pieces.pdf", b"%PDF-1.4 annexe 1", "application/pdf")

    def generer_confirmation(self, dossier_id: str) -> None:
        self.generes.append(
            DocumentGenere(
                id="g1",
                dossier_id=dossier_id,
                modele=Modele.CONFIRMATION_DEPOT,
                nom_fichier="confirmation-depot.pdf",
                type_media="application/pdf",
                taille=20,
                sha256="0" * 64,
                cree_le=MOMENT,
            )
        )


def _verifier_formats(fichiers: list[Fichier]) -> None:
    for fichier in fichiers:
        if not fichier.contenu.startswith((b"\x89PNG", b"%PDF")):
            raise RequestRefused(
                415,
                f"Le fichier « {fichier.nom} » n'est pas dans un format accepté : JPG, PNG, PDF, TIFF ou BMP.",
            )


def _stocke(
    fichier: Fichier,
    id_: str,
    dossier_id: str,
    piece: PieceCode,
    version: int,
    ronde: int,
    statut: StatutFichier,
) -> FichierPiece:
    return FichierPiece(
        id=id_,
        dossier_id=dossier_id,
        piece=piece,
        nom_fichier=fichier.nom,
        type_media=fichier.type_media,
        taille=len(fichier.contenu),
        sha256="0" * 64,
        version=version,
        ronde=ronde,
        statut=statut,
        depose_le=MOMENT,
    )
