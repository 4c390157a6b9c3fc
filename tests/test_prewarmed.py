"""``tests.prewarmed`` runs ``python -m pytest`` as a fresh process would: same exit code,
output, folder, environment, sys.path and stdin, and no warning that a module pytest would
rewrite was imported before it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.prewarmed import run_module, run_pytest, start_module

PROBE = """
import os, sys

def test_where_it_runs():
    print("cwd", os.getcwd())
    print("path0", sys.path[0])
    print("pythonpath", [p for p in sys.path if p.endswith("extra-folder")])
    print("probe", os.environ.get("PREWARMED_PROBE"))
    print("stdin", repr(sys.stdin.read()))
    print("s1sr_env", sorted(k for k in os.environ if k.startswith("S1SR_")))

def test_a_failure_is_reported():
    assert 1 + 1 == 3
"""


def _normalised(text: str) -> str:
    return re.sub(r"in \d+\.\d+s", "in Ns", text)


def test_a_prewarmed_run_is_what_a_fresh_process_prints(tmp_path: Path) -> None:
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
    env["PREWARMED_PROBE"] = "seen"
    env["PYTHONPATH"] = str(tmp_path / "extra-folder")
    args = ["-s", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-W", "error::Warning"]
    prewarmed = run_pytest(*args, cwd=tmp_path, env=env, timeout=120)
    fresh = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert prewarmed.returncode == fresh.returncode == 1
    assert _normalised(prewarmed.stdout) == _normalised(fresh.stdout)
    assert prewarmed.stderr == fresh.stderr
    assert f"cwd {tmp_path}" in prewarmed.stdout and f"path0 {tmp_path}" in prewarmed.stdout
    assert "probe seen" in prewarmed.stdout and "stdin ''" in prewarmed.stdout
    assert "assert (1 + 1) == 3" in prewarmed.stdout  # rewritten: the failing expression shown
    assert "RewriteWarning" not in prewarmed.stdout + prewarmed.stderr


def test_a_package_the_runs_folder_shadows_is_imported_from_there(tmp_path: Path) -> None:
    """A fresh ``python -m`` started in a folder holding a package of a preimported name
    imports the folder's (tox: the installed s1sr preimported, the checkout's s1sr in the
    folder a run starts in); the prewarmed run must too."""
    (tmp_path / "s1sr").mkdir()
    (tmp_path / "s1sr" / "__init__.py").write_text("SHADOW = True\n", encoding="utf-8")
    (tmp_path / "probe.py").write_text(
        "import s1sr\nprint(s1sr.__file__, getattr(s1sr, 'SHADOW', False))\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
    env.pop("PYTHONPATH", None)
    prewarmed = run_module("probe", cwd=tmp_path, env=env, timeout=120, starts_pytest=False)
    fresh = subprocess.run(
        [sys.executable, "-m", "probe"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fresh.stdout == f"{tmp_path / 's1sr' / '__init__.py'} True\n"
    assert prewarmed.stdout == fresh.stdout


WAITER = """
import pathlib, sys, time
deadline = time.monotonic() + 60
while not pathlib.Path("go").exists() and time.monotonic() < deadline:
    time.sleep(0.01)
print("went", flush=True)
print("to stderr", file=sys.stderr, flush=True)
sys.exit(3 if pathlib.Path("go").exists() else 1)
"""


def test_runs_of_one_kind_go_side_by_side_each_with_its_exit_code(tmp_path: Path) -> None:
    """A launcher's servers and suite runs live at once: a second run of the same kind
    starts while the first still runs (the first waits for what the second does), and each
    run's exit code and output are its own."""
    (tmp_path / "waiter.py").write_text(WAITER, encoding="utf-8")
    (tmp_path / "starter.py").write_text(
        "import pathlib, sys\npathlib.Path('go').touch()\nsys.exit(4)\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
    env.pop("PYTHONPATH", None)
    log = tmp_path / "waiter.log"
    waiter = start_module("waiter", [], cwd=tmp_path, env=env, starts_pytest=False, output=log)
    try:
        starter = run_module("starter", cwd=tmp_path, env=env, timeout=60, starts_pytest=False)
        assert starter.returncode == 4
        assert waiter.wait(60) == 3
    finally:
        if waiter.poll() is None:
            waiter.kill()
            waiter.wait()
    assert log.read_text(encoding="utf-8") == "went\nto stderr\n"
