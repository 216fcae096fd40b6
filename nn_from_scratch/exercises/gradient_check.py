"""The checkers of chapter 8, checking gradients (docs/gradient_check.md)."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..activation import Activation
from ..gradient_check import check_gradients
from ..matrix import MatrixNetwork
from .common import Checker, named_checker, show


def _shifted_sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z)) - 0.5


SUSPECTS: dict[str, Activation] = {
    "scaled_tanh": Activation("scaled_tanh", lambda z: 2 * np.tanh(z), lambda a: 2 - a**2 / 2),
    "softplus": Activation("softplus", lambda z: np.log1p(np.exp(z)), lambda a: 1 - np.exp(-a)),
    "shifted_sigmoid": Activation("shifted_sigmoid", _shifted_sigmoid, lambda a: a * (1 - a)),
}
"""Three activation functions for exercise 8.2, each beside its derivative, written from its
output ``a``; one of the derivatives is wrong."""


def _not_a_name(answer: Any) -> str | None:
    """What is wrong with an answer to exercise 8.2 that is not one of the names, or None."""
    names = sorted(SUSPECTS)
    if isinstance(answer, Activation):
        named = [name for name, suspect in SUSPECTS.items() if suspect is answer]
        which = f'the string "{named[0]}"' if named else 'a string, such as "softplus"'
        return f"that is an Activation itself, not its name: answer with {which}"
    if isinstance(answer, str) and answer not in SUSPECTS:
        typed = answer.strip().lower().replace(" ", "_").replace("-", "_")
        # A slip in typing a whole name, never a part of one: "sigmoid" must not point
        # at the one suspect whose name contains it, the answer.
        close = difflib.get_close_matches(typed, names, 1, cutoff=0.85)
        if close:
            return (
                f'there is no suspect named {answer!r}: did you mean "{close[0]}"? '
                "Write the name exactly, in lower case with its underscore"
            )
        return f"answer with one of the names {names}, got {answer!r}"
    if isinstance(answer, list | tuple | set | dict):
        inside = list(answer)
        if len(inside) == 1 and isinstance(inside[0], str):
            return f"answer with the string itself, {inside[0]!r}, not a {type(answer).__name__}"
        return (
            f"answer with one name, a string, not a {type(answer).__name__}: "
            f"which one of {names} has the wrong derivative?"
        )
    if isinstance(answer, int | float | np.number) and not isinstance(answer, bool):
        return (
            f"answer with the name of the suspect, a string, not a number "
            f"(got {show(answer)}): one of {names}"
        )
    if not isinstance(answer, str):
        return f"answer with one of the names {names}, got {show(answer)}"
    return None


def _spot_the_bug_8_2(answer: Any) -> tuple[bool, str]:
    problem = _not_a_name(answer)
    if problem is not None:
        return False, problem
    net = MatrixNetwork.random([2, 3, 1], [SUSPECTS[answer], "sigmoid"], rng=0)
    X, Y = np.array([[0.5, -1.0], [1.5, 2.0]]), [1.0, 0.0]
    error = check_gradients(net, X, Y)
    if error < 1e-6:
        return False, (
            f"{answer}'s derivative agrees with finite differences "
            f"(check_gradients gives {error:.0e}, below 1e-6): it is right, so look at the "
            "other two."
        )
    return True, f"{answer}'s derivative is wrong: check_gradients gives {error:.2f}."


def _central_difference_8_3() -> Checker:
    def cube(x: float) -> float:
        return x**3

    def right(g: Any, x: float, eps: float) -> Any:
        return (g(x + eps) - g(x - eps)) / (2 * eps)

    def nudged_by(own: float) -> Callable[..., Any]:
        return lambda g, x, eps: right(g, x, own)

    return named_checker(
        "central_difference",
        right=right,
        cases=lambda: [(cube, 2.0, 0.1), (math.sin, 1.0, 1e-3), (math.exp, -0.5, 1e-4)],
        mistakes=[
            (
                "Python reads / 2 * eps as (... / 2) * eps, a product: divide by (2 * eps), "
                "with the parentheses.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / 2 * eps,
            ),
            (
                "Python divides only f(x - eps) by 2 * eps: put the difference in "
                "parentheses, (f(x + eps) - f(x - eps)) / (2 * eps).",
                lambda g, x, eps: g(x + eps) - g(x - eps) / (2 * eps),
            ),
            (
                "That is the one-sided (forward) difference (f(x + eps) - f(x)) / eps: "
                "use both sides, f(x + eps) - f(x - eps).",
                lambda g, x, eps: (g(x + eps) - g(x)) / eps,
            ),
            (
                "That is the one-sided (backward) difference (f(x) - f(x - eps)) / eps: "
                "use both sides, f(x + eps) - f(x - eps).",
                lambda g, x, eps: (g(x) - g(x - eps)) / eps,
            ),
            (
                "The 2 is missing: the points x - eps and x + eps are 2 * eps apart, "
                "so divide by 2 * eps, not eps.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / eps,
            ),
            (
                "That divides by eps**2: the points are 2 * eps apart, so divide by 2 * eps.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / eps**2,
            ),
            (
                "That divides by 2 * eps**2: the points are 2 * eps apart, so divide by 2 * eps.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / (2 * eps**2),
            ),
            (
                "The sign is flipped: it is f(x + eps) - f(x - eps), the right point first.",
                lambda g, x, eps: (g(x - eps) - g(x + eps)) / (2 * eps),
            ),
            (
                "A + where the difference has a -: f(x + eps) - f(x - eps).",
                lambda g, x, eps: (g(x + eps) + g(x - eps)) / (2 * eps),
            ),
            (
                "That nudges by eps / 2 each way: nudge by eps each way, "
                "(f(x + eps) - f(x - eps)) / (2 * eps).",
                lambda g, x, eps: (g(x + eps / 2) - g(x - eps / 2)) / eps,
            ),
            (
                "The nudge goes inside f: f(x + eps), not f(x) + eps.",
                lambda g, x, eps: ((g(x) + eps) - (g(x) - eps)) / (2 * eps),
            ),
        ]
        + [
            (
                "That is the slope measured with a nudge of your own: use the eps you are "
                "given, whatever it is.",
                nudged_by(own),
            )
            for own in [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]
        ]
        + [
            (
                "That nudges by x * eps, a step relative to x: nudge x by eps itself, "
                "f(x + eps) and f(x - eps).",
                relative,
            )
            for relative in [
                lambda g, x, eps: (g(x * (1 + eps)) - g(x * (1 - eps))) / (2 * eps),
                lambda g, x, eps: (g(x * (1 + eps)) - g(x * (1 - eps))) / (2 * x * eps),
            ]
        ],
        errors={
            "for ^": "^ is not a power in Python: write eps**2 (though no power is needed).",
            "not callable": "f is the function to nudge: call it, f(x + eps).",
        },
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "8.2": ("Spot the wrong derivative", _spot_the_bug_8_2),
    "8.3": ("A central difference", _central_difference_8_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
