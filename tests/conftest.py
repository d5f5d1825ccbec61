from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the content-hash cache of this run in a temporary folder, not in the user's cache."""
    import os
    import tempfile

    if "AIPLATFORM_LINT_CACHE_DIR" not in os.environ:
        os.environ["AIPLATFORM_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="aiplatform-lint-tests-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true", help="rewrite snapshot files")


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    update = request.config.getoption("--update-snapshots")

    def check(path: Path, actual: str) -> None:
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            if not update:
                pytest.fail(f"snapshot {path.name} was missing and has been written; review and rerun")
        else:
            assert actual == path.read_text(encoding="utf-8"), f"snapshot {path} differs (--update-snapshots)"

    return check
