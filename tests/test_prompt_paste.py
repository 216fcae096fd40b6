"""Every block's copied text reads in Python 3.11's and 3.12's classic prompt as it runs whole.

The classic prompt reads a paste line by line (tests/prompt_paste.py); this
checks every ```python and ```pycon block of every page, and the README's, with
the standard library's reading of it. The sweep tests paste the pages' texts into
the real prompts of each Python through a pseudo-terminal (tests/test_real_prompt.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.prompt_paste import classic_prompt, copied_text, page_blocks, pasted_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCKS = [
    pytest.param(language, body, id=f"{markdown.name}:{line}")
    for markdown in [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
    for line, language, body in page_blocks(markdown)
]


def test_every_page_has_its_blocks_found() -> None:
    assert len(BLOCKS) >= 160  # every chapter's code, not an empty list


@pytest.mark.parametrize(("language", "body"), BLOCKS)
def test_a_block_reads_in_the_classic_prompt_as_it_runs_whole(language: str, body: str) -> None:
    # A block that shows a traceback is run up to it: the rest is the error's text.
    text, _ = pasted_text(language, body)
    reading = classic_prompt(text)
    assert reading.errors == []
    assert reading.same_program_as(text), reading.statements


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # A blank line inside a body ends it: the next indented line is unexpected.
        ("def f():\n    x = 1\n\n    return x", "IndentationError: unexpected indent"),
        # A dedent straight after a loop body, with no blank line between.
        ("for i in range(2):\n    print(i)\nprint('done')", "SyntaxError: invalid syntax"),
    ],
    ids=["blank-line-in-a-body", "dedent-after-a-body"],
)
def test_the_classic_prompt_rejects_what_the_real_one_rejects(text: str, error: str) -> None:
    reading = classic_prompt(text)
    assert reading.errors and reading.errors[0].startswith(error), reading.errors


def test_the_classic_prompt_reads_a_paste_that_works() -> None:
    text = "for i in range(2):\n    print(i)\n\nprint('done')\ndef f():\n    return 1"
    reading = classic_prompt(text)
    assert reading.errors == []
    assert reading.statements == [
        "for i in range(2):\n    print(i)\n",
        "print('done')",
        "def f():\n    return 1\n",
    ]
    assert reading.same_program_as(text)


def test_a_pycon_blocks_copy_drops_prompts_and_output() -> None:
    body = ">>> for i in range(2):\n...     print(i)\n0\n1\n>>> x = 1\n"
    assert copied_text("pycon", body) == "for i in range(2):\n    print(i)\n\n\nx = 1"
    assert copied_text("python", "x = 1\n") == "x = 1"


SESSIONS_WITH_ERRORS = [
    pytest.param(body, id=f"{markdown.name}:{line}")
    for markdown in sorted(DOCS.glob("*.md"))
    for line, language, body in page_blocks(markdown)
    if language == "pycon" and "Traceback (most recent" in body
]


@pytest.mark.parametrize("body", SESSIONS_WITH_ERRORS)
def test_a_session_that_shows_an_error_ends_with_it(body: str) -> None:
    # A pasted block stops at its first error in 3.13's prompt, IPython and Jupyter,
    # but goes on in the classic prompt: so nothing may follow the error. (The copy
    # button leaves the shown traceback out, javascripts/copy.js.)
    after = body.split("Traceback (most recent", 1)[1]
    assert not [line for line in after.split("\n") if line.startswith(">>>")]
