"""The files a user of the project looks for: licence, changelog, citation, contributing.

The citation file is validated against the Citation File Format 1.2.0 schema that
check-jsonschema ships (offline), and one version number runs through
pyproject.toml, the package, CITATION.cff and the changelog's latest release.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml

import nn_from_scratch

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text()
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text()
README = (ROOT / "README.md").read_text()
# Keep a Changelog's headings: "## [Unreleased]", then "## [1.2.3] - 2026-11-29".
# check-jsonschema's copy of the official schema, shipped with it: no network needed.
SCHEMA = ["--builtin-schema", "vendor.citation-file-format"]
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def citation() -> dict[str, object]:
    """CITATION.cff as strings: CFF is YAML 1.2, where 2026-11-29 is a string, not a date."""
    loaded = yaml.load((ROOT / "CITATION.cff").read_text(), Loader=yaml.BaseLoader)
    assert isinstance(loaded, dict)
    return loaded


def validate_citation(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *SCHEMA, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cff_schema_used_is_the_official_one_for_version_1_2_0() -> None:
    # Read from the installed files, not imported: check-jsonschema 0.35 imports a name
    # that click 8.5 deprecates, a warning that this suite turns into an error.
    schema_file = metadata.distribution("check-jsonschema").locate_file(
        "check_jsonschema/builtin_schemas/vendor/citation-file-format.json"
    )
    schema = json.loads(Path(str(schema_file)).read_text())
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    assert citation()["cff-version"] == "1.2.0"


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    result = validate_citation(ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("mistake", "replace", "by"),
    [
        ("no message", "message: ", "note: "),
        ("a type CFF does not know", "type: software", "type: program"),
        ("a DOI without its 10. prefix", "doi: 10.24432/C50P49", "doi: 24432/C50P49"),
    ],
)
def test_the_validation_refuses_a_broken_citation(
    tmp_path: Path, mistake: str, replace: str, by: str
) -> None:
    text = (ROOT / "CITATION.cff").read_text()
    assert text.count(replace) == 1, mistake
    broken = tmp_path / "CITATION.cff"
    broken.write_text(text.replace(replace, by))
    assert validate_citation(broken).returncode == 1, mistake


def test_one_version_in_pyproject_the_package_the_citation_and_the_changelog() -> None:
    releases = RELEASE.findall(CHANGELOG)
    assert releases, "CHANGELOG.md should have a release heading such as ## [0.1.0] - 2026-11-29"
    latest_version, latest_date = releases[0]
    assert PROJECT["version"] == nn_from_scratch.__version__ == latest_version
    cff = citation()
    assert (cff["version"], cff["date-released"]) == (latest_version, latest_date)


def test_the_changelog_keeps_a_changelog() -> None:
    headings = re.findall(r"^##? .*$", CHANGELOG, re.MULTILINE)
    assert headings[:2] == ["# Changelog", "## [Unreleased]"]
    releases = RELEASE.findall(CHANGELOG)
    assert len(releases) == len(headings) - 2, "every heading after Unreleased is a release"
    versions = [tuple(int(part) for part in version.split(".")) for version, _ in releases]
    dates = [date for _, date in releases]
    assert versions == sorted(versions, reverse=True) and dates == sorted(dates, reverse=True)
    kinds = set(re.findall(r"^### (.*)$", CHANGELOG, re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_the_citation_credits_the_digits_as_their_source_note_does() -> None:
    source = (ROOT / "nn_from_scratch" / "data_files" / "DIGITS_SOURCE.txt").read_text()
    references = citation()["references"]
    assert isinstance(references, list)
    (digits,) = (ref for ref in references if "Handwritten Digits" in ref["title"])
    assert f"https://doi.org/{digits['doi']}" in source
    assert digits["year"] == "1998" and f"({digits['year']})" in source
    assert [author["family-names"] for author in digits["authors"]] == ["Alpaydin", "Kaynak"]
    assert digits["license"] == "CC-BY-4.0" and "CC BY 4.0" in source


def test_the_licence_is_mit_for_the_code_and_cc_by_for_the_digits() -> None:
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 the nn_from_scratch authors\n")
    assert citation()["license"] == "MIT"
    assert PROJECT["license"] == "MIT AND CC-BY-4.0"
    assert PROJECT["license-files"] == ["LICENSE", "nn_from_scratch/data_files/DIGITS_SOURCE.txt"]


def test_the_build_and_the_tests_ask_for_the_same_setuptools() -> None:
    # The release tests build with --no-isolation, from the test extra's setuptools.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    build_requires = pyproject["build-system"]["requires"]
    test_requires = [r for r in PROJECT["optional-dependencies"]["test"] if "setuptools" in r]
    assert build_requires == test_requires


def readme_test_command() -> str:
    match = re.search(r"<!-- ci:test -->\n```sh\n(.*)\n```", README)
    assert match, "the README marks its test command with <!-- ci:test -->"
    return match.group(1)


def test_contributing_has_the_commands_a_contributor_runs() -> None:
    commands = [
        readme_test_command(),
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/python -m tests.numeric_variants",
        ".venv/bin/mkdocs build --strict",
        ".venv/bin/pytest -m release -n 0",
    ]
    for command in commands:
        assert f"\n{command}\n" in CONTRIBUTING, command
    assert "](docs/contributing.md)" in CONTRIBUTING


def test_the_readme_points_to_contributing_and_no_longer_holds_its_rules() -> None:
    assert "](CONTRIBUTING.md)" in README
    assert "## Writing docs" not in README and "## Writing docs" in CONTRIBUTING


def test_ci_runs_the_slower_groups_that_contributing_names_and_the_readme_points_to() -> None:
    # The README's test command deselects the release and sweep tests and sends the
    # reader to CONTRIBUTING.md for them; CI runs both.
    ci = (ROOT / ".ci" / "run").read_text()
    assert "-m release -n 0" in ci and "-m sweep" in ci
    for command in [".venv/bin/pytest -m release -n 0", ".venv/bin/pytest -m sweep"]:
        assert f"\n{command}\n" in CONTRIBUTING, command
    assert "](CONTRIBUTING.md#run-the-checks)" in README
    assert "\n## Run the checks\n" in CONTRIBUTING


def test_the_readme_fits_a_glance() -> None:
    # Under 600 words (as `wc -w` counts them), and its first screen holds the two
    # commands, a first program with its output (run by the tests: conftest.py), and
    # the links onward.
    assert len(README.split()) < 600
    first_screen = "\n".join(README.splitlines()[:48])
    for part in ["<!-- ci:site -->", "<!-- ci:test -->", "```python", "```output"]:
        assert part in first_screen, part
    for link in ["](#the-chapters)", "](docs/index.md)", "](CONTRIBUTING.md)"]:
        assert link in first_screen, link
