"""The built site, checked as a reader gets it.

Without a browser: every internal link, image, script and anchor resolves, and
no page loads anything from another host.

In headless Chromium (Debian's package, driven by Playwright), with the site
served on 127.0.0.1: every page loads with no console or page errors and no
request to any other host; its math is rendered by KaTeX with no error; its
figures have a size; the API pages show every public name; search finds
"sigmoid"; and the text the copy button gives for each code block in the
chapters runs in a fresh Python. A full-page screenshot of every page is saved
in ``screenshots/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import importlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google's hosts, which fails offline.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHAPTERS = ["", "activation/", "neuron/", "network/", "loss/", "training/"]
CHAPTERS += ["matrices/", "gradient_check/", "bigger_problem/", "performance/"]
CHAPTERS += ["troubleshooting/"]
REFERENCE = ["activation", "neuron", "network", "loss", "training", "data"]
REFERENCE += ["matrix", "gradient_check", "datasets", "saving"]


def pages(site: Path) -> list[str]:
    """Every page of the site, as a URL path relative to its root ("" is the home page)."""
    found = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        found.append("" if relative == "." else relative + "/")
    return found


# --- Without a browser ------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for attribute in ("href", "src"):
            url = values.get(attribute)
            if url and tag in ("a", "img", "script", "link", "source", "iframe"):
                self.links.append((tag, url))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    parsed = {page: parse(built_site / page / "index.html") for page in pages(built_site)}
    broken = []
    for page, links in parsed.items():
        for tag, url in links.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "data") or (parts.scheme and tag == "a"):
                continue  # a link a reader may follow, not something the page loads
            if parts.scheme or parts.netloc:
                broken.append(f"{page}: <{tag}> loads from another host: {url}")
                continue
            target = urlsplit(urljoin(f"/{page}", url))
            path = unquote(target.path).lstrip("/")
            file = built_site / path
            if path == "" or path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page}: <{tag}> {url} -> missing {path}")
            elif target.fragment and file.name == "index.html":
                target_page = file.parent.relative_to(built_site).as_posix()
                target_page = "" if target_page == "." else target_page + "/"
                if unquote(target.fragment) not in parsed[target_page].ids:
                    broken.append(f"{page}: {url} -> no anchor #{target.fragment}")
    assert not broken, "\n".join(broken)


def test_the_site_has_every_page(built_site: Path) -> None:
    found = pages(built_site)
    for page in CHAPTERS + [f"reference/{module}/" for module in REFERENCE]:
        assert page in found


# --- In a browser -----------------------------------------------------------------------


def _playwright() -> Any:
    """Playwright's sync API, or a skip (a failure under CI) when the browser is missing."""
    reason = None
    if not Path(CHROMIUM).exists():
        reason = "Debian's chromium is not installed (apt-get install chromium)"
    try:
        sync_api = importlib.import_module("playwright.sync_api")
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    return sync_api


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = _playwright()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page opened in a fresh context, with everything it reported on the way."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(
            permissions=["clipboard-read", "clipboard-write"],
            viewport={"width": 1280, "height": 900},
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, server: str) -> Iterator[Any]:
    opened: list[Visit] = []

    def open_page(page: str) -> Visit:
        opened.append(Visit(browser, server + page))
        return opened[-1]

    yield open_page
    for each in opened:
        each.close()


def _site_pages() -> list[str]:
    # The page list must be known at collection time: read it from the source nav.
    return CHAPTERS + ["reference/"] + [f"reference/{module}/" for module in REFERENCE]


@pytest.mark.parametrize("page", _site_pages())
def test_page_loads_cleanly_offline(page: str, visit: Any, server: str) -> None:
    seen = visit(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    name = page.strip("/").replace("/", "_") or "index"
    seen.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    assert not seen.errors, seen.errors
    foreign = [url for url in seen.requests if not url.startswith((server, "data:", "blob:"))]
    assert not foreign, f"requests to other hosts: {foreign}"

    math = seen.page.locator(".arithmatex")
    assert seen.page.locator(".katex-error").count() == 0
    for index in range(math.count()):
        assert math.nth(index).locator(".katex").count() >= 1, math.nth(index).inner_text()

    images = seen.page.locator("article img")
    for index in range(images.count()):
        image = images.nth(index)
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image
        box = image.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, box


EXPECTED_MATH = {"activation/": 4, "neuron/": 1, "network/": 1, "loss/": 1, "training/": 40}
EXPECTED_MATH.update({"matrices/": 20, "gradient_check/": 5, "bigger_problem/": 2})
EXPECTED_FIGURES = {"activation/": 1, "network/": 1, "training/": 2, "bigger_problem/": 2}


@pytest.mark.parametrize("page", list(EXPECTED_MATH))
def test_chapter_shows_its_math_and_figures(page: str, visit: Any) -> None:
    seen = visit(page)
    assert seen.page.locator(".arithmatex .katex").count() >= EXPECTED_MATH[page]
    assert seen.page.locator("article figure img").count() == EXPECTED_FIGURES.get(page, 0)


@pytest.mark.parametrize("module", REFERENCE)
def test_api_page_shows_every_public_name(module: str, visit: Any) -> None:
    seen = visit(f"reference/{module}/")
    names = importlib.import_module(f"nn_from_scratch.{module}").__all__
    assert names
    for name in names:
        heading = seen.page.locator(f'[id="nn_from_scratch.{module}.{name}"]')
        assert heading.count() == 1, name
        assert heading.is_visible(), name


def test_search_finds_sigmoid(visit: Any) -> None:
    seen = visit("")
    search = seen.page.locator("input.md-search__input")
    search.focus()
    search.press_sequentially("sigmoid", delay=30)  # Material listens to key presses
    results = seen.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert "sigmoid" in results.first.inner_text().lower()


@pytest.mark.parametrize("page", CHAPTERS)
def test_copied_code_runs_in_a_fresh_python(page: str, visit: Any, tmp_path: Path) -> None:
    seen = visit(page)
    blocks = seen.page.locator("div.language-python, div.language-pycon")
    copied = []
    for index in range(blocks.count()):
        block = blocks.nth(index)
        block.locator("button[data-md-type=copy]").click()
        text = seen.page.evaluate("navigator.clipboard.readText()")
        copied.append((text, "Traceback" in block.inner_text()))
    assert copied or page in ("", "performance/"), "a chapter with no code blocks?"
    for text, shows_an_error in copied:
        assert ">>>" not in text
        # Outside the repository, so only the installed package can be imported.
        result = subprocess.run(
            [sys.executable, "-c", text], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        if shows_an_error:
            assert result.returncode == 1 and "Traceback" in result.stderr, text
        else:
            assert result.returncode == 0, f"{text}\n{result.stderr}"
