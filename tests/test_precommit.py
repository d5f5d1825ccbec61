"""The pre-commit hook, for real: a git repository, the hook installed, commits that fail and pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.helpers import REPO, tf_workspace

BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
LINTER = BIN / "aiplatform-lint"
MANIFEST = REPO / ".pre-commit-hooks.yaml"

pytestmark = pytest.mark.skipif(
    not (PRE_COMMIT.exists() and LINTER.exists() and shutil.which("git")),
    reason="needs git and pre-commit installed next to the test interpreter",
)


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(MANIFEST))
    assert hook["id"] == "aiplatform-lint"
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    for name in (
        "main.bicep",
        "main.bicepparam",
        "azuredeploy.json",
        "t.jsonc",
        "main.tf",
        "prod.tfvars",
        "plan.tf.json",
    ):
        assert pattern.search(name), name
    for name in ("README.md", "main.py", "bicep.txt"):
        assert not pattern.search(name), name
    subprocess.run([str(PRE_COMMIT), "validate-manifest", str(MANIFEST)], check=True, capture_output=True)


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["git", *args], cwd=repo, env=env, text=True, capture_output=True, check=check, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose local hook is this project's hook definition, run from the installed linter."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    hook = {**hook, "language": "system", "entry": f"{LINTER} scan"}  # the installed linter, no network
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (repo / ".aiplatform-lint.yaml").write_text("select: [NET001]\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "setup", "--no-verify")
    install = subprocess.run(
        [str(PRE_COMMIT), "install"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
        check=True,
    )
    assert (repo / ".git" / "hooks" / "pre-commit").is_file(), install.stdout
    return repo


def test_commits_fail_and_pass_with_the_module_folder_as_context(repo: Path) -> None:
    infra = repo / "infra"
    infra.mkdir()
    # 1. a variables file alone has no finding: nothing is invented for it
    (infra / "variables.tf").write_text('variable "public" {\n  type    = bool\n  default = true\n}\n')
    _git(repo, "add", "infra/variables.tf")
    first = _git(repo, "commit", "-m", "variables", check=False)
    assert first.returncode == 0, first.stdout + first.stderr

    # 2. main.tf alone is committed; its value comes from the neighbour file, so the finding is not lost
    (infra / "main.tf").write_text(tf_workspace(enabled="var.public"))
    _git(repo, "add", "infra/main.tf")
    bad = _git(repo, "commit", "-m", "workspace", check=False)
    assert bad.returncode != 0, bad.stdout + bad.stderr
    output = bad.stdout + bad.stderr
    assert "infra/main.tf:" in output and "NET001 error:" in output
    assert "(default of variable 'public' (infra/variables.tf:3))" in output or "infra/variables.tf:3" in output
    assert not any(line.startswith("infra/variables.tf:") for line in output.splitlines())

    # 3. the fix passes
    (infra / "main.tf").write_text(tf_workspace(enabled="false"))
    _git(repo, "add", "infra/main.tf")
    good = _git(repo, "commit", "-m", "private workspace", check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "aiplatform-lint" in good.stdout + good.stderr and "Passed" in good.stdout + good.stderr


def test_non_template_json_is_skipped(repo: Path) -> None:
    (repo / "package.json").write_text('{"name": "x"}\n')
    _git(repo, "add", "package.json")
    result = _git(repo, "commit", "-m", "json", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
