"""The sdist and the wheel: built, checked as PyPI would, and installed as a user would.

These tests take tens of seconds, so the default run leaves them out (the marker
`release`, deselected in pyproject.toml's addopts); `.ci/run` runs them with
`pytest -m release -n 0`. They need a git checkout, to know the project's files.

The distributions are built with `python -m build --no-isolation` from the
setuptools of the test extra: an isolated build would download setuptools, and
these tests run offline once the test extra is installed. They are built from a
copy of the project's files (what git tracks, plus new files it does not ignore),
so nothing else lying in the working tree slips into them and nothing is written
into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.seed_reference import SEED_DATA, SEED_Y_TRUES, SeedNetwork, seed_start
from tests.test_main import oracle_lines

pytestmark = pytest.mark.release

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
NAME = f"nn_from_scratch-{PROJECT['version']}"
# What setuptools writes into every sdist beside the project's own files.
SDIST_METADATA = {
    "PKG-INFO",
    "setup.cfg",
    "nn_from_scratch.egg-info/PKG-INFO",
    "nn_from_scratch.egg-info/SOURCES.txt",
    "nn_from_scratch.egg-info/dependency_links.txt",
    "nn_from_scratch.egg-info/requires.txt",
    "nn_from_scratch.egg-info/top_level.txt",
}
# ... and into the wheel: the metadata, and a copy of each licence file.
WHEEL_METADATA = {
    f"{NAME}.dist-info/{name}" for name in ("METADATA", "WHEEL", "RECORD", "top_level.txt")
} | {f"{NAME}.dist-info/licenses/{path}" for path in PROJECT["license-files"]}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; fail with everything it printed if it fails."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def project_files() -> set[str]:
    """The project's files: tracked by git, or new and not ignored (and not deleted)."""
    if not (ROOT / ".git").exists():
        pytest.fail("the release tests need a git checkout, to list the project's files")
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], ROOT)
    return {path for path in listed.split("\0") if path and (ROOT / path).is_file()}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory, project_files: set[str]) -> dict[str, Path]:
    """The sdist and the wheel, built by `python -m build` from a copy of the project."""
    source = tmp_path_factory.mktemp("source")
    for path in project_files:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), "."], source)
    return {"sdist": out / f"{NAME}.tar.gz", "wheel": out / f"{NAME}-py3-none-any.whl"}


def sdist_files(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        members = [member.name for member in archive.getmembers() if member.isfile()]
    assert all(name.startswith(f"{NAME}/") for name in members)
    return {name.removeprefix(f"{NAME}/") for name in members}


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


def test_build_makes_the_sdist_and_the_wheel(dists: dict[str, Path]) -> None:
    assert sorted(path.name for path in dists["sdist"].parent.iterdir()) == [
        f"{NAME}-py3-none-any.whl",
        f"{NAME}.tar.gz",
    ]


def test_twine_check_strict_passes_both(dists: dict[str, Path]) -> None:
    output = run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dists["sdist"]),
            str(dists["wheel"]),
        ],
        ROOT,
    )
    assert output.count("PASSED") == 2, output


def test_the_sdist_holds_every_file_of_the_project_and_nothing_else(
    dists: dict[str, Path], project_files: set[str]
) -> None:
    held = sdist_files(dists["sdist"])
    missing = sorted(project_files - held)
    assert not missing, f"add these to MANIFEST.in, so the suite runs from an sdist: {missing}"
    assert held - project_files == SDIST_METADATA
    for name in ("LICENSE", "CHANGELOG.md", "CITATION.cff", "CONTRIBUTING.md", "conftest.py"):
        assert name in held


def test_the_wheel_holds_the_package_its_data_and_the_licences(
    dists: dict[str, Path], project_files: set[str]
) -> None:
    package = {path for path in project_files if path.startswith("nn_from_scratch/")}
    assert {
        "nn_from_scratch/py.typed",
        "nn_from_scratch/data_files/digits.csv.gz",
        "nn_from_scratch/data_files/DIGITS_SOURCE.txt",
    } <= package
    assert wheel_files(dists["wheel"]) == package | WHEEL_METADATA
    with zipfile.ZipFile(dists["wheel"]) as archive:
        assert archive.read(f"{NAME}.dist-info/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        metadata = archive.read(f"{NAME}.dist-info/METADATA").decode()
    assert "License-Expression: MIT AND CC-BY-4.0\n" in metadata
    assert "License-File: LICENSE\n" in metadata


def clean_environment() -> dict[str, str]:
    """This process's environment, less anything that would put the repository on sys.path."""
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
    }


def test_the_wheel_installed_alone_replays_the_tutorial(
    dists: dict[str, Path], tmp_path: Path
) -> None:
    # A fresh virtual environment with the wheel and what it depends on (numpy, from
    # pip's cache or PyPI), used from an empty folder: nothing of the repository in sight.
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_environment()
    run([sys.executable, "-m", "venv", str(venv)], elsewhere, env)
    python = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
    run([python, "-m", "pip", "install", "-q", str(dists["wheel"])], elsewhere, env)

    where = run(
        [python, "-c", "import nn_from_scratch as n, sys; print(n.__file__); print(sys.prefix)"],
        elsewhere,
        env,
    ).splitlines()
    module, prefix = (Path(path).resolve() for path in where)
    assert module.is_relative_to(venv.resolve()) and prefix == venv.resolve()

    shipped = """
from importlib import resources
from nn_from_scratch import load_digits
images, labels = load_digits()
print(images.shape, labels.shape, resources.files("nn_from_scratch").joinpath("py.typed").is_file())
"""
    assert run([python, "-c", shipped], elsewhere, env) == "(1797, 64) (1797,) True\n"

    result = subprocess.run(
        [python, "-m", "nn_from_scratch"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert (result.returncode, result.stderr) == (0, "")
    network = SeedNetwork(seed_start(42))
    losses = network.train(SEED_DATA, SEED_Y_TRUES)
    assert result.stdout.splitlines() == oracle_lines((network, losses))


def test_the_package_and_docs_tests_pass_in_the_unpacked_sdist(
    dists: dict[str, Path], tmp_path: Path
) -> None:
    with tarfile.open(dists["sdist"]) as archive:
        archive.extractall(tmp_path, filter="data")
    unpacked = tmp_path / NAME
    env = {**clean_environment(), "NO_MKDOCS_2_WARNING": "1"}
    # Run from the unpacked folder, the package imports from there, not from the checkout.
    where = run(
        [sys.executable, "-c", "import nn_from_scratch; print(nn_from_scratch.__file__)"],
        unpacked,
        env,
    )
    assert Path(where.strip()).resolve() == (unpacked / "nn_from_scratch" / "__init__.py").resolve()
    tests = ["docs", "README.md", "nn_from_scratch", "tests/test_main.py"]
    tests += ["tests/test_project_files.py"]
    tests += ["tests/test_config.py", "tests/test_versions.py", "tests/test_figures.py"]
    output = run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *tests],
        unpacked,
        env,
    )
    summary = output.strip().splitlines()[-1]
    assert " passed" in summary and "skipped" not in summary and "failed" not in summary, summary
