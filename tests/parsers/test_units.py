"""How files are grouped into deployment units: templates with their parameters files."""

from __future__ import annotations

import json
from pathlib import Path

from linter.parsers import discover, plan_jobs
from linter.parsers.common import LoadOptions

TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"kind": {"type": "string", "defaultValue": "a"}},
    "resources": [],
}
PARAMETERS = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"kind": {"value": "b"}},
}


def _jobs(tmp_path: Path, files: dict[str, dict]) -> list[tuple[str, str | None]]:
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    opts = LoadOptions(root=tmp_path)
    jobs = plan_jobs(discover([tmp_path], root=tmp_path), opts)
    return sorted((j.entry.name, j.params.name if j.params else None) for j in jobs)


def test_stem_parameters_file_pairs(tmp_path: Path) -> None:
    found = _jobs(tmp_path, {"azuredeploy.json": TEMPLATE, "azuredeploy.parameters.json": PARAMETERS})
    assert found == [("azuredeploy.json", "azuredeploy.parameters.json")]


def test_template_and_parameters_json_pair_when_alone(tmp_path: Path) -> None:
    assert _jobs(tmp_path, {"template.json": TEMPLATE, "parameters.json": PARAMETERS}) == [
        ("template.json", "parameters.json")
    ]


def test_parameters_json_is_not_guessed_between_two_templates(tmp_path: Path) -> None:
    found = _jobs(tmp_path, {"a.json": TEMPLATE, "b.json": TEMPLATE, "parameters.json": PARAMETERS})
    assert found == [("a.json", None), ("b.json", None)]


def test_template_linked_by_relative_path_is_loaded_through_its_caller(tmp_path: Path) -> None:
    caller = {
        **TEMPLATE,
        "resources": [
            {
                "type": "Microsoft.Resources/deployments",
                "apiVersion": "2022-09-01",
                "name": "child",
                "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nested/child.json"}},
            }
        ],
    }
    found = _jobs(tmp_path, {"main.json": caller, "nested/child.json": TEMPLATE})
    assert found == [("main.json", None)]
