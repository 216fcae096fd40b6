"""The checkers of chapter 7, from neurons to matrices (docs/matrices.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, named_checker


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _forward_7_2() -> Checker:
    def forward(
        X: Any,
        W1: Any,
        b1: Any,
        W2: Any,
        b2: Any,
        *,
        hidden: Any = np.tanh,
        output: Any = _sigmoid,
    ) -> Any:
        return output(hidden(X @ W1 + b1) @ W2 + b2)

    def case(seed: int, n: int, sizes: tuple[int, int, int]) -> tuple[Any, ...]:
        # One decimal each, so that the failing case prints short enough to paste.
        rng = np.random.default_rng(seed)
        n_in, n_hidden, n_out = sizes
        shapes = [(n, n_in), (n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
        return tuple(rng.normal(size=shape).round(1) for shape in shapes)

    def hidden_bias_after(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
        return _sigmoid((np.tanh(X @ W1) + b1) @ W2 + b2)

    return named_checker(
        "forward",
        right=forward,
        cases=lambda: [case(60, 4, (2, 3, 1)), case(61, 5, (3, 4, 2)), case(62, 1, (2, 2, 1))],
        mistakes=[
            (
                "The hidden layer uses the sigmoid: this exercise asks for tanh there, "
                "H = np.tanh(X @ W1 + b1).",
                lambda *a: forward(*a, hidden=_sigmoid),
            ),
            (
                "The hidden layer has no activation: H = np.tanh(X @ W1 + b1).",
                lambda *a: forward(*a, hidden=lambda z: z),
            ),
            (
                "The output layer has no sigmoid: P = f(H @ W2 + b2), "
                "with f(z) = 1 / (1 + np.exp(-z)).",
                lambda *a: forward(*a, output=lambda z: z),
            ),
            (
                "The output layer uses tanh: tanh belongs in the hidden layer, "
                "the sigmoid at the output, P = 1 / (1 + np.exp(-(H @ W2 + b2))).",
                lambda *a: forward(*a, output=np.tanh),
            ),
            (
                "The sigmoid's minus is missing: it is 1 / (1 + np.exp(-z)), with z = H @ W2 + b2.",
                lambda *a: forward(*a, output=lambda z: 1 / (1 + np.exp(z))),
            ),
            (
                "Python reads 1 / 1 + np.exp(-z) as (1 / 1) + np.exp(-z): put the sum in "
                "parentheses, 1 / (1 + np.exp(-z)).",
                lambda *a: forward(*a, output=lambda z: 1 + np.exp(-z)),
            ),
            (
                "The minus covers only H @ W2: np.exp(-H @ W2 + b2) adds b2 back; negate the "
                "whole total, np.exp(-(H @ W2 + b2)).",
                lambda X, W1, b1, W2, b2: _sigmoid(np.tanh(X @ W1 + b1) @ W2 - b2),
            ),
            (
                "The biases are missing: z = a @ W + b in each layer, X @ W1 + b1 and H @ W2 + b2.",
                lambda X, W1, b1, W2, b2: forward(X, W1, 0 * b1, W2, 0 * b2),
            ),
            (
                "The hidden layer's bias is missing: H = np.tanh(X @ W1 + b1).",
                lambda X, W1, b1, W2, b2: forward(X, W1, 0 * b1, W2, b2),
            ),
            (
                "The output layer's bias is missing: P = f(H @ W2 + b2).",
                lambda X, W1, b1, W2, b2: forward(X, W1, b1, W2, 0 * b2),
            ),
            (
                "That is the hidden layer's output H: pass it through the output layer too, "
                "P = f(H @ W2 + b2).",
                lambda X, W1, b1, W2, b2: np.tanh(X @ W1 + b1),
            ),
            (
                "b1 is added after tanh: it belongs inside, H = np.tanh(X @ W1 + b1).",
                hidden_bias_after,
            ),
        ],
        errors={
            "to Python scalar": "math.exp and math.tanh take one number: use np.exp and "
            "np.tanh, which work on a whole array.",
            "could not be broadcast": "The shapes do not fit: a layer is X @ W1 + b1, one "
            "row per sample (not a transpose such as W1.T @ X.T, and not *, which multiplies "
            "element by element), then H @ W2 + b2.",
            "matmul": "The shapes do not fit: X (samples, inputs) @ W1 (inputs, hidden), "
            "in that order, then H @ W2.",
            "bitwise_xor": "^ is not a power in Python: write ** (or use np.exp).",
        },
        names=("X", "W1", "b1", "W2", "b2"),
    )


def _d_tanh_7_3() -> Checker:
    # Outputs of tanh, written out: the same on every machine (tanh's last digit is not).
    outputs = np.array([-0.964028, -0.462117, 0.0, 0.291313, 0.935409])
    spread = np.array([-0.99, -0.66, -0.33, 0.0, 0.33, 0.66, 0.99])
    return named_checker(
        "d_tanh",
        right=lambda a: 1 - a**2,
        cases=lambda: [(outputs,), (spread,), (np.array([0.5]),)],
        mistakes=[
            ("That is the sigmoid's a (1 - a): tanh's is 1 - a**2.", lambda a: a * (1 - a)),
            ("That is 1 - a: square a, 1 - a**2.", lambda a: 1 - a),
            ("That is 1 + a**2: subtract, 1 - a**2.", lambda a: 1 + a**2),
            (
                "That is twice the slope: the slope is 1 - a**2, with no factor 2.",
                lambda a: 2 * (1 - a**2),
            ),
            (
                "That is half the slope: the chain rule gives 2 * f'(2z) * 2, both 2s, "
                "so the slope is 1 - a**2.",
                lambda a: (1 - a**2) / 2,
            ),
            (
                "That is a quarter of the slope: 2 * f'(2z) * 2 keeps the 4, and "
                "4 * (1 + a) / 2 * (1 - a) / 2 = 1 - a**2.",
                lambda a: (1 + a) * (1 - a) / 4,
            ),
            (
                "That is 1 - tanh(a)**2: the argument is already a = tanh(z), so use 1 - a**2.",
                lambda a: 1 - np.tanh(a) ** 2,
            ),
            (
                "The sign is flipped: that is a**2 - 1; the slope is 1 - a**2, never negative.",
                lambda a: a**2 - 1,
            ),
            ("That is (1 - a)**2: square a alone, 1 - a**2.", lambda a: (1 - a) ** 2),
            ("a * 2 doubles a: a**2 squares it, 1 - a**2.", lambda a: 1 - a * 2),
            (
                "That is -2 a, the slope of 1 - a**2 itself: tanh's slope is 1 - a**2, "
                "nothing more to differentiate.",
                lambda a: -2 * a,
            ),
        ],
        errors={
            "bitwise_xor": "^ is not a power in Python (it is bitwise xor): write a**2.",
            "not callable": "Python needs a * between brackets: (1 + a) * (1 - a), or 1 - a**2.",
            "to Python scalar": "math's functions take one number: a is an array, and "
            "1 - a**2 works on all of it at once.",
        },
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "7.2": ("A tanh hidden layer, in matrices", _forward_7_2()),
    "7.3": ("tanh's slope from its output", _d_tanh_7_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
