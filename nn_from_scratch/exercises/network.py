"""The checkers of chapter 3, a network of neurons (docs/network.md)."""

from __future__ import annotations

import math
from collections.abc import Callable

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import CARET, Checker, function_checker

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _o1(
    net: NeuralNetwork,
    x: list[float],
    swap: tuple[str, str] = ("w1", "w1"),
    hidden: Callable[[float], float] = f,
    output: Callable[[float], float] = f,
) -> float:
    """The network's output, or with one mistake: two parameters swapped, one sigmoid left out."""
    p = net.parameters()
    p[swap[0]], p[swap[1]] = p[swap[1]], p[swap[0]]
    h1 = hidden(p["w1"] * x[0] + p["w2"] * x[1] + p["b1"])
    h2 = hidden(p["w3"] * x[0] + p["w4"] * x[1] + p["b2"])
    return output(p["w5"] * h1 + p["w6"] * h2 + p["b3"])


def _without_b3(net: NeuralNetwork) -> NeuralNetwork:
    return NeuralNetwork(**{**net.parameters(), "b3": 0.0})


def _h2(net: NeuralNetwork, x: list[float]) -> float:
    return f(net.w3 * x[0] + net.w4 * x[1] + net.b2)


_IMPORT = (
    "Import the sigmoid with `from nn_from_scratch import sigmoid` and call it as "
    "sigmoid(...), or write your own, 1 / (1 + math.exp(-z)), after `import math`."
)


def _network_output_3_2() -> Checker:
    def plain(total: float) -> float:
        return total

    def flipped(total: float) -> float:
        return 1 / (1 + math.exp(total))

    def unbracketed(total: float) -> float:
        return 1 / 1 + math.exp(-total)

    inputs = [[-2.0, -1.0], [25.0, 6.0], [1.5, -0.5], [-7.0, -3.0], [0.0, 0.0]]
    return function_checker(
        "network_output",
        right=_o1,
        cases=lambda: [(NeuralNetwork.random(seed), x) for seed, x in enumerate(inputs, start=3)],
        mistakes=[
            (
                "The wiring is crossed: h1 = f(w1 x1 + w2 x2 + b1) and h2 = f(w3 x1 + w4 x2 + b2).",
                lambda n, x: _o1(n, x, swap=("w2", "w3")),
            ),
            (
                "The two inputs are swapped: Python counts a list from 0, so x1 is x[0] and "
                "x2 is x[1].",
                lambda n, x: _o1(n, [x[1], x[0]]),
            ),
            (
                "The biases are swapped: b1 is h1's bias and b2 is h2's.",
                lambda n, x: _o1(n, x, swap=("b1", "b2")),
            ),
            (
                "w5 and w6 are swapped: w5 weighs h1 and w6 weighs h2 in o1's total.",
                lambda n, x: _o1(n, x, swap=("w5", "w6")),
            ),
            (
                "o1's bias b3 is missing: o1 = f(w5 h1 + w6 h2 + b3).",
                lambda n, x: _o1(_without_b3(n), x),
            ),
            (
                "h1 and h2 need their sigmoid before they go into o1.",
                lambda n, x: _o1(n, x, hidden=plain),
            ),
            (
                "o1 needs its sigmoid too: the output is f(w5 h1 + w6 h2 + b3).",
                lambda n, x: _o1(n, x, output=plain),
            ),
            (
                "Your sigmoid has lost its minus: f(z) = 1 / (1 + exp(-z)), with exp(-z).",
                lambda n, x: _o1(n, x, hidden=flipped, output=flipped),
            ),
            (
                "Python divides before it adds: 1 / 1 + exp(-z) is 1 + exp(-z). Put brackets "
                "round the bottom: 1 / (1 + exp(-z)).",
                lambda n, x: _o1(n, x, hidden=unbracketed, output=unbracketed),
            ),
            (
                "That is h2: return o1, the output neuron, whose inputs are h1 and h2.",
                _h2,
            ),
            (
                "o1's inputs are h1 and h2, not x1 and x2: o1 = f(w5 h1 + w6 h2 + b3).",
                lambda n, x: f(n.w5 * x[0] + n.w6 * x[1] + n.b3),
            ),
        ],
        errors={
            **CARET,
            "name 'sigmoid' is not defined": f"sigmoid is not defined yet. {_IMPORT}",
            "name 'f' is not defined": f"f is the pages' name for the sigmoid. {_IMPORT}",
            "name 'math' is not defined": "Write `import math` first, for math.exp.",
            "name 'exp' is not defined": "exp lives in math: `import math`, then math.exp(...).",
            "IndexError": "x holds two numbers, x[0] and x[1]: Python counts a list from 0, "
            "so x1 is x[0] and x2 is x[1] (there is no x[2]).",
        },
        paste=True,
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "3.2": ("The network's output, neuron by neuron", _network_output_3_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
