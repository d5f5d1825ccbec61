"""Helpers shared by policies of several services: GPU sizes, tags, durations, scoping.

Format-agnostic: everything here reads the normalized graph only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from linter import Expr, Resource

# Size name (lower case, without "standard_") -> family, for the GPU-accelerated series.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family, re.compile(pattern))
    for family, pattern in (
        ("NC", r"nc\d+r?(?:_promo)?"),
        ("NCv2", r"nc\d+r?s_v2"),
        ("NCv3", r"nc\d+r?s_v3"),
        ("NCasT4_v3", r"nc\d+as_t4_v3"),
        ("NC_A100_v4", r"nc\d+ads_a100_v4"),
        ("NCads_H100_v5", r"nc\d+adi?s_h100_v5"),
        ("NCCads_H100_v5", r"ncc\d+ads_h100_v5"),
        ("NC_RTXPRO6000BSE_v6", r"nc\d+l?ds_xl_rtxpro6000bse_v6"),
        ("ND", r"nd\d+r?s"),
        ("NDv2", r"nd\d+rs_v2"),
        ("ND_A100_v4", r"nd\d+asr_v4"),
        ("NDm_A100_v4", r"nd\d+amsr_a100_v4"),
        ("ND_H100_v5", r"nd\d+isr?_h100_v5"),
        ("ND_H200_v5", r"nd\d+isr_h200_v5"),
        ("ND_MI300X_v5", r"nd\d+isr_mi300x_v5"),
        ("ND_GB200_v6", r"nd\d+isr_(?:ndr_)?gb200_v6"),
        ("ND_GB300_v6", r"nd\d+isr_(?:ndr_)?gb300_v6"),
        ("NV", r"nv\d+(?:_promo)?"),
        ("NVv3", r"nv\d+s_v3"),
        ("NVv4", r"nv\d+as_v4"),
        ("NVadsA10_v5", r"nv\d+adm?s_a10_v5"),
        ("NVads_V710_v5", r"nv\d+adm?s_v710_v5"),
        ("NGads_V620", r"ng\d+adm?s_v620_v1"),
    )
)
_GPU_SIZE = re.compile(r"^(?:standard_)?n(?:c|cc|d|v|g)\d", re.IGNORECASE)
_GPU_PROFILE = re.compile(r"^(?:nc\d+-a100|consumption-gpu-.*)$", re.IGNORECASE)
_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)


def is_gpu_size(size: Any) -> bool:
    """A VM size of the GPU-accelerated N series (NC, NCC, ND, NV, NG; not the NP FPGA series)."""
    return isinstance(size, str) and bool(_GPU_SIZE.match(size.strip()))


def is_gpu_profile(profile_type: Any) -> bool:
    """A Container Apps workload profile type with a GPU (``NC24-A100``, ``Consumption-GPU-NC8as-T4``)."""
    return isinstance(profile_type, str) and bool(_GPU_PROFILE.match(profile_type.strip()))


def gpu_family(size: Any) -> str | None:
    """The series of a GPU size (``Standard_NC24ads_A100_v4`` -> ``NC_A100_v4``); None when not recognised."""
    if not is_gpu_size(size):
        return None
    bare = size.strip().lower().removeprefix("standard_")
    for family, pattern in _FAMILIES:
        if pattern.fullmatch(bare):
            return family
    return None


def tag(resource: Resource, key: str, path: str = "tags") -> Any:
    """The value of tag ``key`` (case-insensitive key), None when absent, an Expr when the tags are unknown."""
    tags = resource.get(path)
    if isinstance(tags, Expr):
        return tags
    if not isinstance(tags, Mapping):
        return None
    for name, value in tags.items():
        if isinstance(name, str) and name.lower() == key.lower():
            return value
    return None


def has_tag_value(resource: Resource, spec: str, path: str = "tags") -> Any:
    """Whether the resource carries ``key=value`` (or just ``key`` when ``spec`` has no ``=``): True, False or an Expr."""
    key, _, wanted = spec.partition("=")
    value = tag(resource, key, path)
    if isinstance(value, Expr) or value is None:
        return value if isinstance(value, Expr) else False
    if not wanted:
        return True
    return isinstance(value, (str, bool)) and str(value).lower() == wanted.lower()


def is_critical(resource: Resource, settings: Mapping[str, Any]) -> Any:
    """Whether the workload is high criticality: its criticality tag, else a production environment tag.

    True, False, or the Expr that would decide it.
    """
    level = tag(resource, settings["criticality_tag"])
    if isinstance(level, Expr):
        return level
    if isinstance(level, str):
        return level.lower() in [v.lower() for v in settings["high_criticality_values"]]
    env = tag(resource, settings["environment_tag"])
    if isinstance(env, Expr):
        return env
    return isinstance(env, str) and env.lower() in [v.lower() for v in settings["prod_values"]]


def duration_seconds(value: Any) -> float | None:
    """Seconds in an ISO-8601 duration (``PT30M``, ``P1DT2H``); None when it is not one."""
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value.strip())
    if not match or value.strip().upper() in ("P", "PT"):
        return None
    d, h, m, s = (float(match.group(g) or 0) for g in "dhms")
    return ((d * 24 + h) * 60 + m) * 60 + s


def name_of(resource: Resource) -> str:
    """The resource's name for messages: the literal, the expression as written, or the address."""
    name = resource.name
    if isinstance(name, str):
        return name
    if isinstance(name, Expr):
        text = " ".join(name.text.split())
        quoted = len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" and text[0] not in text[1:-1]
        return text[1:-1] if quoted else text
    return resource.address


def label(resource: Resource) -> str:
    """The resource's own name, quoted, for messages: 'name' when known, the expression as written otherwise."""
    name = resource.name
    if isinstance(name, str) and name:
        return f"'{name.rsplit('/', 1)[-1]}'"
    if isinstance(name, Expr):
        return name.text
    return resource.address


def shown(resource: Resource, path: str, value: object, default: str) -> str:
    """How a value reads in a message: the literal, or 'not set (service default X)'."""
    if not resource.has(path):
        return f"not set (service default {default})"
    if isinstance(value, bool):
        return str(value).lower()
    return f"'{value}'"

