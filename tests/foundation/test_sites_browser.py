"""The two home pages, served for real and opened in Chromium on a small phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from plumbing.settings import REPO_ROOT, PlatformSettings
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import build_app as build_backoffice
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app as build_gateway
from tests.support.browser import serve_in_thread

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO_ROOT / "var" / "screenshots"


@pytest.mark.parametrize(
    ("name", "build", "settings", "heading"),
    [
        ("gateway", build_gateway, GatewaySettings, "Renouvellement de votre titre de séjour"),
        ("backoffice", build_backoffice, BackofficeSettings, "Espace des agents de préfecture"),
    ],
)
def test_home_page_reads_well_on_a_phone(phone_page: Page, name, build, settings, heading) -> None:  # type: ignore[no-untyped-def]
    with serve_in_thread(build(settings(), PlatformSettings())) as url:
        phone_page.goto(url)
        phone_page.wait_for_load_state("networkidle")
        assert phone_page.get_attribute("html", "lang") == "fr"
        assert phone_page.locator("h1").inner_text() == heading
        # DSFR loaded: the header uses the DSFR's layout, and nothing overflows the small screen.
        assert phone_page.locator("header.fr-header").is_visible()
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phone_page.screenshot(path=str(Path(SCREENSHOTS / f"{name}-accueil.png")), full_page=True)
