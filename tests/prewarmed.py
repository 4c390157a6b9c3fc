"""``python -m pytest ARGS`` (or ``python -m s1sr.cli ARGS``) as a fresh process would run
it, without its ~1.5 s of starting Python and importing pytest, hypothesis and s1sr.

Tests that run the conformance suite (or a pytester folder) through pytest, or a server
through ``s1sr emulate``, need a process of its own: the plugin, the suite's conftest, the
DUT and the server keep state over a run, and signals and exit codes are the process's.
Here one process per test process and kind (``prewarmed_zygote``) imports what they import
once and forks each run: the child gets its own folder, environment, sys.path, stdin,
stdout and stderr, and ends with the interpreter's exit code, as
``subprocess.Popen([sys.executable, "-m", MODULE, ...])`` would. Where ``os.fork`` does not
exist, each run is that subprocess.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
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
    """One prewarmed interpreter; its children run side by side. One thread reads its
    answers: a fork's pid (requests are sent one at a time, under ``lock``), and each
    child's exit code as it ends, kept by pid for whoever waits on that child."""

    def __init__(self, kind: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("S1SR_", "PYTEST_"))}
        env.pop("PYTHONPATH", None)
        self.folder = tempfile.mkdtemp(prefix="s1sr-prewarmed-")
        self._process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE.read_text(encoding="utf-8"), kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=self.folder,
            env=env,
            bufsize=0,
        )
        self.lock = threading.Lock()
        self._pids: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._codes: dict[int, int] = {}
        self._ended = False
        self._answered = threading.Condition()
        threading.Thread(target=self._read_answers, daemon=True).start()

    def alive(self) -> bool:
        return self._process.poll() is None

    def _read_answers(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            answer = json.loads(line)
            if "code" not in answer:
                self._pids.put(int(answer["pid"]))
                continue
            with self._answered:
                self._codes[int(answer["pid"])] = int(answer["code"])
                self._answered.notify_all()
        with self._answered:
            self._ended = True
            self._answered.notify_all()
        self._pids.put(None)

    def fork(self, request: dict) -> int:
        assert self._process.stdin is not None
        with self.lock:
            self._process.stdin.write(json.dumps(request).encode() + b"\n")
            pid = self._pids.get()
        if pid is None:
            raise RuntimeError("the prewarmed process ended")
        return pid

    def exit_code(self, pid: int, timeout: float | None) -> int | None:
        """Child ``pid``'s exit code; ``None`` if it has not ended within ``timeout``."""
        with self._answered:
            self._answered.wait_for(lambda: pid in self._codes or self._ended, timeout)
            if pid in self._codes:
                return self._codes.pop(pid)
            if self._ended:
                raise RuntimeError("the prewarmed process ended")
            return None

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
        shutil.rmtree(self.folder, ignore_errors=True)


_zygotes: dict[str, _Zygote] = {}


def _zygote(kind: str) -> _Zygote:
    found = _zygotes.get(kind)
    if found is None or not found.alive():
        found = _zygotes[kind] = _Zygote(kind)
        atexit.register(found.close)
    return found


class PrewarmedProcess:
    """``python -m MODULE ARGS`` forked from a prewarmed interpreter, used as a
    ``subprocess.Popen`` with ``stdout`` and ``stderr`` captured (text), or written to
    ``output`` (both, as ``stdout=FILE, stderr=subprocess.STDOUT`` would)."""

    def __init__(
        self,
        module: str,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        starts_pytest: bool,
        output: Path | None = None,
    ) -> None:
        self.args = ["python", "-m", module, *argv]
        self.returncode: int | None = None
        self._zygote = _zygote("pytest" if starts_pytest else "plain")
        scratch = None if output else Path(tempfile.mkdtemp(dir=self._zygote.folder))
        self._out = output or scratch / "stdout"
        self._err = output or scratch / "stderr"
        self.pid = self._zygote.fork(
            {
                "module": module,
                "argv": list(argv),
                "cwd": str(cwd),
                "env": dict(env),
                "pytest": starts_pytest,
                "stdout": str(self._out),
                "stderr": str(self._err),
            }
        )

    def poll(self) -> int | None:
        return self._finish(0)

    def wait(self, timeout: float | None = None) -> int:
        code = self._finish(timeout)
        if code is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return code

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        self.wait(timeout)
        return self._read(self._out), self._read(self._err)

    def _finish(self, timeout: float | None) -> int | None:
        if self.returncode is None:
            self.returncode = self._zygote.exit_code(self.pid, timeout)
        return self.returncode

    @staticmethod
    def _read(path: Path) -> str:
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def start_module(
    module: str,
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    starts_pytest: bool,
    output: Path | None = None,
) -> PrewarmedProcess | subprocess.Popen[str]:
    """``python -m MODULE ARGV`` started with its output captured (or both streams written
    to ``output``): a ``PrewarmedProcess``, or where ``os.fork`` does not exist, that
    ``subprocess.Popen``."""
    if hasattr(os, "fork"):
        return PrewarmedProcess(
            module, argv, cwd=cwd, env=env, starts_pytest=starts_pytest, output=output
        )
    command = [sys.executable, "-m", module, *argv]
    if output is None:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    with open(output, "wb") as out:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )


def run_module(
    module: str,
    *args: str | os.PathLike[str],
    cwd: Path,
    env: Mapping[str, str],
    timeout: float = 600,
    starts_pytest: bool = True,
) -> subprocess.CompletedProcess[str]:
    """What ``subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env,
    stdin=DEVNULL, capture_output=True, text=True, timeout=timeout)`` returns.
    ``starts_pytest``: the run starts pytest in its own process (which rewrites asserts)."""
    argv = [os.fspath(a) for a in args]
    process = start_module(module, argv, cwd=cwd, env=env, starts_pytest=starts_pytest)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    return subprocess.CompletedProcess(process.args, process.wait(), out, err)


def run_pytest(
    *args: str | os.PathLike[str],
    cwd: Path,
    env: Mapping[str, str],
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """``python -m pytest ARGS``, as ``run_module`` runs it."""
    return run_module("pytest", *args, cwd=cwd, env=env, timeout=timeout)


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
