"""Network policies on shapes the fixtures do not show: NVA settings, inline subnets, module firewalls,
managed private endpoints, node pools of load-balanced clusters."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from linter.config import Config, default_settings
from linter.engine import lint
from linter.parsers.common import LoadOptions
from linter.policy import Finding, Policy
from policies.network import ai_data_store_not_private, compute_egress_not_firewalled, container_registry_not_private


def run(item: Policy, tmp_path: Path, files: dict[str, str], **settings: object) -> list[Finding]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = Config(select=(item.id,), settings=MappingProxyType({**default_settings(), **settings}))
    report = lint([tmp_path], config, LoadOptions(root=tmp_path), [item])
    assert not [f for f in report.findings if f.policy.startswith("SYS")], report.findings
    return [f for f in report.findings if f.policy == item.id]


EGRESS = """
resource rt 'Microsoft.Network/routeTables@2023-11-01' = {{
  name: 'rt'
  location: 'swedencentral'
  properties: {{
    routes: [
      {{
        name: 'default'
        properties: {{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: {hop} }}
      }}
    ]
  }}
}}

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {{
  name: 'vnet'
  location: 'swedencentral'
  properties: {{
    addressSpace: {{ addressPrefixes: [ '10.0.0.0/16' ] }}
    subnets: [
      {{ name: 'snet-other', properties: {{ addressPrefix: '10.0.2.0/24' }} }}
      {{ name: 'snet-app', properties: {{ addressPrefix: '10.0.1.0/24', routeTable: {{ id: rt.id }} }} }}
    ]
  }}
}}

resource app 'Microsoft.Web/sites@2023-12-01' = {{
  name: 'app'
  location: 'swedencentral'
  properties: {{
    serverFarmId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Web/serverfarms/asp'
    virtualNetworkSubnetId: {subnet}
  }}
}}
{extra}
"""


def egress(tmp_path: Path, hop: str, subnet: str = "'${vnet.id}/subnets/snet-app'", extra: str = "",
           **settings: object) -> list[Finding]:
    text = EGRESS.format(hop=hop, subnet=subnet, extra=extra)
    return run(compute_egress_not_firewalled.check, tmp_path, {"main.bicep": text}, **settings)


@pytest.mark.parametrize(
    ("nva", "outcome"),
    [([], "inconclusive"), (["10.9.0.4"], "fail"), (["10.0.0.4"], None)],
)
def test_literal_next_hop_depends_on_nva_setting(tmp_path: Path, nva: list[str], outcome: str | None) -> None:
    found = egress(tmp_path, "'10.0.0.4'", firewall_nva_ips=nva)
    assert [f.outcome for f in found] == ([outcome] if outcome else [])
    assert all(f.path == "properties.routes[0].properties.nextHopIpAddress" for f in found)


@pytest.mark.parametrize("subnet", ["'${vnet.id}/subnets/snet-app'", "vnet.properties.subnets[1].id",
                                    "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet-app')"])
def test_inline_subnet_is_followed_to_its_route_table(tmp_path: Path, subnet: str) -> None:
    found = egress(tmp_path, "'10.0.0.4'", subnet=subnet, firewall_nva_ips=["10.9.9.9"])
    assert [(f.resource, f.outcome) for f in found] == [("rt", "fail")]


def test_inline_subnet_without_route_table_fails_at_the_subnet(tmp_path: Path) -> None:
    found = egress(tmp_path, "'10.0.0.4'", subnet="vnet.properties.subnets[0].id")
    assert [(f.resource, f.path) for f in found] == [("vnet", "properties.subnets[0].properties.routeTable.id")]


def test_firewall_deployed_by_a_module_is_a_firewall(tmp_path: Path) -> None:
    (tmp_path / "hub.bicep").write_text(
        "resource fw 'Microsoft.Network/azureFirewalls@2023-11-01' = {\n"
        "  name: 'afw'\n  location: 'swedencentral'\n  properties: {}\n}\n"
        "output ip string = fw.properties.ipConfigurations[0].properties.privateIPAddress\n",
        encoding="utf-8",
    )
    extra = "module hub 'hub.bicep' = {\n  name: 'hub'\n}\n"
    assert egress(tmp_path, "hub.outputs.ip", extra=extra) == []


def test_node_pool_of_load_balanced_cluster_is_reported_once(tmp_path: Path) -> None:
    text = """
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks'
  location: 'swedencentral'
  properties: {
    dnsPrefix: 'aks'
    agentPoolProfiles: [ { name: 'system', mode: 'System', count: 3, vmSize: 'Standard_D4ds_v5' } ]
  }
}

resource pool 'Microsoft.ContainerService/managedClusters/agentPools@2024-02-01' = {
  parent: aks
  name: 'user'
  properties: {
    vnetSubnetID: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s'
  }
}
"""
    found = run(compute_egress_not_firewalled.check, tmp_path, {"main.bicep": text})
    assert [(f.resource, f.path) for f in found] == [("aks", "properties.networkProfile.outboundType")]


STORE = """
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'swedencentral'
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crml'
  location: 'swedencentral'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'swedencentral'
  properties: {
    storageAccount: st.id
    containerRegistry: acr.id
    publicNetworkAccess: 'Disabled'
    managedNetwork: { isolationMode: '%s' }
  }
}
"""


@pytest.mark.parametrize(("mode", "count"), [("AllowOnlyApprovedOutbound", 0), ("Disabled", 1)])
@pytest.mark.parametrize("item", [ai_data_store_not_private.check, container_registry_not_private.check])
def test_managed_network_endpoints_count_as_private_endpoints(tmp_path: Path, item: Policy, mode: str,
                                                              count: int) -> None:
    found = run(item, tmp_path, {"main.bicep": STORE % mode})
    assert len(found) == count and all(f.path == "" for f in found)


def test_outbound_rule_counts_as_private_endpoint(tmp_path: Path) -> None:
    text = (STORE % "Disabled").replace(
        "managedNetwork: { isolationMode: 'Disabled' }",
        "managedNetwork: { isolationMode: 'AllowInternetOutbound', outboundRules: { st: { type: 'PrivateEndpoint', "
        "destination: { serviceResourceId: st.id, subresourceTarget: 'blob' } } } }",
    )
    assert run(ai_data_store_not_private.check, tmp_path, {"main.bicep": text}) == []


def test_store_not_used_by_ai_is_out_of_scope(tmp_path: Path) -> None:
    text = STORE.split("resource ws")[0].replace("'Disabled'", "'Enabled'")
    assert run(ai_data_store_not_private.check, tmp_path, {"main.bicep": text}) == []


def test_existing_subnet_is_inconclusive(tmp_path: Path) -> None:
    extra = "resource ext 'Microsoft.Network/virtualNetworks/subnets@2023-11-01' existing = {\n  name: 'v/s'\n}\n"
    found = egress(tmp_path, "'10.0.0.4'", subnet="ext.id", extra=extra)
    assert [(f.resource, f.outcome) for f in found] == [("ext", "inconclusive")]
