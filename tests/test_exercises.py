"""The answer checkers: right answers pass, plausible wrong ones fail and say why.

Every checker is tried with its exercise's solution, written here from the
math (the site's own solutions are run by Sybil with the pages), and with at
least three wrong answers a reader might write; each wrong answer must fail
with the message that names its mistake. A reader's function that raises,
hangs, warns or returns the wrong kind of thing is reported, never a crash.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import Value, exercises
from nn_from_scratch.exercises import EXERCISES, SUSPECTS, check

from .seed_reference import math_sigmoid as f

DOCS = Path(__file__).resolve().parent.parent / "docs"


def fwd(X: Any, W1: Any, b1: Any, W2: Any, b2: Any, hidden: Any = np.tanh) -> Any:
    return 1 / (1 + np.exp(-(hidden(X @ W1 + b1) @ W2 + b2)))


def o_of(net: Any, x: list[float]) -> tuple[float, float, float]:
    h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)
    h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)
    return h1, h2, f(net.w5 * h1 + net.w6 * h2 + net.b3)


def stable_sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def b1_chain(net: Any, x1: float, x2: float, y: float, factor: float = 2.0) -> float:
    h1, _, o1 = o_of(net, [x1, x2])
    return -factor * (y - o1) * net.w5 * o1 * (1 - o1) * h1 * (1 - h1)


def h_times_1_minus_h(h: float) -> float:
    return h * (1 - h)


def f_of_f(h: float) -> float:
    """The sigmoid's slope at h, where it belongs at the total that made h."""
    return f(h) * (1 - f(h))


def train_loop(
    parameters: list[float],
    data: list[list[float]],
    all_y_trues: list[float],
    learn_rate: float,
    epochs: int,
    *,
    biases: bool = True,
    stale: bool = True,
    sign: float = 1.0,
    slope: Any = h_times_1_minus_h,
) -> list[float]:
    """Exercise 6.3 written out with the nine slopes named, or with one mistake."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = parameters
    for _ in range(epochs):
        for (x1, x2), y_true in zip(data, all_y_trues, strict=True):
            h1 = f(w1 * x1 + w2 * x2 + b1)
            h2 = f(w3 * x1 + w4 * x2 + b2)
            o1 = f(w5 * h1 + w6 * h2 + b3)
            d_L_d_ypred = -2 * (y_true - o1)
            d_L_d_w5 = d_L_d_ypred * h1 * slope(o1)
            d_L_d_w6 = d_L_d_ypred * h2 * slope(o1)
            d_L_d_b3 = d_L_d_ypred * slope(o1)
            if not stale:  # the output layer moves first; the hidden slopes then see it
                w5, w6, b3 = (
                    w5 - learn_rate * d_L_d_w5,
                    w6 - learn_rate * d_L_d_w6,
                    b3 - learn_rate * d_L_d_b3,
                )
            d_L_d_h1 = d_L_d_ypred * w5 * slope(o1)
            d_L_d_h2 = d_L_d_ypred * w6 * slope(o1)
            d_L_d_w1, d_L_d_w2 = d_L_d_h1 * x1 * slope(h1), d_L_d_h1 * x2 * slope(h1)
            d_L_d_w3, d_L_d_w4 = d_L_d_h2 * x1 * slope(h2), d_L_d_h2 * x2 * slope(h2)
            d_L_d_b1, d_L_d_b2 = d_L_d_h1 * slope(h1), d_L_d_h2 * slope(h2)
            step = sign * learn_rate
            w1, w2 = w1 - step * d_L_d_w1, w2 - step * d_L_d_w2
            w3, w4 = w3 - step * d_L_d_w3, w4 - step * d_L_d_w4
            if stale:
                w5, w6 = w5 - step * d_L_d_w5, w6 - step * d_L_d_w6
            if biases:
                b1, b2 = b1 - step * d_L_d_b1, b2 - step * d_L_d_b2
                if stale:
                    b3 -= step * d_L_d_b3
    return [w1, w2, w3, w4, w5, w6, b1, b2, b3]


RIGHT: dict[str, Any] = {
    "1.2": lambda x: f(x) * (1 - f(x)),
    "1.3": stable_sigmoid,
    "2.2": lambda w, b, x: f(sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b),
    "3.2": lambda net, x: o_of(net, x)[2],
    "4.2": lambda t, p: float(np.mean((t - p) ** 2)),
    "5.2": b1_chain,
    "6.1": lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1 * o1 * (1 - o1)),
    "6.3": lambda p, d, y, lr, e: train_loop(p, d, y, lr, e),
    "7.2": fwd,
    "7.3": lambda a: 1 - a**2,
    "8.2": "shifted_sigmoid",
    "8.3": lambda g, x, eps: (g(x + eps) - g(x - eps)) / (2 * eps),
    "9.2": 1.0,
    "9.3": lambda t, s: float(np.mean((s >= 0.5) == t)),
    "10.2": lambda v: value_log(v, lambda x: 1 / x),
    # log p_i = z_i - log(sum_j exp(z_j)), the log-sum-exp taken around the largest z.
    "11.1": lambda z: np.exp(z - (z.max() + np.log(np.sum(np.exp(z - z.max()))))),
    "11.3": lambda t, p, k: np.array(
        [[int(np.sum((t == i) & (p == j))) for j in range(k)] for i in range(k)]
    ),
    "12.1": lambda g, W, lam: g + W * lam,
    "12.2": lambda u, p: np.where(u < p, 0.0, 1 / (1 - p)),
    "12.3": lambda v: v.index(min(v)),
}

WRONG: list[tuple[str, Any, str]] = [
    ("1.2", lambda x: f(x) * f(x), "f(x) * f(x)"),
    ("1.2", lambda x: f(x), "the sigmoid itself"),
    ("1.2", lambda x: 1 - f(x), "1 - f(x): multiply it by f(x)"),
    ("1.2", lambda x: f(x) * (1 + f(x)), "A + where the formula has a -"),
    ("1.3", lambda x: 1 / (1 + math.exp(-x)), "OverflowError"),
    ("1.3", lambda x: 1 / (1 + np.exp(-x)), "warned RuntimeWarning: overflow"),
    ("1.3", lambda x: stable_sigmoid(-x), "That is f(-x)"),
    ("2.2", lambda w, b, x: f(float(np.dot(w, x))), "The bias is missing"),
    ("2.2", lambda w, b, x: float(np.dot(w, x)) + b, "pass it through the sigmoid"),
    ("2.2", lambda w, b, x: f(float(np.dot(w, x))) + b, "added after the sigmoid"),
    ("3.2", lambda n, x: RIGHT["3.2"](_crossed(n), x), "The wiring is crossed"),
    ("3.2", lambda n, x: _no_hidden_sigmoid(n, x), "h1 and h2 need their sigmoid"),
    ("3.2", lambda n, x: math.log(o_of(n, x)[2] / (1 - o_of(n, x)[2])), "o1 needs its sigmoid"),
    ("4.2", lambda t, p: float(np.sum((t - p) ** 2)), "the sum of the squared errors"),
    ("4.2", lambda t, p: float(np.mean(t - p)), "The errors are not squared"),
    ("4.2", lambda t, p: float(np.mean(abs(t - p))), "the mean of |error|"),
    ("4.2", lambda t, p: math.sqrt(np.mean((t - p) ** 2)), "square root of the MSE"),
    ("5.2", lambda n, x1, x2, y: b1_chain(n, x1, x2, y) / n.w5, "the weight w5 is missing"),
    ("5.2", lambda n, x1, x2, y: b1_chain(n, x1, x2, y, factor=1.0), "factor 2"),
    ("5.2", lambda n, x1, x2, y: -b1_chain(n, x1, x2, y), "The sign is flipped"),
    ("6.1", lambda w5, h1, o1, y, lr: w5 + lr * (-2 * (y - o1) * h1 * o1 * (1 - o1)), "uphill"),
    ("6.1", lambda w5, h1, o1, y, lr: w5 - lr * (-(y - o1) * h1 * o1 * (1 - o1)), "factor 2"),
    ("6.1", lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1), "o1 (1 - o1) is missing"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, e, biases=False), "the biases never"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, e, stale=False), "before the hidden"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, e, sign=-1.0), "moved uphill"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, e, slope=f_of_f), "sigmoid's slope"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, e)[:8], "a list of the nine"),
    ("6.3", lambda p, d, y, lr, e: train_loop(p, d, y, lr, 1), "gave w1 = "),
    ("7.2", lambda X, W1, b1, W2, b2: fwd(X, W1, b1, W2, b2, hidden=f_array), "uses the sigmoid"),
    ("7.2", lambda X, W1, b1, W2, b2: fwd(X, W1, b1, W2, b2, hidden=lambda z: z), "no activation"),
    ("7.2", lambda X, W1, b1, W2, b2: fwd(X, W1, 0 * b1, W2, 0 * b2), "The biases are missing"),
    ("7.3", lambda a: a * (1 - a), "the sigmoid's a (1 - a)"),
    ("7.3", lambda a: 1 - a, "That is 1 - a"),
    ("7.3", lambda a: 1 - np.tanh(a) ** 2, "already a = tanh(z)"),
    ("8.2", "softplus", "agrees with finite differences"),
    ("8.2", "scaled_tanh", "agrees with finite differences"),
    ("8.2", "relu", "answer with one of the names"),
    ("8.3", lambda g, x, eps: (g(x + eps) - g(x)) / eps, "one-sided"),
    ("8.3", lambda g, x, eps: (g(x + eps) - g(x - eps)) / eps, "divide by 2 * eps"),
    ("8.3", lambda g, x, eps: (g(x - eps) - g(x + eps)) / (2 * eps), "The sign is flipped"),
    ("9.2", 0.1, "a larger one learns faster"),
    ("9.2", 30.0, "training turns chaotic"),
    ("9.2", 4.5, "Choose one of at most 4"),
    ("9.2", "1.0", "must be a real number"),
    ("9.3", lambda t, s: float(np.mean((s > 0.5) == t)), "compare with >= 0.5"),
    ("9.3", lambda t, s: float(np.sum((s >= 0.5) == t)), "divide by the number of samples"),
    ("9.3", lambda t, s: 100 * float(np.mean((s >= 0.5) == t)), "That is a percentage"),
    ("10.2", lambda v: value_log(v, math.log), "That is ln(x) itself"),
    ("10.2", lambda v: value_log(v, lambda x: 1 / x, chain=False), "multiply by out.grad"),
    ("10.2", lambda v: value_log(v, lambda x: 1 / x, add=False), "+=, not ="),
    ("10.2", lambda v: value_log(v, lambda x: x), "That is x"),
    ("10.2", lambda v: Value(math.log(v.data), (v,), "log"), "x.grad is still 0"),
    ("10.2", lambda v: math.log(v.data), "Wrap the number in a Value"),
    (
        "10.2",
        lambda v: Value(math.log10(v.data), (v,), "log"),
        "expected a Value with data 0.693147",
    ),
    ("11.1", lambda z: np.exp(z) / np.exp(z).sum(), "subtract z.max() from z first"),
    ("11.1", lambda z: np.exp(z - z.min()) / np.exp(z - z.min()).sum(), "subtract z.max()"),
    ("11.1", lambda z: np.exp(z - z.max()), "Divide by the sum, so that"),
    ("11.1", lambda z: np.exp(z) / z.sum(), "the sum of the exponentials, not of z"),
    ("11.1", lambda z: 1 / (1 + np.exp(-z)), "That is a sigmoid of each total"),
    ("11.3", lambda t, p, k: RIGHT["11.3"](p, t, k), "Rows and columns are swapped"),
    ("11.3", lambda t, p, k: _marked(t, p, k), "Each entry is 0 or 1"),
    ("11.3", lambda t, p, k: np.diag(np.diag(RIGHT["11.3"](t, p, k))), "Only the diagonal"),
    ("12.1", lambda g, W, lam: g - lam * W, "The sign is wrong"),
    ("12.1", lambda g, W, lam: g + 2 * lam * W, "That is twice the term"),
    ("12.1", lambda g, W, lam: lam * W, "The data's gradient is missing"),
    ("12.2", lambda u, p: (u >= p) * 1.0, "are not scaled up"),
    ("12.2", lambda u, p: (u >= p) / p, "That divides by p"),
    ("12.2", lambda u, p: (u < p) / (1 - p), "keeps an output where u < p"),
    ("12.3", lambda v: int(np.argmax(v)), "the highest validation loss"),
    ("12.3", lambda v: v.index(min(v)) + 1, "Off by one"),
    ("12.3", lambda v: min(v), "That is the lowest loss itself"),
]


def momentum_by_sums(grads: Any, learn_rate: float, beta: float) -> Any:
    """Momentum's moves as sums: v_t = sum over k <= t of beta**(t - k) g_k."""
    n = len(grads)
    powers = np.array([[beta ** (t - k) if k <= t else 0.0 for k in range(n)] for t in range(n)])
    return -learn_rate * powers @ grads


def adam_by_sums(
    grads: Any, lr: float, beta1: float, beta2: float, eps: float, fix: str = "right"
) -> Any:
    """Adam's moves with m and s as weighted sums of the gradients so far, corrected
    (`fix`: "right"; "none", no correction; "beta1", s corrected with beta1)."""
    moves = []
    for t in range(1, len(grads) + 1):
        m = sum((1 - beta1) * beta1 ** (t - k) * grads[k - 1] for k in range(1, t + 1))
        s = sum((1 - beta2) * beta2 ** (t - k) * grads[k - 1] ** 2 for k in range(1, t + 1))
        if fix != "none":
            m, s = m / (1 - beta1**t), s / (1 - (beta1 if fix == "beta1" else beta2) ** t)
        moves.append(-lr * m / (np.sqrt(s) + eps))
    return np.array(moves)


RIGHT |= {
    "13.1": momentum_by_sums,
    "13.2": adam_by_sums,
    "13.3": lambda a, b, n, k: math.exp(math.log(a) + (math.log(b) - math.log(a)) * k / n),
}
WRONG += [
    ("13.1", lambda G, lr, b: -lr * G, "Those are plain SGD's moves"),
    ("13.1", lambda G, lr, b: momentum_by_sums(G * (1 - b), lr, b), "a running mean"),
    ("13.1", lambda G, lr, b: -momentum_by_sums(G, lr, b), "The moves go uphill"),
    ("13.2", lambda *a: adam_by_sums(*a, fix="none"), "There is no bias correction"),
    ("13.2", lambda G, lr, b1, b2, e: -adam_by_sums(G, lr, b1, b2, e), "The moves go uphill"),
    ("13.2", lambda *a: adam_by_sums(*a, fix="beta1"), "s is corrected with beta1"),
    ("13.3", lambda a, b, n, k: a + (b - a) * k / n, "in a straight line"),
    ("13.3", lambda a, b, n, k: a * (b / a) ** k, "one epoch's is its"),
    ("13.3", lambda a, b, n, k: a * (b / a) ** ((k + 1) / n), "Epoch 0 runs at start"),
]


def variance_layer_by_layer(var_z: float, n_in: int, weight_std: float, layers: int) -> float:
    """14.3 one layer at a time: a ReLU keeps half of E[z**2], then n_in weights of
    variance weight_std**2 add up."""
    for _ in range(layers):
        var_z = n_in * weight_std**2 * (var_z / 2)
    return var_z


RIGHT |= {
    "14.1": lambda z: np.where(np.asarray(z) > 0, 1.0, 0.0),
    "14.2": lambda n_in: math.sqrt(2.0) / math.sqrt(n_in),
    "14.3": variance_layer_by_layer,
}
WRONG += [
    ("14.1", lambda z: (np.asarray(z) >= 0) * 1.0, "(z > 0) * 1.0, not z >= 0"),
    ("14.1", lambda z: np.maximum(z, 0.0), "That is ReLU itself"),
    ("14.1", lambda z: np.sign(z), "np.sign(z) is -1 for negative z"),
    ("14.2", lambda n_in: 2 / n_in, "That is the variance"),
    ("14.2", lambda n_in: math.sqrt(1 / n_in), "keeps only half the variance"),
    ("14.2", lambda n_in: math.sqrt(n_in / 2), "upside down"),
    ("14.3", lambda v, n, s, k: v * (n * s**2) ** k, "The ReLU's half is missing"),
    ("14.3", lambda v, n, s, k: variance_layer_by_layer(v, n, s, k - 1), "One layer too few"),
    ("14.3", lambda v, n, s, k: variance_layer_by_layer(v, n, s, 1) * k, "multiplies by layers"),
    ("14.3", lambda v, n, s, k: variance_layer_by_layer(v, n, s, k + 1), "One layer too many"),
    ("14.3", lambda v, n, s, k: v * (n * s**2 * 2) ** k, "the law itself does not double"),
    ("14.3", lambda v, n, s, k: v + variance_layer_by_layer(1.0, n, s, k), "not added"),
]


def convolve_by_slices(image: Any, kernel: Any, stride: int) -> Any:
    """15.2 without a loop over positions: kernel pixel (a, b) times the image shifted by
    (a, b), every stride-th pixel, summed over (a, b)."""
    KH, KW = kernel.shape
    OH, OW = (image.shape[0] - KH) // stride + 1, (image.shape[1] - KW) // stride + 1
    return sum(
        kernel[a, b] * image[a : a + stride * OH : stride, b : b + stride * OW : stride]
        for a in range(KH)
        for b in range(KW)
    )


def pool_gradient_by_blocks(X: Any, d_out: Any, share: str = "first") -> Any:
    """15.3 with the 2x2 blocks as the last axis: the first largest of each gets d_out
    (`share`: "first"; "quarter", a quarter each; "ties", every largest)."""
    H, W = X.shape
    blocks = X.reshape(H // 2, 2, W // 2, 2).transpose(0, 2, 1, 3).reshape(H // 2, W // 2, 4)
    if share == "quarter":
        mask = np.full(blocks.shape, 0.25)
    elif share == "ties":
        mask = (blocks == blocks.max(axis=2, keepdims=True)) * 1.0
    else:
        mask = np.eye(4)[blocks.argmax(axis=2)]
    grads = mask * d_out[:, :, None]
    return grads.reshape(H // 2, W // 2, 2, 2).transpose(0, 2, 1, 3).reshape(H, W)


RIGHT |= {
    "15.1": lambda H, K, stride: len(range(0, H - K + 1, stride)),
    "15.2": convolve_by_slices,
    "15.3": pool_gradient_by_blocks,
}
WRONG += [
    ("15.1", lambda H, K, stride: len(range(0, H - K, stride)), "That is one short"),
    ("15.1", lambda H, K, stride: H - K + 1, "The stride is left out"),
    ("15.1", lambda H, K, stride: H // stride, "That leaves the kernel out"),
    ("15.2", lambda im, k, s: convolve_by_slices(im, k[::-1, ::-1], s), "The kernel is flipped"),
    ("15.2", lambda im, k, s: convolve_by_slices(im, k, 1), "The stride is left out"),
    ("15.2", lambda im, k, s: convolve_by_slices(im, k, s)[:-1, :-1], "positions too few"),
    ("15.3", lambda X, d: pool_gradient_by_blocks(X, d, "quarter"), "a quarter each"),
    ("15.3", lambda X, d: pool_gradient_by_blocks(X, d, "ties"), "every largest pixel gets"),
    ("15.3", lambda X, d: pool_gradient_by_blocks(-X, d), "each block's smallest pixel"),
]


def value_log(v: Value, slope: Any, chain: bool = True, add: bool = True) -> Value:
    """The logarithm as a Value whose local slope is `slope(x)`; `chain`, `add`: see below."""
    out = Value(math.log(v.data), (v,), "log")

    def _backward() -> None:
        contribution = slope(v.data) * (out.grad if chain else 1.0)  # chain: times out.grad
        v.grad = (v.grad if add else 0.0) + contribution  # add: +=, else =

    out._backward = _backward  # type: ignore[method-assign]
    return out


def _marked(t: Any, p: Any, k: int) -> Any:
    """A confusion matrix filled by assignment: a pair seen twice still counts 1."""
    counts = np.zeros((k, k), dtype=int)
    counts[t, p] = 1
    return counts


def f_array(z: Any) -> Any:
    return 1 / (1 + np.exp(-z))


def _crossed(net: Any) -> Any:
    from nn_from_scratch import NeuralNetwork

    values = net.parameters()
    values["w2"], values["w3"] = values["w3"], values["w2"]
    return NeuralNetwork(**values)


def _no_hidden_sigmoid(net: Any, x: list[float]) -> float:
    s1 = net.w1 * x[0] + net.w2 * x[1] + net.b1
    s2 = net.w3 * x[0] + net.w4 * x[1] + net.b2
    return f(net.w5 * s1 + net.w6 * s2 + net.b3)


def verdict(capsys: pytest.CaptureFixture[str], exercise: str, answer: Any) -> tuple[bool, str]:
    """What `check` prints, and whether that verdict is "correct"; it returns nothing."""
    assert check(exercise, answer) is None  # at a >>> prompt, only the verdict shows
    printed = capsys.readouterr().out
    passed = printed.startswith(f"{exercise} correct: ")
    assert passed or printed.startswith(f"{exercise} not yet: "), printed
    return passed, printed


def test_check_prints_what_verdict_returns_and_returns_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for answer in [RIGHT["1.2"], RIGHT["1.3"]]:  # the slope, then a sigmoid: not the slope
        passed, line = exercises.verdict("1.2", answer)
        assert check("1.2", answer) is None
        assert capsys.readouterr().out == line + "\n"
        assert passed == (answer is RIGHT["1.2"])


def test_every_exercise_has_a_solution_here_and_three_wrong_answers() -> None:
    assert sorted(RIGHT) == sorted(EXERCISES)
    for exercise in EXERCISES:
        assert sum(1 for number, _, _ in WRONG if number == exercise) >= 3, exercise


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_the_right_answer_passes(exercise: str, capsys: pytest.CaptureFixture[str]) -> None:
    passed, printed = verdict(capsys, exercise, RIGHT[exercise])
    assert passed, printed
    assert printed.startswith(f"{exercise} correct: ")
    assert printed.count("\n") == 1


@pytest.mark.parametrize(
    ("exercise", "answer", "mistake"), WRONG, ids=[f"{n}-{m[:24]}" for n, _, m in WRONG]
)
def test_a_wrong_answer_fails_and_names_the_mistake(
    exercise: str, answer: Any, mistake: str, capsys: pytest.CaptureFixture[str]
) -> None:
    passed, printed = verdict(capsys, exercise, answer)
    assert passed is False
    assert printed.startswith(f"{exercise} not yet: ")
    assert mistake in printed


def test_a_failure_names_the_input_what_came_back_and_what_was_expected(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The first case of 1.2 is x = 2: f(2) = 0.880797, f'(2) = 0.104994 (by hand:
    # e^-2 = 0.135335, 1 / 1.135335 = 0.880797, 0.880797 * 0.119203 = 0.104994).
    _, printed = verdict(capsys, "1.2", lambda x: f(x))
    assert printed.startswith(
        "1.2 not yet: deriv_sigmoid(2.0) returned 0.880797, expected 0.104994."
    )


# --- the checker never crashes ---------------------------------------------------------


def raises(*arguments: Any) -> Any:
    raise ZeroDivisionError("oops")


def hangs(*arguments: Any) -> Any:
    while True:
        pass


def stub(*arguments: Any) -> Any: ...  # the page's stub: the reader has not written the body yet


@pytest.mark.parametrize("exercise", [n for n in sorted(EXERCISES) if n not in ("8.2", "9.2")])
@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (raises, "raised ZeroDivisionError: oops"),
        (stub, "returned None, expected"),
        (lambda *a: "0.5", "returned '0.5' (type str), expected"),
        (42, "pass your function itself"),
    ],
    ids=["raises", "stub", "text", "not-a-function"],
)
def test_a_broken_answer_is_reported_not_raised(
    exercise: str, answer: Any, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    passed, printed = verdict(capsys, exercise, answer)
    assert passed is False
    assert said in printed


def test_a_function_that_hangs_is_reported_after_the_timeout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exercises, "TIMEOUT", 0.2)
    passed, printed = verdict(capsys, "1.2", hangs)
    assert passed is False
    assert "ran for more than 0.2 s (is there an endless loop?)" in printed


def test_an_answer_of_the_wrong_shape_is_told_the_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, printed = verdict(capsys, "7.3", lambda a: (1 - a**2)[:, None])
    assert "It should return a numpy array of shape (5,)." in printed


def test_an_answer_that_changes_its_arguments_cannot_spoil_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def d_tanh(a: Any) -> Any:
        result = 1 - a**2
        a[:] = 0  # a reader's side effect on the checker's array
        return result

    assert verdict(capsys, "7.3", d_tanh)[0]


def test_an_unknown_exercise_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^exercise_id must be one of \('1.2', "):
        check("10.9", RIGHT["1.2"])
    with pytest.raises(TypeError, match=r"^exercise_id must be one of the strings"):
        check(1.2, RIGHT["1.2"])  # type: ignore[arg-type]


def test_7_2_has_exactly_one_wrong_derivative_among_its_suspects() -> None:
    # Independent of the checker: finite differences of each suspect's f against its df.
    z = np.linspace(-2, 2, 9)
    wrong = []
    for name, activation in SUSPECTS.items():
        numeric = (activation.f(z + 1e-6) - activation.f(z - 1e-6)) / 2e-6
        if not np.allclose(activation.df(activation.f(z)), numeric, atol=1e-6):
            wrong.append(name)
    assert wrong == ["shifted_sigmoid"]


# --- the pages and the checkers agree --------------------------------------------------


def test_every_check_call_on_the_site_names_a_listed_exercise() -> None:
    calls = set()
    for page in DOCS.glob("*.md"):
        calls |= set(re.findall(r'check\("(\d+\.\d+)"', page.read_text()))
    assert calls <= set(EXERCISES)


def test_every_listed_exercise_is_on_its_chapter_page() -> None:
    headings = set()
    for page in DOCS.glob("*.md"):
        headings |= set(re.findall(r"^### Exercise (\d+\.\d+): (.+)$", page.read_text(), re.M))
    missing = {n: t for n, t in EXERCISES.items() if (n, t) not in headings}
    assert not missing


CHAPTERS = ["activation", "neuron", "network", "loss", "gradients"]
CHAPTERS += ["training", "matrices", "gradient_check", "bigger_problem", "autodiff", "digits"]
CHAPTERS += ["regularization"]
CHAPTERS += ["optimizers"]
CHAPTERS += ["deeper"]
CHAPTERS += ["convolution"]


def chapter_and_number(exercise: str) -> tuple[int, int]:
    """ "11.1" as (10, 1): the order of the pages, where "11.1" comes after "9.3"."""
    chapter, number = exercise.split(".")
    return int(chapter), int(number)


def test_exercises_are_listed_in_the_order_of_the_pages() -> None:
    # Compared as numbers: as text, "11.1" would sort before "2.2".
    assert list(EXERCISES) == sorted(EXERCISES, key=chapter_and_number)
    assert list(EXERCISES) != sorted(EXERCISES)  # the test can tell the two orders apart


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_chapter_ends_with_three_exercises_with_hint_and_solution(page: str) -> None:
    text = (DOCS / f"{page}.md").read_text()
    assert "\n## Exercises\n" in text
    section = text.split("\n## Exercises\n")[1]
    assert "\n## " not in section  # the last section of the page
    exercises_here = re.split(r"\n### Exercise ", section)[1:]
    assert len(exercises_here) >= 3
    for exercise in exercises_here:
        assert '\n??? tip "Hint"\n' in exercise, exercise[:40]
        assert '\n??? success "Solution"\n' in exercise, exercise[:40]


def test_a_mistake_that_overflows_on_the_failing_input_does_not_crash_the_checker(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Right up to x = 1000, then wrong: the known mistake f(-x) is tried at
    # x = 1000, where exp(1000) overflows; that only rules the mistake out.
    def sigmoid(x: float) -> float:
        return 0.5 if x > 500 else stable_sigmoid(x)

    passed, printed = verdict(capsys, "1.3", sigmoid)
    assert passed is False
    assert printed == "1.3 not yet: sigmoid(1000.0) returned 0.5, expected 1.0.\n"
