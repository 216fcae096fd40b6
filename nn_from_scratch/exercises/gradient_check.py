"""The checkers of chapter 8, checking gradients (docs/gradient_check.md)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..activation import Activation
from ..gradient_check import check_gradients
from ..matrix import MatrixNetwork
from .common import Checker, function_checker, show


def _shifted_sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z)) - 0.5


SUSPECTS: dict[str, Activation] = {
    "scaled_tanh": Activation("scaled_tanh", lambda z: 2 * np.tanh(z), lambda a: 2 - a**2 / 2),
    "softplus": Activation("softplus", lambda z: np.log1p(np.exp(z)), lambda a: 1 - np.exp(-a)),
    "shifted_sigmoid": Activation("shifted_sigmoid", _shifted_sigmoid, lambda a: a * (1 - a)),
}
"""Three activation functions for exercise 8.2, each beside its derivative, written from its
output ``a``; one of the derivatives is wrong."""


def _spot_the_bug_8_2(answer: Any) -> tuple[bool, str]:
    if not (isinstance(answer, str) and answer in SUSPECTS):
        return False, f"answer with one of the names {sorted(SUSPECTS)}, got {show(answer)}"
    net = MatrixNetwork.random([2, 3, 1], [SUSPECTS[answer], "sigmoid"], rng=0)
    X, Y = np.array([[0.5, -1.0], [1.5, 2.0]]), [1.0, 0.0]
    error = check_gradients(net, X, Y)
    if error < 1e-6:
        return False, (
            f"{answer}'s derivative agrees with finite differences "
            f"(check_gradients gives {error:.0e}): look at the other two."
        )
    return True, f"{answer}'s derivative is wrong: check_gradients gives {error:.2f}."


def _central_difference_8_3() -> Checker:
    def cube(x: float) -> float:
        return x**3

    return function_checker(
        "central_difference",
        right=lambda g, x, eps: (g(x + eps) - g(x - eps)) / (2 * eps),
        cases=lambda: [(cube, 2.0, 0.1), (math.sin, 1.0, 1e-3), (math.exp, -0.5, 1e-4)],
        mistakes=[
            (
                "That is the one-sided difference (f(x + eps) - f(x)) / eps: use both sides.",
                lambda g, x, eps: (g(x + eps) - g(x)) / eps,
            ),
            (
                "The points are 2 eps apart: divide by 2 * eps, not eps.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / eps,
            ),
            (
                "The sign is flipped: it is f(x + eps) - f(x - eps).",
                lambda g, x, eps: (g(x - eps) - g(x + eps)) / (2 * eps),
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "8.2": ("Spot the wrong derivative", _spot_the_bug_8_2),
    "8.3": ("A central difference", _central_difference_8_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
