"""What the copy buttons of a page give, and running it as a reader does: one page, one Python.

The site tells the reader that a page is one session: pasting a page's blocks,
in order, into one fresh Python runs them all, and a block may use what an
earlier block on the same page made. The browser test (tests/test_site.py)
clicks every copy button of a page and hands the copied texts to `run_page`,
which pastes them, in page order, into ONE new Python process, outside the
repository, where only the installed package can be imported.

Pasting into Python's interactive prompt runs each pasted statement in the
namespace of ``__main__`` and, when one raises, prints the traceback and goes
on with the next paste. `run_page` does the same with a small driver
(`DRIVER`), not a terminal: it runs each copied text, whole, in a fresh
``__main__`` module, one after the other. A block that shows a traceback is run
up to the first traceback it shows (the copy button keeps the traceback's
text, which is not code), and must raise there; every other block must run
without an exception. The run stops at the first block that breaks that rule
and names it.

`source_blocks` reads, for each ```python or ```pycon block of a page, the code
the docs tests ran (tests/doc_blocks.py, with the very parser that collects
them), so that the browser test can check that the copy buttons match the
page's blocks one for one and that each copied text is the program the docs
tests ran and checked the output of (`same_program`: the same Python syntax
tree, ``ast.dump``, which ignores line numbers, blank lines and spacing). The
copy button of a ```pycon block drops the prompts, leaves a blank line for each
output line and keeps a shown traceback's text, so "the same tree" is the
strongest claim that holds for it; for a ```python block the copied text is the
source byte for byte, less the final newline.
"""

from __future__ import annotations

import ast
import doctest
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sybil import Document

from tests.doc_blocks import ChapterBlockParser

# Where a shown traceback starts, as doctest recognises it.
TRACEBACK = re.compile(r"^Traceback \((most recent call|innermost) last\):", re.MULTILINE)


@dataclass(frozen=True)
class SourceBlock:
    """One code block of a page, as the docs tests run it."""

    path: Path
    line: int
    language: str  # "python" or "pycon"
    # The code run: the script itself, or each doctest example's code, prompts stripped.
    examples: tuple[str, ...]
    # pycon: the index of the first example whose expected output is an exception.
    first_raising: int | None

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"


def source_blocks(markdown: Path) -> list[SourceBlock]:
    """Every ```python and ```pycon block of a page, in page order."""
    document = Document.parse(str(markdown), ChapterBlockParser())
    blocks = []
    for example in document.examples():
        if isinstance(example.parsed, tuple):  # a script: (source, expected output)
            source, _output = example.parsed
            blocks.append(SourceBlock(markdown, example.line, "python", (source,), None))
        else:  # a session: exactly what evaluate_session hands to doctest
            parsed = doctest.DocTestParser().get_examples(example.parsed)
            raising = [i for i, each in enumerate(parsed) if each.exc_msg is not None]
            sources = tuple(each.source for each in parsed)
            first = raising[0] if raising else None
            blocks.append(SourceBlock(markdown, example.line, "pycon", sources, first))
    return blocks


def before_traceback(copied: str) -> str:
    """The copied text up to the first traceback it shows (all of it if none)."""
    match = TRACEBACK.search(copied)
    return copied if match is None else copied[: match.start()]


def _tree(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def same_program(copied: str, shows_an_error: bool, block: SourceBlock) -> bool:
    """Whether a copied text is the code the docs tests ran for `block`.

    For a block that shows a traceback: the copied text up to it, and the
    examples up to the first one whose shown output is an exception.
    """
    if shows_an_error:
        if block.first_raising is None:
            return False  # a script, or a session with no shown exception
        copied, ran = before_traceback(copied), "".join(block.examples[: block.first_raising + 1])
    else:
        ran = "".join(block.examples)
    copied_tree, ran_tree = _tree(copied), _tree(ran)
    if copied_tree is None or ran_tree is None:
        return False
    return ast.dump(copied_tree) == ast.dump(ran_tree)


# Runs the pasted blocks (a JSON list of [where, code, shows_an_error] on stdin) one
# after the other in one fresh __main__, as Python's prompt runs pastes.
DRIVER = """\
import json, sys, traceback, types

main = types.ModuleType("__main__")
sys.modules["__main__"] = main
for where, code, shows_an_error in json.load(sys.stdin):
    try:
        exec(compile(code, where, "exec", dont_inherit=True), main.__dict__)
    except BaseException:
        if shows_an_error:
            continue
        print(f"{where}: raised", file=sys.stderr)
        traceback.print_exc()
        sys.exit(1)
    if shows_an_error:
        print(f"{where}: shows a traceback, but the code before it did not raise", file=sys.stderr)
        sys.exit(1)
"""


def run_page(
    pasted: list[tuple[str, str, bool]], folder: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Paste a page's copied texts, (where, text, shows_an_error), in order into one new Python.

    It runs in `folder`, outside the repository, so only the installed package
    can be imported. A text that shows an error is run up to its first traceback.
    """
    blocks = [
        (where, before_traceback(text) if shows_an_error else text, shows_an_error)
        for where, text, shows_an_error in pasted
    ]
    command = [sys.executable, "-c", DRIVER]
    return subprocess.run(
        command,
        input=json.dumps(blocks),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
