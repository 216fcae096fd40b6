"""Fixtures shared by the tests of the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent


# ``mkdocs build``, which also writes every module it imported into the file named
# first, one a line: its name, a tab, its file (tests/test_docs_extra.py reads them).
RECORDING_BUILD = """
import atexit, sys
from pathlib import Path
record = Path(sys.argv.pop(1))
def write():
    found = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())}
    record.write_text("".join(f"{name}\\t{found[name] or ''}\\n" for name in sorted(found)))
atexit.register(write)
from mkdocs.__main__ import cli
cli(prog_name="mkdocs")
"""


def build_site(shared: Path) -> None:
    """Build the site into ``shared/site`` once, under a lock in `shared`.

    The first process to come builds it; the others wait for the lock and find
    it built. A failed build is remembered in ``site-build-failed.txt``, so every
    worker reports the same error. The modules the build imported are listed in
    ``site-imports.txt``.
    """
    site, failed = shared / "site", shared / "site-build-failed.txt"
    imports = shared / "site-imports.txt"
    with FileLock(str(shared / "site.lock")):
        if not failed.exists() and not (site / "index.html").exists():
            build = ["build", "--strict", "-d", str(site)]
            result = subprocess.run(
                [sys.executable, "-c", RECORDING_BUILD, str(imports), *build],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
                # One BLAS thread, as each test worker has (conftest.py): the build
                # runs beside them.
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "OPENBLAS_NUM_THREADS": "1"},
            )
            if result.returncode != 0:
                failed.write_text(result.stdout + result.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per test run with ``mkdocs build --strict``.

    Three test files read it (figures, notebooks, the browser tests), usually on
    different pytest-xdist workers. In a whole run the build starts in the
    background as the run starts (`pytest_sessionstart`), while the unit tests
    run; here each worker waits for it, or builds it if nothing has.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # each worker's base folder sits in the run's folder
        shared = shared.parent
    build_site(shared)
    failed = shared / "site-build-failed.txt"
    assert not failed.exists(), failed.read_text()
    return shared / "site"


_BACKGROUND: list[subprocess.Popen[bytes]] = []


def _runs_the_site_tests(config: pytest.Config) -> bool:
    """Whether this is a whole run that selects the site tests: no paths, no "-m release"."""
    markexpr = config.option.markexpr or ""
    if config.option.file_or_dir or config.option.collectonly:
        return False
    return "not site" not in markexpr and markexpr != "release"


def pytest_sessionstart(session: pytest.Session) -> None:
    """In a whole run, start building the site at once, beside the first tests.

    Only the controlling process does it (never an xdist worker); the build
    takes the same lock as `built_site`, so whoever comes first builds.
    """
    config = session.config
    if hasattr(config, "workerinput") or not _runs_the_site_tests(config):
        return
    shared = config._tmp_path_factory.getbasetemp()  # the folder the workers share
    code = "import sys; from pathlib import Path; from tests.conftest import build_site; "
    code += "build_site(Path(sys.argv[1]))"
    _BACKGROUND.append(subprocess.Popen([sys.executable, "-c", code, str(shared)], cwd=ROOT))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Leave nothing running: a build still going when the run ends is stopped."""
    for process in _BACKGROUND:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=60)
    _BACKGROUND.clear()


# The other files that read the built site: run last, when it is built, so that the
# worker without the browser tests never waits for it.
READ_THE_SITE = {"test_figures.py", "test_notebooks.py", "test_zensical.py", "test_docs_extra.py"}
READ_THE_SITE |= {"test_accessibility.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests' file first: it is the longest, and starts by waiting
    for the site, while the background build uses the core it leaves free. The
    other files that read the site come last, once it is built."""

    def order(item: pytest.Item) -> int:
        return (
            0 if item.path.name == "test_site.py" else 2 if item.path.name in READ_THE_SITE else 1
        )

    items.sort(key=order)  # stable: within each group, collection order
