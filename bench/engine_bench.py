"""Engine benchmark: throughput and latencies with pyzeebe workers, RSS with waiting instances, Spiff ceiling.

    .venv/bin/python bench/engine_bench.py [--seconds 20] [--in-flight 64] [--waiting 10000]   (or make bench)

Starts `python -m engine` on a temporary SQLite database, drives `start -> 1 service task -> end` and
`start -> 5 service tasks -> end` with 64 instances in flight (CreateProcessInstanceWithResult) and
pyzeebe workers in this process, then reads job activation latencies (job created -> job activated)
from the engine's record log, measures the engine's RSS with 10,000 waiting instances, and runs the
same models on SpiffWorkflow alone in memory (the ceiling). Prints a table, writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from pyzeebe import ZeebeWorker, create_insecure_channel
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from tests.support.engine_server import start_engine

TARGET_IPS = 150.0
TARGET_ACTIVATION_P99_MS = 50.0
TARGET_RSS_MB = 300.0
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bench">\n'
)


def model(process_id: str, tasks: int) -> str:
    ids = ["start"] + [f"t{i}" for i in range(tasks)] + ["end"]
    body = '<bpmn:startEvent id="start" />\n'
    for i in range(tasks):
        body += (
            f'<bpmn:serviceTask id="t{i}"><bpmn:extensionElements><zeebe:taskDefinition type="bench.t{i}" />'
            "</bpmn:extensionElements></bpmn:serviceTask>\n"
        )
    body += '<bpmn:endEvent id="end" />\n'
    body += "".join(
        f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}" />\n'
        for i, (a, b) in enumerate(itertools.pairwise(ids))
    )
    return f'{HEADER}<bpmn:process id="{process_id}" isExecutable="true">\n{body}</bpmn:process>\n</bpmn:definitions>\n'


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def drive(address: str, process_id: str, tasks: int, seconds: float, in_flight: int) -> dict[str, Any]:
    channel = create_insecure_channel(grpc_address=address)
    worker = ZeebeWorker(channel, name="bench")
    for i in range(tasks):

        @worker.task(task_type=f"bench.t{i}", max_jobs_to_activate=in_flight, max_running_jobs=in_flight)
        async def handle() -> dict[str, Any]:
            return {}

    worker_task = asyncio.create_task(worker.work())
    stub = GatewayStub(channel)
    latencies: list[float] = []
    stop_at = time.perf_counter() + seconds

    async def one_driver() -> None:
        request = pb.CreateProcessInstanceWithResultRequest(
            request=pb.CreateProcessInstanceRequest(bpmnProcessId=process_id, version=-1),
            requestTimeout=30_000,
        )
        while time.perf_counter() < stop_at:
            began = time.perf_counter()
            await stub.CreateProcessInstanceWithResult(request, timeout=40)
            latencies.append((time.perf_counter() - began) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(one_driver() for _ in range(in_flight)))
    elapsed = time.perf_counter() - began
    await worker.stop()
    worker_task.cancel()
    await asyncio.gather(worker_task, return_exceptions=True)
    await channel.close()
    return {
        "completed": len(latencies),
        "instances_per_second": len(latencies) / elapsed,
        "instance_latency_p50_ms": percentile(latencies, 50),
        "instance_latency_p99_ms": percentile(latencies, 99),
    }


def activation_latencies(database: Path) -> list[float]:
    with sqlite3.connect(database) as conn:
        created = dict(
            conn.execute(
                "SELECT key, timestamp FROM engine_records WHERE value_type='JOB' AND intent='CREATED'"
            ).fetchall()
        )
        activated = conn.execute(
            "SELECT key, timestamp FROM engine_records WHERE value_type='JOB' AND intent='ACTIVATED'"
        ).fetchall()
    return [float(ts - created[key]) for key, ts in activated if key in created]


async def waiting_instances(address: str, count: int) -> None:
    async with create_insecure_channel(grpc_address=address) as channel:
        stub = GatewayStub(channel)
        request = pb.CreateProcessInstanceRequest(bpmnProcessId="bench-one", version=-1, variables='{"i": 1}')
        semaphore = asyncio.Semaphore(64)

        async def create() -> None:
            async with semaphore:
                await stub.CreateProcessInstance(request)

        await asyncio.gather(*(create() for _ in range(count)))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def spiff_ceiling(xml: str, process_id: str, seconds: float) -> float:
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    with tempfile.NamedTemporaryFile("w", suffix=".bpmn", delete=False) as handle:
        handle.write(xml)
    parser = BpmnParser()
    parser.add_bpmn_file(handle.name)
    spec = parser.get_spec(process_id)
    done = 0
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        workflow = BpmnWorkflow(spec)
        workflow.do_engine_steps()
        while not workflow.is_completed():
            for task in workflow.get_tasks(state=TaskState.STARTED | TaskState.READY):
                task.complete()
            workflow.do_engine_steps()
        done += 1
    return done / (time.perf_counter() - began)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--waiting", type=int, default=10_000)
    parser.add_argument("--output", default=str(Path(__file__).parent / "results" / "engine.json"))
    args = parser.parse_args()
    results: dict[str, Any] = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "in_flight": args.in_flight,
        "models": {},
    }
    with (
        tempfile.TemporaryDirectory(prefix="engine-bench-") as scratch,
        start_engine(Path(scratch)) as engine,
    ):
        async with create_insecure_channel(grpc_address=engine.grpc_address) as channel:
            stub = GatewayStub(channel)
            models = {"bench-one": model("bench-one", 1), "bench-five": model("bench-five", 5)}
            await stub.DeployResource(
                pb.DeployResourceRequest(
                    resources=[pb.Resource(name=f"{k}.bpmn", content=v.encode()) for k, v in models.items()]
                )
            )
        for process_id, tasks in (("bench-one", 1), ("bench-five", 5)):
            figures = await drive(engine.grpc_address, process_id, tasks, args.seconds, args.in_flight)
            figures["spiff_in_memory_per_second"] = spiff_ceiling(models[process_id], process_id, 5.0)
            figures["ratio_to_spiff"] = (
                figures["instances_per_second"] / figures["spiff_in_memory_per_second"]
            )
            results["models"][process_id] = figures
        activation = activation_latencies(Path(scratch) / "engine.db")
        results["job_activation_p50_ms"] = percentile(activation, 50)
        results["job_activation_p99_ms"] = percentile(activation, 99)
        assert engine.process is not None
        await waiting_instances(engine.grpc_address, args.waiting)
        results["waiting_instances"] = args.waiting
        results["rss_mb_with_waiting_instances"] = rss_mb(engine.process.pid)
    one = results["models"]["bench-one"]
    results["targets"] = {
        "instances_per_second_one_task": {
            "target": TARGET_IPS,
            "met": one["instances_per_second"] >= TARGET_IPS,
        },
        "job_activation_p99_ms": {
            "target": TARGET_ACTIVATION_P99_MS,
            "met": results["job_activation_p99_ms"] <= TARGET_ACTIVATION_P99_MS,
        },
        "rss_mb": {"target": TARGET_RSS_MB, "met": results["rss_mb_with_waiting_instances"] <= TARGET_RSS_MB},
    }
    for process_id, figures in results["models"].items():
        print(
            f"{process_id:11} {figures['instances_per_second']:7.1f} inst/s  "
            f"latency p50 {figures['instance_latency_p50_ms']:6.1f} ms  p99 {figures['instance_latency_p99_ms']:6.1f} ms  "
            f"spiff alone {figures['spiff_in_memory_per_second']:7.1f}/s  ratio {figures['ratio_to_spiff']:.2f}"
        )
    print(
        f"job activation p50 {results['job_activation_p50_ms']:.1f} ms  p99 {results['job_activation_p99_ms']:.1f} ms"
    )
    print(
        f"engine RSS with {args.waiting} waiting instances: {results['rss_mb_with_waiting_instances']:.0f} MB"
    )
    for name, target in results["targets"].items():
        print(f"  {name}: target {target['target']} -> {'met' if target['met'] else 'NOT met'}")
    write_results(Path(args.output), results)


def write_results(output: Path, results: dict[str, Any]) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
