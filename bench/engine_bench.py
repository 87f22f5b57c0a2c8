"""Engine benchmark: throughput and latencies with pyzeebe workers, RSS with waiting instances, Spiff ceiling.

    .venv/bin/python bench/engine_bench.py [--seconds 20] [--in-flight 64] [--waiting 10000] [--rate 200]   (or make bench)

Starts `python -m engine` on a temporary SQLite database, drives `start -> 1 service task -> end` and
`start -> 5 service tasks -> end` with 64 instances in flight (CreateProcessInstanceWithResult) and
pyzeebe workers in this process, then reads job activation latencies (job created -> job activated)
from the engine's record log, runs the one-task model at a fixed arrival rate (200 instances/s: the
latency a caller sees at that load), measures the engine's RSS with 10,000 waiting instances, and runs
the same models on SpiffWorkflow alone in memory (the ceiling, with the ratio). Each run also gives the
engine process's CPU time per instance, the figure to judge an optimisation on a loaded machine.
Prints a table and the targets, writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from pyzeebe import ZeebeWorker
from pyzeebe.proto import gateway_pb2 as pb
from pyzeebe.proto.gateway_pb2_grpc import GatewayStub

from tests.support.engine_server import EngineServer, start_engine

TARGET_IPS_ONE_TASK = 300.0
TARGET_IPS_FIVE_TASKS = 120.0
FIXED_RATE = 200.0
TARGET_FIXED_RATE_P99_MS = 100.0
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (utime and stime of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.asynccontextmanager
async def workers(engine: EngineServer, tasks: int, in_flight: int) -> AsyncIterator[GatewayStub]:
    """pyzeebe workers for every task type, and a stub on the same channel.

    `max_running_jobs` exceeds the number in flight: pyzeebe sleeps 5 s whenever its running jobs reach it.
    """
    channel = engine.channel()
    worker = ZeebeWorker(channel, name="bench")
    for i in range(tasks):

        @worker.task(task_type=f"bench.t{i}", max_jobs_to_activate=in_flight, max_running_jobs=4 * in_flight)
        async def handle() -> dict[str, Any]:
            return {}

    worker_task = asyncio.create_task(worker.work())
    try:
        yield GatewayStub(channel)
    finally:
        await worker.stop()
        worker_task.cancel()
        await asyncio.gather(worker_task, return_exceptions=True)
        await channel.close()


def with_result(process_id: str) -> Any:
    return pb.CreateProcessInstanceWithResultRequest(
        request=pb.CreateProcessInstanceRequest(bpmnProcessId=process_id, version=-1),
        requestTimeout=30_000,
    )


async def drive(
    engine: EngineServer, pid: int, process_id: str, tasks: int, seconds: float, in_flight: int
) -> dict[str, Any]:
    """Closed loop: `in_flight` callers each start an instance as soon as their previous one ended."""
    latencies: list[float] = []
    async with workers(engine, tasks, in_flight) as stub:
        request = with_result(process_id)
        stop_at = time.perf_counter() + seconds

        async def one_driver() -> None:
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                await stub.CreateProcessInstanceWithResult(request, timeout=40)
                latencies.append((time.perf_counter() - began) * 1000)

        cpu_before = cpu_seconds(pid)
        began = time.perf_counter()
        await asyncio.gather(*(one_driver() for _ in range(in_flight)))
        elapsed = time.perf_counter() - began
        cpu = cpu_seconds(pid) - cpu_before
    return {
        "completed": len(latencies),
        "instances_per_second": len(latencies) / elapsed,
        "instance_latency_p50_ms": percentile(latencies, 50),
        "instance_latency_p99_ms": percentile(latencies, 99),
        "engine_cpu_ms_per_instance": cpu * 1000 / max(len(latencies), 1),
    }


async def fixed_rate(
    engine: EngineServer, pid: int, process_id: str, rate: float, seconds: float
) -> dict[str, Any]:
    """Open loop: an instance starts every 1/rate s whatever the previous ones do; their latencies.

    Closed-loop latency with many in flight is only queueing (Little's law); this is the latency a
    caller sees at a given load.
    """
    latencies: list[float] = []
    failures = 0
    async with workers(engine, 1, 64) as stub:
        request = with_result(process_id)

        async def one(at: float) -> None:
            nonlocal failures
            try:
                await stub.CreateProcessInstanceWithResult(request, timeout=40)
                latencies.append((time.perf_counter() - at) * 1000)
            except Exception:
                failures += 1

        count = int(rate * seconds)
        began = time.perf_counter()
        cpu_before = cpu_seconds(pid)
        calls = []
        for i in range(count):
            at = began + i / rate
            delay = at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            calls.append(asyncio.create_task(one(at)))
        await asyncio.gather(*calls)
        elapsed = time.perf_counter() - began
        cpu = cpu_seconds(pid) - cpu_before
    return {
        "arrival_rate_per_second": rate,
        "completed": len(latencies),
        "failed": failures,
        "achieved_per_second": len(latencies) / elapsed,
        "instance_latency_p50_ms": percentile(latencies, 50),
        "instance_latency_p99_ms": percentile(latencies, 99),
        "engine_cpu_ms_per_instance": cpu * 1000 / max(len(latencies), 1),
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


async def waiting_instances(engine: EngineServer, count: int) -> None:
    async with engine.channel() as channel:
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
    parser.add_argument("--waiting", type=int, default=10_000, help="0: no RSS measurement")
    parser.add_argument("--rate", type=float, default=FIXED_RATE, help="arrival rate of the latency run (/s)")
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
        async with engine.channel() as channel:
            stub = GatewayStub(channel)
            models = {"bench-one": model("bench-one", 1), "bench-five": model("bench-five", 5)}
            await stub.DeployResource(
                pb.DeployResourceRequest(
                    resources=[pb.Resource(name=f"{k}.bpmn", content=v.encode()) for k, v in models.items()]
                )
            )
        assert engine.process is not None
        pid = engine.process.pid
        for process_id, tasks in (("bench-one", 1), ("bench-five", 5)):
            figures = await drive(engine, pid, process_id, tasks, args.seconds, args.in_flight)
            figures["spiff_in_memory_per_second"] = spiff_ceiling(models[process_id], process_id, 5.0)
            figures["ratio_to_spiff"] = (
                figures["instances_per_second"] / figures["spiff_in_memory_per_second"]
            )
            results["models"][process_id] = figures
        results["fixed_rate"] = await fixed_rate(engine, pid, "bench-one", args.rate, args.seconds)
        activation = activation_latencies(Path(scratch) / "engine.db")
        results["job_activation_p50_ms"] = percentile(activation, 50)
        results["job_activation_p99_ms"] = percentile(activation, 99)
        if args.waiting:
            await waiting_instances(engine, args.waiting)
            results["waiting_instances"] = args.waiting
            results["rss_mb_with_waiting_instances"] = rss_mb(pid)
    results["targets"] = targets(results)
    report(results)
    write_results(Path(args.output), results)


def targets(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    one, five = results["models"]["bench-one"], results["models"]["bench-five"]
    p99 = results["fixed_rate"]["instance_latency_p99_ms"]
    found = {
        "instances_per_second_one_task": {
            "target": TARGET_IPS_ONE_TASK,
            "measured": one["instances_per_second"],
            "met": one["instances_per_second"] >= TARGET_IPS_ONE_TASK,
        },
        "instances_per_second_five_tasks": {
            "target": TARGET_IPS_FIVE_TASKS,
            "measured": five["instances_per_second"],
            "met": five["instances_per_second"] >= TARGET_IPS_FIVE_TASKS,
        },
        f"latency_p99_ms_at_{results['fixed_rate']['arrival_rate_per_second']:g}_per_second": {
            "target": TARGET_FIXED_RATE_P99_MS,
            "measured": p99,
            "met": p99 <= TARGET_FIXED_RATE_P99_MS and not results["fixed_rate"]["failed"],
        },
        "job_activation_p99_ms": {
            "target": TARGET_ACTIVATION_P99_MS,
            "measured": results["job_activation_p99_ms"],
            "met": results["job_activation_p99_ms"] <= TARGET_ACTIVATION_P99_MS,
        },
    }
    if "rss_mb_with_waiting_instances" in results:
        rss = results["rss_mb_with_waiting_instances"]
        found["rss_mb"] = {"target": TARGET_RSS_MB, "measured": rss, "met": rss <= TARGET_RSS_MB}
    return found


def report(results: dict[str, Any]) -> None:
    for process_id, figures in results["models"].items():
        print(
            f"{process_id:11} {figures['instances_per_second']:7.1f} inst/s  "
            f"latency p50 {figures['instance_latency_p50_ms']:6.1f} ms  p99 {figures['instance_latency_p99_ms']:6.1f} ms  "
            f"engine CPU {figures['engine_cpu_ms_per_instance']:5.2f} ms/inst  "
            f"spiff alone {figures['spiff_in_memory_per_second']:7.1f}/s  ratio {figures['ratio_to_spiff']:.2f}"
        )
    rate = results["fixed_rate"]
    print(
        f"fixed rate {rate['arrival_rate_per_second']:g}/s (bench-one): {rate['achieved_per_second']:.1f} inst/s  "
        f"latency p50 {rate['instance_latency_p50_ms']:.1f} ms  p99 {rate['instance_latency_p99_ms']:.1f} ms  "
        f"engine CPU {rate['engine_cpu_ms_per_instance']:.2f} ms/inst  failed {rate['failed']}"
    )
    print(
        f"job activation p50 {results['job_activation_p50_ms']:.1f} ms  p99 {results['job_activation_p99_ms']:.1f} ms"
    )
    if "rss_mb_with_waiting_instances" in results:
        print(
            f"engine RSS with {results['waiting_instances']} waiting instances: "
            f"{results['rss_mb_with_waiting_instances']:.0f} MB"
        )
    for name, target in results["targets"].items():
        print(
            f"  {name}: target {target['target']:g}, measured {target['measured']:.1f} -> "
            f"{'met' if target['met'] else 'NOT met'}"
        )


def write_results(output: Path, results: dict[str, Any]) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
