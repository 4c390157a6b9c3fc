"""``s1sr report merge``: shard folders joined as one run wrote them, or refused line by line."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from s1sr.evidence import EVIDENCE_FILE, read_evidence
from s1sr.gate import decide
from s1sr.report import (
    RESULTS_FILE,
    RunOptions,
    generate_keys,
    load_private_key,
    load_run,
    sign_run,
    verify_manifest,
    write_manifest,
)
from s1sr.report.merge import MergeRefused, merge_runs
from s1sr.report.metadata import ShardInfo
from tests.report.builders import STARTED, frame, metadata, record, write_folder

MODELS = ("EX-ESME-1", "EX-GSME-1", "EX-IHD-1")
OPTIONS = RunOptions(device_models=MODELS, clauses=("18.6(b)", "18.1(v)"))
TODAY = date(2026, 11, 23)


def records_of(model):
    """18.6(b) FAILs on the ESME, 18.1(v) passes; each verdict points at one frame line."""
    failing = model == "EX-ESME-1"
    return [
        record(
            model,
            "18.6(b)",
            "FAIL" if failing else "PASS",
            f"expected S1PX01 on {model}" if failing else "",
            evidence=("main-1",),
        ),
        record(model, "18.1(v)", "PASS", srv="1.1.1", evidence=("main-2",)),
    ]


def shard(tmp_path, index, count, models, *, name=None, clauses=None, **meta):
    """A shard's folder, as `--shard index/count` writes it for ``models``."""
    folder = tmp_path / (name or f"shard{index}")
    records = [r for m in models for r in records_of(m)]
    if clauses is not None:
        records = [r for r in records if r.clause_id in clauses]
    lines = [("frame", frame("out", "AA01")), ("frame", frame("in", "BB02"))]
    changes = {"options": OPTIONS, **meta}
    changes.setdefault("started", STARTED + timedelta(minutes=index))
    changes.setdefault("finished", changes["started"] + timedelta(seconds=5))
    info = ShardInfo(index, count, tuple(sorted(models)))
    write_folder(
        folder,
        records,
        lines=lines,
        meta=metadata(run=folder.name, shard=info, **changes),
    )
    return folder


@pytest.fixture
def shards(tmp_path):
    return [
        shard(tmp_path, 1, 3, ["EX-ESME-1"]),
        shard(tmp_path, 2, 3, ["EX-GSME-1"]),
        shard(tmp_path, 3, 3, ["EX-IHD-1"]),
    ]


def test_merged_folder_holds_every_pair_verifies_and_gates_like_one_run(tmp_path, shards):
    out = tmp_path / "merged"
    written = merge_runs(out, list(reversed(shards)))  # any order
    assert verify_manifest(out).ok
    merged = load_run(out).results
    single = write_folder(
        tmp_path / "single",
        [r for m in MODELS for r in records_of(m)],
        lines=[("frame", frame("out", "AA01")), ("frame", frame("in", "BB02"))],
        meta=metadata(run="single", options=OPTIONS),
    ).results
    assert written.results == merged
    assert [(p.key, p.verdict, p.reason) for p in merged.pairs] == [
        (p.key, p.verdict, p.reason) for p in single.pairs
    ]
    assert decide(merged, today=TODAY).to_json() == decide(single, today=TODAY).to_json()
    meta = merged.metadata
    assert meta.run == "merged" and meta.shard is None and meta.options == OPTIONS
    assert meta.merged_from == tuple(f"shard{i} ({i}/3)" for i in (1, 2, 3))
    assert meta.started == STARTED + timedelta(minutes=1)
    assert meta.finished == STARTED + timedelta(minutes=3, seconds=5)


def test_merged_evidence_keeps_every_line_with_unique_ids_the_verdicts_point_to(tmp_path, shards):
    out = tmp_path / "merged"
    merge_runs(out, shards)
    lines = list(read_evidence(out / EVIDENCE_FILE))
    originals = [line for s in shards for line in read_evidence(s / EVIDENCE_FILE)]
    assert len(lines) == len(originals)
    by_id = {line["id"]: line for line in lines}
    assert len(by_id) == len(lines)  # shard2-main-1 and shard3-main-1 kept apart
    assert {line["run"] for line in lines} == {"merged"}
    results = load_run(out).results
    for pair in results.pairs:
        for test in pair.tests:
            assert test.evidence, pair.key
            assert all(by_id[e]["kind"] == "frame" for e in test.evidence)
    verdicts = [line for line in lines if line["kind"] == "verdict"]
    assert all(e in by_id for v in verdicts for e in v["evidence"])
    assert by_id["shard2-main-1"]["hex"] == "AA01"


def test_an_empty_shard_counts_and_a_single_shard_of_one_merges(tmp_path):
    folders = [
        shard(tmp_path, 1, 4, ["EX-ESME-1", "EX-IHD-1"]),
        shard(tmp_path, 2, 4, ["EX-GSME-1"]),
        shard(tmp_path, 3, 4, []),
        shard(tmp_path, 4, 4, []),
    ]
    merged = merge_runs(tmp_path / "m4", folders).results
    assert len(merged.pairs) == 6
    one = shard(tmp_path, 1, 1, list(MODELS), name="whole")
    assert len(merge_runs(tmp_path / "m1", [one]).results.pairs) == 6


def refusal(out, folders):
    with pytest.raises(MergeRefused) as caught:
        merge_runs(out, folders)
    assert not out.exists()  # nothing written
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
    return caught.value.problems


def test_a_missing_shard_is_named_with_the_models_no_shard_judged(tmp_path, shards):
    problems = refusal(tmp_path / "out", [shards[0], shards[2]])
    assert problems == (
        "missing shard 2/3",
        "missing pairs: no shard judged Device Models EX-GSME-1",
    )


def test_overlapping_and_repeated_shards_are_refused(tmp_path, shards):
    other = shard(tmp_path, 3, 3, ["EX-IHD-1", "EX-GSME-1"], name="other3")
    problems = refusal(tmp_path / "out", [*shards[:2], other])
    assert problems == (
        f"overlapping pairs: Device Model EX-GSME-1 is in shard 2/3 ({shards[1]}) "
        f"and shard 3/3 ({other})",
    )
    problems = refusal(tmp_path / "out", [*shards, shards[1]])
    assert problems == (f"shard 2/3 ({shards[1]}): shard 2/3 given twice (also {shards[1]})",)


def test_pairs_missing_inside_a_shard_are_named(tmp_path, shards):
    short = shard(tmp_path, 2, 3, ["EX-GSME-1"], name="short", clauses={"18.6(b)"})
    problems = refusal(tmp_path / "out", [shards[0], short, shards[2]])
    assert problems == (
        "missing pairs: judged for some Device Models, not for others: EX-GSME-1 18.1(v)",
    )


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ({"dmves_sha256": "cd" * 32}, "DMVES SHA-256 '" + "cd" * 32 + "' differs"),
        ({"suite_version": "0.2.0"}, "suite version '0.2.0' differs from"),
        ({"dut": "tcp://bench:4059"}, "DUT 'tcp://bench:4059' differs from"),
        (
            {"options": RunOptions(device_models=MODELS, clauses=("18.6(b)",))},
            "option clauses [18.6(b)] differs from",
        ),
        (
            {"options": RunOptions(device_models=MODELS, clauses=OPTIONS.clauses, strict=True)},
            "option strict True differs from",
        ),
    ],
)
def test_shards_of_another_run_are_refused(tmp_path, shards, change, line):
    odd = shard(tmp_path, 3, 3, ["EX-IHD-1"], name="odd", **change)
    problems = refusal(tmp_path / "out", [*shards[:2], odd])
    assert len(problems) == 1
    assert problems[0].startswith(f"shard 3/3 ({odd}): ") and line in problems[0]
    assert f"shard 1/3 ({shards[0]})'s" in problems[0]


def test_the_worker_count_may_differ_and_the_merge_keeps_the_largest(tmp_path, shards):
    wide = RunOptions(device_models=MODELS, clauses=OPTIONS.clauses, workers=4)
    odd = shard(tmp_path, 3, 3, ["EX-IHD-1"], name="wide", options=wide)
    merged = merge_runs(tmp_path / "out", [*shards[:2], odd]).results
    assert merged.metadata.options.workers == 4


def test_unsharded_incomplete_and_tampered_folders_are_refused(tmp_path, shards):
    plain = write_folder(tmp_path / "plain", meta=metadata(run="plain", options=OPTIONS)).folder
    killed = shard(tmp_path, 2, 3, ["EX-GSME-1"], name="killed", exit_status=2)
    forged = shard(tmp_path, 3, 3, ["EX-IHD-1"], name="forged")
    (forged / "summary.md").write_text("all fine\n", encoding="utf-8")
    problems = refusal(tmp_path / "out", [plain, killed, forged])
    assert problems[0] == f"{plain}: not a shard: run plain was made without --shard"
    assert problems[1] == f"{killed}: incomplete run (pytest exit status 2: interrupted)"
    assert problems[2].startswith(f"{forged}: ") and "summary.md" in problems[2]
    assert len(problems) == 3


def test_a_results_file_edited_with_its_manifest_recomputed_is_refused(tmp_path, shards):
    results = shards[0] / RESULTS_FILE
    data = json.loads(results.read_text(encoding="utf-8"))
    failing = next(p for p in data["results"] if p["verdict"] == "FAIL")
    failing["verdict"] = failing["tests"][0]["verdict"] = "PASS"
    results.write_text(json.dumps(data), encoding="utf-8")
    write_manifest(shards[0])
    problems = refusal(tmp_path / "out", shards)
    assert len(problems) == 1 and problems[0].startswith(str(shards[0]))


def test_an_existing_output_folder_is_not_overwritten(tmp_path, shards):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(MergeRefused, match="already exists"):
        merge_runs(out, shards)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_cli_merges_and_refuses_with_one_line_per_reason(tmp_path, shards, s1sr):
    code, out, err = s1sr("report", "merge", tmp_path / "m", *shards)
    assert code == 0, err
    assert "merged 3 shards: 6 pairs (1 FAIL, 0 ERROR, 0 INCONCLUSIVE, 5 PASS" in out
    code, _, _ = s1sr("gate", tmp_path / "m", "--today", "2026-11-23")
    assert code == 1  # the FAIL of EX-ESME-1 blocks, as in one run
    code, out, err = s1sr("report", "merge", tmp_path / "n", shards[0])
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "s1sr: error: missing shard 2/3",
        "s1sr: error: missing shard 3/3",
        "s1sr: error: missing pairs: no shard judged Device Models EX-GSME-1, EX-IHD-1",
    ]


@pytest.fixture
def keys(tmp_path):
    """Two key pairs: (private, public) of the lab's key, then of another."""
    pairs = []
    for name in ("lab", "other"):
        generate_keys(tmp_path / f"{name}.pem", tmp_path / f"{name}.pub")
        pairs.append((tmp_path / f"{name}.pem", tmp_path / f"{name}.pub"))
    return pairs


def test_trusted_shards_merge_into_a_signed_folder_the_gate_trusts(tmp_path, shards, keys, s1sr):
    (lab_key, lab_pub), _ = keys
    for folder in shards:
        sign_run(folder, load_private_key(lab_key))
    out = tmp_path / "merged"
    code, text, err = s1sr(
        "report", "merge", out, *shards, "--trust", lab_pub, "--sign-key", lab_key
    )
    assert code == 0, err
    assert "every shard signed by a trusted key" in text and "signed: manifest.sha256.sig" in text
    code, _, err = s1sr("report", "verify", out, "--public-key", lab_pub)
    assert code == 0, err
    code, text, err = s1sr("gate", out, "--trust", lab_pub, "--today", "2026-11-23")
    assert code == 1 and "FAILED" in text  # trusted, and judged: EX-ESME-1's FAIL blocks


def test_with_trust_an_unsigned_or_otherwise_signed_shard_is_refused(tmp_path, shards, keys, s1sr):
    (lab_key, lab_pub), (other_key, _) = keys
    sign_run(shards[0], load_private_key(lab_key))
    sign_run(shards[1], load_private_key(other_key))
    code, out, err = s1sr("report", "merge", tmp_path / "m", *shards, "--trust", lab_pub)
    assert code == 2 and out == "" and not (tmp_path / "m").exists()
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"s1sr: error: {shards[1]}: signed by key SHA256:")
    assert "not trusted" in lines[0]
    assert lines[1].startswith(f"s1sr: error: {shards[2]}: not signed")


def test_a_shard_of_another_catalogue_or_dmves_is_refused(tmp_path, shards):
    results = shards[1] / RESULTS_FILE
    data = json.loads(results.read_text(encoding="utf-8"))
    data["clauses"][2]["title"] = "another catalogue's wording"
    data["models"][0]["firmware_declared"] = "99999999"
    results.write_text(json.dumps(data), encoding="utf-8")
    write_manifest(shards[1])
    problems = refusal(tmp_path / "out", shards)
    clause, model = data["clauses"][2]["id"], data["models"][0]["id"]
    assert problems == (
        f"shard 2/3 ({shards[1]}): catalogue (clause {clause}) differs from "
        f"shard 1/3 ({shards[0]})'s",
        f"shard 2/3 ({shards[1]}): DMVES (Device Model {model}) differs from "
        f"shard 1/3 ({shards[0]})'s",
    )
