"""``s1sr emulate``: the real command in a subprocess, its errors, and its loopback warning."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from s1sr.cli import main
from s1sr.cli.emulate import loopback_warning
from s1sr.models import (
    AdvanceClock,
    ControlOutcome,
    InventoryResponse,
    ReadFirmwareVersionRequest,
    ReadInventory,
    Request,
    ResponseCode,
)
from tests.emulator.server.wire_client import WireClient
from tests.prewarmed import PrewarmedProcess, start_module

STARTUP = 30.0  # seconds a cold interpreter may take to import and bind


def _launch(
    tmp_path: Path, *options: str, fresh: bool = False
) -> tuple[subprocess.Popen[str] | PrewarmedProcess, int, Path]:
    """``python -m s1sr.cli emulate --port 0 OPTIONS``: a fresh interpreter, or (the same
    process but for its imports) one forked from a prewarmed one."""
    port_file = tmp_path / "emulator.port"
    argv = ["emulate", "--port", "0", "--port-file", str(port_file), *options]
    process: subprocess.Popen[str] | PrewarmedProcess
    if fresh:
        command = [sys.executable, "-m", "s1sr.cli", *argv]
        pipe = subprocess.PIPE
        process = subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True)
    else:
        process = start_module(
            "s1sr.cli", argv, cwd=Path.cwd(), env=os.environ, starts_pytest=False
        )
    deadline = time.monotonic() + STARTUP
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate(timeout=10)
            pytest.fail(f"s1sr emulate did not start: {out} {err}")
        time.sleep(0.05)
    return process, int(port_file.read_text(encoding="ascii")), port_file


@pytest.fixture
def launch(tmp_path: Path):
    processes: list[subprocess.Popen[str] | PrewarmedProcess] = []

    def start(
        *options: str, fresh: bool = False
    ) -> tuple[subprocess.Popen[str] | PrewarmedProcess, int, Path]:
        process, port, port_file = _launch(tmp_path, *options, fresh=fresh)
        processes.append(process)
        return process, port, port_file

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(10)


@pytest.mark.parametrize(
    ("hooks", "stop_with"),
    [(True, signal.SIGTERM), (False, signal.SIGINT)],
    ids=["hooks-sigterm", "no-hooks-sigint"],
)
def test_the_command_serves_the_wire_format_and_stops_cleanly(
    launch, han1, hooks: bool, stop_with: signal.Signals
) -> None:
    options = ["--han", "HAN-1", *(["--test-hooks"] if hooks else [])]
    process, port, port_file = launch(*options, fresh=hooks)  # one through a fresh python
    client = WireClient(("127.0.0.1", port))
    try:
        [inventory] = client.control(ReadInventory(), han1.esme)
        assert isinstance(inventory, InventoryResponse)
        assert han1.esme in {d.device for d in inventory.inventory.devices}
        [moved] = client.control(AdvanceClock(60), han1.esme)
        assert moved.outcome is (ControlOutcome.OK if hooks else ControlOutcome.REFUSED)
        [response] = client.exchange(Request(1, han1.user, han1.esme, ReadFirmwareVersionRequest()))
        assert response.code is ResponseCode.I0
    finally:
        client.close()
    process.send_signal(stop_with)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert f"on 127.0.0.1:{port}" in out
    assert "stopped" in out
    assert not port_file.exists()


def test_a_model_installation_with_faults_starts(launch, han1) -> None:
    process, port, _ = launch("--model", "EX-ESME-1", "--fault", "accepts-fractional-pounds")
    client = WireClient(("127.0.0.1", port))
    try:
        [inventory] = client.control(ReadInventory(), han1.esme)
        assert {d.model_id for d in inventory.inventory.devices} >= {"EX-ESME-1"}
    finally:
        client.close()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=20)
    assert process.returncode == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--model", "NO-SUCH-MODEL"], "NO-SUCH-MODEL"),
        (["--han", "HAN-9"], "HAN-9"),
        (["--han", "HAN-1", "--fault", "no-such-fault"], "no-such-fault"),
    ],
    ids=["unknown-model", "unknown-han", "unknown-fault"],
)
def test_an_installation_that_cannot_be_built_is_a_usage_error(
    argv: list[str], message: str, capsys
) -> None:
    assert main(["emulate", *argv, "--port", "0"]) == 2
    assert message in capsys.readouterr().err


def test_a_port_is_required() -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["emulate", "--han", "HAN-1"])
    assert stopped.value.code == 2


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "localhost"])
def test_loopback_addresses_bind_without_a_warning(address: str) -> None:
    assert loopback_warning(address) is None


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.168.1.20", "emulator.example"])
def test_other_addresses_are_bound_with_a_warning(address: str) -> None:
    warning = loopback_warning(address)
    assert warning is not None and address in warning and "not loopback" in warning


def test_a_model_is_served_in_the_installation_it_has_in_process(launch, han1) -> None:
    """One installation per model, whatever the transport: its example HAN (with the GSME
    and the DMVES's CHF), not one synthesised around it."""
    from s1sr.dmves import load_dmves
    from s1sr.dut.emulator import EmulatorDut

    dmves = load_dmves()
    model = dmves.model("EX-ESME-1")
    with EmulatorDut(dmves, model) as dut:
        in_process = {(d.id, d.device_type, d.model_id) for d in dut.inventory().devices}
    process, port, _ = launch("--model", "EX-ESME-1")
    client = WireClient(("127.0.0.1", port))
    try:
        [inventory] = client.control(ReadInventory(), han1.esme)
        served = {(d.device, d.device_type, d.model_id) for d in inventory.inventory.devices}
    finally:
        client.close()
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=20)
    assert served == in_process
    assert "EX-GSME-1" in {m for _d, _t, m in served}


@pytest.mark.parametrize("option", ["--idle-timeout", "--frame-timeout"])
@pytest.mark.parametrize("value", ["0", "-1", "nan"])
def test_a_timeout_must_be_positive(option: str, value: str, capsys) -> None:
    assert main(["emulate", "--han", "HAN-1", "--port", "0", option, value]) == 2
    assert f"{option} must be positive" in capsys.readouterr().err


def test_twenty_half_frames_lock_no_one_out_and_the_shed_is_logged(launch, han1) -> None:
    """The lockout of issue 14: ``--max-connections 20 --idle-timeout 2`` and twenty
    connections that send three header bytes, then nothing."""
    process, port, _ = launch("--han", "HAN-1", "--max-connections", "20", "--idle-timeout", "2")
    stalled = [WireClient(("127.0.0.1", port)) for _ in range(20)]
    try:
        for client in stalled:
            client.send_bytes(b"S1\x01")
        valid = WireClient(("127.0.0.1", port), timeout=1.0)  # connect and answer within 1 s
        request = Request(1, han1.user, han1.esme, ReadFirmwareVersionRequest())
        [response] = valid.exchange(request)
        assert response.code is ResponseCode.I0
        assert stalled[0].closed_by_server()  # the first in was the longest idle
        newcomer = f"127.0.0.1:{valid.sock.getsockname()[1]}"
        valid.close()
    finally:
        for client in stalled:
            client.close()
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=20)
    assert process.returncode == 0
    [shed] = [line for line in err.splitlines() if "shed connection" in line]
    assert f"for {newcomer}: at the limit of 20 connections" in shed
