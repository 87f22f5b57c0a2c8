"""Who may do what on the engine: the platform's OAuth 2 clients and their permissions.

identity issues each client a short-lived access token (client credentials grant) that carries its
permissions, as the `scope` claim, and the job types it works, as the `job_types` claim; the engine
verifies the token on every gRPC and REST call and refuses what the permissions do not cover, as
Camunda 8 self-managed does. The same names serve the configuration of a production registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from contracts.jobs.registry import CONTRACTS

# the audience Camunda 8 self-managed gives the Zeebe API; pyzeebe and zbctl ask for it by default
ENGINE_AUDIENCE = "zeebe-api"
SCOPE_CLAIM, JOB_TYPES_CLAIM = "scope", "job_types"
ANY_JOB_TYPE = "*"  # in `job_types`: every job type (the tests' client only)


class Permission(StrEnum):
    """A family of engine calls; a token's `scope` lists the ones its client may make."""

    DEPLOYMENTS = "deployments"  # deploy resources (the process owners' path)
    PROCESS_INSTANCES = "process-instances"  # create and cancel instances
    MESSAGES = "messages"  # publish messages, broadcast signals
    VARIABLES = "variables"  # set variables on a scope
    USER_TASKS = "user-tasks"  # search, read, assign and complete user tasks
    READ = "read"  # searches and reads: instances, definitions, incidents, variables
    INCIDENTS = "incidents"  # resolve incidents and give a job its retries back
    JOBS = "jobs"  # activate, complete, fail, throw errors: only the token's `job_types`
    CLOCK = "clock"  # pin the engine clock (only when the engine allows it, in tests)


@dataclass(frozen=True)
class EngineClient:
    """A client of the engine: its id and what its tokens allow."""

    client_id: str
    permissions: frozenset[Permission]
    job_types: frozenset[str] = field(default_factory=frozenset)

    @property
    def scope(self) -> str:
        return " ".join(sorted(self.permissions))


def _worker(service: str, *more: Permission) -> EngineClient:
    job_types = frozenset(t for t in CONTRACTS if t.split(".", 1)[0] == service)
    return EngineClient(service, frozenset({Permission.JOBS, *more}), job_types)


def platform_clients() -> dict[str, EngineClient]:
    """The clients of the stack: one per service with a worker, the back-office and the deploy scripts."""
    clients = [
        _worker("identity"),
        _worker("dossier", Permission.PROCESS_INSTANCES, Permission.MESSAGES),
        _worker("documents"),
        _worker("notifier", Permission.MESSAGES),
        _worker("pdf"),
        EngineClient(
            "backoffice",
            frozenset(
                {
                    Permission.USER_TASKS,
                    Permission.READ,
                    Permission.INCIDENTS,
                    Permission.PROCESS_INSTANCES,  # the console cancels an instance
                    Permission.DEPLOYMENTS,  # the console deploys the process owners' models
                }
            ),
        ),
        EngineClient("gateway", frozenset()),  # no engine call: its client asks for actor tokens only
        EngineClient("deploiement", frozenset({Permission.DEPLOYMENTS, Permission.READ})),
    ]
    return {client.client_id: client for client in clients}


def test_client() -> EngineClient:
    """Every permission and every job type: the tests' own client, never configured in production."""
    return EngineClient("tests", frozenset(Permission), frozenset({ANY_JOB_TYPE}))
