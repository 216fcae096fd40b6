"""What the copy button of each code block should give, read from the Markdown in docs/.

The browser test (tests/test_site.py) clicks every copy button in the chapters
and must show that the copied text runs in a fresh Python. Starting a Python for
each of some 60 blocks is slow, and almost always redundant: the docs tests
(tests/doc_blocks.py, collected by Sybil) already ran the same code. This
module finds, for each ```python or ```pycon block of a page, the code those
tests ran, using the very parser that collects them, so that the browser test
can prove that a copied text is that code instead of running it again.

A copied text is *proven* when it is the same program as the code the docs
tests ran: the same Python syntax tree (``ast.dump``, which ignores line numbers,
blank lines and spacing). The copy button of a ```pycon block drops the
prompts, leaves a blank line for each output line and keeps a shown traceback's
text, so "the same tree" is the strongest claim that holds for it; for a
```python block the copied text is the source byte for byte, less the final
newline. What running the tree does is
then known from the docs tests, which check much more (every output):

- a ```python block ran with no exception, so the copied text exits 0;
- a ```pycon block ran with no exception except where it shows a traceback;
  where it does, the code up to that example raised, so the copied text up to
  the first shown traceback fails with one.

Those tests run each block in a fresh namespace, in an empty scratch folder,
which is what a fresh Python outside the repository gives. What they share with
the rest of the test session is the process: modules already imported, and the
repository on ``sys.path``. So a block is only taken as proven when it imports
nothing but the standard library, numpy and nn_from_scratch (installed in any
fresh Python of the venv), and does not read ``_``, which doctest sets and a
script does not. (Scripts are compiled with ``dont_inherit=True``, so no
``__future__`` import of tests/doc_blocks.py leaks into them.) Any block not
proven is run in a fresh Python as before.
"""

from __future__ import annotations

import ast
import doctest
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sybil import Document

from tests.doc_blocks import ChapterBlockParser

# Where a shown traceback starts, as doctest recognises it.
TRACEBACK = re.compile(r"^Traceback \((most recent call|innermost) last\):", re.MULTILINE)
# Importable in a fresh Python of the venv, outside the repository.
INSTALLED = {"numpy", "nn_from_scratch"}


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


def _self_contained(tree: ast.Module) -> bool:
    """Imports only what a fresh Python has, and reads no ``_``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else [""]
        else:
            names = []
        for name in names:
            top = name.partition(".")[0]
            if top not in INSTALLED and top not in sys.stdlib_module_names:
                return False
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Load):
            return False
    return True


def same_program(copied: str, ran: str) -> bool:
    """Whether `copied` parses to the same syntax tree as the code `ran`, and stands alone."""
    copied_tree, ran_tree = _tree(copied), _tree(ran)
    if copied_tree is None or ran_tree is None:
        return False
    return ast.dump(copied_tree) == ast.dump(ran_tree) and _self_contained(copied_tree)


def proven(copied: str, shows_an_error: bool, block: SourceBlock) -> bool:
    """Whether the docs tests' run of `block` proves what a fresh Python does with `copied`.

    That is: exits 0 when the block shows no error; when it shows one, fails with
    a traceback when given the copied text up to the first shown traceback.
    """
    if block.language == "python":
        # A script that ran cleanly cannot show how it fails: run such a block.
        return not shows_an_error and same_program(copied, block.examples[0])
    if not shows_an_error:
        return block.first_raising is None and same_program(copied, "".join(block.examples))
    if block.first_raising is None:
        return False
    upto = "".join(block.examples[: block.first_raising + 1])
    return same_program(before_traceback(copied), upto)
