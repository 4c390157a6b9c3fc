"""Mutation testing of the emulator, killed by the conformance suite alone (docs/mutation.md).

    python tools/mutation/run.py run [--sample N --seed S] [--max-children K] [--resume]
    python tools/mutation/run.py summary [--sample N --seed S]
    python tools/mutation/run.py survivors [--sample N --seed S] [--out FILE]
    python tools/mutation/run.py confirm [--sample N --seed S]

Run from the project root. mutmut (pinned in tox.ini) reads [tool.mutmut] in pyproject.toml:
which files are mutated, and that the kill command is the conformance suite. This driver adds
what mutmut lacks here: a fresh start by default (mutmut's cache cannot see a change to a
conformance test, and the suite is what is being measured), a deterministic seeded sample for
CI, a summary with the score, survivors grouped by file and function, and a check that each
survivor also survives in a fresh interpreter (mutmut's workers fork from a warmed-up process).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

MUTANTS = Path("mutants")
SUMMARY_FILE = MUTANTS / "s1sr-mutation-summary.json"
EQUIVALENT_FILE = Path(__file__).with_name("equivalent.txt")
# mutmut's statuses counted as a kill: the conformance run failed (a FAIL or ERROR verdict, or
# a crash), or the mutant made it run past its time limit (a hang a test engineer would see).
KILLED = ("killed", "timeout")


def mutmut_cmd() -> list[str]:
    exe = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if exe is None:
        raise SystemExit("mutmut is not installed (tox -e mutation installs the pinned one)")
    return [exe]


def generate(max_children: int) -> None:
    """Write mutants/ (mutmut's own code, as `mutmut run` does first) without running tests."""
    from mutmut.__main__ import create_mutants
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    copy_src_dir()
    refresh_unmutated()
    copy_also_copy_files()
    stats = create_mutants(max_children)
    print(f"mutants generated: {stats.mutated} files mutated, {stats.ignored} copied as they are")


def refresh_unmutated() -> None:
    """Copy again the package files mutmut does not mutate but changed since mutants/ was made.

    mutmut copies them only once, so a resumed run would otherwise drive the current
    conformance tests through a stale plugin or model. Mutated files mutmut regenerates itself.
    """
    from mutmut.configuration import config
    from mutmut.utils.file_utils import walk_all_files

    for root, name in walk_all_files():
        source = Path(root) / name
        target = MUTANTS / source
        if config().should_mutate(source) or not source.is_file():
            continue
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copy2(source, target)


def exit_codes() -> dict[str, tuple[str, int | None]]:
    """Every mutant name -> (source file, mutmut exit code), from mutants/*.meta."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.utils.file_utils import walk_mutatable_files

    codes: dict[str, tuple[str, int | None]] = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in data.exit_code_by_key.items():
            codes[name] = (str(path), code)
    return codes


def select(names: list[str], sample: int | None, seed: int) -> list[str]:
    """All names, or a sample that depends only on the mutant names and the seed."""
    names = sorted(names)
    if sample is None or sample >= len(names):
        return names
    return sorted(random.Random(seed).sample(names, sample))


def equivalents() -> dict[str, str]:
    """Mutants triaged as equivalent (docs/mutation.md): name -> why, from equivalent.txt."""
    if not EQUIVALENT_FILE.exists():
        return {}
    found = {}
    for line in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            found[name.strip()] = why.strip()
    return found


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    total: int
    equivalent: int
    killed: int
    score: float | None
    untested: int = 0  # "not checked": a run stopped before it reached them

    def lines(self) -> list[str]:
        out = [f"mutants: {self.total}"]
        out += [f"  {status}: {n}" for status, n in sorted(self.counts.items())]
        out.append(f"  of which triaged equivalent (not killed): {self.equivalent}")
        if self.score is not None:
            scored = self.total - self.untested - self.equivalent
            tested = f" of the {self.total - self.untested} tested" if self.untested else ""
            out.append(
                f"score: {self.score:.1f}% ({self.killed} killed or timed out of "
                f"{scored} non-equivalent{tested})"
            )
        return out


def summarise(chosen: list[str], codes: dict[str, tuple[str, int | None]]) -> Summary:
    from mutmut.stats import status_by_exit_code

    equivalent = equivalents()
    counts: Counter[str] = Counter()
    killed = equivalent_count = 0
    for name in chosen:
        status = status_by_exit_code[codes[name][1]]
        counts[status] += 1
        if status in KILLED:
            killed += 1
        elif name in equivalent and status != "not checked":
            equivalent_count += 1
    untested = counts.get("not checked", 0)
    scored = len(chosen) - untested - equivalent_count
    score = 100.0 * killed / scored if scored else None
    return Summary(dict(counts), len(chosen), equivalent_count, killed, score, untested)


def survivors(chosen: list[str], codes: dict[str, tuple[str, int | None]]) -> list[str]:
    from mutmut.stats import status_by_exit_code

    return [n for n in chosen if status_by_exit_code[codes[n][1]] not in KILLED]


def function_of(name: str) -> str:
    """'s1sr.x.yǁClassǁmethod__mutmut_3' -> 'Class.method'; 's1sr.x.x_func__mutmut_1' -> 'func'."""
    last = name.rsplit(".", 1)[-1]
    last = re.sub(r"__mutmut_\d+$", "", last)
    if last.startswith("x\u01c1"):
        return ".".join(part for part in last[2:].split("\u01c1") if part)
    return last.removeprefix("x_")


def changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def write_survivors(chosen: list[str], codes: dict[str, tuple[str, int | None]], out: Path) -> int:
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    equivalent = equivalents()
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    left = survivors(chosen, codes)
    unchecked = [n for n in left if codes[n][1] is None]
    left = [n for n in left if codes[n][1] is not None]
    for name in left:
        grouped[codes[name][0]][function_of(name)].append(name)
    text = [f"# {len(left)} mutants not killed, by file and function", ""]
    if unchecked:
        text[1:1] = [f"({len(unchecked)} more not tested yet)"]
    for path in sorted(grouped):
        functions = grouped[path]
        text.append(f"## {path} ({sum(map(len, functions.values()))})")
        for function in sorted(functions):
            text.append(f"### {function}")
            for name in sorted(functions[function], key=natural):
                status = status_by_exit_code[codes[name][1]]
                note = f"  [equivalent: {equivalent[name]}]" if name in equivalent else ""
                text.append(f"- {name.rsplit('.', 1)[-1]} ({status}){note}")
                diff = get_diff_for_mutant(name, path=path)
                text += [
                    f"    {line.strip()[:1]} {line[1:].strip()}" for line in changed_lines(diff)
                ]
        text.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(text), encoding="utf-8")
    return len(left)


def natural(name: str) -> tuple[str, int]:
    head, _, number = name.rpartition("_")
    return head, int(number) if number.isdigit() else 0


def tests_of(name: str) -> list[str]:
    from mutmut.state import state
    from mutmut.stats import load_stats
    from mutmut.utils.format_utils import mangled_name_from_mutant_name

    if not state().tests_by_mangled_function_name:
        load_stats()
    return sorted(
        state().tests_by_mangled_function_name.get(mangled_name_from_mutant_name(name), ())
    )


def confirm(chosen: list[str], codes: dict[str, tuple[str, int | None]], limit: float) -> int:
    """Re-run survivors and timeouts in a fresh interpreter; count the verdicts that change.

    A survivor that a fresh interpreter kills points at state a warmed-up worker inherited; a
    timeout that finishes within ``limit`` seconds was a busy machine, not a hanging mutant.
    """
    from mutmut.stats import status_by_exit_code

    env_base = {k: v for k, v in os.environ.items() if k != "MUTANT_UNDER_TEST"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "--rootdir=.", *pytest_args()]
    changed = 0
    for name in chosen:
        status = status_by_exit_code[codes[name][1]]
        tests = tests_of(name)
        if status not in ("survived", "timeout") or not tests:
            continue
        env = {**env_base, "MUTANT_UNDER_TEST": name}
        try:
            result = subprocess.run(
                [*command, *tests],
                cwd=MUTANTS,
                env=env,
                capture_output=True,
                check=False,
                timeout=limit,
            )
            fresh = "killed" if result.returncode != 0 else "survived"
        except subprocess.TimeoutExpired:
            fresh = "timeout"
        same = fresh == status or {fresh, status} == {"killed", "timeout"}
        changed += not same
        print(f"{'same' if same else 'CHANGED'}: {status} -> {fresh}: {name}", flush=True)
    return changed


def pytest_args() -> list[str]:
    from mutmut.configuration import config

    return list(config().pytest_add_cli_args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("run", "summary", "survivors", "confirm"))
    parser.add_argument("--sample", type=int, default=None, help="test N mutants, not all")
    parser.add_argument("--seed", type=int, default=0, help="the sample's seed (default 0)")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--resume", action="store_true", help="keep mutants/ and its results")
    parser.add_argument("--out", type=Path, default=MUTANTS / "survivors.txt")
    parser.add_argument(
        "--limit", type=float, default=600.0, help="confirm: time limit per mutant (s)"
    )
    args = parser.parse_args(argv)
    if not Path("pyproject.toml").is_file():
        raise SystemExit("run this from the project root")
    if args.command == "run":
        if not args.resume and MUTANTS.exists():
            shutil.rmtree(MUTANTS)
        generate(args.max_children)
    codes = exit_codes()
    if not codes:
        raise SystemExit("no mutants: run `python tools/mutation/run.py run` first")
    chosen = select(list(codes), args.sample, args.seed)
    if args.command == "run":
        names = chosen if args.sample is not None else []
        command = [*mutmut_cmd(), "run", "--max-children", str(args.max_children), *names]
        print(" ".join(command[:4]), f"({len(chosen)} of {len(codes)} mutants)", flush=True)
        code = subprocess.run(command, check=False).returncode
        if code != 0:
            print(f"mutmut run exited {code}", file=sys.stderr)
            return code
        codes = exit_codes()
    elif args.command == "survivors":
        count = write_survivors(chosen, codes, args.out)
        print(f"{count} not killed: {args.out}")
        return 0
    elif args.command == "confirm":
        changed = confirm(chosen, codes, args.limit)
        print(f"{changed} verdicts changed in a fresh interpreter")
        return 1 if changed else 0
    summary = summarise(chosen, codes)
    print("\n".join(summary.lines()))
    record = {
        "sample": args.sample,
        "seed": args.seed,
        "generated": len(codes),
        "tested": summary.total,
        "counts": summary.counts,
        "equivalent": summary.equivalent,
        "score": summary.score,
    }
    SUMMARY_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
