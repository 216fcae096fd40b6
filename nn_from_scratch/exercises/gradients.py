"""The checkers of chapter 5, gradients and backpropagation (docs/gradients.md)."""

from __future__ import annotations

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import CARET, Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _chain(
    net: NeuralNetwork,
    x1: float,
    x2: float,
    y: float,
    *,
    factor: float = 2.0,
    path: str = "h1",
    weight: float | None = None,
    last: str = "h1 (1 - h1)",
    output_slope: bool = True,
    b1: bool = True,
    slip: str = "",
) -> float:
    """dL/db1 by the chain rule, or with one mistake: a `factor` other than 2, the `path`
    through h2, another `weight` than w5 (or w6), another `last` link, no `output_slope`,
    no `b1` in the forward pass, or the brackets of one link left out (`slip`)."""
    h1 = f(net.w1 * x1 + net.w2 * x2 + (net.b1 if b1 else 0.0))
    h2 = f(net.w3 * x1 + net.w4 * x2 + net.b2)
    o1 = f(net.w5 * h1 + net.w6 * h2 + net.b3)
    h, w = (h1, net.w5) if path == "h1" else (h2, net.w6)
    d_L_d_ypred = -factor * y - o1 if slip == "-2 * y_true - o1" else -factor * (y - o1)
    w = w if weight is None else weight
    d_ypred_d_h = w * (o1 * (1 - o1) if output_slope else 1.0)
    if slip == "w5 * o1 * 1 - o1":
        d_ypred_d_h = w * o1 * 1 - o1
    d_h_d_b = {
        "h1 (1 - h1)": h * (1 - h),
        "x1 h1 (1 - h1)": x1 * h * (1 - h),
        "x2 h1 (1 - h1)": x2 * h * (1 - h),
        "h2 (1 - h2)": h2 * (1 - h2),
        "f(h1) (1 - f(h1))": f(h) * (1 - f(h)),
        "1": 1.0,
        "h1 * 1 - h1": h * 1 - h,
    }[last]
    return d_L_d_ypred * d_ypred_d_h * d_h_d_b


def _d_L_d_b1_5_2() -> Checker:
    samples = [(-2.0, -1.0, 1.0), (25.0, 6.0, 0.0), (0.5, 1.5, 1.0), (-1.0, 2.0, 0.0)]
    return function_checker(
        "d_L_d_b1",
        right=_chain,
        cases=lambda: [(NeuralNetwork.random(seed), *s) for seed, s in enumerate(samples, 7)],
        mistakes=[
            (
                "dy_pred/dh1 = w5 o1 (1 - o1): the weight w5 is missing.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, weight=1.0),
            ),
            (
                "The factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, factor=1.0),
            ),
            (
                "The sign is flipped: dL/dy_pred = -2 (y_true - y_pred).",
                lambda n, x1, x2, y: -_chain(n, x1, x2, y),
            ),
            (
                "That is dL/dw1, with x1 in front: a bias's input is always 1, so "
                "dh1/db1 = h1 (1 - h1), with no input in front.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="x1 h1 (1 - h1)"),
            ),
            (
                "That is dL/dw2, with x2 in front: a bias's input is always 1, so "
                "dh1/db1 = h1 (1 - h1), with no input in front.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="x2 h1 (1 - h1)"),
            ),
            (
                "The last link is h1's sigmoid slope, h1 (1 - h1): b1 is h1's bias, so "
                "h2 (1 - h2) has no place in its chain.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="h2 (1 - h2)"),
            ),
            (
                "The weight is w5, through which h1 reaches o1: dy_pred/dh1 = w5 o1 (1 - o1), "
                "not w6.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, weight=n.w6),
            ),
            (
                "The sigmoid's slope at o1 is missing: dy_pred/dh1 = w5 o1 (1 - o1).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, output_slope=False),
            ),
            (
                "The last link, dh1/db1 = h1 (1 - h1), is missing: b1 reaches h1 through "
                "h1's sigmoid.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="1"),
            ),
            (
                "The sigmoid's slope is taken at h1 itself: for a neuron whose output is h1 "
                "it is h1 (1 - h1), not f(h1) (1 - f(h1)).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="f(h1) (1 - f(h1))"),
            ),
            (
                "That is the path through h2 (w6, h2): b1 is h1's bias.",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, path="h2"),
            ),
            (
                "Python multiplies before it subtracts, so -2 * y_true - o1 is "
                "(-2 * y_true) - o1. Put brackets round the error: -2 * (y_true - o1).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, slip="-2 * y_true - o1"),
            ),
            (
                "Python multiplies before it subtracts, so w5 * o1 * 1 - o1 is "
                "(w5 * o1) - o1. Put brackets round (1 - o1): w5 * o1 * (1 - o1).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, slip="w5 * o1 * 1 - o1"),
            ),
            (
                "That is 0: Python multiplies before it subtracts, so h1 * 1 - h1 is "
                "h1 - h1. Put brackets round (1 - h1): h1 * (1 - h1).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, last="h1 * 1 - h1"),
            ),
            (
                "The bias b1 is missing from the forward pass: h1 = f(w1 * x1 + w2 * x2 + b1).",
                lambda n, x1, x2, y: _chain(n, x1, x2, y, b1=False),
            ),
            (
                "That is the loss itself, (y_true - y_pred) ** 2: return its slope "
                "with respect to b1, the three links multiplied.",
                lambda n, x1, x2, y: (y - n.outputs(x1, x2)[2]) ** 2,
            ),
        ],
        errors=CARET,
        paste=True,
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "5.2": ("The chain for b1", _d_L_d_b1_5_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
