"""The back-office's cookies; the scheme is `plumbing.dsfr.security`'s."""

from __future__ import annotations

from plumbing.dsfr.security import Security

CSRF_COOKIE = "anef_agent_csrf"
SESSION_COOKIE = "anef_agent_session"


def site_security(secret_key: str, *, secure_cookies: bool) -> Security:
    return Security(secret_key, secure_cookies=secure_cookies, site="backoffice", csrf_cookie=CSRF_COOKIE)
