"""The lock (requirements-lock.txt): only names and versions, in step with pyproject.toml's
ranges, complete, and what this environment holds.

On a failure: `bash .ci/lock` moves the lock forward (or `bash .ci/lock --upgrade-package
NAME` one package), `bash .ci/setup --test` makes the environment anew from it, and
`bash .ci/test` must then pass.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

from tests.conftest import REPO

LOCK = REPO / "requirements-lock.txt"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# Not in the lock: radiodesk itself (installed from the checkout) and the installer, which each
# environment takes from its Python (ensurepip).
NOT_LOCKED = {"radiodesk", "pip"}
WHAT_TO_DO = "run `bash .ci/lock` (or `bash .ci/lock --upgrade-package NAME`), then `bash .ci/test`"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")


def locked() -> dict[NormalizedName, str]:
    """The lock's pins by normalised name; fails on any line that is not `name==version`."""
    pins: dict[NormalizedName, str] = {}
    for number, raw in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"requirements-lock.txt:{number}: not a bare name==version: {raw!r}"
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def project_requirements() -> list[Requirement]:
    """What pyproject.toml asks for here: the package, its test and transcripts extras, its
    build back-end."""
    texts = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"]["test"],
        *PYPROJECT["project"]["optional-dependencies"]["transcripts"],
        *PYPROJECT["build-system"]["requires"],
    ]
    requirements = [Requirement(t) for t in texts]
    return [r for r in requirements if r.marker is None or r.marker.evaluate({"extra": ""})]


def test_the_lock_names_no_index_host_or_path() -> None:
    """Every line outside comments is a bare pin (so no --index-url, --find-links, -e, URL or
    path), and not even a comment names a host."""
    pins = locked()
    assert len(pins) > 40  # the whole tree, not a handful of direct dependencies
    assert "://" not in LOCK.read_text(encoding="utf-8")


def test_every_range_in_pyproject_is_met_by_the_lock() -> None:
    pins = locked()
    problems = []
    for requirement in project_requirements():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement} is not in the lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement} but the lock has {name}=={pins[name]}")
    assert not problems, f"pyproject.toml and the lock disagree ({WHAT_TO_DO}): {problems}"


def test_the_lock_holds_exactly_what_pyproject_needs() -> None:
    """Walks the requirements from pyproject.toml through each installed package's own
    metadata: the lock must hold that tree, no more (a dependency dropped from pyproject.toml
    leaves the lock too) and no less."""
    seen: set[tuple[NormalizedName, frozenset[str]]] = set()
    todo = [(r, frozenset(r.extras)) for r in project_requirements()]
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for text in metadata.distribution(name).requires or []:
            child = Requirement(text)
            markers = [{"extra": e} for e in extras] or [{"extra": ""}]
            if child.marker is None or any(child.marker.evaluate(m) for m in markers):
                todo.append((child, frozenset(child.extras)))
    pins = set(locked())
    needed = {name for name, _extras in seen}
    assert pins == needed, (
        f"only in the lock: {sorted(pins - needed)}; needed but not locked: "
        f"{sorted(needed - pins)}; {WHAT_TO_DO}"
    )


def test_this_environment_is_the_lock() -> None:
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if canonicalize_name(d.metadata["Name"]) not in NOT_LOCKED
    }
    assert installed == locked(), (
        "the environment differs from requirements-lock.txt: run `bash .ci/setup --test` "
        "(it makes .venv anew when the lock changes)"
    )
