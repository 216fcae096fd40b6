"""Code quoted inline in chapters 5 and 6 is code that runs and computes what it says.

Chapter 5 sets each link of the chain rule beside a line of Python (its link
tables), then shows backpropagation as a block that is `training.backprop` line
for line; chapter 6 quotes the node slopes of the reader's own loop and the
update rule. Inline code is not a runnable block, so this test holds it to
independent facts instead: the link tables, run as a program, give the nine
slopes that finite differences of the original notebook's loss give; the
backward block is the package's; every other quoted line is a line of
training.py or of a block on the page, which the docs tests run.
"""

from __future__ import annotations

import inspect
import math
import re
from pathlib import Path

import numpy as np
import pytest

from nn_from_scratch import NeuralNetwork, training
from tests.seed_reference import SEED_NAMES, loss_slopes, seed_start

DOCS = Path(__file__).resolve().parent.parent / "docs"
GRADIENTS, TRAINING = DOCS / "gradients.md", DOCS / "training.md"
CHAPTERS = [GRADIENTS, TRAINING]
SOURCE_LINES = {line.strip() for line in inspect.getsource(training).splitlines()}
SOURCE_NAMES = set(re.findall(r"\w+", inspect.getsource(training)))


def blocks(chapter: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", chapter.read_text(), re.S)


BLOCK_LINES = {
    line.strip() for chapter in CHAPTERS for b in blocks(chapter) for line in b.splitlines()
}
# Names the chapters' own code blocks define, such as chapter 6's hand-written loop.
PAGE_NAMES = {
    name
    for chapter in CHAPTERS
    for block in blocks(chapter)
    for name in re.findall(r"^\s*(\w+) = ", block, re.M)
}


def quotes(chapter: Path) -> list[str]:
    """Inline code that mentions a derivative's name (d_..._d_...)."""
    return [
        quote
        for quote in re.findall(r"`([^`\n]+)`", chapter.read_text())
        if re.search(r"\bd_\w+_d\b", quote) or re.search(r"\bd_\w+_d_\w+", quote)
    ]


# Chapter 5's link tables: the rows' code, in page order.
TABLE_LINES = re.findall(r"^\|.*\| `(d_\w+ = [^`]+)` \|$", GRADIENTS.read_text(), re.M)
NAMES = [q for chapter in CHAPTERS for q in quotes(chapter) if re.fullmatch(r"\w+", q)]
# A whole chain written with the tables' links, such as d_L_d_w1's.
CHAIN = r"d_L_d_(\w+) = d_L_d_ypred( \* d_\w+)+"
CHAINS = [q for q in quotes(GRADIENTS) if re.fullmatch(CHAIN, q)]
OTHER_LINES = [
    q
    for chapter in CHAPTERS
    for q in quotes(chapter)
    if q not in NAMES and q not in TABLE_LINES and q not in CHAINS
]


def table_slopes(params: dict[str, float], x1: float, x2: float, y_true: float) -> dict[str, float]:
    """The nine chains of chapter 5, each the product of the table's links."""

    def f(total: float) -> float:
        return 1 / (1 + math.exp(-total))

    p = params
    h1 = f(p["w1"] * x1 + p["w2"] * x2 + p["b1"])
    h2 = f(p["w3"] * x1 + p["w4"] * x2 + p["b2"])
    o1 = f(p["w5"] * h1 + p["w6"] * h2 + p["b3"])
    names = {"network": NeuralNetwork(**params), "x1": x1, "x2": x2, "y_true": y_true}
    names |= {"h1": h1, "h2": h2, "o1": o1, "y_pred": o1}
    for line in TABLE_LINES + CHAINS:
        exec(line, {}, names)  # one link (or a chain of them), as the page writes it
    n = names
    for chain in CHAINS:  # the page's chains are the products of their links
        name = re.fullmatch(CHAIN, chain).group(1)  # type: ignore[union-attr]
        assert n[f"d_L_d_{name}"] == pytest.approx(n["d_L_d_ypred"] * product(chain, n))
    return {
        "w1": n["d_L_d_ypred"] * n["d_ypred_d_h1"] * n["d_h1_d_w1"],
        "w2": n["d_L_d_ypred"] * n["d_ypred_d_h1"] * n["d_h1_d_w2"],
        "w3": n["d_L_d_ypred"] * n["d_ypred_d_h2"] * n["d_h2_d_w3"],
        "w4": n["d_L_d_ypred"] * n["d_ypred_d_h2"] * n["d_h2_d_w4"],
        "w5": n["d_L_d_ypred"] * n["d_ypred_d_w5"],
        "w6": n["d_L_d_ypred"] * n["d_ypred_d_w6"],
        "b1": n["d_L_d_ypred"] * n["d_ypred_d_h1"] * n["d_h1_d_b1"],
        "b2": n["d_L_d_ypred"] * n["d_ypred_d_h2"] * n["d_h2_d_b2"],
        "b3": n["d_L_d_ypred"] * n["d_ypred_d_b3"],
    }


def product(chain: str, names: dict[str, object]) -> float:
    """The chain's links after dL/dy_pred, multiplied."""
    result = 1.0
    for link in re.findall(r"\* (d_\w+)", chain):
        result *= names[link]  # type: ignore[operator]
    return result


def test_the_tables_write_every_link() -> None:
    # Link 1 (1) + the output neuron's links (6) + each hidden neuron's (4 + 4).
    assert len(TABLE_LINES) == 15


@pytest.mark.parametrize("seed", [42, 0, 1, 2])
def test_the_tables_links_multiply_to_the_slopes_finite_differences_measure(seed: int) -> None:
    params = seed_start(seed)
    for (x1, x2), y_true in [((-2.0, -1.0), 1.0), ((25.0, 6.0), 0.0), ((0.5, -0.3), 1.0)]:
        measured = loss_slopes(params, [x1, x2], y_true)
        written = table_slopes(params, x1, x2, y_true)
        for name in SEED_NAMES:
            assert written[name] == pytest.approx(measured[name], rel=1e-5, abs=1e-9), name


def test_the_pages_backward_pass_is_the_packages_backprop() -> None:
    [page] = [b for b in blocks(GRADIENTS) if "d_L_d_sum_h2 = " in b]
    source = inspect.getsource(training.backprop).replace("network.", "")
    package = [line.strip() for line in source.splitlines() if re.match(r"\s*d_L_d_\w+ = ", line)]
    shown = [line.strip() for line in page.splitlines() if re.match(r"d_L_d_\w+ = ", line)]
    assert shown == package
    assert len(shown) == 15  # each node's slope once, then what each parameter multiplies


@pytest.mark.parametrize("quote", OTHER_LINES)
def test_quoted_line_is_a_line_of_training_py_or_of_a_block_on_the_page(quote: str) -> None:
    assert quote in SOURCE_LINES or quote in BLOCK_LINES


@pytest.mark.parametrize("name", NAMES)
def test_quoted_name_is_a_name_in_training_py(name: str) -> None:
    assert name in SOURCE_NAMES or name in PAGE_NAMES or any(name in t for t in TABLE_LINES)


def test_every_quote_is_checked_somewhere() -> None:
    assert NAMES and OTHER_LINES and CHAINS
    assert np.all([line in GRADIENTS.read_text() for line in TABLE_LINES])
