"""The checkers of chapter 7, from neurons to matrices (docs/matrices.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, function_checker


def _forward_7_2() -> Checker:
    def forward(X: Any, W1: Any, b1: Any, W2: Any, b2: Any, *, hidden: Any = np.tanh) -> Any:
        return 1 / (1 + np.exp(-(hidden(X @ W1 + b1) @ W2 + b2)))

    def case(seed: int, n: int, sizes: tuple[int, int, int]) -> tuple[Any, ...]:
        rng = np.random.default_rng(seed)
        n_in, n_hidden, n_out = sizes
        return (
            rng.normal(size=(n, n_in)),
            rng.normal(size=(n_in, n_hidden)),
            rng.normal(size=n_hidden),
            rng.normal(size=(n_hidden, n_out)),
            rng.normal(size=n_out),
        )

    return function_checker(
        "forward",
        right=forward,
        cases=lambda: [case(60, 4, (2, 3, 1)), case(61, 5, (3, 4, 2)), case(62, 1, (2, 2, 1))],
        mistakes=[
            (
                "The hidden layer uses the sigmoid: this exercise asks for tanh there.",
                lambda *a: forward(*a, hidden=lambda z: 1 / (1 + np.exp(-z))),
            ),
            (
                "The hidden layer has no activation: apply tanh to X @ W1 + b1.",
                lambda *a: forward(*a, hidden=lambda z: z),
            ),
            (
                "The biases are missing: z = a @ W + b in each layer.",
                lambda X, W1, b1, W2, b2: forward(X, W1, 0 * b1, W2, 0 * b2),
            ),
        ],
    )


def _d_tanh_7_3() -> Checker:
    # Outputs of tanh, written out: the same on every machine (tanh's last digit is not).
    outputs = np.array([-0.964028, -0.462117, 0.0, 0.291313, 0.935409])
    return function_checker(
        "d_tanh",
        right=lambda a: 1 - a**2,
        cases=lambda: [(outputs,), (np.linspace(-0.99, 0.99, 7),), (np.array([0.5]),)],
        mistakes=[
            ("That is the sigmoid's a (1 - a): tanh's is 1 - a**2.", lambda a: a * (1 - a)),
            ("That is 1 - a: square a.", lambda a: 1 - a),
            (
                "That is 1 - tanh(a)**2: the argument is already a = tanh(z), so use 1 - a**2.",
                lambda a: 1 - np.tanh(a) ** 2,
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "7.2": ("A tanh hidden layer, in matrices", _forward_7_2()),
    "7.3": ("tanh's slope from its output", _d_tanh_7_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
