"""The package's wheel, built while the site is built, for a reader who has only the site.

mkdocs runs this file as a hook (see ``hooks:`` in mkdocs.yml). `on_files`
builds the wheel of nn_from_scratch and adds it to the site as
``download/nn_from_scratch-<version>-py3-none-any.whl``, the file the home
page links to, with the ``pip install`` line that installs it.

The wheel is built offline by the setuptools of the docs extra (an isolated
build would download setuptools), in a subprocess, from a copy of the files it
is made of: pyproject.toml, the readme, the licence files and the package. So
setuptools writes its ``build/`` and egg-info folders into the copy, never into
the project, and nothing else lying in the project's folder slips in.
``SOURCE_DATE_EPOCH`` gives every file in it the same date, so the same sources
give the same bytes. If the build fails, the exception stops ``mkdocs build``.

Zensical runs no hooks: ``python -m hooks.generate`` writes the same file into
the docs folder first. tests/test_site_install.py installs the wheel from the
built site as the home page says, in a fresh virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

FOLDER = "download"
# 1980-01-01, the earliest date a zip file can hold.
SOURCE_DATE_EPOCH = "315532800"
BUILD = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"


def settings(root: Path) -> dict[str, Any]:
    """The project's pyproject.toml."""
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def wheel_path(root: Path) -> str:
    """Where the wheel is in the site (and in the docs folder, for Zensical)."""
    project = settings(root)["project"]
    name = project["name"].replace("-", "_")
    return f"{FOLDER}/{name}-{project['version']}-py3-none-any.whl"


def wheel(root: Path) -> bytes:
    """The wheel of the project in `root`, built offline from a copy of its files."""
    found = settings(root)
    project = found["project"]
    files = ["pyproject.toml", project["readme"], *project.get("license-files", [])]
    packages = {name.split(".")[0] for name in found["tool"]["setuptools"]["packages"]}
    with tempfile.TemporaryDirectory() as scratch:
        source, out = Path(scratch) / "source", Path(scratch) / "out"
        for package in sorted(packages):
            skip = shutil.ignore_patterns("__pycache__", "*.py[cod]")
            shutil.copytree(root / package, source / package, ignore=skip)
        for path in files:
            (source / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / path, source / path)
        result = subprocess.run(
            [sys.executable, "-c", BUILD, str(out)],
            cwd=source,
            env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
            capture_output=True,
            text=True,
            timeout=300,
        )
        built = out / Path(wheel_path(root)).name
        if result.returncode != 0 or not built.is_file():
            raise RuntimeError(
                f"hooks/download.py: building {built.name} failed:\n{result.stdout}{result.stderr}"
            )
        return built.read_bytes()


def on_files(files: Any, config: Any) -> Any:
    """mkdocs hook: add the package's wheel to the site's files.

    A copy that ``python -m hooks.generate`` wrote into the docs folder is replaced.
    """
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).resolve().parent
    path = wheel_path(root)
    if (written := files.get_file_from_path(path)) is not None:
        files.remove(written)
    files.append(File.generated(config, path, content=wheel(root)))
    return files
