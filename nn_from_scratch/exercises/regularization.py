"""The checkers of chapter 12, overfitting and regularization (docs/regularization.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, named_checker


def _decayed_gradient_12_1() -> Checker:
    def right(grad: Any, W: Any, lam: float) -> Any:
        return grad + lam * W

    rng = np.random.default_rng(121)
    random_cases = [
        (rng.normal(0, 1, (3, 2)).round(3), rng.normal(0, 2, (3, 2)).round(3), lam)
        for lam in (0.01, 0.3)
    ]
    return named_checker(
        "decayed_gradient",
        right=right,
        cases=lambda: [
            (np.array([[0.5, -1.0]]), np.array([[2.0, 4.0]]), 0.1),
            (np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[1.0, -3.0], [0.5, 2.0]]), 0.5),
            (np.array([[1.0], [-2.0]]), np.array([[0.0], [0.0]]), 0.2),
            *random_cases,
        ],
        mistakes=[
            (
                "The sign is wrong: the penalty's slope, lam * W, is added to the gradient "
                "(the step then subtracts both).",
                lambda g, W, lam: g - lam * W,
            ),
            (
                "That is twice the term: the slope of (lam / 2) * w**2 is lam * w, the "
                "1/2 cancels the 2 of w**2.",
                lambda g, W, lam: g + 2 * lam * W,
            ),
            (
                "That is half the term: the slope of (lam / 2) * w**2 is lam * w, not "
                "(lam / 2) * w.",
                lambda g, W, lam: g + lam / 2 * W,
            ),
            (
                "That adds the penalty's own size, lam * W**2: its slope is lam * W.",
                lambda g, W, lam: g + lam * W**2,
            ),
            (
                "That adds (lam / 2) * W**2, the penalty itself: add its slope, lam * W.",
                lambda g, W, lam: g + lam / 2 * W**2,
            ),
            (
                "The data's gradient is missing: return grad + lam * W.",
                lambda g, W, lam: lam * W,
            ),
            ("lam is missing: return grad + lam * W.", lambda g, W, lam: g + W),
            (
                "That multiplies the gradient by lam too: only the penalty's slope has "
                "lam, grad + lam * W.",
                lambda g, W, lam: lam * (g + W),
            ),
        ],
    )


def _dropout_mask_12_2() -> Checker:
    def right(u: Any, p: float) -> Any:
        return (u >= p) / (1 - p)

    rng = np.random.default_rng(122)
    random_cases = [(rng.random((3, 4)).round(3), p) for p in (0.2, 0.6)]
    return named_checker(
        "dropout_mask",
        right=right,
        cases=lambda: [
            (np.array([[0.1, 0.7, 0.45, 0.9]]), 0.3),
            (np.array([[0.05, 0.25], [0.95, 0.6]]), 0.25),  # u == p: kept
            *random_cases,
            (np.array([[0.3, 0.8]]), 0.0),
        ],
        mistakes=[
            (
                "The outputs kept are not scaled up: divide by 1 - p, so that each "
                "output keeps its average, (u >= p) / (1 - p).",
                lambda u, p: (u >= p) * 1.0,
            ),
            (
                "That divides by p: the kept outputs are a fraction 1 - p of them, so "
                "divide by 1 - p.",
                lambda u, p: (u >= p) / p,
            ),
            (
                "That multiplies by 1 - p: divide by it, so that the mask's mean is 1.",
                lambda u, p: (u >= p) * (1 - p),
            ),
            (
                "That keeps an output where u < p, with probability p: keep it where "
                "u >= p, with probability 1 - p.",
                lambda u, p: (u < p) / (1 - p),
            ),
            (
                "That keeps where u < p and divides by p: keep where u >= p (probability "
                "1 - p) and divide by 1 - p.",
                lambda u, p: (u < p) / p,
            ),
            (
                "That drops an output where u equals p: drop only where u < p, keep where u >= p.",
                lambda u, p: (u > p) / (1 - p),
            ),
            (
                "Those are u's own numbers: compare u with p, keep (1) where u >= p, "
                "drop (0) elsewhere, then divide by 1 - p.",
                lambda u, p: u / (1 - p),
            ),
        ],
    )


def _best_epoch_12_3() -> Checker:
    def right(val_losses: Any) -> int:
        return int(np.argmin(val_losses))

    rng = np.random.default_rng(123)
    random_cases = [([round(float(x), 3) for x in rng.uniform(0.2, 2.0, 8)],) for _ in range(2)]
    return named_checker(
        "best_epoch",
        right=right,
        cases=lambda: [
            ([2.3, 1.1, 0.7, 0.9, 1.4],),
            ([0.9, 0.5, 0.6, 0.8],),
            ([3.0, 2.0, 1.5, 1.2],),
            *random_cases,
            ([1.0, 0.4, 0.6, 0.4, 0.9],),  # two epochs tie: the first is kept
        ],
        mistakes=[
            (
                "That is the epoch of the highest validation loss: early stopping keeps "
                "the lowest, np.argmin.",
                lambda v: int(np.argmax(v)),
            ),
            (
                "That is the lowest loss itself: return its epoch, the position in the "
                "list, np.argmin(val_losses).",
                lambda v: min(v),
            ),
            (
                "Off by one: epochs are numbered from 0, as the list's positions are.",
                lambda v: int(np.argmin(v)) + 1,
            ),
            (
                "That is the last epoch: return the one with the lowest validation loss.",
                lambda v: len(v) - 1,
            ),
            (
                "When two epochs tie, keep the first: a later one is no better, and the "
                "callback's `<` only replaces the best by a lower loss.",
                lambda v: len(v) - 1 - int(np.argmin(v[::-1])),
            ),
            (
                "That is the epoch where the loss first rose: keep the lowest over all "
                "epochs, np.argmin(val_losses), the loss may fall again later.",
                lambda v: next((i for i in range(1, len(v)) if v[i] > v[i - 1]), len(v)) - 1,
            ),
        ],
        errors={
            "list indices": "val_losses is a list: np.argmin(val_losses) finds the position "
            "of its lowest value.",
        },
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "12.1": ("The L2 term in the gradient", _decayed_gradient_12_1()),
    "12.2": ("An inverted-dropout mask", _dropout_mask_12_2()),
    "12.3": ("The best epoch", _best_epoch_12_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
