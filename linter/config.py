"""The configuration file ``.aiplatform-lint.yaml``: find, load, validate; policy selection."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from linter.policy import Policy

CONFIG_NAME = ".aiplatform-lint.yaml"
FAIL_LEVELS = ("error", "warning", "note", "inconclusive", "never")


class ConfigError(ValueError):
    """The configuration is invalid: one clear line for the user."""


@cache
def schema() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "config.schema.json").read_text(encoding="utf-8"))


def default_settings() -> dict[str, Any]:
    props = schema()["properties"]["settings"]["properties"]
    return {key: spec.get("default") for key, spec in props.items()}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    settings: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType(default_settings()))
    path: str | None = None  # the file it came from
    forbid: tuple[str, ...] = ()  # ids or prefixes that may not be suppressed inline
    baseline: str | None = None  # baseline file, resolved against the config file's folder

    def enabled(self, policies: Iterable[Policy]) -> list[Policy]:
        """Policies selected by id or prefix and not ignored (SYS policies always run)."""
        chosen = []
        for item in policies:
            if item.id.startswith("SYS"):
                chosen.append(item)
                continue
            if self.select and not any(item.id.startswith(s) for s in self.select):
                continue
            if any(item.id.startswith(s) for s in self.ignore):
                continue
            chosen.append(item)
        return chosen


def find(start: Path) -> Path | None:
    """Walk up from ``start`` to the repository root (or the file system root) for the config file."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for folder in (current, *current.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def _describe(error: Any) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "top level"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(error.schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in known)
        names = ", ".join(repr(k) for k in unknown)
        return f"{where}: unknown key {names} (known keys: {', '.join(known)})"
    if error.validator == "pattern" and "[A-Z]{2,4}" in str(error.validator_value):
        return f"{where}: {error.instance!r} is not a policy id or id prefix (such as NET or NET001)"
    return f"{where}: {error.message}"


def validate(data: Any, source: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError(f"{source}: {_describe(errors[0])}")


def load(path: Path | None) -> Config:
    """Load and validate ``path``; ``None`` gives the defaults."""
    if path is None:
        return Config()
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration ({error.strerror or error})") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML ({str(error).splitlines()[0]})") from error
    if data is None:
        data = {}
    validate(data, str(path))
    return from_data(data, str(path))


def from_data(data: Mapping[str, Any], source: str | None = None) -> Config:
    settings = default_settings()
    settings.update(data.get("settings") or {})
    baseline = data.get("baseline")
    if baseline and source is not None:
        baseline = str(Path(source).parent / baseline)
    return Config(
        select=tuple(data.get("select") or ()),
        ignore=tuple(data.get("ignore") or ()),
        severity=dict(data.get("severity") or {}),
        exclude=tuple(data.get("exclude") or ()),
        fail_on=data.get("fail-on", "warning"),
        settings=MappingProxyType(settings),
        path=source,
        forbid=tuple((data.get("suppressions") or {}).get("forbid") or ()),
        baseline=baseline or None,
    )


def check_ids(ids: Sequence[str], known: Iterable[Policy], what: str) -> None:
    """Every id or prefix must name at least one policy."""
    known_ids = [p.id for p in known]
    for item in ids:
        if not any(k.startswith(item) for k in known_ids):
            raise ConfigError(f"{what}: no policy id matches {item!r}")


def _yaml_value(value: Any) -> str:
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False).strip()
    return text.removesuffix("\n...").strip()


def _starter_lines(props: Mapping[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, spec in props.items():
        description = spec.get("description")
        if description:
            lines.append(f"{indent}# {description}")
        nested = spec.get("properties")
        if spec.get("type") == "object" and nested:
            lines.append(f"{indent}{key}:")
            lines.extend(_starter_lines(nested, indent + "  "))
        else:
            lines.append(f"{indent}{key}: {_yaml_value(spec.get('default'))}")
    return lines


def starter() -> str:
    """A commented ``.aiplatform-lint.yaml`` with every key at its default, generated from the schema."""
    head = [
        "# aiplatform-lint configuration: every key with its default value.",
        "# Validated against linter/config.schema.json; delete what you do not change.",
        "",
    ]
    return "\n".join(head + _starter_lines(schema()["properties"], "")) + "\n"
