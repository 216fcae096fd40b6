"""The checkers of chapter 2, a neuron (docs/neuron.md)."""

from __future__ import annotations

import math

import numpy as np

from ..activation import sigmoid
from .common import CARET, Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _weighed(weights: list[float], inputs: list[float]) -> float:
    """The weighted sum of the inputs, without the bias: w1 x1 + w2 x2 + ..."""
    return float(np.sum(np.multiply(weights, inputs)))


def _neuron_output_2_2() -> Checker:
    def right(weights: list[float], bias: float, inputs: list[float]) -> float:
        return f(_weighed(weights, inputs) + bias)

    rng = np.random.default_rng(22)
    random_cases = [
        (rng.normal(size=3).round(3).tolist(), round(float(rng.normal()), 3), [1.0, -2.0, 0.5])
        for _ in range(4)
    ]
    once_per_input = (
        "The bias is added once per input: start the total at the bias, and add only "
        "w * x in the loop."
    )
    return function_checker(
        "neuron_output",
        right=right,
        cases=lambda: (
            [([1.0, -1.0], 0.5, [3.0, 1.0]), ([0.0, 1.0], 4.0, [2.0, 3.0])]
            + [(list(w), b, list(x)) for w, b, x in random_cases]
        ),
        mistakes=[
            ("The bias is missing: add it to the total.", lambda w, b, x: f(_weighed(w, x))),
            (
                once_per_input,
                lambda w, b, x: f(_weighed(w, x) + len(w) * b),
            ),
            (
                once_per_input,
                lambda w, b, x: f(_weighed(w, x) + (len(w) + 1) * b),  # and the start too
            ),
            (
                "That is the total itself: pass it through the sigmoid.",
                lambda w, b, x: _weighed(w, x) + b,
            ),
            (
                "That is f(-total): the sigmoid is 1 / (1 + exp(-total)), with a minus.",
                lambda w, b, x: f(-(_weighed(w, x) + b)),
            ),
            (
                "That is 1 / (1 - exp(-total)): the sigmoid has a plus, 1 / (1 + exp(-total)).",
                lambda w, b, x: 1 / (1 - math.exp(-(_weighed(w, x) + b))),
            ),
            (
                "The last input is left out: go through every pair, with "
                "zip(weights, inputs) or range(len(weights)).",
                lambda w, b, x: f(_weighed(w[:-1], x[:-1]) + b),
            ),
            (
                "The bias is added after the sigmoid: it belongs inside, f(w . x + b).",
                lambda w, b, x: f(_weighed(w, x)) + b,
            ),
            (
                "That is 1 + exp(-total): Python divides before it adds, so "
                "1 / 1 + exp(-total) is 1 + exp(-total). Put brackets round the bottom: "
                "1 / (1 + exp(-total)).",
                lambda w, b, x: 1 + math.exp(-(_weighed(w, x) + b)),
            ),
            (
                "Each weight is added to its input: weigh the input by multiplying, w * x.",
                lambda w, b, x: f(sum(w) + sum(x) + b),
            ),
            (
                "Each input is multiplied by itself: multiply it by its weight, w * x.",
                lambda w, b, x: f(_weighed(x, x) + b),
            ),
            (
                "The inputs are missing: that adds up the weights alone. Add w * x for each pair.",
                lambda w, b, x: f(sum(w) + b),
            ),
            (
                "The weights are missing: that adds up the inputs alone. Add w * x for each pair.",
                lambda w, b, x: f(sum(x) + b),
            ),
        ],
        errors=CARET,
        paste=True,
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "2.2": ("One neuron, from scratch", _neuron_output_2_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
