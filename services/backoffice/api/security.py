"""Security of every page: the CSRF token of forms, the session cookie, the response headers.

CSRF: each browser gets a random value in an `HttpOnly` cookie; forms carry its HMAC under the
site's secret (a signed double submit). The same scheme as the applicant site's; both should
come from one plumbing module (see the back-office's notes).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

CSRF_COOKIE = "anef_agent_csrf"
CSRF_FIELD = "csrf_token"
SESSION_COOKIE = "anef_agent_session"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class Security:
    """The back-office's secret and cookie policy, shared by the middleware and the pages."""

    def __init__(self, secret_key: str, *, secure_cookies: bool) -> None:
        self.key = hashlib.sha256(b"anef-backoffice-csrf:" + secret_key.encode()).digest()
        self.secure_cookies = secure_cookies

    def csrf_token(self, request: Request) -> str:
        value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
        if not value:
            value = request.state.new_csrf = secrets.token_urlsafe(32)
        return hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()

    def csrf_valid(self, request: Request, token: str) -> bool:
        if not request.cookies.get(CSRF_COOKIE) or not token:
            return False
        return hmac.compare_digest(self.csrf_token(request), token)

    def set_cookie(self, response: Response, name: str, value: str) -> None:
        response.set_cookie(name, value, httponly=True, samesite="lax", secure=self.secure_cookies)

    def delete_cookie(self, response: Response, name: str) -> None:
        response.delete_cookie(name, httponly=True, samesite="lax", secure=self.secure_cookies)


def install_security(app: FastAPI, security: Security) -> None:
    """Headers on every response; pages are never cached (they show personal data)."""

    @app.middleware("http")
    async def secure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if security.secure_cookies:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if new := getattr(request.state, "new_csrf", None):
            security.set_cookie(response, CSRF_COOKIE, new)
        return response
