"""The checkers of chapter 14, going deeper: initialization, ReLU and vanishing gradients
(docs/deeper.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import CARET, Checker, named_checker


def _relu_slope_14_1() -> Checker:
    def right(z: Any) -> Any:
        return (z > 0) * 1.0

    return named_checker(
        "relu_slope",
        right=right,
        cases=lambda: [
            (np.array([-2.0, 0.0, 3.0]),),
            (np.array([0.5, -0.5, 1e-9, -1e-9]),),
            (np.array([[0.0, 0.0], [4.0, -4.0]]),),
            (np.random.default_rng(141).normal(0, 2, (3, 4)).round(2),),
        ],
        mistakes=[
            (
                "At z = 0 that gives slope 1: the package (and the chapter) takes 0 there, "
                "(z > 0) * 1.0, not z >= 0.",
                lambda z: (z >= 0) * 1.0,
            ),
            (
                "That is ReLU itself, np.maximum(z, 0): its slope is 1 where z > 0, else 0.",
                lambda z: np.maximum(z, 0.0),
            ),
            (
                "The slope is the wrong way round: 1 where z > 0 (the line z rises 1 per "
                "step), 0 where z < 0 (flat).",
                lambda z: (z < 0) * 1.0,
            ),
            (
                "np.sign(z) is -1 for negative z: ReLU is flat there, slope 0, not -1.",
                lambda z: np.sign(z),
            ),
            (
                "np.heaviside(z, 0.5) gives 0.5 at z = 0: the package takes 0 there, "
                "np.heaviside(z, 0) or (z > 0) * 1.0.",
                lambda z: np.heaviside(z, 0.5),
            ),
        ],
        errors={
            "truth value": "z is an array, and `if` tests one value: compare it whole, "
            "z > 0 gives an array of True and False, and (z > 0) * 1.0 makes them numbers.",
            **CARET,
        },
        names=("z",),
    )


def _he_std_14_2() -> Checker:
    def right(n_in: int) -> Any:
        return np.sqrt(2 / n_in)

    return named_checker(
        "he_std",
        right=right,
        cases=lambda: [(32,), (64,), (2,), (200,), (1,)],
        mistakes=[
            (
                "That is the variance, 2 / n_in: the standard deviation is its square "
                "root, np.sqrt(2 / n_in).",
                lambda n: 2 / n,
            ),
            (
                "sqrt(1 / n_in) keeps only half the variance through a ReLU: He's doubles "
                "it for the half ReLU zeroes, np.sqrt(2 / n_in).",
                lambda n: np.sqrt(1 / n),
            ),
            (
                "np.sqrt(2) / n_in takes the root of the 2 only: the root is of the whole "
                "fraction, np.sqrt(2 / n_in).",
                lambda n: np.sqrt(2) / n,
            ),
            (
                "That is upside down, np.sqrt(n_in / 2): more inputs need smaller weights, "
                "np.sqrt(2 / n_in).",
                lambda n: np.sqrt(n / 2),
            ),
            (
                "That is 1 / n_in: He's variance is 2 / n_in, its root the std. (Python reads "
                "(2 / n_in) ** 1 / 2 as ((2 / n_in) ** 1) / 2: write ** 0.5, or np.sqrt.)",
                lambda n: 1 / n,
            ),
            (
                "That takes the root of n_in only: the root is of the whole fraction, "
                "np.sqrt(2 / n_in) or (2 / n_in) ** 0.5.",
                lambda n: 2 / n**0.5,
            ),
            (
                "That gives the same for every n_in, as if it were always 32: use the "
                "argument, np.sqrt(2 / n_in).",
                lambda n: np.sqrt(2 / 32),
            ),
            (
                "np.sqrt(2 * n_in) grows with n_in: more inputs need smaller weights, so "
                "n_in divides, np.sqrt(2 / n_in).",
                lambda n: np.sqrt(2 * n),
            ),
            # Floor division before int(): int() would fit a floor answer too (both 0 and
            # 1 on these sizes, and a floor answer is right at n_in = 1, which tells nothing).
            (
                "2 // n_in is floor division, a whole number (0 for n_in = 32): divide "
                "with /, np.sqrt(2 / n_in).",
                lambda n: np.sqrt(2 // n),
            ),
            (
                "That is rounded to a whole number (0 for n_in = 32): a standard deviation "
                "is seldom whole, so return np.sqrt(2 / n_in) without int() or round().",
                lambda n: int(np.sqrt(2 / n)),
            ),
        ],
        errors=CARET,
    )


def _variance_14_3() -> Checker:
    def right(var_z: float, n_in: int, weight_std: float, layers: int) -> Any:
        return var_z * (n_in * weight_std**2 / 2) ** layers

    return named_checker(
        "variance_after",
        right=right,
        cases=lambda: [
            (1.0, 32, 0.25, 1),
            (1.0, 32, float(np.sqrt(1 / 32)), 8),
            (2.0, 64, 0.1, 3),
            (0.5, 100, 0.2, 4),
            (1.0, 32, 1.0, 2),
            (3.0, 50, 0.2, 0),
        ],
        mistakes=[
            (
                "The ReLU's half is missing: E[a**2] = Var(z) / 2, so each layer multiplies "
                "by n_in * weight_std**2 / 2.",
                lambda v, n, s, k: v * (n * s**2) ** k,
            ),
            (
                "weight_std is a standard deviation: Var(w) is its square, weight_std**2.",
                lambda v, n, s, k: v * (n * s / 2) ** k,
            ),
            (
                "One layer too few: each of the `layers` layers multiplies once, factor ** layers.",
                lambda v, n, s, k: v * (n * s**2 / 2) ** (k - 1),
            ),
            (
                "The layers multiply, they do not add: var_z * factor ** layers.",
                lambda v, n, s, k: v + k * (n * s**2 / 2),
            ),
            (
                "One layer too many: `layers` layers multiply `layers` times, factor ** layers, "
                "not factor ** (layers + 1).",
                lambda v, n, s, k: v * (n * s**2 / 2) ** (k + 1),
            ),
            (
                "ReLU keeps half: the factor divides by 2, n_in * weight_std**2 / 2. He's init "
                "doubles Var(w) to make up for that half; the law itself does not double.",
                lambda v, n, s, k: v * (n * s**2 * 2) ** k,
            ),
            (
                "var_z is multiplied, not added: var_z * factor ** layers.",
                lambda v, n, s, k: v + (n * s**2 / 2) ** k,
            ),
            (
                "Python reads x / 2 ** layers as x / (2 ** layers): put the whole factor in "
                "parentheses, (n_in * weight_std**2 / 2) ** layers.",
                lambda v, n, s, k: v * n * s**2 / 2**k,
            ),
            (
                "That multiplies by layers: each layer multiplies by the factor once, so "
                "`layers` layers raise it to a power, factor ** layers.",
                lambda v, n, s, k: v * (n * s**2 / 2) * k,
            ),
            (
                "That is a standard deviation, the square root of the variance: return the "
                "variance itself, var_z * factor ** layers.",
                lambda v, n, s, k: np.sqrt(v * (n * s**2 / 2) ** k),
            ),
            (
                "var_z is where it starts: multiply it by the factor ** layers, do not "
                "leave it out.",
                lambda v, n, s, k: (n * s**2 / 2) ** k,
            ),
            (
                "Python reads x ** layers / 2 as (x ** layers) / 2, halving once in all: put "
                "the / 2 inside the parentheses, (n_in * weight_std**2 / 2) ** layers.",
                lambda v, n, s, k: v * (n * s**2) ** k / 2,
            ),
            (
                "n_in is missing: each total adds n_in terms, so one layer multiplies by "
                "n_in * weight_std**2 / 2.",
                lambda v, n, s, k: v * (s**2 / 2) ** k,
            ),
            (
                "That holds for n_in = 32 only: use the argument, "
                "var_z * (n_in * weight_std**2 / 2) ** layers.",
                lambda v, n, s, k: v * (32 * s**2 / 2) ** k,
            ),
            (
                "var_z is already a variance: multiply var_z itself, not its square root, "
                "var_z * (n_in * weight_std**2 / 2) ** layers.",
                lambda v, n, s, k: np.sqrt(v) * (n * s**2 / 2) ** k,
            ),
        ],
        errors=CARET,
        names=("var_z", "n_in", "weight_std", "layers"),
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "14.1": ("ReLU's slope", _relu_slope_14_1()),
    "14.2": ("He's standard deviation", _he_std_14_2()),
    "14.3": ("The variance, layers later", _variance_14_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
