"""The suite's command-line options, and the settings read from them.

``--strict`` is pytest's own (pytest 9 makes it turn on every strictness option); the suite
reads it as well: with it, an INCONCLUSIVE verdict fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from s1sr.dut import DutKind, DutSpec, DutSpecError
from s1sr.pytest_plugin.sharding import ShardSpec, ShardSpecError

DEFAULT_REPORT_DIR = "reports"


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("s1sr", "s1sr conformance suite (SMETS1 S1SR Section 18)")
    group.addoption(
        "--dut",
        default="emulator",
        help="device under test: 'emulator' (default), 'tcp://HOST:PORT', "
        "'duis+http://HOST:PORT' (or duis+https: the suite as a DCC User, see docs/duis.md) "
        "or 'python:module:factory' (your adapter; factory(model) -> DeviceUnderTest)",
    )
    group.addoption(
        "--device-model",
        action="append",
        default=[],
        dest="s1sr_models",
        metavar="ID",
        help="run this Device Model only (repeatable; default: every model in the DMVES)",
    )
    group.addoption(
        "--dmves",
        default=None,
        dest="s1sr_dmves",
        metavar="FILE",
        help="the DMVES TOML file (default: S1SR_DMVES, else the project's example)",
    )
    group.addoption(
        "--clause",
        action="append",
        default=[],
        dest="s1sr_clauses",
        metavar="ID",
        help="run this clause only, e.g. '18.6(b)' (repeatable)",
    )
    group.addoption(
        "--report-dir",
        default=DEFAULT_REPORT_DIR,
        dest="s1sr_report_dir",
        metavar="DIR",
        help="where each run writes <UTC timestamp>-<id>/ (default: reports/)",
    )
    group.addoption(
        "--fault",
        action="append",
        default=[],
        dest="s1sr_faults",
        metavar="NAME",
        help="emulator DUT only: build it with this catalogued fault (repeatable)",
    )
    group.addoption(
        "--fault-in-clause",
        action="append",
        default=[],
        dest="s1sr_clause_faults",
        metavar="NAME",
        help="emulator DUT only: this catalogued fault in the DUTs of its own clause's tests "
        "and no others, so the faults of different clauses are judged apart in one run "
        "(repeatable, one fault per clause; the sensitivity run's batches)",
    )
    group.addoption(
        "--variant",
        action="append",
        default=[],
        dest="s1sr_variants",
        metavar="NAME",
        help="emulator DUT only: build it as this allowed variant of a correct device, e.g. "
        "another S1SP timeout or the S1SP's own alert codes (repeatable; docs/suite.md lists them)",
    )
    group.addoption(
        "--s1sp-timeout",
        type=float,
        default=None,
        dest="s1sr_s1sp_timeout",
        metavar="SECONDS",
        help="the S1SP timeout the DUT uses (a DUT without clock control is waited for "
        "that long, plus a margin, before the suite gives up with ERROR)",
    )
    group.addoption(
        "--dut-inventory",
        default=None,
        dest="s1sr_inventory",
        metavar="FILE",
        help="TCP DUT: a TOML file naming its devices and DCC Users (see docs/suite.md)",
    )
    group.addoption(
        "--duis-listen",
        default="127.0.0.1:0",
        dest="s1sr_duis_listen",
        metavar="HOST:PORT",
        help="DUIS DUT: where the suite receives the DCC's callbacks, path /smartdcc/duis "
        "(default 127.0.0.1:0, any free port)",
    )
    group.addoption(
        "--duis-keys",
        default=None,
        dest="s1sr_duis_keys",
        metavar="DIR",
        help="DUIS DUT: the key folder (xml-sign-<user EUI>-ds.pem/.key to sign each user's "
        "requests; every certificate in it trusted to verify answers)",
    )
    group.addoption(
        "--duis-schema",
        default=None,
        dest="s1sr_duis_schema",
        metavar="DIR",
        help="DUIS DUT: validate every message against SEC's DUIS schema in DIR",
    )
    group.addoption(
        "--duis-counter-file",
        default=None,
        dest="s1sr_duis_counter_file",
        metavar="PATH",
        help="DUIS DUT: the originator counters' file (default: s1sr/duis-counters.json "
        "under the user's state folder)",
    )
    group.addoption(
        "--shard",
        default=None,
        dest="s1sr_shard",
        metavar="I/N",
        help="judge only shard I of N, split by Device Model the same way on every machine "
        "(a CI matrix of N jobs covers every pair once; `s1sr report merge` joins them)",
    )
    group.addoption(
        "--mapped-only",
        action="store_true",
        default=False,
        dest="s1sr_mapped_only",
        help="only the pairs whose clause the DMVES maps to the model: the baseline and "
        "NOT_APPLICABLE pairs are deselected, not run (a fault's carriers, for sensitivity)",
    )
    group.addoption(
        "--allow-missing-clauses",
        action="store_true",
        default=False,
        dest="s1sr_allow_missing",
        help="do not fail when a testable catalogue clause has no conformance test",
    )
    group.addoption(
        "--sign-key",
        default=None,
        dest="s1sr_sign_key",
        metavar="FILE",
        help="sign the run's manifest with this Ed25519 private key (PEM; `s1sr report "
        "keygen` makes one); `s1sr gate --trust PUBLIC` then accepts only signed runs",
    )


@dataclass(frozen=True)
class Settings:
    dut: DutSpec
    models: tuple[str, ...]
    dmves: Path | None
    clauses: tuple[str, ...]
    report_dir: Path
    faults: tuple[str, ...]
    variants: tuple[str, ...]
    s1sp_timeout: timedelta | None
    inventory: Path | None
    strict: bool
    allow_missing: bool
    shard: ShardSpec | None = None
    sign_key: Path | None = None  # the private key the run's manifest is signed with
    duis: DuisSettings | None = None  # the DUIS DUT's options (None: defaults)
    # --fault-in-clause: each in the DUTs of its own clause's tests only
    clause_faults: tuple[str, ...] = ()
    mapped_only: bool = False  # --mapped-only: behaviour pairs only

    @classmethod
    def from_config(cls, config: pytest.Config) -> Settings:
        try:
            dut = DutSpec.parse(config.getoption("dut"))
        except DutSpecError as exc:
            raise pytest.UsageError(str(exc)) from exc
        timeout = config.getoption("s1sr_s1sp_timeout")
        if timeout is not None and timeout <= 0:
            raise pytest.UsageError("--s1sp-timeout must be a positive number of seconds")
        shard = config.getoption("s1sr_shard")
        try:
            shard = None if shard is None else ShardSpec.parse(shard)
        except ShardSpecError as exc:
            raise pytest.UsageError(str(exc)) from exc
        dmves = config.getoption("s1sr_dmves")
        inventory = config.getoption("s1sr_inventory")
        sign_key = config.getoption("s1sr_sign_key")
        return cls(
            dut=dut,
            models=tuple(dict.fromkeys(config.getoption("s1sr_models"))),
            dmves=None if dmves is None else Path(dmves),
            clauses=tuple(dict.fromkeys(config.getoption("s1sr_clauses"))),
            report_dir=Path(config.getoption("s1sr_report_dir")),
            faults=tuple(dict.fromkeys(config.getoption("s1sr_faults"))),
            variants=tuple(dict.fromkeys(config.getoption("s1sr_variants"))),
            s1sp_timeout=None if timeout is None else timedelta(seconds=timeout),
            inventory=None if inventory is None else Path(inventory),
            strict=_strict(config),
            allow_missing=bool(config.getoption("s1sr_allow_missing")),
            shard=shard,
            sign_key=None if sign_key is None else Path(sign_key),
            duis=DuisSettings.from_config(config, dut),
            clause_faults=tuple(dict.fromkeys(config.getoption("s1sr_clause_faults"))),
            mapped_only=bool(config.getoption("s1sr_mapped_only")),
        )


@dataclass(frozen=True)
class DuisSettings:
    listen: tuple[str, int] = ("127.0.0.1", 0)
    keys: Path | None = None
    schema: Path | None = None
    counter_file: Path | None = None

    @classmethod
    def from_config(cls, config: pytest.Config, dut: DutSpec) -> DuisSettings:
        text = str(config.getoption("s1sr_duis_listen"))
        host, sep, port = text.rpartition(":")
        if not sep or not port.isdigit() or int(port) > 65535:
            raise pytest.UsageError(f"--duis-listen {text}: expected HOST:PORT")
        keys = config.getoption("s1sr_duis_keys")
        if dut.kind is DutKind.DUIS and keys is None:
            raise pytest.UsageError(
                f"--dut {dut}: give the DUIS key folder with --duis-keys DIR "
                "(`s1sr duis keygen DIR` makes a test one)"
            )
        schema = config.getoption("s1sr_duis_schema")
        counters = config.getoption("s1sr_duis_counter_file")
        return cls(
            (host.strip("[]") or "127.0.0.1", int(port)),
            None if keys is None else Path(keys),
            None if schema is None else Path(schema),
            None if counters is None else Path(counters),
        )

    def options(self) -> dict[str, object]:
        """As the DUT factory reads them (``open_dut(options=...)``)."""
        return {
            "duis_listen": self.listen,
            "duis_keys": self.keys,
            "duis_schema": self.schema,
            "duis_counter_file": self.counter_file,
        }


def _strict(config: pytest.Config) -> bool:
    if config.getoption("strict", default=False):
        return True
    try:
        return bool(config.getini("strict"))
    except (ValueError, KeyError):
        return False
