"""The wheel, installed into a fresh venv, runs the suite from an empty folder.

An installed s1sr must not need the checkout: the suite and the default DMVES travel inside the
package. The project's dependencies come from pip's configured index (or wheelhouse); when it
cannot be reached the test is skipped with pip's reason, never failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# What pip says when it cannot reach an index, not when the package is wrong.
_UNREACHABLE = (
    "No matching distribution found",
    "Could not find a version that satisfies",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ProxyError",
    "ReadTimeoutError",
)


def _pip(python: Path | str, *args: str, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTHON"))}
    done = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        output = done.stdout + done.stderr
        if any(marker in output for marker in _UNREACHABLE):
            pytest.skip(f"package index unreachable: {output.strip().splitlines()[-1]}")
        pytest.fail(f"pip {' '.join(args)} failed:\n{output[-3000:]}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding only the wheel built from this checkout."""
    root = tmp_path_factory.mktemp("installed")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)  # the test's own pip: a tox env made by uv has none
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    wheels = root / "wheels"
    _pip(bin_dir / "python", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO), cwd=root)
    (wheel,) = wheels.glob("s1sr-*.whl")
    _pip(bin_dir / "python", "install", "-q", str(wheel), "pytest", cwd=root)
    return bin_dir


def _run(bin_dir: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTHON"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_the_installed_suite_runs_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    done = _run(installed, "s1sr", "run", "--device-model", "EX-ESME-1", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "0 FAIL, 0 ERROR" in done.stdout
    (run_dir,) = (tmp_path / "reports").iterdir()
    results = json.loads((run_dir / "results.json").read_text())
    verdicts = {r["verdict"] for r in results["results"]}
    assert "PASS" in verdicts
    assert {r["model"] for r in results["results"]} == {"EX-ESME-1"}


def test_suite_and_dmves_are_found_inside_the_installed_package(
    installed: Path, tmp_path: Path
) -> None:
    """``run-tcp``, ``sensitivity`` and ``emulate`` locate the suite and the DMVES the same way."""
    probe = (
        "import s1sr, json\n"
        "from s1sr.pytest_plugin.locate import find_suite\n"
        "from s1sr.dmves import default_dmves_path, load_dmves\n"
        "print(json.dumps([s1sr.__file__, str(find_suite()), str(default_dmves_path()),"
        " len(load_dmves().models)]))\n"
    )
    done = _run(installed, "python", "-c", probe, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    package, suite, dmves, models = json.loads(done.stdout)
    package_dir = Path(package).parent
    assert Path(suite) == package_dir / "conformance"
    assert Path(dmves) == package_dir / "device_models" / "dmves.toml"
    assert models > 0
    listed = _run(installed, "s1sr", "models", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "EX-ESME-1" in listed.stdout
