"""The model and the workers agree: every job type has its typed contract, every variable has a source.

A process owner edits the BPMN; a developer edits the job models. This test is where the two meet:
each service task's type has a `JobContract`, its headers validate against the contract's header
model, every variable a contract reads is produced somewhere (at the start, by another job, by a
form, by the model itself), and every variable the model's expressions use exists.
"""

from __future__ import annotations

import re

import pytest

from contracts.jobs.registry import CONTRACTS, VARIABLES_DE_DEMARRAGE
from contracts.process import JobType, Message
from tests.bpmn.model import NS, elements, form_components, load_forms, load_model, messages, process

pytestmark = pytest.mark.unit

ROOT = load_model()
ELEMENTS = elements(ROOT)
FEEL_WORDS = {
    "and",
    "or",
    "not",
    "true",
    "false",
    "null",
    "in",
    "if",
    "then",
    "else",
    "for",
    "some",
    "every",
    "satisfies",
    "return",
    "between",
    "instance",
    "of",
    "function",
}


def produced_by_the_model() -> set[str]:
    """Variables the model sets itself: script results and input/output mapping targets."""
    found = set()
    for node in process(ROOT).iter():
        for tag in ("zeebe:script", "zeebe:input", "zeebe:output"):
            for mapping in node.findall(f"bpmn:extensionElements/{tag}", NS) + node.findall(
                f"bpmn:extensionElements/zeebe:ioMapping/{tag}", NS
            ):
                found.add((mapping.get("resultVariable") or mapping.get("target") or "").split(".")[0])
    return found - {""}


def produced_by_forms() -> set[str]:
    return {
        (component.get("key") or component.get("path") or "").split(".")[0]
        for form in load_forms().values()
        for component in form_components(form["components"])
    } - {""}


def produced_by_jobs() -> set[str]:
    return {name for contract in CONTRACTS.values() for name in contract.variables_produced}


def every_source() -> set[str]:
    return VARIABLES_DE_DEMARRAGE | produced_by_jobs() | produced_by_forms() | produced_by_the_model()


def expressions() -> list[str]:
    """Every FEEL expression of the model (text or attribute starting with '=')."""
    found = [(m[1] or "") for m in messages(ROOT).values()]
    for node in ROOT.iter():
        found += [value for value in node.attrib.values() if value.startswith("=")]
        if node.text and node.text.strip().startswith("="):
            found.append(node.text.strip())
    return found


def names_in(expression: str) -> set[str]:
    """The variable names an expression reads (first segment of each path; not functions or keys)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expression.lstrip("="))  # drop string literals
    text = re.sub(r"\{[^{}]*\}", lambda m: re.sub(r"(\w+)\s*:", ":", m.group(0)), text)  # context keys
    names = set()
    for match in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)\b(?!\s*\()", text):
        names.add(match.group(1))
    return names - FEEL_WORDS


def test_every_job_type_of_the_model_has_its_contract() -> None:
    in_model = {e.job_type for e in ELEMENTS.values() if e.job_type}
    assert in_model == {t.value for t in JobType}
    assert set(CONTRACTS) == in_model


def test_every_tasks_headers_validate_against_its_contract() -> None:
    for element in ELEMENTS.values():
        if element.job_type:
            CONTRACTS[element.job_type].headers.model_validate(element.headers)


def test_every_variable_a_job_reads_is_produced_somewhere() -> None:
    sources = every_source()
    for job_type, contract in CONTRACTS.items():
        missing = set(contract.variables_to_fetch) - sources
        assert not missing, f"{job_type} lit {sorted(missing)} que personne ne fixe"


def test_every_variable_the_model_uses_exists() -> None:
    sources = every_source() | {"loopCounter"}
    for expression in expressions():
        missing = names_in(expression) - sources
        assert not missing, f"{expression!r} lit {sorted(missing)} que personne ne fixe"


def test_message_keys_are_produced_before_they_are_needed() -> None:
    keys = {name: key for name, key in messages(ROOT).values()}
    assert set(keys) == {m.value for m in Message}
    for key in keys.values():
        assert names_in(key or "") <= every_source()


def test_names_in_reads_only_variables() -> None:
    assert names_in('="R/" + string(date(dateFinValiditeTitre) + duration("P1D")) + delais.x') == {
        "dateFinValiditeTitre",
        "delais",
    }
    assert names_in('={a: "P30D", b: x}') == {"x"}
