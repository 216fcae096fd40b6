"""Chapter 1: the sigmoid and its derivative, checked against math.exp and finite differences.

The reference sigmoid is tests/seed_reference.py's `math_sigmoid`, written with the
standard library alone.
"""

import math

import numpy as np
import pytest

from nn_from_scratch import deriv_sigmoid, sigmoid
from tests.seed_reference import math_sigmoid


def test_sigmoid_of_7_is_the_seed_notebooks_number() -> None:
    # The seed notebook prints 0.9990889488055994 for its neuron, whose total is 7.
    assert sigmoid(7) == 0.9990889488055994


def test_sigmoid_of_0_is_one_half() -> None:
    # 1 / (1 + e**0) = 1 / 2
    assert sigmoid(0) == 0.5


@pytest.mark.parametrize("x", [-30.0, -5, -1.5, -0.1, 0.25, 2, 10, 36.0])
def test_sigmoid_matches_the_math_exp_formula(x: float) -> None:
    assert sigmoid(x) == pytest.approx(math_sigmoid(x), rel=1e-15)


@pytest.mark.parametrize("x", [7, 7.0, np.int64(7), np.float64(7.0), np.array(7.0)])
def test_a_scalar_in_gives_a_python_float_out(x: object) -> None:
    result = sigmoid(x)
    assert type(result) is float
    assert result == 0.9990889488055994


@pytest.mark.parametrize(
    "x",
    [[-1.0, 0.0, 1.0], (2, 3), [[0.5, -0.5], [4.0, -4.0]], np.linspace(-3, 3, 12).reshape(2, 3, 2)],
)
def test_a_list_or_array_in_gives_an_array_of_the_same_shape(x: object) -> None:
    given = np.asarray(x, dtype=float)
    result = sigmoid(x)
    assert isinstance(result, np.ndarray)
    assert result.shape == given.shape
    expected = [math_sigmoid(v) for v in given.ravel().tolist()]
    np.testing.assert_allclose(result.ravel(), expected, rtol=1e-15)


def test_sigmoid_does_not_change_its_argument() -> None:
    x = np.array([-1.0, 0.0, 2.0])
    sigmoid(x)
    assert x.tolist() == [-1.0, 0.0, 2.0]


@pytest.mark.parametrize(("x", "expected"), [(math.inf, 1.0), (-math.inf, 0.0)])
def test_sigmoid_allows_infinity_and_returns_the_limit(x: float, expected: float) -> None:
    # exp(-inf) = 0 gives 1 / 1; exp(inf) = inf gives 1 / inf = 0.
    assert sigmoid(x) == expected
    assert sigmoid(np.array([x])).tolist() == [expected]


def test_deriv_sigmoid_of_0_is_one_quarter() -> None:
    # f(0) = 0.5, so f'(0) = 0.5 * (1 - 0.5) = 0.25
    assert deriv_sigmoid(0) == 0.25


@pytest.mark.parametrize("x", [-6.0, -2, -0.5, 0, 0.3, 1, 4.5])
def test_deriv_sigmoid_is_s_times_one_minus_s(x: float) -> None:
    s = math_sigmoid(x)
    result = deriv_sigmoid(x)
    assert type(result) is float
    assert result == pytest.approx(s * (1 - s), rel=1e-14)


@pytest.mark.parametrize("x", [-6.0, -2.0, -0.5, 0.0, 0.3, 1.0, 4.5])
def test_deriv_sigmoid_matches_a_central_finite_difference(x: float) -> None:
    h = 1e-5
    slope = (math_sigmoid(x + h) - math_sigmoid(x - h)) / (2 * h)  # of the reference sigmoid
    assert abs(deriv_sigmoid(x) - slope) / abs(slope) < 1e-7


def test_deriv_sigmoid_of_an_array_is_elementwise() -> None:
    x = [[-1.0, 0.0], [2.0, 3.0]]
    result = deriv_sigmoid(x)
    assert isinstance(result, np.ndarray)
    assert result.shape == (2, 2)
    expected = [math_sigmoid(v) * (1 - math_sigmoid(v)) for v in [-1.0, 0.0, 2.0, 3.0]]
    np.testing.assert_allclose(result.ravel(), expected, rtol=1e-14)
