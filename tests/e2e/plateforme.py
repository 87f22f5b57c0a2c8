"""The running stack as the gateway, the back-office and an operator see it, for the end-to-end paths.

Only public interfaces: the services' internal HTTP APIs (with the internal token, acting as
`service:gateway` or on behalf of an applicant or an agent), the engine's REST API (user tasks by
candidate group, completion with the forms' variables, the controlled clock, incidents) and the
SMTP sink's JSON API. Every wait polls with a short interval and fails with what it waited for.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import grpc
import httpx
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from contracts.dossier import ATTESTATIONS_PAR_CAS, Cas
from contracts.identity import FicheDemandeur, SessionOuverte
from plumbing.actors import ACTOR_AUDIENCE, Actor, actor_from_token
from plumbing.clock import PARIS
from plumbing.engine_auth import BearerToken, EngineCredentials
from tests.services.documents.echantillons import pdf, png
from tests.support.stack import Stack

T = TypeVar("T")
POLL_S = 0.05
WAIT_S = 30.0
GATEWAY = Actor("service", "gateway")
EPHOTO = "1234567890123456789012"


def until(probe: Callable[[], T | None], what: str, timeout: float = WAIT_S) -> T:
    """The probe's first truthy answer; an AssertionError naming what never came."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"toujours pas au bout de {timeout:.0f} s : {what}")
        time.sleep(POLL_S)


def pdf_text(content: bytes) -> str:
    """What `pdftotext` reads in a PDF (layout kept, so that a line reads as printed)."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True, timeout=30
    )
    return " ".join(done.stdout.decode("utf-8").split())


@dataclass
class Demandeur:
    """An applicant with an open session: the actor (and its token) the gateway sends for them."""

    fiche: FicheDemandeur
    acteur: Actor

    @property
    def id(self) -> str:
        return self.fiche.id


@dataclass
class Horloge:
    """The engine's controlled clock: pinned forward only, back to real time between paths."""

    rest: httpx.Client
    pinned_ms: int | None = None

    def now_ms(self) -> int:
        return self.pinned_ms if self.pinned_ms is not None else int(time.time() * 1000)

    def pin(self, epoch_ms: int) -> None:
        assert epoch_ms >= self.now_ms(), "l'horloge du moteur ne recule pas pendant un parcours"
        response = self.rest.put("/v2/clock", json={"timestamp": epoch_ms})
        assert response.status_code == 204, response.text
        self.pinned_ms = epoch_ms

    def advance(self, delta: timedelta) -> None:
        self.pin(self.now_ms() + int(delta.total_seconds() * 1000))

    def at(self, instant: datetime) -> None:
        self.pin(int(instant.timestamp() * 1000))

    def reset(self) -> None:
        response = self.rest.post("/v2/clock/reset")
        assert response.status_code == 204, response.text
        self.pinned_ms = None


@dataclass
class Plateforme:
    stack: Stack
    clients: dict[str, httpx.Client] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("identity", "dossier", "documents", "notifier", "smtp"):
            self.clients[name] = httpx.Client(base_url=self.stack.url(name), timeout=30)
        env = self.stack.env  # the engine asks for a token: the tests' client of the test stack
        credentials = EngineCredentials(
            "tests", env["TESTS_ENGINE_CLIENT_SECRET"], env["ZEEBE_AUTHORIZATION_SERVER_URL"]
        )
        self.engine_auth = BearerToken(credentials)
        self.clients["engine"] = httpx.Client(
            base_url=self.stack.url("engine"), timeout=30, auth=self.engine_auth
        )
        self.service_tokens: dict[str, BearerToken] = {}
        self.horloge = Horloge(self.clients["engine"])

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    # -- calls --------------------------------------------------------------------------------

    def headers(self, acteur: Actor) -> dict[str, str]:
        """A visitor's actor token from their session; a service's from identity (client credentials)."""
        if not acteur.token:
            assert acteur.is_service, acteur
            if acteur.id not in self.service_tokens:
                env = self.stack.env
                secret = env[f"{acteur.id.upper()}_ENGINE_CLIENT_SECRET"]
                credentials = EngineCredentials(
                    acteur.id, secret, env["ZEEBE_AUTHORIZATION_SERVER_URL"], ACTOR_AUDIENCE
                )
                self.service_tokens[acteur.id] = BearerToken(credentials)
            return {"Authorization": f"Bearer {self.service_tokens[acteur.id].token()}"}
        return {"Authorization": f"Bearer {acteur.token}"}

    def call(
        self, service: str, method: str, path: str, acteur: Actor = GATEWAY, expect: int = 200, **kw: Any
    ) -> httpx.Response:
        headers = self.headers(acteur)
        response = self.clients[service].request(method, path, headers=headers, **kw)
        assert response.status_code == expect, (
            f"{method} {service}{path}: {response.status_code} {response.text}"
        )
        return response

    def json(self, service: str, method: str, path: str, acteur: Actor = GATEWAY, **kw: Any) -> Any:
        return self.call(service, method, path, acteur, **kw).json()

    def attendre_service(self, name: str) -> None:
        def ready() -> bool:
            try:
                return httpx.get(f"{self.stack.url(name)}/readyz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        until(ready, f"le service {name} prêt")

    # -- mails --------------------------------------------------------------------------------

    def mails(self, to: str) -> list[dict[str, Any]]:
        response = self.clients["smtp"].get("/api/mails")
        assert response.status_code == 200, response.text
        return [m for m in response.json() if to in m["a"]]

    def mail(self, to: str, subject_part: str, count: int = 1) -> list[dict[str, Any]]:
        """The e-mails to `to` whose subject contains `subject_part`, once there are `count` of them."""

        def probe() -> list[dict[str, Any]] | None:
            found = [m for m in self.mails(to) if subject_part in m["sujet"]]
            return found if len(found) >= count else None

        return until(probe, f"{count} courriel(s) « {subject_part} » pour {to}")

    def mail_brut(self, mail_id: str) -> str:
        response = self.clients["smtp"].get(f"/mails/{mail_id}/brut")
        assert response.status_code == 200, response.text
        return response.text

    # -- identity: accounts and sessions ------------------------------------------------------

    def titre_du_registre(self, numero_titre: str, debut: date, fin: date) -> dict[str, str]:
        return {
            "numeroTitre": numero_titre,
            "dateDebutValidite": debut.isoformat(),
            "dateFinValidite": fin.isoformat(),
        }

    def creer_compte(self, titre: dict[str, str], courriel: str, mot_de_passe: str) -> None:
        """The seed's account creation: title matched, e-mail twice, link by e-mail, password."""
        demande = {**titre, "courriel": courriel, "confirmationCourriel": courriel}
        self.call("identity", "POST", "/comptes", json=demande, expect=202)
        [mail] = self.mail(courriel, "")
        lien = re.search(r"https?://\S+/compte/confirmer\?jeton=([\w.~%-]+)", mail["texte"])
        assert lien, mail["texte"]
        jeton = httpx.QueryParams(f"jeton={lien.group(1)}")["jeton"]
        self.call("identity", "POST", "/comptes/confirmation", json={"jeton": jeton})
        self.call(
            "identity",
            "POST",
            "/comptes/mot-de-passe",
            json={"jeton": jeton, "motDePasse": mot_de_passe, "confirmationMotDePasse": mot_de_passe},
        )

    def connecter(self, identifiant: str, mot_de_passe: str) -> Demandeur:
        session = SessionOuverte.model_validate(
            self.json(
                "identity",
                "POST",
                "/sessions",
                json={"identifiant": identifiant, "motDePasse": mot_de_passe},
                expect=201,
            )
        )
        assert session.demandeur is not None
        return Demandeur(session.demandeur, actor_from_token(session.acteur))

    def agent(self, identifiant: str, mot_de_passe: str) -> Actor:
        session = SessionOuverte.model_validate(
            self.json(
                "identity",
                "POST",
                "/agents/sessions",
                json={"identifiant": identifiant, "motDePasse": mot_de_passe},
                expect=201,
            )
        )
        return actor_from_token(session.acteur)

    # -- dossier: the applicant's 4 steps and the deposit --------------------------------------

    def deposer(self, demandeur: Demandeur, *, emancipe: bool = False) -> dict[str, Any]:
        """Draft from the fiche, the 4 steps, every required piece uploaded, deposit."""
        qui = demandeur.acteur
        dossier = self.json(
            "dossier",
            "POST",
            "/dossiers",
            qui,
            json={"pour": "moi-meme"},
            expect=201,
        )
        dossier_id = dossier["id"]
        etape1 = {
            "mineurEmancipe": emancipe,
            "adresse": demandeur.fiche.adresse.model_dump(mode="json", by_alias=True),
            "telephone": "06 12 34 56 78",
        }
        dossier = self.json(
            "dossier", "PUT", f"/dossiers/{dossier_id}/etapes/informations-personnelles", qui, json=etape1
        )
        cas = Cas(dossier["cas"])
        naissance = demandeur.fiche.etat_civil.date_naissance
        etape2 = {
            "datePriseEnChargeAse": (naissance.replace(year=naissance.year + 15)).isoformat(),
            "situationFamiliale": "celibataire",
            "enfantsACharge": False,
            "attestations": [a.value for a in ATTESTATIONS_PAR_CAS[cas]],
        }
        self.json("dossier", "PUT", f"/dossiers/{dossier_id}/etapes/motif-sejour", qui, json=etape2)
        self.joindre_pieces(demandeur, dossier_id, cas)
        self.json(
            "dossier",
            "PUT",
            f"/dossiers/{dossier_id}/etapes/justificatifs",
            qui,
            json={},
        )
        observations = {"observations": "Je suis en apprentissage jusqu'en juin."}
        self.json("dossier", "PUT", f"/dossiers/{dossier_id}/etapes/depot", qui, json=observations)
        return dict(self.json("dossier", "POST", f"/dossiers/{dossier_id}/depot", qui, json=observations))

    def joindre_pieces(self, demandeur: Demandeur, dossier_id: str, cas: Cas) -> None:
        catalogue = self.json("documents", "GET", "/catalogue", demandeur.acteur, params={"cas": cas.value})
        prefecture = {"prefecture": demandeur.fiche.prefecture}
        for n, piece in enumerate(p for p in catalogue if p["obligatoire"]):
            if piece["nature"] == "numero-ephoto":
                self.json(
                    "documents",
                    "PUT",
                    f"/dossiers/{dossier_id}/ephoto",
                    demandeur.acteur,
                    params=prefecture,
                    json={"numeroEphoto": EPHOTO},
                )
                continue
            fichier = (
                (f"{piece['code']}.pdf", pdf(), "application/pdf")
                if n % 2
                else (f"{piece['code']}.png", png(), "image/png")
            )
            self.call(
                "documents",
                "POST",
                f"/dossiers/{dossier_id}/pieces/{piece['code']}/fichiers",
                demandeur.acteur,
                files=[("fichiers", fichier)],
                data=prefecture,
                expect=201,
            )

    def dossier(self, dossier_id: str, acteur: Actor) -> dict[str, Any]:
        return dict(self.json("dossier", "GET", f"/dossiers/{dossier_id}", acteur))

    def historique(self, dossier_id: str, acteur: Actor) -> list[tuple[str, str]]:
        changes = self.json("dossier", "GET", f"/dossiers/{dossier_id}/historique", acteur)["changements"]
        return [(c["statut"], c["libelle"]) for c in changes]

    def statut_atteint(self, dossier_id: str, acteur: Actor, statut: str) -> dict[str, Any]:
        return until(
            lambda: (d := self.dossier(dossier_id, acteur))["statut"] == statut and d,
            f"dossier au statut {statut}",
        )

    # -- generated documents -------------------------------------------------------------------

    def documents_generes(self, dossier_id: str, acteur: Actor) -> list[dict[str, Any]]:
        return list(self.json("documents", "GET", f"/dossiers/{dossier_id}/documents-generes", acteur))

    def document_genere(
        self, dossier_id: str, acteur: Actor, modele: str, count: int = 1
    ) -> list[dict[str, Any]]:
        def probe() -> list[dict[str, Any]] | None:
            found = [d for d in self.documents_generes(dossier_id, acteur) if d["modele"] == modele]
            return found if len(found) >= count else None

        return until(probe, f"{count} PDF « {modele} » du dossier")

    def texte_pdf(self, dossier_id: str, acteur: Actor, document_id: str) -> str:
        response = self.call(
            "documents", "GET", f"/dossiers/{dossier_id}/documents-generes/{document_id}", acteur
        )
        assert response.headers["content-type"].startswith("application/pdf")
        return pdf_text(response.content)

    # -- notifier ------------------------------------------------------------------------------

    def notifications(self, demandeur: Demandeur, **params: Any) -> list[dict[str, Any]]:
        page = self.json(
            "notifier", "GET", "/notifications", demandeur.acteur, params={"parPage": 100, **params}
        )
        return list(page["elements"])

    def notification(self, demandeur: Demandeur, type_: str, count: int = 1) -> list[dict[str, Any]]:
        def probe() -> list[dict[str, Any]] | None:
            found = [n for n in self.notifications(demandeur) if n["type"] == type_]
            return found if len(found) >= count else None

        return until(probe, f"{count} notification(s) « {type_} »")

    def ouvrir(self, demandeur: Demandeur, notification_id: str) -> dict[str, Any]:
        return dict(self.json("notifier", "GET", f"/notifications/{notification_id}", demandeur.acteur))

    # -- engine: user tasks, messages, instances ------------------------------------------------

    def search(self, path: str, filter_: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.clients["engine"].post(path, json={"filter": filter_, "page": {"limit": 1000}})
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    def instance(self, dossier_id: str) -> int:
        """The process instance of a dossier, found by its `dossierId` variable."""
        found = until(
            lambda: self.search(
                "/v2/variables/search", {"name": "dossierId", "value": json.dumps(dossier_id)}
            ),
            "l'instance du dossier",
        )
        return int(found[0]["processInstanceKey"])

    def tache(self, groupe: str, dossier_id: str, element_id: str) -> dict[str, Any]:
        """The open user task of the dossier in the candidate group's list."""
        key = self.instance(dossier_id)

        def probe() -> dict[str, Any] | None:
            tasks = self.search(
                "/v2/user-tasks/search",
                {"candidateGroup": groupe, "state": "CREATED", "elementId": element_id},
            )
            mine = [t for t in tasks if int(t["processInstanceKey"]) == key]
            return mine[0] if mine else None

        return until(probe, f"tâche {element_id} pour le groupe {groupe}")

    def completer(self, groupe: str, dossier_id: str, element_id: str, variables: dict[str, Any]) -> None:
        task = self.tache(groupe, dossier_id, element_id)
        response = self.clients["engine"].post(
            f"/v2/user-tasks/{task['userTaskKey']}/completion", json={"variables": variables}
        )
        assert response.status_code == 204, response.text

    def examiner(self, groupe: str, dossier_id: str, variables: dict[str, Any]) -> None:
        self.completer(groupe, dossier_id, "UserTask_ExaminerDemande", variables)

    def valider(self, dossier_id: str) -> None:
        """The valideur validates, the decision dated today (in France, as the back-office proposes)."""
        variables = {"validationDecision": "validee", "dateDecision": datetime.now(PARIS).date().isoformat()}
        self.completer("valideur", dossier_id, "UserTask_ValiderDecision", variables)

    def statuer_sans_reponse(self, groupe: str, dossier_id: str, suite: str) -> None:
        """The agent decides on a complement request left unanswered past its deadline."""
        variables = {"suiteSansReponse": suite, "commentaireSansReponse": "Aucune nouvelle du demandeur."}
        self.completer(groupe, dossier_id, "UserTask_StatuerSansReponse", variables)

    def etat_instance(self, dossier_id: str) -> str:
        response = self.clients["engine"].get(f"/v2/process-instances/{self.instance(dossier_id)}")
        assert response.status_code == 200, response.text
        return str(response.json()["state"])

    def terminee(self, dossier_id: str) -> None:
        until(lambda: self.etat_instance(dossier_id) == "COMPLETED", "fin de l'instance du dossier")

    def incidents(self, dossier_id: str) -> list[dict[str, Any]]:
        return self.search(
            "/v2/incidents/search", {"processInstanceKey": str(self.instance(dossier_id)), "state": "ACTIVE"}
        )

    def reprendre(self, incident: dict[str, Any], retries: int = 3) -> None:
        """What an operator does once the service is back: give the job retries, resolve the incident."""
        with grpc.insecure_channel(self.stack.env["ZEEBE_ADDRESS"]) as channel:
            GatewayStub(channel).UpdateJobRetries(
                pb.UpdateJobRetriesRequest(jobKey=int(incident["jobKey"]), retries=retries),
                timeout=10,
                metadata=[("authorization", f"Bearer {self.engine_auth.token()}")],
            )
        response = self.clients["engine"].post(f"/v2/incidents/{incident['incidentKey']}/resolution")
        assert response.status_code == 204, response.text

    def element_actif(self, dossier_id: str, element_id: str) -> None:
        key = str(self.instance(dossier_id))
        until(
            lambda: self.search(
                "/v2/element-instances/search",
                {"processInstanceKey": key, "elementId": element_id, "state": "ACTIVE"},
            ),
            f"{element_id} actif",
        )

    def passages(self, dossier_id: str, element_id: str) -> int:
        """How many times the element completed in the dossier's instance."""
        items = self.search(
            "/v2/element-instances/search",
            {"processInstanceKey": str(self.instance(dossier_id)), "elementId": element_id},
        )
        return sum(1 for i in items if i["state"] == "COMPLETED")

    def publier(self, name: str, correlation_key: str, message_id: str) -> None:
        """What the back-office does when the préfecture has the card: `titre-disponible`."""
        body = {
            "name": name,
            "correlationKey": correlation_key,
            "timeToLive": 86_400_000,
            "messageId": message_id,
        }
        response = self.clients["engine"].post("/v2/messages/publication", json=body)
        assert response.status_code == 200, response.text


def jour(instant_ms: int) -> date:
    return datetime.fromtimestamp(instant_ms / 1000, UTC).date()
