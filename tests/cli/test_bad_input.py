"""Bad input to the suite is a usage error naming the problem, never a traceback.

``pytest conformance --dmves FILE`` (and ``$S1SR_DMVES``) reads a file with the loader every
command uses and, when it does not validate, ends with exit 4 and the one line ``s1sr dmves
check`` prints; echoed input is cut to a readable length.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from s1sr.dmves import export_csv, load_dmves
from tests.dmves.builders import toml_document, valid_model
from tests.prewarmed import run_pytest

REPO = Path(__file__).resolve().parents[2]
USAGE_ERROR = 4
LONG_ID = "X" * 100_000


def _bad_files(folder: Path) -> dict[str, Path]:
    texts = {
        "unknown-clause": toml_document([valid_model(clauses=["18.999(z)"])]),
        "duplicate-id": toml_document([valid_model(), valid_model()]),
        "wrong-type": toml_document([valid_model(bilingual="no")]),
        "long-id": toml_document([valid_model(id=LONG_ID)]),
        "garbage": "\x00 garbage = = [[",
    }
    files = {}
    for name, text in texts.items():
        files[name] = folder / f"{name}.toml"
        files[name].write_text(text, encoding="utf-8")
    files["missing"] = folder / "missing.toml"
    files["bad-csv"] = folder / "bad.csv"
    files["bad-csv"].write_text("id,clauses\nX,Y\n", encoding="utf-8")
    return files


def _suite(
    *args: str, cwd: Path, env: dict[str, str] | None = None, fresh: bool = False
) -> subprocess.CompletedProcess:
    """``python -m pytest conformance ARGS``: forked from a prewarmed interpreter (the same
    process a fresh one would be, without its imports), or with ``fresh`` a new process."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("S1SR_")}
    command = [str(REPO / "conformance"), "-p", "no:cacheprovider", "-q", *args]
    if not fresh:
        return run_pytest(*command, cwd=cwd, env={**base, **(env or {})}, timeout=300)
    return subprocess.run(
        [sys.executable, "-m", "pytest", *command],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    "name",
    ["unknown-clause", "duplicate-id", "wrong-type", "long-id", "garbage", "missing", "bad-csv"],
)
def test_an_invalid_dmves_is_a_usage_error_with_the_check_message(name, s1sr, tmp_path):
    path = _bad_files(tmp_path)[name]
    checked = s1sr("dmves", "check", str(path))
    assert checked.code == 1
    message = checked.err.removeprefix("s1sr: error: ").strip()
    assert message and "\n" not in message
    done = _suite("--dmves", str(path), cwd=tmp_path)
    assert done.returncode == USAGE_ERROR, done.stdout[-2000:] + done.stderr[-2000:]
    output = done.stdout + done.stderr
    assert "INTERNALERROR" not in output and "Traceback" not in output
    assert f"ERROR: {message}" in output


def test_an_invalid_dmves_from_the_environment_is_a_usage_error(tmp_path):
    path = _bad_files(tmp_path)["duplicate-id"]
    done = _suite(cwd=tmp_path, env={"S1SR_DMVES": str(path)}, fresh=True)
    assert done.returncode == USAGE_ERROR, done.stdout[-2000:]
    assert "duplicate Device Model id" in done.stdout + done.stderr


def test_echoed_input_is_cut_to_a_readable_length(s1sr, tmp_path):
    path = _bad_files(tmp_path)["long-id"]
    checked = s1sr("dmves", "check", str(path))
    assert checked.code == 1
    assert len(checked.err) < 1000
    assert "characters)" in checked.err  # says how long the echoed id was
    unknown = s1sr("models", "--clause", LONG_ID)
    assert unknown.code == 2
    assert len(unknown.err) < 400


def test_every_command_reads_a_csv_dmves(s1sr, tmp_path):
    """One loader: the suite, ``s1sr models`` and ``dmves check`` all take the matrix as CSV."""
    csv_path = tmp_path / "dmves.csv"
    csv_path.write_text(export_csv(load_dmves()), encoding="utf-8", newline="")
    assert s1sr("dmves", "check", str(csv_path)).code == 0
    listed = s1sr("models", "--dmves", str(csv_path))
    assert listed.code == 0 and "EX-ESME-1" in listed.out
    assert [m.id for m in load_dmves(csv_path).models] == [m.id for m in load_dmves().models]
    done = _suite(
        "--dmves", str(csv_path), "--clause", "18.6(b)", "--device-model", "EX-ESME-1", cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 PASS" in done.stdout


def test_odd_length_hex_is_named_not_read_as_binary(s1sr, tmp_path):
    odd = tmp_path / "odd.hex"
    odd.write_text("DD000102030\n", encoding="ascii")
    done = s1sr("gbcs", "decode", str(odd))
    assert done.code == 1
    assert "odd-length" in done.err and "11 digits" in done.err
    assert "frame tag" not in done.err
    assert "odd-length" in s1sr("gbcs", "decode", "DD000102030").err
