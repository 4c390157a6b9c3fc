"""Run ``s1sr`` in process for the report CLI tests."""

from __future__ import annotations

import pytest

from s1sr.cli import main


@pytest.fixture
def s1sr(capsys):
    def run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
