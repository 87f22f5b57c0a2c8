"""The back-office's cookies; the scheme is `plumbing.dsfr.security`'s."""

from __future__ import annotations

from plumbing.dsfr.security import CSP_APERCUS, Security

CSRF_COOKIE = "anef_agent_csrf"
SESSION_COOKIE = "anef_agent_session"
DEVICE_COOKIE = "anef_agent_appareil"  # this browser signed in before (identity's signed device token)


def site_security(secret_key: str, *, secure_cookies: bool) -> Security:
    """The pages may frame the back-office's own files (PDFs shown beside the task)."""
    return Security(
        secret_key,
        secure_cookies=secure_cookies,
        site="backoffice",
        csrf_cookie=CSRF_COOKIE,
        content_security_policy=CSP_APERCUS,
    )
