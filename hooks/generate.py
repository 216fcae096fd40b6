"""The site's generated files, written into the docs folder for a generator that runs no hooks.

MkDocs draws the figures (hooks/figures.py), makes each chapter's notebook
(hooks/notebooks.py) and builds the package's wheel (hooks/download.py) through
its hooks, while it builds. Zensical reads the same mkdocs.yml but runs no hooks,
so this step writes the same files, byte for byte, into the docs folder first,
where Zensical serves them as they are::

    python -m hooks.generate      # or -f another.yml; then: zensical build

They go to ``figures/``, ``notebooks/`` and ``download/`` in the docs folder,
which git ignores. An MkDocs build draws its own and puts them in place of these copies,
so ``mkdocs serve`` keeps drawing live. tests/test_zensical.py runs this step
and checks that both builds serve the same bytes.

Only the settings the hooks read come from the config file (``docs_dir``,
``site_url``, ``use_directory_urls``, ``exclude_docs``, through ``INHERIT``),
read with PyYAML, which both generators install; MkDocs is not needed.
"""

from __future__ import annotations

import argparse
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml

from hooks import download, figures, notebooks


def settings(config: Path) -> dict[str, Any]:
    """The config file's top-level settings over those of the file it INHERITs, if any."""
    own: dict[str, Any] = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    parent = own.pop("INHERIT", None)
    return {**settings(config.parent / parent), **own} if parent else own


def documentation_pages(docs: Path, exclude_docs: str | None) -> frozenset[str]:
    """Every Markdown page in the docs folder, as MkDocs lists them, less those excluded.

    As MkDocs does, a file or folder whose name starts with a dot is left out;
    ``exclude_docs`` is read as one path or glob a line (all this site uses of
    its gitignore syntax).
    """
    lines = (line.strip().lstrip("/") for line in (exclude_docs or "").splitlines())
    excluded = [line for line in lines if line]
    found = (path.relative_to(docs) for path in docs.rglob("*.md"))
    pages = {path.as_posix() for path in found if not any(p.startswith(".") for p in path.parts)}
    return frozenset(page for page in pages if not any(fnmatch(page, x) for x in excluded))


def generate(config: Path) -> list[Path]:
    """Write every figure, every chapter's notebook and the wheel into the docs folder.

    Returns the files written.
    """
    found = settings(config)
    docs = config.parent / found.get("docs_dir", "docs")
    svgs = figures.draw_all()

    def read(path: str) -> str | None:
        page = docs / path
        return page.read_text(encoding="utf-8-sig") if page.is_file() else None  # as MkDocs reads

    def figure(path: str) -> bytes:
        if path not in svgs:
            raise ValueError(f"hooks/generate.py: no figure {path} (see hooks/figures.py)")
        return svgs[path].encode("utf-8")

    made = notebooks.chapter_notebooks(
        read,
        figure,
        found.get("site_url") or "../",
        found.get("use_directory_urls", True),
        documentation_pages(docs, found.get("exclude_docs")),
    )
    # The bytes MkDocs writes for the same text.
    contents = {path: text.encode("utf-8") for path, text in {**svgs, **made}.items()}
    contents[download.wheel_path(config.parent)] = download.wheel(config.parent)
    written = []
    for path, content in contents.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m hooks.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    config = parser.parse_args(argv).config_file
    written = generate(config)
    print(f"wrote {len(written)} files: {', '.join(sorted({str(p.parent) for p in written}))}")


if __name__ == "__main__":
    main()
