"""How the tests run the code blocks in docs/: a page as one session, and each output checked.

Two kinds of fenced block are code on the site:

- ```` ```python ```` is a script. It is run, and whatever it prints must equal
  the ```` ```output ```` block that directly follows it. A script that prints
  something with no output block after it fails: the page would hide what the
  reader will see.
- ```` ```pycon ```` is an interactive session (``>>>`` prompts). It is run as
  a doctest, so every shown result is compared with the real one.

A page is one session, as when a reader pastes its blocks, in order, into one
new Python: the page's blocks run in order in one namespace, which starts empty,
so a block may use what an earlier block on the same page made, and a block
that leans on something no earlier block made fails here. They run in a new,
empty working folder, one per page, so a block may save files as a reader
would, without littering the repository. (pytest's ``--dist loadfile`` keeps a
page's blocks together, in order, on one worker.)
Sybil finds the blocks (its Markdown fence lexer, which also sees blocks
indented inside admonitions and tabs) and reports each as a pytest item; this
module only says how to run them.
"""

from __future__ import annotations

import ast
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
_SHOWN = "__nn_shown__"  # the name under which a script's top-level values are recorded
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_lexer = RawFencedCodeBlockLexer(
    info_pattern=re.compile(r"(?P<language>python|pycon|output)$\n", re.MULTILINE)
)


# The scratch folder of each page being run, by the id of the page's namespace.
_scratch_folders: dict[int, tempfile.TemporaryDirectory[str]] = {}


def start_page(namespace: dict[str, Any]) -> None:
    """Sybil's setup for a page: an empty namespace, as a new Python has, and a folder."""
    namespace["__name__"] = "__main__"
    _scratch_folders[id(namespace)] = tempfile.TemporaryDirectory()


def end_page(namespace: dict[str, Any]) -> None:
    """Sybil's teardown for a page: the scratch folder goes, with whatever was saved in it."""
    folder = _scratch_folders.pop(id(namespace), None)
    if folder is not None:
        folder.cleanup()


def _normalise(text: str) -> str:
    """Drop trailing spaces on each line and blank lines at the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def _padded(source: str, line: int) -> str:
    """The source with blank lines in front, so tracebacks name the line in the page."""
    return "\n" * (line - 1) + source


@contextlib.contextmanager
def _in_scratch_folder(namespace: dict[str, Any]) -> Iterator[None]:
    """Run in the page's scratch folder, as a reader would in a scratch directory.

    A block that saves a file then leaves nothing behind in the repository. (A
    page run without `start_page`, as a unit test may, gets a folder of its own.)
    """
    previous = os.getcwd()
    with contextlib.ExitStack() as stack:
        folder = _scratch_folders.get(id(namespace))
        path = folder.name if folder else stack.enter_context(tempfile.TemporaryDirectory())
        os.chdir(path)
        try:
            yield
        finally:
            os.chdir(previous)


class _ShownAtThePrompt(ast.NodeTransformer):
    """Wrap each expression statement the prompt would print in a call that records it.

    The prompt prints the value of an expression statement anywhere in what it runs
    (inside a for loop too), except inside a function or class body, which runs later.
    """

    def visit_Expr(self, node: ast.Expr) -> ast.Expr:
        node.value = ast.Call(
            ast.Name(_SHOWN, ast.Load()), [node.value, ast.Constant(node.lineno)], []
        )
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        return node  # its statements run when it is called, and print nothing

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AsyncFunctionDef:
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        return node


def evaluate_script(example: Example) -> str | None:
    source, expected = example.parsed
    tree = ast.parse(_padded(source, example.line + 1), example.path)
    # Python's prompt shows the value of every top-level expression that is not None
    # (a bare `train(...)` prints its history there); a script shows nothing. So such
    # an expression is a difference between the two, and fails here.
    shown: list[str] = []
    _ShownAtThePrompt().visit(tree)
    code = compile(ast.fix_missing_locations(tree), example.path, "exec", dont_inherit=True)

    def record(value: object, line: int) -> None:
        if value is not None:
            shown.append(f"line {line} shows {repr(value)[:60]} at the prompt")

    printed = io.StringIO()
    example.namespace[_SHOWN] = record
    try:
        with _in_scratch_folder(example.namespace), contextlib.redirect_stdout(printed):
            exec(code, example.namespace)
    finally:
        del example.namespace[_SHOWN]
    if shown:
        return (
            "a top-level expression has a value, which Python's prompt would print and a "
            "script does not (assign it to a name): " + "; ".join(shown)
        )
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
        example.parsed, example.namespace, example.path, example.path, example.line
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(checker=OutputChecker(), optionflags=DOCTEST_FLAGS)
    with _in_scratch_folder(example.namespace):
        runner.run(test, out=report.write, clear_globs=False)
    # doctest ran on a copy of the namespace: what the session made, later blocks see.
    example.namespace.update(test.globs)
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
