"""Every service has the one shape of docs/services.md, so anyone knows where code lives.

What imports what (domain without framework, use cases without storage, services independent) is
checked by import-linter in `make lint`; this test checks the names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plumbing.settings import REPO_ROOT

pytestmark = pytest.mark.unit

SERVICES = REPO_ROOT / "services"
ALLOWED = {
    "__init__.py",
    "__main__.py",
    "settings.py",
    "wiring.py",
    "domain",
    "usecases",
    "storage",
    "adapters",
    "api",
    "tasks.py",
    "templates",
}
REQUIRED = {"__init__.py", "__main__.py", "settings.py", "wiring.py"}
# Names that once stood for a role the shape already names (or for nothing at all).
RETIRED = {
    "stockage",
    "dependances.py",
    "composition.py",
    "app.py",
    "execution.py",
    "utils",
    "common",
    "helpers",
}


def services() -> list[Path]:
    return sorted(p for p in SERVICES.iterdir() if p.is_dir() and not p.name.startswith("__"))


def source_files(service: Path) -> list[Path]:
    return [p for p in service.rglob("*.py") if "__pycache__" not in p.parts]


@pytest.mark.parametrize("service", services(), ids=lambda p: p.name)
def test_a_service_has_only_the_allowed_top_level_names(service: Path) -> None:
    names = {p.name for p in service.iterdir() if p.name != "__pycache__"}
    assert names <= ALLOWED, f"{service.name}: {sorted(names - ALLOWED)} hors de la forme commune"
    assert names >= REQUIRED, f"{service.name}: il manque {sorted(REQUIRED - names)}"


@pytest.mark.parametrize("service", services(), ids=lambda p: p.name)
def test_sql_lives_in_storage_with_its_migrations(service: Path) -> None:
    if (service / "storage").exists():
        assert (service / "storage" / "tables.py").is_file()
        assert (service / "storage" / "migrations" / "env.py").is_file()
    outside = [
        str(p.relative_to(service))
        for p in source_files(service)
        if p.parts[len(service.parts)] not in {"storage", "wiring.py"}
        and any(
            line.startswith(("from sqlalchemy", "import sqlalchemy")) for line in p.read_text().splitlines()
        )
    ]
    assert not outside, f"{service.name} : SQL hors de storage/ dans {outside}"


def test_one_name_per_role() -> None:
    """No French twin of a technical role, and « registre » is the register of titles (identity) only."""
    for path in SERVICES.rglob("*"):
        if "__pycache__" in path.parts:
            continue
        assert path.name not in RETIRED, path.relative_to(REPO_ROOT)
        if re.search(r"(^|[_-])registres?($|[_-])", path.stem):
            assert "identity" in path.parts, (
                f"« registre » hors du registre des titres : {path.relative_to(REPO_ROOT)}"
            )
