"""Security of every page of the two sites: the CSRF token of forms, cookies, response headers.

CSRF: each browser gets a random value in an `HttpOnly` cookie; forms carry its HMAC under the
site's secret (a signed double submit). A forged form from another site knows neither. Each site
names its cookies (`services/<site>/api/security.py`) and derives its own key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import FastAPI, Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_FIELD = "csrf_token"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
# A site that shows its own files inline (the back-office's PDF viewer) may frame its own origin.
CSP_APERCUS = f"{CONTENT_SECURITY_POLICY}; frame-src 'self'"
# A file shown inline in such a frame: nothing runs in it, only its own origin may frame it.
CSP_FICHIER = (
    "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


DEVICE_COOKIE_AGE = 180 * 24 * 3600  # as long as identity honours the device token


class Security:
    """The site's secret and cookie policy, shared by the middleware and the pages."""

    def __init__(
        self,
        secret_key: str,
        *,
        secure_cookies: bool,
        site: str,
        csrf_cookie: str,
        content_security_policy: str = CONTENT_SECURITY_POLICY,
    ) -> None:
        self.key = hashlib.sha256(f"anef-{site}-csrf:".encode() + secret_key.encode()).digest()
        self.secure_cookies, self.csrf_cookie = secure_cookies, csrf_cookie
        self.content_security_policy = content_security_policy

    def csrf_token(self, request: Request) -> str:
        """The token to put in this page's forms (creating the browser's value if needed)."""
        value = request.cookies.get(self.csrf_cookie) or getattr(request.state, "new_csrf", None)
        if not value:
            value = request.state.new_csrf = secrets.token_urlsafe(32)
        return self._sign(value)

    def csrf_valid(self, request: Request, token: str) -> bool:
        value = request.cookies.get(self.csrf_cookie)
        return bool(value and token) and hmac.compare_digest(self._sign(value or ""), token)

    def _sign(self, value: str) -> str:
        return hmac.new(self.key, value.encode(), hashlib.sha256).hexdigest()

    def set_cookie(self, response: Response, name: str, value: str) -> None:
        response.set_cookie(name, value, httponly=True, samesite="lax", secure=self.secure_cookies, path="/")

    def set_device_cookie(self, response: Response, name: str, value: str) -> None:
        """A long-lived cookie that only the site's own forms send back (SameSite=Strict): the
        proof that this browser signed in before, which a lockout by a stranger does not stop."""
        response.set_cookie(
            name,
            value,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="strict",
            secure=self.secure_cookies,
            path="/",
        )

    def delete_cookie(self, response: Response, name: str) -> None:
        response.delete_cookie(name, httponly=True, samesite="lax", secure=self.secure_cookies, path="/")


def install_security(app: FastAPI, security: Security) -> None:
    """Headers on every response; pages are never cached (they show personal data)."""
    app.add_middleware(SecurityHeaders, security=security)


class SecurityHeaders:
    """`install_security`'s headers, and the CSRF cookie a page created (`Security.csrf_token`).
    Plain ASGI: a `BaseHTTPMiddleware` costs a task and a stream on every request."""

    def __init__(self, app: ASGIApp, security: Security) -> None:
        self.app, self.security = app, security
        self.headers = {**HEADERS, "Content-Security-Policy": security.content_security_policy}
        if security.secure_cookies:
            self.headers["Strict-Transport-Security"] = "max-age=31536000"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if not scope["path"].startswith("/static/"):
                    headers["Cache-Control"] = "no-store"
                if new := scope.get("state", {}).get("new_csrf"):
                    cookie = Response()
                    self.security.set_cookie(cookie, self.security.csrf_cookie, new)
                    headers.append("set-cookie", cookie.headers["set-cookie"])
            await send(message)

        await self.app(scope, receive, send_secured)
