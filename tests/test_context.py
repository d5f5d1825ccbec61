"""File-name mode: a changed file is judged with its context, and only its own findings are reported."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import POLICIES, bicep_workspace, tf_workspace

from linter import context
from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions


def _files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _scan_files(root: Path, *names: str) -> list[tuple[str, str, str]]:
    """Lint as the CLI does for file arguments; (file, policy, outcome) of every finding."""
    opts = LoadOptions(root=root, boundary=root)
    given = [root / n for n in names]
    load = context.expand(given, root, opts)
    report = lint(load, Config(), opts, POLICIES, only_files=set(names))
    return [(f.span.file, f.policy, f.outcome) for f in report.findings]


TF_SPLIT = {
    "infra/variables.tf": 'variable "public" {\n  type    = bool\n  default = true\n}\n',
    "infra/main.tf": tf_workspace(enabled="var.public"),
}


def test_terraform_file_is_judged_with_its_module_folder(tmp_path: Path) -> None:
    _files(tmp_path, TF_SPLIT)
    assert _scan_files(tmp_path, "infra/main.tf") == [("infra/main.tf", "TST001", "fail")]


def test_terraform_finding_decided_by_the_changed_file_is_reported(tmp_path: Path) -> None:
    """Only variables.tf changed, but its default is the value at fault: the finding is not lost."""
    _files(tmp_path, TF_SPLIT)
    assert _scan_files(tmp_path, "infra/variables.tf") == [("infra/main.tf", "TST001", "fail")]


def test_terraform_neighbour_findings_are_not_reported(tmp_path: Path) -> None:
    """The control: a finding whose value is written in main.tf is not variables.tf's business."""
    _files(tmp_path, {**TF_SPLIT, "infra/main.tf": tf_workspace(enabled="true")})
    assert _scan_files(tmp_path, "infra/variables.tf") == []


def test_terraform_module_is_judged_with_its_caller(tmp_path: Path) -> None:
    _files(
        tmp_path,
        {
            "modules/ws/variables.tf": 'variable "public" {\n  type = bool\n}\n',
            "modules/ws/main.tf": tf_workspace(enabled="var.public"),
            "env/prod/main.tf": 'module "ws" {\n  source = "../../modules/ws"\n  public = true\n}\n',
        },
    )
    assert _scan_files(tmp_path, "modules/ws/main.tf") == [("modules/ws/main.tf", "TST001", "fail")]


def test_terraform_module_alone_is_inconclusive(tmp_path: Path) -> None:
    """The control for the test above: without its caller the value is unknown."""
    _files(
        tmp_path,
        {
            "modules/ws/variables.tf": 'variable "public" {\n  type = bool\n}\n',
            "modules/ws/main.tf": tf_workspace(enabled="var.public"),
        },
    )
    assert _scan_files(tmp_path, "modules/ws/main.tf") == [("modules/ws/main.tf", "TST001", "inconclusive")]


BICEP_MODULE = "param access string\n" + bicep_workspace().replace("'Enabled'", "access")


def test_bicep_module_is_judged_with_its_callers(tmp_path: Path) -> None:
    _files(
        tmp_path,
        {
            "modules/ws.bicep": BICEP_MODULE,
            "main.bicep": "module ws 'modules/ws.bicep' = {\n  name: 'ws'\n  params: { access: 'Enabled' }\n}\n",
        },
    )
    assert _scan_files(tmp_path, "modules/ws.bicep") == [("modules/ws.bicep", "TST001", "fail")]
    # the caller passes the value at fault: a change to it alone is reported too, at the module's line
    assert _scan_files(tmp_path, "main.bicep") == [("modules/ws.bicep", "TST001", "fail")]


def test_bicep_callers_are_found_transitively(tmp_path: Path) -> None:
    _files(
        tmp_path,
        {
            "modules/ws.bicep": BICEP_MODULE,
            "modules/mid.bicep": (
                "param access string\nmodule ws 'ws.bicep' = {\n  name: 'ws'\n  params: { access: access }\n}\n"
            ),
            "top.bicep": "module mid 'modules/mid.bicep' = {\n  name: 'mid'\n  params: { access: 'Disabled' }\n}\n",
        },
    )
    assert _scan_files(tmp_path, "modules/ws.bicep") == []


def test_bicep_module_without_callers_is_inconclusive(tmp_path: Path) -> None:
    _files(tmp_path, {"modules/ws.bicep": BICEP_MODULE})
    assert _scan_files(tmp_path, "modules/ws.bicep") == [("modules/ws.bicep", "TST001", "inconclusive")]


def test_bicep_file_uses_its_bicepparam(tmp_path: Path) -> None:
    _files(
        tmp_path,
        {
            "main.bicep": BICEP_MODULE,
            "main.bicepparam": "using 'main.bicep'\nparam access = 'Enabled'\n",
        },
    )
    assert _scan_files(tmp_path, "main.bicep") == [("main.bicep", "TST001", "fail")]


def test_arm_template_uses_its_parameters_file(tmp_path: Path) -> None:
    template = (
        '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n'
        '  "contentVersion": "1.0.0.0",\n  "parameters": {"access": {"type": "string"}},\n'
        '  "resources": [{"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01",\n'
        '    "name": "mlw", "location": "swedencentral",\n'
        '    "properties": {"publicNetworkAccess": "[parameters(\'access\')]"}}]\n}\n'
    )
    params = (
        '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n'
        '  "contentVersion": "1.0.0.0",\n  "parameters": {"access": {"value": "Enabled"}}\n}\n'
    )
    _files(tmp_path, {"azuredeploy.json": template, "azuredeploy.parameters.json": params})
    assert _scan_files(tmp_path, "azuredeploy.json") == [("azuredeploy.json", "TST001", "fail")]
    # the parameters file alone brings its template in; it decides the value at fault, so the finding counts
    expanded = context.expand([tmp_path / "azuredeploy.parameters.json"], tmp_path, LoadOptions(root=tmp_path))
    assert [p.name for p in expanded] == ["azuredeploy.json", "azuredeploy.parameters.json"]
    assert _scan_files(tmp_path, "azuredeploy.parameters.json") == [("azuredeploy.json", "TST001", "fail")]


def test_other_json_is_skipped(tmp_path: Path) -> None:
    _files(tmp_path, {"package.json": '{"name": "x"}\n'})
    assert context.expand([tmp_path / "package.json"], tmp_path, LoadOptions(root=tmp_path)) == []
