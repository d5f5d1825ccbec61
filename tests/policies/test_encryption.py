"""Customer-managed-key policies stay silent until the classifications that need CMK are configured."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from linter import registry
from linter.config import Config, default_settings
from linter.engine import lint
from linter.parsers.common import LoadOptions

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "encryption"
CASES = {"ENC002": "ml_customer_managed_key_missing", "ENC003": "cognitive_customer_managed_key_missing"}
UNKNOWN_TAGS = """
param tags object

resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai-tags'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  tags: tags
}
"""


def run(policy_id: str, folder: Path, **settings: object) -> list[tuple[str, str]]:
    item = next(p for p in registry.load() if p.id == policy_id)
    config = Config(select=(policy_id,), settings=MappingProxyType({**default_settings(), **settings}))
    report = lint([folder], config, LoadOptions(root=folder), [item])
    return [(f.outcome, f.path) for f in report.findings]


@pytest.mark.parametrize("policy_id", sorted(CASES))
@pytest.mark.parametrize("ext", ["bicep", "json", "tf"])
def test_default_settings_report_nothing(policy_id: str, ext: str, tmp_path: Path) -> None:
    source = FIXTURES / CASES[policy_id] / f"fail.{ext}"
    (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(policy_id, tmp_path) == []
    assert run(policy_id, tmp_path, cmk_required_classifications=["confidential"]) != []


def test_unknown_tags_are_inconclusive(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(UNKNOWN_TAGS, encoding="utf-8")
    assert run("ENC003", tmp_path, cmk_required_classifications=["confidential"]) == [("inconclusive", "tags")]
    assert run("ENC003", tmp_path) == []


def test_other_classification_tag(tmp_path: Path) -> None:
    source = FIXTURES / CASES["ENC003"] / "fail.bicep"
    text = source.read_text(encoding="utf-8").replace("'data-classification'", "sensitivity")
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    assert run("ENC003", tmp_path, cmk_required_classifications=["confidential"]) == []
    found = run("ENC003", tmp_path, cmk_required_classifications=["confidential"], cmk_classification_tag="Sensitivity")
    assert found == [("fail", "properties.encryption.keySource")]
