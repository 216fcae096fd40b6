"""Collect every code block in docs/ and README.md, and every docstring example, as tests."""

import os

from sybil import Sybil
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

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
# The README's first program runs the same way, as a page of its own. Its path is
# relative to this folder: "*/*" leaves out every other README.md (docs/assets/katex/).
readme = Sybil(
    parsers=[ChapterBlockParser()],
    patterns=["README.md"],
    excludes=["*/*"],
    name="readme",
    setup=start_page,
    teardown=end_page,
)
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    path="nn_from_scratch",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = SybilCollection([docs, readme, docstrings]).pytest()

if os.environ.get("PYTEST_XDIST_WORKER"):
    import numpy  # noqa: F401  (loads OpenBLAS: the limit below reaches only what is loaded)
    from threadpoolctl import threadpool_limits

    # The run starts one worker process per core. BLAS threads of each worker's own on
    # top would make more threads than cores, and OpenBLAS's threads, which spin while
    # they wait, then slow each other down several times over. Every shown number holds
    # for any number of threads (tests/numeric_variants.py runs 1 and 2), and the tests
    # about threads set their own limits.
    threadpool_limits(limits=1, user_api="blas")
