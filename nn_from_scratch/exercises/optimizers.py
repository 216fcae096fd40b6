"""The checkers of chapter 13, faster descent: momentum and Adam (docs/optimizers.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import CARET, Checker, named_checker

_UPHILL = "The moves go uphill: each is minus learn_rate times the step, -learn_rate * v."


def _momentum(grads: Any, learn_rate: float, beta: float, *, keep: float = 1.0) -> Any:
    """Momentum's moves, with `keep` times each new gradient (1 is right)."""
    v = np.zeros(grads.shape[1:])
    moves = []
    for g in grads:
        v = beta * v + keep * g
        moves.append(-learn_rate * v)
    return np.array(moves)


def _momentum_13_1() -> Checker:
    def right(grads: Any, learn_rate: float, beta: float) -> Any:
        return _momentum(grads, learn_rate, beta)

    def old_velocity(grads: Any, learn_rate: float, beta: float) -> Any:
        v = np.zeros(grads.shape[1:])
        moves = []
        for g in grads:
            moves.append(-learn_rate * v)  # moves before this step's gradient is in
            v = beta * v + g
        return np.array(moves)

    def beta_on_both(grads: Any, learn_rate: float, beta: float) -> Any:
        v = np.zeros(grads.shape[1:])
        moves = []
        for g in grads:
            v = beta * (v + g)
            moves.append(-learn_rate * v)
        return np.array(moves)

    rng = np.random.default_rng(131)
    return named_checker(
        "momentum_moves",
        right=right,
        cases=lambda: [
            (np.array([[1.0], [1.0], [1.0]]), 0.1, 0.9),
            (np.array([[1.0, -2.0], [-1.0, 2.0], [1.0, -2.0], [-1.0, 2.0]]), 0.5, 0.5),
            (rng.normal(0, 1, (6, 3)).round(3), 0.05, 0.9),
            (rng.normal(0, 1, (5, 2)).round(3), 0.2, 0.3),
        ],
        mistakes=[
            (
                "Those are plain SGD's moves, -learn_rate * g: add each gradient into the "
                "velocity, v = beta * v + g, and move by -learn_rate * v.",
                lambda G, lr, b: -lr * G,
            ),
            (
                "That is v = beta * v + (1 - beta) * g, a running mean (Adam's m): momentum "
                "adds the whole gradient, v = beta * v + g.",
                lambda G, lr, b: _momentum(G, lr, b, keep=1 - b),
            ),
            (_UPHILL, lambda G, lr, b: -right(G, lr, b)),
            (
                "Each move uses the velocity from before this step's gradient: update v "
                "first, v = beta * v + g, then move by -learn_rate * v.",
                old_velocity,
            ),
            (
                "That is v = beta * (v + g), which shrinks the new gradient too: beta "
                "multiplies the old velocity only, v = beta * v + g.",
                beta_on_both,
            ),
            (
                "Those are the velocities: return the moves, -learn_rate * v.",
                lambda G, lr, b: _momentum(G, 1.0, b) * -1,
            ),
            (
                "Those moves leave out the learning rate: each is -learn_rate * v, not -v.",
                lambda G, lr, b: _momentum(G, 1.0, b),
            ),
            (
                "Those are the positions, the moves added up from 0: return each step's "
                "own move, -learn_rate * v.",
                lambda G, lr, b: np.cumsum(right(G, lr, b), axis=0),
            ),
            (
                "learn_rate and beta are swapped: v = beta * v + g, then -learn_rate * v.",
                lambda G, lr, b: _momentum(G, b, lr),
            ),
            (
                "Every move is the last one: v was changed in place (v *= beta, v += g) and "
                "the same array appended each step, so every row shows the final velocity. "
                "Write v = beta * v + g, a new array each step, or append a copy.",
                lambda G, lr, b: np.repeat(_momentum(G, lr, b)[-1:], len(G), axis=0),
            ),
        ],
        errors={
            "not enough values": "Loop over the rows: for g in grads gives one "
            "gradient (a row) per step."
        },
        names=("grads", "learn_rate", "beta"),
    )


def _adam(
    grads: Any,
    learn_rate: float,
    beta1: float,
    beta2: float,
    eps: float,
    *,
    first_t: int = 1,
    correct_m: bool = True,
    correct_s: bool = True,
    beta_of_s: str = "beta2",
    root: bool = True,
    eps_inside: bool = False,
    eps_used: bool = True,
    weight_squared: bool = False,
) -> Any:
    """Adam's moves; the keywords make one mistake each (their defaults are right)."""
    m = np.zeros(grads.shape[1:])
    s = np.zeros(grads.shape[1:])
    moves = []
    for t, g in enumerate(grads, start=first_t):
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + ((1 - beta2) * g) ** 2 if weight_squared else beta2 * s + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t) if correct_m else m
        b = beta2 if beta_of_s == "beta2" else beta1
        s_hat = s / (1 - b**t) if correct_s else s
        if eps_inside:
            divisor = np.sqrt(s_hat + eps)
        else:
            divisor = (np.sqrt(s_hat) if root else s_hat) + (eps if eps_used else 0)
        moves.append(-learn_rate * m_hat / divisor)
    return np.array(moves)


def _adam_13_2() -> Checker:
    def right(grads: Any, learn_rate: float, beta1: float, beta2: float, eps: float) -> Any:
        return _adam(grads, learn_rate, beta1, beta2, eps)

    def times(grads: Any, learn_rate: float, beta1: float, beta2: float, eps: float) -> Any:
        m = np.zeros(grads.shape[1:])
        s = np.zeros(grads.shape[1:])
        moves = []
        for t, g in enumerate(grads, start=1):
            m = beta1 * m + (1 - beta1) * g
            s = beta2 * s + (1 - beta2) * g**2
            m_hat, s_hat = m * (1 - beta1**t), s * (1 - beta2**t)
            moves.append(-learn_rate * m_hat / (np.sqrt(s_hat) + eps))
        return np.array(moves)

    def of_g(grads: Any, learn_rate: float, beta1: float, beta2: float, eps: float) -> Any:
        return _adam(np.abs(grads), learn_rate, beta1, beta2, eps) * np.sign(grads)

    rng = np.random.default_rng(132)
    return named_checker(
        "adam_moves",
        right=right,
        cases=lambda: [
            (np.array([[4.0, -0.7]]), 0.5, 0.9, 0.999, 1e-8),
            (np.array([[1.0], [1.0], [1.0], [1.0]]), 0.1, 0.9, 0.999, 1e-8),
            (rng.normal(0, 1, (6, 3)).round(3), 0.01, 0.9, 0.999, 1e-8),
            (np.array([[3e-7, -1e-6], [2e-7, -2e-6], [4e-7, -1e-6]]), 0.1, 0.9, 0.999, 1e-8),
            (rng.normal(0, 2, (5, 2)).round(3), 0.05, 0.8, 0.99, 1e-8),
        ],
        mistakes=[
            (
                "There is no bias correction: divide m by (1 - beta1**t) and s by "
                "(1 - beta2**t), with t = 1 at the first step; without it the first "
                "moves are too long.",
                lambda *a: _adam(*a, correct_m=False, correct_s=False),
            ),
            (
                "The correction's t is one too large: the first step is t = 1, so m is "
                "divided by 1 - beta1 (for t in range(1, len(grads) + 1), or "
                "enumerate(grads, start=1)).",
                lambda *a: _adam(*a, first_t=2),
            ),
            (
                "s is corrected with beta1: divide it by 1 - beta2**t, with beta2.",
                lambda *a: _adam(*a, beta_of_s="beta1"),
            ),
            (
                "Only s is corrected: m needs its own, m_hat = m / (1 - beta1**t).",
                lambda *a: _adam(*a, correct_m=False),
            ),
            (
                "Only m is corrected: s needs its own, s_hat = s / (1 - beta2**t).",
                lambda *a: _adam(*a, correct_s=False),
            ),
            (
                "Divide by the square root of s_hat: m_hat / (np.sqrt(s_hat) + eps).",
                lambda *a: _adam(*a, root=False),
            ),
            (
                "eps goes outside the square root, np.sqrt(s_hat) + eps: inside, it "
                "swamps a tiny s_hat (here it moves only the ninth digit).",
                lambda *a: _adam(*a, eps_inside=True),
            ),
            (
                "eps is left out: the move is -learn_rate * m_hat / (np.sqrt(s_hat) + eps). "
                "Without it a move is a hair too long, in the ninth digit here.",
                lambda *a: _adam(*a, eps_used=False),
            ),
            (
                "Those are -learn_rate * np.sign(g), moves of exactly learn_rate: Adam's first "
                "comes close, but eps shortens it a hair (the ninth digit here), and later "
                "moves use the means, -learn_rate * m_hat / (np.sqrt(s_hat) + eps).",
                lambda G, lr, b1, b2, e: -lr * np.sign(G),
            ),
            (
                "((1 - beta2) * g)**2 squares the weight too: s is the running mean of the "
                "squares, beta2 * s + (1 - beta2) * g**2.",
                lambda *a: _adam(*a, weight_squared=True),
            ),
            (
                "The moves go uphill: each is -learn_rate * m_hat / (np.sqrt(s_hat) + eps).",
                lambda *a: -right(*a),
            ),
            (
                "Divide by (1 - beta**t), do not multiply: m_hat = m / (1 - beta1**t).",
                times,
            ),
            (
                "s is the running mean of the squared gradients: (1 - beta2) * g**2, not g.",
                of_g,
            ),
        ],
        errors={
            "divide by zero": "t starts at 1: at t = 0, 1 - beta1**0 is 0. Count the steps "
            "from 1, enumerate(grads, start=1).",
            "invalid value": "np.sqrt of a negative number: s is a mean of squared "
            "gradients, (1 - beta2) * g**2, never negative.",
            **CARET,
        },
        names=("grads", "learn_rate", "beta1", "beta2", "eps"),
    )


def _decay_13_3() -> Checker:
    def right(start: float, end: float, epochs: int, epoch: int) -> Any:
        return start * (end / start) ** (epoch / epochs)

    return named_checker(
        "exponential_decay",
        right=right,
        cases=lambda: [
            (0.3, 0.003, 10, 0),
            (0.3, 0.003, 10, 5),
            (1.0, 0.01, 4, 3),
            (0.5, 0.1, 7, 7),
            (2.0, 0.5, 6, 2),
            (0.8, 0.05, 9, 4),
        ],
        mistakes=[
            (
                "That comes down in a straight line: exponential decay multiplies by the "
                "same factor each epoch, start * (end / start) ** (epoch / epochs).",
                lambda a, b, n, k: a + (b - a) * k / n,
            ),
            (
                "end / start is the factor for all the epochs together: one epoch's is its "
                "root, (end / start) ** (1 / epochs).",
                lambda a, b, n, k: a * (b / a) ** k,
            ),
            (
                "That reaches end one epoch early: the factor is (end / start) ** (1 / "
                "epochs), reaching end at epoch = epochs.",
                lambda a, b, n, k: a * (b / a) ** (k / (n - 1)),
            ),
            (
                "Epoch 0 runs at start: the exponent is epoch / epochs, not (epoch + 1) / epochs.",
                lambda a, b, n, k: a * (b / a) ** ((k + 1) / n),
            ),
            (
                "start * d * epoch multiplies by d once, then by epoch: the rate is "
                "multiplied by d every epoch, start * d ** epoch.",
                lambda a, b, n, k: a * (b / a) ** (1 / n) * k,
            ),
            (
                "That rate grows: the factor is end / start, below 1.",
                lambda a, b, n, k: a * (a / b) ** (k / n),
            ),
            (
                "Python reads x ** epoch / epochs as (x ** epoch) / epochs: put the "
                "exponent in parentheses, ** (epoch / epochs).",
                lambda a, b, n, k: a * (b / a) ** k / n,
            ),
            (
                "Python reads x ** 1 / epochs as (x ** 1) / epochs: put the exponent in "
                "parentheses, ** (1 / epochs).",
                lambda a, b, n, k: a * ((b / a) ** 1 / n) ** k,
            ),
            (
                "Python reads x ** (1 / epochs) ** epoch from the right, as x ** ((1 / "
                "epochs) ** epoch): put the factor in parentheses, ((end / start) ** (1 / "
                "epochs)) ** epoch.",
                lambda a, b, n, k: a * (b / a) ** ((1 / n) ** k),
            ),
            (
                "Python reads end / start ** (1 / epochs) as end / (start ** (1 / epochs)): "
                "the root is of the ratio, ((end / start) ** (1 / epochs)) ** epoch.",
                lambda a, b, n, k: a * (b / a ** (1 / n)) ** k,
            ),
            (
                "That starts at end and ends at start: start * (end / start) ** (epoch / "
                "epochs) is start at epoch 0.",
                lambda a, b, n, k: b * (a / b) ** (k / n),
            ),
        ],
        errors=CARET,
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "13.1": ("Momentum's moves", _momentum_13_1()),
    "13.2": ("Adam's moves", _adam_13_2()),
    "13.3": ("An exponential decay", _decay_13_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
