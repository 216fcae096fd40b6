"""The checkers of chapter 1, the activation function (docs/activation.md)."""

from __future__ import annotations

from ..activation import sigmoid
from .common import Checker, function_checker, random_floats

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _deriv_sigmoid_1_2() -> Checker:
    return function_checker(
        "deriv_sigmoid",
        right=lambda x: f(x) * (1 - f(x)),
        cases=lambda: [(x,) for x in [2.0, -1.0, 0.0, 5.5, *random_floats(12, 6, -8, 8)]],
        mistakes=[
            ("That is f(x) * f(x): the slope is f(x) * (1 - f(x)).", lambda x: f(x) * f(x)),
            (
                "That is the sigmoid itself, not its slope: multiply it by (1 - f(x)).",
                lambda x: f(x),
            ),
            ("That is 1 - f(x): multiply it by f(x).", lambda x: 1 - f(x)),
            ("A + where the formula has a -: f(x) * (1 - f(x)).", lambda x: f(x) * (1 + f(x))),
        ],
    )


def _stable_sigmoid_1_3() -> Checker:
    return function_checker(
        "sigmoid",
        right=lambda x: sigmoid(float(x)),
        cases=lambda: [(x,) for x in [2.0, -1000.0, 1000.0, -710.0, 709.0, 0.0, -30.5, 7.0]],
        mistakes=[
            ("That is f(-x): the formula has exp(-x), with a minus.", lambda x: f(-x)),
        ],
        errors={
            "OverflowError": "exp(-x) overflows for x below about -709. For negative x, "
            "use the same function written as exp(x) / (1 + exp(x)).",
            "overflow": "exp(-x) overflows for x below about -709. For negative x, "
            "use the same function written as exp(x) / (1 + exp(x)).",
        },
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "1.2": ("The sigmoid's slope, in code", _deriv_sigmoid_1_2()),
    "1.3": ("A sigmoid that never overflows", _stable_sigmoid_1_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
