"""How the tests run the code blocks in docs/: each one alone, and each output checked.

Two kinds of fenced block are code on the site:

- ```` ```python ```` is a script. It is run, and whatever it prints must equal
  the ```` ```output ```` block that directly follows it. A script that prints
  something with no output block after it fails: the page would hide what the
  reader will see.
- ```` ```pycon ```` is an interactive session (``>>>`` prompts). It is run as
  a doctest, so every shown result is compared with the real one.

Every block runs in a fresh, empty namespace, as it would when a reader pastes
it into a new Python: a block that leans on an import or a variable from an
earlier block fails here. It also runs in a new, empty working folder, so a
block may save files as a reader would, without littering the repository.
Sybil finds the blocks (its Markdown fence lexer, which also sees blocks
indented inside admonitions and tabs) and reports each as a pytest item; this
module only says how to run them.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import tempfile
from collections.abc import Iterator
from typing import Any

from sybil import Document, Example, Region
from sybil.evaluators.doctest import OutputChecker
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

CODE_LANGUAGES = ("python", "pycon")
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_lexer = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"(?P<language>python|pycon|output)$\n", re.MULTILINE)
)


def _fresh_namespace() -> dict[str, Any]:
    return {"__name__": "__main__"}


def _normalise(text: str) -> str:
    """Drop trailing spaces on each line and blank lines at the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def _padded(source: str, line: int) -> str:
    """The source with blank lines in front, so tracebacks name the line in the page."""
    return "\n" * (line - 1) + source


@contextlib.contextmanager
def _in_scratch_folder() -> Iterator[None]:
    """Run in a new, empty working folder, as a reader would in a scratch directory.

    A block that saves a file then leaves nothing behind in the repository.
    """
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(previous)


def evaluate_script(example: Example) -> str | None:
    source, expected = example.parsed
    code = compile(_padded(source, example.line + 1), example.path, "exec", dont_inherit=True)
    printed = io.StringIO()
    with _in_scratch_folder(), contextlib.redirect_stdout(printed):
        exec(code, _fresh_namespace())
    got = _normalise(printed.getvalue())
    if expected is None:
        if got:
            return f"the block printed output but no ```output block follows it:\n{got}"
        return None
    if got != _normalise(expected):
        return (
            "the output block does not match what the code printed.\n"
            f"Shown:\n{expected}\nPrinted:\n{got}\n"
        )
    return None


def evaluate_session(example: Example) -> str | None:
    test = doctest.DocTestParser().get_doctest(
        example.parsed, _fresh_namespace(), example.path, example.path, example.line
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(checker=OutputChecker(), optionflags=DOCTEST_FLAGS)
    with _in_scratch_folder():
        runner.run(test, out=report.write, clear_globs=True)
    return report.getvalue() or None


class ChapterBlockParser:
    """A Sybil parser yielding one region per ```python or ```pycon block."""

    def __call__(self, document: Document) -> Iterator[Region]:
        regions = list(_lexer(document))
        for index, region in enumerate(regions):
            language = region.lexemes["language"]
            source = str(region.lexemes["source"])
            if language == "pycon":
                yield Region(region.start, region.end, source, evaluate_session)
            elif language == "python":
                output, end = _following_output(document, regions, index)
                yield Region(region.start, end, (source, output), evaluate_script)


def _following_output(
    document: Document, regions: list[Region], index: int
) -> tuple[str | None, int]:
    """The ```output block right after regions[index] (only blank lines between), if any."""
    block = regions[index]
    if index + 1 < len(regions):
        after = regions[index + 1]
        between = document.text[block.end : after.start]
        if after.lexemes["language"] == "output" and not between.strip():
            return str(after.lexemes["source"]), after.end
    return None, block.end
