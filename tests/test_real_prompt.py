"""Each page's copied blocks, pasted in order into the real prompts of the running Python.

The classic prompt of 3.11 and 3.12 reads a paste line by line; 3.13's prompt
and IPython take a bracketed paste whole (tests/real_prompt.py drives them in a
pseudo-terminal as a terminal does). For every page, each prompt's transcript
must show no error that running the page whole does not give, and every line
running it whole prints, in order. .ci/run runs this file with each supported
Python, so each drives its own prompt:
``.venv/bin/python -m pytest -q -m sweep -n 0 tests/test_real_prompt.py``.

The two small tests of a synthetic two-block page (a blank line inside a loop
body, then the same page written as the site's pages are) run in the default
run: they show that the check fails where a reader's paste breaks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.real_prompt import (
    BASIC,
    IPYTHON,
    PYTHON,
    Prompt,
    differences,
    page_pastes,
    paste_page,
    run_whole,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no pseudo-terminal")

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = [page for page in sorted(DOCS.glob("*.md")) if page_pastes(page)]
NEW_PROMPT = sys.version_info >= (3, 13)  # 3.13's prompt takes a bracketed paste whole
# The prompt that reads a paste line by line: 3.11's and 3.12's own, 3.13's when asked.
CLASSIC = BASIC if NEW_PROMPT else PYTHON
RUN_WHOLE: dict[tuple[Path, str], list[list[str]]] = {}  # what each page prints, run whole


def pasted_like_running_whole(prompt: Prompt, page: Path, folder: Path) -> list[str]:
    """Paste `page`'s blocks into `prompt`; where its transcript differs from running them whole."""
    blocks = page_pastes(page)
    key = (page, page.read_text())
    if key not in RUN_WHOLE:  # each prompt compares with the same run
        RUN_WHOLE[key] = run_whole(blocks, folder)
    pasted = paste_page(prompt, blocks, folder)
    # Each prompt reads the paste as the docs say: whole where the prompt asks for a
    # bracketed paste (3.13's prompt, IPython), line by line in the classic prompt.
    whole = prompt is IPYTHON or (prompt is PYTHON and NEW_PROMPT)
    assert [block.bracketed for block in pasted] == [whole] * len(pasted), prompt.name
    return differences(pasted, RUN_WHOLE[key], prompt)


# Two blocks as the writer of a page might leave them: a blank line inside the
# loop's body, and a dedented line straight after the function's body.
BROKEN = """\
# A page

```python
total = 0
for i in range(3):
    total += i

    print("step", i)
print("total", total)
```

```pycon
>>> def twice(x):
...     return 2 * x
>>> print(twice(total))
6
```
"""
# The same blocks as the site writes them: no blank line inside a body, one after it.
FIXED = BROKEN.replace('i\n\n    print("step", i)\n', 'i\n    print("step", i)\n\n').replace(
    "x\n>>> print", "x\n...\n>>> print"
)


def test_the_check_shows_where_a_blank_line_in_a_loop_breaks_the_classic_prompts_paste(
    tmp_path: Path,
) -> None:
    page = tmp_path / "broken.md"
    page.write_text(BROKEN)
    found = pasted_like_running_whole(CLASSIC, page, tmp_path)
    assert len(found) == 4, "\n".join(found)
    assert found[0].startswith("broken.md:3, pasted into ")
    assert "IndentationError: unexpected indent" in found[0]
    assert '    | >>>     print("step", i)' in found[0]  # the line that broke, as echoed
    assert "running the page whole prints 'step 0'; the prompt did not" in found[1]
    assert found[2].startswith("broken.md:12, pasted into ")
    assert "SyntaxError: invalid syntax" in found[2]
    assert "running the page whole prints '6'; the prompt did not" in found[3]


@pytest.mark.sweep  # timing-sensitive beside other tests; .ci/run runs it alone per Python
def test_the_same_page_written_for_the_classic_prompt_pastes_as_it_runs(tmp_path: Path) -> None:
    page = tmp_path / "fixed.md"
    page.write_text(FIXED)
    assert pasted_like_running_whole(CLASSIC, page, tmp_path) == []


@pytest.mark.sweep  # IPython takes a second to start
@pytest.mark.parametrize(
    "prompt", [IPYTHON, PYTHON] if NEW_PROMPT else [IPYTHON], ids=lambda prompt: prompt.name
)
def test_a_prompt_that_takes_a_paste_whole_takes_the_broken_page(
    prompt: Prompt, tmp_path: Path
) -> None:
    page = tmp_path / "broken.md"
    page.write_text(BROKEN)
    assert pasted_like_running_whole(prompt, page, tmp_path) == []


@pytest.mark.sweep  # about 50 s per prompt on 2 cores (every page's code runs twice)
@pytest.mark.parametrize("prompt", [PYTHON, IPYTHON], ids=["python", "ipython"])
@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_pages_blocks_pasted_into_a_real_prompt_run_as_the_page_run_whole(
    prompt: Prompt, page: Path, tmp_path: Path
) -> None:
    found = pasted_like_running_whole(prompt, page, tmp_path)
    assert not found, "\n\n".join(found)
