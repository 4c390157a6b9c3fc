"""``s1sr run-duis``: the suite over DUIS and HTTP against ``s1sr emulate --duis`` servers.

As ``run-tcp`` does for TCP: a throwaway test PKI (as ``s1sr duis keygen`` writes) shared by both
sides, one ``s1sr emulate --duis --test-hooks`` per Device Model, each told to call back a
port chosen here for that model's suite process (``--duis-listen``), the suite run once per
model into one run folder, which is finished once from the whole evidence log
(``run_suite_per_model``); the servers started here, and only those, are stopped.
"""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.duis.paths import CALLBACK_PATH
from s1sr.dut.launcher import (
    Say,
    Servers,
    TcpRun,
    run_suite_per_model,
    verdicts_in,
)
from s1sr.models import EUI64, ModelError


def free_port(host: str = "127.0.0.1") -> int:
    """A port free now, for a listener the suite process opens a moment later."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def users_of(dmves: Dmves, models: Sequence[DeviceModel]) -> list[str]:
    """Every DCC User of the installations the servers will hold (each needs a key pair)."""
    from s1sr.dut.emulator import EmulatorDut

    users: dict[str, None] = {}
    for model in models:
        for user in EmulatorDut(dmves, model).inventory().users:
            users[str(user)] = None
    return list(users)


def keygen(folder: Path, users: Sequence[str]) -> None:
    """The test PKI both sides use: what ``s1sr duis keygen`` writes (the DCC's pair and each
    user's), written here by the codec's writer, not by a Python process started for it."""
    from s1sr.codecs.duis.pki import write_test_pki

    try:
        write_test_pki(folder, [EUI64.parse(user) for user in users])
    except (ModelError, ValueError, OSError) as exc:
        raise RuntimeError(f"s1sr duis keygen failed: {exc}") from exc


class DuisServers(Servers):
    """``s1sr emulate --duis`` processes, one per Device Model, each with its callback."""

    def __init__(
        self,
        dmves_path: Path,
        models: Sequence[DeviceModel],
        folder: Path,
        *,
        keys: Path,
        callbacks: dict[str, int],
    ) -> None:
        super().__init__(dmves_path, models, folder)
        self._keys = keys
        self._callbacks = callbacks

    def _options(self, model: DeviceModel) -> list[str]:
        return [
            "--duis",
            "--callback",
            f"http://127.0.0.1:{self._callbacks[model.id]}{CALLBACK_PATH}",
            "--keys",
            str(self._keys),
        ]


def run_over_duis(
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
    counter_file: Path | None = None,
    say: Say | None = None,
) -> TcpRun:
    say = say or (lambda _line: None)
    chosen = [m for m in dmves.models if not models or m.id in models]
    run_dir = report_dir.resolve() / run_name
    with tempfile.TemporaryDirectory(prefix="s1sr-duis-") as scratch:
        keys = Path(scratch) / "keys"
        keygen(keys, users_of(dmves, chosen))
        callbacks = {m.id: free_port() for m in chosen}
        counters = counter_file or Path(scratch) / "counters.json"
        say(f"starting {len(chosen)} s1sr emulate --duis server(s)")
        with DuisServers(
            dmves_path, chosen, Path(scratch), keys=keys, callbacks=callbacks
        ) as servers:
            runs, report = run_suite_per_model(
                servers,
                chosen,
                dmves,
                dmves_path,
                scheme="duis+http",
                suite=suite,
                run_dir=run_dir,
                models=models,
                jobs=jobs,
                pytest_args=pytest_args,
                sign_key=sign_key,
                say=say,
                options=lambda model: (
                    f"--duis-keys={keys}",
                    f"--duis-listen=127.0.0.1:{callbacks[model.id]}",
                    f"--duis-counter-file={counters}",
                ),
            )
    return TcpRun(run_dir, runs, tuple(verdicts_in(run_dir)), report)
