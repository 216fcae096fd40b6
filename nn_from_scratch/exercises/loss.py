"""The checkers of chapter 4, measuring error: the MSE loss (docs/loss.md)."""

from __future__ import annotations

import numpy as np

from .common import CARET, Checker, function_checker


def _mse_loss_4_2() -> Checker:
    rng = np.random.default_rng(42)
    random_cases = [(rng.integers(0, 2, 5).astype(float), rng.random(5).round(3)) for _ in range(4)]
    last_left_out = (
        "The last sample is left out: go through all of them, with zip(y_true, y_pred) "
        "or range(len(y_true)) (not len(y_true) - 1)."
    )
    return function_checker(
        "mse_loss",
        right=lambda t, p: float(np.mean((t - p) ** 2)),
        cases=lambda: [
            (np.array([1.0, 0.0]), np.array([0.9, 0.2])),
            (np.array([1.0, 0.0, 0.0, 1.0]), np.array([0.0, 0.0, 0.0, 0.0])),
            *random_cases,
        ],
        mistakes=[
            (
                "That divides by 4 whatever the length: exercise 4.1 had four people, but "
                "these arrays may hold any number. Divide by len(y_true), or use np.mean.",
                lambda t, p: float(np.sum((t - p) ** 2) / 4),
            ),
            (
                "That divides by the number of samples minus 1, len(y_true) - 1: the mean "
                "divides the sum of the squared errors by len(y_true) itself.",
                lambda t, p: float(np.sum((t - p) ** 2) / (len(t) - 1)),
            ),
            (
                "That is half the MSE: the mean of the squared errors has no 1/2 in front.",
                lambda t, p: float(np.mean((t - p) ** 2) / 2),
            ),
            (
                "That is twice the MSE: the mean of the squared errors has no 2 in front.",
                lambda t, p: float(2 * np.mean((t - p) ** 2)),
            ),
            (
                "That is the sum of the squared errors: divide it by the number of samples "
                "(take the mean).",
                lambda t, p: float(np.sum((t - p) ** 2)),
            ),
            (
                "Python squares before it subtracts: y_true - y_pred ** 2 squares y_pred "
                "alone. Put brackets round the error: (y_true - y_pred) ** 2.",
                lambda t, p: float(np.mean(t - p**2)),
            ),
            (
                "That is the square of the mean error: square each error first, then take "
                "the mean, np.mean((y_true - y_pred) ** 2).",
                lambda t, p: float(np.mean(t - p) ** 2),
            ),
            (
                last_left_out,
                lambda t, p: float(np.sum((t[:-1] - p[:-1]) ** 2) / len(t)),
            ),
            (
                last_left_out,
                lambda t, p: float(np.mean((t[:-1] - p[:-1]) ** 2)),
            ),
            (
                "The errors are not squared: square each before taking the mean.",
                lambda t, p: float(np.mean(t - p)),
            ),
            (
                "That is the mean of |error|: square each error instead.",
                lambda t, p: float(np.mean(np.abs(t - p))),
            ),
            (
                "That is the square root of the MSE: leave the root out.",
                lambda t, p: float(np.sqrt(np.mean((t - p) ** 2))),
            ),
        ],
        errors=CARET,
        paste=True,
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "4.2": ("The mean squared error", _mse_loss_4_2()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
