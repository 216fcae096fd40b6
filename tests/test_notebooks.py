"""The chapters' notebooks (hooks/notebooks.py), run top to bottom and checked against the pages.

The site build (the `built_site` fixture) makes every notebook through the
hook's `on_files`. Here each notebook of the built site is made once more from
its page and must equal the build's, byte for byte; then every one is executed
from top to bottom, offline, in a fresh IPython kernel running this Python
(nbclient and ipykernel), all of them at once, and each code cell's output
must be the one the page shows for its block: exactly, up to trailing spaces,
for a ```` ```python ```` block, as the page's doctest compares it for a
```` ```pycon ```` session. A cell may raise only where the page shows a
traceback; a cell that writes to stderr (a warning, say) fails.
"""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode
from sybil.evaluators.doctest import OutputChecker

from tests.doc_blocks import DOCTEST_FLAGS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.site
DOCS = ROOT / "docs"


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notebooks_hook", ROOT / "hooks/notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as mkdocs loads a hook: its dataclasses need it
    spec.loader.exec_module(module)
    return module


hook = load_hook()
CHAPTERS = list(hook.CHAPTERS)
KERNEL = "nn-from-scratch-tests"
CELL_TIMEOUT = 120  # seconds; the slowest cell (chapter 9's training runs) takes about 2


def page_of(chapter: str, site_url: str = "../") -> Any:
    return hook.Page(chapter, site_url)


def code_pieces(chapter: str) -> list[Any]:
    """The code cells the hook makes of a chapter, with what each one's output must be."""
    text = (DOCS / f"{chapter}.md").read_text(encoding="utf-8")
    pieces = hook.notebook_pieces(text, page_of(chapter))
    return [piece for piece in pieces if isinstance(piece, hook.Code)]


def built_notebook(site: Path, chapter: str) -> NotebookNode:
    return nbformat.reads((site / hook.notebook_path(chapter)).read_text(encoding="utf-8"), 4)


# --- Executing notebooks ----------------------------------------------------------------------


def kernel_manager(folder: Path) -> AsyncKernelManager:
    """A manager of IPython kernels that run this very Python, whatever kernels are installed."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "nn_from_scratch tests", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")], ensure_native_kernel=False)
    return AsyncKernelManager(
        kernel_name=KERNEL,
        kernel_spec_manager=specs,
        connection_file=str(folder / "connection.json"),  # not in the user's runtime folder
        # Unix sockets in the kernel's own folder, not TCP ports: kernels started at
        # once can pick the same free port, and the second one dies at start-up.
        transport="ipc",
        ip=str(folder / "kernel"),
    )


async def execute(nb: NotebookNode, folder: Path) -> NotebookNode:
    """Run the notebook top to bottom in a new kernel, in `folder` (it may save files there)."""
    folder.mkdir(parents=True)
    client = NotebookClient(
        nb,
        km=kernel_manager(folder),
        timeout=CELL_TIMEOUT,
        # A cell's output arrives on its own channel after the cell has finished; with
        # ten kernels at once on a loaded machine it can take seconds. nbclient waits
        # 4 s by default and then drops what is late without a word: wait as long as
        # a cell may run, and fail rather than lose an output.
        iopub_timeout=CELL_TIMEOUT,
        raise_on_iopub_timeout=True,
        allow_errors=False,  # except in cells tagged raises-exception
        resources={"metadata": {"path": str(folder)}},
    )
    # The kernel's own IPython folder: no startup file or history of the user's.
    env = {**os.environ, "IPYTHONDIR": str(folder / ".ipython")}
    executed: NotebookNode = await client.async_execute(cleanup_kc=True, env=env)
    return executed


def execute_all(notebooks: dict[str, NotebookNode], folder: Path) -> dict[str, NotebookNode]:
    """Every notebook executed, each in its own kernel, all at once."""

    async def run() -> list[NotebookNode]:
        return await asyncio.gather(*(execute(nb, folder / name) for name, nb in notebooks.items()))

    return dict(zip(notebooks, asyncio.run(run()), strict=True))


# A page in the shape of an exercise section, to run the exercise cells the way the
# chapters' exercises will be run; `check` is the page's own, as a stub's check is.
EXERCISE_PAGE = """# 9. A test chapter

{link}

```python
def check(number, answer):
    if answer(0.0) is None:
        print(f"{{number}} not yet: answer(0.0) returned None")
    else:
        print(f"{{number}} correct")
```

### Exercise 10.1: The slope in code

Write it.

```python
import math


def slope(x):
    ...  # your code here


check("10.1", slope)
```

```output
10.1 not yet: answer(0.0) returned None
```

??? tip "Hint"
    The slope at $x$ is $f(x)(1 - f(x))$.

??? success "Solution"
    Like this:

    ```python
    def slope(x):
        return 0.25


    check("10.1", slope)
    ```

    ```output
    9.1 correct
    ```

### Exercise 10.2: On paper

What is $f'(0)$?

??? success "Solution"
    One quarter.
"""


def exercise_page() -> str:
    return EXERCISE_PAGE.format(link=hook.link_line("exercise_test"))


# The notebooks run in the default run; the others, which run the later chapters'
# training again (the docs tests already run every block), are sweep tests.
QUICK = ["activation"]
RUNS = [pytest.param(c, marks=() if c in QUICK else pytest.mark.sweep) for c in CHAPTERS]


@pytest.fixture(scope="module")
def executed(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, NotebookNode]:
    """The selected chapters' notebooks as the site serves them, and the test exercise
    page's, executed, all at once."""
    selected = {
        item.callspec.params["chapter"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_the_notebook_runs_and_shows_the_pages_outputs"
    }
    notebooks = {c: built_notebook(built_site, c) for c in CHAPTERS if c in selected}
    page = hook.Page("exercise_test", "../")
    notebooks["exercise_test"] = hook.notebook(exercise_page(), page, lambda path: b"")
    return execute_all(notebooks, tmp_path_factory.mktemp("notebooks"))


# --- Comparing outputs --------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Trailing spaces on each line and blank lines at the end dropped, as the docs tests do."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def shown(outputs: list[NotebookNode]) -> tuple[str, str | None]:
    """What a cell printed, and what it displayed or raised (as doctest shows it)."""
    printed, result = "", None
    for output in outputs:
        if output.output_type == "stream":
            assert output.name == "stdout", f"the cell wrote to stderr:\n{output.text}"
            printed += output.text
        elif output.output_type == "execute_result":
            result = output.data["text/plain"] + "\n"
        elif output.output_type == "error":
            result = f"{output.ename}: {output.evalue}\n"
        else:
            pytest.fail(f"an output a page cannot show: {output}")
    return printed, result


def difference(piece: Any, expected: list[NotebookNode], got: list[NotebookNode]) -> str | None:
    """How the executed output differs from the page's, or None."""
    printed, result = shown(got)
    if not piece.doctest:
        assert result is None, f"the cell displayed or raised:\n{result}"
        if normalise(printed) != normalise(shown(expected)[0]):
            return f"printed:\n{printed}\nthe page shows:\n{shown(expected)[0]}"
        return None
    # A session's result is checked as the page's doctest checks it: the same flags.
    want = expected[0] if expected else None
    if want is None:
        want_text = ""
    elif want.output_type == "error":
        want_text = f"{want.ename}: {want.evalue}\n"
    elif want.output_type == "execute_result":
        want_text = want.data["text/plain"] + "\n"
    else:
        want_text = want.text
    got_text = result if result is not None else printed
    if want is not None and want.output_type == "error":
        assert result is not None and got_text == result, "the page shows an error; none was raised"
    if OutputChecker().check_output(want_text, got_text, DOCTEST_FLAGS):
        return None
    return f"got:\n{got_text}\nthe page shows:\n{want_text}"


def check_executed(
    chapter: str, pieces: list[Any], before: NotebookNode, after: NotebookNode
) -> None:
    cells_before = [cell for cell in before.cells if cell.cell_type == "code"]
    cells_after = [cell for cell in after.cells if cell.cell_type == "code"]
    assert len(cells_before) == len(cells_after) == len(pieces)
    wrong = []
    for piece, old, new in zip(pieces, cells_before, cells_after, strict=True):
        assert new.execution_count is not None, f"{chapter}.md line {piece.line}: never ran"
        problem = difference(piece, old.outputs, new.outputs)
        if problem:
            wrong.append(f"{chapter}.md, the block at line {piece.line}: {problem}\n{new.source}")
    assert not wrong, "\n\n".join(wrong)


# --- The tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_links_to_its_notebook_under_its_title(chapter: str, built_site: Path) -> None:
    lines = (DOCS / f"{chapter}.md").read_text(encoding="utf-8").splitlines()
    assert re.fullmatch(r"# \d+\. .+", lines[0])
    assert lines[1:4] == ["", hook.link_line(chapter), ""]
    html = (built_site / chapter / "index.html").read_text(encoding="utf-8")
    link = f'<a download="{chapter}.ipynb" href="../notebooks/{chapter}.ipynb">'
    assert link in html
    assert (built_site / "notebooks" / f"{chapter}.ipynb").is_file()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_built_notebook_is_the_one_made_from_the_page(chapter: str, built_site: Path) -> None:
    text = (DOCS / f"{chapter}.md").read_text(encoding="utf-8")

    def figure(path: str) -> bytes:
        return (built_site / path).read_bytes()

    made = hook.notebook_json(text, page_of(chapter), figure)
    assert made == (built_site / hook.notebook_path(chapter)).read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", RUNS)
def test_the_notebook_runs_and_shows_the_pages_outputs(
    chapter: str, built_site: Path, executed: dict[str, NotebookNode]
) -> None:
    check_executed(
        chapter, code_pieces(chapter), built_notebook(built_site, chapter), executed[chapter]
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_coding_exercise_is_an_answer_cell_then_its_check(
    chapter: str, built_site: Path
) -> None:
    text = (DOCS / f"{chapter}.md").read_text(encoding="utf-8")
    # The stubs: a block ending in check("N.M", ...) outside a folded solution.
    stubs = re.findall(r'^```python\n(?:.*\n)*?check\("([\d.]+)", \w+\)\n```$', text, re.MULTILINE)
    code = [cell for cell in built_notebook(built_site, chapter).cells if cell.cell_type == "code"]
    checks = [n for n, cell in enumerate(code) if re.search(r"^check\(", cell.source, re.MULTILINE)]
    assert [re.search(r'check\("([\d.]+)"', code[n].source)[1] for n in checks] == stubs
    for n in checks:
        assert code[n].source.endswith(")")  # as on the page: check prints, returns None
        assert [out.output_type for out in code[n].outputs] == ["stream"]
        assert "check(" not in code[n - 1].source  # the answer cell, with the stub, before it
        assert code[n].outputs[0].text.startswith(f"{code[n].source.split(chr(34))[1]} not yet")


def test_every_figure_of_the_page_is_in_its_notebook(built_site: Path) -> None:
    for chapter in CHAPTERS:
        text = (DOCS / f"{chapter}.md").read_text(encoding="utf-8")
        figures = re.findall(r"!\[[^\]]*\]\((figures/[^)]+)\)", text)
        embedded = [
            base64.b64decode(svg)
            for cell in built_notebook(built_site, chapter).cells
            for svg in re.findall(r"\]\(data:image/svg\+xml;base64,([^)]+)\)", cell.source)
        ]
        assert embedded == [(built_site / path).read_bytes() for path in figures], chapter


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def test_every_link_in_a_notebook_resolves_in_the_site(built_site: Path) -> None:
    broken = []
    for chapter in CHAPTERS:
        where = f"/{hook.notebook_path(chapter)}"
        for cell in built_notebook(built_site, chapter).cells:
            if cell.cell_type != "markdown":
                continue
            for url in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if url.startswith("data:"):
                    continue
                target = urlsplit(urljoin(where, url))
                path = built_site / unquote(target.path).lstrip("/")
                if target.path.endswith("/"):
                    path = path / "index.html"
                if not path.is_file():
                    broken.append(f"{chapter}: {url}")
                elif target.fragment:
                    parser = _Ids()
                    parser.feed(path.read_text(encoding="utf-8"))
                    if target.fragment not in parser.ids:
                        broken.append(f"{chapter}: {url} (no such anchor)")
    assert not broken, broken


def test_an_exercise_is_an_answer_cell_then_its_check(executed: dict[str, NotebookNode]) -> None:
    page = hook.Page("exercise_test", "../")
    nb = hook.notebook(exercise_page(), page, lambda path: b"")
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.source for cell in code[1:]] == [
        "import math\n\n\ndef slope(x):\n    ...  # your code here",
        'check("10.1", slope)',  # as on the page: check prints its verdict, returns None
    ]
    assert code[2].outputs[0].text == "10.1 not yet: answer(0.0) returned None\n"
    hidden = [cell.source for cell in nb.cells if "<details>" in cell.source]
    assert hidden[0].startswith("<details><summary>Hint</summary>\n\nThe slope at $x$")
    assert hidden[1].startswith("<details><summary>Solution</summary>\n\nLike this:\n\n```python\n")
    assert "```text\n9.1 correct\n```" in hidden[1]  # a solution is shown, not run
    assert hidden[2].endswith("<details><summary>Solution</summary>\n\nOne quarter.\n\n</details>")
    # The stub answers None; its check says "not yet", and the notebook runs on.
    pieces = hook.notebook_pieces(exercise_page(), page)
    code_pieces = [piece for piece in pieces if isinstance(piece, hook.Code)]
    check_executed("exercise_test", code_pieces, nb, executed["exercise_test"])


def test_the_import_of_check_goes_with_the_check() -> None:
    source = (
        "import numpy as np\n"
        "from nn_from_scratch.exercises import check\n"
        "\n\n"
        "def step(x):\n"
        "    ...  # your code here\n"
        "\n\n"
        'check("5.1", step)\n'
    )
    answer, check = hook.exercise(source)
    assert answer == "import numpy as np\n\n\ndef step(x):\n    ...  # your code here\n"
    assert check == 'from nn_from_scratch.exercises import check\n\ncheck("5.1", step)\n'
    assert hook.exercise("print(1)\n") is None
    assert hook.exercise("check(1, step)\n") is None  # an exercise's number is a string


def test_a_session_is_a_cell_per_shown_result() -> None:
    session = hook.Fence(
        "pycon",
        ">>> import math\n>>> x = 2\n>>> math.sqrt(4)\n2.0\n>>> print(x)\n2\n"
        ">>> 1 / 0\nTraceback (most recent call last):\n...\nZeroDivisionError: division by zero\n"
        ">>> y = 3\n",
        1,
    )
    cells = list(hook.session_cells(session))
    assert [cell.source for cell in cells] == [
        "import math\nx = 2\nmath.sqrt(4)\n",
        "print(x)\n",
        "1 / 0\n",
        "y = 3\n",
    ]
    assert [[output.output_type for output in cell.outputs] for cell in cells] == [
        ["execute_result"],
        ["stream"],
        ["error"],
        [],
    ]
    assert [cell.raises for cell in cells] == [False, False, True, False]
    error = cells[2].outputs[0]
    assert (error.ename, error.evalue) == ("ZeroDivisionError", "division by zero")


def test_a_link_points_to_the_page_on_the_site() -> None:
    pages = frozenset({"neuron.md", "reference/index.md", "training.md"})
    page = hook.Page("training", "../", pages=pages)
    assert page.url("neuron.md") == "../neuron/"
    assert page.url("reference/index.md") == "../reference/"
    assert page.url("#the-plan") == "../training/#the-plan"
    assert page.url("https://numpy.org/") == "https://numpy.org/"
    with pytest.raises(ValueError, match=r"nowhere\.md"):
        page.url("nowhere.md")
    online = hook.Page("training", "https://example.org/nn/")
    assert online.url("neuron.md#a") == "https://example.org/nn/neuron/#a"


def test_an_admonition_is_quoted_with_its_formulas_on_one_line() -> None:
    page = "\n".join(
        [
            '!!! note "A note"',
            "    Some text,",
            "",
            "    $$",
            "    \\begin{aligned} a &= 1 \\\\",
            "    b &= 2 \\end{aligned}",
            "    $$",
            "",
            "    ```python",
            "    print(1)",
            "    ```",
            "",
            "    ```output",
            "    1",
            "    ```",
            "",
            "    and after.",
        ]
    ).splitlines()
    made = list(hook.pieces(hook.parse(page), hook.Page("x", "../")))
    assert [type(piece).__name__ for piece in made] == ["Markdown", "Code", "Markdown"]
    assert made[0].text == (
        "> **A note**\n>\n> Some text,\n>\n"
        "> $$ \\begin{aligned} a &= 1 \\\\ b &= 2 \\end{aligned} $$"
    )
    assert made[1].source == "print(1)\n" and made[1].outputs[0].text == "1\n"
    assert made[2].text == "> and after."


def test_an_admonition_with_an_empty_title_has_none() -> None:
    page = ['!!! note ""', "    Just this."]
    made = list(hook.pieces(hook.parse(page), hook.Page("x", "../")))
    assert [piece.text for piece in made] == ["> Just this."]
