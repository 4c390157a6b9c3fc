"""The wheel, installed into a fresh venv, runs the suite from an empty folder.

An installed s1sr must not need the checkout: the suite and the default DMVES travel inside the
package. Under tox (``package = wheel``) the environment running these tests already is such a
venv: tox builds the wheel from this checkout on every run and installs it there (not
editable) with its dependencies, and nothing else of the project. Then that installed ``s1sr``
is run, once its files are found to be this checkout's, byte for byte: the same check without
building and installing everything a second time. Otherwise (a developer's editable install, or an installed copy of
other sources) the wheel is built and installed into a fresh venv here; the dependencies
come from pip's configured index (or wheelhouse), and when it cannot be reached the test is
skipped with pip's reason, never failed. Either way every command runs from an empty folder
with no ``PYTHON*`` or ``S1SR_*`` variable, so the checkout cannot leak in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
import venv
from importlib import metadata
from pathlib import Path

import pytest

# ``installed`` is a module fixture (a venv, when it must be made): one xdist worker makes it.
pytestmark = [pytest.mark.xdist_group("installed-package"), pytest.mark.heavy]

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


# Where each folder of the installed package comes from in the checkout (setup.py's mapping).
_SOURCES = {
    "s1sr/conformance": "conformance",
    "s1sr/device_models": "device_models",
    "s1sr": "s1sr",
}


def _checkout_files() -> dict[str, Path]:
    """The checkout's files the wheel ships, by their path in the installed package."""
    files = {}
    for installed, source in _SOURCES.items():
        for path in (REPO / source).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.setdefault(f"{installed}/{path.relative_to(REPO / source).as_posix()}", path)
    return files


def _this_wheel_installed() -> Path | None:
    """The scripts folder of the running environment when it holds this checkout's wheel.

    That is: s1sr installed in the environment's own site-packages (looked up there, not on
    ``sys.path``, which holds the checkout), from an archive (``direct_url.json``), not
    editable, with its console script, and its files exactly the checkout's files.
    """
    site = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    dists = list(metadata.distributions(name="s1sr", path=site))
    if len(dists) != 1:
        return None
    direct = json.loads(dists[0].read_text("direct_url.json") or "{}")
    if "archive_info" not in direct or direct.get("dir_info", {}).get("editable"):
        return None
    scripts = Path(sysconfig.get_path("scripts"))
    if not any((scripts / name).is_file() for name in ("s1sr", "s1sr.exe")):
        return None
    shipped = {str(f): f for f in dists[0].files or () if str(f).startswith("s1sr/")}
    shipped = {name: f for name, f in shipped.items() if "__pycache__" not in name}
    checkout = _checkout_files()
    if shipped.keys() != checkout.keys():
        return None
    for name, file in shipped.items():
        if Path(file.locate()).read_bytes() != checkout[name].read_bytes():
            return None
    return scripts


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding only the wheel built from this checkout: the
    running tox environment when it is one, else one made here."""
    scripts = _this_wheel_installed()
    if scripts is not None:
        return scripts
    root = tmp_path_factory.mktemp("installed")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)  # the test's own pip: a tox env made by uv has none
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    wheels = root / "wheels"
    _pip(bin_dir / "python", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO), cwd=root)
    (wheel,) = wheels.glob("s1sr-*.whl")
    _pip(bin_dir / "python", "install", "-q", str(wheel), cwd=root)  # and what it declares
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
