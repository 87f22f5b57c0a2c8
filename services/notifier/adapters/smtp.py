"""Hand e-mails to an SMTP relay (smtplib in a worker thread: one short connection per e-mail)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from services.notifier.domain.courriels import Courriel, CourrielRefuse


@dataclass(frozen=True)
class ConfigurationSmtp:
    host: str
    port: int
    user: str = ""
    password: str = ""
    starttls: bool = False
    expediteur: str = "ne-pas-repondre@anef.interieur.gouv.fr"
    nom_expediteur: str = "Étrangers en France"
    timeout: float = 10.0


def composer(courriel: Courriel, config: ConfigurationSmtp) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((config.nom_expediteur, config.expediteur))
    message["To"] = courriel.destinataire
    message["Subject"] = courriel.sujet
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=config.expediteur.rpartition("@")[2] or None)
    message["X-Idempotence"] = courriel.idempotence
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(courriel.texte)
    message.add_alternative(courriel.html, subtype="html")
    for fichier in courriel.pieces_jointes:
        maintype, _, subtype = fichier.type_media.partition("/")
        message.add_attachment(fichier.contenu, maintype=maintype, subtype=subtype, filename=fichier.nom)
    return message


class SmtpRelais:
    def __init__(self, config: ConfigurationSmtp) -> None:
        self.config = config

    async def envoyer(self, courriel: Courriel) -> None:
        await asyncio.to_thread(self._send, composer(courriel, self.config))

    def _send(self, message: EmailMessage) -> None:
        config = self.config
        try:
            with smtplib.SMTP(config.host, config.port, timeout=config.timeout) as client:
                if config.starttls:
                    client.starttls(context=ssl.create_default_context())
                if config.user:
                    client.login(config.user, config.password)
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as refused:
            codes = [code for code, _ in refused.recipients.values()]
            if all(code >= 500 for code in codes):
                raise CourrielRefuse(f"destinataire refusé ({codes[0]})") from None
            raise
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPAuthenticationError):
                raise CourrielRefuse(f"refus du relais ({error.smtp_code})") from None
            raise
