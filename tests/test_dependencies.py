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


# An optional extra and the one package of radiodesk that may import it: everything else
# (the desk, the CLI, every other job) must work without the extra installed.
EXTRAS = {"transcripts": REPO / "radiodesk" / "transcripts"}


def _imported_distributions() -> dict[str, set[Path]]:
    """Each third-party distribution radiodesk imports, with the files that import it."""
    modules: dict[str, set[Path]] = {}
    for path in (REPO / "radiodesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                modules.setdefault(name.split(".")[0], set()).add(path)
    owners = importlib.metadata.packages_distributions()
    third_party = set(modules) - set(sys.stdlib_module_names) - {"radiodesk"}
    unknown = sorted(m for m in third_party if m not in owners)
    assert not unknown, f"imported but not installed: {unknown}"
    found: dict[str, set[Path]] = {}
    for module in third_party:
        for dist in owners[module]:
            found.setdefault(_name(dist), set()).update(modules[module])
    return found


def test_declared_dependencies_are_the_imported_ones() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    extras = {
        extra: {_name(r) for r in project["optional-dependencies"][extra]} for extra in EXTRAS
    }
    imported = _imported_distributions()
    everything = declared.union(*extras.values())
    assert sorted(everything - set(imported) - set(NOT_IMPORTED)) == [], "declared, never imported"
    assert sorted(set(imported) - everything - set(NOT_DECLARED)) == [], "imported, not declared"
    for extra, package in EXTRAS.items():
        outside = sorted(
            f"{path.relative_to(REPO)} imports {dist}"
            for dist in extras[extra] - declared
            for path in imported.get(dist, ())
            if not path.is_relative_to(package)
        )
        assert outside == [], f"only {package.name}/ may import the {extra!r} extra"
