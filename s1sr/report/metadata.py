"""What a run was: suite version, DUT, DMVES, options, times, how pytest ended.

Two runs are only comparable when their metadata is; ``s1sr report diff`` shows where it
differs. The plugin fills it in at the end of a session: nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from s1sr.models import ModelError
from s1sr.models.dates import require_utc
from s1sr.report.errors import ReportError
from s1sr.report.jsonread import Fields, iso

# pytest's exit statuses that mean the run did not get to judge everything it collected.
INCOMPLETE_EXIT = {2: "interrupted", 3: "internal error", 4: "usage error"}


@dataclass(frozen=True)
class RunOptions:
    """The suite options the run was started with (empty tuples: no restriction)."""

    device_models: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # emulator variants (s1sr/emulator/data/variants.toml)
    strict: bool = False
    s1sp_timeout: float | None = None  # seconds
    dut_inventory: str | None = None
    workers: int = 0  # pytest-xdist workers; 0 = one process
    clause_faults: tuple[str, ...] = ()  # --fault-in-clause: each in its clause's tests only
    mapped_only: bool = False  # --mapped-only: baseline and NOT_APPLICABLE pairs deselected

    def __post_init__(self) -> None:
        for name in ("device_models", "clauses", "faults", "variants", "clause_faults"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise ModelError(f"{name} must be a tuple of strings")
        for flag in ("strict", "mapped_only"):
            if not isinstance(getattr(self, flag), bool):
                raise ModelError(f"{flag} must be a bool")
        if self.s1sp_timeout is not None and not (
            isinstance(self.s1sp_timeout, int | float) and self.s1sp_timeout > 0
        ):
            raise ModelError("s1sp_timeout must be a positive number of seconds or None")
        if not isinstance(self.workers, int) or isinstance(self.workers, bool) or self.workers < 0:
            raise ModelError("workers must be a non-negative integer")

    def to_json(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def pairs_text(self) -> str:
        """Which pairs of the models and clauses chosen were run."""
        return "mapped in the DMVES only (--mapped-only)" if self.mapped_only else "all"

    def faults_text(self) -> str:
        """The faults for a reader: those in every DUT, then those in one clause's only."""
        parts = list(self.faults)
        if self.clause_faults:
            parts.append(f"each in its own clause's tests only: {', '.join(self.clause_faults)}")
        return "; ".join(parts) or "none"

    @classmethod
    def from_fields(cls, data: Fields) -> RunOptions:
        timeout = data.data.get("s1sp_timeout")
        if timeout is not None:
            timeout = data.number("s1sp_timeout")
        return cls(
            device_models=data.texts("device_models"),
            clauses=data.texts("clauses"),
            faults=data.texts("faults"),
            variants=data.texts("variants") if "variants" in data.data else (),
            strict=data.boolean("strict"),
            s1sp_timeout=timeout,
            dut_inventory=data.text("dut_inventory", optional=True),
            workers=data.integer("workers") or 0,
            clause_faults=data.texts("clause_faults") if "clause_faults" in data.data else (),
            mapped_only=data.boolean("mapped_only") if "mapped_only" in data.data else False,
        )


@dataclass(frozen=True)
class ShardInfo:
    """One of N jobs of a run split by Device Model (``--shard I/N``): the models it owns.

    ``s1sr report merge`` joins the N folders into one; see docs/reports.md.
    """

    index: int  # 1..count
    count: int
    models: tuple[str, ...]  # the Device Models this shard judges, sorted

    def __post_init__(self) -> None:
        for name in ("index", "count"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ModelError(f"shard {name} must be an integer")
        if not 1 <= self.index <= self.count:
            raise ModelError(f"shard {self.index}/{self.count}: need 1 <= I <= N")
        if not isinstance(self.models, tuple) or not all(isinstance(m, str) for m in self.models):
            raise ModelError("shard models must be a tuple of strings")

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "count": self.count, "models": list(self.models)}

    @classmethod
    def from_fields(cls, data: Fields) -> ShardInfo:
        return cls(
            index=data.integer("index") or 0,
            count=data.integer("count") or 0,
            models=data.texts("models"),
        )


@dataclass(frozen=True)
class RunMetadata:
    run: str  # the run folder's name: <UTC timestamp>-<short id>
    suite_version: str
    started: datetime
    finished: datetime
    dut: str  # the --dut spec: "emulator", "tcp://HOST:PORT", "python:module:factory"
    dmves_source: str
    dmves_sha256: str
    options: RunOptions
    exit_status: int  # pytest's
    other_failures: tuple[str, ...] = ()  # failed tests that gave no verdict (e.g. coverage)
    python: str = ""
    platform: str = ""
    shard: ShardInfo | None = None  # a --shard I/N run: one part of a run split by model
    merged_from: tuple[str, ...] = ()  # a merged run: its shards' "<run> (I/N)"

    def __post_init__(self) -> None:
        for name in ("run", "suite_version", "dut"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ModelError(f"{name} must be a non-empty string")
        for name in ("dmves_source", "dmves_sha256", "python", "platform"):
            if not isinstance(getattr(self, name), str):
                raise ModelError(f"{name} must be a string")
        require_utc(self.started, "started")
        require_utc(self.finished, "finished")
        if self.finished < self.started:
            raise ModelError("finished must not be before started")
        if not isinstance(self.options, RunOptions):
            raise ModelError("options must be RunOptions")
        if not isinstance(self.exit_status, int) or isinstance(self.exit_status, bool):
            raise ModelError("exit_status must be an integer")
        if not isinstance(self.other_failures, tuple) or not all(
            isinstance(v, str) for v in self.other_failures
        ):
            raise ModelError("other_failures must be a tuple of node ids")
        if self.shard is not None and not isinstance(self.shard, ShardInfo):
            raise ModelError("shard must be ShardInfo or None")
        if not isinstance(self.merged_from, tuple) or not all(
            isinstance(v, str) for v in self.merged_from
        ):
            raise ModelError("merged_from must be a tuple of strings")

    @property
    def duration_s(self) -> float:
        return (self.finished - self.started).total_seconds()

    @property
    def incomplete(self) -> str | None:
        """Why the run did not judge everything it collected, or None."""
        return INCOMPLETE_EXIT.get(self.exit_status)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "run": self.run,
            "suite_version": self.suite_version,
            "started": iso(self.started),
            "finished": iso(self.finished),
            "duration_s": round(self.duration_s, 3),
            "dut": self.dut,
            "dmves": {"source": self.dmves_source, "sha256": self.dmves_sha256},
            "options": self.options.to_json(),
            "exit_status": self.exit_status,
            "other_failures": list(self.other_failures),
            "python": self.python,
            "platform": self.platform,
        }
        if self.shard is not None:  # only then: an unsharded run's file is as it was
            data["shard"] = self.shard.to_json()
        if self.merged_from:
            data["merged_from"] = list(self.merged_from)
        return data

    @classmethod
    def from_fields(cls, data: Fields) -> RunMetadata:
        dmves = data.child("dmves")
        try:
            return cls(
                run=data.required_text("run", empty=False),
                suite_version=data.required_text("suite_version", empty=False),
                started=data.instant("started"),
                finished=data.instant("finished"),
                dut=data.required_text("dut", empty=False),
                dmves_source=dmves.required_text("source"),
                dmves_sha256=dmves.required_text("sha256"),
                options=RunOptions.from_fields(data.child("options")),
                exit_status=data.integer("exit_status") or 0,
                other_failures=data.texts("other_failures"),
                python=data.required_text("python"),
                platform=data.required_text("platform"),
                shard=ShardInfo.from_fields(data.child("shard")) if "shard" in data.data else None,
                merged_from=data.texts("merged_from") if "merged_from" in data.data else (),
            )
        except ModelError as exc:
            raise ReportError(str(exc), data.file, data.path) from exc


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
