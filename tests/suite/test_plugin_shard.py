"""``--shard I/N``: N jobs judge every (model, clause) pair once, split by Device Model, the
same way whatever the machine, the hash seed or the order the models come in."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.dmves import load_dmves
from s1sr.pytest_plugin.sharding import (
    ShardSpec,
    ShardSpecError,
    model_weights,
    plan_shards,
    shard_models,
)
from tests.suite.conftest import DMVES_FILE, REPO

pytest_plugins = ["pytester"]

TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)", "18.65(d)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
"""


def real_weights():
    catalogue = load_catalogue()
    return model_weights(load_dmves(DMVES_FILE, catalogue).models, catalogue.clauses)


@pytest.mark.parametrize("text", ["1/1", "2/3", " 3 / 3 ", "16/16", "5/100"])
def test_a_shard_is_i_of_n(text):
    spec = ShardSpec.parse(text)
    assert str(spec) == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0/3", "--shard 0/3: I must be between 1 and N"),
        ("4/3", "--shard 4/3: I must be between 1 and N"),
        ("1/0", "--shard 1/0: I must be between 1 and N"),
        ("2", "--shard: expected I/N (e.g. 2/3), got '2'"),
        ("1/3/2", "expected I/N"),
        ("-1/3", "expected I/N"),
        ("a/b", "expected I/N"),
    ],
)
def test_anything_else_is_refused(text, message):
    with pytest.raises(ShardSpecError, match=re.escape(message)):
        ShardSpec.parse(text)


@pytest.mark.parametrize("count", [1, 2, 3, 5, 7, 16, 17, 40])
def test_every_model_is_in_exactly_one_shard_and_the_loads_are_balanced(count):
    weights = real_weights()
    plan = plan_shards(weights, count)
    assert len(plan) == count
    owned = [m for models in plan for m in models]
    assert sorted(owned) == sorted(weights)
    loads = [sum(weights[m] for m in models) for models in plan]
    if count <= len(weights):
        assert all(models for models in plan)
        assert max(loads) - min(loads) <= max(weights.values())
    else:
        assert [bool(models) for models in plan] == [True] * len(weights) + [False] * (
            count - len(weights)
        )


def test_the_plan_does_not_depend_on_the_order_models_come_in():
    weights = real_weights()
    items = list(weights.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert plan_shards(dict(items), 3) == plan_shards(weights, 3)


def test_the_plan_is_the_same_under_other_hash_seeds():
    code = (
        "from s1sr.catalogue import load_catalogue;from s1sr.dmves import load_dmves;"
        "from s1sr.pytest_plugin.sharding import ShardSpec, shard_models;import sys;"
        "c=load_catalogue();d=load_dmves(sys.argv[1],c);"
        "print([shard_models(ShardSpec(i,3),d.models,c.clauses) for i in (1,2,3)])"
    )
    outputs = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, str(DMVES_FILE)],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=True,
        )
        outputs.add(done.stdout)
    catalogue = load_catalogue()
    models = load_dmves(DMVES_FILE, catalogue).models
    here = [shard_models(ShardSpec(i, 3), models, catalogue.clauses) for i in (1, 2, 3)]
    assert outputs == {f"{here}\n"}


def test_weights_count_the_pairs_a_model_can_be_judged_on():
    weights = real_weights()
    assert all(w >= 1 for w in weights.values())
    assert weights["EX-ESME-1"] > weights["EX-IHD-1"]  # an IHD has few clauses of its own


def results_of(root):
    (path,) = root.glob("reports/*/results.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_three_shards_judge_every_pair_of_one_run_once(pytester, run_suite):
    pytester.makepyfile(TEST)
    run_suite()
    whole = {(p["model"], p["clause"]): p["verdict"] for p in results_of(pytester.path)["results"]}
    assert len(whole) == 32
    seen: dict[tuple[str, str], str] = {}
    owners = []
    for index in (1, 2, 3):
        shutil.rmtree(pytester.path / "reports", ignore_errors=True)
        result = run_suite(f"--shard={index}/3")
        assert result.ret in (0, 1)
        data = results_of(pytester.path)
        shard = data["metadata"]["shard"]
        assert (shard["index"], shard["count"]) == (index, 3)
        owners.append(set(shard["models"]))
        pairs = {(p["model"], p["clause"]): p["verdict"] for p in data["results"]}
        assert {model for model, _ in pairs} == set(shard["models"])  # only its own
        assert not set(pairs) & set(seen)  # no pair twice
        seen.update(pairs)
    assert seen == whole
    assert sum(len(o) for o in owners) == 16 and set().union(*owners) == {m for m, _ in whole}


def test_a_shard_past_the_models_is_an_empty_but_valid_run(pytester, run_suite):
    pytester.makepyfile(TEST)
    result = run_suite("--shard=20/20")
    assert result.ret == 0
    data = results_of(pytester.path)
    assert data["results"] == []
    assert data["metadata"]["shard"] == {"index": 20, "count": 20, "models": []}
    assert data["metadata"]["exit_status"] == 0
    (folder,) = (pytester.path / "reports").iterdir()
    session = json.loads((folder / "evidence.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert session["kind"] == "session" and session["shard"] == "20/20"


@pytest.mark.parametrize("value", ["0/2", "3/2", "two"])
def test_a_bad_shard_is_a_usage_error(pytester, run_suite, value):
    pytester.makepyfile(TEST)
    result = run_suite(f"--shard={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --shard*"])
    assert not (pytester.path / "reports").exists()


def test_a_shard_of_a_device_model_selection_splits_those_models_only(pytester, run_suite):
    pytester.makepyfile(TEST)
    chosen = ("EX-ESME-1", "EX-IHD-2", "EX-GSME-3")
    args = [f"--device-model={m}" for m in chosen]
    owned = []
    for index in (1, 2):
        shutil.rmtree(pytester.path / "reports", ignore_errors=True)
        run_suite(*args, f"--shard={index}/2")
        owned.append(results_of(pytester.path)["metadata"]["shard"]["models"])
    assert sorted(owned[0] + owned[1]) == sorted(chosen)
    assert all(owned)


@pytest.mark.parametrize("args", [["--", "--shard", "1/3"], ["--", "-q", "--shard=2/3"]])
def test_run_tcp_refuses_a_shard_it_would_apply_to_each_model_alone(args, capsys):
    from s1sr.cli import main

    assert main(["run-tcp", *args]) == 1
    err = capsys.readouterr().err
    assert err == (
        "s1sr: error: --shard: not with run-tcp (one pytest process per model); give each "
        "job its models with --device-model\n"
    )


@pytest.mark.parametrize("count", [2, 3, 4, 6])
def test_behind_an_endpoint_an_installation_goes_to_one_shard(count):
    """A DUT outside the process: one han_id's models are one device, which two jobs would
    drive at once; every model is still in exactly one shard."""
    dmves, catalogue = load_dmves(DMVES_FILE), load_catalogue()
    together = {m.id: f"installation {m.han_id}" for m in dmves.models if m.han_id is not None}
    shards = [
        shard_models(ShardSpec(i, count), dmves.models, catalogue.clauses, together=together)
        for i in range(1, count + 1)
    ]
    owned = [m for shard in shards for m in shard]
    assert sorted(owned) == sorted(m.id for m in dmves.models)
    for han in {m.han_id for m in dmves.models if m.han_id is not None}:
        members = {m.id for m in dmves.models if m.han_id == han}
        assert sum(bool(members & set(shard)) for shard in shards) == 1, han
    split = [
        shard_models(ShardSpec(i, count), dmves.models, catalogue.clauses)
        for i in range(1, count + 1)
    ]
    han1 = {m.id for m in dmves.models if m.han_id == "HAN-1"}
    assert sum(bool(han1 & set(shard)) for shard in split) > 1  # the emulator's: by model


def test_a_run_against_a_tcp_dut_shards_by_installation(pytester):
    from s1sr.pytest_plugin.hooks import state_of

    dmves = load_dmves(DMVES_FILE)
    han1 = {m.id for m in dmves.models if m.han_id == "HAN-1"}
    owned = []
    for dut in ("tcp://127.0.0.1:9", "emulator"):
        config = pytester.parseconfigure(
            "-p", "s1sr.pytest_plugin", f"--dmves={DMVES_FILE}", f"--dut={dut}", "--shard=1/4"
        )
        owned.append(set(state_of(config).shard_models or ()))
        config._ensure_unconfigure()
    behind_tcp, emulated = owned
    assert not han1 & behind_tcp or han1 <= behind_tcp  # all of HAN-1 or none of it
    assert behind_tcp != emulated
