"""The checkers of chapter 9, a bigger problem (docs/bigger_problem.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import checks
from ..datasets import make_moons
from ..matrix import MatrixNetwork, train_batches
from .common import Checker, named_checker

CALM_RATE = 4.0
"""Exercise 9.2's largest learning rate: up to it, a last-bit nudge leaves its accuracy alone."""

EPOCHS, TARGET = 100, 0.98
"""Exercise 9.2's task: this many epochs, to get at least this fraction right (0.5 gets 97.5%)."""


def _rate(answer: Any) -> tuple[float | None, str]:
    """Exercise 9.2's answer as a learning rate, or None and what is wrong with it."""
    try:
        return checks.positive_real(answer, "the learning rate"), ""
    except (TypeError, ValueError) as error:
        refused = str(error)
    if isinstance(answer, str):
        advice = (
            f"write the number without quotes: {answer.strip()}, not {answer!r}."
            if answer.strip()
            else "write a number, such as 1.0, without quotes."
        )
    elif isinstance(answer, list | tuple | np.ndarray | dict | set):
        advice = "answer with one rate, a number, and check each rate you try on its own."
    elif checks.real(answer, "the learning rate") == 0:
        advice = "with 0 nothing moves: the rate is how far each step goes."
    else:
        advice = (
            "a negative rate steps uphill: the update w - learn_rate * dL/dw already "
            "has its minus, so the rate is above 0."
        )
    return None, f"{refused}: {advice}"


def _learning_rate_9_2(answer: Any) -> tuple[bool, str]:
    try:
        rate, problem = _rate(answer)
    except (TypeError, ValueError) as error:  # not even a real number: NaN, infinity, True
        return False, str(error)
    if rate is None:
        return False, problem
    shown = repr(rate).removesuffix(".0")  # in full, as Python reads it back: 1, 0.3, 1e-05
    if rate > CALM_RATE:
        # Above it the steps are so big that the last binary digit of one number,
        # which two machines may disagree on, decides the accuracy: a verdict on
        # such a rate would differ between readers.
        return False, (
            f"with learn_rate={shown} the steps are so big that training turns chaotic: "
            f"its accuracy would depend on your machine's last binary digits. "
            f"Choose one of at most {CALM_RATE:g}."
        )
    X, y = make_moons(200, noise=0.2, rng=0)
    net = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=1)
    try:
        train_batches(net, X, y, loss="bce", learn_rate=rate, epochs=EPOCHS, batch_size=16, rng=2)
    except ValueError:
        return False, f"with learn_rate={shown} training diverged: try a smaller one."
    accuracy = float(np.mean((net.forward(X)[:, 0] >= 0.5) == y))
    if accuracy >= TARGET:
        return True, f"with learn_rate={shown}, {EPOCHS} epochs get {accuracy:.1%} right."
    hint = "a larger one learns faster" if rate < 1 else "a smaller one may do better"
    return False, f"with learn_rate={shown}, {EPOCHS} epochs get only {accuracy:.1%} right: {hint}."


def _accuracy_9_3() -> Checker:
    def right(y_true: Any, scores: Any) -> float:
        return float(np.mean((scores >= 0.5) == y_true))

    def right_count(y_true: Any, scores: Any) -> float:
        return float(np.sum((scores >= 0.5) == y_true))

    rng = np.random.default_rng(83)
    random_cases = [(rng.integers(0, 2, 8).astype(float), rng.random(8).round(2)) for _ in range(3)]
    return named_checker(
        "accuracy",
        right=right,
        cases=lambda: [
            (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.5, 0.2, 0.9, 0.7])),
            *random_cases,
        ],
        mistakes=[
            (
                "A score of exactly 0.5 reads as 1: compare with >= 0.5 (with > 0.5, or "
                "np.round, which rounds 0.5 down to 0, it reads as 0).",
                lambda t, s: float(np.mean((s > 0.5) == t)),
            ),
            (
                "That is the number right: divide by the number of samples.",
                right_count,
            ),
            (
                "That divides by a fixed 4: divide by the number of samples, len(y_true).",
                lambda t, s: right_count(t, s) / 4,
            ),
            (
                "That divides by one less than the number of samples: divide by len(y_true).",
                lambda t, s: right_count(t, s) / (len(t) - 1),
            ),
            (
                "That is a percentage: return the fraction, between 0 and 1.",
                lambda t, s: 100 * right(t, s),
            ),
            (
                "That is the fraction wrong: count the samples where (scores >= 0.5) == y_true.",
                lambda t, s: float(np.mean((s >= 0.5) != t)),
            ),
            (
                "That compares the raw scores with the answers: read each score as 0 or 1 "
                "first, (scores >= 0.5) == y_true (and mind the order, accuracy(y_true, "
                "scores)).",
                lambda t, s: float(np.mean(s == t)),
            ),
            (
                "That is the fraction of scores that read as 1: compare each with its "
                "answer, (scores >= 0.5) == y_true, then take the mean.",
                lambda t, s: float(np.mean(s >= 0.5)),
            ),
            (
                "That is one True or False per sample: return their mean, the fraction "
                "that are True.",
                lambda t, s: (s >= 0.5) == t,
            ),
        ],
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "9.2": ("Choose a learning rate", _learning_rate_9_2),
    "9.3": ("Accuracy", _accuracy_9_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
