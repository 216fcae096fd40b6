"""The GitHub Actions workflows, checked here because only GitHub can run them.

`.github/workflows/tests.yml` runs the README's test command on every supported
Python (ubuntu, the lowest once more with `.ci/oldest.txt`) and the package's own
tests on macOS and Windows; `pages.yml` calls it on every push to main and
publishes the site only when all of it passes. Here: each workflow is valid by
GitHub's workflow schema (check-jsonschema's bundled copy of SchemaStore's, so
offline), runs when it should, tests what pyproject.toml declares, runs the
README's commands character for character, and names every action by a version.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
README = ROOT / "README.md"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCHEMA_CHECK = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
SCHEMA_CHECK += ["vendor.github-workflows"]


def workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def readme_command(name: str) -> str:
    """The sh block under the <!-- ci:NAME --> marker, found as .ci/run's awk finds it."""
    found = inside = False
    lines = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line == f"<!-- ci:{name} -->":
            found = True
        elif found and line.startswith("```"):
            if inside:
                break
            inside = True
        elif found and inside:
            lines.append(line)
    return "\n".join(lines)


def classifier_pythons() -> list[str]:
    pattern = r"Programming Language :: Python :: (3\.\d+)"
    found = (re.fullmatch(pattern, c) for c in PYPROJECT["project"]["classifiers"])
    return [match.group(1) for match in found if match]


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    [step] = [step for step in job["steps"] if step.get("uses", "").startswith(action + "@")]
    return step


TESTS = workflow("tests.yml")
PAGES = workflow("pages.yml")
UBUNTU = TESTS["jobs"]["ubuntu"]
OTHER_SYSTEMS = TESTS["jobs"]["other-systems"]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.y*ml")), ids=lambda path: path.name)
def test_every_workflow_is_valid_by_github_workflow_schema(path: Path) -> None:
    result = subprocess.run([*SCHEMA_CHECK, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_misspelt_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    job = "  test:\n    runs-on: ubuntu-latest\n    need: build\n    steps:\n      - run: pytest\n"
    broken.write_text(f"on: push\njobs:\n{job}", encoding="utf-8")
    result = subprocess.run([*SCHEMA_CHECK, str(broken)], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'need' was unexpected" in result.stdout + result.stderr


def test_the_tests_run_on_every_push_and_every_pull_request() -> None:
    # Pushes to any branch but main run tests.yml; pushes to main run pages.yml,
    # whose first job is tests.yml itself.
    assert TESTS["on"]["push"] == {"branches-ignore": ["main"]}
    assert PAGES["on"]["push"] == {"branches": ["main"]}
    assert PAGES["jobs"]["tests"] == {"uses": "./.github/workflows/tests.yml"}
    assert "workflow_call" in TESTS["on"]
    assert TESTS["on"]["pull_request"] is None  # every pull request, to any branch


def test_ubuntu_runs_every_python_the_classifiers_name_and_the_oldest_pins() -> None:
    matrix = UBUNTU["strategy"]["matrix"]
    assert matrix["python-version"] == classifier_pythons() == ["3.11", "3.12", "3.13"]
    assert matrix["dependencies"] == ["newest"]
    # An include that sets a new value of `dependencies` adds a job of its own.
    assert matrix["include"] == [{"python-version": "3.11", "dependencies": "oldest"}]
    [pin] = [step for step in UBUNTU["steps"] if "PIP_CONSTRAINT" in step.get("run", "")]
    assert pin["if"] == "matrix.dependencies == 'oldest'"
    assert pin["run"] == 'echo "PIP_CONSTRAINT=$GITHUB_WORKSPACE/.ci/oldest.txt" >> "$GITHUB_ENV"'
    python = step_using(UBUNTU, "actions/setup-python")
    assert python["with"] == {"python-version": "${{ matrix.python-version }}"}


def test_ubuntu_runs_the_readme_test_command_exactly() -> None:
    command = readme_command("test")
    assert command.startswith("python3 -m venv .venv ") and command.endswith("pytest")
    # Then only what the command leaves out: the release tests (tests/test_packaging.py,
    # tests/test_site_install.py) and the sweep tests, each marker deselected by the
    # configuration's addopts.
    assert runs(UBUNTU)[-3:] == [
        command,
        ".venv/bin/pytest -m release -n 0 tests/test_packaging.py tests/test_site_install.py",
        ".venv/bin/pytest -m sweep",
    ]
    assert UBUNTU["steps"][-3]["run"] == command
    addopts = PYPROJECT["tool"]["pytest"]["ini_options"]["addopts"]
    assert addopts[addopts.index("-m") + 1] == "not release and not sweep"


def test_ubuntu_points_the_browser_tests_at_the_chrome_it_installs() -> None:
    chrome = step_using(UBUNTU, "browser-actions/setup-chrome")
    assert UBUNTU["steps"].index(chrome) < len(UBUNTU["steps"]) - 3
    for step in (UBUNTU["steps"][-3], UBUNTU["steps"][-1]):  # the command, the sweep
        env = step["env"]
        assert env["NN_CHROMIUM"] == f"${{{{ steps.{chrome['id']}.outputs.chrome-path }}}}"
    source = (ROOT / "tests" / "test_site.py").read_text(encoding="utf-8")
    assert 'CHROMIUM = os.environ.get("NN_CHROMIUM") or ' in source
    assert "NN_CHROMIUM" in README.read_text(encoding="utf-8")


def test_macos_and_windows_run_the_package_tests_without_the_site_tests() -> None:
    matrix = OTHER_SYSTEMS["strategy"]["matrix"]
    assert matrix["os"] == ["macos-latest", "windows-latest"]
    assert set(matrix["python-version"]) <= set(classifier_pythons())
    install = re.search(r'pip install -e "\.\[test\]"', readme_command("test"))
    assert install, "the README's test command should install the test extra"
    assert runs(OTHER_SYSTEMS)[-2:] == [
        f"python -m {install.group()}",
        'python -m pytest -m "not site and not release"',
    ]
    markers = PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]
    assert any(marker.startswith("site: ") for marker in markers)


def test_every_test_file_that_builds_or_opens_the_site_is_marked_site() -> None:
    marked = set()
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        if path.name != "test_workflows.py" and re.search(r"built_site|playwright", source):
            assert re.search(r"\npytestmark = \[?pytest\.mark\.site\b", source), (
                f"{path.name} is not marked site"
            )
            marked.add(path.name)
    assert {"test_site.py", "test_figures.py", "test_notebooks.py"} <= marked


def test_the_site_is_published_only_after_every_test_job_passes() -> None:
    jobs = PAGES["jobs"]
    assert jobs["build"]["needs"] == "tests"
    assert jobs["deploy"]["needs"] == "build"
    assert step_using(jobs["build"], "actions/upload-pages-artifact")
    assert step_using(jobs["deploy"], "actions/deploy-pages")
    # No `if:` could run a job after a failure (always(), failure(), !cancelled()).
    assert all("if" not in job for job in jobs.values())
    assert set(PAGES["on"]) == {"push", "workflow_dispatch"}  # both run the tests first


def test_the_pages_build_is_the_readme_site_command_building_strictly() -> None:
    command = readme_command("site")
    assert command.endswith(" && .venv/bin/mkdocs serve")
    strict = command.replace("mkdocs serve", "mkdocs build --strict -f mkdocs.online.yml")
    assert runs(PAGES["jobs"]["build"]) == [strict]


def test_every_action_is_pinned_to_at_least_a_major_version() -> None:
    pinned = re.compile(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})")
    used = []
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for job in workflow(path.name)["jobs"].values():
            used += [step["uses"] for step in job.get("steps", []) if "uses" in step]
            used += [job["uses"]] if "uses" in job else []
    assert "actions/checkout@v4" in used
    for action in used:
        assert action.startswith("./") or pinned.fullmatch(action), f"{action} is not pinned"
