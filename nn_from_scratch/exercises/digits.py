"""The checkers of chapter 11, handwritten digits (docs/digits.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, named_checker

_SUBTRACT_THE_MAX = "exp of a large total is infinite: subtract z.max() from z first."


def _softmax_11_1() -> Checker:
    def right(z: Any) -> Any:
        e = np.exp(z - z.max())
        return e / e.sum()

    return named_checker(
        "softmax",
        right=right,
        cases=lambda: [
            (np.array([1.0, 2.0, 3.0]),),
            (np.array([0.0, 0.0, 0.0, 0.0]),),
            (np.array([-2.0, 0.5, 0.0, 4.0, -1.0]),),
            (np.array([1000.0, 1001.0]),),
            (np.array([-1000.0, -999.0, -1001.0]),),
            (np.array([-800.0, 0.0, 800.0]),),
        ],
        mistakes=[
            ("Divide by the sum of the exponentials, not of z.", lambda z: np.exp(z) / z.sum()),
            (
                "Take np.exp of each total first: softmax is np.exp(z) divided by the sum "
                "of the np.exp(z).",
                lambda z: z / z.sum(),
            ),
            ("Divide by the sum, so that the probabilities add up to 1.", lambda z: np.exp(z)),
            (
                "Divide by the sum, so that the probabilities add up to 1 (not by the "
                "largest, which is 1 here).",
                lambda z: np.exp(z - z.max()),
            ),
            (
                "z.max() is subtracted on top only: take it from z before both, "
                "e = np.exp(z - z.max()), then e / e.sum().",
                lambda z: np.exp(z - z.max()) / np.exp(z).sum(),
            ),
            (
                "That is np.exp(-z): softmax takes np.exp(z), with no minus (the minus "
                "belongs in z - z.max()).",
                lambda z: np.exp(-z - (-z).max()) / np.exp(-z - (-z).max()).sum(),
            ),
            (
                "That is a sigmoid of each total: softmax divides each exp(z) by the sum of all.",
                lambda z: 1 / (1 + np.exp(-z)),
            ),
        ],
        errors={
            "overflow": _SUBTRACT_THE_MAX,
            "invalid value": _SUBTRACT_THE_MAX,
            "divide by zero": "every exp underflowed to 0: subtract z.max() from z first.",
            "builtin_function_or_method": "z.max and e.sum are methods: call them, with "
            "their parentheses, z.max() and e.sum().",
            "to Python scalar": "math.exp takes one number: np.exp works on the whole array.",
        },
    )


def _confusion_matrix_11_3() -> Checker:
    def right(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        counts = np.zeros((n_classes, n_classes), dtype=int)
        for true, predicted in zip(y_true, y_pred, strict=True):
            counts[true, predicted] += 1
        return counts

    def marked(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        counts = np.zeros((n_classes, n_classes), dtype=int)
        counts[y_true, y_pred] += 1  # a fancy-indexed update: repeats count once
        return counts

    def shifted(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        counts = np.zeros((n_classes, n_classes), dtype=int)
        for true, predicted in zip(y_true, y_pred, strict=True):
            counts[true - 1, predicted - 1] += 1  # class 0 lands at -1, the last row
        return counts

    def ten_classes(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        return right(y_true, y_pred, 10)

    rng = np.random.default_rng(103)
    random_cases = [(rng.integers(0, 4, 12), rng.integers(0, 4, 12), 4) for _ in range(2)]
    return named_checker(
        "confusion_matrix",
        right=right,
        cases=lambda: [
            (np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]), 2),
            (np.array([2, 0, 2, 1, 2, 2]), np.array([2, 0, 1, 1, 0, 2]), 3),
            *random_cases,
            (np.array([1, 0, 2, 2]), np.array([1, 2, 2, 0]), 4),  # no class 3
        ],
        mistakes=[
            (
                "Rows and columns are swapped: the row is the true class, the column the "
                "predicted one, counts[true, predicted].",
                lambda t, p, k: right(p, t, k),
            ),
            (
                "Each entry is 0 or 1: a pair seen twice counts once (as with "
                "counts[true, predicted] = 1, or numpy's counts[y_true, y_pred] += 1, which "
                "adds 1 once per pair). Add 1 for every sample, counts[true, predicted] += 1 "
                "in a loop over zip(y_true, y_pred).",
                marked,
            ),
            (
                "Only the diagonal is filled: count the wrong answers too, off the diagonal, "
                "at [true class, predicted class].",
                lambda t, p, k: np.diag(np.diag(right(t, p, k))),
            ),
            (
                "Off by one: the classes start at 0, so a sample's entry is "
                "counts[true, predicted], not counts[true - 1, predicted - 1].",
                shifted,
            ),
            (
                "The last sample is not counted: loop over every sample, "
                "for true, predicted in zip(y_true, y_pred).",
                lambda t, p, k: right(t[:-1], p[:-1], k),
            ),
            (
                "The first sample is not counted: loop over every sample, "
                "for true, predicted in zip(y_true, y_pred).",
                lambda t, p, k: right(t[1:], p[1:], k),
            ),
            (
                "The size is fixed at 10 classes: make it (n_classes, n_classes), "
                "np.zeros((n_classes, n_classes), dtype=int).",
                ten_classes,
            ),
            (
                "A class that never occurs still gets its row and column: size the array "
                "by n_classes, np.zeros((n_classes, n_classes), dtype=int), not by the "
                "classes you see.",
                lambda t, p, k: right(t, p, max(t.max(), p.max()) + 1),
            ),
            (
                "That is one row and column too many: np.zeros((n_classes, n_classes)), "
                "as the classes run from 0 to n_classes - 1.",
                lambda t, p, k: right(t, p, k + 1),
            ),
            (
                "Those are fractions: count the samples, whole numbers, without dividing.",
                lambda t, p, k: right(t, p, k) / len(t),
            ),
        ],
        errors={
            "as a data type": "np.zeros takes the shape as one tuple: "
            "np.zeros((n_classes, n_classes), dtype=int), with two pairs of parentheses.",
            "out of bounds": "The array needs one row and one column for each class, 0 to "
            "n_classes - 1: np.zeros((n_classes, n_classes), dtype=int), with n_classes, "
            "not a number of your own.",
        },
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "11.1": ("Softmax, safely", _softmax_11_1()),
    "11.3": ("A confusion matrix", _confusion_matrix_11_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
