"""Mutation fuzzing of the three front ends and the expression evaluator, with a fixed seed.

Inputs are small corpus files damaged in the ways real files break: cut short,
bytes flipped, brackets deleted or doubled, lines shuffled, values nested
deeply, strings made huge. Every front end must return a unit whose problems
are SYS001 findings with a usable position; any exception is a bug, reported
with the case number, the seed file and the mutation so it can be replayed.

The default is a few thousand cases (seconds); a longer run:

    FUZZ_CASES=100000 .venv/bin/pytest tests/robustness/test_fuzz.py -q

``FUZZ_SEED`` picks another seed.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from linter.parsers import arm, bicep, evaluate, terraform
from linter.parsers.common import LoadOptions, Unit
from linter.parsers.link import build_graph
from linter.policy import Finding
from linter.reporters.graph import to_data
from tests.helpers import CORPUS

CASES = int(os.environ.get("FUZZ_CASES", "2400"))
SEED = int(os.environ.get("FUZZ_SEED", "20261126"))
MAX_SEED_BYTES = {".bicep": 12_000, ".json": 12_000, ".tf": 6_000}


@cache
def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Small corpus files per kind (the corpus is read-only: mutations are written to a temporary folder)."""
    found: dict[str, list[tuple[str, bytes]]] = {".bicep": [], ".json": [], ".tf": []}
    for path in sorted(CORPUS.rglob("*")):
        suffix = path.suffix
        if suffix not in found or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) > MAX_SEED_BYTES[suffix]:
            continue
        if suffix == ".json" and b"deploymentTemplate" not in data[:2000]:
            continue
        found[suffix].append((path.relative_to(CORPUS).as_posix(), data))
    return found


# -- mutations ---------------------------------------------------------------------

BRACKETS = b"{}[]()\"'"


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def delete_bracket(rng: random.Random, data: bytes) -> bytes:
    spots = [i for i, b in enumerate(data) if b in BRACKETS]
    out = bytearray(data)
    for index in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 3))), reverse=True):
        del out[index]
    return bytes(out)


def insert_bracket(rng: random.Random, data: bytes) -> bytes:
    spot = rng.randrange(len(data) + 1)
    return data[:spot] + bytes([rng.choice(BRACKETS)]) * rng.randint(1, 3) + data[spot:]


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        a, b = sorted(rng.sample(range(len(lines)), 2))
        lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def duplicate_chunk(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 400))
    return data[:end] + data[start:end] * rng.randint(1, 4) + data[end:]


def huge_string(rng: random.Random, data: bytes) -> bytes:
    quotes = [m.start() for m in re.finditer(rb"['\"]", data)]
    filler = rng.choice([b"x", b"\\n", b"${", b"[", b"'", b"\xc3\xa9"]) * rng.randint(10_000, 200_000)
    spot = rng.choice(quotes) + 1 if quotes else len(data)
    return data[:spot] + filler + data[spot:]


def deep_nesting(rng: random.Random, data: bytes, suffix: str) -> bytes:
    depth = rng.choice([50, 200, 1_000, 3_000])
    if suffix == ".json":
        value = b"[" * depth + b"1" + b"]" * depth
        return data.replace(b'"resources"', b'"deep": ' + value + b', "resources"', 1)
    if suffix == ".bicep":
        value = b"{ a: " * depth + b"1" + b" }" * depth
        return data + b"\nvar deep = " + value + b"\n"
    value = b"{ a = " * depth + b"1" + b" }" * depth
    return data + b"\nlocals {\n  deep = " + value + b"\n}\n"


def unicode_noise(rng: random.Random, data: bytes) -> bytes:
    spot = rng.randrange(len(data) + 1)
    noise = rng.choice(["\u202e", "\ufeff", "\x00", "\udcff", "漢字", "\r", "\t" * 50, "\u0085"])
    return data[:spot] + noise.encode("utf-8", "surrogatepass") + data[spot:]


def keep(rng: random.Random, data: bytes) -> bytes:
    return data


MUTATIONS: list[tuple[str, Callable[..., bytes]]] = [
    ("truncate", truncate),
    ("flip_bytes", flip_bytes),
    ("delete_bracket", delete_bracket),
    ("insert_bracket", insert_bracket),
    ("shuffle_lines", shuffle_lines),
    ("duplicate_chunk", duplicate_chunk),
    ("huge_string", huge_string),
    ("deep_nesting", deep_nesting),
    ("unicode_noise", unicode_noise),
]


def mutate(rng: random.Random, data: bytes, suffix: str) -> tuple[str, bytes]:
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        name, func = rng.choice(MUTATIONS)
        names.append(name)
        data = func(rng, data, suffix) if name == "deep_nesting" else func(rng, data)
    return "+".join(names), data


# -- checks --------------------------------------------------------------------------


def check_unit(unit: Unit) -> int:
    """The number of SYS001 findings of a unit that passed the checks."""
    assert isinstance(unit, Unit)
    for finding in unit.findings:
        assert isinstance(finding, Finding)
        assert finding.policy == "SYS001", finding
        assert finding.span.line >= 1 and finding.span.column >= 1, finding
        assert finding.message.strip(), finding
    graph = build_graph(unit.resources, unit.entry)
    to_data(graph, unit.findings)
    return len(unit.findings)


def load_one(kind: str, folder: Path, name: str, opts: LoadOptions) -> Unit:
    path = folder / name
    try:
        if kind == ".json":
            return arm.load(path, opts)
        if kind == ".bicep":
            return bicep.load(path, opts)
        return terraform.load(folder, opts)
    except RecursionError:
        # the dispatcher turns this into a SYS001 "nested too deeply" finding: allowed for deep inputs only
        return Unit(entry=name, format="arm")


def test_front_ends_survive_damaged_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIPLATFORM_LINT_NO_CACHE", "1")
    pool = seeds()
    kinds = [k for k in (".bicep", ".json", ".tf") if pool[k]]
    assert len(kinds) == 3, "the corpus has no small seed files"
    rng = random.Random(SEED)
    opts = LoadOptions(root=tmp_path)
    file_cases = CASES // 2
    broken = 0
    for case in range(file_cases):
        kind = kinds[case % 3]
        seed_name, data = rng.choice(pool[kind])
        how, damaged = mutate(rng, data, kind)
        folder = tmp_path / f"c{case % 50}"
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        name = "main.tf" if kind == ".tf" else f"main{kind}"
        (folder / name).write_bytes(damaged)
        try:
            broken += check_unit(load_one(kind, folder, name, opts)) > 0
        except Exception as error:  # noqa: BLE001 - reported with what reproduces it
            pytest.fail(f"case {case} (FUZZ_SEED={SEED}): {seed_name} mutated by {how}: {type(error).__name__}: {error}")
    assert broken > file_cases // 10, "the mutations hardly ever break a file: the fuzzing is not doing its job"


# -- the evaluator -------------------------------------------------------------------


@cache
def expressions() -> list[str]:
    found: set[str] = set()
    for _name, data in seeds()[".json"]:
        for match in re.finditer(rb'"(\[[^"\n]{2,300}\])"', data):
            found.add(match.group(1).decode("utf-8", "replace"))
    return sorted(found)


EXPRESSION_PIECES = [
    "(", ")", "[", "]", "'", ",", ".", "concat(", "format('{0}{1}', ", "parameters('p')", "variables('v')",
    "resourceGroup().location", "uniqueString(", "if(", "json('{\"a\":[1,2]}')", "createArray(1,2)", "split('a,b', ',')",
    "length(", "union(", "int('x')", "div(1, 0)", "mod(1, 0)", "range(0, 100000000)", "string(", "reference(",
    "copyIndex()", "lambda('x', lambdaVariables('x'))", "map(createArray(1), lambda('i', ", "999999999999999999999",
    "-", "'''", "[[", "substring('abc', 5, 9)", "last(createArray())", "first('')", "base64ToString('@@')",
]


def test_expression_evaluator_survives_damaged_expressions() -> None:
    rng = random.Random(SEED + 1)
    pool = expressions()
    assert pool, "no ARM expressions in the seed files"
    scope = evaluate.ArmScope(evaluate.Context(), variables={"v": "[concat('a', 'b')]"})
    for case in range(CASES - CASES // 2):
        text = rng.choice(pool)
        how = rng.choice(["piece", "cut", "flip", "nest"])
        if how == "piece":
            spot = rng.randrange(1, len(text))
            text = text[:spot] + rng.choice(EXPRESSION_PIECES) + text[spot:]
        elif how == "cut":
            text = text[: rng.randrange(2, len(text) + 1)]
        elif how == "flip":
            spot = rng.randrange(1, len(text))
            text = text[:spot] + chr(rng.randrange(32, 0x3000)) + text[spot + 1 :]
        else:
            depth = rng.choice([10, 100, 1_000])
            text = "[" + "concat(" * depth + "'x'" + ")" * depth + "]"
        if not text.startswith("["):
            text = "[" + text
        try:
            scope.value(text)
        except RecursionError:
            continue  # the front ends turn this into a SYS001 finding for the template
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"case {case} (FUZZ_SEED={SEED}): evaluating {text[:200]!r}: {type(error).__name__}: {error}")
