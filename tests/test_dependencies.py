"""The dependencies declared in pyproject.toml are the ones radiodesk imports: nothing
declared that no code uses, nothing imported that is not declared."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Declared, and needed, though no module of radiodesk imports them by name.
NOT_IMPORTED = {
    "psycopg": "the PostgreSQL driver, loaded by SQLAlchemy from database_url",
    "tzdata": "the IANA zones for zoneinfo where the system has none",
}
# Imported, but not a dependency of an installed radiodesk.
NOT_DECLARED = {"setuptools": "build time only (radiodesk/locale/build.py), in build-system"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_distributions() -> set[str]:
    modules: set[str] = set()
    for path in (REPO / "radiodesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    owners = importlib.metadata.packages_distributions()
    third_party = modules - set(sys.stdlib_module_names) - {"radiodesk"}
    unknown = sorted(m for m in third_party if m not in owners)
    assert not unknown, f"imported but not installed: {unknown}"
    return {_name(dist) for m in third_party for dist in owners[m]}


def test_declared_dependencies_are_the_imported_ones() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    imported = _imported_distributions()
    assert sorted(declared - imported - set(NOT_IMPORTED)) == [], "declared, never imported"
    assert sorted(imported - declared - set(NOT_DECLARED)) == [], "imported, not declared"
