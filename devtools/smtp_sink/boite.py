"""Received e-mails kept as `.eml` files, listed newest first and read back as text and HTML."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

IDENTIFIANT = re.compile(r"^[0-9]{8}T[0-9]{12}-[0-9a-f]{8}$")


@dataclass(frozen=True)
class Mail:
    id: str
    date: datetime
    expediteur: str
    destinataires: list[str]
    sujet: str
    texte: str
    html: str


class MailIntrouvable(Exception):
    pass


class BoiteAuxLettres:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def enregistrer(
        self, contenu: bytes, destinataires: list[str], maintenant: datetime | None = None
    ) -> str:
        moment = maintenant or datetime.now(UTC)
        mail_id = f"{moment:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
        entete = "".join(f"X-Sink-Rcpt: {d}\r\n" for d in destinataires).encode()
        temporary = self.directory / f".{mail_id}.tmp"
        temporary.write_bytes(entete + contenu)
        temporary.replace(self.directory / f"{mail_id}.eml")  # a reader never sees half a mail
        return mail_id

    def lister(self) -> list[Mail]:
        files = sorted(self.directory.glob("*.eml"), reverse=True)
        return [self._lire(path) for path in files]

    def lire(self, mail_id: str) -> Mail:
        return self._lire(self.chemin(mail_id))

    def brut(self, mail_id: str) -> bytes:
        return self.chemin(mail_id).read_bytes()

    def vider(self) -> int:
        files = list(self.directory.glob("*.eml"))
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)

    def chemin(self, mail_id: str) -> Path:
        path = self.directory / f"{mail_id}.eml"
        if not IDENTIFIANT.match(mail_id) or not path.is_file():
            raise MailIntrouvable(mail_id)
        return path

    def _lire(self, path: Path) -> Mail:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        return Mail(
            id=path.stem,
            date=_date(message, path),
            expediteur=str(message.get("From", "")),
            destinataires=[str(v) for v in message.get_all("X-Sink-Rcpt", [])]
            or [str(message.get("To", ""))],
            sujet=str(message.get("Subject", "")),
            texte=_partie(message, "plain"),
            html=_partie(message, "html"),
        )


def _partie(message: EmailMessage, subtype: str) -> str:
    body = message.get_body(preferencelist=(subtype,))
    if body is None or body.get_content_subtype() != subtype:
        return ""
    return str(body.get_content()).replace("\r\n", "\n")


def _date(message: EmailMessage, path: Path) -> datetime:
    try:
        return parsedate_to_datetime(str(message["Date"])).astimezone(UTC)
    except (TypeError, ValueError):
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
