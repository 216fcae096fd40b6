"""The checkers of chapter 3, a network of neurons (docs/network.md)."""

from __future__ import annotations

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _network_output_3_2() -> Checker:
    def right(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)
        h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)
        return f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def crossed(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w3 * x[1] + net.b1)
        h2 = f(net.w2 * x[0] + net.w4 * x[1] + net.b2)
        return f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def no_hidden_sigmoid(net: NeuralNetwork, x: list[float]) -> float:
        s1 = net.w1 * x[0] + net.w2 * x[1] + net.b1
        s2 = net.w3 * x[0] + net.w4 * x[1] + net.b2
        return f(net.w5 * s1 + net.w6 * s2 + net.b3)

    def no_output_sigmoid(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)
        h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)
        return net.w5 * h1 + net.w6 * h2 + net.b3

    inputs = [[-2.0, -1.0], [25.0, 6.0], [1.5, -0.5], [-7.0, -3.0], [0.0, 0.0]]
    return function_checker(
        "network_output",
        right=right,
        cases=lambda: [(NeuralNetwork.random(seed), x) for seed, x in enumerate(inputs, start=3)],
        mistakes=[
            (
                "The wiring is crossed: h1 = f(w1 x1 + w2 x2 + b1) and h2 = f(w3 x1 + w4 x2 + b2).",
                crossed,
            ),
            ("h1 and h2 need their sigmoid before they go into o1.", no_hidden_sigmoid),
            ("o1 needs its sigmoid too: the output is f(w5 h1 + w6 h2 + b3).", no_output_sigmoid),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "3.2": ("The network's output, neuron by neuron", _network_output_3_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
