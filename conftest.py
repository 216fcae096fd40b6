"""Collect every code block in docs/ and every docstring example in the package as tests."""

from sybil import Sybil
from sybil.parsers.rest import DocTestParser

from tests.doc_blocks import DOCTEST_FLAGS, ChapterBlockParser

docs = Sybil(parsers=[ChapterBlockParser()], path="docs", patterns=["*.md"], name="docs")
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    path="nn_from_scratch",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = (docs + docstrings).pytest()
