"""``python -m pytest ARGS`` as a fresh process would run it, without its ~1.3 s of imports.

Tests that run the conformance suite (or a pytester folder) through pytest need a process
of its own: the plugin, the suite's conftest and the DUT keep state over a session. Most of
such a process's time is starting Python and importing pytest, hypothesis and s1sr. Here one
process per test process (``prewarmed_zygote``) imports them once and forks each run: the
child gets its own folder, environment, sys.path, stdin, stdout and stderr, and ends with
the interpreter's exit code, as ``subprocess.run([sys.executable, "-m", "pytest", ...])``
would. Where ``os.fork`` does not exist, each run is that subprocess.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

ZYGOTE = Path(__file__).with_name("prewarmed_zygote.py")


class _Zygote:
    def __init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
        env.pop("PYTHONPATH", None)
        self._folder = tempfile.mkdtemp(prefix="s1sr-prewarmed-")
        self._process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE.read_text(encoding="utf-8")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=self._folder,
            env=env,
        )
        self._lock = threading.Lock()

    def alive(self) -> bool:
        return self._process.poll() is None

    def run(
        self, argv: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        with self._lock, tempfile.TemporaryDirectory(dir=self._folder) as scratch:
            out, err = Path(scratch) / "stdout", Path(scratch) / "stderr"
            request = {
                "argv": list(argv),
                "cwd": str(cwd),
                "env": dict(env),
                "stdout": str(out),
                "stderr": str(err),
            }
            assert self._process.stdin is not None and self._process.stdout is not None
            self._process.stdin.write(json.dumps(request).encode() + b"\n")
            self._process.stdin.flush()
            pid = json.loads(self._process.stdout.readline())["pid"]
            fired = threading.Event()
            timer = threading.Timer(timeout, _kill, (pid, fired))
            timer.start()
            try:
                line = self._process.stdout.readline()
            finally:
                timer.cancel()
            if not line:
                raise RuntimeError("the prewarmed pytest process ended")
            code = json.loads(line)["code"]
            if fired.is_set():
                raise subprocess.TimeoutExpired(["python", "-m", "pytest", *argv], timeout)
            return subprocess.CompletedProcess(
                ["python", "-m", "pytest", *argv],
                code,
                out.read_text(encoding="utf-8", errors="replace"),
                err.read_text(encoding="utf-8", errors="replace"),
            )

    def close(self) -> None:
        """Stop the process (it ends when its stdin closes) and remove its folder."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _kill(pid: int, fired: threading.Event) -> None:
    fired.set()
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


_zygote: _Zygote | None = None


def _the_zygote() -> _Zygote:
    global _zygote
    if _zygote is None or not _zygote.alive():
        _zygote = _Zygote()
        atexit.register(_zygote.close)
    return _zygote


def run_pytest(
    *args: str | os.PathLike[str],
    cwd: Path,
    env: Mapping[str, str],
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """What ``subprocess.run([sys.executable, "-m", "pytest", *args], cwd=cwd, env=env,
    capture_output=True, text=True, timeout=timeout)`` returns (stdin /dev/null)."""
    argv = [os.fspath(a) for a in args]
    if not hasattr(os, "fork"):
        return subprocess.run(
            [sys.executable, "-m", "pytest", *argv],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return _the_zygote().run(argv, cwd, env, timeout)


def runpytest_subprocess(
    pytester: pytest.Pytester, *args: str | os.PathLike[str]
) -> pytest.RunResult:
    """``pytester.runpytest_subprocess(*args)``, run by ``run_pytest``: the same arguments
    (``--basetemp`` in a fresh numbered folder, pytester's plugins by name), folder and
    environment (``PYTHONPATH`` led by the folder)."""
    from _pytest.pathlib import make_numbered_dir

    basetemp = make_numbered_dir(root=pytester.path, prefix="runpytest-", mode=0o700)
    argv: tuple[str | os.PathLike[str], ...] = (f"--basetemp={basetemp}", *args)
    for plugin in pytester.plugins:
        if not isinstance(plugin, str):
            raise ValueError(f"pytester subprocess mode takes plugins by name: {plugin}")
        argv = ("-p", plugin, *argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [os.getcwd(), env.get("PYTHONPATH", "")]))
    started = time.monotonic()
    done = run_pytest(*argv, cwd=Path.cwd(), env=env)
    (pytester.path / "stdout").write_text(done.stdout, encoding="utf-8")
    (pytester.path / "stderr").write_text(done.stderr, encoding="utf-8")
    return pytest.RunResult(
        done.returncode,
        done.stdout.splitlines(),
        done.stderr.splitlines(),
        time.monotonic() - started,
    )
