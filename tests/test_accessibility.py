"""Every page readable by everyone: axe-core's WCAG 2.0 and 2.1 A and AA rules.

axe-core (Deque's accessibility engine, bundled by ``axe-playwright-python``)
runs in headless Chromium on the built site, in the light scheme and in the
dark one (Material's "slate"), and no rule of those levels may be broken: text
contrast of 4.5:1, links told from the text around them by more than colour,
every control named, a region that scrolls reachable from the keyboard, and
the rest. The default run checks the page with the most kinds of content
(code, math, a live figure, a table, admonitions) as it opens;
``pytest -m sweep`` checks every page of the site with every fold (a hint, a
solution, an API page's source code) opened, as a reader opens it. A failure names the rule,
the page, the scheme, the elements and, for colours, both colours and their
contrast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import test_site
from tests.test_site import pages

pytestmark = pytest.mark.site

# The same fixtures as the other browser tests: the built site served on
# 127.0.0.1, and Debian's Chromium driven by Playwright (tests/test_site.py).
server = test_site.server
browser = test_site.browser

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe-core's tags for WCAG 2.0/2.1 A, AA
OPTIONS = {"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]}

# Chapter 2 has code, output, math, a live figure, a table, admonitions and links.
FULLEST_PAGE = "neuron/"

# Material remembers the reader's choice of scheme in localStorage, under the
# site's root folder; set before the page's scripts run, the page opens in it,
# as it does for a reader who chose it earlier.
SCHEMES = {"light": "default", "dark": "slate"}
CHOOSE_SCHEME = """scheme => localStorage.setItem("/.__palette", JSON.stringify(
    {index: scheme === "slate" ? 1 : 0,
     color: {media: "", scheme, primary: "indigo", accent: "indigo"}}))"""

# Once loaded: the fonts, every live figure in place of its image, in the sweep
# every fold (hints, solutions, the API pages' source code) opened as a reader
# opens it, two frames drawn (javascripts/katex-init.js checks which formulas
# scroll then), and every colour transition over (after a change of scheme).
SETTLED = """async openFolds => {
    await document.fonts.ready;
    const live = [...document.querySelectorAll("img[data-live]")];
    while (!live.every(img => img.closest("figure").classList.contains("nn-live-ready"))) {
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    if (openFolds) for (const fold of document.querySelectorAll("details")) fold.open = true;
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    const transitions = document.getAnimations().filter(a => a instanceof CSSTransition);
    await Promise.all(transitions.map(transition => transition.finished.catch(() => null)));
    return document.body.getAttribute("data-md-color-scheme");
}"""


@pytest.fixture(scope="module")
def contexts(browser: Any) -> Iterator[dict[str, Any]]:
    """A browser context per scheme, each page of it opening in that scheme."""
    opened = {}
    for name, scheme in SCHEMES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(f"({CHOOSE_SCHEME})({json.dumps(scheme)})")
        opened[name] = context
    yield opened
    for context in opened.values():
        context.close()


def open_page(context: Any, url: str) -> Any:
    """Start loading `url` in a new tab and return at once: Chromium loads it meanwhile."""
    tab = context.new_page()
    tab.goto(url, wait_until="commit")
    return tab


def axe_violations(tab: Any, scheme: str, open_folds: bool) -> list[dict[str, Any]]:
    """What axe-core finds wrong on the loaded page, after checking it is in `scheme`."""
    from axe_playwright_python.sync_playwright import Axe

    tab.wait_for_load_state("load")
    shown = tab.evaluate(SETTLED, open_folds)
    assert shown == SCHEMES[scheme], f"{tab.url} opened in {shown!r}, not the {scheme} scheme"
    violations: list[dict[str, Any]] = Axe().run(tab, options=OPTIONS).response["violations"]
    return violations


def describe(page: str, scheme: str, violations: list[dict[str, Any]]) -> list[str]:
    """One paragraph per rule broken: what it asks, and each distinct finding with its
    elements (the first three of them), in axe-core's words, which give the colours."""
    found = []
    for violation in violations:
        lines = [
            f"{page or 'home page'} ({scheme}): {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])} elements; {violation['helpUrl']})"
        ]
        by_message: dict[str, list[str]] = {}
        for node in violation["nodes"]:
            checks = node["any"] + node["all"] + node["none"]
            message = "; ".join(check["message"] for check in checks)
            html = " ".join(node["html"].split())[:120]
            by_message.setdefault(message, []).append(
                f"{' '.join(map(str, node['target']))}: {html}"
            )
        for message, elements in by_message.items():
            lines.append(f"  {message} ({len(elements)} elements), e.g.")
            lines += [f"    {element}" for element in elements[:3]]
        found.append("\n".join(lines))
    return found


def test_axe_finds_nothing_to_fix_on_the_fullest_page(
    contexts: dict[str, Any], server: str
) -> None:
    # The page as it opens (light), then switched to dark with the header's toggle,
    # as a reader switches it: one visit, and axe-core runs faster the second time.
    tab = open_page(contexts["light"], server + FULLEST_PAGE)
    found = describe(FULLEST_PAGE, "light", axe_violations(tab, "light", open_folds=False))
    tab.locator("label[for='__palette_1']").click()
    found += describe(FULLEST_PAGE, "dark", axe_violations(tab, "dark", open_folds=False))
    tab.close()
    assert not found, "\n".join(found)


@pytest.mark.sweep
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_nothing_to_fix_on_any_page(
    scheme: str, contexts: dict[str, Any], server: str, built_site: Path
) -> None:
    every = [*pages(built_site), "404.html"]
    found = []
    coming = open_page(contexts[scheme], server + every[0])
    for position, page in enumerate(every):
        tab = coming
        if position + 1 < len(every):  # the next page loads while this one is checked
            coming = open_page(contexts[scheme], server + every[position + 1])
        found += describe(page, scheme, axe_violations(tab, scheme, open_folds=True))
        tab.close()
    assert not found, "\n".join(found)
