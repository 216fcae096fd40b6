"""The docs extra installs everything the site build uses, so the published site is the tested one.

The README's site command and the publishing workflow (.github/workflows/pages.yml)
install the docs extra alone; the tests build the site in an environment that
also has the test extra. A package the build imports only if it is there (as
mkdocstrings imports Ruff or Black to format the API pages' signatures, and
leaves them unformatted without either) would make the published pages differ
from the checked ones, with no error. So the tests' build writes down every
module it imported (tests/conftest.py), and each must come from the package
itself, Python's standard library, or a distribution that installing the
package with its docs extra installs: one it names, or one those require, read
from the installed distributions' metadata.
"""

from __future__ import annotations

import importlib.metadata
import os
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Imported when installed, yet changing nothing the site shows: jupytext looks a
# notebook's kernel up with jupyter_client (which imports the other two), and
# hooks/notebooks.py then sets every notebook's kernel itself. griffe (and
# referencing) try `import typing_extensions` and do without it: below Python 3.13
# the docs extra installs it anyway, from 3.13 on only the test extra does.
HARMLESS = {"jupyter-client", "pyzmq", "tornado", "typing-extensions"}
# Namespace packages that several distributions share: importing one runs only its
# __init__, which lists where its parts are. urllib3 tries `from backports import
# zstd`, which fails here, yet leaves `backports` imported from whichever
# distribution installed it; a part that was imported (backports.x) is checked.
SHARED = {"backports"}


def installed_with(requirements: list[str]) -> set[str]:
    """The distributions that installing `requirements` installs here, by canonical name."""
    todo = [(Requirement(line), "") for line in requirements]
    seen: set[tuple[str, str]] = set()
    found: set[str] = set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        for wanted in requirement.extras or {""}:
            key = (canonicalize_name(requirement.name), wanted)
            if key in seen:
                continue
            seen.add(key)
            found.add(key[0])
            try:
                requires = importlib.metadata.distribution(requirement.name).requires or []
            except importlib.metadata.PackageNotFoundError:
                continue  # not installed here, so it cannot have been imported
            todo += [(Requirement(line), wanted) for line in requires]
    return found


def owners() -> dict[str, str]:
    """Every installed file, by its absolute path, and the distribution it belongs to."""
    found = {}
    for dist in importlib.metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        for path in dist.files or []:
            found[os.path.normpath(os.path.abspath(dist.locate_file(path)))] = name
    return found


def imported_distributions(built_site: Path) -> dict[str, set[str]]:
    """The distributions the build imported modules from: {distribution: its modules}.

    A module belongs to the distribution that installed its file. The standard
    library, the project's own files (the package, the hooks) and modules made
    while Python runs belong to none. (A module vendored inside another
    distribution, as setuptools vendors some, belongs to that one.)
    """
    lines = (built_site.parent / "site-imports.txt").read_text(encoding="utf-8").splitlines()
    installed = owners()
    found: dict[str, set[str]] = {}
    for line in lines:
        module, _, file = line.partition("\t")
        owner = installed.get(os.path.normpath(os.path.abspath(file))) if file else None
        if owner and module not in SHARED:
            found.setdefault(owner, set()).add(module)
    return found


def test_the_docs_extra_installs_every_package_the_site_build_imports(built_site: Path) -> None:
    docs = PROJECT["dependencies"] + PROJECT["optional-dependencies"]["docs"]
    provided = installed_with(docs) | {canonicalize_name(PROJECT["name"])} | HARMLESS
    imported = imported_distributions(built_site)
    assert {"mkdocs", "mkdocs-material", "matplotlib", "ruff"} <= set(imported)  # a real list
    missing = {name: sorted(modules)[:3] for name, modules in imported.items()}
    missing = {name: modules for name, modules in missing.items() if name not in provided}
    assert not missing, f"the site build imports these; add them to the docs extra: {missing}"
