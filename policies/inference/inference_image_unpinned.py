"""Model host pulls a floating model, environment or container image reference.

Checks the references a model host resolves at deployment time: Azure Machine Learning online and
batch deployments (`properties.model`, for batch `properties.model.assetId`, and
`properties.environmentId` must name a version: `azureml:name:3`, `.../versions/3`, or a
`.../versions` resource of the template, never `@latest`, `/labels/...` or a bare name); environment versions
(`workspaces/environments/versions` and `registries/environments/versions`, `properties.image`);
Container Apps (`properties.template.containers[*].image`, `initContainers`); App Service
(`properties.siteConfig.linuxFxVersion` / `windowsFxVersion` of the form `DOCKER|image`); and
container groups (`properties.containers[*].properties.image`, `initContainers`). An image fails when
it has no tag (implicitly `latest`) or a tag in the `mutable_image_tags` setting (default `latest`,
`stable`, `main`, `master`, `dev`), or, with `require_image_digest: true`, when it is not pinned by
`@sha256:` digest. A reference built from unknown inputs is inconclusive. Terraform: azurerm
`azurerm_container_app`, `azurerm_linux_web_app`, `azurerm_container_group`; Machine Learning
deployments and environments use `azapi_resource`.

## Why is this bad?
Images need meaningful, pinned tags so the host pulls a specific version the team can identify;
a floating reference lets a later push change what runs in production without a deployment and
leaves no trace of which model or image served a request (G22).

## Example
```bicep
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-scoring'
  location: location
  properties: {
    managedEnvironmentId: env.id
    template: { containers: [ { name: 'scoring', image: 'crexample.azurecr.io/scoring:latest' } ] }
  }
}
```
```json
{
  "type": "Microsoft.App/containerApps",
  "apiVersion": "2024-03-01",
  "name": "ca-scoring",
  "properties": {"template": {"containers": [{"name": "scoring", "image": "crexample.azurecr.io/scoring:latest"}]}}
}
```
```hcl
resource "azurerm_container_app" "scoring" {
  name                         = "ca-scoring"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg-ai"
  revision_mode                = "Single"
  template {
    container {
      name   = "scoring"
      image  = "crexample.azurecr.io/scoring:latest"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
```

## Use instead
```bicep
resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-scoring'
  location: location
  properties: {
    managedEnvironmentId: env.id
    template: { containers: [ { name: 'scoring', image: 'crexample.azurecr.io/scoring:1.4.2' } ] }
  }
}
```
```json
{
  "type": "Microsoft.App/containerApps",
  "apiVersion": "2024-03-01",
  "name": "ca-scoring",
  "properties": {"template": {"containers": [{"name": "scoring", "image": "crexample.azurecr.io/scoring:1.4.2"}]}}
}
```
```hcl
resource "azurerm_container_app" "scoring" {
  name                         = "ca-scoring"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg-ai"
  revision_mode                = "Single"
  template {
    container {
      name   = "scoring"
      image  = "crexample.azurecr.io/scoring:1.4.2"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
```

## References
- https://learn.microsoft.com/azure/container-registry/container-registry-image-tag-version
- https://learn.microsoft.com/azure/machine-learning/concept-endpoints-online
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from linter import Expr, Finding, Graph, Resource, policy
from policies.inference._common import show

_ML = "Microsoft.MachineLearningServices"
ASSETS = (f"{_ML}/workspaces/onlineEndpoints/deployments", f"{_ML}/workspaces/batchEndpoints/deployments")
ASSET_PATHS = ("properties.model", "properties.environmentId")
IMAGES = {
    f"{_ML}/workspaces/environments/versions": ("properties.image",),
    f"{_ML}/registries/environments/versions": ("properties.image",),
    "Microsoft.App/containerApps": (
        "properties.template.containers[*].image",
        "properties.template.initContainers[*].image",
    ),
    "Microsoft.Web/sites": ("properties.siteConfig.linuxFxVersion", "properties.siteConfig.windowsFxVersion"),
    "Microsoft.ContainerInstance/containerGroups": (
        "properties.containers[*].properties.image",
        "properties.initContainers[*].properties.image",
    ),
}
VERSION = re.compile(r"(?:/versions/|^azureml:[^:/@]+:)([^/:@]+)$", re.IGNORECASE)


def _asset_problem(ref: str) -> str | None:
    match = VERSION.search(ref.strip())
    if "/labels/" in ref.lower() or ref.strip().lower().endswith("@latest"):
        return "follows a label instead of a version"
    if match and match.group(1).lower() != "latest":
        return None
    return "names no version"


def _image_problem(ref: str, settings: Mapping[str, Any]) -> str | None:
    image, _, digest = ref.strip().partition("@")
    if digest.lower().startswith("sha256:"):
        return None
    last = image.rsplit("/", 1)[-1]
    tag = last.partition(":")[2] if ":" in last else None
    if not tag:
        return "has no tag (implicitly latest)"
    if tag.lower() in {t.lower() for t in settings["mutable_image_tags"]}:
        return f"uses the mutable tag '{tag}'"
    return "is not pinned by digest" if settings["require_image_digest"] else None


def _refs(graph: Graph, res: Resource) -> Iterator[tuple[str, Any, bool]]:
    """(path, value, is_asset) for every reference the resource pulls."""
    if res.is_type(*ASSETS):
        for path in ASSET_PATHS:
            value = res.get(path)
            if isinstance(value, Mapping):  # batch deployments: an asset reference object
                path, value = f"{path}.assetId", value.get("assetId")
            if value is not None:
                yield path, value, True
    for type_, paths in IMAGES.items():
        if res.is_type(type_):
            for pattern in paths:
                for path, value in res.each(pattern):
                    if type_ == "Microsoft.Web/sites":
                        text = value.text if isinstance(value, Expr) else str(value)
                        if "docker|" not in text.lower():
                            continue  # a language stack, not a container image
                        value = value[len("DOCKER|") :] if isinstance(value, str) else value
                    yield path, value, False


@policy(id="INF004", name="inference-image-unpinned", severity="warning", doc=__doc__, guidance=("G22",))
def check(graph: Graph, settings: Mapping[str, Any]) -> Iterator[Finding]:
    for res in graph:
        if res.existing:
            continue
        for path, value, asset in _refs(graph, res):
            if isinstance(value, Expr):
                pinned = [graph[a] for a in value.refs if a in graph and graph[a].type.lower().endswith("/versions")]
                if not (asset and pinned):
                    yield Finding.unknown(res, path, value, "Image reference" if not asset else "Asset reference")
            elif isinstance(value, str) and value.strip():
                problem = _asset_problem(value) if asset else _image_problem(value, settings)
                if problem:
                    what = "Reference" if asset else "Image"
                    yield Finding.at(res, path, f"{what} '{value}' of '{show(res.name)}' {problem}")
