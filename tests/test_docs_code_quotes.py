"""Code quoted inline in chapters 5 and 6 is, word for word, code of the package.

Chapter 5 sets each derivative beside the line of training.py that computes
it, and chapter 6 quotes the update rule's first line. Those lines are inline
code, not runnable blocks, so this test holds them to the source instead: if
training.py changes, the chapters must change too.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from nn_from_scratch import training

DOCS = Path(__file__).resolve().parent.parent / "docs"
CHAPTERS = [DOCS / "gradients.md", DOCS / "training.md"]
SOURCE_LINES = {line.strip() for line in inspect.getsource(training).splitlines()}

SOURCE_NAMES = set(re.findall(r"\w+", inspect.getsource(training)))
# Names the chapters' own code blocks define, such as chapter 6's hand-written loop.
PAGE_NAMES = {
    name
    for chapter in CHAPTERS
    for block in re.findall(r"```python\n(.*?)```", chapter.read_text(), re.S)
    for name in re.findall(r"^\s*(\w+) = ", block, re.M)
}

# Inline code that mentions a derivative's name (d_..._d_...): a quote of training.py.
MENTIONS = [
    quote
    for chapter in CHAPTERS
    for quote in re.findall(r"`([^`\n]+)`", chapter.read_text())
    if re.search(r"\bd_\w+_d\b", quote) or re.search(r"\bd_\w+_d_\w+", quote)
]
NAMES = [quote for quote in MENTIONS if re.fullmatch(r"\w+", quote)]
LINES = [quote for quote in MENTIONS if quote not in NAMES]


def test_the_chapter_quotes_every_derivative() -> None:
    # Link 1 (1) + link 2 (6) + link 3 (8) + the nine chains + the update rule.
    assert len(LINES) == 25


@pytest.mark.parametrize("quote", LINES)
def test_quoted_line_is_a_line_of_training_py(quote: str) -> None:
    assert quote in SOURCE_LINES


@pytest.mark.parametrize("name", NAMES)
def test_quoted_name_is_a_name_in_training_py(name: str) -> None:
    assert name in SOURCE_NAMES or name in PAGE_NAMES
