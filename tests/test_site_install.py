"""The package, installed from the built site alone, as its home page says.

A reader who has only the site follows the home page's "Running the examples
yourself": download the wheel its link gives, then, in a terminal, in that
folder, run the commands of the block after it. This test does that: it serves
the built site on 127.0.0.1, downloads the file the built home page links to,
under the name its ``download`` attribute gives, and runs the block's commands
exactly as the page shows them, in bash, in a folder outside the repository,
with the test's Python as ``python``. Then chapter 1's first code block runs in
the environment they made, and prints what the chapter shows.

The install runs offline: pip is told, through its environment (``PIP_NO_INDEX``,
``PIP_FIND_LINKS``), to take numpy from a local folder instead of PyPI, where
the numpy of this environment waits, packed again as a wheel (`numpy_wheel`). So
pip still reads the wheel's dependency on numpy and resolves it, as it does on
a reader's machine; only where numpy comes from differs.

That test makes a virtual environment and installs numpy into it (several
seconds), so the default run leaves it out: it is a release test
(``pytest -m release``), as is the one that compares the site's wheel with the
released one. The file is marked ``site``: they need the built site.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import importlib.metadata
import os
import re
import sys
import threading
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from hooks import download, notebooks
from tests.test_packaging import WHEEL_METADATA, project_files, run, wheel_files

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
WHEEL = Path(download.wheel_path(ROOT)).name
__all__ = ["project_files"]  # a fixture of the release tests, used here too


def install_section() -> str:
    """The home page's section on installing the package."""
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    return page.split("## Running the examples yourself\n", 1)[1].split("\n## ", 1)[0]


def install_commands() -> list[str]:
    """The commands of the first console block of that section, without their ``$``."""
    block = install_section().split("```console\n", 1)[1].split("```", 1)[0]
    lines = block.splitlines()
    assert all(line.startswith("$ ") for line in lines), lines
    return [line.removeprefix("$ ") for line in lines]


def test_the_home_page_links_the_wheel_the_build_makes_and_installs_it_by_name() -> None:
    link = f'[{WHEEL}](download/{WHEEL}){{ download="{WHEEL}" }}'
    assert link in install_section()
    assert install_commands()[-1] == f"pip install {WHEEL}"


def test_the_home_page_links_every_chapters_notebook() -> None:
    section = install_section()
    for number, chapter in enumerate(notebooks.CHAPTERS, 1):
        name = f"{chapter}.ipynb"
        assert f'[{number}]({notebooks.notebook_path(chapter)}){{ download="{name}" }}' in section


class Links(HTMLParser):
    """Every ``<a>`` of a page, as (href, download attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.found.append((found["href"] or "", found.get("download")))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(built_site: Path) -> Iterator[str]:
    """The built site's address, served on 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def numpy_wheel(folder: Path) -> Path:
    """This environment's numpy, packed again as a wheel into `folder`, for pip offline.

    The files its RECORD lists, but for the scripts outside site-packages (pip
    makes them again from its entry points) and the files pip writes when it
    installs; a new RECORD lists what the wheel holds.
    """
    dist = importlib.metadata.distribution("numpy")
    tag = next(
        line.removeprefix("Tag: ")
        for line in (dist.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag: ")
    )
    installed = [path for path in dist.files or [] if path.parts[0] != ".."]
    info = next(path.parts[0] for path in installed if path.name == "METADATA")
    written_by_pip = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    wheel = folder / f"numpy-{dist.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
        for path in installed:
            by_pip = path.parts[0] == info and path.name in written_by_pip
            if "__pycache__" in path.parts or by_pip:
                continue
            content = Path(str(dist.locate_file(path))).read_bytes()
            archive.writestr(path.as_posix(), content)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=")
            record.append(f"{path.as_posix()},sha256={digest.decode()},{len(content)}")
        record.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel


def first_block(chapter: str) -> tuple[str, str, str | None]:
    """A chapter's first code block: (language, code, the output the page shows, if any)."""
    lines = (ROOT / "docs" / f"{chapter}.md").read_text(encoding="utf-8").splitlines()
    blocks = notebooks.parse(lines)
    for index, block in enumerate(blocks):
        if isinstance(block, notebooks.Fence) and block.language in {"python", "pycon"}:
            output, _ = notebooks.following_output(blocks, index)
            return block.language, block.body, output
    raise AssertionError(f"{chapter}.md has no code block")


@pytest.mark.release
def test_the_wheel_on_the_site_holds_what_the_released_wheel_holds(
    built_site: Path, project_files: set[str]
) -> None:
    package = {path for path in project_files if path.startswith("nn_from_scratch/")}
    assert wheel_files(built_site / download.wheel_path(ROOT)) == package | WHEEL_METADATA


@pytest.mark.release
def test_the_home_pages_install_line_installs_the_package_from_the_site(
    served: str, tmp_path: Path
) -> None:
    # The reader downloads the file the built home page links to, under its name.
    links = Links()
    with urllib.request.urlopen(served) as page:
        links.feed(page.read().decode("utf-8"))
    wheels = [(href, name) for href, name in links.found if href.endswith(".whl")]
    assert wheels == [(f"download/{WHEEL}", WHEEL)]
    folder = tmp_path / "downloads"
    folder.mkdir()
    with urllib.request.urlopen(served + wheels[0][0]) as response:
        (folder / WHEEL).write_bytes(response.read())

    # ... and runs the page's commands there, numpy coming from a local folder.
    local = tmp_path / "wheels"
    local.mkdir()
    numpy_wheel(local)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PIP_")
        and key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env |= {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(local)}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    script = "set -euo pipefail\n" + "\n".join(install_commands()) + "\n"
    installed = run(["bash", "-c", script], folder, env)
    version = download.settings(ROOT)["project"]["version"]
    names = f"nn-from-scratch-{version} numpy-{importlib.metadata.version('numpy')}"
    assert f"Successfully installed {names}\n" in installed, installed

    # Chapter 1's first block runs there, from the package installed in .venv.
    python = str(folder / ".venv" / "bin" / "python")
    where = run(
        [python, "-c", "import nn_from_scratch; print(nn_from_scratch.__file__)"], folder, env
    )
    assert Path(where.strip()).resolve().is_relative_to((folder / ".venv").resolve())
    language, code, output = first_block(notebooks.CHAPTERS[0])
    if language == "pycon":
        (folder / "block.txt").write_text(code, encoding="utf-8")
        flags = ["-o", "ELLIPSIS", "-o", "NORMALIZE_WHITESPACE"]
        ran = run([python, "-m", "doctest", "-v", *flags, "block.txt"], folder, env)
        assert re.search(r"\b[1-9]\d* passed and 0 failed", ran), ran
    else:
        ran = run([python, "-c", code], folder, env)
        assert ran == (output or ""), ran


def test_mkdocs_replaces_a_wheel_the_generation_step_left_in_the_docs(tmp_path: Path) -> None:
    """``mkdocs serve`` after ``python -m hooks.generate`` builds the wheel anew."""
    from mkdocs.structure.files import File, Files

    path = download.wheel_path(ROOT)
    (tmp_path / "docs" / path).parent.mkdir(parents=True)
    (tmp_path / "docs" / path).write_bytes(b"old")
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True)
    config.plugins = SimpleNamespace(_current_plugin="hooks/download.py")  # File.generated reads it
    config.config_file_path = str(ROOT / "mkdocs.yml")
    on_disk = File(path, str(tmp_path / "docs"), config.site_dir, True)
    files = download.on_files(Files([on_disk]), config)
    [made] = list(files)
    assert made.src_uri == path and made.content_bytes == download.wheel(ROOT)
