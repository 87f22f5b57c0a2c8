"""deploy/ cannot run here (no Docker engine): check what can be checked.

The files parse; every environment variable they give our images is one our settings read; every
command they start exists; every path the Dockerfile copies exists.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

import services
from contracts.engine_access import platform_clients
from plumbing.settings import REPO_ROOT
from scripts.engine_clients import DEPLOYER, deployment_environment

pytestmark = pytest.mark.unit

DEPLOY = REPO_ROOT / "deploy"
OUR_IMAGE = re.compile(r"anef-sejour")
NOT_SETTINGS = {"PYTHONUNBUFFERED"}  # read by Python itself


def known_variables() -> set[str]:
    """Every environment variable name that some settings class of the project reads."""
    modules = ["plumbing.settings", "engine.settings"]
    modules += [f"services.{m.name}.settings" for m in pkgutil.iter_modules(services.__path__)]
    names: set[str] = set()
    for module_name in modules:
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseSettings)
                and value.__module__ == module_name
            ):
                names |= settings_variables(value)
    return names


def settings_variables(settings: type[BaseSettings]) -> set[str]:
    prefix = settings.model_config.get("env_prefix", "")
    return {
        field.validation_alias if isinstance(field.validation_alias, str) else f"{prefix}{name}".upper()
        for name, field in settings.model_fields.items()
    }


def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def k8s_documents() -> Iterator[dict[str, Any]]:
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        yield from (doc for doc in yaml.safe_load_all(path.read_text()) if doc)


def our_containers() -> Iterator[tuple[str, list[str], set[str]]]:
    """(name, command, environment variable names) of every container running our image."""
    for name, service in compose()["services"].items():
        if OUR_IMAGE.search(service.get("image", "")):
            yield f"compose:{name}", service.get("command", []), set(service.get("environment", {}))
    config_maps = {
        doc["metadata"]["name"]: set(doc["data"]) for doc in k8s_documents() if doc["kind"] == "ConfigMap"
    }
    for doc in k8s_documents():
        spec = doc.get("spec", {}).get("template", {}).get("spec", {})
        for container in spec.get("containers", []):
            if OUR_IMAGE.search(container["image"]):
                env = {e["name"] for e in container.get("env", [])}
                for source in container.get("envFrom", []):
                    env |= config_maps[source["configMapRef"]["name"]]
                yield f"k8s:{container['name']}", container["command"], env


def test_every_manifest_parses() -> None:
    assert compose()["services"]
    kinds = {doc["kind"] for doc in k8s_documents()}
    assert {"Namespace", "ConfigMap", "Secret", "Deployment", "Service", "Job", "Ingress"} <= kinds


def test_every_variable_given_to_our_images_is_read_by_a_settings_class() -> None:
    known = known_variables() | NOT_SETTINGS
    unknown = {f"{where}: {name}" for where, _, env in our_containers() for name in env - known}
    assert not unknown, sorted(unknown)


def test_every_command_started_exists() -> None:
    containers = list(our_containers())
    assert len(containers) >= 14
    for where, command, _ in containers:
        assert command[:2] == ["python", "-m"], where
        module = command[2]
        assert importlib.util.find_spec(module) is not None, f"{where}: {module} introuvable"
        if importlib.util.find_spec(module).submodule_search_locations:  # type: ignore[union-attr]
            assert importlib.util.find_spec(f"{module}.__main__") is not None, f"{where}: {module}"


def test_every_path_the_dockerfile_copies_exists() -> None:
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY ") and "--from" not in line:
            for source in line.split()[1:-1]:
                assert (REPO_ROOT / source).exists(), source


def test_images_are_pinned() -> None:
    images = [
        s["image"]
        for s in compose()["services"].values()
        if "image" in s and not OUR_IMAGE.search(s["image"])
    ]
    images += re.findall(r"^FROM (\S+)", (DEPLOY / "Dockerfile").read_text(), re.M)
    for image in images:
        tag = image.rsplit(":", 1)[-1]
        assert ":" in image and tag != "latest" and re.match(r"\d", tag), image


def test_make_run_procfile_starts_existing_commands() -> None:
    for line in (REPO_ROOT / "Procfile").read_text().splitlines():
        name, command = line.split(":", 1)
        words = command.split()
        if words[0] == "python":
            assert importlib.util.find_spec(words[2]) is not None, name


def test_env_example_names_every_secret_compose_requires() -> None:
    text = (DEPLOY / "docker-compose.yml").read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    example = {
        line.split("=")[0] for line in (DEPLOY / ".env.example").read_text().splitlines() if "=" in line
    }
    assert required <= example, required - example


def test_dockerfile_has_a_non_root_user() -> None:
    assert "USER anef" in Path(DEPLOY / "Dockerfile").read_text()


def test_readme_configuration_table_matches_the_code() -> None:
    from scripts.config_table import README, readme_with_table

    text = README.read_text()
    assert readme_with_table(text) == text, "lancez `python -m scripts.config_table --write`"


def test_every_client_of_the_engine_gets_its_credentials() -> None:
    # the engine (Camunda 8 or ours) refuses calls without identity's token: a service deployed without
    # its secret would fail its first job, not its start
    containers = {where: env for where, _, env in our_containers()}
    token = {"ZEEBE_AUTHORIZATION_SERVER_URL", "ZEEBE_TOKEN_AUDIENCE"}
    for platform in ("compose", "k8s"):
        for client_id in sorted(set(platform_clients()) - {DEPLOYER}):
            secret = f"{client_id.upper()}_ENGINE_CLIENT_SECRET"
            assert {secret, *token} <= containers[f"{platform}:{client_id}"], (platform, client_id)
        deployer = containers[f"{platform}:deploy-models"]
        assert {"ZEEBE_CLIENT_ID", "ZEEBE_CLIENT_SECRET", *token} <= deployer, platform
        issuer = {"IDENTITY_OAUTH_CLIENTS", "IDENTITY_OAUTH_SIGNING_KEY", "IDENTITY_OAUTH_ISSUER"}
        assert issuer <= containers[f"{platform}:identity"], platform
    assert compose()["services"]["deploy-models"]["environment"]["ZEEBE_CLIENT_ID"] == DEPLOYER


def test_the_engine_of_compose_accepts_only_identitys_tokens() -> None:
    camunda = compose()["services"]["camunda"]["environment"]
    assert camunda["CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI"] == "false"
    assert camunda["CAMUNDA_SECURITY_AUTHENTICATION_OIDC_JWKSETURI"].endswith("/.well-known/jwks.json")


def test_the_generated_engine_clients_fill_the_env_example_and_verify() -> None:
    from services.identity.adapters.emetteur_moteur import RegistreClients

    env = deployment_environment()
    example = (DEPLOY / ".env.example").read_text()
    assert all(re.search(rf"^{name}=", example, re.M) for name in env), sorted(env)
    registry = RegistreClients.depuis_json(env["IDENTITY_OAUTH_CLIENTS"])
    for client_id in platform_clients():
        client = registry.authentifier(client_id, env[f"{client_id.upper()}_ENGINE_CLIENT_SECRET"])
        assert client is not None and client.client_id == client_id
    assert registry.authentifier("dossier", env["PDF_ENGINE_CLIENT_SECRET"]) is None
