"""The gateway benchmark's load, run by bench/gateway_bench.py in its own process (locust patches
the standard library with gevent at import, which the stack's runner must not see).

    python bench/gateway_locust.py --host URL --accounts FILE --users 50 --seconds 120 --output FILE

Each locust user is an applicant going through the whole journey as a browser without JavaScript
would: the sign-in page and the sign-in, « Je demande ou renouvelle un titre de séjour », for
whom, the title, the preamble, the draft, steps 1 and 2, step 3 (one upload per piece, the e-photo
number; one journey in `--big-every` uploads a 10 MB PDF), step 4 and the deposit, the
confirmation until the N° demande is there, « Ma demande », « Mes Notifications » and the
notification opened. CSRF tokens are read from the pages; redirects are followed by hand so that
each page is timed on its own. Between two pages the applicant reads for `--think` seconds.
Every page's duration is kept and written with the failures to the output file.

With `--cpu-pids` (the stack's processes, `{"gateway": [pid], ...}`) and one user, each page's CPU
cost is measured too: the CPU time every process spent from the page's request to the next one's
(so the work a page sets off in the background, a deposit's PDF for instance, counts for it), less
what the stack spends at rest in that time (measured first). `--parcours N` stops after N journeys.
"""

from __future__ import annotations

# locust first: it monkey-patches the standard library
import locust

# isort: split
import argparse
import contextlib
import io
import json
import math
import os
import random
import re
import sys
import time
import uuid
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

import gevent
from locust import FastHttpUser, events, task
from locust.env import Environment
from PIL import Image

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ATTESTATION = re.compile(r'name="(attestation_[a-z0-9_-]+)"')
FICHIER = re.compile(r'type="file" id="[^"]+" name="(fichiers_[a-z0-9_-]+)"')
EPHOTO_ENREGISTRE = re.compile(r'name="ephoto_enregistre" value="([^"]*)"')
NOTIFICATION = re.compile(r'href="(/espace/notifications/[A-Za-z0-9_-]+)"')
ERREUR = re.compile(r'class="fr-message fr-message--error"[^>]*>([^<]+)<')
MOT_DE_PASSE = "Banc.Essai59!"  # bench/gateway_comptes.py
EPHOTO = "1234567890123456789012"
GROS = 10 * 1024 * 1024 - 64 * 1024  # just under the 10 Mo a file may weigh
OCTETS_PAR_PIXEL_BRUIT = 1.18  # a JPEG of RGB noise at quality 95 (Pillow): bytes per pixel

TEMPS: dict[str, list[float]] = defaultdict(list)
ECHECS: dict[str, int] = defaultdict(int)
PARCOURS = {"commences": 0, "termines": 0, "interrompus": 0, "gros_fichiers": 0}


class CompteurCpu:
    """CPU time of the stack's processes, per page: see the module's docstring."""

    def __init__(self, processus: dict[str, list[int]]) -> None:
        self.processus = processus
        self.repos: dict[str, float] = {}  # ms of CPU per second at rest, per process
        self.par_page: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.pages: dict[str, int] = defaultdict(int)
        self.en_cours: tuple[str, float, dict[str, float]] | None = None

    def lire(self) -> dict[str, float]:
        """CPU ms spent so far by each process: its CPU clock (every thread, ended ones too, in ns)."""
        total: dict[str, float] = {}
        for nom, pids in self.processus.items():
            total[nom] = 0.0
            for pid in pids:
                with contextlib.suppress(OSError):
                    total[nom] += time.clock_gettime(horloge_cpu(pid)) * 1000
        return total

    def mesurer_le_repos(self, secondes: float) -> None:
        avant, debut = self.lire(), time.monotonic()
        gevent.sleep(secondes)
        apres, duree = self.lire(), time.monotonic() - debut
        self.repos = {nom: max(0.0, apres[nom] - avant[nom]) / duree for nom in apres}

    def page(self, nom: str | None) -> None:
        """A page starts (None: the journey ends): the previous one's cost is counted."""
        maintenant, mesure = time.monotonic(), self.lire()
        if self.en_cours is not None:
            precedente, debut, avant = self.en_cours
            self.pages[precedente] += 1
            for processus, ms in mesure.items():
                repos = self.repos.get(processus, 0.0) * (maintenant - debut)
                self.par_page[precedente][processus] += ms - avant[processus] - repos
        self.en_cours = None if nom is None else (nom, maintenant, mesure)


def horloge_cpu(pid: int) -> int:
    """Linux's id of the CPU-time clock of a whole process (`clock_getcpuclockid(3)`)."""
    return ((~pid) << 3) | 2  # CPUCLOCK_SCHED, process-wide


CPU: CompteurCpu | None = None


class Echec(Exception):
    """A page that did not answer what a browser expects: counted, and the journey stops."""


def pdf(taille: int) -> bytes:
    """A scan-like one-page PDF of about `taille` bytes: a JPEG of noise (incompressible), no attachment."""
    cote = max(64, int(math.sqrt(taille / OCTETS_PAR_PIXEL_BRUIT)))
    image = Image.frombytes("RGB", (cote, cote), os.urandom(cote * cote * 3))
    sortie = io.BytesIO()
    image.save(sortie, "PDF", quality=95, resolution=150)
    return sortie.getvalue()


PETIT_PDF = pdf(150 * 1024)
GROS_PDF = pdf(GROS)


def multipart(champs: dict[str, str], fichiers: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    limite = uuid.uuid4().hex
    morceaux = []
    for nom, valeur in champs.items():
        morceaux.append(
            f'--{limite}\r\nContent-Disposition: form-data; name="{nom}"\r\n\r\n{valeur}\r\n'.encode()
        )
    for nom, (nom_fichier, contenu) in fichiers.items():
        entete = (
            f'--{limite}\r\nContent-Disposition: form-data; name="{nom}"; filename="{nom_fichier}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        morceaux += [entete.encode(), contenu, b"\r\n"]
    morceaux.append(f"--{limite}--\r\n".encode())
    return b"".join(morceaux), f"multipart/form-data; boundary={limite}"


class Demandeur(FastHttpUser):
    host = ""
    comptes: ClassVar[list[str]] = []
    pense = (2.0, 6.0)
    gros_tous_les = 5
    network_timeout = 120.0
    connection_timeout = 30.0

    def lire(self) -> None:
        gevent.sleep(random.uniform(*self.pense))

    def page(
        self, methode: str, url: str, nom: str, attendu: int = 200, **kwargs: Any
    ) -> tuple[str, dict[str, str]]:
        if CPU is not None:
            CPU.page(nom)
        with self.client.request(
            methode, url, name=nom, allow_redirects=False, catch_response=True, **kwargs
        ) as reponse:
            texte = reponse.text or ""
            if reponse.status_code != attendu:
                motif = ERREUR.search(texte)
                detail = f" ({motif.group(1).strip()})" if motif else ""
                reponse.failure(f"{reponse.status_code} au lieu de {attendu}{detail}")
                raise Echec(nom)
            reponse.success()
            return texte, {k.lower(): v for k, v in (reponse.headers or {}).items()}

    def get(self, url: str, nom: str) -> str:
        return self.page("GET", url, nom)[0]

    def post(self, url: str, nom: str, champs: dict[str, str]) -> str:
        """A urlencoded form; answers the 303's Location."""
        _, entetes = self.page("POST", url, nom, 303, data=champs)
        return entetes["location"].removeprefix(self.host)

    def jeton(self, texte: str) -> str:
        trouve = CSRF.search(texte)
        if trouve is None:
            raise Echec("jeton CSRF absent")
        return trouve.group(1)

    @task
    def parcours(self) -> None:
        if not self.comptes:
            gevent.sleep(1)
            return
        identifiant = self.comptes.pop()
        PARCOURS["commences"] += 1
        self.client.cookiejar.clear()
        try:
            self.deposer_une_demande(identifiant)
        except Echec:
            PARCOURS["interrompus"] += 1
            gevent.sleep(5)  # as a person would before trying again
            return
        finally:
            if CPU is not None:
                gevent.sleep(1)  # the last page's background work
                CPU.page(None)
        PARCOURS["termines"] += 1

    def deposer_une_demande(self, identifiant: str) -> None:
        connexion = self.get("/connexion", "GET /connexion")
        self.lire()
        espace = self.post(
            "/connexion",
            "POST /connexion (argon2)",
            {"identifiant": identifiant, "mot_de_passe": MOT_DE_PASSE, "csrf_token": self.jeton(connexion)},
        )
        self.get(espace, "GET / (espace connecté)")
        self.lire()
        self.get("/espace/demande", "GET /espace/demande")
        self.lire()
        self.get("/espace/demande/situation?pour=moi-meme", "GET /espace/demande/situation")
        self.lire()
        preambule = self.get(
            "/espace/demande/preambule?titre=renouvellement", "GET /espace/demande/preambule"
        )
        self.lire()
        reprise = self.post(
            "/espace/demande/brouillon",
            "POST /espace/demande/brouillon",
            {"csrf_token": self.jeton(preambule)},
        )
        dossier = reprise.rstrip("/").rsplit("/", 1)[-1]
        etape1_url = self.page("GET", reprise, "GET /demande/[id] (reprise)", 303)[1]["location"]
        etape1 = self.get(etape1_url.removeprefix(self.host), "GET /demande/[id]/etape/1")
        self.lire()
        etape2_url = self.post(
            f"/demande/{dossier}/etape/1",
            "POST /demande/[id]/etape/1",
            {"telephone": "06 12 34 56 78", "csrf_token": self.jeton(etape1)},
        )
        etape2 = self.get(etape2_url, "GET /demande/[id]/etape/2")
        self.lire()
        ase = date.today() - timedelta(days=5 * 365)
        champs = {
            "ase_jour": str(ase.day),
            "ase_mois": str(ase.month),
            "ase_annee": str(ase.year),
            "situation_familiale": "celibataire",
            "enfants_a_charge": "non",
            "csrf_token": self.jeton(etape2),
        }
        champs.update(dict.fromkeys(ATTESTATION.findall(etape2), "oui"))
        etape3_url = self.post(f"/demande/{dossier}/etape/2", "POST /demande/[id]/etape/2", champs)
        if "/justificatifs" not in etape3_url:
            etape3_url = self.page("GET", etape3_url, "GET /demande/[id]/etape/3", 303)[1]["location"]
        etape3 = self.get(f"/demande/{dossier}/justificatifs", "GET /demande/[id]/justificatifs")
        self.joindre_les_pieces(dossier, etape3)
        etape4 = self.get(f"/demande/{dossier}/etape/4", "GET /demande/[id]/etape/4")
        self.lire()
        confirmation = self.post(
            f"/demande/{dossier}/depot",
            "POST /demande/[id]/depot",
            {"observations": "Banc d'essai.", "csrf_token": self.jeton(etape4)},
        )
        self.attendre_le_numero(dossier, confirmation)
        self.get(f"/demande/{dossier}/suivi", "GET /demande/[id]/suivi (Ma demande)")
        self.lire()
        notifications = self.get("/espace/notifications", "GET /espace/notifications")
        self.lire()
        if premiere := NOTIFICATION.search(notifications):
            self.get(premiere.group(1), "GET /espace/notifications/[id]")

    def joindre_les_pieces(self, dossier: str, page: str) -> None:
        """« Joindre un document » piece by piece, the e-photo number with the first, then « poursuivre »."""
        gros = (PARCOURS["commences"] - 1) % self.gros_tous_les == 0  # the first journey, then one in N
        url = f"/demande/{dossier}/justificatifs"
        for rang, champ in enumerate(FICHIER.findall(page)):
            self.lire()
            code = champ.removeprefix("fichiers_")
            contenu = GROS_PDF if gros and rang == 0 else PETIT_PDF
            champs = {
                "csrf_token": self.jeton(page),
                "ephoto": EPHOTO,
                "ephoto_enregistre": enregistre.group(1)
                if (enregistre := EPHOTO_ENREGISTRE.search(page))
                else "",
                "action": f"joindre:{code}",
            }
            corps, type_ = multipart(champs, {champ: (f"{code}.pdf", contenu)})
            nom = "POST justificatifs (10 Mo)" if contenu is GROS_PDF else "POST justificatifs (150 Ko)"
            if contenu is GROS_PDF:
                PARCOURS["gros_fichiers"] += 1
            self.page("POST", url, nom, 303, data=corps, headers={"Content-Type": type_})
            page = self.get(url, "GET /demande/[id]/justificatifs")
        self.lire()
        champs = {
            "csrf_token": self.jeton(page),
            "ephoto": EPHOTO,
            "ephoto_enregistre": EPHOTO,
            "action": "poursuivre",
        }
        corps, type_ = multipart(champs, {})
        self.page(
            "POST", url, "POST justificatifs (poursuivre)", 303, data=corps, headers={"Content-Type": type_}
        )

    def attendre_le_numero(self, dossier: str, confirmation: str) -> None:
        """Step 5: the page, then its « état » asked every 2 s (as its script does) until the PDF is there."""
        self.get(confirmation, "GET /demande/[id]/confirmation")
        limite = time.monotonic() + 90
        while time.monotonic() < limite:
            gevent.sleep(2)
            etat = self.get(f"/demande/{dossier}/confirmation/etat", "GET /demande/[id]/confirmation/etat")
            if json.loads(etat).get("pret"):
                self.get(confirmation, "GET /demande/[id]/confirmation")
                return
        ECHECS["N° demande attendu plus de 90 s"] += 1
        raise Echec("confirmation")


@events.request.add_listener
def _noter(name: str, response_time: float, exception: Exception | None, **_: Any) -> None:
    if exception is None:
        TEMPS[name].append(response_time)
    else:
        ECHECS[f"{name} : {exception}"] += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0))
    parser.add_argument("--big-every", type=int, default=5)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cpu-pids", default="", help='JSON {"gateway": [pid], ...}: CPU per page')
    parser.add_argument("--parcours", type=int, default=0, help="stop after N journeys (0: --seconds)")
    args = parser.parse_args()
    global CPU
    if args.cpu_pids:
        CPU = CompteurCpu(json.loads(args.cpu_pids))
        CPU.mesurer_le_repos(5.0)
    Demandeur.host = args.host
    Demandeur.comptes = Path(args.accounts).read_text(encoding="utf-8").split()
    if args.parcours:
        Demandeur.comptes = Demandeur.comptes[: args.parcours]
    Demandeur.pense = tuple(args.think)  # type: ignore[assignment]
    Demandeur.gros_tous_les = args.big_every
    environment = Environment(user_classes=[Demandeur], events=events)
    runner = environment.create_local_runner()
    debut = time.monotonic()
    runner.start(args.users, spawn_rate=args.spawn_rate)
    gevent.spawn_later(args.seconds, runner.quit)
    if args.parcours:

        def quand_tous_finis() -> None:
            while PARCOURS["termines"] + PARCOURS["interrompus"] < args.parcours:
                gevent.sleep(0.5)
            runner.quit()

        gevent.spawn(quand_tous_finis)
    runner.greenlet.join()
    duree = time.monotonic() - debut
    resultat = {
        "seconds": round(duree, 1),
        "temps_ms": TEMPS,
        "echecs": ECHECS,
        "parcours": PARCOURS,
        "locust": locust.__version__,
    }
    if CPU is not None:
        resultat["cpu_par_page"] = {
            "pages": CPU.pages,
            "ms": CPU.par_page,
            "repos_ms_par_seconde": CPU.repos,
        }
    with open(args.output, "w", encoding="utf-8") as sortie:
        json.dump(resultat, sortie)
    sys.exit(0)


if __name__ == "__main__":
    main()
