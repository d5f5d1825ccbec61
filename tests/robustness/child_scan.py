"""Scan in a child process, so that a robustness test can bound its time: print the JSON report.

    python tests/robustness/child_scan.py ROOT [PATH...]

ROOT is the lint root and the module boundary; PATHs default to ROOT. The
policies are the test set of tests/helpers.py. ``--allow-outside-root`` follows
module paths that leave ROOT.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from linter import reporters
from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions
from tests.helpers import POLICIES, make_run

CHILD = Path(__file__).resolve()
REPO = CHILD.parents[2]


def child_scan(root: Path, *paths: Path, timeout: float = 240, allow: bool = False) -> dict[str, Any]:
    """The JSON report of a scan of ``root`` run in a child process that must end within ``timeout`` seconds."""
    cmd = [sys.executable, str(CHILD), str(root), *(str(p) for p in paths)]
    if allow:
        cmd.append("--allow-outside-root")
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=timeout, check=False, env=os.environ.copy())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def findings(report: dict[str, Any], policy: str, file: str | None = None) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["policy"] == policy and (file is None or f["file"] == file)]


def main(argv: list[str]) -> None:
    allow = "--allow-outside-root" in argv
    args = [a for a in argv if a != "--allow-outside-root"]
    root = Path(args[0]).resolve()
    paths = [Path(p).resolve() for p in args[1:]] or [root]
    opts = LoadOptions(root=root, boundary=root, allow_outside_root=allow)
    report = lint(paths, Config(), opts, POLICIES)
    sys.stdout.write(reporters.get("json")(make_run(report)))


if __name__ == "__main__":
    main(sys.argv[1:])
