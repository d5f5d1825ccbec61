"""Robustness tests: every scan here uses a cache folder of its own, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("AIPLATFORM_LINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("AIPLATFORM_LINT_NO_CACHE", raising=False)
    monkeypatch.delenv("AIPLATFORM_LINT_JOBS", raising=False)
    return folder
