"""Small helpers shared by the test files: readable ids, error patterns, snapshots.

Nothing here computes an expected value: the reference math (a sigmoid, the
notebook's network and its example numbers) lives in tests/seed_reference.py.
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np

NAN = math.nan
INF = math.inf

THOROUGH = os.environ.get("NN_THOROUGH") == "1"
"""Whether to fuzz at full length: ``NN_THOROUGH=1``, as .ci/run sets for its fuzzing step.

The README's test command has a time budget, so by default the property and fuzz
tests try an eighth of their examples (and the byte-corruption sweep a sixth of
the bytes); CI runs them again in full. The examples are derandomized either way,
so a quick run tries the first examples of the full one.
"""


def examples(full: int) -> int:
    """How many hypothesis examples a test tries: `full` when thorough, else an eighth (>= 3)."""
    return full if THOROUGH else max(3, full // 8)


def show(value: object) -> str:
    """A readable test id for a parameter value (a type or function by its name)."""
    if isinstance(value, type) or callable(value):
        return getattr(value, "__name__", type(value).__name__)
    text = " ".join(repr(value).split())
    return type(value).__name__ if " at 0x" in text or len(text) > 40 else text


def names(argument: str) -> str:
    """A pattern for an error message that names `argument` as a whole word."""
    return rf"\b{argument}\b"


def snapshot(net: Any) -> list[np.ndarray]:
    """Copies of a MatrixNetwork's weight matrices, then its bias vectors."""
    return [W.copy() for W in net.weights] + [b.copy() for b in net.biases]


def same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    """Whether two lists of arrays hold the same arrays, bit for bit, in the same order."""
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def unchanged(net: Any, before: list[np.ndarray]) -> bool:
    """Whether a MatrixNetwork still holds exactly the arrays of `snapshot` `before`."""
    return same(snapshot(net), before)


def bits(network: Any) -> list[bytes]:
    """Every parameter of a NeuralNetwork or a MatrixNetwork, as bytes: equal means unchanged."""
    if hasattr(network, "parameters"):
        return [np.float64(value).tobytes() for value in network.parameters().values()]
    return [array.tobytes() for array in snapshot(network)]


class Unshowable:
    """An object whose __repr__, __str__ and __float__ raise: a message must not call them."""

    def __repr__(self) -> str:
        raise RuntimeError("__repr__ raised")

    __str__ = __repr__

    def __float__(self) -> float:
        raise RuntimeError("__float__ raised")
