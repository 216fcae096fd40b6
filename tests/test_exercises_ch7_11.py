"""The checkers of chapters 7 to 11 name the likeliest mistakes, and print a failing case to rerun.

Each wrong answer below is written as a reader would write it, from the
exercise's text and hint on its page: an off-by-one, a sign, a missing factor
or term, the wrong variable, ``^`` for ``**``, an operator precedence slip, a
constant where a length belongs, a transpose. Each must fail (no wrong answer
passes), and the verdict must name the mistake with the advice given here.
The failing input must print as Python that rebuilds it exactly, and what came
back must never print the same as what was expected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import Value
from nn_from_scratch.exercises import EXERCISES, SUSPECTS, verdict
from nn_from_scratch.exercises.common import apart, literal

CHAPTERS_7_TO_11 = [n for n in EXERCISES if int(n.split(".")[0]) >= 7]


def sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


# --- 7.2: forward(X, W1, b1, W2, b2), tanh then the sigmoid -------------------------------


def no_output_sigmoid(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return H @ W2 + b2


def no_b1(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1)
    return 1 / (1 + np.exp(-(H @ W2 + b2)))


def no_b2(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return 1 / (1 + np.exp(-(H @ W2)))


def no_biases(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    return 1 / (1 + np.exp(-(np.tanh(X @ W1) @ W2)))


def sigmoid_hidden(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = 1 / (1 + np.exp(-(X @ W1 + b1)))
    return 1 / (1 + np.exp(-(H @ W2 + b2)))


def no_hidden_activation(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = X @ W1 + b1
    return 1 / (1 + np.exp(-(H @ W2 + b2)))


def tanh_output(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    return np.tanh(np.tanh(X @ W1 + b1) @ W2 + b2)


def exp_without_minus(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return 1 / (1 + np.exp(H @ W2 + b2))


def math_exp(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return 1 / (1 + math.exp(-(H @ W2 + b2)))


def star_for_at(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X * W1 + b1)
    return 1 / (1 + np.exp(-(H * W2 + b2)))


def weights_first(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(W1 @ X + b1)
    return 1 / (1 + np.exp(-(W2 @ H + b2)))


def returns_hidden(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    P = 1 / (1 + np.exp(-(H @ W2 + b2)))  # noqa: F841 - computed, then the wrong one returned
    return H


def bias_after_tanh(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1) + b1
    return 1 / (1 + np.exp(-(H @ W2 + b2)))


# --- 8.3: central_difference(f, x, eps) ----------------------------------------------------


def own_nudge(f: Any, x: float, eps: float) -> Any:
    h = 1e-5  # a nudge of one's own, not the eps given
    return (f(x + h) - f(x - h)) / (2 * h)


def xor_power(f: Any, x: float, eps: float) -> Any:
    return (f(x + eps) - f(x - eps)) / (2 * eps ^ 1)  # type: ignore[operator]


# --- 10.2: log(v) as a Value ---------------------------------------------------------------


def log_right(v: Value) -> Value:
    out = Value(math.log(v.data), (v,), "log")

    def _backward() -> None:
        v.grad += (1 / v.data) * out.grad

    out._backward = _backward
    return out


def log_written(body: str, children: str = "(v,)", number: str = "math.log(v.data)") -> Any:
    """A reader's log, with its _backward's `body` (and children, number) as written."""
    source = (
        "def log(v):\n"
        f"    out = Value({number}, {children}, 'log')\n"
        "    def _backward():\n"
        f"        {body}\n"
        "    out._backward = _backward\n"
        "    return out\n"
    )
    namespace: dict[str, Any] = {"Value": Value, "math": math, "np": np}
    exec(source, namespace)
    return namespace["log"]


def log_forgets_child(v: Value) -> Value:
    out = Value(math.log(v.data))  # no (v,): backward cannot reach v

    def _backward() -> None:
        v.grad += (1 / v.data) * out.grad

    out._backward = _backward
    return out


def log_without_backward(v: Value) -> Value:
    return Value(math.log(v.data), (v,), "log")


def log_calls_backward(v: Value) -> Value:
    out = Value(math.log(v.data), (v,), "log")

    def _backward() -> None:
        v.grad += (1 / v.data) * out.grad

    out._backward = _backward()  # type: ignore[func-returns-value]
    return out


class ChaptersValue:
    """The chapter's first Value class, as a reader who defined it has it: no backward."""

    def __init__(self, data: float, _children: tuple[Any, ...] = (), _op: str = "") -> None:
        self.data, self.grad, self._prev, self._op = data, 0.0, _children, _op


ChaptersValue.__name__ = "Value"


def log_of_the_chapters_class(v: Value) -> Any:
    return ChaptersValue(math.log(v.data), (v,), "log")


# --- 11.3: confusion_matrix(y_true, y_pred, n_classes) -------------------------------------


def rows_swapped(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[predicted, true] += 1
    return counts


def fancy_index(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    counts[y_true, y_pred] += 1
    return counts


def ones_in_a_loop(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] = 1
    return counts


def only_correct(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        if true == predicted:
            counts[true, predicted] += 1
    return counts


def classes_from_1(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true - 1, predicted - 1] += 1
    return counts


def misses_the_last(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes), dtype=int)
    for i in range(len(y_true) - 1):
        counts[y_true[i], y_pred[i]] += 1
    return counts


def zeros_without_tuple(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros(n_classes, n_classes)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] += 1
    return counts


def ten_classes(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((10, 10), dtype=int)  # the digits' 10, not n_classes
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] += 1
    return counts


def one_too_many(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes + 1, n_classes + 1), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] += 1
    return counts


def fractions(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    counts = np.zeros((n_classes, n_classes))
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] += 1
    return counts / len(y_true)


# --- Every wrong answer, with the words its verdict must contain ---------------------------


def first_rise(val_losses: Any) -> int:
    """Chapter 12's early stop at the first epoch whose loss rose: the epoch before it."""
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] > val_losses[epoch - 1]:
            return epoch - 1
    return len(val_losses) - 1


WRONG: list[tuple[str, str, Any, str]] = [
    ("7.2", "no output sigmoid", no_output_sigmoid, "The output layer has no sigmoid"),
    ("7.2", "no b1", no_b1, "The hidden layer's bias is missing"),
    ("7.2", "no b2", no_b2, "The output layer's bias is missing"),
    ("7.2", "no biases", no_biases, "The biases are missing"),
    ("7.2", "sigmoid hidden", sigmoid_hidden, "The hidden layer uses the sigmoid"),
    ("7.2", "no tanh", no_hidden_activation, "The hidden layer has no activation"),
    ("7.2", "tanh output", tanh_output, "The output layer uses tanh"),
    ("7.2", "exp(z)", exp_without_minus, "The sigmoid's minus is missing"),
    ("7.2", "math.exp", math_exp, "use np.exp and np.tanh"),
    ("7.2", "* for @", star_for_at, "not *, which multiplies element by element"),
    (
        "7.2",
        "transposed",
        lambda X, W1, b1, W2, b2: 1 / (1 + np.exp(-(np.tanh(W1.T @ X.T + b1).T @ W2 + b2))),
        "not a transpose such as W1.T @ X.T",
    ),
    ("7.2", "W1 @ X", weights_first, "X (samples, inputs) @ W1 (inputs, hidden), in that order"),
    ("7.2", "returns H", returns_hidden, "That is the hidden layer's output H"),
    ("7.2", "bias after tanh", bias_after_tanh, "b1 is added after tanh"),
    ("7.3", "a (1 - a)", lambda a: a * (1 - a), "That is the sigmoid's a (1 - a)"),
    ("7.3", "1 - a", lambda a: 1 - a, "That is 1 - a: square a"),
    ("7.3", "tanh again", lambda a: 1 - np.tanh(a) ** 2, "already a = tanh(z)"),
    ("7.3", "sech", lambda a: 1 / np.cosh(a) ** 2, "already a = tanh(z)"),
    ("7.3", "a**2 - 1", lambda a: a**2 - 1, "The sign is flipped"),
    ("7.3", "(1 - a)**2", lambda a: (1 - a) ** 2, "That is (1 - a)**2: square a alone"),
    ("7.3", "a * 2", lambda a: 1 - a * 2, "a * 2 doubles a: a**2 squares it"),
    ("7.3", "-2 a", lambda a: -2 * a, "nothing more to differentiate"),
    ("7.3", "^", lambda a: 1 - a ^ 2, "^ is not a power in Python"),
    ("7.3", "math.tanh", lambda a: 1 - math.tanh(a) ** 2, "math's functions take one number"),
    ("8.2", "softplus", "softplus", "agrees with finite differences"),
    ("8.2", "scaled_tanh", "scaled_tanh", "it is right, so look at the other two"),
    ("8.2", "capital", "Shifted_sigmoid", 'did you mean "shifted_sigmoid"?'),
    ("8.2", "space", "shifted sigmoid", 'did you mean "shifted_sigmoid"?'),
    ("8.2", "the Activation", SUSPECTS["softplus"], "that is an Activation itself, not its name"),
    ("8.2", "every name", list(SUSPECTS), "answer with one name, a string, not a list"),
    ("8.2", "in a list", ["shifted_sigmoid"], "answer with the string itself"),
    ("8.2", "the error", 1.0, "not a number"),
    ("8.2", "relu", "relu", "answer with one of the names"),
    (
        "8.3",
        "/ 2 * eps",
        lambda f, x, eps: (f(x + eps) - f(x - eps)) / 2 * eps,
        "divide by (2 * eps)",
    ),
    (
        "8.3",
        "no parentheses on top",
        lambda f, x, eps: f(x + eps) - f(x - eps) / (2 * eps),
        "Python divides only f(x - eps) by 2 * eps",
    ),
    ("8.3", "forward", lambda f, x, eps: (f(x + eps) - f(x)) / eps, "one-sided (forward)"),
    ("8.3", "backward", lambda f, x, eps: (f(x) - f(x - eps)) / eps, "one-sided (backward)"),
    ("8.3", "no 2", lambda f, x, eps: (f(x + eps) - f(x - eps)) / eps, "The 2 is missing"),
    ("8.3", "eps**2", lambda f, x, eps: (f(x + eps) - f(x - eps)) / eps**2, "divides by eps**2"),
    (
        "8.3",
        "2 * eps**2",
        lambda f, x, eps: (f(x + eps) - f(x - eps)) / (2 * eps**2),
        "divides by 2 * eps**2",
    ),
    ("8.3", "sign", lambda f, x, eps: (f(x - eps) - f(x + eps)) / (2 * eps), "sign is flipped"),
    ("8.3", "plus", lambda f, x, eps: (f(x + eps) + f(x - eps)) / (2 * eps), "A + where"),
    (
        "8.3",
        "eps / 2 each way",
        lambda f, x, eps: (f(x + eps / 2) - f(x - eps / 2)) / eps,
        "That nudges by eps / 2 each way",
    ),
    (
        "8.3",
        "f(x) + eps",
        lambda f, x, eps: ((f(x) + eps) - (f(x) - eps)) / (2 * eps),
        "The nudge goes inside f",
    ),
    ("8.3", "own nudge", own_nudge, "use the eps you are given"),
    ("8.3", "^", xor_power, "^ is not a power in Python"),
    ("9.2", "too small", 0.1, "a larger one learns faster"),
    ("9.2", "far too small", 0.01, "a larger one learns faster"),
    ("9.2", "too large", 30.0, "training turns chaotic"),
    ("9.2", "just too large", 4.5, "Choose one of at most 4"),
    ("9.2", "quoted", "1.0", "write the number without quotes"),
    ("9.2", "negative", -0.5, "a negative rate steps uphill"),
    ("9.2", "zero", 0, "with 0 nothing moves"),
    ("9.2", "several", [0.3, 1.0, 3.0], "answer with one rate"),
    ("9.3", ">", lambda t, s: float(np.mean((s > 0.5) == t)), "compare with >= 0.5"),
    ("9.3", "np.round", lambda t, s: float(np.mean(np.round(s) == t)), "or np.round"),
    ("9.3", "count", lambda t, s: float(np.sum((s >= 0.5) == t)), "That is the number right"),
    ("9.3", "/ 4", lambda t, s: np.sum((s >= 0.5) == t) / 4, "That divides by a fixed 4"),
    (
        "9.3",
        "/ (n - 1)",
        lambda t, s: np.sum((s >= 0.5) == t) / (len(t) - 1),
        "one less than the number of samples",
    ),
    ("9.3", "%", lambda t, s: 100 * np.mean((s >= 0.5) == t), "That is a percentage"),
    ("9.3", "!=", lambda t, s: float(np.mean((s >= 0.5) != t)), "That is the fraction wrong"),
    ("9.3", "raw scores", lambda t, s: float(np.mean(s == t)), "compares the raw scores"),
    ("9.3", "arguments swapped", lambda s, t: float(np.mean((s >= 0.5) == t)), "mind the order"),
    ("9.3", "no mean", lambda t, s: (s >= 0.5) == t, "return their mean"),
    ("10.2", "forgets its child", log_forgets_child, "log's Value forgot its child"),
    (
        "10.2",
        "forgets its child, []",
        log_written("v.grad += (1 / v.data) * out.grad", children="[]"),
        "forgot its child",
    ),
    ("10.2", "no _backward", log_without_backward, "x.grad is still 0"),
    ("10.2", "_backward()", log_calls_backward, "without ()"),
    ("10.2", "(v)", log_written("v.grad += 1 / v.data * out.grad", "(v)"), "with the comma"),
    ("10.2", "ln", log_written("v.grad += math.log(v.data) * out.grad"), "That is ln(x) itself"),
    ("10.2", "x", log_written("v.grad += v.data * out.grad"), "That is x: the slope"),
    ("10.2", "out.data", log_written("v.grad += 1 / out.data * out.grad"), "divides by out.data"),
    ("10.2", "no slope", log_written("v.grad += out.grad"), "That passes out.grad on alone"),
    ("10.2", "no chain", log_written("v.grad += 1 / v.data"), "multiply by out.grad"),
    ("10.2", "=", log_written("v.grad = 1 / v.data * out.grad"), "+=, not ="),
    ("10.2", "-=", log_written("v.grad -= 1 / v.data * out.grad"), "do not subtract (-=)"),
    ("10.2", "1 / v", log_written("v.grad += 1 / v * out.grad"), "not with v"),
    ("10.2", "math.log(v)", log_written("pass", number="math.log(v)"), "use v.data"),
    ("10.2", "np.log(v)", log_written("pass", number="np.log(v)"), "use v.data"),
    ("10.2", "log10", log_written("pass", number="math.log10(v.data)"), "base 10"),
    ("10.2", "a float", lambda v: math.log(v.data), "Wrap the number in a Value"),
    ("10.2", "chapter's class", log_of_the_chapters_class, "from nn_from_scratch import Value"),
    ("11.1", "overflows", lambda z: np.exp(z) / np.exp(z).sum(), "subtract z.max() from z first"),
    ("11.1", "no exp", lambda z: z / z.sum(), "Take np.exp of each total first"),
    ("11.1", "sum of z", lambda z: np.exp(z) / z.sum(), "not of z"),
    ("11.1", "no division", lambda z: np.exp(z - z.max()), "Divide by the sum"),
    (
        "11.1",
        "by the largest",
        lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).max(),
        "not by the largest",
    ),
    (
        "11.1",
        "max on top only",
        lambda z: np.exp(z - z.max()) / np.exp(z).sum(),
        "subtracted on top only",
    ),
    (
        "11.1",
        "exp(-z)",
        lambda z: np.exp(-(z - z.max())) / np.exp(-(z - z.max())).sum(),
        "That is np.exp(-z)",
    ),
    ("11.1", "z.max", lambda z: np.exp(z - z.max) / np.exp(z - z.max).sum(), "call them"),
    ("11.1", "math.exp", lambda z: math.exp(z) / math.exp(z).sum(), "np.exp works on the whole"),
    ("11.1", "sigmoid", lambda z: 1 / (1 + np.exp(-z)), "That is a sigmoid of each total"),
    ("11.1", "z.min()", lambda z: np.exp(z - z.min()) / np.exp(z - z.min()).sum(), "z.max()"),
    ("11.3", "rows swapped", rows_swapped, "Rows and columns are swapped"),
    ("11.3", "fancy +=", fancy_index, "Each entry is 0 or 1"),
    ("11.3", "= 1", ones_in_a_loop, "a pair seen twice counts once"),
    ("11.3", "only correct", only_correct, "Only the diagonal is filled"),
    ("11.3", "classes from 1", classes_from_1, "Off by one: the classes start at 0"),
    ("11.3", "misses the last", misses_the_last, "The last sample is not counted"),
    ("11.3", "np.zeros(k, k)", zeros_without_tuple, "np.zeros takes the shape as one tuple"),
    ("11.3", "ten classes", ten_classes, "The size is fixed at 10 classes"),
    ("11.3", "one too many", one_too_many, "one row and column too many"),
    ("11.3", "fractions", fractions, "Those are fractions"),
    ("12.1", "minus", lambda g, W, lam: g - lam * W, "The sign is wrong"),
    ("12.1", "2 lam W", lambda g, W, lam: g + 2 * lam * W, "That is twice the term"),
    ("12.1", "lam / 2 W", lambda g, W, lam: g + lam / 2 * W, "That is half the term"),
    ("12.1", "lam W**2", lambda g, W, lam: g + lam * W**2, "its slope is lam * W"),
    ("12.1", "no grad", lambda g, W, lam: lam * W, "The data's gradient is missing"),
    ("12.1", "no lam", lambda g, W, lam: g + W, "lam is missing"),
    ("12.1", "lam (g + W)", lambda g, W, lam: lam * (g + W), "multiplies the gradient by lam"),
    ("12.2", "unscaled", lambda u, p: (u >= p) * 1.0, "are not scaled up"),
    ("12.2", "/ p", lambda u, p: (u >= p) / p, "That divides by p"),
    ("12.2", "* (1 - p)", lambda u, p: (u >= p) * (1 - p), "That multiplies by 1 - p"),
    ("12.2", "u < p", lambda u, p: (u < p) / (1 - p), "keeps an output where u < p"),
    ("12.2", "u < p, / p", lambda u, p: (u < p) / p, "keeps where u < p and divides by p"),
    ("12.2", "u > p", lambda u, p: (u > p) / (1 - p), "drops an output where u equals p"),
    ("12.2", "u itself", lambda u, p: u / (1 - p), "Those are u's own numbers"),
    ("12.3", "argmax", lambda v: int(np.argmax(v)), "the highest validation loss"),
    ("12.3", "the loss", lambda v: min(v), "That is the lowest loss itself"),
    ("12.3", "from 1", lambda v: int(np.argmin(v)) + 1, "Off by one"),
    ("12.3", "last epoch", lambda v: len(v) - 1, "That is the last epoch"),
    ("12.3", "last of ties", lambda v: len(v) - 1 - int(np.argmin(v[::-1])), "keep the first"),
    ("12.3", "first rise", first_rise, "where the loss first rose"),
]


# --- 13.1: momentum_moves(grads, learn_rate, beta) -------------------------------------------


def momentum_right(grads: Any, learn_rate: float, beta: float) -> Any:
    v = np.zeros(grads.shape[1])
    moves = []
    for g in grads:
        v = beta * v + g
        moves.append(-learn_rate * v)
    return np.array(moves)


def momentum_written(update: str, move: str = "-learn_rate * v", first: bool = False) -> Any:
    """A reader's momentum_moves with its velocity update and its move written as given."""
    lines = [
        "def momentum_moves(grads, learn_rate, beta):",
        "    v = np.zeros(grads.shape[1])",
        "    moves = []",
        "    for g in grads:",
        *([f"        moves.append({move})"] if first else []),
        f"        v = {update}",
        *([] if first else [f"        moves.append({move})"]),
        "    return np.array(moves)",
    ]
    namespace: dict[str, Any] = {"np": np}
    exec("\n".join(lines), namespace)
    return namespace["momentum_moves"]


def momentum_positions(grads: Any, learn_rate: float, beta: float) -> Any:
    w, v = np.zeros(grads.shape[1]), np.zeros(grads.shape[1])
    path = []
    for g in grads:
        v = beta * v + g
        w = w - learn_rate * v
        path.append(w)
    return np.array(path)


def momentum_in_place(grads: Any, learn_rate: float, beta: float) -> Any:
    v = np.zeros(grads.shape[1])
    velocities = []
    for g in grads:
        v *= beta
        v += g
        velocities.append(v)  # the same array every step
    return -learn_rate * np.array(velocities)


# --- 13.2: adam_moves(grads, learn_rate, beta1, beta2, eps) ----------------------------------


def adam_written(
    m_hat: str = "m / (1 - beta1**t)",
    s_hat: str = "s / (1 - beta2**t)",
    move: str = "-learn_rate * m_hat / (np.sqrt(s_hat) + eps)",
    s: str = "beta2 * s + (1 - beta2) * g**2",
    start: int = 1,
) -> Any:
    """A reader's adam_moves with the given lines."""
    code = f"""
def adam_moves(grads, learn_rate, beta1, beta2, eps):
    m = np.zeros(grads.shape[1])
    s = np.zeros(grads.shape[1])
    moves = []
    for t, g in enumerate(grads, start={start}):
        m = beta1 * m + (1 - beta1) * g
        s = {s}
        m_hat = {m_hat}
        s_hat = {s_hat}
        moves.append({move})
    return np.array(moves)
"""
    namespace: dict[str, Any] = {"np": np}
    exec(code, namespace)
    return namespace["adam_moves"]


def adam_range_from_0(grads: Any, learn_rate: float, beta1: float, beta2: float, eps: float) -> Any:
    m, s = np.zeros(grads.shape[1]), np.zeros(grads.shape[1])
    moves = []
    for t in range(len(grads)):  # t = 0 at the first step
        g = grads[t]
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat, s_hat = m / (1 - beta1**t), s / (1 - beta2**t)
        moves.append(-learn_rate * m_hat / (np.sqrt(s_hat) + eps))
    return np.array(moves)


WRONG_13: list[tuple[str, str, Any, str]] = [
    ("13.1", "plain SGD", lambda G, lr, b: -lr * G, "Those are plain SGD's moves"),
    ("13.1", "(1 - beta) g", momentum_written("beta * v + (1 - beta) * g"), "a running mean"),
    ("13.1", "+ lr v", momentum_written("beta * v + g", "learn_rate * v"), "The moves go uphill"),
    ("13.1", "old v", momentum_written("beta * v + g", first=True), "update v first"),
    ("13.1", "beta (v + g)", momentum_written("beta * (v + g)"), "v = beta * (v + g)"),
    ("13.1", "velocities", momentum_written("beta * v + g", "v"), "Those are the velocities"),
    ("13.1", "no rate", momentum_written("beta * v + g", "-v"), "leave out the learning rate"),
    ("13.1", "positions", momentum_positions, "Those are the positions"),
    ("13.1", "swapped", momentum_written("learn_rate * v + g", "-beta * v"), "are swapped"),
    ("13.1", "v in place", momentum_in_place, "Every move is the last one"),
    ("13.2", "no correction", adam_written("m", "s"), "There is no bias correction"),
    ("13.2", "t from 0", adam_range_from_0, "t starts at 1"),
    ("13.2", "start=0", adam_written(start=0), "t starts at 1"),
    (
        "13.2",
        "t + 1",
        adam_written("m / (1 - beta1**(t + 1))", "s / (1 - beta2**(t + 1))"),
        "one too large",
    ),
    ("13.2", "beta1 for s", adam_written(s_hat="s / (1 - beta1**t)"), "s is corrected with beta1"),
    ("13.2", "m uncorrected", adam_written(m_hat="m"), "Only s is corrected"),
    ("13.2", "s uncorrected", adam_written(s_hat="s"), "Only m is corrected"),
    (
        "13.2",
        "no sqrt",
        adam_written(move="-learn_rate * m_hat / (s_hat + eps)"),
        "the square root of s_hat",
    ),
    (
        "13.2",
        "eps inside",
        adam_written(move="-learn_rate * m_hat / np.sqrt(s_hat + eps)"),
        "eps goes outside the square root",
    ),
    (
        "13.2",
        "uphill",
        adam_written(move="learn_rate * m_hat / (np.sqrt(s_hat) + eps)"),
        "The moves go uphill",
    ),
    ("13.2", "times", adam_written("m * (1 - beta1**t)", "s * (1 - beta2**t)"), "do not multiply"),
    ("13.2", "g not g**2", adam_written(s="beta2 * s + (1 - beta2) * g"), "never negative"),
    ("13.2", "^", adam_written(s="beta2 * s + (1 - beta2) * g ^ 2"), "^ is not a power"),
    (
        "13.2",
        "no eps",
        adam_written(move="-learn_rate * m_hat / np.sqrt(s_hat)"),
        "eps is left out",
    ),
    ("13.2", "sign", adam_written(move="-learn_rate * np.sign(g)"), "np.sign(g), moves of exactly"),
    (
        "13.2",
        "weight squared",
        adam_written(s="beta2 * s + ((1 - beta2) * g) ** 2"),
        "squares the weight too",
    ),
    ("13.3", "linear", lambda a, b, n, k: a + (b - a) * k / n, "in a straight line"),
    ("13.3", "end / start per epoch", lambda a, b, n, k: a * (b / a) ** k, "one epoch's is its"),
    ("13.3", "n - 1", lambda a, b, n, k: a * (b / a) ** (k / (n - 1)), "one epoch early"),
    ("13.3", "epoch + 1", lambda a, b, n, k: a * (b / a) ** ((k + 1) / n), "Epoch 0 runs at"),
    ("13.3", "d * k", lambda a, b, n, k: a * (b / a) ** (1 / n) * k, "start * d * epoch"),
    ("13.3", "grows", lambda a, b, n, k: a * (a / b) ** (k / n), "That rate grows"),
    ("13.3", "** k / n", lambda a, b, n, k: a * (b / a) ** k / n, "x ** epoch / epochs"),
    ("13.3", "** 1 / n", lambda a, b, n, k: a * ((b / a) ** 1 / n) ** k, "x ** 1 / epochs"),
    (
        "13.3",
        "** (1 / n) ** k",
        lambda start, end, epochs, epoch: start * (end / start) ** (1 / epochs) ** epoch,
        "from the right",
    ),
    (
        "13.3",
        "start ** (1 / n)",
        lambda start, end, epochs, epoch: start * (end / start ** (1 / epochs)) ** epoch,
        "the root is of the ratio",
    ),
    ("13.3", "from end", lambda a, b, n, k: b * (a / b) ** (k / n), "starts at end"),
    ("13.3", "^", lambda a, b, n, k: a * (b / a) ^ (k / n), "^ is not a power"),
]
WRONG += WRONG_13


# --- 15.1 to 15.3: a feature map's size, a convolution with a stride, pooling's gradient ----


def convolve_written(
    start: str = "i * stride, j * stride",
    kernel: str = "kernel",
    last: int = 1,
    sizes: str = "kernel.shape",
    answer: str = "out",
) -> Any:
    """15.2 as a reader writes it: each window's top left corner, the kernel used, the size,
    the kernel's height and width, what is returned."""

    def convolve(image: Any, k: Any, stride: int) -> Any:
        used = eval(kernel, {"kernel": k})
        KH, KW = eval(sizes, {"kernel": k})
        OH = (image.shape[0] - KH) // stride + last
        OW = (image.shape[1] - KW) // stride + last
        out = np.zeros((OH, OW))
        for i in range(OH):
            for j in range(OW):
                r, c = eval(start, {"i": i, "j": j, "stride": stride})
                out[i, j] = np.sum(image[r : r + KH, c : c + KW] * used)
        return eval(answer, {"out": out})

    return convolve


def convolve_literal(image: Any, kernel: Any, stride: int) -> Any:
    """15.2 as convolve_one grown literally: one size, from the heights, for both axes."""
    k = len(kernel)
    size = (len(image) - k) // stride + 1
    out = np.zeros((size, size))
    for i in range(size):
        for j in range(size):
            out[i, j] = np.sum(
                image[i * stride : i * stride + k, j * stride : j * stride + k] * kernel
            )
    return out


def pool_written(pick: str = "first") -> Any:
    """15.3 as a reader writes it: which pixel of each 2x2 block gets the gradient."""

    def pool_gradient(X: Any, d_out: Any) -> Any:
        grad = np.zeros(X.shape)
        for i in range(X.shape[0] // 2):
            for j in range(X.shape[1] // 2):
                block = X[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
                if pick == "all":
                    grad[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = d_out[i, j]
                elif pick == "quarter":
                    grad[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = d_out[i, j] / 4
                elif pick == "ties":
                    is_max = block == block.max()
                    grad[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = is_max * d_out[i, j]
                elif pick == "split":  # half each on a tie of two
                    is_max = block == block.max()
                    share = d_out[i, j] / np.sum(is_max)
                    grad[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = is_max * share
                elif pick == "mask":  # where it goes, not how much
                    a, b = np.unravel_index(np.argmax(block), (2, 2))
                    grad[2 * i + a, 2 * j + b] = 1
                elif pick == "swapped":
                    a, b = np.unravel_index(np.argmax(block), (2, 2))
                    grad[2 * i + b, 2 * j + a] = d_out[i, j]
                elif pick == "value":
                    a, b = np.unravel_index(np.argmax(block), (2, 2))
                    grad[2 * i + a, 2 * j + b] = block.max()
                else:
                    flat = {"first": np.argmax(block), "min": np.argmin(block),
                            "last": 3 - np.argmax(block.ravel()[::-1])}[pick]  # fmt: skip
                    a, b = np.unravel_index(flat, (2, 2))
                    grad[2 * i + a, 2 * j + b] = d_out[i, j]
        return grad

    return pool_gradient


WRONG_15: list[tuple[str, str, Any, str]] = [
    ("15.1", "no + 1", lambda H, K, stride: (H - K) // stride, "That is one short"),
    ("15.1", "/", lambda H, K, stride: (H - K) / stride + 1, "/ gives a float: use //"),
    ("15.1", "+ 1 inside", lambda H, K, s: (H - K + 1) // s, "The + 1 is inside the brackets"),
    ("15.1", "no stride", lambda H, K, stride: H - K + 1, "The stride is left out"),
    ("15.1", "precedence", lambda H, K, s: H - K // s + 1, "Python reads H - K // stride"),
    ("15.1", "+ 2", lambda H, K, stride: (H - K) // stride + 2, "That is one too many"),
    ("15.1", "pooling's", lambda H, K, stride: H // stride, "That leaves the kernel out"),
    ("15.2", "flipped", convolve_written(kernel="kernel[::-1, ::-1]"), "The kernel is flipped"),
    ("15.2", "transposed", convolve_written(kernel="kernel.T"), "The kernel is transposed"),
    ("15.2", "start at i", convolve_written(start="i, j"), "Each window starts at (i, j)"),
    ("15.2", "stride 1", lambda im, k, s: convolve_written()(im, k, 1), "The stride is left out"),
    ("15.2", "no + 1", convolve_written(last=0), "One row and column of positions too few"),
    ("15.2", "square", convolve_written(sizes="len(kernel), len(kernel)"), "taken as square"),
    ("15.2", "one size", convolve_literal, "one size for both axes"),
    ("15.2", "ints", convolve_written(answer="out.astype(int)"), "rounded to whole numbers"),
    ("15.2", "out.T", convolve_written(answer="out.T"), "The output is transposed"),
    ("15.3", "quarter each", pool_written("quarter"), "spread over the block, a quarter each"),
    ("15.3", "all of the block", pool_written("all"), "Every pixel of the block gets the whole"),
    ("15.3", "every tie", pool_written("ties"), "On a tie every largest pixel gets"),
    ("15.3", "last tie", pool_written("last"), "On a tie the last largest pixel gets it"),
    ("15.3", "min", pool_written("min"), "went to each block's smallest pixel"),
    ("15.3", "0/1 mask", pool_written("mask"), "That is 1 where the gradient goes"),
    ("15.3", "split tie", pool_written("split"), "The package and PyTorch give it all to"),
    ("15.3", "swapped", pool_written("swapped"), "Row and column are swapped"),
    ("15.3", "max value", pool_written("value"), "The block's largest value is put where"),
]
WRONG += WRONG_15


def test_each_exercise_of_chapters_7_to_11_has_four_named_mistakes_here() -> None:
    for exercise in CHAPTERS_7_TO_11:
        named = {advice for number, _, _, advice in WRONG if number == exercise}
        assert len(named) >= 4, exercise


@pytest.mark.parametrize(
    ("exercise", "answer", "advice"),
    [(n, a, advice) for n, _, a, advice in WRONG],
    ids=[f"{n}-{what}" for n, what, _, _ in WRONG],
)
def test_a_likely_mistake_fails_and_is_named(exercise: str, answer: Any, advice: str) -> None:
    passed, line = verdict(exercise, answer)
    assert passed is False, line
    assert line.startswith(f"{exercise} not yet: ")
    assert advice in line, line
    assert "\n" not in line  # one line, as the page shows it


# --- What a failing case prints -------------------------------------------------------------


def returned_and_expected(line: str) -> tuple[str, str] | None:
    """The two values a verdict compares, as printed: 'returned A, expected B.' or 'gives ...'."""
    found = re.search(r" (?:returned|gives) (.+), expected (.+?)\.(?: |$)", line)
    return (found.group(1), found.group(2)) if found else None


@pytest.mark.parametrize(
    ("exercise", "answer"),
    [(n, a) for n, _, a, _ in WRONG],
    ids=[f"{n}-{what}" for n, what, _, _ in WRONG],
)
def test_what_came_back_never_prints_as_what_was_expected(exercise: str, answer: Any) -> None:
    compared = returned_and_expected(verdict(exercise, answer)[1])
    if compared is not None and not compared[1].startswith("a Value"):
        assert compared[0] != compared[1]


@pytest.mark.parametrize(
    ("exercise", "nearly", "got", "expected"),
    [
        (
            "8.3",
            lambda f, x, eps: (f(x + eps) - f(x - eps)) / (2 * eps) * (1 + 1e-8),
            "12.0100001",
            "12.01",
        ),
        (
            "7.3",
            lambda a: (1 - a**2) + np.where(a == 0, 1e-7, 0.0),
            "np.array([0.07065, 0.786448, 1.0000001, 0.915137, 0.12501])",
            "np.array([0.07065, 0.786448, 1.0, 0.915137, 0.12501])",
        ),
    ],
    ids=["a number", "an array"],
)
def test_numbers_that_differ_in_the_eighth_digit_print_apart(
    exercise: str, nearly: Any, got: str, expected: str
) -> None:
    passed, line = verdict(exercise, nearly)
    assert passed is False
    assert f"returned {got}, expected {expected}." in line


def test_apart_prints_two_numbers_that_differ_differently_whatever_their_digits() -> None:
    rng = np.random.default_rng(7)
    for _ in range(2000):
        a = float(rng.normal()) * 10 ** int(rng.integers(-5, 6))
        b = a * (1 + float(rng.choice([1e-8, 1e-6, 1e-3, -1e-7])))
        shown_a, shown_b = apart(a, b)
        assert shown_a != shown_b
        assert abs(float(shown_a) - a) <= abs(a - b) / 2  # each close to its own number


class Recorder:
    """A reader's function that records what it was called with, and is right for `good` calls."""

    def __init__(self, right: Callable[..., Any], good: int) -> None:
        self.right, self.good = right, good
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, *arguments: Any) -> Any:
        self.calls.append(arguments)
        return self.right(*arguments) if len(self.calls) <= self.good else None


def cube(x: float) -> float:
    return x**3


RIGHT: dict[str, Callable[..., Any]] = {
    "7.2": lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2),
    "7.3": lambda a: 1 - a**2,
    "8.3": lambda f, x, eps: (f(x + eps) - f(x - eps)) / (2 * eps),
    "9.3": lambda t, s: float(np.mean((s >= 0.5) == t)),
    "11.1": lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
    "11.3": lambda t, p, k: np.array(
        [[np.sum((t == i) & (p == j)) for j in range(k)] for i in range(k)]
    ),
    "12.1": lambda g, W, lam: g + lam * W,
    "12.2": lambda u, p: (u >= p) / (1 - p),
    "12.3": lambda v: int(np.argmin(v)),
}
NAMES = {"7.2": "forward", "7.3": "d_tanh", "8.3": "central_difference", "9.3": "accuracy"}
NAMES |= {"11.1": "softmax", "11.3": "confusion_matrix"}
NAMES |= {"12.1": "decayed_gradient", "12.2": "dropout_mask", "12.3": "best_epoch"}
CASES = {"7.2": 3, "7.3": 3, "8.3": 3, "9.3": 4, "11.1": 6, "11.3": 4}
CASES |= {"12.1": 5, "12.2": 5, "12.3": 6}
RIGHT |= {
    "13.1": momentum_right,
    "13.2": adam_written(),
    "13.3": lambda a, b, n, k: a * (b / a) ** (k / n),
}
NAMES |= {"13.1": "momentum_moves", "13.2": "adam_moves", "13.3": "exponential_decay"}
CASES |= {"13.1": 4, "13.2": 5, "13.3": 6}
RIGHT |= {
    "15.1": lambda H, K, stride: (H - K) // stride + 1,
    "15.2": convolve_written(),
    "15.3": pool_written(),
}
NAMES |= {"15.1": "output_size", "15.2": "convolve", "15.3": "pool_gradient"}
CASES |= {"15.1": 6, "15.2": 7, "15.3": 5}


def identical(a: Any, b: Any) -> bool:
    """Whether two arguments are the same value, to the last bit and of the same kind."""
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype.kind == b.dtype.kind
            and bool(np.array_equal(a, b))
        )
    if callable(a):  # a function by its name: the checker's cube is not the page's
        return callable(b) and a.__name__ == b.__name__
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_a_failing_input_pasted_back_rebuilds_it_exactly(exercise: str) -> None:
    for good in range(CASES[exercise]):  # the answer is right, then returns None
        reader = Recorder(RIGHT[exercise], good)
        passed, line = verdict(exercise, reader)
        assert passed is False
        failed = reader.calls[good]
        pasted = Recorder(RIGHT[exercise], 0)
        namespace = {"np": np, "math": math, "cube": cube, NAMES[exercise]: pasted}
        if " To rerun it: " in line:  # the arrays by name, then the call
            exec(line.split(" To rerun it: ")[1], namespace)
        else:
            call = re.match(rf"{exercise} not yet: (.+?) returned None", line)
            assert call is not None, line
            eval(call.group(1), namespace)
        assert len(pasted.calls) == 1
        assert all(identical(a, b) for a, b in zip(pasted.calls[0], failed, strict=True)), line


def test_7_2_names_the_five_arrays_and_prints_them_to_paste() -> None:
    line = verdict("7.2", no_output_sigmoid)[1]
    assert line.startswith("7.2 not yet: forward(X, W1, b1, W2, b2) returned np.array([[")
    rerun = line.split(" To rerun it: ")[1]
    assert re.fullmatch(
        r"X = np\.array\(.+\); W1 = np\.array\(.+\); b1 = np\.array\(.+\); "
        r"W2 = np\.array\(.+\); b2 = np\.array\(.+\); forward\(X, W1, b1, W2, b2\)",
        rerun,
    )
    namespace: dict[str, Any] = {"np": np, "forward": no_output_sigmoid}
    exec(rerun.rsplit("; ", 1)[0], namespace)  # the arrays: the reader's answer on them
    got = no_output_sigmoid(*(namespace[n] for n in ["X", "W1", "b1", "W2", "b2"]))
    assert f"returned {apart(got, got)[0]}, expected" in line


def test_8_3_names_the_precedence_slip_the_hint_warns_of() -> None:
    line = verdict("8.3", lambda f, x, eps: (f(x + eps) - f(x - eps)) / 2 * eps)[1]
    assert line == (
        "8.3 not yet: central_difference(cube, 2.0, 0.1) returned 0.1201, expected 12.01. "
        "Python reads / 2 * eps as (... / 2) * eps, a product: divide by (2 * eps), "
        "with the parentheses."
    )


def test_10_2_a_log_that_forgets_its_child_fails_where_its_input_is_computed() -> None:
    line = verdict("10.2", log_forgets_child)[1]
    assert line.startswith(
        "10.2 not yet: x = Value(3.0); log(x * x).backward(); x.grad gives 0.0, "
        "expected 0.666667. log's Value forgot its child"
    )
    namespace: dict[str, Any] = {"Value": Value, "log": log_forgets_child}
    exec(line.split("not yet: ")[1].split(" gives ")[0].rsplit("; ", 1)[0], namespace)
    assert namespace["x"].grad == 0.0  # pasted, it shows what the verdict says
    # Its gradient is also 0 through a sigmoid; the right log's is 1 - f(x) there.
    for log, expected in [(log_forgets_child, 0.0), (log_right, 1 - float(sigmoid(1.0)))]:
        x = Value(1.0)
        log(x.sigmoid()).backward()
        assert math.isclose(x.grad, expected, abs_tol=1e-15)


def test_10_2_the_right_log_passes_all_its_programs() -> None:
    assert verdict("10.2", log_right) == (
        True,
        "10.2 correct: log gives the right value and gradients on all 6 test programs.",
    )


def test_11_3_shows_both_matrices_values() -> None:
    line = verdict("11.3", rows_swapped)[1]
    assert "<array" not in line
    assert (
        "returned np.array([[1, 0, 1], [0, 1, 1], [0, 0, 2]]), "
        "expected np.array([[1, 0, 0], [0, 1, 0], [1, 1, 2]])." in line
    )


def test_literal_writes_what_python_reads_back() -> None:
    for value in [0.1, 1 / 3, -2.5e-300, 7, np.array([[0.1, 1 / 3], [2.0, -0.0]])]:
        rebuilt = eval(literal(value), {"np": np})
        assert identical(rebuilt, value) if isinstance(value, np.ndarray) else rebuilt == value
    assert literal(math.exp) == "math.exp"


class OffOnce:
    """A reader's function that is right but for its `wrong`-th call, off there by 1e-7."""

    def __init__(self, right: Callable[..., Any], wrong: int) -> None:
        self.right, self.wrong, self.calls = right, wrong, 0

    def __call__(self, *arguments: Any) -> Any:
        self.calls += 1
        result = self.right(*arguments)
        return result * (1 + 1e-7) if self.calls == self.wrong + 1 else result


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_every_case_counts_an_answer_off_on_it_alone_fails(exercise: str) -> None:
    assert verdict(exercise, RIGHT[exercise])[0]
    for wrong in range(CASES[exercise]):
        passed, line = verdict(exercise, OffOnce(RIGHT[exercise], wrong))
        assert passed is False
        compared = returned_and_expected(line)
        assert compared is not None and compared[0] != compared[1], line


# --- More mistakes a fresh reader made, each named; 8.2 never points at the answer ---------


def one_over_one_plus(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return 1 / 1 + np.exp(-(H @ W2 + b2))


def minus_on_part(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    H = np.tanh(X @ W1 + b1)
    return 1 / (1 + np.exp(-H @ W2 + b2))


def relative_nudge(f: Any, x: float, eps: float) -> Any:
    return (f(x * (1 + eps)) - f(x * (1 - eps))) / (2 * eps)


def relative_nudge_over_x(f: Any, x: float, eps: float) -> Any:
    return (f(x * (1 + eps)) - f(x * (1 - eps))) / (2 * x * eps)


MORE_WRONG: list[tuple[str, str, Any, str]] = [
    ("7.2", "1 / 1 + exp", one_over_one_plus, "Python reads 1 / 1 + np.exp(-z) as (1 / 1)"),
    ("7.2", "-H @ W2 + b2", minus_on_part, "The minus covers only H @ W2"),
    ("7.3", "2 (1 - a**2)", lambda a: 2 * (1 - a**2), "That is twice the slope"),
    ("7.3", "(1 - a**2) / 2", lambda a: (1 - a**2) / 2, "That is half the slope"),
    ("7.3", "quarter", lambda a: (1 + a) * (1 - a) / 4, "That is a quarter of the slope"),
    ("7.3", "(1+a)(1-a)", lambda a: (1 + a)(1 - a) / 4, "Python needs a * between brackets"),
    ("7.3", "1 + a**2", lambda a: 1 + a**2, "That is 1 + a**2: subtract"),
    ("8.3", "relative nudge", relative_nudge, "That nudges by x * eps"),
    ("8.3", "relative nudge / x", relative_nudge_over_x, "That nudges by x * eps"),
    ("8.2", "typo", "shifted-sigmod", 'did you mean "shifted_sigmoid"?'),
    ("8.2", "part of a name", "sigmoid", "answer with one of the names"),
]


@pytest.mark.parametrize(
    ("exercise", "answer", "advice"),
    [(n, a, advice) for n, _, a, advice in MORE_WRONG],
    ids=[f"{n}-{what}" for n, what, _, _ in MORE_WRONG],
)
def test_a_further_likely_mistake_fails_and_is_named(
    exercise: str, answer: Any, advice: str
) -> None:
    passed, line = verdict(exercise, answer)
    assert passed is False, line
    assert line.startswith(f"{exercise} not yet: ") and "\n" not in line
    assert advice in line, line


@pytest.mark.parametrize("part", ["sigmoid", "shifted", "Sigmoid ", "tanh", "soft", "scaled"])
def test_8_2_a_part_of_a_name_lists_all_three_and_singles_none_out(part: str) -> None:
    line = verdict("8.2", part)[1]
    assert "did you mean" not in line, line
    assert all(name in line for name in SUSPECTS), line


# --- Chapter 9: 9.2's task at its own settings, 9.3's unfinished comparison, 9.4's hint ------


def test_9_2_the_chapters_rate_falls_short_and_a_larger_one_passes() -> None:
    # 0.5, the chapter's rate, is not enough in 100 epochs; 1 is; 4, the largest taken, is not.
    passed, line = verdict("9.2", 0.5)
    assert passed is False and "97.5% right: a larger one learns faster" in line, line
    passed, line = verdict("9.2", 1.0)
    assert passed is True and "100 epochs get 98.0% right" in line, line
    passed, line = verdict("9.2", 4.0)
    assert passed is False and "a smaller one may do better" in line, line


def test_9_3_scores_never_compared_with_the_answers_are_named() -> None:
    def accuracy(y_true: Any, scores: Any) -> float:
        return float(np.mean(scores >= 0.5))

    passed, line = verdict("9.3", accuracy)
    assert passed is False and "compare each with its answer" in line, line


def test_9_4_the_hints_sigmoid_takes_a_plain_number() -> None:
    from nn_from_scratch import ACTIVATIONS

    assert ACTIVATIONS["sigmoid"].f(5.0) == 1 / (1 + np.exp(-5.0))
    assert ACTIVATIONS["sigmoid"].f(-720.0) == np.exp(-720.0) > 0  # far below: the other branch


# --- 11.3: an array sized from the labels, not from n_classes -------------------------------

CASES["11.3"] = 5  # the fifth case has no sample of its last class, 3


def sized_by_the_labels(y_true: Any, y_pred: Any, n_classes: int) -> Any:
    k = max(y_true.max(), y_pred.max()) + 1  # the classes that occur
    counts = np.zeros((k, k), dtype=int)
    for true, predicted in zip(y_true, y_pred, strict=True):
        counts[true, predicted] += 1
    return counts


def test_11_3_an_array_sized_from_the_labels_fails_where_the_last_class_never_occurs() -> None:
    passed, line = verdict("11.3", sized_by_the_labels)
    assert passed is False
    assert line.startswith(
        "11.3 not yet: confusion_matrix(np.array([1, 0, 2, 2]), np.array([1, 2, 2, 0]), 4) "
        "returned np.array([[0, 0, 1], [0, 1, 0], [1, 0, 1]]), expected np.array(["
    )
    assert "A class that never occurs still gets its row and column" in line
    assert verdict("11.3", RIGHT["11.3"]) == (
        True,
        "11.3 correct: confusion_matrix gives the right answer on all 5 test inputs.",
    )


# --- Chapter 14: relu_slope, he_std, variance_after -----------------------------------------

WRONG_14: list[tuple[str, str, Any, str]] = [
    ("14.1", "z >= 0", lambda z: (z >= 0) * 1.0, "At z = 0 that gives slope 1"),
    ("14.1", "relu itself", lambda z: np.maximum(z, 0.0), "That is ReLU itself"),
    ("14.1", "z < 0", lambda z: (z < 0) * 1.0, "the wrong way round"),
    ("14.1", "sign", np.sign, "np.sign(z) is -1"),
    ("14.1", "an if", lambda z: 1.0 if z > 0 else 0.0, "`if` tests one value"),
    ("14.1", "heaviside 0.5", lambda z: np.heaviside(z, 0.5), "np.heaviside(z, 0.5)"),
    ("14.2", "variance", lambda n: 2 / n, "That is the variance"),
    ("14.2", "xavier's", lambda n: np.sqrt(1 / n), "sqrt(1 / n_in) keeps only half"),
    ("14.2", "root of 2", lambda n: np.sqrt(2) / n, "takes the root of the 2 only"),
    ("14.2", "upside down", lambda n: np.sqrt(n / 2), "That is upside down"),
    ("14.2", "1 / n", lambda n: 1 / n, "That is 1 / n_in"),
    ("14.2", "** 1 / 2", lambda n: (2 / n) ** 1 / 2, "Python reads (2 / n_in) ** 1 / 2"),
    ("14.2", "n ** 0.5", lambda n: 2 / n**0.5, "takes the root of n_in only"),
    ("14.2", "np.sqrt(n)", lambda n: 2 / np.sqrt(n), "takes the root of n_in only"),
    ("14.2", "32", lambda n: np.sqrt(2 / 32), "as if it were always 32"),
    ("14.3", "no half", lambda v, n, s, k: v * (n * s**2) ** k, "The ReLU's half is missing"),
    ("14.3", "std", lambda v, n, s, k: v * (n * s / 2) ** k, "Var(w) is its square"),
    ("14.3", "k - 1", lambda v, n, s, k: v * (n * s**2 / 2) ** (k - 1), "One layer too few"),
    ("14.3", "adds", lambda v, n, s, k: v + k * (n * s**2 / 2), "they do not add"),
    ("14.3", "/ 2 ** k", lambda v, n, s, k: v * n * s**2 / 2**k, "x / (2 ** layers)"),
    ("14.3", "* k", lambda v, n, s, k: v * (n * s**2 / 2) * k, "That multiplies by layers"),
    ("14.3", "^", lambda v, n, s, k: v * (n * s ^ 2 / 2) ** k, "^ is not a power"),
    ("14.3", "root", lambda v, n, s, k: np.sqrt(v * (n * s**2 / 2) ** k), "That is a standard"),
    ("14.3", "no var_z", lambda v, n, s, k: (n * s**2 / 2) ** k, "var_z is where it starts"),
    ("14.3", "k + 1", lambda v, n, s, k: v * (n * s**2 / 2) ** (k + 1), "One layer too many"),
    ("14.3", "* 2", lambda v, n, s, k: v * (n * s**2 * 2) ** k, "ReLU keeps half: the factor"),
    ("14.3", "+ var_z", lambda v, n, s, k: v + (n * s**2 / 2) ** k, "multiplied, not added"),
    (
        "14.3",
        "** layers / 2",
        lambda var_z, n_in, weight_std, layers: var_z * (n_in * weight_std**2) ** layers / 2,
        "Python reads x ** layers / 2 as (x ** layers) / 2",
    ),
    (
        "14.3",
        "no n_in",
        lambda var_z, n_in, weight_std, layers: var_z * (weight_std**2 / 2) ** layers,
        "n_in is missing",
    ),
    ("14.2", "sqrt(2 * n)", lambda n_in: np.sqrt(2 * n_in), "np.sqrt(2 * n_in) grows"),
    ("14.2", "int", lambda n_in: int(np.sqrt(2 / n_in)), "rounded to a whole number"),
    ("14.2", "round", lambda n_in: round(np.sqrt(2 / n_in)), "rounded to a whole number"),
    ("14.2", "2 // n_in", lambda n_in: np.sqrt(2 // n_in), "2 // n_in is floor division"),
    ("14.2", "(2 // n) ** 0.5", lambda n_in: (2 // n_in) ** 0.5, "2 // n_in is floor division"),
    (
        "14.3",
        "32 written in",
        lambda var_z, n_in, weight_std, layers: var_z * (32 * weight_std**2 / 2) ** layers,
        "That holds for n_in = 32 only",
    ),
    (
        "14.3",
        "sqrt(var_z)",
        lambda var_z, n_in, weight_std, layers: (
            np.sqrt(var_z) * (n_in * weight_std**2 / 2) ** layers
        ),
        "var_z is already a variance",
    ),
]
WRONG += WRONG_14
RIGHT |= {
    "14.1": lambda z: (z > 0) * 1.0,
    "14.2": lambda n: np.sqrt(2 / n),
    "14.3": lambda v, n, s, k: v * (n * s**2 / 2) ** k,
}
NAMES |= {"14.1": "relu_slope", "14.2": "he_std", "14.3": "variance_after"}
CASES |= {"14.1": 4, "14.2": 5, "14.3": 6}


@pytest.mark.parametrize(
    ("exercise", "answer", "advice"),
    [(n, a, advice) for n, _, a, advice in WRONG_14],
    ids=[f"{n}-{what}" for n, what, _, _ in WRONG_14],
)
def test_14_a_likely_mistake_fails_and_is_named(exercise: str, answer: Any, advice: str) -> None:
    test_a_likely_mistake_fails_and_is_named(exercise, answer, advice)
    test_what_came_back_never_prints_as_what_was_expected(exercise, answer)


@pytest.mark.parametrize("exercise", ["14.1", "14.2", "14.3"])
def test_14_the_right_answer_passes_and_every_case_counts(exercise: str) -> None:
    test_every_case_counts_an_answer_off_on_it_alone_fails(exercise)
    test_a_failing_input_pasted_back_rebuilds_it_exactly(exercise)


def test_14_1_the_slope_at_exactly_0_is_what_the_package_computes() -> None:
    from nn_from_scratch import ACTIVATIONS

    z = np.array([-2.0, 0.0, -0.0, 3.0])
    relu = ACTIVATIONS["relu"]
    assert np.array_equal(RIGHT["14.1"](z), relu.df(relu.f(z)))
    assert verdict("14.1", lambda z: relu.df(relu.f(z)))[0]
