"""The process ``tests.prewarmed`` forks ``python -m MODULE`` runs from (run as ``python -c``).

It imports pytest, its plugins and s1sr once (``pytest`` kind: what pytest rewrites, through
pytest's rewriting hook; ``plain`` kind: s1sr's commands, no hook), then for each request
(a JSON line on stdin: module, argv, cwd, env, whether the run starts pytest, and the files
for stdout and stderr) forks a child that becomes what a fresh ``python -m MODULE ARGS``
started in that folder with that environment would be: sys.path as ``-m`` and PYTHONPATH
make it, stdin from /dev/null, stdout and stderr to the files, the exit code the
interpreter's (the child leaves by the module's ``SystemExit``, so atexit handlers run and
output is flushed as at any interpreter's end). It answers the child's pid at once, then
its exit code when it ends; children run side by side. Nothing has run in this process before the fork but imports: no session,
plugin or suite state can leak from one run into the next. Kept free of imports from
``tests``.
"""

import importlib
import itertools
import json
import os
import runpy
import select
import signal
import sys

# What the suite's pytest runs import: pytest's plugins (their distributions' modules are
# imported through pytest's assertion rewriting, as a run imports them) and s1sr.
PREIMPORT = (
    "pytest",
    "xdist.plugin",
    "_hypothesis_pytestplugin",
    "hypothesis",
    "platformdirs",
    "s1sr.dut.emulator",
    "s1sr.emulator",
    "s1sr.report",
    "s1sr.dut.duis",
)
# Named by ``-p`` (the suite's addopts, pytester folders): marked for rewriting only then.
NEVER = ("s1sr.pytest_plugin",)


def _rewritten_names(argv: list | None = None) -> set[str]:
    """What pytest marks for assertion rewriting as it starts (``_mark_plugins_for_rewrite``
    in this folder and sys.path): every pytest11 distribution's top-level modules."""
    import importlib.metadata

    from _pytest import config

    argv = argv or []
    if "--assert=plain" in argv or ("--assert", "plain") in itertools.pairwise(argv):
        return set()
    names = set(NEVER)
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return names
    for dist in importlib.metadata.distributions():
        points = [ep for ep in dist.entry_points if ep.group == "pytest11"]
        if not points:
            continue
        found = set(config._iter_rewritable_modules(str(f) for f in dist.files or []))
        if not found:  # an editable install (pytest marks its plugins' outermost packages)
            find = getattr(config, "_plugin_rewrite_name", None)
            for ep in points:
                module = ep.value.partition(":")[0].strip()
                found.add((find(module) if find else None) or module)
        names |= found
    return names


def _under(name: str, marked: set[str]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in marked)


def _rewriting_hook(marked: set[str]):
    """pytest's own assertion-rewriting import hook with ``marked`` marked, so a module a run
    would rewrite is preimported rewritten, as the run would import it (``None`` if this
    pytest's internals differ: those modules are then left to each run)."""
    try:
        from _pytest.assertion import AssertionState
        from _pytest.assertion.rewrite import AssertionRewritingHook, assertstate_key
        from _pytest.config import get_config

        config = get_config()
        config.stash[assertstate_key] = AssertionState(config, "rewrite")
        hook = AssertionRewritingHook(config)
        hook.mark_rewrite(*marked)
        return hook
    except Exception:  # any difference in pytest's internals: those modules are left to runs
        return None


def _is_rewritten(module: object) -> bool:
    from _pytest.assertion.rewrite import AssertionRewritingHook

    return isinstance(getattr(module, "__loader__", None), AssertionRewritingHook)


def preimport(kind: str = "pytest") -> None:
    """Import ``PREIMPORT``; what pytest would rewrite, through its rewriting hook (the
    ``plain`` kind: s1sr's command modules, nothing rewritten)."""
    import _pytest.assertion.rewrite  # noqa: F401 - the hook's type, for _is_rewritten

    if kind == "plain":
        import s1sr.cli

        for name in s1sr.cli.COMMAND_MODULES:
            importlib.import_module(f"s1sr.cli.{name}")
        return
    marked = _rewritten_names()
    hook = _rewriting_hook(marked)
    if hook is not None:
        sys.meta_path.insert(0, hook)
    try:
        for name in PREIMPORT:
            if _under(name, set(NEVER)) or (hook is None and _under(name, marked)):
                continue
            try:
                importlib.import_module(name)
            except ImportError:
                pass  # an optional plugin not installed: the run imports what it needs
    finally:
        if hook is not None:
            sys.meta_path.remove(hook)


def _as_this_run_imports(argv: list, pytest: bool) -> None:
    """Forget every imported module this run would load otherwise: one its pytest rewrites
    that was imported plain, or one imported rewritten that it does not rewrite (a run
    that starts no pytest rewrites nothing)."""
    from importlib.machinery import SourceFileLoader

    marked = _rewritten_names(argv) if pytest else set()
    for name, module in list(sys.modules.items()):
        rewritten = _is_rewritten(module)
        source = isinstance(getattr(module, "__loader__", None), SourceFileLoader)
        if (_under(name, marked) and (rewritten or source)) != rewritten:
            del sys.modules[name]


def _would_import(name: str):
    """Where a fresh interpreter with this sys.path would find top-level ``name``."""
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        spec = find(name, None) if find is not None else None
        if spec is not None:
            return spec.origin
    return None


def _forget_shadowed() -> None:
    """Forget every preimported package this run's sys.path finds elsewhere, so the run
    imports it from there, as a fresh process would: under tox the zygote imported the
    installed s1sr, and a run started in the checkout finds the checkout's s1sr first."""
    tops = {name.partition(".")[0] for name in sys.modules} - set(sys.stdlib_module_names)
    for top in tops:
        module = sys.modules.get(top)
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if not origin or not os.path.isabs(origin):
            continue  # built-in, frozen or a namespace package
        there = _would_import(top)
        if there is None or os.path.realpath(there) != os.path.realpath(origin):
            for name in [n for n in sys.modules if n == top or n.startswith(top + ".")]:
                del sys.modules[name]


def _child(request: dict, base_path: list) -> None:
    """Become ``python -m MODULE`` for this request: ends by raising its ``SystemExit``."""
    cwd = request["cwd"]
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(request["env"])
    extra = [p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
    sys.path[:] = [cwd, *extra, *base_path]
    importlib.invalidate_caches()
    _forget_shadowed()
    _as_this_run_imports(request["argv"], request["pytest"])
    for fd, path, flags in (
        (0, os.devnull, os.O_RDONLY),
        (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
    ):
        if fd == 2 and path == request["stdout"]:  # as stderr=subprocess.STDOUT: one file
            os.dup2(1, 2)
            continue
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    sys.argv = ["-m", *request["argv"]]
    runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
    raise SystemExit(0)  # as an interpreter ends when its __main__ returns


def serve(kind: str) -> None:
    """Answer requests until stdin closes and every child has ended (a forked child leaves
    by ``SystemExit``). Children run side by side (a launcher's servers and suite runs):
    each request is answered with its child's pid at once, and each child's exit code,
    tagged with its pid, as it ends (SIGCHLD wakes the one loop; no thread is ever forked)."""
    preimport(kind)
    base_path = sys.path[1:]  # without '' (``-c``): the child puts its own folder first
    requests, answers = sys.stdin.fileno(), sys.stdout.buffer
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.signal(signal.SIGCHLD, lambda _signum, _frame: None)
    signal.set_wakeup_fd(wake_write)
    running: set[int] = set()
    pending, reading = b"", True
    while reading or running:
        watched = [wake_read, requests] if reading else [wake_read]
        ready, _, _ = select.select(watched, [], [])
        if wake_read in ready:
            while True:
                try:
                    if not os.read(wake_read, 512):
                        break
                except BlockingIOError:
                    break
        while running:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            running.discard(pid)
            code = os.waitstatus_to_exitcode(status)
            answers.write(json.dumps({"pid": pid, "code": code}).encode() + b"\n")
            answers.flush()
        if requests not in ready:
            continue
        chunk = os.read(requests, 65536)
        reading = bool(chunk)
        pending += chunk
        while b"\n" in pending:
            line, _, pending = pending.partition(b"\n")
            request = json.loads(line)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.close(wake_read)
                os.close(wake_write)
                _child(request, base_path)
            running.add(pid)
            answers.write(json.dumps({"pid": pid}).encode() + b"\n")
            answers.flush()


if __name__ == "__main__":
    serve(sys.argv[1] if len(sys.argv) > 1 else "pytest")
