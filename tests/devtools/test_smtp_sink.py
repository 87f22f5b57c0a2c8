"""The development SMTP sink: it keeps what it receives and shows it, in French."""

from __future__ import annotations

import asyncio
import os
import smtplib
import subprocess
import sys
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from devtools.smtp_sink.boite import BoiteAuxLettres
from devtools.smtp_sink.serveur import demarrer_smtp
from devtools.smtp_sink.web import build_sink_app
from services.notifier.adapters.rendu import JinjaRedacteur
from services.notifier.adapters.smtp import ConfigurationSmtp, SmtpRelais
from services.notifier.domain.courriels import DemandeEnvoi
from tests.support.ports import free_port, wait_for_port

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def sink(tmp_path: Path) -> AsyncIterator[tuple[int, httpx.AsyncClient]]:
    boite = BoiteAuxLettres(tmp_path / "mails")
    port = free_port()
    server = await demarrer_smtp(boite, "127.0.0.1", port)
    transport = httpx.ASGITransport(app=build_sink_app(boite))
    async with httpx.AsyncClient(transport=transport, base_url="http://sink") as client:
        yield port, client
    server.close()
    await server.wait_closed()


async def envoyer_notification(port: int) -> None:
    demande = DemandeEnvoi(
        modele="notification",
        destinataire="septetranger@yopmail.com",
        donnees={"lien": "http://127.0.0.1:8000/connexion"},
        idempotence="k",
    )
    relais = SmtpRelais(ConfigurationSmtp(host="127.0.0.1", port=port))
    await relais.envoyer(JinjaRedacteur().rediger(demande))


async def test_a_mail_sent_by_the_notifier_is_listed_and_readable(
    sink: tuple[int, httpx.AsyncClient],
) -> None:
    port, client = sink
    await envoyer_notification(port)

    [mail] = (await client.get("/api/mails")).json()
    page = (await client.get("/")).text
    detail = (await client.get(f"/mails/{mail['id']}")).text
    html = await client.get(f"/mails/{mail['id']}/html")
    raw = await client.get(f"/mails/{mail['id']}/brut")

    assert mail["a"] == ["septetranger@yopmail.com"]
    assert mail["sujet"] == "ANEF - Vous venez de recevoir une notification"
    assert mail["texte"].startswith("Bonjour,\n\nVous venez de recevoir une notification")
    assert ">Se connecter</a>" in mail["html"]
    assert "Courriels reçus" in page and "septetranger@yopmail.com" in page and mail["sujet"] in page
    assert "Version texte" in detail and "Vous venez de recevoir une notification" in detail
    assert html.headers["content-security-policy"].startswith("sandbox")
    assert raw.headers["content-type"] == "message/rfc822" and b"Subject:" in raw.content


async def test_unknown_mails_answer_404_in_french(sink: tuple[int, httpx.AsyncClient]) -> None:
    _, client = sink
    for path in ("/mails/20230101T000000000000-deadbeef", "/api/mails/inconnu", "/mails/x/brut"):
        response = await client.get(path)
        assert (response.status_code, response.json()) == (404, {"detail": "Courriel introuvable."})
    assert (await client.get("/api/mails/..%2F..%2Fetc%2Fpasswd")).status_code == 404


async def test_the_list_is_empty_then_can_be_emptied(sink: tuple[int, httpx.AsyncClient]) -> None:
    port, client = sink
    assert "Aucun courriel reçu pour l'instant." in (await client.get("/")).text

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@b.fr", "c@d.fr", "Essai"
    message.set_content("texte seul")
    await asyncio.to_thread(_send, port, message)
    await envoyer_notification(port)

    listed = (await client.get("/api/mails")).json()
    assert [m["sujet"] for m in listed] == ["ANEF - Vous venez de recevoir une notification", "Essai"]
    assert listed[1]["html"] == ""
    assert (await client.delete("/api/mails")).json() == {"supprimes": 2}
    assert (await client.get("/api/mails")).json() == []


def _send(port: int, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
        client.send_message(message)


def test_python_m_runs_the_sink_of_make_run(tmp_path: Path) -> None:
    smtp_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "SMTP_SINK_PORT": str(smtp_port),
        "SMTP_SINK_WEB_PORT": str(web_port),
        "SMTP_SINK_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.smtp_sink"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(web_port)
        wait_for_port(smtp_port)
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@b.fr", "c@d.fr", "Bonjour"
        message.set_content("Corps")
        _send(smtp_port, message)
        assert httpx.get(f"http://127.0.0.1:{web_port}/healthz").json() == {"status": "ok"}
        assert [m["sujet"] for m in httpx.get(f"http://127.0.0.1:{web_port}/api/mails").json()] == ["Bonjour"]
        assert len(list(tmp_path.glob("*.eml"))) == 1
    finally:
        process.terminate()
        process.wait(timeout=10)
