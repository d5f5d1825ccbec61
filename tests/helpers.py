"""Shared helpers for the pipeline tests: a small policy set and template snippets in three formats."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from linter import Expr, Finding, Graph, policy, registry
from linter.config import Config
from linter.engine import Report, lint
from linter.parsers.common import LoadOptions
from linter.reporters import Run

TEST_DOC = """Machine Learning workspace accepts traffic from public networks (a policy for the pipeline tests).

## Why is this bad?
A test policy: its verdicts are what the reporters, suppressions and baselines are tested with.

## Use instead
`publicNetworkAccess: 'Disabled'`.
"""


@policy(id="TST001", name="test-workspace-public-access", severity="error", doc=TEST_DOC, guidance=("G12",))
def TST001(graph: Graph):  # noqa: N802 - named like the id it stands for
    for ws in graph.of_type("Microsoft.MachineLearningServices/workspaces"):
        value = ws.get("properties.publicNetworkAccess", "Enabled")
        if isinstance(value, Expr):
            yield Finding.unknown(ws, "properties.publicNetworkAccess", value, "publicNetworkAccess")
        elif not isinstance(value, str) or value.lower() != "disabled":
            yield Finding.at(ws, "properties.publicNetworkAccess", "ML workspace allows public network access")


# The pipeline tests use their own policy, so they do not depend on the wording of the policy pack.
POLICIES = (*registry.BUILTIN, TST001)
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def bicep_workspace(access: str = "Enabled", above_resource: str = "", above_property: str = "") -> str:
    return (
        f"{above_resource}"
        "resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {\n"
        "  name: 'mlw-test'\n"
        "  location: 'swedencentral'\n"
        "  properties: {\n"
        f"{above_property}"
        f"    publicNetworkAccess: '{access}'\n"
        "  }\n"
        "}\n"
    )


def arm_workspace(access: str = "Enabled", above_property: str = "", metadata: str = "") -> str:
    return (
        "{\n"
        '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n'
        '  "contentVersion": "1.0.0.0",\n'
        '  "resources": [\n'
        "    {\n"
        '      "type": "Microsoft.MachineLearningServices/workspaces",\n'
        '      "apiVersion": "2024-04-01",\n'
        '      "name": "mlw-test",\n'
        '      "location": "swedencentral",\n'
        f"{metadata}"
        '      "properties": {\n'
        f"{above_property}"
        f'        "publicNetworkAccess": "{access}"\n'
        "      }\n"
        "    }\n"
        "  ]\n"
        "}\n"
    )


def tf_workspace(enabled: str = "true", above_resource: str = "", above_property: str = "") -> str:
    return (
        f"{above_resource}"
        'resource "azurerm_machine_learning_workspace" "ws" {\n'
        '  name                    = "mlw-test"\n'
        '  location                = "swedencentral"\n'
        '  resource_group_name     = "rg"\n'
        '  application_insights_id = "appi"\n'
        '  key_vault_id            = "kv"\n'
        '  storage_account_id      = "st"\n'
        f"{above_property}"
        f"  public_network_access_enabled = {enabled}\n"
        "  identity {\n"
        '    type = "SystemAssigned"\n'
        "  }\n"
        "}\n"
    )


def scan(
    folder: Path,
    config: Config | None = None,
    only: set[str] | None = None,
    paths: list[Path] | None = None,
) -> Report:
    return lint(paths or [folder], config or Config(), LoadOptions(root=folder), POLICIES, only_files=only)


def make_run(report: Report, **extra: object) -> Run:
    return Run(
        findings=report.findings,
        policies={p.id: p for p in POLICIES},
        ran=tuple(p.id for p in report.policies),
        files=report.files,
        version="0.1.0",
        **extra,  # type: ignore[arg-type]
    )


@cache
def corpus_report() -> Report:
    """The corpus scanned once per test session with the small policy set."""
    return lint([CORPUS], Config(), LoadOptions(root=CORPUS), POLICIES)
