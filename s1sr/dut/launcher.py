"""Run the suite over TCP against ``s1sr emulate`` servers: start them, run, stop them.

One server per Device Model, each holding that model's installation (its example HAN, or
one synthesised around it) with test hooks, so no two models share a server's state when
runs go in parallel. The suite then runs once per model (``--device-model``), ``jobs`` at a
time, each pytest appending to one shared run folder (``S1SR_RUN_DIR``; its lines tagged
by model through ``S1SR_EVIDENCE_SOURCE``); once all have ended, the launcher writes the
folder's report files once from the whole evidence log (``run_models_into_one_folder``,
which other launchers reuse). The servers are separate processes the
launcher started, and it stops exactly those (SIGTERM, then SIGKILL after a grace period).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from s1sr.catalogue import load_catalogue
from s1sr.dmves import DeviceModel, Dmves
from s1sr.evidence import EVIDENCE_FILE, RUN_DIR_ENV, SOURCE_ENV, read_evidence
from s1sr.report.finish import PART_ENV, ProcessEnd, finish_run
from s1sr.report.write import WrittenReport
from s1sr.verdicts import VerdictRecord

START_TIMEOUT = 60.0
STOP_GRACE = 10.0

Say = Callable[[str], None]


@dataclass(frozen=True)
class ModelProcess:
    """One pytest process of a run split by Device Model: its command and the DUT it runs on."""

    model_id: str
    command: tuple[str, ...]
    dut: str  # e.g. tcp://127.0.0.1:PORT, as the run metadata names it


@dataclass(frozen=True)
class ModelRun:
    model_id: str
    dut: str
    exit_code: int
    output: str


@dataclass(frozen=True)
class TcpRun:
    run_dir: Path
    runs: tuple[ModelRun, ...]
    records: tuple[VerdictRecord, ...]
    report: WrittenReport | None = None  # the folder's report files, written once at the end

    @property
    def exit_code(self) -> int:
        """0 when every model's run passed (5, "no tests", counts as passed)."""
        return 0 if all(r.exit_code in (0, 5) for r in self.runs) else 1


class ServerProcess(Protocol):
    """What the launcher does with a server it started (``subprocess.Popen`` does it)."""

    returncode: int | None

    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


def start_server(command: Sequence[str], log: Path) -> ServerProcess:
    """Start one ``s1sr emulate`` process, its stdout and stderr into ``log``. The launcher
    starts every process through this and ``run_suite`` (the library's tests fork them from
    a prewarmed interpreter instead: the same commands, environment and output)."""
    with open(log, "wb") as output:
        return subprocess.Popen(
            list(command), stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )


def run_suite(command: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one model's pytest process to its end, its output captured (text)."""
    return subprocess.run(list(command), env=dict(env), capture_output=True, text=True)


class Servers:
    """``s1sr emulate`` processes, one per Device Model; a context manager that stops them."""

    def __init__(self, dmves_path: Path, models: Sequence[DeviceModel], folder: Path) -> None:
        self._dmves_path = dmves_path
        self._models = models
        self._folder = folder
        self._processes: dict[str, ServerProcess] = {}
        self.ports: dict[str, int] = {}

    def __enter__(self) -> Servers:
        try:
            for model in self._models:
                self._start(model)
            self._wait_for_ports()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def processes(self) -> dict[str, ServerProcess]:
        """The running servers by Device Model id (what ``stop`` will end)."""
        return dict(self._processes)

    def _options(self, model: DeviceModel) -> list[str]:
        """What a server fleet of another kind adds to ``s1sr emulate``'s command (none here)."""
        return []

    def _start(self, model: DeviceModel) -> None:
        where = ["--han", model.han_id] if model.han_id else ["--model", model.id]
        command = [
            sys.executable,
            "-m",
            "s1sr.cli",
            "emulate",
            *where,
            "--test-hooks",
            "--port",
            "0",
            "--port-file",
            str(self._port_file(model.id)),
            *self._options(model),
            "--dmves",
            str(self._dmves_path),
        ]
        self._processes[model.id] = start_server(command, self._folder / f"{model.id}.log")

    def _port_file(self, model_id: str) -> Path:
        return self._folder / f"{model_id}.port"

    def _wait_for_ports(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while len(self.ports) < len(self._processes):
            for model_id, process in self._processes.items():
                if model_id in self.ports:
                    continue
                path = self._port_file(model_id)
                if path.is_file():
                    self.ports[model_id] = int(path.read_text(encoding="ascii").strip())
                elif process.poll() is not None:
                    log = (self._folder / f"{model_id}.log").read_text(errors="replace")
                    raise RuntimeError(
                        f"s1sr emulate for {model_id} exited with {process.returncode}:\n{log}"
                    )
            if time.monotonic() > deadline:
                raise TimeoutError("the emulator servers did not all start in time")
            time.sleep(0.05)

    def stop(self) -> None:
        for process in self._processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for process in self._processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._processes.clear()


def run_over_tcp(
    dmves: Dmves,
    dmves_path: Path,
    *,
    suite: Path,
    report_dir: Path,
    run_name: str,
    models: Sequence[str] = (),
    jobs: int = 2,
    pytest_args: Sequence[str] = (),
    sign_key: Ed25519PrivateKey | None = None,
    say: Say | None = None,
) -> TcpRun:
    say = say or (lambda _line: None)
    chosen = [m for m in dmves.models if not models or m.id in models]
    run_dir = report_dir.resolve() / run_name
    with tempfile.TemporaryDirectory(prefix="s1sr-tcp-") as scratch:
        say(f"starting {len(chosen)} s1sr emulate server(s)")
        with Servers(dmves_path, chosen, Path(scratch)) as servers:
            runs, report = run_suite_per_model(
                servers,
                chosen,
                dmves,
                dmves_path,
                scheme="tcp",
                suite=suite,
                run_dir=run_dir,
                models=models,
                jobs=jobs,
                pytest_args=pytest_args,
                sign_key=sign_key,
                say=say,
            )
    return TcpRun(run_dir, runs, tuple(verdicts_in(run_dir)), report)


def run_suite_per_model(
    servers: Servers,
    chosen: Sequence[DeviceModel],
    dmves: Dmves,
    dmves_path: Path,
    *,
    scheme: str,
    suite: Path,
    run_dir: Path,
    models: Sequence[str],
    jobs: int,
    pytest_args: Sequence[str],
    sign_key: Ed25519PrivateKey | None,
    say: Say,
    options: Callable[[DeviceModel], Sequence[str]] = lambda _model: (),
) -> tuple[tuple[ModelRun, ...], WrittenReport | None]:
    """The suite once per model against its server, now up (``scheme://127.0.0.1:PORT``),
    all into ``run_dir``: what every launcher does once its servers answer. ``options``
    are what a transport adds to a model's pytest command (DUIS: its keys and callback).
    """
    say("servers up: " + ", ".join(f"{m}:{p}" for m, p in servers.ports.items()))
    processes = []
    for model in chosen:
        dut = f"{scheme}://127.0.0.1:{servers.ports[model.id]}"
        command = (
            sys.executable,
            "-m",
            "pytest",
            str(suite),
            "-p",
            "s1sr.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
            f"--dut={dut}",
            *options(model),
            f"--device-model={model.id}",
            f"--dmves={dmves_path}",
            *pytest_args,
        )
        processes.append(ModelProcess(model.id, command, dut))
    return run_models_into_one_folder(
        run_dir,
        processes,
        dmves=dmves,
        device_models=models,
        jobs=jobs,
        sign_key=sign_key,
        say=say,
    )


def run_models_into_one_folder(
    run_dir: Path,
    processes: Sequence[ModelProcess],
    *,
    dmves: Dmves,
    device_models: Sequence[str] = (),
    jobs: int = 2,
    sign_key: Ed25519PrivateKey | None = None,
    say: Say | None = None,
) -> tuple[tuple[ModelRun, ...], WrittenReport | None]:
    """Run one pytest process per Device Model into the one run folder ``run_dir``, ``jobs``
    at a time, then finish the folder once: its report files from the whole evidence log,
    signed with ``sign_key`` if given (``s1sr.report.finish``).

    The reusable step of every launcher that splits a run by model (``run-tcp`` here; a DUIS
    launcher the same way): each process appends to the shared evidence log
    (``S1SR_RUN_DIR``, its lines tagged with its model through ``S1SR_EVIDENCE_SOURCE``) and
    leaves a part file (``S1SR_RUN_PART``) instead of writing report files that would hold
    only its own model. ``device_models`` is what the run was asked for (empty: every model
    of the DMVES), as the run metadata states it. The report is None when no process wrote
    any evidence; ReportError when the folder cannot be finished or signed.
    """
    say = say or (lambda _line: None)
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="s1sr-parts-") as parts:

        def one(index: int, process: ModelProcess) -> tuple[ModelRun, ProcessEnd]:
            part = Path(parts) / f"{index}.json"
            env = {
                **os.environ,
                RUN_DIR_ENV: str(run_dir),
                SOURCE_ENV: process.model_id,
                PART_ENV: str(part),
            }
            done = run_suite(process.command, env)
            say(f"{process.model_id}: pytest exit code {done.returncode}")
            run = ModelRun(
                process.model_id, process.dut, done.returncode, done.stdout + done.stderr
            )
            return run, ProcessEnd(process.model_id, done.returncode, part)

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            done = list(pool.map(one, range(len(processes)), processes))
        finished = datetime.now(UTC)
        report = finish_run(
            run_dir,
            [end for _, end in done],
            dut=", ".join(f"{p.model_id} {p.dut}" for p in processes),
            device_models=device_models,
            started=started,
            finished=finished,
            catalogue=load_catalogue(),
            dmves=dmves,
            sign_key=sign_key,
        )
    return tuple(run for run, _ in done), report


def verdicts_in(run_dir: Path) -> list[VerdictRecord]:
    """The last verdict of each node id in a run folder's evidence log."""
    path = run_dir / EVIDENCE_FILE
    if not path.is_file():
        return []
    records: dict[str, VerdictRecord] = {}
    for line in read_evidence(path):
        if line["kind"] == "verdict":
            record = VerdictRecord.from_json(line)
            records[record.node_id] = record
    return list(records.values())
