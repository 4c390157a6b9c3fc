"""Signatures: a genuine signed run passes ``verify --public-key`` and ``gate --trust``; a
forger without the private key cannot make ``gate --trust`` pass, whatever they rewrite."""

from __future__ import annotations

import json
import shutil
import stat

import pytest

from s1sr.report import write_manifest
from s1sr.report.layout import SIGNATURE_FILE
from s1sr.report.signing import fingerprint, load_private_key, load_public_key, sign_manifest
from tests.report.builders import record, write_folder
from tests.report.test_forgery import forge_results

TODAY = ("--today", "2026-11-23")


def passing(folder):
    records = [record("EX-ESME-1", "18.6(b)"), record("EX-ESME-1", "18.1(v)", srv="1.1.1")]
    return write_folder(folder, records).folder


@pytest.fixture
def keys(s1sr, tmp_path):
    """name -> (private key file, public key file), made by ``s1sr report keygen``."""
    made = {}
    for name in ("lab", "other"):
        private, public = tmp_path / f"{name}.pem", tmp_path / f"{name}.pub.pem"
        code, out, _ = s1sr("report", "keygen", "--private-key", private, "--public-key", public)
        assert code == 0 and "key: SHA256:" in out
        made[name] = (private, public)
    return made


def sign(s1sr, folder, private):
    code, out, err = s1sr("report", "sign", folder, "--key", private)
    assert code == 0, err
    return out


def test_keygen_writes_a_private_key_only_its_owner_reads_and_refuses_to_overwrite(s1sr, keys):
    private, public = keys["lab"]
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert fingerprint(load_private_key(private).public_key()) == fingerprint(
        load_public_key(public)
    )
    before = private.read_bytes(), public.read_bytes()
    fresh = private.with_name("fresh.pem")
    for args in ((private, fresh), (fresh, public)):
        code, _, err = s1sr("report", "keygen", "--private-key", args[0], "--public-key", args[1])
        assert code == 2 and "refusing to overwrite" in err
    assert (private.read_bytes(), public.read_bytes()) == before
    assert not fresh.exists()


def test_a_genuine_signed_run_passes_verify_and_the_gate(s1sr, keys, tmp_path):
    private, public = keys["lab"]
    folder = passing(tmp_path / "run")
    assert f"signed ({SIGNATURE_FILE}, key SHA256:" in sign(s1sr, folder, private)
    code, out, _ = s1sr("report", "verify", folder, "--public-key", public)
    assert code == 0 and "verified with the given public key" in out
    code, out, _ = s1sr("gate", folder, "--trust", public, *TODAY)
    assert code == 0 and out.startswith("s1sr gate: PASSED")
    assert f"signed: by trusted key {fingerprint(load_public_key(public))}" in out
    code, out, _ = s1sr("gate", folder, "--trust", public, "--format", "json", *TODAY)
    assert code == 0 and json.loads(out)["signature_trusted"] is True


def test_any_one_of_several_trusted_keys_will_do(s1sr, keys, tmp_path):
    folder = passing(tmp_path / "run")
    sign(s1sr, folder, keys["other"][0])
    code, _, _ = s1sr("gate", folder, "--trust", keys["lab"][1], "--trust", keys["other"][1])
    assert code == 0


def test_verify_with_another_public_key_is_refused(s1sr, keys, tmp_path):
    folder = passing(tmp_path / "run")
    sign(s1sr, folder, keys["lab"][0])
    code, _, err = s1sr("report", "verify", folder, "--public-key", keys["other"][1])
    assert code == 2 and "which is not trusted" in err
    code, out, _ = s1sr("report", "verify", folder)  # no key: intact, signature not checked
    assert code == 0 and "not checked (give --public-key)" in out


# --- what a forger without the lab's key can do, and how each is refused ------------------


def forged_run(tmp_path, name="forged"):
    """A whole run the forger made up, every file consistent: only a signature tells it."""
    return passing(tmp_path / name)


def test_a_run_signed_with_another_key_is_refused(s1sr, keys, tmp_path):
    folder = forged_run(tmp_path)
    sign(s1sr, folder, keys["other"][0])
    code, out, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and out == ""
    other = fingerprint(load_public_key(keys["other"][1]))
    assert f"signed by key {other}, which is not trusted" in err


def test_an_unsigned_run_is_refused(s1sr, keys, tmp_path):
    genuine = write_folder(tmp_path / "genuine").folder  # a FAIL, signed by the lab
    sign(s1sr, genuine, keys["lab"][0])
    (genuine / SIGNATURE_FILE).unlink()  # stripped
    code, _, err = s1sr("gate", genuine, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and f"not signed (no {SIGNATURE_FILE})" in err
    code, _, err = s1sr("gate", forged_run(tmp_path), "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "not signed" in err


def test_a_signature_copied_from_another_run_is_refused(s1sr, keys, tmp_path):
    genuine = passing(tmp_path / "genuine")
    sign(s1sr, genuine, keys["lab"][0])
    folder = forged_run(tmp_path)
    shutil.copy(genuine / SIGNATURE_FILE, folder / SIGNATURE_FILE)
    code, _, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "does not match manifest.sha256" in err


def test_an_edit_keeping_the_old_signature_is_refused(s1sr, keys, tmp_path):
    folder = write_folder(tmp_path / "run").folder  # EX-ESME-1 FAILs 18.6(b)
    sign(s1sr, folder, keys["lab"][0])
    signature = (folder / SIGNATURE_FILE).read_bytes()
    for name in [p.name for p in folder.iterdir() if p.name != SIGNATURE_FILE]:
        (folder / name).unlink()
    passing(folder)  # every file rewritten, consistently, as a passing run
    assert (folder / SIGNATURE_FILE).read_bytes() == signature
    code, _, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "the manifest was changed after it was signed" in err
    genuine = write_folder(tmp_path / "genuine").folder
    sign(s1sr, genuine, keys["lab"][0])
    forge_results(genuine)  # one file edited, the manifest left as it was
    code, _, err = s1sr("gate", genuine, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "altered: results.json" in err


def test_a_signature_claiming_the_trusted_key_is_refused(s1sr, keys, tmp_path):
    folder = forged_run(tmp_path)
    sign(s1sr, folder, keys["other"][0])
    document = json.loads((folder / SIGNATURE_FILE).read_text())
    document["key"] = fingerprint(load_public_key(keys["lab"][1]))
    (folder / SIGNATURE_FILE).write_text(json.dumps(document))
    code, _, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "does not match manifest.sha256" in err


def test_a_malformed_signature_file_is_refused(s1sr, keys, tmp_path):
    folder = forged_run(tmp_path)
    (folder / SIGNATURE_FILE).write_text("not json")
    code, _, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "not an s1sr signature" in err


def test_a_signed_manifest_over_files_that_fail_the_cross_check_is_still_refused(
    s1sr, keys, tmp_path
):
    folder = write_folder(tmp_path / "run").folder
    forge_results(folder)
    write_manifest(folder)
    code, _, err = s1sr("report", "sign", folder, "--key", keys["lab"][0])
    assert code == 2 and "results.json disagrees with evidence.jsonl" in err
    assert not (folder / SIGNATURE_FILE).exists()
    sign_manifest(folder, load_private_key(keys["lab"][0]))  # the key holder's own mistake
    code, _, err = s1sr("gate", folder, "--trust", keys["lab"][1], *TODAY)
    assert code == 2 and "results.json disagrees with evidence.jsonl" in err


def test_the_baseline_must_be_signed_by_a_trusted_key_too(s1sr, keys, tmp_path):
    run = passing(tmp_path / "run")
    sign(s1sr, run, keys["lab"][0])
    baseline = forged_run(tmp_path, "baseline")
    code, _, err = s1sr("gate", run, "--baseline", baseline, "--trust", keys["lab"][1])
    assert code == 2 and str(baseline) in err and "not signed" in err


def test_keys_that_are_not_ed25519_pem_are_refused(s1sr, tmp_path):
    folder = passing(tmp_path / "run")
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
    code, _, err = s1sr("gate", folder, "--trust", bad)
    assert code == 2 and "bad.pem: not a PEM public key" in err
    code, _, err = s1sr("report", "sign", folder, "--key", bad)
    assert code == 2 and "bad.pem: not a PEM private key" in err
    code, _, err = s1sr("report", "sign", folder, "--key", tmp_path / "absent.pem")
    assert code == 2 and "absent.pem: cannot be read" in err


def test_signing_again_replaces_the_signature(s1sr, keys, tmp_path):
    """Only one signature is kept: the newest, over the manifest as it is."""
    folder = passing(tmp_path / "run")
    sign(s1sr, folder, keys["lab"][0])
    first = (folder / SIGNATURE_FILE).read_bytes()
    sign(s1sr, folder, keys["other"][0])
    assert (folder / SIGNATURE_FILE).read_bytes() != first
    assert s1sr("gate", folder, "--trust", keys["other"][1])[0] == 0
    assert s1sr("gate", folder, "--trust", keys["lab"][1])[0] == 2
