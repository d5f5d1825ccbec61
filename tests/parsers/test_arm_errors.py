"""Bad ARM input: one clear SYS001 with file:line:column each, and the rest of the folder is still scanned."""

from __future__ import annotations

from pathlib import Path

from linter.config import Config
from linter.engine import lint
from linter.parsers.common import LoadOptions

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
GOOD = (
    '{"$schema": "%s", "contentVersion": "1.0.0.0", "resources": [\n'
    ' {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01",\n'
    '  "name": "w", "location": "westeurope", "properties": {"publicNetworkAccess": "Enabled"}}]}\n' % SCHEMA
)


def scan(tmp_path: Path, files: dict[str, bytes]) -> list[str]:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.json").write_text(GOOD, encoding="utf-8")
    report = lint([tmp_path], Config(), LoadOptions(root=tmp_path))
    found = [f"{f.span.file}:{f.span.line}:{f.span.column}: {f.policy} {f.message}" for f in report.findings]
    assert any(line.startswith("good.json:3:") and "NET001" in line for line in found), found
    return [line for line in found if " SYS001 " in line]


def test_malformed_json(tmp_path: Path) -> None:
    text = '{"$schema": "%s",\n "resources": [\n  {"type": "x" "name": "y"}\n ]}\n' % SCHEMA
    assert scan(tmp_path, {"bad.json": text.encode()}) == [
        "bad.json:3:16: SYS001 invalid JSON: expected ',' or '}', found '\"name\"'"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    text = '{"$schema": "%s",\n "resources": [],\n "resources": []}\n' % SCHEMA
    assert scan(tmp_path, {"dup.json": text.encode()}) == ["dup.json:3:2: SYS001 invalid JSON: duplicate key 'resources'"]


def test_deeply_nested_expression(tmp_path: Path) -> None:
    deep = "concat(" * 50 + "'x'" + ")" * 50
    text = (
        '{"$schema": "%s",\n "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",\n'
        '  "name": "[%s]"}]}\n' % (SCHEMA, deep)
    )
    found = scan(tmp_path, {"deep.json": text.encode()})
    assert len(found) == 1 and found[0].startswith("deep.json:3:") and "nested deeper than" in found[0], found


def test_not_utf8(tmp_path: Path) -> None:
    data = ('{"$schema": "%s",\n "resources": [], "x": "' % SCHEMA).encode() + b"\xff\xfe" + b'"}\n'
    found = scan(tmp_path, {"latin.json": data})
    assert found == ["latin.json:2:25: SYS001 file is not valid UTF-8 (byte 0xff)"]


def test_comments_and_tabs_are_accepted(tmp_path: Path) -> None:
    text = '// header\n{\t"$schema": "%s", /* inline */\n\t"resources": []}\n' % SCHEMA
    assert scan(tmp_path, {"commented.jsonc": text.encode()}) == []
