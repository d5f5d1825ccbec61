"""Policy ids and names follow one convention and never collide; modules mirror their fixture folders."""

from __future__ import annotations

import re
from collections import Counter

from linter import registry

POLICIES = registry.load()
ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


def test_ids_and_names_are_well_formed() -> None:
    assert all(ID.match(p.id) for p in POLICIES), [p.id for p in POLICIES if not ID.match(p.id)]
    named = [p for p in POLICIES if not p.id.startswith("SYS")]
    bad = [p.name for p in named if not NAME.match(p.name) or p.name.startswith(("no-", "ensure-", "disallow-"))]
    assert not bad


def test_ids_and_names_are_unique() -> None:
    for field in ("id", "name"):
        counts = Counter(getattr(p, field) for p in POLICIES)
        assert not [k for k, n in counts.items() if n > 1], field


def test_module_paths_follow_the_policy_names() -> None:
    """policies/<domain>/<name minus its service prefix>.py: the module's words all appear in the name."""
    for item in POLICIES:
        if item.id.startswith("SYS"):
            continue
        words = item.module.rsplit(".", 1)[-1].split("_")
        assert set(words) <= set(item.name.split("-")), (item.id, item.module, item.name)


def test_the_catalog_is_covered() -> None:
    """Every rule of the catalog (59) plus INF005 exists."""
    expected = {f"{prefix}{n:03d}" for prefix, count in (
        ("GEN", 6), ("EDA", 3), ("TRN", 3), ("INF", 5), ("REL", 4), ("NET", 14), ("IAM", 7), ("ENC", 4),
        ("MON", 4), ("AKS", 3), ("ORC", 2), ("GOV", 3), ("GPU", 2)) for n in range(1, count + 1)}
    assert expected <= {p.id for p in POLICIES}, sorted(expected - {p.id for p in POLICIES})
