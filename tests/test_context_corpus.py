"""On real repositories, a file scanned alone (with its context) gets exactly the findings a scan of the
whole repository reports in that file: none lost, none invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import CORPUS, POLICIES

from linter import Finding, Graph, context, policy
from linter.config import Config
from linter.engine import lint
from linter.model import Expr
from linter.parsers.common import LoadOptions


@policy(id="TST002", name="test-every-resource", severity="note", doc="Every resource, with its evaluated name.")
def EVERY(graph: Graph):  # noqa: N802 - named like the id it stands for
    for resource in graph:
        name = resource.name.text if isinstance(resource.name, Expr) else resource.name
        yield Finding.at(resource, "name", f"{resource.type} named {name!r} in {resource.location!r}")


CASES = [
    ("Azure__terraform-azurerm-avm-res-cognitiveservices-account", "main.tf"),
    ("Azure__terraform-azurerm-avm-res-containerservice-managedcluster", "main.tf"),
    ("Azure__bicep-registry-modules", "avm/res/cognitive-services/account/deployment/main.bicep"),
    ("msft-mfg-ai__ai-foundry-deployment-options", "options-infra/modules/ai/connection-modelgateway-static.bicep"),
    ("msft-mfg-ai__ai-foundry-deployment-options", "options-infra/vpn/main.bicep"),
    ("Azure__azure-quickstart-templates", "demos/private-aks-cluster/azuredeploy.json"),
]


def _key(findings: list[Finding]) -> list[tuple[object, ...]]:
    return sorted((f.policy, f.span, f.message, f.outcome) for f in findings)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not available")
@pytest.mark.parametrize("repo,file", CASES, ids=[f"{r.split('__')[1]}:{f}" for r, f in CASES])
def test_file_mode_matches_the_repository_scan(repo: str, file: str) -> None:
    boundary = CORPUS / repo
    opts = LoadOptions(root=CORPUS, boundary=boundary)
    policies = (*POLICIES, EVERY)
    name = f"{repo}/{file}"
    whole = lint([boundary], Config(), opts, policies)
    expected = [f for f in whole.findings if f.span.file == name]
    load = context.expand([CORPUS / name], boundary, opts)
    alone = lint(load, Config(), opts, policies, only_files={name})
    assert any(f.policy == "TST002" for f in expected), "the case should have resources"
    assert _key(alone.findings) == _key(expected)


def test_terraform_callers_with_bare_relative_sources(tmp_path: Path) -> None:
    (tmp_path / "examples" / "default").mkdir(parents=True)
    (tmp_path / "main.tf").write_text('variable "x" {\n  type = string\n}\n')
    (tmp_path / "examples" / "default" / "main.tf").write_text('module "m" {\n  source = "../.."\n  x = "a"\n}\n')
    expanded = context.expand([tmp_path / "main.tf"], tmp_path, LoadOptions(root=tmp_path))
    assert expanded == [tmp_path / "examples" / "default" / "main.tf", tmp_path / "main.tf"]
