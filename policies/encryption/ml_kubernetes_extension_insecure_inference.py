"""Azure Machine Learning Kubernetes extension serves inference over plain HTTP.

Checks `Microsoft.KubernetesConfiguration/extensions` whose `properties.extensionType`
is `Microsoft.AzureML.Kubernetes` and whose
`properties.configurationSettings.enableInference` is `True`:
`configurationSettings.allowInsecureConnections` must not be `True`. Absent means
`False` (the extension then requires a TLS certificate, `sslCname` with
`sslCertPemFile`/`sslKeyPemFile` protected settings or `sslSecret`). Terraform:
`azurerm_kubernetes_cluster_extension` with `extension_type =
"Microsoft.AzureML.Kubernetes"` and the same keys in `configuration_settings`.

## Why is this bad?
With insecure connections allowed, the inference router accepts HTTP: scoring requests,
their authentication tokens and model outputs cross the network unencrypted. The
guidance asks for encryption in transit (TLS 1.2 or later, HTTPS only) on the AI
platform (G12), and for the self-hosted AKS serving platform to meet it (G25).

## Example
```bicep
resource azureml 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'azureml'
  scope: aks
  properties: {
    extensionType: 'Microsoft.AzureML.Kubernetes'
    configurationSettings: { enableInference: 'True', allowInsecureConnections: 'True' }
  }
}
```
```json
{
  "type": "Microsoft.KubernetesConfiguration/extensions",
  "apiVersion": "2023-05-01",
  "name": "azureml",
  "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', 'aks-example')]",
  "properties": {
    "extensionType": "Microsoft.AzureML.Kubernetes",
    "configurationSettings": {"enableInference": "True", "allowInsecureConnections": "True"}
  }
}
```
```hcl
resource "azurerm_kubernetes_cluster_extension" "azureml" {
  name           = "azureml"
  cluster_id     = azurerm_kubernetes_cluster.aks.id
  extension_type = "Microsoft.AzureML.Kubernetes"
  configuration_settings = {
    enableInference          = "True"
    allowInsecureConnections = "True"
  }
}
```

## Use instead
```bicep
resource azureml 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'azureml'
  scope: aks
  properties: {
    extensionType: 'Microsoft.AzureML.Kubernetes'
    configurationSettings: { enableInference: 'True', sslCname: 'scoring.contoso.com' }
    configurationProtectedSettings: { sslCertPemFile: certPem, sslKeyPemFile: keyPem }
  }
}
```
```json
{
  "type": "Microsoft.KubernetesConfiguration/extensions",
  "apiVersion": "2023-05-01",
  "name": "azureml",
  "scope": "[format('Microsoft.ContainerService/managedClusters/{0}', 'aks-example')]",
  "properties": {
    "extensionType": "Microsoft.AzureML.Kubernetes",
    "configurationSettings": {"enableInference": "True", "sslCname": "scoring.contoso.com"},
    "configurationProtectedSettings": {
      "sslCertPemFile": "[parameters('certPem')]",
      "sslKeyPemFile": "[parameters('keyPem')]"
    }
  }
}
```
```hcl
resource "azurerm_kubernetes_cluster_extension" "azureml" {
  name           = "azureml"
  cluster_id     = azurerm_kubernetes_cluster.aks.id
  extension_type = "Microsoft.AzureML.Kubernetes"
  configuration_settings = {
    enableInference = "True"
    sslCname        = "scoring.contoso.com"
  }
  configuration_protected_settings = {
    sslCertPemFile = var.cert_pem
    sslKeyPemFile  = var.key_pem
  }
}
```

## References
- https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension
- https://learn.microsoft.com/azure/machine-learning/how-to-secure-kubernetes-inferencing-environment
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import Expr, Finding, Graph, policy
from policies.encryption._common import label

EXTENSIONS = "Microsoft.KubernetesConfiguration/extensions"
AML_EXTENSION = "microsoft.azureml.kubernetes"
SETTINGS = "properties.configurationSettings"
INFERENCE = f"{SETTINGS}.enableInference"
INSECURE = f"{SETTINGS}.allowInsecureConnections"


def _true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


@policy(
    id="ENC004",
    name="ml-kubernetes-extension-insecure-inference",
    severity="error",
    doc=__doc__,
    guidance=("G12", "G25"),
)
def check(graph: Graph) -> Iterator[Finding]:
    for ext in graph.of_type(EXTENSIONS):
        kind = ext.get("properties.extensionType")
        insecure = ext.get(INSECURE, False)
        if ext.existing or (not isinstance(insecure, Expr) and not _true(insecure)):
            continue
        if isinstance(kind, Expr):
            yield Finding.unknown(ext, "properties.extensionType", kind, "extensionType")
            continue
        if not isinstance(kind, str) or kind.lower() != AML_EXTENSION:
            continue
        inference = ext.get(INFERENCE, False)
        if isinstance(inference, Expr):
            yield Finding.unknown(ext, INFERENCE, inference, "enableInference")
        elif not _true(inference):
            continue
        elif isinstance(insecure, Expr):
            yield Finding.unknown(ext, INSECURE, insecure, "allowInsecureConnections")
        else:
            state = f"allowInsecureConnections is '{insecure}'"
            yield Finding.at(ext, INSECURE, f"Azure ML extension {label(ext)} accepts plain-HTTP inference ({state})")
