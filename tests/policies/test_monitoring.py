"""Monitoring policies on graph shapes the fixtures do not show: how settings and alerts find their resource."""

from __future__ import annotations

from pathlib import Path

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.monitoring import ai_resource_alerts_missing, ai_resource_diagnostic_logs_missing

ACCOUNT = """
resource "azurerm_cognitive_account" "oai" {
  name                = "oai-mon"
  location            = "swedencentral"
  resource_group_name = "rg-ai"
  kind                = "OpenAI"
  sku_name            = "S0"
}
"""
LAW = "/subscriptions/0/resourceGroups/rg-ai/providers/Microsoft.OperationalInsights/workspaces/law-ai"
ACCOUNT_ID = "/subscriptions/0/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/oai-mon"


def run(item: Policy, tmp_path: Path, text: str, name: str = "main.tf") -> list[Finding]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")]
    return [f for f in report.findings if f.policy == item.id]


def diagnostic(target: str, body: str = 'enabled_log {\n    category_group = "audit"\n  }') -> str:
    return f"""
resource "azurerm_monitor_diagnostic_setting" "oai" {{
  name                       = "to-law"
  target_resource_id         = {target}
  log_analytics_workspace_id = "{LAW}"
  {body}
}}
"""


def test_diagnostic_setting_found_by_literal_id(tmp_path: Path) -> None:
    assert run(ai_resource_diagnostic_logs_missing.check, tmp_path, ACCOUNT + diagnostic(f'"{ACCOUNT_ID}"')) == []


def test_diagnostic_setting_with_unknown_target_is_inconclusive(tmp_path: Path) -> None:
    text = ACCOUNT + diagnostic("var.target") + 'variable "target" {\n  type = string\n}\n'
    [finding] = run(ai_resource_diagnostic_logs_missing.check, tmp_path, text)
    assert finding.outcome == "inconclusive"
    assert "'target'" in finding.message


def test_diagnostic_setting_of_another_resource_does_not_count(tmp_path: Path) -> None:
    other = '"/subscriptions/0/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/other"'
    [finding] = run(ai_resource_diagnostic_logs_missing.check, tmp_path, ACCOUNT + diagnostic(other))
    assert finding.outcome == "fail"
    assert "has no diagnostic setting" in finding.message


def test_diagnostic_setting_without_destination_fails(tmp_path: Path) -> None:
    text = ACCOUNT + diagnostic("azurerm_cognitive_account.oai.id").replace(f'log_analytics_workspace_id = "{LAW}"', "")
    [finding] = run(ai_resource_diagnostic_logs_missing.check, tmp_path, text)
    assert "no destination" in finding.message


def test_diagnostic_setting_in_module_on_existing_reference(tmp_path: Path) -> None:
    (tmp_path / "diag.bicep").write_text(
        "param accountName string\n"
        "resource account 'Microsoft.Search/searchServices@2024-06-01-preview' existing = {\n"
        "  name: accountName\n}\n"
        "resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {\n"
        "  name: 'to-law'\n  scope: account\n"
        f"  properties: {{\n    workspaceId: '{LAW}'\n"
        "    logs: [ { category: 'OperationLogs', enabled: true } ]\n  }\n}\n",
        encoding="utf-8",
    )
    main = (
        "resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {\n"
        "  name: 'srch-ai'\n  location: 'swedencentral'\n  sku: { name: 'standard' }\n}\n"
        "module diag 'diag.bicep' = {\n  name: 'diag'\n  params: { accountName: search.name }\n}\n"
    )
    assert run(ai_resource_diagnostic_logs_missing.check, tmp_path, main, "main.bicep") == []


def alert(scope: str, enabled: str = "true", action: bool = True) -> str:
    group = '"/subscriptions/0/resourceGroups/rg-ai/providers/Microsoft.Insights/actionGroups/ag"'
    action_block = f"action {{\n    action_group_id = {group}\n  }}" if action else ""
    return f"""
resource "azurerm_monitor_metric_alert" "errors" {{
  name                = "oai-errors"
  resource_group_name = "rg-ai"
  scopes              = [{scope}]
  enabled             = {enabled}
  criteria {{
    metric_namespace = "Microsoft.CognitiveServices/accounts"
    metric_name      = "ClientErrors"
    aggregation      = "Total"
    operator         = "GreaterThan"
    threshold        = 10
  }}
  {action_block}
}}
"""


def test_alert_scope_composed_from_parent_id_and_name(tmp_path: Path) -> None:
    scope = '"/subscriptions/0/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/${azurerm_cognitive_account.oai.name}"'
    assert run(ai_resource_alerts_missing.check, tmp_path, ACCOUNT + alert(scope)) == []


def test_disabled_alert_does_not_count(tmp_path: Path) -> None:
    [finding] = run(
        ai_resource_alerts_missing.check, tmp_path, ACCOUNT + alert("azurerm_cognitive_account.oai.id", "false")
    )
    assert "none is enabled with an action group" in finding.message


def test_alert_with_unknown_scope_is_inconclusive(tmp_path: Path) -> None:
    text = ACCOUNT + alert("var.target") + 'variable "target" {\n  type = string\n}\n'
    [finding] = run(ai_resource_alerts_missing.check, tmp_path, text)
    assert finding.outcome == "inconclusive"
