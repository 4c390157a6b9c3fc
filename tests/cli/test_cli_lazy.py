"""``s1sr COMMAND`` imports its own command module only, and parses as the whole parser does."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from s1sr.cli import COMMAND_MODULES, COMMANDS, build_parser, main


def _commands_of(module: str) -> set[str]:
    parser = build_parser((module,))
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(subparsers.choices)


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    registered = {command: module for module in COMMAND_MODULES for command in _commands_of(module)}
    assert registered == COMMANDS


def test_a_command_imports_no_other_command_module() -> None:
    code = (
        "import sys\n"
        "from s1sr.cli import main\n"
        "try:\n"
        "    main(['emulate', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('s1sr.cli.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    commands = {f"s1sr.cli.{module}" for module in COMMAND_MODULES}
    assert [name for name in imported if name in commands] == ["s1sr.cli.emulate"]


@pytest.mark.parametrize("argv", [["emulate", "--help"], ["report", "verify", "--help"]])
def test_a_commands_help_is_the_whole_parsers(argv, capsys) -> None:
    with pytest.raises(SystemExit):
        main(argv)
    alone = capsys.readouterr().out
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    assert alone == capsys.readouterr().out != ""


def test_no_command_or_a_misspelt_one_lists_every_command(capsys) -> None:
    assert main([]) == 2
    listed = capsys.readouterr().err
    assert all(command in listed for command in COMMANDS)
    with pytest.raises(SystemExit) as raised:
        main(["emulat"])
    assert raised.value.code == 2
    assert "invalid choice: 'emulat'" in capsys.readouterr().err
