"""The built site, checked as a reader gets it.

Without a browser: every internal link, image, script and anchor resolves, and
no page loads anything from another host.

The live figures (javascripts/live/) are driven as a reader drives them, and
their numbers compared with the package's; with JavaScript off, their pages
show the static figures.

In headless Chromium (Debian's package, driven by Playwright), with the site
served on 127.0.0.1: every page loads with no console or page errors and no
request to any other host; its math is rendered by KaTeX with no error; its
figures have a size; the API pages show every public name; search finds
"sigmoid"; and the texts the copy buttons give for a page's code blocks are
the code the docs tests ran and checked, and (a sweep test, ``pytest -m
sweep``) pasted in order into one fresh Python, they run
(tests/site_copied_code.py): a page is one session. With ``NN_SCREENSHOTS=1``
a full-page screenshot of every page is saved in ``screenshots/`` (ignored by
git) for a person to look at.
"""

from __future__ import annotations

import base64
import functools
import http.server
import importlib
import json
import math
import os
import shutil
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import numpy as np
import pytest

from nn_from_scratch import NEWCOMERS, make_moons, shift
from tests.site_copied_code import SourceBlock, run_page, same_program, source_blocks

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.site
SCREENSHOTS = ROOT / "screenshots"
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("NN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
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
CHAPTERS = ["", "activation/", "neuron/", "network/", "loss/", "gradients/", "training/", "recap/"]
CHAPTERS += ["matrices/", "gradient_check/", "bigger_problem/", "autodiff/", "digits/"]
CHAPTERS += ["regularization/"]
CHAPTERS += ["optimizers/"]
CHAPTERS += ["deeper/"]
CHAPTERS += ["convolution/"]
CHAPTERS += ["performance/", "troubleshooting/", "contributing/"]
REFERENCE = ["activation", "neuron", "network", "loss", "training", "data", "matrix"]
REFERENCE += ["regularization", "optimizers"]
REFERENCE += ["deeper"]
REFERENCE += ["gradient_check", "datasets", "autodiff", "digits", "saving", "exercises", "checks"]
REFERENCE += ["convolution"]


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
#
# Each page is opened once, in its own fresh browser context, and every test that
# looks at it shares that visit (the `site` fixture). pytest runs the tests of this
# module in file order: the first one to look at a page takes its screenshot, and
# the tests that act on a page (copy buttons, search) come last.


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


# Requests a page may start after its load event: Chromium asks for the favicon
# (found in the page), Material's search worker for the index. The visit waits
# for both, so that every request the page makes is over before it is judged.
SEARCH_INDEX = "search/search_index.json"
SETTLE_TIMEOUT = 15.0  # seconds


class Visit:
    """One page opened in a fresh context, with everything it reported on the way.

    Every test of the page looks at this one visit (see Site).
    """

    def __init__(
        self, browser: Any, server: str, page: str, empty_index: str | None = None
    ) -> None:
        self.server = server
        self.context = browser.new_context(
            permissions=["clipboard-read", "clipboard-write"],
            viewport={"width": 1280, "height": 900},
        )
        if empty_index is not None and page != "":
            # Material's search worker builds its index from the same 0.5 MB file on
            # every page. The home page's visit, where the search test types, loads
            # the real one; the others get the same file with no documents, which
            # spares Chromium building the same index a dozen times.
            self.context.route(
                server + SEARCH_INDEX,
                lambda route: route.fulfill(content_type="application/json", body=empty_index),
            )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.pending: set[Any] = set()  # requests neither finished nor failed yet
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("request", self._request)
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("requestfailed", self._failed)
        # Returns once the server answered; the page goes on loading in Chromium
        # while the test looks at other pages (see Site).
        self.page.goto(server + page, wait_until="commit")
        self._settled = False

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        self.pending.add(request)

    def _failed(self, request: Any) -> None:
        self.errors.append(f"failed: {request.url}")
        self.pending.discard(request)

    def settled(self) -> Visit:
        """The visit once the page has loaded and every request it made is over.

        No fixed wait: the load event (by then KaTeX has rendered the math, as
        javascripts/katex-init.js renders it when the DOM is ready, or has
        failed on the console), the fonts, then the late requests above and
        every request seen answered, finished or failed.
        """
        if self._settled:
            return self
        self.page.wait_for_load_state("load")
        self.page.evaluate("document.fonts.ready.then(() => null)")
        icon = self.page.evaluate("document.querySelector('link[rel~=icon]')?.href ?? null")
        late = [url for url in (icon, self.server + SEARCH_INDEX) if url]
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while self.pending or not set(late) <= set(self.requests):
            if time.monotonic() > deadline:
                waiting = sorted(request.url for request in self.pending)
                never = [url for url in late if url not in self.requests]
                pytest.fail(f"requests still open: {waiting}; never requested: {never}")
            self.page.wait_for_timeout(10)  # lets Playwright deliver the page's events
        self._settled = True
        return self

    def screenshot(self, path: Path) -> None:
        """Save a full-page PNG: the pixels of ``page.screenshot(full_page=True)``.

        Taken the way Playwright takes it (the page's full size, captured beyond
        the viewport), but encoded with Chromium's faster PNG settings, which
        take about a quarter less time and give a larger file.
        """
        size = self.page.evaluate(FULL_PAGE_SIZE)
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        cdp = self.context.new_cdp_session(self.page)
        options = {"format": "png", "clip": clip, "captureBeyondViewport": True}
        shot = cdp.send("Page.captureScreenshot", {**options, "optimizeForSpeed": True})
        cdp.detach()
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.context.close()


# The size Playwright gives a full-page screenshot.
FULL_PAGE_SIZE = """() => {
    const body = document.body, root = document.documentElement;
    return {
        width: Math.max(body.scrollWidth, root.scrollWidth, body.offsetWidth,
                        root.offsetWidth, body.clientWidth, root.clientWidth),
        height: Math.max(body.scrollHeight, root.scrollHeight, body.offsetHeight,
                         root.offsetHeight, body.clientHeight, root.clientHeight),
    };
}"""


class Site:
    """Every page of the site, each opened once and shared by the tests that look at it.

    When a test asks for a page, the next `ahead` pages of `order` start loading
    too: Chromium loads them while this one is checked and photographed.
    """

    def __init__(
        self,
        browser: Any,
        server: str,
        order: list[str],
        ahead: int,
        empty_index: str | None = None,
    ) -> None:
        self.browser, self.server, self.order, self.ahead = browser, server, order, ahead
        self.empty_index = empty_index
        self.visits: dict[str, Visit] = {}

    def _open(self, page: str) -> None:
        if page not in self.visits:
            self.visits[page] = Visit(self.browser, self.server, page, self.empty_index)

    def __call__(self, page: str) -> Visit:
        self._open(page)
        if page in self.order:
            position = self.order.index(page)
            for following in self.order[position + 1 : position + 1 + self.ahead]:
                self._open(following)
        return self.visits[page].settled()

    def forget(self, page: str) -> None:
        """Close a page a test has changed; a later test gets a fresh visit."""
        visit = self.visits.pop(page, None)
        if visit:
            visit.close()

    def close(self) -> None:
        for page in list(self.visits):
            self.forget(page)


def _site_pages() -> list[str]:
    # The page list must be known at collection time: read it from the source nav.
    return CHAPTERS + ["reference/"] + [f"reference/{module}/" for module in REFERENCE]


# The default run opens the home page; chapter 2, with a live figure, code, output,
# math and folded exercises; chapter 5, the most math; and, of the API pages, which
# share one template, the first module's. The browser tests of the other pages are
# sweep tests (pytest -m sweep), for the default run's time. The live figures' tests
# open chapters 6, 9 and 13 too.
QUICK_PAGES = ["", "neuron/", "gradients/", "reference/activation/"]


def swept(page: str) -> Any:
    return pytest.param(page, marks=() if page in QUICK_PAGES else pytest.mark.sweep)


def swept_all(pages: list[str]) -> list[Any]:
    return [swept(page) for page in pages]


# Pages loading ahead of the one being checked: about 1 s less in all on two busy cores.
PAGES_AHEAD = 2


@pytest.fixture(scope="module")
def site(
    browser: Any, server: str, built_site: Path, request: pytest.FixtureRequest
) -> Iterator[Site]:
    # Load ahead only the pages this run's tests will look at.
    wanted = set()
    for item in request.session.items:
        params = getattr(item, "callspec", None)
        if item.path.name == "test_site.py" and params:
            page = params.params.get("page", f"reference/{params.params.get('module')}/")
            wanted.add(page)
    index = json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    empty_index = json.dumps({"config": index["config"], "docs": []})
    # (A live figure's page that is not yet a chapter is loaded ahead too, last.)
    order = [p for p in dict.fromkeys([*_site_pages(), *LIVE_PAGES]) if p in wanted]
    opened = Site(browser, server, order, PAGES_AHEAD, empty_index)
    yield opened
    opened.close()


@pytest.mark.parametrize("page", swept_all(_site_pages()))
def test_page_loads_cleanly_offline(page: str, site: Site, server: str) -> None:
    seen = site(page)
    if os.environ.get("NN_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(exist_ok=True)
        name = page.strip("/").replace("/", "_") or "index"
        seen.screenshot(SCREENSHOTS / f"{name}.png")

    assert not seen.errors, seen.errors
    foreign = [url for url in seen.requests if not url.startswith((server, "data:", "blob:"))]
    assert not foreign, f"requests to other hosts: {foreign}"

    # One round trip per check rather than one per element: the same checks.
    assert seen.page.locator(".katex-error").count() == 0
    unrendered = seen.page.locator(".arithmatex").evaluate_all(
        "all => all.filter(math => !math.querySelector('.katex')).map(math => math.innerText)"
    )
    assert not unrendered, f"math KaTeX did not render: {unrendered}"

    # A live figure's static image steps aside once the live one is in place.
    images = seen.page.locator("article img:not(.nn-live-ready > img)").evaluate_all(
        """all => all.map(img => {
            const box = img.getBoundingClientRect();
            return {src: img.src, loaded: img.complete && img.naturalWidth > 0,
                    width: box.width, height: box.height};
        })"""
    )
    for image in images:
        assert image["loaded"], image
        assert image["width"] > 100 and image["height"] > 100, image


EXPECTED_MATH = {"activation/": 4, "neuron/": 1, "network/": 1, "loss/": 1}
EXPECTED_MATH.update({"gradients/": 40, "training/": 8})
EXPECTED_MATH.update({"matrices/": 20, "gradient_check/": 5, "bigger_problem/": 2})
EXPECTED_MATH.update({"autodiff/": 20, "digits/": 20, "regularization/": 15})
EXPECTED_FIGURES = {"activation/": 1, "neuron/": 1, "network/": 1, "gradients/": 1, "training/": 3}
EXPECTED_FIGURES.update({"bigger_problem/": 2})
EXPECTED_FIGURES.update({"autodiff/": 1, "digits/": 2, "regularization/": 1})
EXPECTED_MATH.update({"optimizers/": 20})
EXPECTED_FIGURES.update({"optimizers/": 2})
EXPECTED_MATH.update({"deeper/": 10})
EXPECTED_FIGURES.update({"deeper/": 3})
EXPECTED_MATH.update({"convolution/": 25})
EXPECTED_FIGURES.update({"convolution/": 2})


@pytest.mark.parametrize("page", swept_all(list(EXPECTED_MATH)))
def test_chapter_shows_its_math_and_figures(page: str, site: Site) -> None:
    seen = site(page)
    assert seen.page.locator(".arithmatex .katex").count() >= EXPECTED_MATH[page]
    assert seen.page.locator("article figure img").count() == EXPECTED_FIGURES.get(page, 0)


@pytest.mark.parametrize("page", swept_all(list(EXPECTED_MATH)))
def test_chapter_title_links_to_its_notebook_which_downloads(page: str, site: Site) -> None:
    seen = site(page)
    # The link is the first thing after the title, and a click saves the notebook.
    link = seen.page.locator("article h1 + p > a[download]")
    assert link.count() == 1 and link.is_visible()
    with seen.page.expect_download() as saving:
        link.click()
    download = saving.value
    assert download.suggested_filename == f"{page.strip('/')}.ipynb"
    notebook = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    title = seen.page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert "".join(notebook["cells"][0]["source"]).startswith(f"# {title}\n")


@pytest.mark.parametrize(
    "module", [pytest.param(m, marks=swept(f"reference/{m}/").marks) for m in REFERENCE]
)
def test_api_page_shows_every_public_name(module: str, site: Site) -> None:
    seen = site(f"reference/{module}/")
    names = importlib.import_module(f"nn_from_scratch.{module}").__all__
    assert names
    ids = [f"nn_from_scratch.{module}.{name}" for name in names]
    headings = seen.page.locator(", ".join(f'[id="{each}"]' for each in ids))
    found = headings.evaluate_all("all => all.map(heading => heading.id)")
    visible = headings.locator("visible=true").evaluate_all("all => all.map(heading => heading.id)")
    for name, each in zip(names, ids, strict=True):
        assert found.count(each) == 1, name
        assert each in visible, name


# --- The live figures (javascripts/live.js and javascripts/live/*.js) -------------------
#
# Each is driven as a reader drives it (keys on a focused slider, a chosen option,
# a clicked button), and what it computes is read from nnLive.state, the numbers
# in full, and compared with what the package computes for the same settings.


MINUS = "\u2212"  # the minus sign the live figures write, as the chapters do


def live_figure(site: Site, page: str, name: str) -> tuple[Visit, Any]:
    """The page's visit and its live figure, once its script has put it in place."""
    seen = site(page)
    figure = seen.page.locator(f'[data-live-figure="{name}"]')
    figure.wait_for(timeout=15_000)
    return seen, figure


def assert_clean(seen: Visit, server: str) -> None:
    """Nothing the reader did made an error, or a request to another host."""
    assert not seen.errors, seen.errors
    foreign = [url for url in seen.requests if not url.startswith((server, "data:", "blob:"))]
    assert not foreign, f"requests to other hosts: {foreign}"


def live_state(seen: Visit, name: str) -> Any:
    return seen.page.evaluate(f"JSON.parse(JSON.stringify(nnLive.state.{name}))")


def control(figure: Any, label: str) -> Any:
    """The control a reader finds by its label."""
    return figure.get_by_label(label, exact=True)


def test_live_neuron_follows_every_control_as_chapter_2_computes(site: Site, server: str) -> None:
    from nn_from_scratch import Neuron

    seen, figure = live_figure(site, "neuron/", "neuron")

    def package(state: dict[str, float]) -> float:
        neuron = Neuron(np.array([state["w1"], state["w2"]]), state["b"])
        return neuron.feed_forward(np.array([state["x1"], state["x2"]]))

    state = live_state(seen, "neuron")
    assert {k: state[k] for k in ("w1", "w2", "b", "x1", "x2")} == {
        "w1": 0,
        "w2": 1,
        "b": 4,
        "x1": 2,
        "x2": 3,
    }
    assert state["total"] == 7
    assert abs(state["output"] - 0.9990889488055994) <= 1e-15  # chapter 2's output
    assert "squash: output = f(7) = 0.999089" in figure.inner_text()

    # Each slider, moved with the keyboard, changes its own number and nothing else;
    # the output is then the package's for the new settings.
    moves = {"w1": ("ArrowRight", 0.1), "w2": ("ArrowLeft", 0.9), "b": ("ArrowLeft", 3.5)}
    moves.update({"x1": ("ArrowRight", 3), "x2": ("End", 30)})
    dots = [seen.page.locator(".nn-live__dot").get_attribute("cy")]
    for name, (key, expected) in moves.items():
        before = live_state(seen, "neuron")
        moved = control(figure, name)
        moved.focus()
        moved.press(key)
        after = live_state(seen, "neuron")
        assert after[name] == pytest.approx(expected, abs=1e-12), name
        assert {k: v for k, v in after.items() if k not in (name, "total", "output")} == {
            k: v for k, v in before.items() if k not in (name, "total", "output")
        }
        assert abs(after["output"] - package(after)) <= 1e-12, (name, after)
        assert f"{name} = {moved.input_value()}".replace("-", MINUS) in figure.inner_text()
        dots.append(seen.page.locator(".nn-live__dot").get_attribute("cy"))
    assert len(set(dots)) > 1  # the dot moved along the curve
    # total = 0.1·3 + 0.9·30 + 3.5 = 30.8: beyond the chart, which says so; and
    # f(30.8) = 1 / (1 + e^-30.8), 1 - 4.2e-14, is not shown as 1.
    assert "total 30.8: off the chart" in figure.inner_text()
    assert f"output = f(30.8) = 1 {MINUS} 4.2e{MINUS}14" in figure.inner_text()

    # Choosing a person sets both inputs to theirs (chapter 3's shifted numbers).
    control(figure, f"A person's inputs (weight {MINUS} 135, height {MINUS} 66)").select_option(
        label=f"Diana: {MINUS}15, {MINUS}6"
    )
    state = live_state(seen, "neuron")
    assert (state["x1"], state["x2"]) == (-15, -6)
    assert abs(state["output"] - package(state)) <= 1e-12
    assert f"x1 = {MINUS}15" in figure.inner_text() and f"x2 = {MINUS}6" in figure.inner_text()
    assert (
        f"w1·x1 = 0.1·({MINUS}15) = {MINUS}1.5" in figure.inner_text()
    )  # a negative factor in brackets

    figure.get_by_role("button", name="Reset").click()
    state = live_state(seen, "neuron")
    assert (state["w1"], state["w2"], state["b"], state["x1"], state["x2"]) == (0, 1, 4, 2, 3)
    assert_clean(seen, server)


@pytest.mark.sweep  # 1000 epochs in the browser (about 2 s): CI runs it with the sweep
def test_live_training_ends_where_train_ends(site: Site, server: str) -> None:
    from nn_from_scratch import NeuralNetwork, sgd_step, train, training_data

    seen, figure = live_figure(site, "training/", "training")
    data, all_y_trues = training_data()
    start = NeuralNetwork.random(42)
    state = live_state(seen, "training")
    assert state["params"] == start.parameters()  # written into the page, not redrawn
    assert "Emily" in figure.inner_text() and "Frank" in figure.inner_text()

    # One step: SGD on Alice alone, at the chosen learning rate.
    control(figure, "Learning rate η").select_option("1")
    figure.get_by_role("button", name="Step: one person").click()
    stepped = NeuralNetwork(**start.parameters())
    sgd_step(stepped, data[0], all_y_trues[0], learn_rate=1.0)
    state = live_state(seen, "training")
    assert state["rate"] == 1 and state["epoch"] == 0 and state["next"] == 1
    for name, value in stepped.parameters().items():
        assert abs(state["params"][name] - value) <= 1e-12, name
    assert "next step: Bob" in figure.inner_text()

    # Play, then Pause: the training stops where it is.
    play = figure.get_by_role("button", name="Play")
    control(figure, "Speed").select_option("1")
    play.click()
    seen.page.wait_for_function("nnLive.state.training.epoch >= 3")
    figure.get_by_role("button", name="Pause").click()
    paused = live_state(seen, "training")["epoch"]
    seen.page.wait_for_timeout(100)
    assert live_state(seen, "training")["epoch"] == paused < 1000

    # From the start at the chapter's 0.1: 1000 epochs give train()'s nine numbers.
    figure.get_by_role("button", name="Reset").click()
    control(figure, "Learning rate η").select_option("0.1")
    control(figure, "Speed").select_option("100")
    play.click()
    seen.page.wait_for_function("nnLive.state.training.epoch === 1000", timeout=30_000)
    trained = NeuralNetwork.random(42)
    history = train(trained, data, all_y_trues, learn_rate=0.1, epochs=1000, every=1)
    state = live_state(seen, "training")
    for name, value in trained.parameters().items():
        assert abs(state["params"][name] - value) <= 1e-12, name
    assert max(abs(a - b) for a, b in zip(state["history"], history, strict=True)) <= 1e-12
    text = figure.inner_text()
    assert "done: the chapter's 1000 epochs" in text
    assert figure.get_by_role("button", name="Step: one person").is_disabled()
    for name, value in trained.parameters().items():
        assert f"{name}\t{value:.4f}" in text
    for person in NEWCOMERS:
        score = trained.feed_forward(shift(person.weight, person.height))
        assert f"{person.name}: {score:.3f} ({person.gender})" in text
    assert play.inner_text() == "Play"
    assert_clean(seen, server)


def train_live_moons(seen: Visit, figure: Any, hidden: int, activation: str) -> None:
    """Choose the settings with the keyboard and the menu, then Play to the end."""
    size = control(figure, "Hidden neurons")
    size.focus()
    size.press("Home")
    for _ in range(hidden):
        size.press("ArrowRight")
    if hidden:  # with no hidden layer there is no hidden activation to choose
        control(figure, "Hidden activation").select_option(activation)
    state = live_state(seen, "moons")
    assert (state["hidden"], state["epoch"]) == (hidden, 0)
    assert state["activation"] == activation or not hidden
    figure.get_by_role("button", name="Play").click()
    seen.page.wait_for_function("nnLive.state.moons.epoch === 300", timeout=30_000)


def assert_live_moons_are_the_chapters(
    seen: Visit, figure: Any, hidden: int, activation: str
) -> None:
    from hooks.figures import accuracy, moons_run

    X, y = make_moons(200, noise=0.2, rng=0)
    network, history = moons_run(hidden, activation)
    state = live_state(seen, "moons")
    # The chapter's accuracy, to within a point: in fact the same points right.
    assert abs(state["accuracy"] - accuracy(network, X, y)) <= 0.01, (hidden, activation)
    assert state["accuracy"] == accuracy(network, X, y)
    weights = zip(state["net"]["weights"], network.weights, strict=True)
    worst = max(float(np.max(np.abs(np.array(a) - b))) for a, b in weights)
    assert worst <= 1e-9, (hidden, activation, worst)
    assert max(abs(a - b) for a, b in zip(state["history"], history, strict=True)) <= 1e-9
    assert f"{state['accuracy']:.1%} right" in figure.inner_text()


@pytest.mark.sweep  # 300 epochs in the browser (about 2 s): CI runs it with the sweep
def test_live_moons_reach_the_chapters_accuracy(site: Site, server: str) -> None:
    seen, figure = live_figure(site, "bigger_problem/", "moons")
    map_before = seen.page.evaluate("document.querySelector('.nn-live__map').toDataURL()")
    control(figure, "Speed").select_option("50")
    train_live_moons(seen, figure, 8, "tanh")  # the chapter's network
    assert_live_moons_are_the_chapters(seen, figure, 8, "tanh")
    assert live_state(seen, "moons")["rate"] == 0.5  # the chapter's
    map_after = seen.page.evaluate("document.querySelector('.nn-live__map').toDataURL()")
    assert map_after != map_before  # the boundary is redrawn as it trains

    # The learning rate, one epoch, and Reset.
    control(figure, "Learning rate η").select_option("2")
    figure.get_by_role("button", name="Reset").click()
    figure.get_by_role("button", name="Step: one epoch").click()
    state = live_state(seen, "moons")
    assert (state["rate"], state["epoch"], len(state["history"])) == (2, 1, 1)
    # No hidden layer: no hidden activation to choose.
    control(figure, "Hidden neurons").press("Home")
    assert control(figure, "Hidden activation").is_disabled()
    assert "2-1, no hidden layer; epochs trained: 0 of 300" in figure.inner_text()
    assert_clean(seen, server)


@pytest.mark.sweep
@pytest.mark.parametrize("hidden, activation", [(8, "sigmoid"), (0, "tanh")])
def test_live_moons_reach_the_chapters_other_runs(
    hidden: int, activation: str, site: Site, server: str
) -> None:
    seen, figure = live_figure(site, "bigger_problem/", "moons")
    control(figure, "Learning rate η").select_option("0.5")
    control(figure, "Speed").select_option("50")
    train_live_moons(seen, figure, hidden, activation)
    assert_live_moons_are_the_chapters(seen, figure, hidden, activation)
    assert_clean(seen, server)


def valley_path(name: str, settings: dict[str, float]) -> Any:
    """The package's path down chapter 13's valley for one optimizer and its settings."""
    from nn_from_scratch import SGD, Adam, Momentum
    from nn_from_scratch.optimizers import descend

    optimizer = {"sgd": SGD, "momentum": Momentum, "adam": Adam}[name](**settings)
    return descend(optimizer, start=(-7, 2), steps=40)


def assert_live_valley_is_the_packages(seen: Visit, figure: Any) -> Any:
    """Every path the figure shows is descend()'s for its settings, and so is its readout."""
    from nn_from_scratch.optimizers import valley

    state = live_state(seen, "valley")
    lines = figure.locator(".nn-live__readout p").all_inner_texts()
    for (name, run), line in zip(state.items(), lines, strict=False):
        path = valley_path(name, run["settings"])
        assert np.max(np.abs(np.array(run["path"]) - path)) <= 1e-12, (name, run["settings"])
        below = [step for step, point in enumerate(path) if valley(point) < 0.01]
        assert run["steps"] == (below[0] if below else None), (name, run["settings"])
        reached = f"below 0.01 after {below[0]} steps" if below else "not below 0.01 in 40 steps"
        assert line.endswith(f": f {reached}"), (line, reached)
    return state


def test_live_valley_follows_descend_as_the_reader_moves_it(site: Site, server: str) -> None:
    seen, figure = live_figure(site, "optimizers/", "valley")
    start = assert_live_valley_is_the_packages(seen, figure)
    chapters = {"sgd": {"learn_rate": 0.9}, "momentum": {"learn_rate": 0.1, "beta": 0.9}}
    chapters["adam"] = {"learn_rate": 0.5, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert {name: run["settings"] for name, run in start.items()} == chapters
    lines = figure.locator(".nn-live__readout p").all_inner_texts()
    assert lines[:3] == [
        "SGD, η = 0.9: f below 0.01 after 30 steps",
        "Momentum, η = 0.1, β = 0.9: f below 0.01 after 24 steps",
        "Adam, η = 0.5, β1 = 0.9: f below 0.01 after 15 steps",
    ]  # the numbers of the static figure's legend

    # Each slider, moved with the keyboard, changes its own optimizer's setting and
    # path and nothing else; the path is then the package's for the new setting.
    moves = [
        ("SGD η", "End", "sgd", "learn_rate", 1.1),
        ("Momentum β", "ArrowLeft", "momentum", "beta", 0.89),
    ]
    moves += [("Momentum η", "ArrowRight", "momentum", "learn_rate", 0.11)]
    moves += [
        ("Adam β1", "Home", "adam", "beta1", 0),
        ("Adam η", "ArrowLeft", "adam", "learn_rate", 0.45),
    ]
    for label, key, name, setting, expected in moves:
        before = live_state(seen, "valley")
        moved = control(figure, label)
        moved.focus()
        moved.press(key)
        after = assert_live_valley_is_the_packages(seen, figure)
        assert after[name]["settings"][setting] == pytest.approx(expected, abs=1e-12), label
        assert after[name]["path"] != before[name]["path"], label
        assert {k: v for k, v in after.items() if k != name} == {
            k: v for k, v in before.items() if k != name
        }, label
        assert f"{label} = {moved.input_value()}" in figure.inner_text()
    # Above 1, SGD's steps across the valley grow: it never gets down.
    assert "SGD, η = 1.1: f not below 0.01 in 40 steps" in figure.inner_text()

    figure.get_by_role("button", name="Reset").click()
    assert live_state(seen, "valley") == start
    assert control(figure, "Adam β1").input_value() == "0.9"
    assert_clean(seen, server)


@pytest.mark.sweep
def test_live_valley_is_descend_across_the_sliders_ranges(site: Site, server: str) -> None:
    # A hundred settings, each set as a drag sets it, anywhere on its slider.
    seen, figure = live_figure(site, "optimizers/", "valley")
    sliders = {"SGD η": ("sgd", "learn_rate"), "Momentum η": ("momentum", "learn_rate")}
    sliders |= {"Momentum β": ("momentum", "beta"), "Adam η": ("adam", "learn_rate")}
    sliders |= {"Adam β1": ("adam", "beta1")}
    rng = np.random.default_rng(13)
    for _ in range(100):
        label = list(sliders)[rng.integers(len(sliders))]
        slider = control(figure, label)
        low, high, step = (float(slider.get_attribute(name)) for name in ("min", "max", "step"))
        value = f"{low + step * rng.integers(round((high - low) / step) + 1):.2f}"
        slider.fill(value)
        state = assert_live_valley_is_the_packages(seen, figure)
        name, setting = sliders[label]
        assert state[name]["settings"][setting] == float(value), label
    figure.get_by_role("button", name="Reset").click()
    assert_clean(seen, server)


LIVE_PAGES = {"neuron/": "neuron", "training/": "training", "bigger_problem/": "moons"}
LIVE_PAGES["optimizers/"] = "valley"


def contrast(foreground: list[float], background: list[float]) -> float:
    """WCAG's contrast ratio of two sRGB colours given as 0-255 numbers."""

    def luminance(colour: list[float]) -> float:
        linear = [
            c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
            for c in colour[:3]
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Every text of a live figure (labels, readouts, buttons, chart labels) with its own
# colour and the page's background, as numbers.
LIVE_COLOURS = """figure => {
    const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
    const background = rgb(getComputedStyle(document.body).backgroundColor);
    return [...figure.querySelectorAll("label, p, button, select, td, th, text")]
        .map(node => ({
            text: node.textContent.slice(0, 30),
            colour: rgb(getComputedStyle(node)[node.tagName === "text" ? "fill" : "color"]),
            background,
        }));
}"""


# The default run checks the first and the newest live figure; the others, with the sweep.
QUICK_LIVE = ["neuron/", "optimizers/"]


@pytest.mark.parametrize(
    "page",
    [pytest.param(p, marks=() if p in QUICK_LIVE else pytest.mark.sweep) for p in LIVE_PAGES],
)
def test_live_figures_are_labelled_readable_and_fit_a_phone(page: str, site: Site) -> None:
    seen, figure = live_figure(site, page, LIVE_PAGES[page])
    # Every control has a label a screen reader reads, and takes the keyboard's focus.
    unlabelled = figure.locator("input, select").evaluate_all(
        "all => all.filter(c => c.labels.length !== 1 || !c.labels[0].textContent.trim()).length"
    )
    assert unlabelled == 0
    # (Disabled controls, as Play once training is done, are left out.)
    unfocusable = figure.evaluate(
        """figure => [...figure.querySelectorAll("input, select, button")]
            .filter(control => !control.disabled)
            .filter(control => (control.focus(), document.activeElement !== control))
            .map(control => control.outerHTML)"""
    )
    assert not unfocusable, unfocusable
    # Light and dark: each text has at least WCAG AA's 4.5:1 against the page.
    for scheme in ("default", "slate"):
        seen.page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        for entry in figure.evaluate(LIVE_COLOURS):
            assert contrast(entry["colour"], entry["background"]) >= 4.5, (scheme, entry)
    seen.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    # At a phone's width, nothing of the figure is cut off or pushes the page sideways.
    # (An <svg> inside a chart's <svg> clips what it holds to its own viewport, which
    # lies in the chart, as the valley's plane clips the contours and paths that leave
    # it: the chart's box is measured, not the clipped drawing, whose box is its own.)
    seen.page.set_viewport_size({"width": 360, "height": 740})
    try:
        sizes = figure.evaluate(
            """figure => ({
                page: document.documentElement.scrollWidth,
                view: innerWidth,
                right: Math.max(...[...figure.querySelectorAll("*")]
                    .filter(node => !node.closest("svg svg"))
                    .map(node => node.getBoundingClientRect().right)),
            })"""
        )
        assert sizes["page"] <= sizes["view"] and sizes["right"] <= sizes["view"], sizes
    finally:
        seen.page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.sweep  # a second browser context, every live page again (about 2 s)
def test_without_javascript_the_static_figures_show(browser: Any, server: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        for path, name in LIVE_PAGES.items():
            page.goto(server + path, wait_until="load")
            image = page.locator(f'article figure img[data-live="{name}"]')
            shown = image.evaluate(
                """img => ({loaded: img.complete && img.naturalWidth > 0,
                            width: img.getBoundingClientRect().width})"""
            )
            assert shown["loaded"] and shown["width"] > 100, (path, shown)
            assert page.locator(".nn-live").count() == 0
            assert image.locator("xpath=../figcaption").is_visible()
    finally:
        context.close()


def markdown_of(page: str) -> Path:
    """The Markdown source of a chapter page ("" is the home page)."""
    return DOCS / f"{page.strip('/') or 'index'}.md"


# Clicks the title of every folded hint and solution in turn, as a reader does, and
# reports whether it was closed (its content not shown) before and open after.
OPEN_EVERY_FOLD = """async folds => {
    const seen = [];
    for (const fold of folds) {
        const title = fold.querySelector(":scope > summary");
        const content = fold.querySelector(":scope > :not(summary)");
        const closedBefore = !fold.open && !content.checkVisibility();
        title.scrollIntoView({block: "center"});
        title.click();
        await new Promise(resolve => requestAnimationFrame(resolve));
        seen.push({
            title: title.innerText.trim(),
            closedBefore: closedBefore,
            openAfter: fold.open && content.checkVisibility(),
        });
    }
    return seen;
}"""


def exercises_of(page: str) -> int:
    """How many exercises the page's Markdown has."""
    return markdown_of(page).read_text().count("\n### Exercise ")


EXERCISE_PAGES = [page for page in CHAPTERS if page and exercises_of(page)]


# Each code or output block whose content is wider than its box (a reader would
# have to scroll sideways to see a line's end), with every fold opened.
# (The folds it opens are closed again: the page is shared with the tests after it.)
CUT_OFF_BLOCKS = """() => {
    const closed = [...document.querySelectorAll("details")].filter(fold => !fold.open);
    closed.forEach(fold => fold.open = true);
    const cut = [...document.querySelectorAll(
        "article div.language-python pre > code, article div.language-pycon pre > code, "
        + "article div.language-output pre > code")]
        .filter(code => code.scrollWidth > code.clientWidth + 1)
        .map(code => code.innerText.split("\\n")
            .reduce((a, b) => (b.length > a.length ? b : a), "").slice(0, 90));
    closed.forEach(fold => fold.open = false);
    return cut;
}"""


@pytest.mark.parametrize("page", swept_all(CHAPTERS))
def test_no_code_line_is_cut_off_at_the_pages_width(page: str, site: Site) -> None:
    # Outside finding: the print lines of chapter 5's backward pass, and every
    # checker's verdict, ran past the page's edge at 1280 px.
    assert site(page).page.evaluate(CUT_OFF_BLOCKS) == []


@pytest.mark.parametrize("page", swept_all(EXERCISE_PAGES))
def test_hints_and_solutions_are_folded_and_open_on_a_click(page: str, site: Site) -> None:
    # Runs before the copy test below, which needs every fold open to click its buttons.
    seen = site(page)
    folds = seen.page.locator("details.tip, details.success")
    opened = folds.evaluate_all(OPEN_EVERY_FOLD)
    assert [fold["title"] for fold in opened] == ["Hint", "Solution"] * exercises_of(page)
    assert all(fold["closedBefore"] for fold in opened), opened
    assert all(fold["openAfter"] for fold in opened), opened


# Clicks every copy button in turn (a click event on the button, as the mouse
# gives) and reads what it put on the clipboard; also checks that the button is
# what a reader would click at its place (nothing covers it).
COPY_EVERY_BLOCK = """async blocks => {
    const copied = [];
    for (const block of blocks) {
        const button = block.querySelector("button[data-md-type=copy]");
        button.scrollIntoView({block: "center"});
        const box = button.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        button.click();
        copied.push({
            language: block.classList.contains("language-pycon") ? "pycon" : "python",
            text: await navigator.clipboard.readText(),
            showsAnError: block.innerText.includes("Traceback"),
            clickable: box.width > 0 && box.height > 0 && button.contains(hit),
        });
    }
    return copied;
}"""


def copied_code(page: str, site: Site) -> list[tuple[str, str, bool]]:
    """Each code block's copied text (where, text, shows an error), checked against the docs.

    The text a copy button gives must be the code the docs tests ran and checked,
    in the page's order, with no prompts, and the button must be visible.
    """
    seen = site(page)
    # A reader opens a folded solution before copying its code.
    seen.page.evaluate("document.querySelectorAll('details').forEach(fold => fold.open = true)")
    blocks = seen.page.locator("div.language-python, div.language-pycon")
    copied = blocks.evaluate_all(COPY_EVERY_BLOCK)
    assert copied or page in ("performance/", "contributing/"), "a chapter with no code blocks?"
    # The code the docs tests ran for each block (tests/site_copied_code.py), in page order.
    sources = source_blocks(markdown_of(page))
    languages = [entry["language"] for entry in copied]
    assert languages == [block.language for block in sources], (
        f"{page}: the copy buttons do not match the code blocks of {markdown_of(page).name}"
    )
    pasted = []
    for entry, block in zip(copied, sources, strict=True):
        text, shows_an_error = entry["text"], entry["showsAnError"]
        assert entry["clickable"], f"{block.where}: the copy button is hidden or covered"
        assert ">>>" not in text, block.where
        # What the reader copies is what the docs tests ran, with its output checked.
        assert same_program(text, shows_an_error, block), f"{block.where}: copied {text!r}"
        pasted.append((block.where, text, shows_an_error))
    return pasted


@pytest.mark.parametrize("page", swept_all(CHAPTERS))
def test_a_pages_copy_buttons_give_the_code_the_docs_tests_ran(page: str, site: Site) -> None:
    copied_code(page, site)


@pytest.mark.sweep
@pytest.mark.parametrize("page", swept_all(CHAPTERS))
def test_a_pages_copied_code_runs_in_one_fresh_python(
    page: str, site: Site, tmp_path: Path
) -> None:
    # The docs tests already run a page's blocks in order, as one session; this runs
    # them again as a reader does: pasted into one new Python, outside the repository,
    # with only the installed package.
    result = run_page(copied_code(page, site), tmp_path)
    assert result.returncode == 0, f"{page}:\n{result.stderr}"


def test_a_copied_text_is_the_code_the_docs_tests_ran() -> None:
    session = SourceBlock(DOCS / "x.md", 1, "pycon", ("a = 1\n", "a + 1\n", "1 / 0\n"), 2)
    script = SourceBlock(DOCS / "x.md", 1, "python", ("x = [1,\n     2]\nprint(x)\n",), None)
    shown = "a = 1\na + 1\n\n1 / 0\nTraceback (most recent call last):\n...\nZeroDivisionError"
    assert same_program(shown, True, session)
    assert same_program("a = 1\na + 1\n\n1 / 0", False, session)
    assert not same_program(shown.replace("1 / 0", "1 / 1"), True, session)
    assert same_program("x = [1,\n     2]\nprint(x)", False, script)
    assert same_program("x = [1, 2]\nprint(x)", False, script)  # layout aside, the same program
    assert not same_program("x = [1, 2]\nprint(x, x)", False, script)
    assert not same_program("x = [1, 2]\nprint(x)", True, script)  # a script shows no error


def test_a_page_runs_as_one_session(tmp_path: Path) -> None:
    """Later blocks see what earlier ones made; a shown error must be raised, then goes on."""
    error = "1 / 0\nTraceback (most recent call last):\n...\nZeroDivisionError: division by zero"
    page = [("a", "import math\nx = 2", False), ("b", error, True)]
    ran = run_page([*page, ("c", "print(math.e ** x)", False)], tmp_path)
    assert (ran.returncode, ran.stdout) == (0, f"{math.e**2}\n"), ran.stderr
    # A block that uses what no earlier block made fails, and the run names it.
    alone = run_page([("a", "x = 1", False), ("c", "print(y)", False)], tmp_path)
    assert alone.returncode == 1 and "c: raised" in alone.stderr and "NameError" in alone.stderr
    # A block that shows an error its code does not raise fails.
    quiet = run_page([("b", error.replace("1 / 0", "1 / 1"), True)], tmp_path)
    assert quiet.returncode == 1 and "did not raise" in quiet.stderr
    # Outside the repository, only what is installed can be imported.
    tests = run_page([("t", "import tests.doc_blocks", False)], tmp_path)
    assert tests.returncode == 1 and "ModuleNotFoundError" in tests.stderr


def test_search_finds_sigmoid(site: Site) -> None:
    seen = site("")
    search = seen.page.locator("input.md-search__input")
    search.focus()
    search.press_sequentially("sigmoid", delay=30)  # Material listens to key presses
    results = seen.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert "sigmoid" in results.first.inner_text().lower()
    site.forget("")  # the search is left open
