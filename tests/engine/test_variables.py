"""Variable scopes, input/output mappings, propagation, SetVariables, script tasks (FEEL)."""

from __future__ import annotations

import json

import grpc
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, search, variables_of

pytestmark = pytest.mark.integration


async def test_input_and_output_mappings(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "io_mapping.bpmn")
        key = await create(stub, "io-mapping", {"montant": 21, "client": {"nom": "Dupont"}})
        [job] = await activate(stub, "io-mapping.calc")
        seen = json.loads(job.variables)
        assert seen["double"] == 42 and seen["nom"] == "Dupont"
        await complete(stub, job, {"resultat": "ok", "brouillon": True})
        final = await variables_of(rest, key)
        assert final == {"montant": 21, "client": {"nom": "Dupont"}, "total": "ok", "doubleOut": 42}


async def test_set_variables_local_and_propagated(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "io_mapping.bpmn")
        key = await create(stub, "io-mapping", {"montant": 1, "client": {"nom": "X"}})
        [job] = await activate(stub, "io-mapping.calc")
        await stub.SetVariables(
            pb.SetVariablesRequest(
                elementInstanceKey=job.elementInstanceKey, variables=json.dumps({"local": 1}), local=True
            )
        )
        await stub.SetVariables(
            pb.SetVariablesRequest(
                elementInstanceKey=job.elementInstanceKey, variables=json.dumps({"double": 7, "nouveau": 2})
            )
        )
        assert await variables_of(rest, key, job.elementInstanceKey) == {"double": 7, "nom": "X", "local": 1}
        assert (await variables_of(rest, key))["nouveau"] == 2
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await stub.SetVariables(pb.SetVariablesRequest(elementInstanceKey=key, variables="[1, 2]"))
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        await complete(stub, job, {"resultat": 1})


async def test_script_task_uses_feel_decimals(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "script.bpmn")
        key = await create(stub, "script", {"montants": [1, 2]})
        assert (await variables_of(rest, key))["total"] == 3.3


async def test_feel_rules_of_the_engine(engine, rest) -> None:
    # '=' means FEEL, anything else is a literal; a missing variable is null; an evaluation error
    # is an incident carrying FEEL's message
    async with gateway(engine) as stub:
        await deploy(stub, "feel_rules.bpmn")
        key = await create(stub, "feel-rules", {"genre": "dynamique"})
        [job] = await activate(stub, "feel-rules.dynamique")
        assert job.retries == 2
        assert json.loads(job.customHeaders) == {"litteral": "=pas une expression"}
        assert json.loads(job.variables) == {
            "genre": "dynamique",
            "manquant": None,
            "estNul": True,
            "chemin": None,
        }
        await complete(stub, job)
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        assert incident["elementId"] == "echec"
        assert "absent est requis" in incident["errorMessage"]
        await stub.SetVariables(
            pb.SetVariablesRequest(elementInstanceKey=key, variables=json.dumps({"absent": "ici"}))
        )
        await stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=int(incident["incidentKey"])))
        assert (await variables_of(rest, key))["r"] == "ici"
