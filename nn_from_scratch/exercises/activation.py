"""The checkers of chapter 1, the activation function (docs/activation.md)."""

from __future__ import annotations

import math

from ..activation import sigmoid
from .common import CARET, Checker, function_checker, random_floats

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _deriv_sigmoid_1_2() -> Checker:
    return function_checker(
        "deriv_sigmoid",
        right=lambda x: f(x) * (1 - f(x)),
        cases=lambda: [(x,) for x in [2.0, -1.0, 0.0, 5.5, *random_floats(12, 6, -8, 8)]],
        mistakes=[
            (
                "That is x (1 - x), from the input x: the formula takes the sigmoid's output, "
                "so compute fx = f(x) first and return fx * (1 - fx).",
                lambda x: x * (1 - x),
            ),
            (
                "That is the sigmoid itself, not its slope: multiply it by (1 - f(x)).",
                lambda x: f(x),
            ),
            (
                "That is 0: Python multiplies before it subtracts, so fx * 1 - fx is "
                "fx - fx. Put brackets round (1 - fx): fx * (1 - fx).",
                lambda x: f(x) * 1 - f(x),
            ),
            (
                "That is f(x) (1 - x): the second factor is 1 - f(x), the sigmoid's output "
                "again, not the input x.",
                lambda x: f(x) * (1 - x),
            ),
            ("That is f(x) * f(x): the slope is f(x) * (1 - f(x)).", lambda x: f(x) * f(x)),
            ("That is 1 - f(x): multiply it by f(x).", lambda x: 1 - f(x)),
            ("A + where the formula has a -: f(x) * (1 - f(x)).", lambda x: f(x) * (1 + f(x))),
            (
                "That is twice the slope: the formula f'(x) = f(x)(1 - f(x)) has no 2 in front.",
                lambda x: 2 * f(x) * (1 - f(x)),
            ),
        ],
        errors=CARET,
        paste=True,
        near="Close, but not exact: a rise over run, (f(x + h) - f(x)) / h, only "
        "approaches the slope, and a rounded number loses digits. Use the formula "
        "f'(x) = f(x)(1 - f(x)), which is exact.",
        rel_tol=1e-11,  # finite differences come within 2e-9; the formula's forms, 5e-14
    )


def _overflowed(x: float) -> str:
    """Advice for a sigmoid that overflowed at `x`, for the side of 0 that `x` is on."""
    if x < 0:
        return (
            f"exp(-x) overflows for x below about -709, and x = {x!r} here. For negative x, "
            "use the same function written as exp(x) / (1 + exp(x)), and choose the formula "
            "by the sign of x."
        )
    return (
        f"exp(x) overflows for x above about 709, and x = {x!r} here. For positive x, "
        "use 1 / (1 + exp(-x)); keep exp(x) / (1 + exp(x)) for negative x, and choose the "
        "formula by the sign of x."
    )


def _stable_sigmoid_1_3() -> Checker:
    return function_checker(
        "sigmoid",
        right=lambda x: sigmoid(float(x)),
        cases=lambda: [
            (x,) for x in [2.0, -1.0, -1000.0, 1000.0, -710.0, 709.0, 0.0, -30.5, -3.0, 7.0]
        ],
        mistakes=[
            (
                "That is 0, but the sigmoid here is not: its tiny value fits in a float. "
                "A cut-off (return 0 below some x), or a difference of two numbers close to "
                "1 (1 - f(-x), 1 + tanh(x / 2)), rounds it away: for negative x, compute "
                "exp(x) / (1 + exp(x)).",
                lambda x: 0.0 if x < -700 else math.nan,  # nan: says nothing of other x
            ),
            (
                "That is f(-x), the sigmoid of minus x: a sign is lost (1 / (1 + exp(x)), "
                "or exp(-x) on top, or abs(x)). The formula has exp(-x), with a minus; for "
                "negative x, exp(x) / (1 + exp(x)), with no minus.",
                lambda x: f(-x),
            ),
            (
                "That is exp(x) alone: divide it by 1 + exp(x), as in exp(x) / (1 + exp(x)).",
                lambda x: math.exp(x),
            ),
            (
                "A minus where the sigmoid has a plus: exp(x) / (1 + exp(x)) for negative x, "
                "1 / (1 + exp(-x)) for the others.",
                lambda x: math.exp(x) / (1 - math.exp(x)),
            ),
            (
                "A minus where the sigmoid has a plus: exp(x) / (1 + exp(x)) for negative x, "
                "1 / (1 + exp(-x)) for the others.",
                lambda x: 1 / (1 - math.exp(-x)),
            ),
        ],
        errors={**CARET, "OverflowError": _overflowed, "overflow": _overflowed},
        paste=True,
        abs_tol=0.0,  # f(-710.0) is 4.5e-309, not 0: a float holds it
        near="Close, but not exact: 1 - f(-x) (or 1 - 1 / (1 + exp(x))) subtracts two "
        "numbers close to 1 and loses digits. For negative x, compute "
        "exp(x) / (1 + exp(x)) directly.",
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "1.2": ("The sigmoid's slope, in code", _deriv_sigmoid_1_2()),
    "1.3": ("A sigmoid that never overflows", _stable_sigmoid_1_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
