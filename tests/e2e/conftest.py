"""One real stack for the end-to-end module: `make run`'s processes on free ports, clock control on.

The pdf and documents services run outside supervisord so that a path can stop them and start them again.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.plateforme import Plateforme
from tests.support.stack import free_stack_ports, running_stack

DETACHED = ("pdf", "documents")
STACK_ENV = {
    "ENGINE_CLOCK_CONTROL": "true",
    # a failed job is offered again quickly: its eight attempts take about 3 s instead of 10 min
    "JOB_RETRY_BACKOFF_MIN_MS": "200",
    "JOB_RETRY_BACKOFF_MAX_MS": "1000",
    "NOTIFIER_COURRIEL_DELAI_INITIAL": "0.5",
}


@pytest.fixture(scope="module")
def plateforme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plateforme]:
    var_dir: Path = tmp_path_factory.mktemp("anef-var")
    with running_stack(var_dir, free_stack_ports(), env=STACK_ENV, detached=DETACHED) as stack:
        plateforme = Plateforme(stack)
        try:
            yield plateforme
        finally:
            plateforme.close()


@pytest.fixture
def anef(plateforme: Plateforme, request: pytest.FixtureRequest) -> Iterator[Plateforme]:
    """The platform for one path; the engine's clock goes back to real time after it."""
    yield plateforme
    plateforme.horloge.reset()
    report = getattr(request.node, "rapport_e2e", None)
    if report is not None and report.failed:
        print("Dernières lignes de la pile :\n" + plateforme.stack.tail(150))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Generator[None, Any, None]:
    outcome = yield
    if call.when == "call":
        item.rapport_e2e = outcome.get_result()  # type: ignore[attr-defined]
