"""What a page's copy buttons give, and how Python's classic prompt reads it.

The classic `python` prompt of 3.11 and 3.12 reads a paste one line at a time.
A blank line inside an indented body ends the statement there (the rest of the
body then raises ``IndentationError``), and a line that dedents straight after
an indented body, with no blank line between, is a ``SyntaxError`` that drops
the whole statement. Python 3.13's prompt, IPython and Jupyter take a paste
whole, so a block that the classic prompt reads as its author meant runs the
same in all of them.

`copied_text` is the text a block's copy button gives, without a browser (the
browser tests check that the buttons give the code the docs tests ran,
tests/test_site.py): a ```python block's source, less its final newline; for a
```pycon block, each line without its ``>>> `` or ``... `` prompt, and an empty
line for each line of shown output (the site's stylesheet hides prompts and
output while Material copies).

`classic_prompt` reads a text as the classic prompt does, with the standard
library's `code.InteractiveConsole`, which compiles each line as the prompt
does, and says which statements it would run and what it would reject.
"""

from __future__ import annotations

import ast
import code
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType


def copied_text(language: str, body: str) -> str:
    """The text the copy button of a ```python or ```pycon block with `body` gives."""
    if language == "python":
        return body.removesuffix("\n")
    lines = []
    for line in body.removesuffix("\n").split("\n"):
        if line.startswith((">>> ", "... ")):
            lines.append(line[4:])
        else:  # a bare prompt, or a line of shown output
            lines.append("")
    return "\n".join(lines)


@dataclass
class Reading:
    """What the classic prompt made of a paste: the statements it ran, the errors it showed."""

    statements: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def same_program_as(self, text: str) -> bool:
        """Whether the statements run are, together, the program `text` is when run whole."""
        joined = "\n".join(self.statements)
        return ast.dump(ast.parse(joined)) == ast.dump(ast.parse(text))


class _Recorder(code.InteractiveConsole):
    """An InteractiveConsole that records what it would run instead of running it."""

    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading

    def runsource(self, source: str, filename: str = "<input>", symbol: str = "single") -> bool:
        try:
            compiled = self.compile(source, filename, symbol)
        except (OverflowError, SyntaxError, ValueError) as error:
            self.reading.errors.append(f"{type(error).__name__}: {error} in {source!r}")
            return False
        if compiled is None:
            return True  # the statement goes on: the prompt shows "..."
        self.runcode(compiled, source)
        return False

    def runcode(self, code: CodeType, source: str = "") -> None:  # type: ignore[override]
        if source.strip():
            self.reading.statements.append(source)


def classic_prompt(text: str) -> Reading:
    """Read `text` line by line as Python 3.11's and 3.12's prompt reads a paste.

    The reader presses Enter after the paste (the copied text has no final
    newline) and once more, which ends a body left open at the end.
    """
    reading = Reading()
    console = _Recorder(reading)
    for line in [*text.split("\n"), ""]:
        console.push(line)
    return reading


def ends_inside_a_statement(text: str) -> bool:
    """Whether the classic prompt still shows ``...`` after `text` and one Enter.

    Then the reader presses Enter once more: the text ends inside a loop's or a
    function's body.
    """
    console = _Recorder(Reading())
    more = False
    for line in text.split("\n"):
        more = console.push(line)
    return more


def pasted_text(language: str, body: str) -> tuple[str, bool]:
    """What a reader pastes of a block, and whether the block shows a traceback.

    The part before a shown traceback (the copy button keeps the traceback's
    text, which is not code).
    """
    shows_an_error = "Traceback (most recent" in body
    return copied_text(language, body.split("Traceback (most recent")[0]), shows_an_error


def page_blocks(markdown: Path) -> list[tuple[int, str, str]]:
    """Each ```python and ```pycon block of a page: (line, language, body unindented)."""
    blocks = []
    lines = markdown.read_text(encoding="utf-8").split("\n")
    number = 0
    while number < len(lines):
        line = lines[number]
        stripped = line.lstrip(" ")
        if stripped in ("```python", "```pycon"):
            indent = line[: len(line) - len(stripped)]
            end = lines.index(indent + "```", number + 1)
            body = "\n".join(each[len(indent) :] for each in lines[number + 1 : end]) + "\n"
            blocks.append((number + 1, stripped[3:], body))
            number = end
        number += 1
    return blocks
