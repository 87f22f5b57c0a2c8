"""French error pages of the two sites, instead of plumbing.web's JSON: not found, unexpected error,
service momentarily unavailable. Each site gives its wording and adds the errors of its own pages."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from contracts.clients.base import NotFound, ServiceUnavailable

log = logging.getLogger(__name__)

# A status → (title, message) of its page; 404, 500 and 503 must be there.
PageTable = Mapping[int, tuple[str, str]]
# How the site renders a page: (request, status, title, message) → response.
RenderErrorPage = Callable[[Request, int, str, str], Response]
ErrorPage = Callable[[Request, int], Response]


def install_error_pages(app: FastAPI, render: RenderErrorPage, table: PageTable) -> ErrorPage:
    """Install the common error pages; returns `page(request, status)` for the site's own handlers."""

    def page(request: Request, status: int) -> Response:
        titre, message = table.get(status, table[500])
        return render(request, status if status in table else 500, titre, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return page(request, exc.status_code)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        """Another person's object: the services answer 404, so does the site."""
        return page(request, 404)

    @app.exception_handler(ServiceUnavailable)
    async def unavailable(request: Request, exc: ServiceUnavailable) -> Response:
        log.warning("service interne indisponible", extra={"error": str(exc)})
        response = page(request, 503)
        response.headers["Retry-After"] = "60"
        return response

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("erreur interne", extra={"error": type(exc).__name__})
        return page(request, 500)

    return page
