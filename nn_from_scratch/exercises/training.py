"""The checkers of chapter 6, training with SGD (docs/training.md)."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import Checker, function_checker, quietly, run, same_kind, show

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


def _new_w5_6_1() -> Checker:
    def slope(h1: float, o1: float, y_true: float, factor: float = 2.0) -> float:
        return -factor * (y_true - o1) * h1 * o1 * (1 - o1)

    def right(w5: float, h1: float, o1: float, y_true: float, learn_rate: float) -> float:
        return w5 - learn_rate * slope(h1, o1, y_true)

    alice = (0.0, f(-1.0), f(f(-1.0)), 1.0, 0.1)  # chapter 3's network, Alice
    rng = np.random.default_rng(52)
    random_cases = [
        (round(float(rng.normal()), 3), *rng.random(2).round(3).tolist(), float(y), 0.5)
        for y in (0, 1, 1, 0)
    ]
    return function_checker(
        "new_w5",
        right=right,
        cases=lambda: [alice, *random_cases],
        mistakes=[
            (
                "You stepped uphill: the update is w5 - learn_rate * dL/dw5, with a minus "
                "(or the sign of dL/dy_pred = -2 (y_true - y_pred) is flipped).",
                lambda w5, h1, o1, y, lr: w5 + lr * slope(h1, o1, y),
            ),
            (
                "The factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
                lambda w5, h1, o1, y, lr: w5 - lr * slope(h1, o1, y, factor=1.0),
            ),
            (
                "The sigmoid's slope o1 (1 - o1) is missing from dy_pred/dw5 = h1 o1 (1 - o1).",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1),
            ),
        ],
    )


PARAMETER_ORDER = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")


def _sgd_epochs(
    parameters: list[float],
    data: list[list[float]],
    all_y_trues: list[float],
    learn_rate: float,
    epochs: int,
    mistake: str = "",
) -> list[float]:
    """Chapter 6's training loop on nine plain floats, or the loop with one named mistake."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = (float(p) for p in parameters)
    factor = -1.0 if mistake == "uphill" else 1.0
    for _ in range(epochs):
        for (x1, x2), y_true in zip(data, all_y_trues, strict=True):
            sum_h1, sum_h2 = w1 * x1 + w2 * x2 + b1, w3 * x1 + w4 * x2 + b2
            h1, h2 = f(sum_h1), f(sum_h2)
            o1 = f(w5 * h1 + w6 * h2 + b3)
            d_L_d_sum_o1 = -2 * (y_true - o1) * o1 * (1 - o1)
            if mistake == "sigmoid of the output":  # f'(h) taken as f(h) (1 - f(h))
                d_L_d_sum_o1 = -2 * (y_true - o1) * f(o1) * (1 - f(o1))
            d_w5, d_w6, d_b3 = d_L_d_sum_o1 * h1, d_L_d_sum_o1 * h2, d_L_d_sum_o1
            if mistake == "updated first":  # the output layer moves before the hidden slopes
                w5, w6, b3 = w5 - learn_rate * d_w5, w6 - learn_rate * d_w6, b3 - learn_rate * d_b3
            d_h1, d_h2 = h1 * (1 - h1), h2 * (1 - h2)
            if mistake == "sigmoid of the output":
                d_h1, d_h2 = f(h1) * (1 - f(h1)), f(h2) * (1 - f(h2))
            d_L_d_sum_h1 = d_L_d_sum_o1 * w5 * d_h1
            d_L_d_sum_h2 = d_L_d_sum_o1 * w6 * d_h2
            step = factor * learn_rate
            w1 -= step * d_L_d_sum_h1 * x1
            w2 -= step * d_L_d_sum_h1 * x2
            w3 -= step * d_L_d_sum_h2 * x1
            w4 -= step * d_L_d_sum_h2 * x2
            if mistake != "updated first":
                w5, w6 = w5 - step * d_w5, w6 - step * d_w6
            if mistake != "no biases":
                b1, b2 = b1 - step * d_L_d_sum_h1, b2 - step * d_L_d_sum_h2
                if mistake != "updated first":
                    b3 -= step * d_b3
    return [w1, w2, w3, w4, w5, w6, b1, b2, b3]


def nine_numbers(value: Any) -> list[float] | None:
    """The reader's answer as nine floats (a list, tuple, array or dict of them), or None."""
    if isinstance(value, dict):
        if sorted(value) != sorted(PARAMETER_ORDER):
            return None
        value = [value[name] for name in PARAMETER_ORDER]
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple) or len(value) != len(PARAMETER_ORDER):
        return None
    if not all(same_kind(item, 0.0) for item in value):
        return None
    return [float(item) for item in value]


TRAIN_LOOP_MISTAKES = {
    "no biases": "the biases never moved: update b1, b2 and b3 too, with their own slopes.",
    "updated first": "w5, w6 and b3 moved before the hidden layer's slopes were computed, "
    "so those used the new w5 and w6: compute all nine slopes first, then update.",
    "uphill": "every parameter moved uphill: the update is w - learn_rate * dL/dw, with a "
    "minus (or the sign of dL/dy_pred = -2 (y_true - y_pred) is flipped).",
    "sigmoid of the output": "the sigmoid's slope was taken at the neuron's output: it is "
    "h (1 - h) for a neuron whose output is h, not f(h) (1 - f(h)).",
}


def _train_loop_6_3() -> Checker:
    people = [[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]]
    labels = [1.0, 0.0, 0.0, 1.0]
    seed_42 = NeuralNetwork.random(42).parameters()
    rng = np.random.default_rng(63)
    other_data = rng.normal(0, 2, (6, 2)).round(3).tolist()
    other_labels = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]

    def cases() -> list[tuple[str, tuple[Any, ...]]]:
        return [
            ("seed-42 start, the four people, rate 0.1, 1 epoch",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1)),
            ("seed-42 start, the four people, rate 0.1, 1000 epochs",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1000)),
            ("seed-7 start, six other people, rate 0.5, 30 epochs",
             (list(NeuralNetwork.random(7).parameters().values()),
              [list(x) for x in other_data], list(other_labels), 0.5, 30)),
        ]  # fmt: skip

    def judge(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"pass your function itself, such as train_loop, got {show(answer)}"
        for described, arguments in cases():
            expected = _sgd_epochs(*arguments)
            outcome = run(answer, copy.deepcopy(arguments))  # ours stay as they were
            call = f"train_loop({described})"
            if outcome.problem is not None:
                return False, f"{call} {outcome.problem}."
            got = nine_numbers(outcome.value)
            if outcome.value is None:
                return False, (
                    f"{call} returned None, expected the nine parameters. Does your function "
                    "`return` its result?"
                )
            if got is None:
                return False, (
                    f"{call} returned {show(outcome.value)}, expected a list of the nine "
                    "parameters w1, w2, w3, w4, w5, w6, b1, b2, b3."
                )
            wrong = [
                i
                for i in range(9)
                if not math.isclose(got[i], expected[i], rel_tol=1e-9, abs_tol=1e-12)
            ]
            if not wrong:
                continue
            first = wrong[0]
            told = (
                f"{call} gave {PARAMETER_ORDER[first]} = {show(got[first])}, "
                f"expected {show(expected[first])}."
            )
            for mistake, text in TRAIN_LOOP_MISTAKES.items():
                made = quietly(_sgd_epochs, (*arguments, mistake))
                if made is not None and all(
                    math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
                    for a, b in zip(got, made, strict=True)
                ):
                    return False, f"{told} It looks like {text}"
            return False, told
        return True, "train_loop ends on the same nine parameters as train() in all 3 cases."

    return judge


CHECKERS: dict[str, tuple[str, Checker]] = {
    "6.1": ("One step for w5", _new_w5_6_1()),
    "6.3": ("The whole training loop", _train_loop_6_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
