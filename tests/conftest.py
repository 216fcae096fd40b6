"""Fixtures shared by the tests of the built site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site, built once per test run with ``mkdocs build --strict``.

    Three test files read it (figures, notebooks, the browser tests), usually on
    different pytest-xdist workers: the first to need it builds it, under a lock in
    the folder the workers share, and the others wait for it and read the same
    build. A failed build is remembered, so every worker reports the same error.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # each worker's base folder sits in the run's folder
        shared = shared.parent
    site, failed = shared / "site", shared / "site-build-failed.txt"
    with FileLock(str(shared / "site.lock")):
        if not failed.exists() and not (site / "index.html").exists():
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            if result.returncode != 0:
                failed.write_text(result.stdout + result.stderr)
    assert not failed.exists(), failed.read_text()
    return site
