"""manifest.sha256: sha256sum format over every other file; verify names what changed."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

import pytest

from s1sr.report import MANIFEST_FILE, ReportError, verify_manifest, write_manifest


@pytest.fixture
def folder(tmp_path):
    run = tmp_path / "run"
    (run / "sub").mkdir(parents=True)
    (run / "results.json").write_text('{"a": 1}\n')
    (run / "evidence.jsonl").write_text("{}\n")
    (run / "sub" / "extra.txt").write_text("x")
    write_manifest(run)
    return run


def test_lists_every_other_file_with_its_sha256_in_sha256sum_format(folder):
    lines = (folder / MANIFEST_FILE).read_text().splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "evidence.jsonl",
        "results.json",
        "sub/extra.txt",
    ]
    for line in lines:
        assert re.fullmatch(r"[0-9a-f]{64}  \S+", line)
    digest = hashlib.sha256(b'{"a": 1}\n').hexdigest()
    assert f"{digest}  results.json" in lines


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="no sha256sum here")
def test_sha256sum_checks_it_without_s1sr(folder):
    done = subprocess.run(
        ["sha256sum", "-c", MANIFEST_FILE], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_untouched_folder_verifies(folder):
    check = verify_manifest(folder)
    assert check.ok and check.checked == 3 and check.problems() == []


def test_one_byte_changed_is_named_as_altered(folder):
    path = folder / "results.json"
    data = bytearray(path.read_bytes())
    data[2] ^= 0x01
    path.write_bytes(bytes(data))
    check = verify_manifest(folder)
    assert not check.ok
    assert check.altered == ("results.json",) and not check.added and not check.missing
    assert check.problems() == ["altered: results.json"]


def test_added_and_missing_files_are_named(folder):
    (folder / "sub" / "extra.txt").unlink()
    (folder / "notes.txt").write_text("added later")
    check = verify_manifest(folder)
    assert check.added == ("notes.txt",)
    assert check.missing == ("sub/extra.txt",)
    assert check.checked == 2


def test_a_folder_without_manifest_is_not_a_verified_report(tmp_path):
    (tmp_path / "results.json").write_text("{}")
    with pytest.raises(ReportError, match=r"manifest\.sha256: missing"):
        verify_manifest(tmp_path)


def test_a_path_that_is_not_a_folder_is_refused(tmp_path):
    with pytest.raises(ReportError, match="not a folder"):
        verify_manifest(tmp_path / "nothing-here")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not a manifest line", "line 1: not '<sha256>  <name>'"),
        (f"{'0' * 64}  ../outside.txt", "not a plain relative path"),
        (f"{'0' * 64}  /etc/passwd", "not a plain relative path"),
        (f"{'0' * 63}  short.txt", "line 1: not"),
    ],
    ids=["garbage", "parent-dir", "absolute", "short-digest"],
)
def test_a_malformed_manifest_is_refused_naming_the_line(tmp_path, line, message):
    (tmp_path / MANIFEST_FILE).write_text(line + "\n")
    with pytest.raises(ReportError, match=re.escape(message)):
        verify_manifest(tmp_path)


def test_a_name_listed_twice_is_refused(tmp_path):
    digest = hashlib.sha256(b"").hexdigest()
    (tmp_path / "a").write_text("")
    (tmp_path / MANIFEST_FILE).write_text(f"{digest}  a\n{digest} *a\n")
    with pytest.raises(ReportError, match="line 2: a is listed twice"):
        verify_manifest(tmp_path)


def test_binary_mode_lines_are_read_too(tmp_path):
    (tmp_path / "a").write_bytes(b"\x00\x01")
    digest = hashlib.sha256(b"\x00\x01").hexdigest()
    (tmp_path / MANIFEST_FILE).write_text(f"{digest} *a\n")
    assert verify_manifest(tmp_path).ok
