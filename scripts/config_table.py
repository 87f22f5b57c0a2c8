"""`python -m scripts.config_table [--write]`: the README's configuration table, from the code.

Every settings class of the project is read, so the table cannot drift from what the code does
(a test compares it with README.md). A setting without a description is refused: the table would
show an empty row, and whoever deploys would have to read the code to know what it does.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
from pathlib import Path

from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings

import devtools
import services
from plumbing.settings import REPO_ROOT, NatsClientSettings, ServiceSettings

START, END = "<!-- config:start -->", "<!-- config:end -->"
README = REPO_ROOT / "README.md"

GENERIC_MEANINGS = {
    "host": "adresse d'écoute de l'API",
    "port": "port de l'API",
    "secret_key": "secret de signature ; refusé hors du développement s'il garde sa valeur de développement, "
    "et en production s'il a moins de 32 caractères ou se devine (zxcvbn : moins de 10^36 essais)",
    "app_env": "environnement : development, test ou production",
}


def settings_classes() -> list[type[BaseSettings]]:
    modules = ["plumbing.settings", "engine.settings"]
    modules += [f"services.{m.name}.settings" for m in pkgutil.iter_modules(services.__path__)]
    modules += [f"devtools.{m.name}.settings" for m in pkgutil.iter_modules(devtools.__path__) if m.ispkg]
    found: list[type[BaseSettings]] = []
    for name in modules:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        found += [
            v
            for v in vars(module).values()
            if isinstance(v, type)
            and issubclass(v, BaseSettings)
            and v.__module__ == name
            and v not in (ServiceSettings, NatsClientSettings)
        ]
    return found


def variable_name(settings: type[BaseSettings], name: str, field: FieldInfo) -> str:
    if isinstance(field.validation_alias, str):
        return field.validation_alias
    return f"{settings.model_config.get('env_prefix', '')}{name}".upper()


def _shown(default: object) -> str:
    """A default as the README shows it: paths relative to the repository, so the same on every machine."""
    text = str(default) if isinstance(default, (str, Path)) else repr(default)
    return text.replace(str(REPO_ROOT) + "/", "")


def _url_meaning(name: str) -> str:
    return f"adresse de l'API interne du service {name.removesuffix('_url')}" if name.endswith("_url") else ""


class UndescribedSettings(ValueError):
    """Settings without `Field(description=...)` nor a generic meaning."""


def rows() -> list[tuple[str, str, str]]:
    table: dict[str, tuple[str, str]] = {}
    undescribed: list[str] = []
    for settings in settings_classes():
        for name, field in settings.model_fields.items():
            variable = variable_name(settings, name, field)
            default = "" if field.is_required() else _shown(field.get_default(call_default_factory=True))
            meaning = field.description or GENERIC_MEANINGS.get(name) or _url_meaning(name)
            if not meaning:
                undescribed.append(f"{variable} ({settings.__module__}.{settings.__name__}.{name})")
            table.setdefault(variable, (default, meaning))
    if undescribed:
        raise UndescribedSettings(
            "réglages sans description (ajoutez Field(description=...)) : " + ", ".join(undescribed)
        )
    return [(variable, *table[variable]) for variable in sorted(table)]


def markdown() -> str:
    lines = ["| Variable | Défaut | Rôle |", "|---|---|---|"]
    lines += [f"| `{v}` | `{d}` | {m} |" if d else f"| `{v}` | | {m} |" for v, d, m in rows()]
    return "\n".join(lines)


def readme_with_table(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{markdown()}\n{END}{tail}"


def main() -> None:
    try:
        table = markdown()
    except UndescribedSettings as error:
        sys.exit(str(error))
    text = README.read_text()
    if "--write" in sys.argv:
        README.write_text(readme_with_table(text))
    else:
        print(table)


if __name__ == "__main__":
    main()
