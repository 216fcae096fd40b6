"""The checkers of chapter 5, gradients and backpropagation (docs/gradients.md)."""

from __future__ import annotations

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _d_L_d_b1_5_2() -> Checker:
    def parts(net: NeuralNetwork, x1: float, x2: float) -> tuple[float, float, float]:
        h1 = f(net.w1 * x1 + net.w2 * x2 + net.b1)
        h2 = f(net.w3 * x1 + net.w4 * x2 + net.b2)
        return h1, h2, f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def chain(net: NeuralNetwork, x1: float, x2: float, y: float, **change: float) -> float:
        h1, h2, o1 = parts(net, x1, x2)
        d_L_d_ypred = -change.get("factor", 2.0) * (y - o1)
        weight = change.get("w5", net.w5)
        hidden = h2 if change.get("h2") else h1
        return d_L_d_ypred * weight * o1 * (1 - o1) * hidden * (1 - hidden)

    samples = [(-2.0, -1.0, 1.0), (25.0, 6.0, 0.0), (0.5, 1.5, 1.0), (-1.0, 2.0, 0.0)]
    return function_checker(
        "d_L_d_b1",
        right=chain,
        cases=lambda: [(NeuralNetwork.random(seed), *s) for seed, s in enumerate(samples, 7)],
        mistakes=[
            (
                "dy_pred/dh1 = w5 o1 (1 - o1): the weight w5 is missing.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, w5=1.0),
            ),
            (
                "The factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, factor=1.0),
            ),
            (
                "The sign is flipped: dL/dy_pred = -2 (y_true - y_pred).",
                lambda n, x1, x2, y: -chain(n, x1, x2, y),
            ),
            (
                "That is the path through h2 (w6, h2): b1 is h1's bias.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, w5=n.w6, h2=1.0),
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "5.2": ("The chain for b1", _d_L_d_b1_5_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
