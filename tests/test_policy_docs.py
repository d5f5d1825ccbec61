"""Every policy documents itself: summary, why, a failing example and its fix in all three formats."""

from __future__ import annotations

import re

import pytest

from linter import registry
from linter.policy import Policy

POLICIES = [p for p in registry.load() if not p.id.startswith("SYS")]
SECTIONS = ("## Why is this bad?", "## Example", "## Use instead")
LANGUAGES = ("bicep", "json", "hcl")
GUIDANCE = re.compile(r"^G([1-9]|[12]\d|3[0-7])$")


def section(doc: str, title: str) -> str:
    start = doc.index(title) + len(title)
    following = [i for i in (doc.find("\n## ", start),) if i >= 0]
    return doc[start : following[0] if following else len(doc)]


@pytest.mark.parametrize("item", POLICIES, ids=lambda p: p.id)
def test_doc_sections(item: Policy) -> None:
    doc = item.doc
    assert item.summary and not item.summary.startswith("#"), "the first line is a one-sentence summary"
    positions = [doc.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in positions), f"missing sections: {[t for t, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions), "sections out of order"
    for title in ("## Example", "## Use instead"):
        body = section(doc, title)
        missing = [lang for lang in LANGUAGES if f"```{lang}\n" not in body]
        assert not missing, f"{title} lacks {missing} examples"
    assert section(doc, "## Why is this bad?").strip(), "empty 'Why is this bad?'"


@pytest.mark.parametrize("item", POLICIES, ids=lambda p: p.id)
def test_guidance_named(item: Policy) -> None:
    assert item.guidance, f"{item.id} names no guidance statement"
    assert all(GUIDANCE.match(g) for g in item.guidance), item.guidance
    cited = set(re.findall(r"\(G(\d+)", item.doc)) | set(re.findall(r"\bG(\d+)\b", item.doc))
    assert cited & {g[1:] for g in item.guidance}, "the doc cites none of the guidance statements it enforces"
