"""Helpers shared by the identity policies."""

from __future__ import annotations

from policies._common import label, shown  # noqa: F401 - used by this domain's policies



