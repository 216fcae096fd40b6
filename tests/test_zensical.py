"""The site built with Zensical as well as with MkDocs + Material, from the same sources.

Zensical reads mkdocs.yml but runs no MkDocs hooks, so ``python -m hooks.generate``
writes the figures and notebooks into the docs folder first (hooks/generate.py).
Zensical builds only inside its project folder, and this test must leave the
source tree as it found it, so the `zensical_site` fixture copies mkdocs.yml,
docs/, hooks/ and the package (mkdocstrings reads it from ``paths: [.]``), and
the files the package's wheel is built from (pyproject.toml, the readme, the
licence), into a temporary folder and runs there the commands that the
contributors' page (docs/contributing.md, "Building with Zensical") gives.

Every page of the MkDocs build (the shared `built_site` fixture) is then
compared with Zensical's, inside the page's ``<article>``: the same headings
(with mkdocstrings' API headings), the same formulas, the same figures and
notebook links and the link to the package's wheel, each resolving to the
same bytes in both builds. Outside the
article the two themes differ by design (asset names, the search index, and
the navigation, where Zensical keeps a heading's math markup and Material
drops it), so it is not compared. The browser tests run on the MkDocs build
only (tests/test_site.py); here a static check stands in for their "nothing
loaded from elsewhere".
"""

from __future__ import annotations

import functools
import http.server
import re
import shlex
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest

from hooks import download, figures, generate, notebooks

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.site, pytest.mark.sweep]


# The contributors' page's Zensical commands, each program as this Python runs it.
PROGRAMS = {
    ".venv/bin/python": [sys.executable],
    ".venv/bin/zensical": [sys.executable, "-m", "zensical"],
}


def zensical_commands() -> list[list[str]]:
    """The commands in docs/contributing.md's block under ``<!-- ci:zensical -->``."""
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    block = page.split("<!-- ci:zensical -->\n```sh\n", 1)[1].split("```", 1)[0]
    commands = []
    for command in block.strip().split(" && "):
        program, *arguments = shlex.split(command)
        assert program in PROGRAMS, f"the page's Zensical command runs {program}"
        commands.append(PROGRAMS[program] + arguments)
    return commands


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by Zensical, strictly, from a copy of the sources.

    The tests ask for it before `built_site`, so that it builds while another
    worker may be building the MkDocs site, instead of waiting for that first.
    """
    project = tmp_path_factory.mktemp("zensical")
    for name in ["mkdocs.yml", "pyproject.toml", "README.md", "LICENSE"]:
        shutil.copy2(ROOT / name, project)
    # Figures, notebooks or the wheel that the generation step may have left in
    # docs/ stay behind: the first Zensical command writes them anew.
    generated = shutil.ignore_patterns(notebooks.FOLDER, "figures", download.FOLDER)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=generated)
    for code in ["hooks", "nn_from_scratch"]:
        shutil.copytree(ROOT / code, project / code, ignore=shutil.ignore_patterns("__pycache__"))
    for command in zensical_commands():
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{command} failed:\n{result.stdout}{result.stderr}"
    return project / "site"


def test_the_contributors_page_builds_with_zensical_strictly_after_the_generation_step() -> None:
    assert zensical_commands() == [
        [sys.executable, "-m", "hooks.generate"],
        [sys.executable, "-m", "zensical", "build", "--strict"],
    ]


def test_the_docs_name_the_zensical_version_the_tests_declare() -> None:
    """The contributors' page says which Zensical its notes are about."""
    declared = re.search(r'"zensical>=([0-9.]+)', (ROOT / "pyproject.toml").read_text())
    assert declared
    page = (ROOT / "docs" / "contributing.md").read_text()
    assert f"Zensical {declared.group(1)} does differently" in page


@dataclass
class Article:
    """What a page's ``<article>`` holds that both builds must agree on."""

    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, id)
    formulas: list[str] = field(default_factory=list)  # the TeX of each arithmatex element
    images: list[str] = field(default_factory=list)  # img src
    # href of each link to a notebook or to the package's wheel
    downloads: list[str] = field(default_factory=list)


class ArticleReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.article = Article()
        self.inside = False
        self.formula: list[str] | None = None  # the TeX read so far of the open formula
        self.depth = 0  # elements open inside the formula's element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "article":
            self.inside = True
        if not self.inside:
            return
        if self.formula is not None:
            self.depth += 1
        elif "arithmatex" in found.get("class", "").split():
            self.formula, self.depth = [], 0
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and "id" in found:
            self.article.headings.append((tag, found["id"]))
        if tag == "img":
            self.article.images.append(found["src"])
        if tag == "a" and found.get("href", "").endswith((".ipynb", ".whl")):
            self.article.downloads.append(found["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False
        if self.formula is None:
            return
        if self.depth:
            self.depth -= 1
        else:
            self.article.formulas.append("".join(self.formula).strip())
            self.formula = None

    def handle_data(self, data: str) -> None:
        if self.formula is not None:
            self.formula.append(data)


def read(site: Path, page: str) -> Article:
    reader = ArticleReader()
    reader.feed((site / page).read_text(encoding="utf-8"))
    return reader.article


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def target(site: Path, page: str, link: str) -> Path:
    """The file a relative link on a page points to."""
    return site / urlsplit(urljoin(page, link)).path


def test_zensical_builds_every_page_of_the_mkdocs_build(
    zensical_site: Path, built_site: Path
) -> None:
    missing = set(pages(built_site)) - set(pages(zensical_site))
    assert not missing, f"pages MkDocs builds and Zensical does not: {sorted(missing)}"
    assert len(pages(built_site)) > 20  # the chapters and the API reference, not an empty build


def test_every_page_has_the_same_headings_and_formulas_in_both_builds(
    zensical_site: Path, built_site: Path
) -> None:
    differences = []
    for page in pages(built_site):
        mkdocs, zensical = read(built_site, page), read(zensical_site, page)
        if mkdocs.headings != zensical.headings:
            gone = sorted(set(mkdocs.headings) - set(zensical.headings))
            differences.append(f"{page}: headings differ; not in Zensical's: {gone}")
        if mkdocs.formulas != zensical.formulas:
            differences.append(
                f"{page}: {len(mkdocs.formulas)} formulas in MkDocs', "
                f"{len(zensical.formulas)} in Zensical's, or not the same"
            )
    assert not differences, "\n".join(differences)


def test_the_comparison_covers_the_api_headings_and_the_math(built_site: Path) -> None:
    """Guards the test above: it compares real API headings and formulas, not empty lists."""
    reference = read(built_site, "reference/activation/index.html")
    assert ("h3", "nn_from_scratch.activation.sigmoid") in reference.headings
    for page in ["reference/checks/index.html", "reference/digits/index.html"]:
        assert any(id.startswith("nn_from_scratch.") for _, id in read(built_site, page).headings)
    formulas = [tex for page in pages(built_site) for tex in read(built_site, page).formulas]
    assert len(formulas) > 100
    assert r"\(z_1, \dots, z_K\)" in formulas  # chapter 11's, read whole through nested markup


def test_every_figure_notebook_and_wheel_is_the_same_file_in_both_builds(
    zensical_site: Path, built_site: Path
) -> None:
    linked: set[Path] = set()
    for page in pages(built_site):
        mkdocs, zensical = read(built_site, page), read(zensical_site, page)
        assert mkdocs.images == zensical.images, page
        assert mkdocs.downloads == zensical.downloads, page
        for link in mkdocs.images + mkdocs.downloads:
            ours, theirs = target(built_site, page, link), target(zensical_site, page, link)
            assert theirs.is_file(), f"{page}: {link} is missing from Zensical's build"
            assert ours.read_bytes() == theirs.read_bytes(), f"{page}: {link} differs"
            linked.add(ours.relative_to(built_site))
    # Every figure, every chapter's notebook and the wheel is linked from a page, so
    # all were compared.
    generated = {Path(path) for path in figures.FIGURES}
    generated |= {Path(notebooks.notebook_path(chapter)) for chapter in notebooks.CHAPTERS}
    generated.add(Path(download.wheel_path(ROOT)))
    assert generated <= linked


def test_zensicals_build_carries_the_live_figures(zensical_site: Path, built_site: Path) -> None:
    """The live figures' scripts and numbers are the same files, and work in Chromium."""
    from tests.test_site import CHROMIUM, CHROMIUM_ARGS, LIVE_PAGES, _playwright

    paths = ["javascripts/live.js"]
    for name in figures.LIVE_DATA:
        paths += [f"figures/live/{name}.js", f"javascripts/live/{name}.js"]
    for path in paths:
        assert (zensical_site / path).read_bytes() == (built_site / path).read_bytes(), path
    handler = functools.partial(_Quiet, directory=str(zensical_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with _playwright().sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            for path, name in LIVE_PAGES.items():
                page.goto(server + path)
                page.locator(f'[data-live-figure="{name}"]').wait_for(timeout=15_000)
                assert not page.locator(f'img[data-live="{name}"]').is_visible(), path
            browser.close()
        assert not errors, errors
    finally:
        httpd.shutdown()
        httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_zensical_build_loads_nothing_from_elsewhere(zensical_site: Path) -> None:
    """No script, style sheet, image or icon from another host: the site works offline."""

    external: list[str] = []

    class Assets(HTMLParser):
        page = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            link = found.get("src") or (found.get("href") if tag == "link" else None)
            if link and urlsplit(link).scheme:
                external.append(f"{self.page}: <{tag}> {link}")

    for page in pages(zensical_site):
        reader = Assets()
        reader.page = page
        reader.feed((zensical_site / page).read_text(encoding="utf-8"))
    assert not external, "\n".join(external)
    assert pages(zensical_site)  # pages were read


def test_generation_reads_the_settings_mkdocs_reads() -> None:
    offline, online = (
        generate.settings(ROOT / "mkdocs.yml"),
        generate.settings(ROOT / "mkdocs.online.yml"),
    )
    assert online["docs_dir"] == offline["docs_dir"] == "docs"  # inherited
    assert online["exclude_docs"] == offline["exclude_docs"]
    assert "INHERIT" not in online


def test_generation_lists_the_pages_mkdocs_builds(built_site: Path) -> None:
    found = generate.documentation_pages(
        ROOT / "docs", generate.settings(ROOT / "mkdocs.yml")["exclude_docs"]
    )
    assert "assets/katex/README.md" not in found  # excluded in mkdocs.yml
    # Where MkDocs puts a page (use_directory_urls): a.md and a/index.md in a/index.html.
    where = {
        page if page.endswith("index.md") else page.removesuffix(".md") + "/index.md"
        for page in found
    }
    assert {page.removesuffix(".md") + ".html" for page in where} == set(pages(built_site)) - {
        "404.html"
    }


def test_mkdocs_replaces_a_figure_the_generation_step_left_in_the_docs(tmp_path: Path) -> None:
    """``mkdocs serve`` after ``python -m hooks.generate`` draws anew instead of serving the copy.

    MkDocs warns (a DeprecationWarning, an error in these tests) if a hook adds a
    file that is already there, instead of replacing it.
    """
    from mkdocs.structure.files import File, Files

    (tmp_path / "docs" / "figures").mkdir(parents=True)
    (tmp_path / "docs" / "figures" / "sigmoid.svg").write_text("<svg>old</svg>")
    plugins = SimpleNamespace(_current_plugin="hooks/figures.py")  # what File.generated reads
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True)
    config.plugins = plugins
    on_disk = File("figures/sigmoid.svg", str(tmp_path / "docs"), config.site_dir, True)
    drawn = {"figures/sigmoid.svg": lambda: "<svg>new</svg>"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figures, "FIGURES", drawn)
        patch.setattr(figures, "LIVE_DATA", {})  # no live figure's numbers
        files = figures.on_files(Files([on_disk]), config)
    assert [file.content_string for file in files] == ["<svg>new</svg>"]
