"""docs/guidance-map.md lists, for every guidance statement G1-G37, exactly the policies that enforce it."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from linter import registry

DOC = Path(__file__).resolve().parent.parent / "docs" / "guidance-map.md"


def test_guidance_map_matches_the_registry() -> None:
    enforced: dict[str, set[str]] = defaultdict(set)
    for item in registry.load():
        for statement in item.guidance:
            enforced[statement].add(item.id)
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| (G\d+)\b.*\| (.+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    assert sorted(rows, key=lambda g: int(g[1:])) == [f"G{i}" for i in range(1, 38)]
    for statement, cell in rows.items():
        if cell.startswith("—"):
            assert not enforced[statement], f"{statement} is enforced by {sorted(enforced[statement])}"
            assert len(cell) > 20, f"{statement}: say why no policy enforces it"
        else:
            assert set(cell.split(", ")) == enforced[statement], statement
