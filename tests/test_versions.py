"""The supported versions are stated once and agree everywhere they are stated.

`pyproject.toml` declares the Python range (`requires-python` and one classifier
per version) and each dependency's lowest version. `.ci/run` runs the README's
test command on every Python the classifiers name, the lowest one with
`.ci/oldest.txt`, which must pin every dependency to exactly its declared lower
bound: a lower bound that is never installed is a guess, not a promise.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
NEWEST_TESTED = (3, 13)


def declared_pythons() -> list[tuple[int, int]]:
    found = []
    for classifier in PROJECT["classifiers"]:
        match = re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", classifier)
        if match:
            found.append((3, int(match.group(1))))
    return found


def lower_bounds() -> dict[str, str]:
    """Every direct dependency (runtime, docs, test) and the version after its >=."""
    requirements = list(PROJECT["dependencies"])
    for extra in ("docs", "test"):
        requirements += PROJECT["optional-dependencies"][extra]
    bounds = {}
    for requirement in requirements:
        if requirement.startswith("nn_from_scratch"):
            continue  # the test extra includes the docs extra
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[a-z,]+\])?>=([0-9.]+)(,<[0-9.]+)?", requirement)
        assert match, f"{requirement!r} should have the form name>=lowest (or >=lowest,<next)"
        bounds[match.group(1).lower()] = match.group(3)
    return bounds


def test_the_python_range_is_one_run_of_versions_from_requires_python_to_the_newest() -> None:
    lowest = tuple(int(part) for part in PROJECT["requires-python"].removeprefix(">=").split("."))
    assert declared_pythons() == [(3, minor) for minor in range(lowest[1], NEWEST_TESTED[1] + 1)]
    assert "Programming Language :: Python :: 3 :: Only" in PROJECT["classifiers"]


def test_the_readme_states_the_same_range() -> None:
    versions = declared_pythons()
    low, high = (f"{major}.{minor}" for major, minor in (versions[0], versions[-1]))
    assert f"Python {low} to {high}" in (ROOT / "README.md").read_text()


def release(version: str) -> tuple[int, ...]:
    """A plain release number as a comparable tuple: "1.26" and "1.26.0" are equal."""
    parts = [int(part) for part in version.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def test_oldest_txt_pins_every_dependency_to_its_declared_lower_bound() -> None:
    pins = {}
    for line in (ROOT / ".ci" / "oldest.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    for name, lowest in lower_bounds().items():
        assert name in pins, f".ci/oldest.txt should pin {name}=={lowest}"
        same = release(pins[name]) == release(lowest)
        assert same, f"{name}: declared >={lowest}, CI pins {pins[name]}"


def test_ci_runs_every_declared_python_and_the_numeric_variants() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert '"Programming Language :: Python :: ' in ci  # it reads the versions from here
    assert ".ci/oldest.txt" in ci
    assert "python -m tests.numeric_variants" in ci
