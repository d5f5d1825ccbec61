"""Private-endpoint and workspace-network shapes the fixtures do not show: literal target ids, zone groups
named after their endpoint, unloaded modules, endpoints of other services, unknown zone names, hub projects."""

from __future__ import annotations

from pathlib import Path

from linter import Expr, Graph, Resource, Span
from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.network import (
    cognitive_without_private_endpoint,
    ml_compute_public_network,
    ml_workspace_egress_unrestricted,
    ml_workspace_without_private_endpoint,
)
from policies.network._common import private_endpoints

NET002 = ml_workspace_without_private_endpoint.check
NET003 = ml_workspace_egress_unrestricted.check
NET004 = ml_compute_public_network.check
NET007 = cognitive_without_private_endpoint.check


def run(item: Policy, tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = lint([tmp_path], Config(select=(item.id,)), LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")], report.findings
    return [f for f in report.findings if f.policy == item.id]


WORKSPACE = """
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw'
  location: 'swedencentral'
  properties: { publicNetworkAccess: 'Disabled' }
}
"""

ENDPOINT = """
resource pe 'Microsoft.Network/privateEndpoints@2023-11-01' = {{
  name: 'pe-mlw'
  location: 'swedencentral'
  properties: {{
    subnet: {{ id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe' }}
    privateLinkServiceConnections: [
      {{ name: 'c', properties: {{ privateLinkServiceId: {target}, groupIds: {groups} }} }}
    ]
  }}
}}
"""

LITERAL_ID = "'/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw'"


def test_literal_target_id_counts(tmp_path: Path) -> None:
    group = """
resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: pe
  name: 'default'
  properties: { privateDnsZoneConfigs: [] }
}
"""
    text = WORKSPACE + ENDPOINT.format(target=LITERAL_ID, groups="[ 'amlworkspace' ]") + group
    assert run(NET002, tmp_path, {"main.bicep": text}) == []


def test_zone_group_named_after_endpoint_without_parent(tmp_path: Path) -> None:
    group = """
resource dns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  name: '${pe.name}/default'
  properties: { privateDnsZoneConfigs: [] }
}
"""
    text = WORKSPACE + ENDPOINT.format(target="ws.id", groups="[ 'amlworkspace' ]") + group
    assert run(NET002, tmp_path, {"main.bicep": text}) == []


def test_unknown_zone_name_is_inconclusive(tmp_path: Path) -> None:
    zone = """
param zoneName string
resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: zoneName
  location: 'global'
}
"""
    text = WORKSPACE + ENDPOINT.format(target="ws.id", groups="[ 'amlworkspace' ]") + zone
    found = run(NET002, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.outcome) for f in found] == [("pe", "inconclusive")]


def test_endpoint_of_another_service_does_not_hide_a_missing_one(tmp_path: Path) -> None:
    other = ENDPOINT.format(target="vaultId", groups="[ 'vault' ]").replace("resource pe ", "resource peKv ")
    text = "param vaultId string\n" + WORKSPACE + other.replace("'pe-mlw'", "'pe-kv'")
    found = run(NET002, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.outcome) for f in found] == [("ws", "fail")]


def test_endpoint_with_unknown_target_is_inconclusive(tmp_path: Path) -> None:
    text = "param targetId string\n" + WORKSPACE + ENDPOINT.format(target="targetId", groups="[ 'amlworkspace' ]")
    found = run(NET002, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.outcome) for f in found] == [("ws", "inconclusive")]


def test_unloaded_private_endpoint_module_is_inconclusive(tmp_path: Path) -> None:
    account = """
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'aoai', publicNetworkAccess: 'Disabled' }
}

module pe 'br/public:avm/res/network/private-endpoint:0.11.0' = {
  name: 'pe-aoai'
  params: {
    name: 'pe-aoai'
    subnetResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe'
    privateLinkServiceConnections: [
      { name: 'aoai', properties: { privateLinkServiceId: aoai.id, groupIds: [ 'account' ] } }
    ]
  }
}
"""
    found = run(NET007, tmp_path, {"main.bicep": account})
    assert [(f.resource, f.outcome) for f in found] == [("aoai", "inconclusive")]


def test_unloaded_module_with_no_endpoints_does_not_hide_a_missing_one(tmp_path: Path) -> None:
    account = """
resource aoai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'aoai'
  location: 'swedencentral'
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'aoai', publicNetworkAccess: 'Disabled' }
}

module diag 'br/public:avm/utl/interfaces:0.1.0' = {
  name: 'interfaces'
  params: { scope: aoai.id, privateEndpoints: [] }
}
"""
    found = run(NET007, tmp_path, {"main.bicep": account})
    assert [(f.resource, f.outcome) for f in found] == [("aoai", "fail")]


def test_hub_project_is_not_checked(tmp_path: Path) -> None:
    project = """
resource proj 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'proj'
  location: 'swedencentral'
  kind: 'Project'
  properties: { hubResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/hub' }
}
"""
    assert run(NET002, tmp_path, {"main.bicep": project}) == []
    assert run(NET003, tmp_path, {"main.bicep": project}) == []


def test_compute_of_existing_workspace_declared_in_the_unit_follows_it(tmp_path: Path) -> None:
    main = """
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw'
  location: 'swedencentral'
  properties: { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }
}

module compute 'compute.bicep' = {
  name: 'compute'
  params: { workspaceName: ws.name }
}
"""
    compute = """
param workspaceName string

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' existing = {
  name: workspaceName
}

resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  parent: ws
  name: 'ci'
  location: 'swedencentral'
  properties: { computeType: 'ComputeInstance', properties: { vmSize: 'Standard_DS3_v2' } }
}
"""
    assert run(NET004, tmp_path, {"main.bicep": main, "compute.bicep": compute}) == []


NESTED = """
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "parameters": {"deployAi": {"type": "bool"}},
  "resources": {
    "ai": {
      "condition": "[parameters('deployAi')]",
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "ai",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"suffix": {"type": "string", "defaultValue": "[uniqueString(resourceGroup().id)]"}},
          "resources": [
            {
              "type": "Microsoft.CognitiveServices/accounts",
              "apiVersion": "2024-10-01",
              "name": "[format('aoai{0}', parameters('suffix'))]",
              "location": "swedencentral",
              "kind": "OpenAI",
              "sku": {"name": "S0"},
              "properties": {"customSubDomainName": "[format('aoai{0}', parameters('suffix'))]"}
            }
          ],
          "outputs": {"accountName": {"type": "string", "value": "[format('aoai{0}', parameters('suffix'))]"}}
        }
      }
    },
    "endpoints": {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "endpoints",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"accountName": {"value": "[reference('ai').outputs.accountName.value]"}},
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {"accountName": {"type": "string"}},
          "resources": [
            {
              "type": "Microsoft.Network/privateEndpoints",
              "apiVersion": "2023-11-01",
              "name": "[format('{0}-pe', parameters('accountName'))]",
              "location": "swedencentral",
              "properties": {
                "subnet": {"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe"},
                "privateLinkServiceConnections": [
                  {
                    "name": "aoai",
                    "properties": {
                      "privateLinkServiceId": "[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]",
                      "groupIds": ["account"]
                    }
                  }
                ]
              }
            },
            {
              "type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
              "apiVersion": "2023-11-01",
              "name": "[format('{0}-pe/default', parameters('accountName'))]",
              "dependsOn": ["[resourceId('Microsoft.Network/privateEndpoints', format('{0}-pe', parameters('accountName')))]"],
              "properties": {"privateDnsZoneConfigs": []}
            }
          ]
        }
      }
    }
  }
}
"""


def test_endpoint_in_one_nested_deployment_reaches_an_account_in_another(tmp_path: Path) -> None:
    assert run(NET007, tmp_path, {"main.json": NESTED}) == []


def resource(address: str, type_: str, body: dict[str, object], module: str | None = None) -> Resource:
    return Resource(address, type_, "arm", body, Span("main.json", 1, 1, 1, 2), module=module)


def test_id_from_an_unevaluated_output_of_the_module_declaring_the_target() -> None:
    account_id = Expr(
        "resourceId('Microsoft.CognitiveServices/accounts', reference('ai').outputs.accountName.value)", refs=("ai",)
    )
    connection = {"name": "c", "properties": {"privateLinkServiceId": account_id, "groupIds": ["account"]}}
    account = resource("ai/aoai", "Microsoft.CognitiveServices/accounts", {"name": "aoai"}, module="ai")
    graph = Graph(
        [
            resource("ai", "Microsoft.Resources/deployments", {"name": "ai"}),
            account,
            resource(
                "pe",
                "Microsoft.Network/privateEndpoints",
                {"name": "pe", "properties": {"privateLinkServiceConnections": [connection]}},
            ),
        ]
    )
    found = private_endpoints(graph, account)
    assert [(c.endpoint.address, c.path, c.group_ids) for c in found] == [
        ("pe", "properties.privateLinkServiceConnections[0]", ("account",))
    ]
