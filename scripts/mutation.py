"""Mutation testing of the clinical core and the workflows (issue 18), run by `make mutation`.

Each module is mutated by mutmut (pinned in requirements-test.txt) and run against its own
fast unit tests only (MODULES below), one module at a time, in a scratch copy of the project
under artifacts/mutation/<module>/ so the work tree is never touched. Survivors that are
equivalent (no test could ever tell them apart) are listed once, with a one-line reason, in
docs/mutation-equivalents.toml (with the few that run only at import, which mutmut cannot
switch on); the score counts the other mutants only.

    python scripts/mutation.py                          # every module
    python scripts/mutation.py assessments/rules.py     # one module
    python scripts/mutation.py --survivors ...          # also print each survivor's diff

Needs DATABASE_URL (the workflows tests run on PostgreSQL): the Makefile runs it under
scripts/with-postgres. Exit status 0 when every module reached its target, 1 otherwise.
"""

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "artifacts" / "mutation"
EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.toml"
CANDIDATES = None  # --candidates FILE: unlisted survivors as TOML entries, for review

# module -> (its fast unit tests, the share of non-equivalent mutants that must be killed)
MODULES = {
    "assessments/rules.py": (
        ["tests/assessments/test_rules.py", "tests/assessments/test_rules_mutation_gaps.py",
         "tests/assessments/test_examined.py",
         "tests/assessments/test_prompts_flags_and_follow_up.py",
         "tests/assessments/test_rules_criteria.py"], 0.95),
    "assessments/scoring.py": (["tests/assessments/test_scoring.py"], 0.95),
    "consultations/gestation.py": (
        ["tests/consultations/test_gestation.py", "tests/consultations/test_date_bounds.py"], 0.95),
    "consultations/cpr.py": (["tests/consultations/test_cpr.py"], 0.95),
    "consultations/workflows.py": (["tests/consultations/test_workflows.py"], 0.90),
}
# Copied into the scratch project besides the package that holds the module.
SKIP = {".git", ".venv", "artifacts", "mutants", "__pycache__", ".pytest_cache", "staticfiles",
        "node_modules", ".pgdata"}


def scratch_copy(module: str, tests: list[str]) -> Path:
    """A fresh copy of the project with a [tool.mutmut] section for this module alone."""
    work = WORK / module.replace("/", "-").removesuffix(".py")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(*SKIP), symlinks=True)
    package = module.split("/")[0]
    others = sorted(p.name for p in work.iterdir() if p.name != package and p.name != "tests")
    config = {
        "source_paths": [package],
        "only_mutate": [module],
        "also_copy": others,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "--reuse-db", "-W", "ignore"],
        "pytest_add_cli_args_test_selection": [t for t in tests if (ROOT / t).exists()],
        "use_git_change_detection": False,
    }
    with (work / "pyproject.toml").open("a") as toml:
        toml.write("\n[tool.mutmut]\n")
        for key, value in config.items():
            toml.write(f"{key} = {json.dumps(value)}\n")
    return work


def undecorate(path: Path) -> int:
    """Rewrite `@d def f` as `def f` followed by `f = d(f)`, which Python treats the same.

    mutmut leaves every decorated function alone (it cannot set up its trampoline under a
    decorator), which would leave out every @transaction.atomic workflow and every @property
    rule. Only the scratch copy is rewritten. Returns how many functions were rewritten."""
    source = path.read_text()
    lines = source.splitlines(keepends=True)
    functions = [
        node for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list
        and not all(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
                    for d in node.decorator_list)
    ]
    for node in sorted(functions, key=lambda n: n.lineno, reverse=True):
        indent = " " * node.col_offset
        wrapped = node.name
        for decorator in reversed(node.decorator_list):
            wrapped = f"({ast.get_source_segment(source, decorator)})({wrapped})"
        first = min(d.lineno for d in node.decorator_list) - 1  # the "@" line, 0-based
        def_line = node.lineno - 1
        lines[node.end_lineno:node.end_lineno] = [f"{indent}{node.name} = {wrapped}\n"]
        del lines[first:def_line]
    path.write_text("".join(lines))
    return len(functions)


def run_mutmut(work: Path, children: int) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    (work / "mutmut-run.log").write_text(result.stdout)
    if result.returncode:
        sys.exit(f"mutmut failed in {work}; see {work / 'mutmut-run.log'}")
    print(f"  mutmut ran in {time.monotonic() - started:.0f} s")


def mutant_results(work: Path) -> list[dict]:
    """Every mutant with its status, function and diff (asked of mutmut in the scratch copy)."""
    code = r"""
import json, sys
from mutmut.__main__ import walk_mutatable_files, SourceFileMutationData, get_diff_for_mutant
from mutmut.stats import status_by_exit_code
out = []
for path in walk_mutatable_files():
    data = SourceFileMutationData(path=path)
    data.load()
    for name, code in data.exit_code_by_key.items():
        out.append({"name": name, "status": status_by_exit_code[code],
                    "diff": get_diff_for_mutant(name, path=path)})
json.dump(out, sys.stdout)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True,
                            text=True, check=True)
    mutants = json.loads(result.stdout)
    for mutant in mutants:
        mutant["function"] = function_of(mutant["name"])
        mutant["from"], mutant["to"] = changed_lines(mutant["diff"])
    return mutants


def function_of(name: str) -> str:
    """assessments.rules.x__bp_raised__mutmut_3 -> _bp_raised; xǁJointFindingsǁsij_any… ->
    JointFindings.sij_any."""
    last = name.rsplit(".", 1)[-1].rsplit("__mutmut_", 1)[0]
    if last.startswith("xǁ"):
        return ".".join(part for part in last[2:].split("ǁ") if part)
    return last.removeprefix("x_")


def changed_lines(diff: str) -> tuple[str, str]:
    """The removed and the added source lines of a mutant's diff, stripped and joined."""
    lines = diff.splitlines()
    removed = [line[1:].strip() for line in lines if line.startswith("-")
               and not line.startswith("---")]
    added = [line[1:].strip() for line in lines if line.startswith("+")
             and not line.startswith("+++")]
    return " / ".join(removed), " / ".join(added)


KINDS = {
    "equivalent": "equivalent (no test could tell them apart)",
    "import-time": "run only at import, before mutmut switches a mutant on",
}


def load_equivalents() -> list[dict]:
    entries = tomllib.loads(EQUIVALENTS.read_text())["equivalent"]
    for entry in entries:
        entry.setdefault("kind", "equivalent")
        missing = {"module", "function", "from", "to", "reason"} - set(entry)
        if missing or not entry["reason"].strip() or entry["kind"] not in KINDS:
            sys.exit(f"{EQUIVALENTS}: an entry lacks {sorted(missing) or ['a reason']} "
                     f"or has an unknown kind: {entry}")
    return entries


def matching_entry(module: str, mutant: dict, equivalents: list[dict]) -> dict | None:
    for entry in equivalents:
        if (entry["module"], entry["function"], entry["from"], entry["to"]) == (
            module, mutant["function"], mutant["from"], mutant["to"]
        ):
            return entry
    return None


def report(module: str, mutants: list[dict], equivalents: list[dict], target: float,
           show_survivors: bool) -> bool:
    killed = [m for m in mutants if m["status"] in ("killed", "timeout")]
    survivors = [m for m in mutants if m not in killed]
    listed = {id(m): matching_entry(module, m, equivalents) for m in survivors}
    excluded = [m for m in survivors if listed[id(m)]]
    counted = len(mutants) - len(excluded)
    score = len(killed) / counted if counted else 1.0
    ok = score >= target
    by_kind = {kind: sum(1 for m in excluded if listed[id(m)]["kind"] == kind) for kind in KINDS}
    print(f"{module}: killed {len(killed)}/{len(mutants)} mutants; excluded as listed in "
          f"{EQUIVALENTS.relative_to(ROOT)}: "
          + ", ".join(f"{n} {kind}" for kind, n in by_kind.items()))
    print(f"{module}: SCORE {len(killed)}/{counted} = {100 * score:.1f} % of the counted mutants "
          f"killed (target {100 * target:.0f} %) {'OK' if ok else 'BELOW TARGET'}")
    for mutant in survivors:
        if listed[id(mutant)]:
            continue
        print(f"  survived ({mutant['status']}): {mutant['name']}  "
              f"[{mutant['from']}] -> [{mutant['to']}]")
        if show_survivors:
            print("    " + mutant["diff"].replace("\n", "\n    "))
    candidates = [m for m in survivors if not listed[id(m)]]
    if candidates and CANDIDATES:
        with CANDIDATES.open("a") as out:
            for m in candidates:
                fields = {"module": module, "function": m["function"], "from": m["from"],
                          "to": m["to"], "reason": ""}
                out.write("{ " + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                           for k, v in fields.items()) + " },\n")
        print(f"  unlisted survivors written as TOML to {CANDIDATES}, to review")
    used = {id(entry) for entry in listed.values() if entry}
    for entry in equivalents:
        if entry["module"] == module and id(entry) not in used:
            print(f"  listed but no longer a survivor (remove it): {entry['function']}: "
                  f"[{entry['from']}] -> [{entry['to']}]")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="module paths (default: all)")
    parser.add_argument("--survivors", action="store_true", help="print survivors' diffs")
    parser.add_argument("--candidates", type=Path, help="write unlisted survivors as TOML here")
    parser.add_argument("--children", type=int, default=2, help="parallel mutants (2 cores)")
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module(s) {sorted(unknown)}; choose from {sorted(MODULES)}")
    if not os.environ.get("DATABASE_URL"):
        parser.error("DATABASE_URL is not set: run through `make mutation` (scripts/with-postgres)")
    global CANDIDATES
    CANDIDATES = args.candidates
    equivalents = load_equivalents()
    all_ok = True
    for module in args.modules or MODULES:
        tests, target = MODULES[module]
        print(f"{module}: mutating, against {' '.join(t for t in tests if (ROOT / t).exists())}")
        work = scratch_copy(module, tests)
        undecorate(work / module)
        run_mutmut(work, args.children)
        mutants = mutant_results(work)
        all_ok &= report(module, mutants, equivalents, target, args.survivors)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
