"""The checkers of chapter 11, handwritten digits (docs/digits.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, function_checker


def _softmax_11_1() -> Checker:
    def right(z: Any) -> Any:
        e = np.exp(z - z.max())
        return e / e.sum()

    return function_checker(
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
            ("Divide by the sum, so that the probabilities add up to 1.", lambda z: np.exp(z)),
            (
                "Divide by the sum, so that the probabilities add up to 1.",
                lambda z: np.exp(z - z.max()),
            ),
            (
                "That is a sigmoid of each total: softmax divides each exp(z) by the sum of all.",
                lambda z: 1 / (1 + np.exp(-z)),
            ),
        ],
        errors={
            "overflow": "exp of a large total is infinite: subtract z.max() from z first.",
            "invalid value": "exp of a large total is infinite: subtract z.max() from z first.",
            "divide by zero": "every exp underflowed to 0: subtract z.max() from z first.",
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
        counts[y_true, y_pred] = 1  # a fancy-indexed assignment: repeats count once
        return counts

    rng = np.random.default_rng(103)
    random_cases = [(rng.integers(0, 4, 30), rng.integers(0, 4, 30), 4) for _ in range(2)]
    return function_checker(
        "confusion_matrix",
        right=right,
        cases=lambda: [
            (np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]), 2),
            (np.array([2, 0, 2, 1, 2, 2]), np.array([2, 0, 1, 1, 0, 2]), 3),
            *random_cases,
        ],
        mistakes=[
            (
                "Rows and columns are swapped: the row is the true class, the column the "
                "predicted one.",
                lambda t, p, k: right(p, t, k),
            ),
            (
                "Each entry is 0 or 1: add 1 for every sample (counts[t, p] += 1 in a loop), "
                "repeats included.",
                marked,
            ),
            (
                "Only the diagonal is filled: count the wrong answers too, off the diagonal.",
                lambda t, p, k: np.diag(np.diag(right(t, p, k))),
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "11.1": ("Softmax, safely", _softmax_11_1()),
    "11.3": ("A confusion matrix", _confusion_matrix_11_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
