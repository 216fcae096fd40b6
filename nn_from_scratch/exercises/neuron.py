"""The checkers of chapter 2, a neuron (docs/neuron.md)."""

from __future__ import annotations

import numpy as np

from ..activation import sigmoid
from .common import Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _neuron_output_2_2() -> Checker:
    def right(weights: list[float], bias: float, inputs: list[float]) -> float:
        return f(float(np.sum(np.multiply(weights, inputs))) + bias)

    rng = np.random.default_rng(22)
    random_cases = [
        (rng.normal(size=3).round(3).tolist(), round(float(rng.normal()), 3), [1.0, -2.0, 0.5])
        for _ in range(4)
    ]
    return function_checker(
        "neuron_output",
        right=right,
        cases=lambda: (
            [([1.0, -1.0], 0.5, [3.0, 1.0]), ([0.0, 1.0], 4.0, [2.0, 3.0])]
            + [(list(w), b, list(x)) for w, b, x in random_cases]
        ),
        mistakes=[
            (
                "The bias is missing: add it to the total.",
                lambda w, b, x: f(float(np.sum(np.multiply(w, x)))),
            ),
            (
                "That is the total itself: pass it through the sigmoid.",
                lambda w, b, x: float(np.sum(np.multiply(w, x))) + b,
            ),
            (
                "The bias is added after the sigmoid: it belongs inside, f(w . x + b).",
                lambda w, b, x: f(float(np.sum(np.multiply(w, x)))) + b,
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "2.2": ("One neuron, from scratch", _neuron_output_2_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
