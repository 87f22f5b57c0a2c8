"""Cryptography adapters: argon2id password hashes, signed link tokens, session tokens."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, Signer, TimestampSigner


class Argon2Hacheur:
    """argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane) unless told otherwise."""

    def __init__(self, time_cost: int = 2, memory_cost_kib: int = 19456, parallelism: int = 1) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=parallelism, type=Type.ID
        )
        # Verifying against this when no account matches keeps failures equally slow.
        self._factice = self._hasher.hash(secrets.token_urlsafe(16))

    def hacher(self, mot_de_passe: str) -> str:
        return self._hasher.hash(mot_de_passe)

    def verifier(self, empreinte: str, mot_de_passe: str) -> bool:
        try:
            return self._hasher.verify(empreinte, mot_de_passe)
        except (VerificationError, InvalidHashError):
            return False

    def a_rehacher(self, empreinte: str) -> bool:
        return self._hasher.check_needs_rehash(empreinte)

    def verification_factice(self, mot_de_passe: str) -> None:
        self.verifier(self._factice, mot_de_passe)


class SignataireJetons:
    """Link tokens: 256 random bits, signed with the service's secret key and their usage."""

    def __init__(self, secret_key: str) -> None:
        self._secret_key = secret_key

    def _signer(self, usage: str) -> Signer:
        return Signer(self._secret_key, salt=f"identity.{usage}")

    def nouveau_jeton(self, usage: str) -> str:
        return self._signer(usage).sign(secrets.token_urlsafe(32)).decode()

    def verifier(self, jeton: str, usage: str) -> bool:
        if len(jeton) > 200:
            return False
        try:
            self._signer(usage).unsign(jeton)
        except BadSignature:
            return False
        return True

    def jeton_appareil(self, usage: str, titulaire_id: str) -> str:
        """A browser's proof that `titulaire_id` signed in from it: the id and a random name for the
        browser, signed and dated."""
        return (
            TimestampSigner(self._secret_key, salt=f"identity.{usage}")
            .sign(f"{titulaire_id}:{secrets.token_urlsafe(16)}")
            .decode()
        )

    def appareil(self, jeton: str, usage: str, age_maximal_s: int) -> tuple[str, str] | None:
        """(titulaire_id, browser name) of a device token we signed less than `age_maximal_s` ago."""
        if len(jeton) > 200:
            return None
        try:
            valeur = TimestampSigner(self._secret_key, salt=f"identity.{usage}").unsign(
                jeton, max_age=age_maximal_s
            )
        except BadSignature:
            return None
        titulaire_id, _, nom = valeur.decode().partition(":")
        return (titulaire_id, nom) if titulaire_id and nom else None


def nouveau_jeton_session() -> str:
    """The opaque token of a visitor's session cookie: 256 random bits."""
    return secrets.token_urlsafe(32)
