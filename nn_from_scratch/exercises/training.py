"""The checkers of chapter 6, training with SGD (docs/training.md)."""

from __future__ import annotations

import copy
import itertools
import math
from typing import Any

import numpy as np

from ..activation import sigmoid
from ..network import NeuralNetwork
from .common import CARET, Checker, apart, function_checker, literal, quietly, run, same_kind, show

f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


PRECEDENCE = (
    "Python multiplies before it subtracts: a difference that is multiplied needs brackets, "
    "as in -2 * (y_true - o1) and o1 * (1 - o1)."
)


def _precedence_slips() -> list[Any]:
    """Exercise 6.1's update with a difference left without its brackets, as a reader may
    write it: in dL/dy_pred or in the sigmoid's slope, each as a name of its own (as the
    solution does), inside one slope, or in the whole update on one line."""
    return [
        lambda w5, h1, o1, y, lr: w5 - lr * (-2 * y - o1) * (h1 * o1 * (1 - o1)),
        lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1)) * (h1 * o1 * 1 - o1),
        lambda w5, h1, o1, y, lr: w5 - lr * (-2 * y - o1 * h1 * o1 * (1 - o1)),
        lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1 * o1 * 1 - o1),
        lambda w5, h1, o1, y, lr: w5 - lr * -2 * y - o1 * h1 * o1 * (1 - o1),
        lambda w5, h1, o1, y, lr: w5 - lr * -2 * (y - o1) * h1 * o1 * 1 - o1,
    ]


def _new_w5_6_1() -> Checker:
    def slope(h1: float, o1: float, y_true: float, factor: float = 2.0) -> float:
        return -factor * (y_true - o1) * h1 * o1 * (1 - o1)

    def right(w5: float, h1: float, o1: float, y_true: float, learn_rate: float) -> float:
        return w5 - learn_rate * slope(h1, o1, y_true)

    alice = (0.0, 0.268941, 0.566833, 1.0, 0.1)  # exercise 5.1's h1 and o1: Alice's, rounded
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
            (
                "The sigmoid's slope is o1's, o1 (1 - o1): w5 is in the output neuron. "
                "h1 (1 - h1) belongs to the chains of h1's own weights.",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1 * h1 * (1 - h1)),
            ),
            (
                "That is the step alone, -learn_rate * dL/dw5: return the new w5, the old "
                "one plus the step, w5 - learn_rate * dL/dw5.",
                lambda w5, h1, o1, y, lr: -lr * slope(h1, o1, y),
            ),
            (
                "That is the slope dL/dw5 itself: the new w5 is w5 - learn_rate * dL/dw5.",
                lambda w5, h1, o1, y, lr: slope(h1, o1, y),
            ),
            (
                "The learning rate is missing: the step is learn_rate times the slope, "
                "w5 - learn_rate * dL/dw5.",
                lambda w5, h1, o1, y, lr: w5 - slope(h1, o1, y),
            ),
            (
                "h1 is missing from dy_pred/dw5 = h1 o1 (1 - o1): w5 multiplies h1 in o1's "
                "total, so h1 is its last link.",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * o1 * (1 - o1)),
            ),
            (
                "The sigmoid's slope at o1 was taken as f(o1) (1 - f(o1)): o1 is already the "
                "sigmoid of its total, so the slope is o1 (1 - o1).",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1 * f(o1) * (1 - f(o1))),
            ),
            (
                "The last link of dy_pred/dw5 = h1 o1 (1 - o1) is h1, what w5 multiplies in "
                "o1's total, not o1.",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * o1 * o1 * (1 - o1)),
            ),
            (
                "That is w5 unchanged: subtract learn_rate * dL/dw5 from it.",
                lambda w5, h1, o1, y, lr: w5,
            ),
            (
                "The last link of dy_pred/dw5 = h1 o1 (1 - o1) is h1, what w5 multiplies in "
                "o1's total, not w5 itself.",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * w5 * o1 * (1 - o1)),
            ),
            *[(PRECEDENCE, slip) for slip in _precedence_slips()],
        ],
        errors=CARET,
        paste=True,
    )


PARAMETER_ORDER = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")


def _slopes(
    p: list[float], x1: float, x2: float, y_true: float, learn_rate: float, mistake: str = ""
) -> list[float]:
    """The nine slopes for one person, in the order of `PARAMETER_ORDER`, or with one of
    `TRAIN_LOOP_MISTAKES`."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = p
    h1 = f(w1 * x1 + w2 * x2 + b1)
    h2 = f(w3 * x1 + w4 * x2 + b2)
    o1 = f(w5 * h1 + w6 * h2 + b3)

    def slope(h: float, at: str) -> float:
        """The sigmoid's slope at the neuron `at`, whose output is h."""
        if mistake.startswith("no h (1 - h) at ") and at in mistake.split()[6:]:
            return 1.0
        wrong = mistake.startswith("f(h) at ") and at in mistake.split()[2:]
        return f(h) * (1 - f(h)) if wrong else h * (1 - h)

    d_L_d_sum_o1 = (-1 if mistake == "no 2" else -2) * (y_true - o1) * slope(o1, "o1")
    if mistake == "w5 w6 swapped":
        w5, w6 = w6, w5
    if mistake == "updated first":  # the hidden layer's slopes see w5 and w6 after their step
        w5, w6 = w5 - learn_rate * d_L_d_sum_o1 * h1, w6 - learn_rate * d_L_d_sum_o1 * h2
    d_L_d_sum_h1 = d_L_d_sum_o1 * w5 * slope(h1, "h1")
    d_L_d_sum_h2 = d_L_d_sum_o1 * (w5 if mistake == "w5 at h2" else w6) * slope(h2, "h2")
    bias = 0.0 if mistake == "no biases" else 1.0  # a bias's input is 1
    h1_x1, h1_x2 = (x2, x1) if mistake.startswith("x swapped") else (x1, x2)
    h2_x1, h2_x2 = (x2, x1) if mistake == "x swapped at h1 and h2" else (x1, x2)
    return [
        d_L_d_sum_h1 * h1_x1,
        d_L_d_sum_h1 * h1_x2,
        d_L_d_sum_h2 * h2_x1,
        d_L_d_sum_h2 * h2_x2,
        d_L_d_sum_o1 * h1,
        d_L_d_sum_o1 * h2,
        d_L_d_sum_h1 * bias,
        d_L_d_sum_h2 * bias,
        d_L_d_sum_o1 * bias,
    ]


def _sgd_epochs(
    parameters: list[float],
    data: list[list[float]],
    all_y_trues: list[float],
    learn_rate: float,
    epochs: int,
    mistake: str = "",
) -> list[float]:
    """Chapter 6's training loop on nine plain floats, or the loop with one of
    `TRAIN_LOOP_MISTAKES`."""
    p = [float(value) for value in parameters]
    step = -learn_rate if mistake == "uphill" else learn_rate
    epochs += {"one epoch too few": -1, "one epoch too many": 1}.get(mistake, 0)
    people = list(zip(data, all_y_trues, strict=True))
    if mistake == "last person left out":
        people = people[:-1]
    if mistake.startswith("return in"):  # the return, indented too far, ends the loop early
        epochs = min(epochs, 1)
    if mistake == "return in the person loop":
        people = people[:1]
    for _ in range(epochs):
        if mistake.endswith("batch"):  # everyone's slopes (mean or sum), one step per epoch
            every = [_slopes(p, x1, x2, y, learn_rate) for (x1, x2), y in people]
            size = len(people) if mistake == "full batch" else 1
            total = [sum(column) / size for column in zip(*every, strict=True)]
            p = [value - step * d for value, d in zip(p, total, strict=True)]
            continue
        for (x1, x2), y_true in people:
            slopes = _slopes(p, x1, x2, y_true, learn_rate, mistake)
            p = [value - step * d for value, d in zip(p, slopes, strict=True)]
    return p


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


def _sigmoid_at(*neurons: str) -> str:
    """The mistake of the sigmoid's slope taken as f(h) (1 - f(h)) at these neurons."""
    if len(neurons) == 3:
        return (
            "the sigmoid's slope was taken at the neuron's output: it is h (1 - h) for a "
            "neuron whose output is h, not f(h) (1 - f(h))."
        )
    if len(neurons) == 2:
        return (
            f"the sigmoid's slope at {neurons[0]} and {neurons[1]} was taken as "
            "f(h) (1 - f(h)): for a neuron whose output is h, it is h (1 - h)."
        )
    (h,) = neurons
    return (
        f"the sigmoid's slope at {h} was taken as f({h}) (1 - f({h})): for a neuron whose "
        f"output is {h}, it is {h} (1 - {h})."
    )


TRAIN_LOOP_MISTAKES = {
    "no biases": "the biases never moved: update b1, b2 and b3 too, with their own slopes.",
    "updated first": "w5, w6 and b3 moved before the hidden layer's slopes were computed, "
    "so those used the new w5 and w6: compute all nine slopes first, then update.",
    "uphill": "every parameter moved uphill: the update is w - learn_rate * dL/dw, with a "
    "minus (or the sign of dL/dy_pred = -2 (y_true - y_pred) is flipped).",
    **{
        f"f(h) at {' '.join(neurons)}": _sigmoid_at(*neurons)
        for size in (3, 1, 2)
        for neurons in itertools.combinations(("o1", "h1", "h2"), size)
    },
    "full batch": "the slopes were averaged over all the people, with one step per epoch "
    "(full-batch gradient descent): SGD, as in this chapter, takes a step after each "
    "person, inside the loop over zip(data, all_y_trues).",
    "summed batch": "the slopes of all the people were added up, with one step per epoch: "
    "SGD, as in this chapter, takes a step after each person, with that person's nine "
    "slopes, inside the loop over zip(data, all_y_trues).",
    "one epoch too few": "the loop ran one epoch too few: for epoch in range(epochs) runs it "
    "epochs times.",
    "one epoch too many": "the loop ran one epoch too many: for epoch in range(epochs) runs "
    "it epochs times.",
    "last person left out": "each epoch left the last person out: go through every one, "
    "with zip(data, all_y_trues) (or range(len(data)) if you count).",
    "no 2": "the factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
    "w5 w6 swapped": "w5 and w6 are swapped in the backward pass: h1 reaches o1 through w5, "
    "so d_L_d_sum_h1 = d_L_d_sum_o1 * w5 * h1 * (1 - h1), and h2 through w6.",
    "w5 at h2": "w5 is in h2's chain, where w6 belongs: h2 reaches o1 through w6, so "
    "d_L_d_sum_h2 = d_L_d_sum_o1 * w6 * h2 * (1 - h2).",
    **{
        f"no h (1 - h) at {' '.join(hs)}": f"the sigmoid's slope at {' and '.join(hs)} is "
        "missing: "
        + " and ".join(f"d_L_d_sum_{h} ends with * {h} * (1 - {h})" for h in hs)
        + ", as d_L_d_sum_o1 ends with * o1 * (1 - o1)."
        for hs in (("h1", "h2"), ("h1",), ("h2",))
    },
    "x swapped at h1": "x1 and x2 are swapped in the slopes of w1 and w2: w1 multiplies x1 "
    "in h1's total, so d_L_d_w1 = d_L_d_sum_h1 * x1, and d_L_d_w2 = d_L_d_sum_h1 * x2.",
    "x swapped at h1 and h2": "x1 and x2 are swapped in the slopes of w1 to w4: w1 and w3 "
    "multiply x1, so d_L_d_w1 = d_L_d_sum_h1 * x1; w2 and w4 multiply x2.",
    "return in the epoch loop": "the return is inside the epoch loop: it stops after one "
    "epoch. Give it the indent of the line for epoch in range(epochs), so it runs after the "
    "loop.",
    "return in the person loop": "the return is inside the loop over the people: it stops "
    "after the first one. Give it the indent of the line for epoch in range(epochs), so it "
    "runs after both loops.",
}
"""What each mistake `_sgd_epochs` can make looks like, in the verdict's words."""


def _train_loop_6_3() -> Checker:
    people = [[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]]
    labels = [1.0, 0.0, 0.0, 1.0]
    seed_42 = NeuralNetwork.random(42).parameters()
    rng = np.random.default_rng(63)
    other_data = rng.normal(0, 2, (6, 2)).round(3).tolist()
    other_labels = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]

    def cases() -> list[tuple[str, tuple[Any, ...]]]:
        seed_42_start = "list(NeuralNetwork.random(42).parameters().values())"
        seed_7_start = "list(NeuralNetwork.random(7).parameters().values())"
        return [
            (f"{seed_42_start}, {literal(people)}, {literal(labels)}, 0.1, 1",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1)),
            (f"{seed_42_start}, {literal(people)}, {literal(labels)}, 0.1, 1000",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1000)),
            (f"{seed_7_start}, {literal(other_data)}, {literal(other_labels)}, 0.5, 30",
             (list(NeuralNetwork.random(7).parameters().values()),
              [list(x) for x in other_data], list(other_labels), 0.5, 30)),
        ]  # fmt: skip

    def close(got: list[float], expected: list[float]) -> bool:
        return all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
            for a, b in zip(got, expected, strict=True)
        )

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
            if close(got, expected):
                continue
            first = next(i for i in range(9) if not close(got[i : i + 1], expected[i : i + 1]))
            returned, wanted = apart(got[first], expected[first])
            told = f"{call} gave {PARAMETER_ORDER[first]} = {returned}, expected {wanted}."
            for mistake, text in TRAIN_LOOP_MISTAKES.items():
                made = quietly(_sgd_epochs, (*arguments, mistake))
                if made is not None and close(got, made):
                    return False, f"{told} It looks like {text}"
            if close(sorted(got), sorted(expected)):
                return False, (
                    f"{told} The nine numbers are right, in another order: return them as "
                    "[w1, w2, w3, w4, w5, w6, b1, b2, b3]."
                )
            return False, told
        return True, "train_loop ends on the same nine parameters as train() in all 3 cases."

    return judge


CHECKERS: dict[str, tuple[str, Checker]] = {
    "6.1": ("One step for w5", _new_w5_6_1()),
    "6.3": ("The whole training loop", _train_loop_6_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
