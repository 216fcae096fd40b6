"""The checkers of chapter 9, a bigger problem (docs/bigger_problem.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import checks
from ..datasets import make_moons
from ..matrix import MatrixNetwork, train_batches
from .common import Checker, function_checker

CALM_RATE = 4.0
"""Exercise 9.2's largest learning rate: up to it, its training ends the same on every machine."""


def _learning_rate_9_2(answer: Any) -> tuple[bool, str]:
    try:
        rate = checks.positive_real(answer, "the learning rate")
    except (TypeError, ValueError) as error:
        return False, str(error)
    if rate > CALM_RATE:
        # Above it the steps are so big that the last binary digit of one number,
        # which two machines may disagree on, decides the accuracy: a verdict on
        # such a rate would differ between readers.
        return False, (
            f"with learn_rate={rate:g} the steps are so big that training turns chaotic: "
            f"its accuracy would depend on your machine's last binary digits. "
            f"Choose one of at most {CALM_RATE:g}."
        )
    X, y = make_moons(200, noise=0.2, rng=0)
    net = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=1)
    try:
        train_batches(net, X, y, loss="bce", learn_rate=rate, epochs=200, batch_size=16, rng=2)
    except ValueError:
        return False, f"with learn_rate={rate:g} training diverged: try a smaller one."
    accuracy = float(np.mean((net.forward(X)[:, 0] >= 0.5) == y))
    if accuracy >= 0.95:
        return True, f"with learn_rate={rate:g}, 200 epochs get {accuracy:.1%} right."
    hint = "a larger one learns faster" if rate < 1 else "the steps may be overshooting"
    return False, f"with learn_rate={rate:g}, 200 epochs get only {accuracy:.1%} right: {hint}."


def _accuracy_9_3() -> Checker:
    def right(y_true: Any, scores: Any) -> float:
        return float(np.mean((scores >= 0.5) == y_true))

    rng = np.random.default_rng(83)
    random_cases = [(rng.integers(0, 2, 8).astype(float), rng.random(8).round(2)) for _ in range(3)]
    return function_checker(
        "accuracy",
        right=right,
        cases=lambda: [
            (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.5, 0.2, 0.9, 0.7])),
            *random_cases,
        ],
        mistakes=[
            (
                "A score of exactly 0.5 reads as 1 (F): compare with >= 0.5, not > 0.5.",
                lambda t, s: float(np.mean((s > 0.5) == t)),
            ),
            (
                "That is the number right: divide by the number of samples.",
                lambda t, s: float(np.sum((s >= 0.5) == t)),
            ),
            (
                "That is a percentage: return the fraction, between 0 and 1.",
                lambda t, s: 100 * right(t, s),
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "9.2": ("Choose a learning rate", _learning_rate_9_2),
    "9.3": ("Accuracy", _accuracy_9_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
