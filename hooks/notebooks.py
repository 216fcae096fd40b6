"""Each tutorial chapter as a Jupyter notebook, made from its page while the site is built.

mkdocs runs this file as a hook (see ``hooks:`` in mkdocs.yml), after
hooks/figures.py. For every page in `CHAPTERS`, `on_files` turns the page's
Markdown into a notebook and adds it to the site as ``notebooks/<page>.ipynb``,
the file the link under the page's title points to. The tests execute every
notebook and compare each code cell's output with the page's
(tests/test_notebooks.py).

The conversion has two steps:

1. `notebook_pieces` reads the page into Markdown and code cells, rewriting
   what is particular to these pages, and keeps each code cell's output:

   - a ```` ```python ```` block is a code cell; the ```` ```output ```` block
     after it becomes that cell's output, as the page shows it;
   - a ```` ```pycon ```` session becomes code cells of its source lines, one
     cell per shown result, that result being the cell's output; a line that
     raises gets the ``raises-exception`` tag, so running the notebook goes on;
   - an exercise, a block whose last statement is ``check("…", …)``, becomes
     two cells: the answer (the stub, which the reader fills in), then the
     ``check`` call, whose output is the page's "not yet";
   - a ``!!!`` admonition becomes a quoted paragraph, the code in it code cells;
     a collapsible ``???`` one (a hint, a solution) becomes a ``<details>``
     block whose code is shown, not run;
   - a figure gets a cell of its own, the SVG the build drew written into it as
     a ``data:`` address (JupyterLab shows no SVG attachment, only bitmaps);
   - a link to another page points to that page on the site.

2. `notebook` writes them as one Markdown document in jupytext's format
   (`notebook_markdown`) and hands it to jupytext's Markdown reader, which
   makes the cells (a new Markdown cell at every heading), then puts back the
   outputs, the tags and the figures, which jupytext's text formats do not
   carry, and gives every cell a fixed id, so the same page always gives the
   same bytes.

jupytext and nbformat are docs dependencies; the package never imports them.
"""

from __future__ import annotations

import ast
import base64
import doctest
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import jupytext
import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_output

# The tutorial's chapters, in order: each page gets a notebook of the same name.
CHAPTERS = (
    "activation",
    "neuron",
    "network",
    "loss",
    "gradients",
    "training",
    "matrices",
    "gradient_check",
    "bigger_problem",
    "autodiff",
    "digits",
    "regularization",
    "optimizers",
    "deeper",
    "convolution",
)
FOLDER = "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

FENCE = re.compile(r"^(?P<ticks>`{3,})(?P<language>[\w-]*)\s*$")
ADMONITION = re.compile(r'^(?P<marker>!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>.*)")?\s*$')
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
CAPTION = re.compile(r"<figcaption>(?P<caption>.*)</figcaption>")
LINK = re.compile(r"(?<=\]\()(?P<target>[^)\s]+)(?=\))")


def notebook_path(chapter: str) -> str:
    """Where a chapter's notebook is in the site, and the link under its title."""
    return f"{FOLDER}/{chapter}.ipynb"


def link_line(chapter: str) -> str:
    """The line right under a chapter's title that links to its notebook."""
    name = f"{chapter}.ipynb"
    return (
        f"[Open this chapter as a Jupyter notebook]({notebook_path(chapter)})"
        f'{{ download="{name}" }}'
    )


# --- The page, read into blocks ------------------------------------------------------------


@dataclass
class Prose:
    lines: list[str]


@dataclass
class Fence:
    language: str
    body: str  # the lines inside the fence, each ending in a newline
    line: int  # the page line of the opening fence


@dataclass
class Admonition:
    collapsible: bool
    open: bool
    title: str
    children: list[Block]


@dataclass
class Figure:
    alt: str
    src: str
    caption: str


Block = Prose | Fence | Admonition | Figure


def parse(lines: list[str], first_line: int = 1) -> list[Block]:
    """The page's lines as blocks; an admonition's indented body is parsed the same way."""
    blocks: list[Block] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            blocks.append(Prose(prose.copy()))
            prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        admonition = ADMONITION.match(line)
        if fence:
            end = i + 1
            while end < len(lines) and lines[end].rstrip() != fence["ticks"]:
                end += 1
            if end == len(lines):
                raise ValueError(f"line {first_line + i}: a code block that never ends")
            flush()
            body = "".join(f"{each}\n" for each in lines[i + 1 : end])
            blocks.append(Fence(fence["language"], body, first_line + i))
            i = end + 1
        elif admonition:
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
                end += 1
            while end > i + 1 and not lines[end - 1].strip():
                end -= 1  # blank lines after the body belong to the page, not to it
            flush()
            kind, marker = admonition["kind"], admonition["marker"]
            title = admonition["title"] if admonition["title"] is not None else kind.title()
            body = [each[4:] for each in lines[i + 1 : end]]
            children = parse(body, first_line + i + 1)
            blocks.append(Admonition(marker != "!!!", marker == "???+", title, children))
            i = end
        elif line.strip() == '<figure markdown="span">':
            end = i + 1
            while end < len(lines) and lines[end].strip() != "</figure>":
                end += 1
            inside = "\n".join(lines[i + 1 : end])
            image, caption = IMAGE.search(inside), CAPTION.search(inside)
            if not image or not caption:
                raise ValueError(f"line {first_line + i}: a figure needs an image and a caption")
            flush()
            blocks.append(Figure(image["alt"], image["src"], caption["caption"].strip()))
            i = end + 1
        else:
            prose.append(line)
            i += 1
    flush()
    return blocks


# --- The blocks, as jupytext Markdown and outputs --------------------------------------------


@dataclass
class Code:
    """One code cell: its source, and the output the page shows for it."""

    source: str
    outputs: list[NotebookNode]
    line: int  # the page line of the block it comes from
    doctest: bool = False  # from a pycon session: compare its output as the page's doctest does
    raises: bool = False  # the page shows it raising


@dataclass
class Markdown:
    text: str
    figures: tuple[str, ...] = ()  # the site paths of the figures it shows
    alone: bool = False  # a cell of its own


Piece = Code | Markdown


@dataclass
class Page:
    """What a chapter page says, in the terms of a notebook."""

    chapter: str
    site_url: str  # the site's address, or "../": relative to the notebook in the site
    directory_urls: bool = True
    pages: frozenset[str] | None = None  # every page of the site, when known: links are checked

    def url(self, target: str) -> str:
        """The address of a link target given relative to the page (``neuron.md#x``)."""
        path, _, anchor = target.partition("#")
        if "://" in path or path.startswith(("mailto:", "/")):
            return target
        if path == "":
            path = f"{posixpath.basename(self.chapter)}.md"  # a section of the page itself
        path = posixpath.normpath(posixpath.join(posixpath.dirname(f"{self.chapter}.md"), path))
        if path.endswith(".md"):
            if self.pages is not None and path not in self.pages:
                raise ValueError(f"{self.chapter}.md: a link to {target}, which is no page")
            stem = path.removesuffix(".md")
            if self.directory_urls:
                path = stem.removesuffix("index") if stem.endswith("index") else f"{stem}/"
            else:
                path = f"{stem}.html"
        return self.site_url + path + (f"#{anchor}" if anchor else "")


def links_to_site(text: str, page: Page) -> str:
    return LINK.sub(lambda match: page.url(match["target"]), text)


def is_blank(block: Block) -> bool:
    return isinstance(block, Prose) and not "".join(block.lines).strip()


def following_output(blocks: list[Block], index: int) -> tuple[str | None, int]:
    """The ```output block right after blocks[index] (only blank lines between), if any."""
    after = index + 1
    if after < len(blocks) and is_blank(blocks[after]):
        after += 1
    if after < len(blocks):
        block = blocks[after]
        if isinstance(block, Fence) and block.language == "output":
            return block.body, after + 1
    return None, index + 1


def stdout(text: str) -> list[NotebookNode]:
    return [new_output("stream", name="stdout", text=text)] if text else []


def quiet(source: str) -> str:
    """The source with a ``;`` after a last bare expression (not a print), as a script shows.

    A script prints nothing for a value left on its own line, such as
    ``net.feed_forward(x)``; a notebook would show it. The ``;`` keeps the
    cell's output the page's. (An exercise's ``check(...)`` cell needs none:
    ``check`` prints its verdict and returns None.)
    """
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr) or last.end_lineno is None or last.end_col_offset is None:
        return source
    call = last.value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
        return source
    lines = source.splitlines(keepends=True)
    row = lines[last.end_lineno - 1]
    column = len(row.encode()[: last.end_col_offset].decode())
    lines[last.end_lineno - 1] = row[:column] + ";" + row[column:]
    return "".join(lines)


def is_check_import(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.ImportFrom)
        and node.module == "nn_from_scratch.exercises"
        and [alias.name for alias in node.names] == ["check"]
    )


def exercise(source: str) -> tuple[str, str] | None:
    """An exercise's block as (answer, check): its last statement is ``check("…", …)``.

    The import of ``check`` goes with the check, so the answer cell holds only
    what the reader writes.
    """
    tree = ast.parse(source)
    if not tree.body:
        return None
    last = tree.body[-1]
    if not (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Name)
        and last.value.func.id == "check"
        and last.value.args
        and isinstance(last.value.args[0], ast.Constant)
        and isinstance(last.value.args[0].value, str)
    ):
        return None
    lines = source.splitlines(keepends=True)
    imports = [node for node in tree.body[:-1] if is_check_import(node)]
    taken = {row for node in imports for row in range(node.lineno - 1, node.end_lineno or 0)}
    answer = "".join(row for n, row in enumerate(lines[: last.lineno - 1]) if n not in taken)
    check = "".join(lines[row] for row in sorted(taken))
    check += ("\n" if check else "") + "".join(lines[last.lineno - 1 :])
    return answer.strip("\n") + "\n", check


def session_cells(fence: Fence) -> Iterator[Code]:
    """A pycon session as code cells: statements up to and with each shown result."""
    examples = doctest.DocTestParser().get_examples(fence.body)
    source = ""
    for example in examples:
        source += example.source
        if not example.want:
            continue
        if example.exc_msg is not None:
            name, _, value = example.exc_msg.strip().partition(":")
            output = new_output(
                "error", ename=name, evalue=value.strip(), traceback=example.want.splitlines()
            )
        elif is_print(example.source):
            output = new_output("stream", name="stdout", text=example.want)
        else:
            output = new_output(
                "execute_result",
                data={"text/plain": example.want.rstrip("\n")},
                execution_count=None,
            )
        raises = example.exc_msg is not None
        yield Code(source, [output], fence.line, doctest=True, raises=raises)
        source = ""
    if source:
        yield Code(source, [], fence.line, doctest=True)


def is_print(source: str) -> bool:
    statement = ast.parse(source).body[-1]
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "print"
    )


def pieces(blocks: list[Block], page: Page) -> Iterator[Piece]:
    """The blocks as notebook pieces: code cells, and Markdown for everything else."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if isinstance(block, Prose):
            text = links_to_site("\n".join(block.lines), page)
            if text.strip():
                yield Markdown(text.strip("\n"))
        elif isinstance(block, Figure):
            text = f"![{block.alt}]({block.src})\n\n*{block.caption}*"
            yield Markdown(text, (block.src,), alone=True)
        elif isinstance(block, Admonition) and block.collapsible:
            yield details(block, page)
        elif isinstance(block, Admonition):
            yield from admonition(block, page)
        elif block.language == "python":
            output, index = following_output(blocks, index - 1)
            split = exercise(block.body)
            if split:
                answer, check = split
                yield Code(answer, [], block.line)
                yield Code(check, stdout(output or ""), block.line)  # check returns None
            else:
                yield Code(quiet(block.body), stdout(output or ""), block.line)
        elif block.language == "pycon":
            yield from session_cells(block)
        else:
            language = "text" if block.language == "output" else block.language
            yield Markdown(f"```{language}\n{block.body}```")


def admonition(block: Admonition, page: Page) -> Iterator[Piece]:
    """A ``!!!`` admonition: its title and text quoted, its code as code cells."""
    run = [Markdown(f"**{block.title}**")] if block.title else []  # "" means no title
    for piece in pieces(block.children, page):
        if isinstance(piece, Markdown):
            run.append(piece)
            continue
        if run:
            yield quoted(run)
            run = []
        yield piece
    if run:
        yield quoted(run)


def quoted(run: list[Markdown]) -> Markdown:
    """Markdown pieces as one block quote, each display formula on one line.

    A formula spread over quoted lines would carry the quote's ``>`` into the
    math, since Jupyter takes the math out before it reads the Markdown.
    """
    lines: list[str] = []
    formula: list[str] | None = None
    for line in "\n\n".join(piece.text for piece in run).splitlines():
        if line.strip() == "$$":
            if formula is None:
                formula = []
                continue
            lines.append("$$ " + " ".join(formula) + " $$")
            formula = None
        elif formula is not None:
            formula.append(line.strip())
        else:
            lines.append(line)
    figures = tuple(path for piece in run for path in piece.figures)
    return Markdown("\n".join(f"> {line}".rstrip() for line in lines), figures)


def details(block: Admonition, page: Page) -> Markdown:
    """A collapsible admonition as HTML ``<details>``: shown on a click, its code not run."""
    inside: list[str] = []
    figures: list[str] = []
    for child in markdown_only(block.children, page):
        inside.append(child.text)
        figures.extend(child.figures)
    title = re.sub(r"`([^`]+)`", r"<code>\1</code>", block.title)
    opening = "<details open>" if block.open else "<details>"
    body = "\n\n".join(inside)
    text = f"{opening}<summary>{title}</summary>\n\n{body}\n\n</details>"
    return Markdown(text, tuple(figures))


def markdown_only(blocks: list[Block], page: Page) -> Iterator[Markdown]:
    """Blocks as Markdown alone: code shown as code, as in a solution."""
    for block in blocks:
        if isinstance(block, Admonition):
            if block.collapsible:
                yield details(block, page)
                continue
            if block.title:
                yield Markdown(f"**{block.title}**")
            yield from markdown_only(block.children, page)
        elif isinstance(block, Fence):
            language = "text" if block.language == "output" else block.language
            yield Markdown(f"```{language}\n{block.body}```")
        else:
            for piece in pieces([block], page):
                assert isinstance(piece, Markdown)
                yield piece


def intro(chapter: str, title: str, page: Page) -> Markdown:
    number = title.split(".")[0].lstrip("# ")
    return Markdown(
        f"*Chapter {number} of the nn_from_scratch tutorial, as a notebook made from "
        f"[its page]({page.url(f'{chapter}.md')}). Run the cells from top to bottom, "
        "in a Python with `nn_from_scratch` installed. Until you run a cell, its output "
        "is the one the page shows.*"
    )


def notebook_pieces(text: str, page: Page) -> list[Piece]:
    """The chapter page's Markdown as the pieces of its notebook."""
    lines = text.splitlines()
    chapter = page.chapter
    if not lines or not re.match(r"^# \d+\. ", lines[0]):
        raise ValueError(f"{chapter}.md should start with its title, '# N. Title'")
    wanted = link_line(chapter)
    if len(lines) < 3 or lines[1].strip() or lines[2] != wanted:
        raise ValueError(f"{chapter}.md: the line under the title should be\n{wanted}")
    title = Markdown(lines[0])
    return [title, intro(chapter, lines[0], page), *pieces(parse(lines[3:], 4), page)]


# --- The notebook ------------------------------------------------------------------------------


def notebook_markdown(found: list[Piece]) -> str:
    """The pieces as one Markdown document in jupytext's format.

    A Markdown piece that holds a fenced block is put in a jupytext region, so
    that jupytext keeps the block as Markdown instead of making it a code cell;
    so is a piece that is a cell of its own.
    """
    parts = []
    for piece in found:
        if isinstance(piece, Code):
            parts.append(f"```python\n{piece.source.rstrip()}\n```")
        elif piece.alone or re.search(r"^\s*```", piece.text, re.MULTILINE):
            parts.append(f"<!-- #region -->\n{piece.text}\n<!-- #endregion -->")
        else:
            parts.append(piece.text)
    return "\n\n".join(parts) + "\n"


def notebook(text: str, page: Page, figure: Callable[[str], bytes]) -> NotebookNode:
    """The chapter page's Markdown as a notebook; `figure` gives a figure's SVG by site path."""
    found = notebook_pieces(text, page)
    fmt = {"extension": ".md", "format_name": "markdown", "split_at_heading": True}
    nb = jupytext.reads(notebook_markdown(found), fmt=fmt)
    code = [piece for piece in found if isinstance(piece, Code)]
    figures = {path for piece in found if isinstance(piece, Markdown) for path in piece.figures}
    cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    if len(cells) != len(code):
        raise ValueError(f"{page.chapter}: jupytext made {len(cells)} code cells of {len(code)}")
    for cell, piece in zip(cells, code, strict=True):
        if cell.source != piece.source.rstrip():
            raise ValueError(f"{page.chapter}.md line {piece.line}: jupytext changed the code")
        cell.outputs = piece.outputs
        cell.metadata = {"tags": ["raises-exception"]} if piece.raises else {}
    for number, cell in enumerate(nb.cells):
        cell.id = f"{page.chapter}-{number}"
        if cell.cell_type == "markdown":
            cell.metadata = {}
            for path in sorted(figures):
                if f"]({path})" in cell.source:
                    svg = base64.b64encode(figure(path)).decode("ascii")
                    cell.source = cell.source.replace(
                        f"]({path})", f"](data:image/svg+xml;base64,{svg})"
                    )
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def notebook_json(text: str, page: Page, figure: Callable[[str], bytes]) -> str:
    return nbformat.writes(notebook(text, page, figure))


def chapter_notebooks(
    read: Callable[[str], str | None],
    figure: Callable[[str], bytes],
    site_url: str,
    directory_urls: bool,
    pages: frozenset[str],
) -> dict[str, str]:
    """Every chapter's notebook (its JSON text) by its path in the site.

    `read` gives a page's Markdown by its path in the docs folder (None if there
    is no such page), `figure` a figure's SVG by its path in the site; `pages`
    are the site's pages, which links are checked against.
    """
    made = {}
    for chapter in CHAPTERS:
        text = read(f"{chapter}.md")
        if text is None:
            raise ValueError(f"hooks/notebooks.py: no page {chapter}.md for its notebook")
        page = Page(chapter, site_url, directory_urls, pages)
        made[notebook_path(chapter)] = notebook_json(text, page, figure)
    return made


def on_files(files: Any, config: Any) -> Any:
    """mkdocs hook: add every chapter's notebook to the site's files.

    Runs after hooks/figures.py's, so the figures are among the files. A copy
    that ``python -m hooks.generate`` wrote into the docs folder is replaced.
    """
    from mkdocs.structure.files import File

    def read(path: str) -> str | None:
        source = files.get_file_from_path(path)
        return None if source is None else str(source.content_string)

    def figure(path: str) -> bytes:
        drawn = files.get_file_from_path(path)
        if drawn is None:
            raise ValueError(f"hooks/notebooks.py: no figure {path} (see hooks/figures.py)")
        content: bytes = drawn.content_bytes
        return content

    pages = frozenset(file.src_uri for file in files.documentation_pages())
    site_url = config["site_url"] or "../"
    made = chapter_notebooks(read, figure, site_url, config["use_directory_urls"], pages)
    for path, content in made.items():
        if (written := files.get_file_from_path(path)) is not None:
            files.remove(written)
        files.append(File.generated(config, path, content=content))
    return files
