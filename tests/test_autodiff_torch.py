"""Chapter 10: `Value` gives the values and gradients PyTorch's autograd gives, in float64.

The same micrograd-style programs (arithmetic with numbers on either side,
powers, relu, tanh, exp, sigmoid, values used many times) run once on `Value`
objects and once on float64 torch tensors, which have the same methods; every
value and every gradient must agree.

torch is not a test dependency (the README's test command stays fast): without
it this module is skipped. CI installs it and sets ``NN_REQUIRE_TORCH=1``, which
turns the skip into an import error, so these tests cannot pass there by
skipping (.ci/run).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import Value, training_data

if os.environ.get("NN_REQUIRE_TORCH") == "1":
    import torch  # required: a missing torch is an error, not a skip
else:
    torch = pytest.importorskip("torch")


def program_1(a: Any, b: Any, c: Any) -> Any:
    d = a * b - c / 4 + 2
    e = (d.tanh() + a.exp() / 3) * (b - c).relu()
    f = 10.0 / (1 + e**2) - (c * a).sigmoid()
    f += 2 * d
    f -= 1
    return (f - a) ** 3 / 50 + (e - b).relu() - (-d).exp() + 0.5 * c**2


def program_2(a: Any, b: Any, c: Any) -> Any:
    total = a * 0
    for k in range(1, 6):  # each input used many times
        total = total + (a * k - b).tanh() * (c / k).sigmoid() - (b - a * k).relu() / k
    return (total / 5).exp() * a - 3 / (2 + b**2) + (-c).relu() ** 2


def program_3(a: Any, b: Any, c: Any) -> Any:
    # 2-2-1 sigmoid network's squared error, a, b, c as three of its weights.
    h1 = (a * -2 + b * -1 + 0.5).sigmoid()
    h2 = (c * -2 + 0.3 * -1 - 0.1).sigmoid()
    o1 = (a * h1 - c * h2 + b).sigmoid()
    return (1 - o1) ** 2


PROGRAMS = [program_1, program_2, program_3]


def with_value(program: Callable[..., Any], inputs: list[float]) -> tuple[float, list[float]]:
    leaves = [Value(x) for x in inputs]
    out = program(*leaves)
    out.backward()
    return out.data, [leaf.grad for leaf in leaves]


def with_torch(program: Callable[..., Any], inputs: list[float]) -> tuple[float, list[float]]:
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    out = program(*leaves)
    out.backward()
    return float(out.item()), [float(leaf.grad.item()) for leaf in leaves]


INPUTS = np.random.default_rng(9).uniform(-2, 2, (40, 3)).tolist()


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.__name__)
def test_values_and_gradients_equal_pytorchs(program: Callable[..., Any]) -> None:
    for inputs in INPUTS:
        value, grads = with_value(program, inputs)
        expected_value, expected_grads = with_torch(program, inputs)
        assert value == pytest.approx(expected_value, rel=1e-12, abs=1e-14), inputs
        assert grads == pytest.approx(expected_grads, rel=1e-12, abs=1e-14), inputs


@pytest.mark.parametrize(
    "build",
    [
        lambda x: x.relu(),
        lambda x: (x * 3).relu() * x,
        lambda x: x**2 + x**3,
        lambda x: x.tanh(),
        lambda x: x.exp(),
        lambda x: x.sigmoid(),
    ],
    ids=["relu", "relu_times_x", "powers", "tanh", "exp", "sigmoid"],
)
def test_at_zero_and_at_the_kink_too(build: Callable[[Any], Any]) -> None:
    # ReLU's slope at exactly 0 is 0 in both.
    for x in [0.0, -0.0, 1e-300, -1e-300]:
        value, grads = with_value(build, [x])
        expected_value, expected_grads = with_torch(build, [x])
        assert value == pytest.approx(expected_value, rel=1e-15, abs=0)
        assert grads == pytest.approx(expected_grads, rel=1e-15, abs=0)


def test_the_2_2_1_network_on_all_four_people_equals_pytorch() -> None:
    data, all_y_trues = training_data()
    start = np.random.default_rng(42).standard_normal(9).tolist()

    def loss(p: list[Any], x1: float, x2: float, y_true: float) -> Any:
        w1, w2, w3, w4, w5, w6, b1, b2, b3 = p
        h1 = (w1 * x1 + w2 * x2 + b1).sigmoid()
        h2 = (w3 * x1 + w4 * x2 + b2).sigmoid()
        return (y_true - (w5 * h1 + w6 * h2 + b3).sigmoid()) ** 2

    for (x1, x2), y_true in zip(data.tolist(), all_y_trues.tolist(), strict=True):

        def program(*p: Any, x1: float = x1, x2: float = x2, y_true: float = y_true) -> Any:
            return loss(list(p), x1, x2, y_true)

        value, grads = with_value(program, start)
        expected_value, expected_grads = with_torch(program, start)
        assert value == pytest.approx(expected_value, rel=1e-14)
        assert grads == pytest.approx(expected_grads, rel=1e-13)
