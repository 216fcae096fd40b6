"""No code on the site escapes the tests.

Sybil only runs the fences it is told about, and skips every other fence
silently. These tests scan docs/ on their own, with a deliberately broad idea
of "Python-looking fence", and fail if any such block would not be run or if an
output block hangs loose. (What the copy button really gives a reader is run
in a fresh Python by the browser test, tests/test_site.py.)
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from sybil import Document
from sybil.evaluators.doctest import OutputChecker

from tests.doc_blocks import CODE_LANGUAGES, DOCTEST_FLAGS, ChapterBlockParser

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

# Any fence opening: optional indent (admonitions, tabs), ``` or ~~~, info string.
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$", re.M)
PYTHON_LOOKING = re.compile(r"^\{?\.?(py|python\d?|pycon|ipython\d?|pytb)\b", re.I)


def fences(text: str) -> list[tuple[int, str]]:
    """(line number, info string) of every opening fence in a Markdown text."""
    found = []
    open_fence: str | None = None
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if open_fence is None:
            open_fence = match["fence"]
            found.append((line, match["info"].strip()))
        elif match["fence"].startswith(open_fence) and not match["info"].strip():
            open_fence = None
    return found


def test_the_docs_have_pages() -> None:
    assert len(PAGES) >= 6, PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_python_looking_fence_is_one_the_tests_run(page: Path) -> None:
    odd = [
        f"{page.name}:{line}: ```{info}"
        for line, info in fences(page.read_text())
        if PYTHON_LOOKING.match(info) and info not in CODE_LANGUAGES
    ]
    assert not odd, f"use exactly ```python or ```pycon, other forms are not run: {odd}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_sybil_collects_every_code_block(page: Path) -> None:
    text = page.read_text()
    expected = [line for line, info in fences(text) if info in CODE_LANGUAGES]
    document = Document.parse(str(page), ChapterBlockParser())
    collected = [example.line for example in document.examples()]
    assert collected == expected


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_output_block_belongs_to_a_program(page: Path) -> None:
    text = page.read_text()
    found = fences(text)
    loose = [
        line
        for (line, info), (_, before) in zip(found[1:], found[:-1], strict=True)
        if info == "output" and before != "python"
    ]
    if found and found[0][1] == "output":
        loose.insert(0, found[0][0])
    assert not loose, f"{page.name}: output blocks with no ```python block before them: {loose}"


def test_the_scan_sees_the_forms_sybil_would_skip() -> None:
    # The checks above are only as good as this scan: it must see every form.
    sample = (
        '```py\nx\n```\n\n```python title="a.py"\nx\n```\n\n!!! note\n\n'
        "    ~~~{.python}\n    x\n    ~~~\n\n```pycon\n>>> 1\n1\n```\n\n"
        "````python3\nx\n````\n\n```text\n```python\n```\n"
    )
    infos = [info for _, info in fences(sample)]
    assert infos == ["py", 'python title="a.py"', "{.python}", "pycon", "python3", "text"]
    flagged = [info for info in infos if PYTHON_LOOKING.match(info) and info not in CODE_LANGUAGES]
    assert flagged == ["py", 'python title="a.py"', "{.python}", "python3"]


@pytest.mark.parametrize(
    ("shown", "printed"),
    [("0.72163256", "0.72163257"), ("such as 1. The", "such as 2. The"), ("[1.]", "[2.]")],
)
def test_the_doctest_flags_compare_every_digit(shown: str, printed: str) -> None:
    # Sybil's NUMBER flag would let "1." match "2." (precision 0); the docs must not.
    session = f">>> print({printed!r})\n{shown}\n"
    test = doctest.DocTestParser().get_doctest(session, {}, "t", "t", 0)
    runner = doctest.DocTestRunner(checker=OutputChecker(), optionflags=DOCTEST_FLAGS)
    assert runner.run(test, out=lambda text: None).failed == 1


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_code_lines_fit_the_page_without_scrolling(page: Path) -> None:
    # About 88 characters fit a code block on the site at a common laptop width.
    document = Document.parse(str(page), ChapterBlockParser())
    too_long = []
    for example in document.examples():
        parsed = example.region.parsed
        source = parsed if isinstance(parsed, str) else parsed[0]
        for offset, line in enumerate(source.splitlines(), start=1):
            if len(line) > 88 and not line.lstrip().startswith(("Traceback", "...")):
                too_long.append(f"{page.name}:{example.line + offset}: {len(line)} characters")
    assert not too_long, too_long


def test_a_script_runs_without_the_runners_own_future_imports(tmp_path: Path) -> None:
    # tests/doc_blocks.py has `from __future__ import annotations`; a reader's fresh
    # Python does not, so an annotation naming nothing must fail here too.
    page = tmp_path / "page.md"
    page.write_text("```python\nx: Missing = 1\n```\n")
    (example,) = Document.parse(str(page), ChapterBlockParser()).examples()
    with pytest.raises(NameError, match="Missing"):
        example.evaluate()
