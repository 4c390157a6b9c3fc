"""What the plugin holds for one pytest process: settings, data, DUT sessions, results."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import DataFileError, Dmves, default_dmves_path, load_dmves, parse_dmves
from s1sr.dmves.table import SUFFIXES
from s1sr.dut import DutExchange, DutKind
from s1sr.evidence import RUN_DIR_ENV, SOURCE_ENV
from s1sr.models.text import clip, no_such
from s1sr.pytest_plugin.options import Settings
from s1sr.pytest_plugin.pairs import Pair, PairParam, resolve
from s1sr.pytest_plugin.run import RunRecorder, new_run_name
from s1sr.pytest_plugin.sessions import ModelSessions
from s1sr.pytest_plugin.sharding import shard_models
from s1sr.verdicts import VerdictRecord

RUN_KEY = "s1sr_run_dir"
# The DMVES each file's bytes last gave (a process runs many sessions: the sensitivity runner's
# workers, in-process runs in tests). Dmves is frozen, so a session may share another's.
_PARSED: dict[tuple[str, bytes], tuple[Catalogue, Dmves]] = {}
_KEEP = 4


def _load_dmves(path: Path | None, catalogue: Catalogue) -> Dmves:
    """``load_dmves``, parsed once per process for the same file, content and catalogue."""
    file = Path(path) if path is not None else default_dmves_path()
    if file.suffix.lower() in SUFFIXES:
        return load_dmves(file, catalogue)
    try:
        raw = file.read_bytes()
    except OSError:
        return load_dmves(file, catalogue)  # its one-line error
    key = (str(file), raw)
    parsed = _PARSED.get(key)
    if parsed is not None and parsed[0] is catalogue:
        return parsed[1]
    dmves = parse_dmves(raw, str(file), catalogue)
    _PARSED.pop(key, None)
    if len(_PARSED) >= _KEEP:
        _PARSED.pop(next(iter(_PARSED)))  # the oldest
    _PARSED[key] = (catalogue, dmves)
    return dmves


class PluginState:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.settings = Settings.from_config(config)
        workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
        self.worker = None if workerinput is None else str(workerinput.get("workerid"))
        if workerinput is not None and RUN_KEY in workerinput:
            self.run_dir = Path(workerinput[RUN_KEY])
        elif os.environ.get(RUN_DIR_ENV):
            self.run_dir = Path(os.environ[RUN_DIR_ENV])  # a launcher's shared run folder
        else:
            base = self.settings.report_dir
            if not base.is_absolute():
                base = Path(config.invocation_params.dir) / base
            self.run_dir = base / new_run_name()
        self._catalogue: Catalogue | None = None
        self._dmves: Dmves | None = None
        self._recorder: RunRecorder | None = None
        self._sessions: ModelSessions | None = None
        self._pairs: dict[PairParam, Pair] = {}
        self._clause_faults: dict[str, str] | None = None
        self._shard_models: tuple[str, ...] | None = None
        self._groups_dir: Path | None = None
        self.groups_files: list[Path] = []  # pytest-xdist workers' groups (see scheduling)
        self.results: dict[str, VerdictRecord] = {}  # node id -> record (this process saw)
        self.notes: list[str] = []

    # --- data, loaded on first need (a pytest run with no conformance test loads none) --

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = load_catalogue()
        return self._catalogue

    @property
    def dmves(self) -> Dmves:
        if self._dmves is None:
            try:
                self._dmves = _load_dmves(self.settings.dmves, self.catalogue)
            except DataFileError as exc:
                # The same one line `s1sr dmves check` prints: a usage error, not a crash.
                raise pytest.UsageError(str(exc)) from None
        return self._dmves

    def validate(self) -> None:
        """Refuse unknown ids in the options before any test runs (a usage error)."""
        settings = self.settings
        known_models = {m.id for m in self.dmves.models}
        unknown = [m for m in settings.models if m not in known_models]
        if unknown:
            raise pytest.UsageError(
                f"--device-model: not in the DMVES {self.dmves.source}: "
                + ", ".join(clip(m) for m in unknown)
            )
        unknown = [c for c in settings.clauses if not self.catalogue.has_clause(c)]
        if unknown:
            raise pytest.UsageError(
                "--clause: not in the catalogue: " + ", ".join(clip(c) for c in unknown)
            )
        if settings.faults:
            self._check_faults("--fault", settings.faults)
        if settings.clause_faults:
            self._clause_faults = self._checked_clause_faults()
        if settings.variants:
            if settings.dut.kind is not DutKind.EMULATOR:
                raise pytest.UsageError(f"--variant needs the emulator DUT, not {settings.dut}")
            from s1sr.dut.emulator import unknown_variants, variant_names

            unknown = unknown_variants(settings.variants)
            if unknown:
                message = no_such("variant", unknown, variant_names(), listing="s1sr variants")
                raise pytest.UsageError(f"--variant: {message}")

    def _check_faults(self, option: str, names: tuple[str, ...]) -> None:
        """A usage error unless the emulator DUT runs the faults and each is catalogued."""
        if self.settings.dut.kind is not DutKind.EMULATOR:
            raise pytest.UsageError(f"{option} needs the emulator DUT, not {self.settings.dut}")
        from s1sr.dut.emulator import fault_names, unknown_faults

        unknown = unknown_faults(names)
        if unknown:
            message = no_such("fault", unknown, fault_names(), listing="s1sr faults")
            raise pytest.UsageError(f"{option}: {message}")

    def _checked_clause_faults(self) -> dict[str, str]:
        """``--fault-in-clause`` by clause id; a usage error unless the emulator DUT runs
        them, each is catalogued and no two break one clause."""
        names = self.settings.clause_faults
        self._check_faults("--fault-in-clause", names)
        from s1sr.dut.emulator import fault_clause

        by_clause: dict[str, list[str]] = {}
        for name in names:
            by_clause.setdefault(fault_clause(name), []).append(name)
        clashes = [(clause, group) for clause, group in by_clause.items() if len(group) > 1]
        if clashes:
            clause, group = clashes[0]
            raise pytest.UsageError(
                f"--fault-in-clause: {', '.join(group)} all break {clause}, and a clause's "
                "tests judge one fault at a time: give them to separate runs"
            )
        return {clause: group[0] for clause, group in by_clause.items()}

    @property
    def clause_faults(self) -> dict[str, str]:
        """Clause id -> the fault of ``--fault-in-clause`` its tests' DUTs are built with."""
        if self._clause_faults is None:
            self._clause_faults = (
                self._checked_clause_faults() if self.settings.clause_faults else {}
            )
        return self._clause_faults

    def model_ids(self) -> tuple[str, ...]:
        """For xdist scheduling, which every ``-n`` run uses: a run of the library's own
        tests must not fail because the DMVES it never reads does not load."""
        try:
            return tuple(m.id for m in self.dmves.models)
        except (pytest.UsageError, OSError):
            return ()

    def installation_scopes(self) -> dict[str, str]:
        """Model id -> its installation (``han_id``), for the models that have one, when the
        DUT is outside the process: there one installation is one device, which one xdist
        worker or one shard must drive. Empty for the emulator, which builds an installation
        per model wherever it runs."""
        if self.settings.dut.kind is DutKind.EMULATOR:
            return {}
        try:
            models = self.dmves.models
        except (pytest.UsageError, OSError):
            return {}
        return {m.id: f"installation {m.han_id}" for m in models if m.han_id is not None}

    def pair(self, param: PairParam) -> Pair:
        pair = self._pairs.get(param)
        if pair is None:
            pair = self._pairs[param] = resolve(param, self.catalogue, self.dmves)
        return pair

    @property
    def shard_models(self) -> tuple[str, ...] | None:
        """With ``--shard I/N``, the Device Models this job owns (see sharding.py)."""
        settings = self.settings
        if settings.shard is None:
            return None
        if self._shard_models is None:
            models = [
                m for m in self.dmves.models if not settings.models or m.id in settings.models
            ]
            clauses = [
                c
                for c in self.catalogue.clauses
                if not settings.clauses or c.id in settings.clauses
            ]
            self._shard_models = shard_models(
                settings.shard, models, clauses, together=self.installation_scopes()
            )
        return self._shard_models

    def selected(self, param: PairParam) -> bool:
        settings = self.settings
        if settings.models and param.model_id not in settings.models:
            return False
        owned = self.shard_models
        if owned is not None and param.model_id not in owned:
            return False  # another shard's: not run, not reported
        if settings.clauses and param.clause_id not in settings.clauses:
            return False
        return not settings.mapped_only or self.pair(param).mapped

    # --- evidence and DUTs --------------------------------------------------------------

    @property
    def recorder(self) -> RunRecorder:
        if self._recorder is None:
            settings = self.settings
            metadata: dict[str, Any] = {
                "dut": str(settings.dut),
                "dmves": self.dmves.source,
                "dmves_sha256": self.dmves.sha256,
                "faults": list(settings.faults),
                "clause_faults": list(settings.clause_faults),
                "mapped_only": settings.mapped_only,
                "variants": list(settings.variants),
                "strict": settings.strict,
            }
            if settings.shard is not None:
                metadata["shard"] = str(settings.shard)
                metadata["shard_models"] = list(self.shard_models or ())
            source = self.worker or "main"
            prefix = os.environ.get(SOURCE_ENV)
            if prefix:
                source = f"{prefix}:{source}"
            self._recorder = RunRecorder(self.run_dir, source=source, metadata=metadata)
        return self._recorder

    @property
    def sessions(self) -> ModelSessions:
        if self._sessions is None:
            settings = self.settings
            self._sessions = ModelSessions(
                spec=settings.dut,
                dmves=self.dmves,
                catalogue=self.catalogue,
                faults=settings.faults,
                variants=settings.variants,
                s1sp_timeout=settings.s1sp_timeout,
                inventory_file=settings.inventory,
                record=self.record_frames,
                options={
                    "device_models": list(settings.models),
                    "clauses": list(settings.clauses),
                    "strict": settings.strict,
                    "dut_inventory": None
                    if settings.inventory is None
                    else str(settings.inventory),
                    **(settings.duis.options() if settings.duis is not None else {}),
                },
            )
        return self._sessions

    def record_frames(self, exchange: DutExchange, purpose: str) -> None:
        self.recorder.frames(exchange, purpose)

    def groups_file(self, worker: str) -> Path:
        """Where a pytest-xdist worker writes its groups: a private folder, removed at close."""
        if self._groups_dir is None:
            self._groups_dir = Path(tempfile.mkdtemp(prefix="s1sr-xdist-groups-"))
        path = self._groups_dir / f"{worker}.json"
        self.groups_files.append(path)
        return path

    def close(self) -> None:
        if self._groups_dir is not None:
            shutil.rmtree(self._groups_dir, ignore_errors=True)
        if self._sessions is not None:
            self._sessions.close()
        if self._recorder is not None:
            self._recorder.close()
