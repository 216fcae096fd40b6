"""Chapter 10: `Value` gives the values and gradients that calculus gives.

Every expected number here comes from outside `Value`: a derivative worked out
by hand and evaluated with `math`, chapter 5's hand-derived backpropagation
(`training.backprop`), the original tutorial's training (tests/seed_reference.py),
or central finite differences. The comparison with PyTorch is in
tests/test_autodiff_torch.py.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import numpy as np
import pytest

from nn_from_scratch import PARAMETER_NAMES, NeuralNetwork, Value, training_data
from nn_from_scratch.training import backprop
from tests.helpers import show
from tests.seed_reference import SEED_DATA, SEED_Y_TRUES, SeedNetwork, math_sigmoid, seed_start

# --- each operation: its value and its slope, from the formulas ----------------------------


def value_and_grad(build: Callable[[Value], Value], x: float) -> tuple[float, float]:
    """out.data and x.grad for out = build(x), after out.backward()."""
    leaf = Value(x)
    out = build(leaf)
    out.backward()
    return out.data, leaf.grad


# (name, the program of x, x, the value by formula, the slope by formula)
ONE_INPUT: list[tuple[str, Callable[[Value], Value], float, float, float]] = [
    ("x + 2", lambda x: x + 2, 1.5, 3.5, 1.0),
    ("2 + x", lambda x: 2 + x, 1.5, 3.5, 1.0),
    ("x - 2", lambda x: x - 2, 1.5, -0.5, 1.0),
    ("2 - x", lambda x: 2 - x, 1.5, 0.5, -1.0),
    ("3 * x", lambda x: 3 * x, 1.5, 4.5, 3.0),
    ("x * 3", lambda x: x * 3, 1.5, 4.5, 3.0),
    ("x / 4", lambda x: x / 4, 1.5, 0.375, 0.25),
    ("10 / x", lambda x: 10.0 / x, 2.0, 5.0, -10 / 2.0**2),
    ("-x", lambda x: -x, 1.5, -1.5, -1.0),
    ("x ** 3", lambda x: x**3, -2.0, -8.0, 3 * 4.0),
    ("x ** 0.5", lambda x: x**0.5, 4.0, 2.0, 0.5 / 2.0),
    ("x ** -2", lambda x: x**-2, 2.0, 0.25, -2 / 8.0),
    ("x ** 0", lambda x: x**0, 0.0, 1.0, 0.0),
    ("x * x", lambda x: x * x, -4.0, 16.0, -8.0),
    ("x + x + x", lambda x: x + x + x, 0.25, 0.75, 3.0),
    ("relu(+)", lambda x: x.relu(), 1.5, 1.5, 1.0),
    ("relu(-)", lambda x: x.relu(), -1.5, 0.0, 0.0),
    ("relu(0)", lambda x: x.relu(), 0.0, 0.0, 0.0),  # PyTorch's choice at the kink
    ("tanh", lambda x: x.tanh(), 0.5, math.tanh(0.5), 1 / math.cosh(0.5) ** 2),
    ("exp", lambda x: x.exp(), -1.25, math.exp(-1.25), math.exp(-1.25)),
    (
        "sigmoid",
        lambda x: x.sigmoid(),
        1.0,
        1 / (1 + math.e**-1),
        math.e**-1 / (1 + math.e**-1) ** 2,
    ),
    ("sigmoid(-800)", lambda x: x.sigmoid(), -800.0, 0.0, 0.0),
]


@pytest.mark.parametrize(
    ("name", "build", "x", "value", "slope"), ONE_INPUT, ids=[c[0] for c in ONE_INPUT]
)
def test_each_operation_has_the_value_and_slope_of_its_formula(
    name: str, build: Callable[[Value], Value], x: float, value: float, slope: float
) -> None:
    got_value, got_slope = value_and_grad(build, x)
    assert got_value == pytest.approx(value, rel=1e-14, abs=1e-300)
    assert got_slope == pytest.approx(slope, rel=1e-14, abs=1e-300)


def test_the_chapter_example_by_hand() -> None:
    # L = a*b + a at a = 2, b = -3: dL/da = b + 1 = -2, dL/db = a = 2.
    a, b = Value(2.0), Value(-3.0)
    L = a * b + a
    L.backward()
    assert (L.data, L.grad, a.grad, b.grad) == (-4.0, 1.0, -2.0, 2.0)


class Overwriting(Value):
    """A Value whose sums and products set their inputs' gradients (=) instead of adding."""

    def __add__(self, other: Value | float) -> Value:
        b = other if isinstance(other, Value) else Overwriting(other)
        out = Overwriting(self.data + b.data, (self, b), "+")

        def _backward() -> None:
            self.grad = out.grad
            b.grad = out.grad

        out._backward = _backward
        return out

    def __mul__(self, other: Value | float) -> Value:
        b = other if isinstance(other, Value) else Overwriting(other)
        out = Overwriting(self.data * b.data, (self, b), "*")

        def _backward() -> None:
            self.grad = b.data * out.grad
            b.grad = self.data * out.grad

        out._backward = _backward
        return out


def test_setting_instead_of_adding_loses_the_path_straight_into_L() -> None:
    # The chapter: with `=`, c's share (b = -3) overwrites the 1 that L sent a first,
    # while the nudge a = 2.001 moves L by -0.002, -2 times the nudge.
    a, b = Overwriting(2.0), Overwriting(-3.0)
    (a * b + a).backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
    nudged = 2.001 * -3 + 2.001 - (2.0 * -3 + 2.0)
    assert nudged / 0.001 == pytest.approx(-2.0, rel=1e-9)
    assert round(2.001 * -3 + 2.001, 3) == -4.002 and round(nudged, 3) == -0.002


def test_a_program_of_every_operation_against_its_derivative_by_hand() -> None:
    # g(x, y) = tanh(x*y + exp(x)) / y + relu(x - y) - sigmoid(2x)**2, by hand:
    #   dg/dx = (1 - t²)(y + e^x)/y + 1 - 2 s (2 s (1 - s)),  t = tanh(xy + e^x), s = f(2x)
    #   dg/dy = (1 - t²) x / y - t / y² - 1                   (x - y > 0 here)
    x, y = 0.3, -0.8
    t, s = math.tanh(x * y + math.exp(x)), math_sigmoid(2 * x)
    X, Y = Value(x), Value(y)
    g = (X * Y + X.exp()).tanh() / Y + (X - Y).relu() - (2 * X).sigmoid() ** 2
    g.backward()
    assert g.data == pytest.approx(t / y + (x - y) - s**2, rel=1e-14)
    assert X.grad == pytest.approx(
        (1 - t**2) * (y + math.exp(x)) / y + 1 - 4 * s**2 * (1 - s), rel=1e-13
    )
    assert Y.grad == pytest.approx((1 - t**2) * x / y - t / y**2 - 1, rel=1e-13)


def test_in_place_operators_and_numbers_on_either_side() -> None:
    x = Value(2.0)
    c = x * 1
    c += 1  # micrograd style: c is now c + 1, a new Value
    c *= x
    c -= 0.5
    c /= 2
    c.backward()
    assert c.data == ((2.0 + 1) * 2.0 - 0.5) / 2  # (x + 1) x / 2 - 1/4
    assert x.grad == (2 * 2.0 + 1) / 2  # d/dx = (2x + 1) / 2


def test_numpy_numbers_are_numbers_too() -> None:
    x = Value(np.float32(1.5))
    y = np.float64(2.0) * x + np.int64(1)
    assert isinstance(y, Value) and y.data == 4.0
    y.backward()
    assert x.grad == 2.0


# --- the backward pass ---------------------------------------------------------------


def test_a_value_used_twice_gets_both_contributions() -> None:
    a = Value(3.0)
    b = a * 4  # b uses a, and a is used again below
    c = b + a * a
    c.backward()
    assert a.grad == 4 + 2 * 3.0  # d(4a + a²)/da


def test_each_node_runs_after_every_node_that_uses_it() -> None:
    # d = b*c with b = a + 1 and c = a * 2: b and c both need d's gradient first,
    # and a needs both of theirs; any other order leaves a.grad short.
    a = Value(3.0)
    b, c = a + 1, a * 2
    d = b * c
    d.backward()
    assert a.grad == 1 * 6.0 + 2 * 4.0  # c * db/da + b * dc/da = 2(2a + 1) = 14


def test_a_deep_graph_needs_no_recursion() -> None:
    assert sys.getrecursionlimit() < 10_000  # so a recursive walk would fail here
    x = Value(1.0)
    total = sum([x] * 10_000)  # the chapter's: 0 + x + ... + x, ten thousand x's
    assert isinstance(total, Value)
    assert len(total.graph()) == 2 + 10_000  # x, the 0 that sum starts from, 10,000 sums
    total.backward()
    assert (total.data, x.grad) == (10_000.0, 10_000.0)
    chain = Value(1.0)
    y = chain
    for _ in range(20_000):
        y = y * 1.0
    y.backward()
    assert chain.grad == 1.0


def test_gradients_add_up_over_calls_of_backward_as_in_micrograd() -> None:
    x = Value(2.0)
    y = x * 3
    y.backward()
    y.backward()
    assert x.grad == 6.0
    x.grad = 0.0
    (x * 3).backward()
    assert x.grad == 3.0


def test_micrograd_constructor_and_attributes() -> None:
    a, b = Value(1.0), Value(2.0)
    c = Value(3.0, (a, b), "+")  # micrograd's private arguments are taken
    assert c._prev == (a, b) and c._op == "+"
    assert repr(Value(2.5)) == "Value(data=2.5, grad=0.0)"
    d = a + b
    assert set(d._prev) == {a, b} and d._op == "+"
    a.data -= 0.5  # an SGD step
    assert a.data == 0.5


# --- chapter 5's network from Values ------------------------------------------------------


def value_loss(p: dict[str, Value], x1: float, x2: float, y_true: float) -> Value:
    h1 = (p["w1"] * x1 + p["w2"] * x2 + p["b1"]).sigmoid()
    h2 = (p["w3"] * x1 + p["w4"] * x2 + p["b2"]).sigmoid()
    o1 = (p["w5"] * h1 + p["w6"] * h2 + p["b3"]).sigmoid()
    return (y_true - o1) ** 2


@pytest.mark.parametrize("seed", [42, 0, 1, 7])
def test_the_network_gradients_equal_chapter_5s_hand_derived_ones(seed: int) -> None:
    net = NeuralNetwork(**seed_start(seed))
    data, all_y_trues = training_data()
    for (x1, x2), y_true in zip(data.tolist(), all_y_trues.tolist(), strict=True):
        p = {name: Value(number) for name, number in net.parameters().items()}
        value_loss(p, x1, x2, y_true).backward()
        by_hand = backprop(net, x1, x2, y_true)
        for name, slope in zip(PARAMETER_NAMES, by_hand, strict=True):
            assert p[name].grad == pytest.approx(slope, rel=1e-15, abs=1e-300), name


def test_one_persons_loss_uses_every_value_once() -> None:
    # Exercise 10.3: in one person's loss no value feeds two others, so setting
    # gradients (=) would give the same nine as adding them (+=) ...
    net = NeuralNetwork(**seed_start(42))
    p = {name: Value(number) for name, number in net.parameters().items()}
    L = value_loss(p, -2.0, -1.0, 1.0)
    uses = [child for value in L.graph() for child in value.inputs]
    assert len(uses) == len(set(uses)) and set(p.values()) <= set(uses)
    L.backward()
    q = {name: Overwriting(number) for name, number in net.parameters().items()}
    overwritten = value_loss(q, -2.0, -1.0, 1.0)
    overwritten.backward()
    assert {n: v.grad for n, v in q.items()} == {n: v.grad for n, v in p.items()}
    # ... but in the four people's summed loss every parameter is used four times.
    q = {name: Overwriting(number) for name, number in net.parameters().items()}
    total = sum(
        value_loss(q, x1, x2, y)
        for (x1, x2), y in zip(SEED_DATA.tolist(), SEED_Y_TRUES.tolist(), strict=True)
    )
    p = {name: Value(number) for name, number in net.parameters().items()}
    right = sum(
        value_loss(p, x1, x2, y)
        for (x1, x2), y in zip(SEED_DATA.tolist(), SEED_Y_TRUES.tolist(), strict=True)
    )
    assert isinstance(total, Value) and isinstance(right, Value)
    total.backward()
    right.backward()
    assert q["w1"].grad != pytest.approx(p["w1"].grad)


@pytest.mark.sweep  # 1000 epochs of Value graphs; the chapter's page trains with Value too
def test_training_with_values_ends_where_the_original_tutorial_does() -> None:
    start = seed_start(42)
    p = {name: Value(number) for name, number in start.items()}
    people = list(zip(SEED_DATA.tolist(), SEED_Y_TRUES.tolist(), strict=True))
    for _ in range(1000):
        for (x1, x2), y_true in people:
            for value in p.values():
                value.grad = 0.0
            value_loss(p, x1, x2, y_true).backward()
            for value in p.values():
                value.data -= 0.1 * value.grad
    seed = SeedNetwork(start)
    seed.train(SEED_DATA, SEED_Y_TRUES)
    for name, number in seed.params().items():
        assert p[name].data == pytest.approx(number, rel=1e-12, abs=1e-12), name


def central_difference(program: Callable[..., Value], inputs: list[float], i: float) -> float:
    eps = 1e-6
    up, down = list(inputs), list(inputs)
    up[int(i)] += eps
    down[int(i)] -= eps
    return (program(*map(Value, up)).data - program(*map(Value, down)).data) / (2 * eps)


def chapter_program(a: Value, b: Value) -> Value:
    c = a * b + b**3 - 1.5
    d = (a - b).relu() + (a / b).tanh() - (-a).relu()
    return (c * d / 4).exp() + 2 * c * d - c / (1 + d**2)


def test_the_chapters_finite_differences_agree_to_seven_decimals() -> None:
    # "Seven decimals alike: a relative error below 1e-9", at the chapter's point.
    inputs = [0.7, -1.3]
    leaves = [Value(x) for x in inputs]
    chapter_program(*leaves).backward()
    for i, leaf in enumerate(leaves):
        measured = central_difference(chapter_program, inputs, i)
        assert f"{leaf.grad:.7f}" == f"{measured:.7f}"
        assert abs(leaf.grad - measured) / abs(measured) < 1e-9


@pytest.mark.parametrize("seed", range(5))
def test_gradients_agree_with_finite_differences(seed: int) -> None:
    inputs = np.random.default_rng(seed).uniform(-2, 2, 2).tolist()
    leaves = [Value(x) for x in inputs]
    chapter_program(*leaves).backward()
    for i, leaf in enumerate(leaves):
        assert leaf.grad == pytest.approx(
            central_difference(chapter_program, inputs, i), rel=1e-6, abs=1e-8
        )


# --- bad input: refused where it enters, by name --------------------------------------------


@pytest.mark.parametrize("bad", ["3", b"3", None, True, np.True_, 1j, [1.0], Value(1.0)])
def test_data_that_is_not_a_number_is_a_type_error_naming_data(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^data must be a real number"):
        Value(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 10**400])
def test_data_that_is_not_finite_is_a_value_error_naming_data(bad: object) -> None:
    with pytest.raises(ValueError, match=r"^data "):
        Value(bad)  # type: ignore[arg-type]


def test_setting_data_or_grad_to_junk_is_refused_by_name() -> None:
    x = Value(1.0)
    with pytest.raises(TypeError, match=r"^data must be a real number"):
        x.data = "2"  # type: ignore[assignment]
    with pytest.raises(ValueError, match=r"^grad must be a finite number"):
        x.grad = math.nan
    assert (x.data, x.grad) == (1.0, 0.0)


OPERATORS: list[Callable[[object, object], object]] = [
    lambda a, b: a + b,
    lambda a, b: a - b,
    lambda a, b: a * b,
    lambda a, b: a / b,
]


@pytest.mark.parametrize("operator", OPERATORS, ids=["+", "-", "*", "/"])
@pytest.mark.parametrize("junk", ["2", None, True, 1j, [2.0], object()], ids=show)
def test_arithmetic_with_a_non_number_is_a_type_error(
    operator: Callable[..., object], junk: object
) -> None:
    with pytest.raises(TypeError, match=r"unsupported operand|can't multiply|can only"):
        operator(Value(2.0), junk)
    with pytest.raises(TypeError, match=r"unsupported operand|can't multiply|can only"):
        operator(junk, Value(2.0))


@pytest.mark.parametrize("operator", OPERATORS, ids=["+", "-", "*", "/"])
@pytest.mark.parametrize("junk", [math.nan, math.inf, 10**400])
def test_arithmetic_with_a_non_finite_number_names_other(
    operator: Callable[..., object], junk: object
) -> None:
    with pytest.raises(ValueError, match=r"^other "):
        operator(Value(2.0), junk)
    with pytest.raises(ValueError, match=r"^other "):
        operator(junk, Value(2.0))


def test_a_value_as_exponent_is_a_type_error_naming_exponent() -> None:
    with pytest.raises(
        TypeError, match=r"^exponent must be a real number \(x \*\* n takes a fixed"
    ):
        Value(2.0) ** Value(3.0)  # type: ignore[operator]
    with pytest.raises(TypeError, match=r"^exponent must be a real number"):
        Value(2.0) ** "3"  # type: ignore[operator]
    with pytest.raises(ValueError, match=r"^exponent must be a finite number"):
        Value(2.0) ** math.nan


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Value(710.0).exp(), r"^exp\(710\.0\) is too large"),
        (lambda: Value(1e308) * 10, r"^1e\+308 \* 10\.0 is too large"),
        (lambda: Value(1e308) + 1e308, r"^1e\+308 \+ 1e\+308 is too large"),
        (lambda: Value(1e200) ** 2, r"^1e\+200 \*\* 2\.0 is too large"),
        (lambda: Value(0.0) ** -1, r"^0\.0 \*\* \(-1\.0\) divides by zero"),
        (lambda: 1 / Value(0.0), r"^0\.0 \*\* \(-1\.0\) divides by zero"),
        (lambda: Value(-8.0) ** (1 / 3), r"^\(-8\.0\) \*\* 0\.333\d* is not a real number"),
    ],
)
def test_results_beyond_float64_are_value_errors(build: Callable[[], Value], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_a_gradient_that_overflows_is_refused_and_changes_no_gradient() -> None:
    x = Value(1e-200)
    y = x**-1  # 1e200: fine; its slope -x**-2 = -1e400 is not
    z = y * 2
    x.grad = 5.0
    with pytest.raises(ValueError, match=r"^backward\(\) found a gradient too large for float64"):
        z.backward()
    assert (x.grad, y.grad, z.grad) == (5.0, 0.0, 0.0)
    root = Value(0.0)
    with pytest.raises(
        ValueError, match=r"infinite \(such as the slope of x \*\* 0\.5 at 0\)"
    ):  # slope of sqrt at 0: infinite
        (root**0.5).backward()
    assert root.grad == 0.0


def test_no_warning_escapes_for_huge_finite_numbers() -> None:
    # pyproject turns every warning into an error: these must be quiet.
    assert Value(-1e308).sigmoid().data == 0.0
    assert Value(1e308).tanh().data == 1.0
    assert Value(-1e308).exp().data == 0.0


def _stopping_op(v: Value, error: BaseException) -> Value:
    """A reader's own operation (out = v) whose _backward adds its share, then raises."""
    out = Value(v.data, (v,), "stop")

    def _backward() -> None:
        v.grad += out.grad
        raise error

    out._backward = _backward
    return out


@pytest.mark.parametrize(
    "error",
    [TypeError("a bug in the reader's _backward"), KeyboardInterrupt(), RuntimeError("stop")],
    ids=show,
)
def test_a_backward_pass_stopped_by_anything_leaves_every_gradient_as_it_was(
    error: BaseException,
) -> None:
    # Outside finding: a custom op whose _backward raised (a TypeError in exercise
    # 10.2's code, or a Ctrl-C) left a.grad at 1.69, half of the pass added.
    a = Value(1.3)
    b = a * a
    c = _stopping_op(b, error) + b
    a.grad = 0.25
    with pytest.raises(type(error), match=str(error) if str(error) else None):
        c.backward()
    assert (a.grad, b.grad, c.grad) == (0.25, 0.0, 0.0)


def test_a_readers_value_error_in_backward_keeps_its_own_message() -> None:
    # Only a gradient refused as too large is reported as one; a math domain error
    # in the reader's own _backward is raised as it is, every grad put back.
    x = Value(2.0)
    with pytest.raises(ValueError, match="math domain error"):
        _stopping_op(x * 2, ValueError("math domain error")).backward()
    assert x.grad == 0.0
