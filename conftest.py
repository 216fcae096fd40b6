"""Collect every code block in docs/ and every docstring example in the package as tests."""

from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from tests.doc_blocks import DOCTEST_FLAGS, ChapterBlockParser, end_page, start_page

# A page is one session: its blocks run in order in one namespace (tests/doc_blocks.py).
docs = Sybil(
    parsers=[ChapterBlockParser()],
    path="docs",
    patterns=["*.md"],
    name="docs",
    setup=start_page,
    teardown=end_page,
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    path="nn_from_scratch",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = (docs + docstrings).pytest()
