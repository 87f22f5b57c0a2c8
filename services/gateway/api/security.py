"""The applicant site's cookies; the scheme is `plumbing.dsfr.security`'s."""

from __future__ import annotations

from plumbing.dsfr.security import Security

CSRF_COOKIE = "anef_csrf"
SESSION_COOKIE = "anef_session"
DEVICE_COOKIE = "anef_appareil"  # this browser signed in before (identity's signed device token)


def site_security(secret_key: str, *, secure_cookies: bool) -> Security:
    return Security(secret_key, secure_cookies=secure_cookies, site="gateway", csrf_cookie=CSRF_COOKIE)
