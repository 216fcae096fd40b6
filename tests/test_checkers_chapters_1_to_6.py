"""Chapters 1 to 6's checkers name the likeliest mistakes, and print a failed case to paste.

Each wrong answer is written as a reader would write it, from the exercise's
page: plain Python with `math.exp`, or numpy where the exercise hands over
arrays. Each must fail, with the advice that names its mistake; the case it
failed on must print as Python that recreates it, and two different numbers
must never print the same.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import NeuralNetwork
from nn_from_scratch.exercises import EXERCISES, verdict
from nn_from_scratch.exercises.common import function_checker, named_checker


def sig(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# --- 1.2 and 1.3 ------------------------------------------------------------------------


def slope_of_the_input(x: float) -> float:
    return x * (1 - x)


def slope_without_brackets(x: float) -> float:
    fx = sig(x)
    return fx * 1 - fx


def rise_over_run(x: float) -> float:
    h = 1e-6
    return (sig(x + h) - sig(x)) / h


def central_difference(x: float) -> float:
    h = 1e-4  # the most accurate step for a central difference here: still not exact
    return (sig(x + h) - sig(x - h)) / (2 * h)


def slope_half_of_the_input(x: float) -> float:
    fx = sig(x)
    return fx * (1 - x)


def slope_rounded(x: float) -> float:
    fx = sig(x)
    return round(fx * (1 - fx), 6)


def slope_doubled(x: float) -> float:
    fx = sig(x)
    return 2 * fx * (1 - fx)


def slope_with_caret(x: float) -> float:
    return math.exp(-x) / (1 + math.exp(-x)) ^ 2  # type: ignore[operator]


def sigmoid_plain(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def sigmoid_exp_on_top(x: float) -> float:
    return math.exp(x) / (1 + math.exp(x))


def sigmoid_numpy(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def sigmoid_branches_swapped(x: float) -> float:
    if x >= 0:
        return math.exp(x) / (1 + math.exp(x))
    return 1 / (1 + math.exp(-x))


def sigmoid_cut_off(x: float) -> float:
    if x < -700:
        return 0.0
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return math.exp(x) / (1 + math.exp(x))


def sigmoid_by_symmetry(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return 1 - 1 / (1 + math.exp(x))  # f(x) = 1 - f(-x)


def sigmoid_clamped(x: float) -> float:
    return 1 / (1 + math.exp(-max(x, -709.0)))


def sigmoid_sign_slip(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return 1 / (1 + math.exp(x))


def sigmoid_minus_below(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    ex = math.exp(x)
    return ex / (1 - ex)


def sigmoid_exp_alone(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    return math.exp(x)


def sigmoid_minus_above(x: float) -> float:
    if x >= 0:
        return 1 / (1 - math.exp(-x))
    ex = math.exp(x)
    return ex / (1 + ex)


# --- 2.2 ----------------------------------------------------------------------------------


def neuron(weights: list[float], bias: float, inputs: list[float], mistake: str = "") -> float:
    total = 0.0 if mistake == "no bias" else bias
    pairs = list(zip(weights, inputs, strict=True))
    for w, x in pairs[:-1] if mistake == "last left out" else pairs:
        total += w * x + (bias if mistake == "bias in the loop" else 0.0)
    if mistake == "no squash":
        return total
    if mistake == "no minus":
        return 1 / (1 + math.exp(total))
    if mistake == "1 - exp":
        return 1 / (1 - math.exp(-total))
    if mistake == "no brackets":
        return 1 / 1 + math.exp(-total)
    return 1 / (1 + math.exp(-total))


def neuron_weighing_wrong(
    weights: list[float], bias: float, inputs: list[float], mistake: str
) -> float:
    total = bias
    for w, x in zip(weights, inputs, strict=True):
        total += {"w + x": w + x, "x * x": x * x, "w": w, "x": x}[mistake]
    return 1 / (1 + math.exp(-total))


def neuron_with_caret(weights: list[float], bias: float, inputs: list[float]) -> float:
    total = bias + sum(w * x for w, x in zip(weights, inputs, strict=True))
    return 1 / (1 + math.e ^ -total)  # type: ignore[operator]


# --- 3.2 ----------------------------------------------------------------------------------


def network(net: Any, x: list[float], mistake: str = "") -> float:
    x1, x2 = (x[1], x[0]) if mistake == "inputs swapped" else (x[0], x[1])
    w2, w3 = (net.w3, net.w2) if mistake == "crossed" else (net.w2, net.w3)
    b1, b2 = (net.b2, net.b1) if mistake == "biases swapped" else (net.b1, net.b2)
    w5, w6 = (net.w6, net.w5) if mistake == "w5 and w6 swapped" else (net.w5, net.w6)
    h1 = sig(net.w1 * x1 + w2 * x2 + b1)
    h2 = sig(w3 * x1 + net.w4 * x2 + b2)
    b3 = 0.0 if mistake == "no b3" else net.b3
    if mistake == "no output sigmoid":
        return w5 * h1 + w6 * h2 + b3
    return sig(w5 * h1 + w6 * h2 + b3)


def network_counting_from_1(net: Any, x: list[float]) -> float:
    h1 = sig(net.w1 * x[1] + net.w2 * x[2] + net.b1)
    h2 = sig(net.w3 * x[1] + net.w4 * x[2] + net.b2)
    return sig(net.w5 * h1 + net.w6 * h2 + net.b3)


def network_with_own_sigmoid(net: Any, x: list[float], slip: str) -> float:
    def sigmoid(z: float) -> float:
        if slip == "no minus":
            return 1 / (1 + math.exp(z))
        return 1 / 1 + math.exp(-z)  # no brackets round the bottom

    h1 = sigmoid(net.w1 * x[0] + net.w2 * x[1] + net.b1)
    h2 = sigmoid(net.w3 * x[0] + net.w4 * x[1] + net.b2)
    return sigmoid(net.w5 * h1 + net.w6 * h2 + net.b3)


def network_returning_h2(net: Any, x: list[float]) -> float:
    h1 = sig(net.w1 * x[0] + net.w2 * x[1] + net.b1)  # noqa: F841 (o1 is forgotten)
    h2 = sig(net.w3 * x[0] + net.w4 * x[1] + net.b2)
    return h2


def network_feeding_x_to_o1(net: Any, x: list[float]) -> float:
    return sig(net.w5 * x[0] + net.w6 * x[1] + net.b3)


def network_without_import(net: Any, x: list[float]) -> float:
    h1 = sigmoid(net.w1 * x[0] + net.w2 * x[1] + net.b1)  # type: ignore[name-defined]  # noqa: F821
    h2 = sigmoid(net.w3 * x[0] + net.w4 * x[1] + net.b2)  # type: ignore[name-defined]  # noqa: F821
    return float(sigmoid(net.w5 * h1 + net.w6 * h2 + net.b3))  # type: ignore[name-defined]  # noqa: F821


def network_in_the_pages_letters(net: Any, x: list[float]) -> float:
    h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)  # type: ignore[name-defined]  # noqa: F821
    h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)  # type: ignore[name-defined]  # noqa: F821
    return float(f(net.w5 * h1 + net.w6 * h2 + net.b3))  # type: ignore[name-defined]  # noqa: F821


# --- 4.2 ----------------------------------------------------------------------------------


def mse_divided_by_4(y_true: Any, y_pred: Any) -> float:
    total = 0.0
    for t, p in zip(y_true, y_pred, strict=True):
        total += (t - p) ** 2
    return float(total / 4)


def mse_counting_to_n_minus_1(y_true: Any, y_pred: Any) -> float:
    total = 0.0
    for i in range(len(y_true) - 1):
        total += (y_true[i] - y_pred[i]) ** 2
    return float(total / len(y_true))


def mse_divided_by_n_minus_1(y_true: Any, y_pred: Any) -> float:
    return float(np.sum((y_true - y_pred) ** 2) / (len(y_true) - 1))


def mse_with_caret(y_true: Any, y_pred: Any) -> float:
    return float(np.mean((y_true - y_pred) ^ 2))


# --- 5.2 ----------------------------------------------------------------------------------


def b1_slope(net: Any, x1: float, x2: float, y_true: float, mistake: str = "") -> float:
    h1 = sig(net.w1 * x1 + net.w2 * x2 + net.b1)
    h2 = sig(net.w3 * x1 + net.w4 * x2 + net.b2)
    o1 = sig(net.w5 * h1 + net.w6 * h2 + net.b3)
    d_L_d_ypred = (-1 if mistake == "no 2" else -2) * (y_true - o1)
    if mistake == "sign":
        d_L_d_ypred = 2 * (y_true - o1)
    w5 = {"no w5": 1.0, "w6": net.w6}.get(mistake, net.w5)
    d_ypred_d_h1 = w5 if mistake == "no o1 slope" else w5 * o1 * (1 - o1)
    d_h1_d_b1 = {
        "x1 in front": x1 * h1 * (1 - h1),
        "x2 in front": x2 * h1 * (1 - h1),
        "h2's slope": h2 * (1 - h2),
        "no h1 slope": 1.0,
        "f(h1)": sig(h1) * (1 - sig(h1)),
    }.get(mistake, h1 * (1 - h1))
    return d_L_d_ypred * d_ypred_d_h1 * d_h1_d_b1


# --- 6.1 and 6.3 ----------------------------------------------------------------------------


def step_w5(
    w5: float, h1: float, o1: float, y_true: float, rate: float, mistake: str = ""
) -> float:
    d_L_d_ypred = -2 * (y_true - o1)
    d_ypred_d_w5 = {
        "no h1": o1 * (1 - o1),
        "h1's slope": h1 * h1 * (1 - h1),
    }.get(mistake, h1 * o1 * (1 - o1))
    slope = d_L_d_ypred * d_ypred_d_w5
    return {
        "change only": -rate * slope,
        "slope only": slope,
        "no rate": w5 - slope,
        "uphill": w5 + rate * slope,
    }.get(mistake, w5 - rate * slope)


def loop(
    parameters: list[float],
    data: list[list[float]],
    all_y_trues: list[float],
    learn_rate: float,
    epochs: int,
    mistake: str = "",
) -> list[float]:
    """Exercise 6.3 as the page's solution writes it, or with one mistake."""

    def slope(h: float, neuron: str) -> float:
        return sig(h) * (1 - sig(h)) if f"f({neuron})" in mistake else h * (1 - h)

    w1, w2, w3, w4, w5, w6, b1, b2, b3 = parameters
    first = 1 if mistake == "range(1, epochs)" else 0
    last = epochs + 1 if mistake == "range(epochs + 1)" else epochs
    people = list(zip(data, all_y_trues, strict=True))
    if mistake == "range(len(data) - 1)":
        people = people[:-1]
    for _ in range(first, last):
        batch = [0.0] * 9
        for (x1, x2), y_true in people:
            h1 = sig(w1 * x1 + w2 * x2 + b1)
            h2 = sig(w3 * x1 + w4 * x2 + b2)
            o1 = sig(w5 * h1 + w6 * h2 + b3)
            d_L_d_sum_o1 = -2 * (y_true - o1) * slope(o1, "o1")
            d_L_d_sum_h1 = d_L_d_sum_o1 * w5 * slope(h1, "h1")
            d_L_d_sum_h2 = d_L_d_sum_o1 * w6 * slope(h2, "h2")
            slopes = [
                d_L_d_sum_h1 * x1,
                d_L_d_sum_h1 * x2,
                d_L_d_sum_h2 * x1,
                d_L_d_sum_h2 * x2,
                d_L_d_sum_o1 * h1,
                d_L_d_sum_o1 * h2,
                d_L_d_sum_h1,
                d_L_d_sum_h2,
                d_L_d_sum_o1,
            ]
            if mistake == "full batch":
                batch = [total + d / len(data) for total, d in zip(batch, slopes, strict=True)]
                continue
            w1, w2, w3, w4, w5, w6, b1, b2, b3 = (
                p - learn_rate * d
                for p, d in zip([w1, w2, w3, w4, w5, w6, b1, b2, b3], slopes, strict=True)
            )
        if mistake == "full batch":
            w1, w2, w3, w4, w5, w6, b1, b2, b3 = (
                p - learn_rate * d
                for p, d in zip([w1, w2, w3, w4, w5, w6, b1, b2, b3], batch, strict=True)
            )
    if mistake == "biases beside their weights":
        return [w1, w2, b1, w3, w4, b2, w5, w6, b3]
    return [w1, w2, w3, w4, w5, w6, b1, b2, b3]


def mistaken(function: Any, mistake: str) -> Any:
    """`function` making `mistake`: the reader's answer with that one slip."""
    return lambda *arguments: function(*arguments, mistake)


MISTAKES: list[tuple[str, Any, str]] = [
    ("1.2", slope_of_the_input, "That is x (1 - x), from the input x"),
    ("1.2", slope_without_brackets, "Python multiplies before it subtracts"),
    ("1.2", rise_over_run, "a rise over run"),
    ("1.2", central_difference, "a rise over run"),
    ("1.2", sig, "That is the sigmoid itself"),
    ("1.2", slope_half_of_the_input, "That is f(x) (1 - x)"),
    ("1.2", slope_rounded, "a rounded number loses digits"),
    ("1.2", slope_with_caret, "write ** for a power"),
    ("1.2", slope_doubled, "That is twice the slope"),
    ("1.3", sigmoid_plain, "x = -1000.0 here. For negative x, use"),
    ("1.3", sigmoid_numpy, "x = -1000.0 here. For negative x, use"),
    ("1.3", sigmoid_exp_on_top, "x = 1000.0 here. For positive x, use 1 / (1 + exp(-x))"),
    ("1.3", sigmoid_branches_swapped, "For negative x, use"),
    ("1.3", sigmoid_cut_off, "its tiny value fits in a float"),
    ("1.3", sigmoid_by_symmetry, "(1 - f(-x), 1 + tanh(x / 2)), rounds it away"),
    ("1.3", lambda x: 0.5 * (1 + math.tanh(x / 2)), "(1 - f(-x), 1 + tanh(x / 2))"),
    ("1.3", sigmoid_sign_slip, "That is f(-x)"),
    ("1.3", sigmoid_minus_below, "sigmoid(-1.0) returned 0.58"),
    ("1.3", sigmoid_minus_below, "A minus where the sigmoid has a plus"),
    ("1.3", sigmoid_minus_above, "A minus where the sigmoid has a plus"),
    ("1.3", sigmoid_exp_alone, "sigmoid(-1.0) returned 0.36"),
    ("1.3", sigmoid_exp_alone, "That is exp(x) alone"),
    ("2.2", mistaken(neuron, "no bias"), "The bias is missing"),
    ("2.2", mistaken(neuron, "bias in the loop"), "The bias is added once per input"),
    ("2.2", mistaken(neuron, "no squash"), "pass it through the sigmoid"),
    ("2.2", mistaken(neuron, "no minus"), "That is f(-total)"),
    ("2.2", mistaken(neuron, "last left out"), "The last input is left out"),
    ("2.2", mistaken(neuron, "1 - exp"), "the sigmoid has a plus"),
    ("2.2", neuron_with_caret, "write ** for a power"),
    ("2.2", mistaken(neuron, "no brackets"), "Python divides before it adds"),
    ("2.2", mistaken(neuron_weighing_wrong, "w + x"), "Each weight is added to its input"),
    ("2.2", mistaken(neuron_weighing_wrong, "x * x"), "Each input is multiplied by itself"),
    ("2.2", mistaken(neuron_weighing_wrong, "w"), "The inputs are missing"),
    ("2.2", mistaken(neuron_weighing_wrong, "x"), "The weights are missing"),
    ("3.2", network_counting_from_1, "Python counts a list from 0"),
    ("3.2", mistaken(network, "inputs swapped"), "The two inputs are swapped"),
    ("3.2", mistaken(network, "crossed"), "The wiring is crossed"),
    ("3.2", mistaken(network, "biases swapped"), "The biases are swapped"),
    ("3.2", mistaken(network, "w5 and w6 swapped"), "w5 and w6 are swapped"),
    ("3.2", mistaken(network, "no output sigmoid"), "o1 needs its sigmoid too"),
    ("3.2", mistaken(network, "no b3"), "o1's bias b3 is missing"),
    ("3.2", mistaken(network_with_own_sigmoid, "no minus"), "Your sigmoid has lost its minus"),
    ("3.2", mistaken(network_with_own_sigmoid, "no brackets"), "Python divides before it adds"),
    ("3.2", network_returning_h2, "That is h2: return o1"),
    ("3.2", network_feeding_x_to_o1, "o1's inputs are h1 and h2, not x1 and x2"),
    ("3.2", network_without_import, "`from nn_from_scratch import sigmoid`"),
    ("3.2", network_in_the_pages_letters, "f is the pages' name for the sigmoid"),
    ("4.2", mse_divided_by_4, "That divides by 4 whatever the length"),
    ("4.2", mse_divided_by_n_minus_1, "the number of samples minus 1"),
    ("4.2", lambda t, p: float(np.sum((t - p) ** 2)), "the sum of the squared errors"),
    ("4.2", mse_with_caret, "write ** for a power"),
    ("4.2", lambda t, p: float(np.mean((t - p) ** 2) / 2), "That is half the MSE"),
    ("4.2", lambda t, p: float(2 * np.mean((t - p) ** 2)), "That is twice the MSE"),
    ("4.2", mse_counting_to_n_minus_1, "The last sample is left out"),
    ("4.2", lambda t, p: float(np.mean(t - p**2)), "Python squares before it subtracts"),
    ("4.2", lambda t, p: float(np.mean(t - p) ** 2), "the square of the mean error"),
    ("5.2", mistaken(b1_slope, "no w5"), "the weight w5 is missing"),
    ("5.2", mistaken(b1_slope, "x1 in front"), "a bias's input is always 1"),
    ("5.2", mistaken(b1_slope, "x2 in front"), "That is dL/dw2, with x2 in front"),
    ("5.2", mistaken(b1_slope, "h2's slope"), "h2 (1 - h2) has no place in its chain"),
    ("5.2", mistaken(b1_slope, "w6"), "The weight is w5, through which h1 reaches o1"),
    ("5.2", mistaken(b1_slope, "no o1 slope"), "The sigmoid's slope at o1 is missing"),
    ("5.2", mistaken(b1_slope, "no 2"), "The factor 2"),
    ("5.2", mistaken(b1_slope, "sign"), "The sign is flipped"),
    ("5.2", mistaken(b1_slope, "no h1 slope"), "The last link, dh1/db1 = h1 (1 - h1)"),
    ("5.2", mistaken(b1_slope, "f(h1)"), "not f(h1) (1 - f(h1))"),
    ("6.1", mistaken(step_w5, "change only"), "That is the step alone"),
    ("6.1", mistaken(step_w5, "slope only"), "That is the slope dL/dw5 itself"),
    ("6.1", mistaken(step_w5, "no rate"), "The learning rate is missing"),
    ("6.1", mistaken(step_w5, "uphill"), "You stepped uphill"),
    ("6.1", mistaken(step_w5, "no h1"), "h1 is missing from dy_pred/dw5"),
    ("6.1", mistaken(step_w5, "h1's slope"), "The sigmoid's slope is o1's"),
    ("6.3", mistaken(loop, "f(h1)"), "slope at h1 was taken as f(h1) (1 - f(h1))"),
    ("6.3", mistaken(loop, "f(h2)"), "slope at h2 was taken as f(h2) (1 - f(h2))"),
    ("6.3", mistaken(loop, "f(o1)"), "slope at o1 was taken as f(o1) (1 - f(o1))"),
    ("6.3", mistaken(loop, "f(h1) f(h2)"), "slope at h1 and h2 was taken as f(h) (1 - f(h))"),
    ("6.3", mistaken(loop, "f(o1) f(h1) f(h2)"), "slope was taken at the neuron's output"),
    ("6.3", mistaken(loop, "full batch"), "full-batch gradient descent"),
    ("6.3", mistaken(loop, "biases beside their weights"), "right, in another order"),
    ("6.3", mistaken(loop, "range(1, epochs)"), "one epoch too few"),
    ("6.3", mistaken(loop, "range(epochs + 1)"), "one epoch too many"),
    ("6.3", mistaken(loop, "range(len(data) - 1)"), "each epoch left the last person out"),
]


@pytest.mark.parametrize(
    ("exercise", "answer", "advice"), MISTAKES, ids=[f"{n}-{a[:30]}" for n, _, a in MISTAKES]
)
def test_a_likely_mistake_fails_and_is_named(exercise: str, answer: Any, advice: str) -> None:
    passed, line = verdict(exercise, answer)
    assert passed is False, line
    assert advice in line, line


def test_every_exercise_of_chapters_1_to_6_names_four_mistakes_at_least() -> None:
    ours = [number for number in EXERCISES if int(number.split(".")[0]) <= 6]
    assert ours == ["1.2", "1.3", "2.2", "3.2", "4.2", "5.2", "6.1", "6.3"]
    for number in ours:
        named = {advice for exercise, _, advice in MISTAKES if exercise == number}
        assert len(named) >= 4, number


def test_the_readers_helpers_here_are_right_without_their_mistake() -> None:
    rights = {
        "1.3": sigmoid_by_symmetry,  # right, but for the digits it loses far out
        "2.2": neuron,
        "3.2": network,
        "5.2": b1_slope,
        "6.1": step_w5,
        "6.3": loop,
    }
    for number, right in rights.items():
        passed, line = verdict(number, right)
        assert passed is (number != "1.3"), line


def test_an_answer_that_is_none_of_the_mistakes_is_told_only_the_numbers() -> None:
    # sigmoid_clamped gives f(-709) = 1.2e-308 at -1000: no mistake of the list, and not 0.
    _, line = verdict("1.3", sigmoid_clamped)
    assert line == "1.3 not yet: sigmoid(-1000.0) returned 1.21678e-308, expected 0.0."


@pytest.mark.parametrize("family", [function_checker, named_checker])
def test_a_mistake_is_named_only_if_it_fits_every_case(family: Any) -> None:
    # On two samples, dividing the sum by 4 is half the mean; on four samples it is the mean.
    checker = family(
        "mse_loss",
        lambda t, p: float(np.mean((t - p) ** 2)),
        lambda: [(np.array([1.0, 0.0]), np.array([0.9, 0.2])), (np.ones(4), np.zeros(4))],
        [("That divides by 4.", lambda t, p: float(np.sum((t - p) ** 2) / 4))],
    )
    _, told = checker(lambda t, p: float(np.mean((t - p) ** 2) / 2))
    assert "returned 0.0125, expected 0.025." in told
    assert "divides by 4" not in told
    passed, told = checker(lambda t, p: float(np.sum((t - p) ** 2) / 4))
    assert passed is False and "divides by 4" in told


def test_the_overflow_advice_follows_the_side_that_overflowed() -> None:
    _, line = verdict("1.3", sigmoid_exp_on_top)
    assert "for negative x" in line.split("For positive x")[1]  # keep exp(x) / ... there
    assert "For negative x, use the same function" not in line


# --- what a failed case prints --------------------------------------------------------------


def the_call(line: str) -> str:
    """The failed call a verdict prints, such as ``deriv_sigmoid(2.0)``."""
    return re.split(r" (?:returned|raised|warned|gave) ", line.split(" not yet: ")[1])[0]


@pytest.mark.parametrize("exercise", ["1.2", "1.3", "2.2", "3.2", "4.2", "5.2", "6.1", "6.3"])
def test_the_failed_case_pastes_back_as_the_same_arguments(exercise: str) -> None:
    seen: list[tuple[Any, ...]] = []

    def spy(*arguments: Any) -> None:
        seen.append(arguments)

    _, line = verdict(exercise, spy)  # it returns None: the first case fails
    call = the_call(line)
    name = call.split("(")[0]
    again: list[tuple[Any, ...]] = []
    eval(call, {name: lambda *a: again.append(a), "np": np, "NeuralNetwork": NeuralNetwork})
    assert len(seen) == len(again) == 1
    for ours, pasted in zip(seen[0], again[0], strict=True):
        if isinstance(ours, NeuralNetwork):
            assert pasted.parameters() == ours.parameters()  # every bit
        elif isinstance(ours, np.ndarray):
            assert np.array_equal(pasted, ours)
        else:
            assert pasted == ours


@pytest.mark.parametrize("answer", [rise_over_run, central_difference])
def test_two_different_numbers_never_print_the_same(answer: Any) -> None:
    _, line = verdict("1.2", answer)
    found = re.search(r"returned (\S+), expected (\S+)\.", line)
    assert found is not None, line
    returned, expected = found.groups()
    assert returned != expected
    assert math.isclose(float(returned), answer(float(the_call(line)[14:-1])), rel_tol=1e-6)


def test_a_wrong_training_loop_prints_the_first_wrong_parameter_apart() -> None:
    _, line = verdict("6.3", mistaken(loop, "f(o1)"))
    found = re.search(r"gave (\w+) = (\S+), expected (\S+)\.", line)
    assert found is not None, line
    assert found.group(2) != found.group(3)


# --- 5.2: brackets left out, b1 left out, the loss returned ---------------------------------


def forward(network: Any, x1: float, x2: float, b1: bool = True) -> tuple[float, float, float]:
    h1 = sig(network.w1 * x1 + network.w2 * x2 + (network.b1 if b1 else 0))
    h2 = sig(network.w3 * x1 + network.w4 * x2 + network.b2)
    return h1, h2, sig(network.w5 * h1 + network.w6 * h2 + network.b3)


def b1_slope_error_unbracketed(network: Any, x1: float, x2: float, y_true: float) -> float:
    h1, _, o1 = forward(network, x1, x2)
    d_L_d_ypred = -2 * y_true - o1
    return d_L_d_ypred * network.w5 * o1 * (1 - o1) * h1 * (1 - h1)


def b1_slope_output_unbracketed(network: Any, x1: float, x2: float, y_true: float) -> float:
    h1, _, o1 = forward(network, x1, x2)
    d_ypred_d_h1 = network.w5 * o1 * 1 - o1
    return -2 * (y_true - o1) * d_ypred_d_h1 * h1 * (1 - h1)


def b1_slope_hidden_unbracketed(network: Any, x1: float, x2: float, y_true: float) -> float:
    h1, _, o1 = forward(network, x1, x2)
    d_h1_d_b1 = h1 * 1 - h1
    return -2 * (y_true - o1) * network.w5 * o1 * (1 - o1) * d_h1_d_b1


def b1_slope_without_b1(network: Any, x1: float, x2: float, y_true: float) -> float:
    h1, _, o1 = forward(network, x1, x2, b1=False)
    return -2 * (y_true - o1) * network.w5 * o1 * (1 - o1) * h1 * (1 - h1)


def b1_slope_the_loss(network: Any, x1: float, x2: float, y_true: float) -> float:
    o1 = forward(network, x1, x2)[2]
    return (y_true - o1) ** 2


MORE_5_2 = [
    (b1_slope_error_unbracketed, "so -2 * y_true - o1 is (-2 * y_true) - o1"),
    (b1_slope_output_unbracketed, "so w5 * o1 * 1 - o1 is (w5 * o1) - o1"),
    (b1_slope_hidden_unbracketed, "That is 0: Python multiplies before it subtracts"),
    (b1_slope_without_b1, "The bias b1 is missing from the forward pass"),
    (b1_slope_the_loss, "That is the loss itself"),
]


@pytest.mark.parametrize(("answer", "advice"), MORE_5_2, ids=[a.__name__ for a, _ in MORE_5_2])
def test_a_5_2_slip_fails_and_is_named(answer: Any, advice: str) -> None:
    passed, line = verdict("5.2", answer)
    assert passed is False, line
    assert advice in line, line


def test_the_5_2_forward_pass_here_is_right_with_b1() -> None:
    def right(network: Any, x1: float, x2: float, y_true: float) -> float:
        h1, _, o1 = forward(network, x1, x2)
        return -2 * (y_true - o1) * network.w5 * o1 * (1 - o1) * h1 * (1 - h1)

    assert verdict("5.2", right)[0] is True


# --- 6.1 and 6.3: the page's own solution, with one slip a reader makes --------------------


def solution(exercise: str) -> str:
    """The code of the folded solution of `exercise` on docs/training.md, dedented."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "training.md").read_text()
    section = page.split(f"### Exercise {exercise}:")[1].split("### Exercise")[0]
    code = section.split('??? success "Solution"')[1].split("    ```python\n")[1]
    return "\n".join(line.removeprefix("    ") for line in code.split("    ```")[0].splitlines())


def slipped(exercise: str, name: str, *edits: tuple[str, str]) -> Any:
    """The function `name` of the solution of `exercise` with each (old, new) edit made."""
    code = solution(exercise).split("\ncheck(")[0]
    for old, new in edits:
        assert old in code, old
        code = code.replace(old, new)
    namespace: dict[str, Any] = {"f": sig}
    exec(code, namespace)
    return namespace[name]


RETURN = "    return [w1, w2, w3, w4, w5, w6, b1, b2, b3]"
B3 = "            b3 -= learn_rate * d_L_d_b3"
W5_SLOPE = "d_ypred_d_w5 = h1 * o1 * (1 - o1)"
SLIPS: list[tuple[str, Any, str]] = [
    ("6.1", slipped("6.1", "new_w5", (W5_SLOPE, "d_ypred_d_w5 = h1 * f(o1) * (1 - f(o1))")),
     "The sigmoid's slope at o1 was taken as f(o1) (1 - f(o1))"),
    ("6.1", slipped("6.1", "new_w5", (W5_SLOPE, "d_ypred_d_w5 = o1 * o1 * (1 - o1)")),
     "is h1, what w5 multiplies in o1's total, not o1."),
    ("6.1", slipped("6.1", "new_w5", (W5_SLOPE, "d_ypred_d_w5 = w5 * o1 * (1 - o1)")),
     "is h1, what w5 multiplies in o1's total, not w5 itself."),
    ("6.1", slipped("6.1", "new_w5", ("-2 * (y_true - o1)", "-2 * y_true - o1")),
     "Python multiplies before it subtracts"),
    ("6.1", slipped("6.1", "new_w5", ("h1 * o1 * (1 - o1)", "h1 * o1 * 1 - o1")),
     "Python multiplies before it subtracts"),
    ("6.1", slipped("6.1", "new_w5", (
        "return w5 - learn_rate * d_L_d_ypred * d_ypred_d_w5",
        "return w5 - learn_rate * -2 * y_true - o1 * h1 * o1 * (1 - o1)",
    )), "Python multiplies before it subtracts"),
    ("6.1", slipped("6.1", "new_w5", ("return w5 - learn_rate *", "return w5 + 0 *")),
     "That is w5 unchanged"),
    ("6.3", slipped("6.3", "train_loop", ("-2 * (y_true - o1)", "-(y_true - o1)")),
     "the factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing"),
    ("6.3", slipped("6.3", "train_loop", ("d_L_d_sum_o1 * w5 * h1", "d_L_d_sum_o1 * w6 * h1"),
                    ("d_L_d_sum_o1 * w6 * h2", "d_L_d_sum_o1 * w5 * h2")),
     "w5 and w6 are swapped in the backward pass"),
    ("6.3", slipped("6.3", "train_loop", ("d_L_d_sum_h1 * x1", "d_L_d_sum_h1 * x_2"),
                    ("d_L_d_sum_h1 * x2", "d_L_d_sum_h1 * x1"), ("x_2", "x2")),
     "x1 and x2 are swapped in the slopes of w1 and w2"),
    ("6.3", slipped("6.3", "train_loop", *[
        (f"d_L_d_sum_{h} * x{i}", f"d_L_d_sum_{h} * x_{3 - i}") for h in ("h1", "h2")
        for i in (1, 2)], ("x_", "x")),
     "x1 and x2 are swapped in the slopes of w1 to w4"),
    ("6.3", slipped("6.3", "train_loop", (RETURN, "    " + RETURN)),
     "the return is inside the epoch loop: it stops after one epoch"),
    ("6.3", slipped("6.3", "train_loop", (RETURN, ""), (B3, B3 + "\n        " + RETURN)),
     "the return is inside the loop over the people: it stops after the first one"),
]  # fmt: skip


def test_a_slip_in_the_pages_own_solution_is_named() -> None:
    for exercise, answer, advice in SLIPS:
        passed, line = verdict(exercise, answer)
        assert not passed and advice in line, line


def test_a_return_inside_the_epoch_loop_fails_on_the_second_case_only() -> None:
    # Its first case is one epoch, where the early return is right: the 1000 epochs tell.
    _, line = verdict("6.3", SLIPS[-2][1])
    assert ", 0.1, 1000) gave w1 = " in line, line


# --- 6.3: more slips a fresh reader made, in the page's own solution ------------------------

NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")
UPDATES = [f"            {p} -= learn_rate * d_L_d_{p}" for p in NAMES]
H2_CHAIN = "d_L_d_sum_o1 * w6 * h2 * (1 - h2)"
MORE_SLIPS: list[tuple[Any, str]] = [
    # "Compute all nine slopes before you change any parameter", read as: for all four people
    (slipped("6.3", "train_loop",
             *[(f"d_L_d_{p} = d_L", f"d_L_d_{p} += d_L") for p in NAMES],
             *[(line, line.removeprefix("    ")) for line in UPDATES],
             ("for epoch in range(epochs):",
              "for epoch in range(epochs):\n        " + " = ".join(f"d_L_d_{p}" for p in NAMES)
              + " = 0")),
     "the slopes of all the people were added up, with one step per epoch"),
    (slipped("6.3", "train_loop", (H2_CHAIN, H2_CHAIN.replace("w6", "w5"))),
     "w5 is in h2's chain, where w6 belongs"),
    (slipped("6.3", "train_loop", (" * h1 * (1 - h1)", ""), (" * h2 * (1 - h2)", "")),
     "the sigmoid's slope at h1 and h2 is missing"),
    (slipped("6.3", "train_loop", (" * h1 * (1 - h1)", "")),
     "the sigmoid's slope at h1 is missing"),
    (slipped("6.3", "train_loop", (" * h2 * (1 - h2)", "")),
     "the sigmoid's slope at h2 is missing"),
]  # fmt: skip


def test_more_slips_in_the_training_loop_are_named() -> None:
    for answer, advice in MORE_SLIPS:
        passed, line = verdict("6.3", answer)
        assert not passed and advice in line, line
