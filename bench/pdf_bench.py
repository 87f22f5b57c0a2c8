"""Render time of each PDF template once warm: median and p95, target median ≤ 300 ms.

    .venv/bin/python bench/pdf_bench.py [--rendus 30] [--sortie bench/results/pdf.json]   (or make bench)

Renders in-process with the service's own renderer (templates, stylesheet and fonts loaded once),
with the seed's applicant, after a few warm-up renders; prints a table and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import platform
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script (`make bench`): import the project from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import weasyprint

from contracts.documents import AnnexePieces, ElementAnnexe, SectionAnnexe
from contracts.process import PROCESS_ID
from engine.feel import evaluate, to_json
from services.pdf.adapters.rendu_pdf import WeasyPrintRendu
from services.pdf.domain.documents import DOCUMENTS, preparer_document

OBJECTIF_MEDIANE_MS = 300.0
CHAUFFE = 3
SORTIE = Path(__file__).parent / "results" / "pdf.json"
MODELE = Path(__file__).resolve().parent.parent / "bpmn" / f"{PROCESS_ID}.bpmn"


def delais_du_modele() -> dict[str, Any]:
    """The deadlines as the process sets them (the `delais` script of the model, evaluated by FEEL):
    the attestation's validity is the model's, never the bench's."""
    expression = re.search(
        r'expression="=([^"]*)" resultVariable="delais"', MODELE.read_text(encoding="utf-8")
    )
    assert expression, f"variable delais introuvable dans {MODELE}"
    return to_json(evaluate(html.unescape(expression.group(1))))  # type: ignore[no-any-return]


def entrees_de_l_attestation() -> dict[str, Any]:
    """The attestation's card mention, duration and tax as the model's task inputs set them."""
    entrees = {}
    for source, cible in re.findall(
        r'<zeebe:input source="([^"]*)" target="(mention|dureeCarteAnnees|montantTaxe)"',
        MODELE.read_text(encoding="utf-8"),
    ):
        valeur = html.unescape(source)
        entrees[cible] = to_json(evaluate(valeur[1:])) if valeur.startswith("=") else valeur
    assert len(entrees) == 3, f"entrées de l'attestation introuvables dans {MODELE}"
    return entrees


DEMANDEUR = {
    "nom": "Etranger",
    "nomUsage": "INC",
    "prenoms": "Sept",
    "dateNaissance": "2006-07-01",
    "paysNaissance": "Brésil",
    "lieuNaissance": "Brasilia",
    "nationalite": "Brésilienne",
    "numeroEtranger": "5903007178",
    "adresse": "20 RUE NATIONALE 20 RUE NATIONALE 59000 LILLE 59000 LILLE FRANCE",
}
VARIABLES: dict[str, Any] = {
    "dossierId": "dos-bench",
    "numeroDemande": "5901202308180000190",
    "dateDepot": "2023-08-18T09:41:07+02:00",
    "cas": "mineur",
    "prefecture": "prefecture-59",
    "dateFinValiditeTitre": "2023-09-11",
    "demandeur": DEMANDEUR,
    "dateDecision": "2023-09-12",
    "motifDecision": "Vous ne justifiez pas du caractère réel et sérieux du suivi de votre formation.\n"
    "Les attestations d'assiduité fournies font état de nombreuses absences injustifiées.",
}


def annexe_de_deux_pages() -> AnnexePieces:
    """An Annexe 1 as long as the seed's (two pages), the documents service owning the real one."""
    piece = ElementAnnexe(
        titre="Justificatif de domicile datant de moins de 6 mois :",
        aide=["Veuillez joindre un des justificatifs de domicile suivant :"],
        elements=[
            "Facture d'électricité, gaz, eau, internet, fixe ou mobile ;",
            "ou copie du bail de location ;",
            "ou copie d'une quittance de loyer ou de taxe d'habitation.",
        ],
    )
    sections = [
        SectionAnnexe(titre=titre, pieces=[piece] * 4, nouvelle_page=titre == "MOTIF DE SÉJOUR")
        for titre in ("INFORMATIONS PERSONNELLES", "DOMICILE", "MOTIF DE SÉJOUR")
    ]
    return AnnexePieces(
        titre="DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER CONFIE(E) À L'AIDE SOCIALE À "
        "L'ENFANCE (ASE)",
        sous_titre="Liste des documents justificatifs à fournir",
        introduction=["Vous devez respecter les formats suivants : .jpg, .pdf, .png, .bmp, .tiff."],
        sections=sections,
    )


def mesurer(rendu: WeasyPrintRendu, modele: str, rendus: int) -> dict[str, Any]:
    variables = {
        **VARIABLES,
        **entrees_de_l_attestation(),
        "delais": delais_du_modele(),
        "annexe": annexe_de_deux_pages(),
    }
    document = preparer_document(modele, variables, aujourdhui=date(2023, 9, 12))
    for _ in range(CHAUFFE):
        rendu.rendre_pdf(document)
    durees, taille = [], 0
    for _ in range(rendus):
        debut = time.perf_counter()
        taille = len(rendu.rendre_pdf(document))
        durees.append((time.perf_counter() - debut) * 1000)
    durees.sort()
    return {
        "rendus": rendus,
        "mediane_ms": round(statistics.median(durees), 1),
        "p95_ms": round(durees[max(0, round(0.95 * len(durees)) - 1)], 1),
        "max_ms": round(durees[-1], 1),
        "octets": taille,
    }


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--rendus", type=int, default=30, help="rendus mesurés par modèle")
    arguments.add_argument("--sortie", type=Path, default=SORTIE)
    options = arguments.parse_args()

    rendu = WeasyPrintRendu()
    try:
        mesures = {modele.value: mesurer(rendu, modele.value, options.rendus) for modele in DOCUMENTS}
    finally:
        rendu.fermer()

    print(f"{'modèle':34} {'médiane':>9} {'p95':>9} {'max':>9} {'taille':>9}")
    for modele, m in mesures.items():
        print(
            f"{modele:34} {m['mediane_ms']:>7.1f}ms {m['p95_ms']:>7.1f}ms {m['max_ms']:>7.1f}ms {m['octets']:>8}o"
        )
    atteint = all(m["mediane_ms"] <= OBJECTIF_MEDIANE_MS for m in mesures.values())
    print(f"objectif médiane ≤ {OBJECTIF_MEDIANE_MS:.0f} ms : {'atteint' if atteint else 'NON ATTEINT'}")

    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    resultat = {
        "objectif_mediane_ms": OBJECTIF_MEDIANE_MS,
        "objectif_atteint": atteint,
        "weasyprint": weasyprint.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "modeles": mesures,
    }
    options.sortie.write_text(json.dumps(resultat, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"écrit : {options.sortie}")
    return 0 if atteint else 1


if __name__ == "__main__":
    sys.exit(main())
