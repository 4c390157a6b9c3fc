"""``s1sr run ... --sign-key KEY`` on the emulator: the run's folder is signed as it is
written, ``verify --public-key`` and ``gate --trust`` accept it and no other key; a key
that cannot be used stops the run before any test (a usage error, not a late surprise)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from s1sr.report.layout import SIGNATURE_FILE
from s1sr.report.signing import fingerprint, generate_keys, load_public_key
from tests.in_process import suite_modules_dropped
from tests.report.builders import REPO

# The signed run is a module fixture: one xdist worker (tox: --dist loadgroup) makes it.
pytestmark = [pytest.mark.xdist_group("report-signed-run"), pytest.mark.heavy]


def s1sr_run(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "-m", "s1sr.cli", "run", "-p", "no:cacheprovider", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("signed")
    private, public = tmp / "lab.pem", tmp / "lab.pub.pem"
    generate_keys(private, public)
    reports = tmp / "reports"
    done = s1sr_run(
        tmp,
        "--device-model",
        "EX-ESME-1",
        "--clause",
        "18.6(b)",
        "--report-dir",
        reports,
        "--sign-key",
        private,
    )
    folders = list(reports.iterdir())
    assert done.returncode == 0 and len(folders) == 1, done.stdout[-3000:] + done.stderr
    return done, folders[0], public, tmp


def test_the_run_signs_its_folder_and_says_so(signed):
    done, folder, public, _ = signed
    assert (folder / SIGNATURE_FILE).is_file()
    assert f"report signed: {SIGNATURE_FILE} by key {fingerprint(load_public_key(public))}" in (
        done.stdout
    )


def test_verify_and_the_gate_accept_it_with_its_key_only(s1sr, signed):
    _, folder, public, tmp = signed
    code, out, _ = s1sr("report", "verify", folder, "--public-key", public)
    assert code == 0 and "verdicts agree with evidence.jsonl" in out
    code, out, _ = s1sr("gate", folder, "--trust", public)
    assert code == 0 and out.startswith("s1sr gate: PASSED") and "1 PASS" in out
    generate_keys(tmp / "other.pem", tmp / "other.pub.pem")
    code, _, err = s1sr("gate", folder, "--trust", tmp / "other.pub.pem")
    assert code == 2 and "which is not trusted" in err


def test_a_key_that_cannot_be_used_stops_the_run_before_it_starts(tmp_path, s1sr, monkeypatch):
    """``s1sr run`` in this process (it stops before collecting the suite): the same
    environment as a run of its own: no S1SR_* variable or PYTEST_ADDOPTS, from the checkout."""
    for name in [n for n in os.environ if n.startswith(("S1SR_", "PYTEST_ADDOPTS"))]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(REPO)
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key")
    reports = tmp_path / "reports"
    with suite_modules_dropped():
        code, _, err = s1sr(
            "run",
            "-p",
            "no:cacheprovider",
            "--device-model",
            "EX-ESME-1",
            "--report-dir",
            reports,
            "--sign-key",
            bad,
        )
    assert code == 4  # pytest's usage error
    assert "--sign-key: " in err and "bad.pem: not a PEM private key" in err
    assert not reports.exists()
