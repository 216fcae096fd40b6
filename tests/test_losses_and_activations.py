"""Chapters 7 and 11: ACTIVATIONS and LOSSES, checked against formulas and finite differences.

Every expected value is a formula written here (with numpy or math) or in
tests/seed_reference.py (the sigmoids), a hand calculation, or a central finite
difference computed here.
"""

import math
import warnings

import numpy as np
import pytest

from nn_from_scratch import ACTIVATIONS, LOSSES, binary_cross_entropy, sigmoid
from tests import seed_reference

Z = np.array([-30.0, -4.0, -1.5, -0.3, 0.0, 0.2, 1.0, 2.5, 7.0, 30.0])

# Each activation written again from its definition, with its slope as a function of z.
FORMULAS = {
    "sigmoid": seed_reference.sigmoid,
    "tanh": lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),
    "relu": lambda z: np.where(z > 0, z, 0.0),
    "identity": lambda z: z,
}
SLOPES = {
    "sigmoid": lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
    "tanh": lambda z: 1 / np.cosh(z) ** 2,
    "relu": lambda z: np.where(z > 0, 1.0, 0.0),
    "identity": lambda z: np.ones_like(z),
}


def test_the_registries_hold_the_documented_names() -> None:
    assert sorted(ACTIVATIONS) == ["identity", "relu", "sigmoid", "softmax", "tanh"]
    assert sorted(LOSSES) == ["bce", "cross_entropy", "mse"]
    assert all(activation.name == name for name, activation in ACTIVATIONS.items())
    assert all(loss.name == name for name, loss in LOSSES.items())


# --- activations -------------------------------------------------------------------------


ELEMENTWISE = sorted(FORMULAS)  # softmax is not: tests of its own below


def test_every_activation_but_softmax_is_elementwise_and_tested_here() -> None:
    assert set(ACTIVATIONS) - set(ELEMENTWISE) == {"softmax"}


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_f_matches_its_formula(name: str) -> None:
    result = ACTIVATIONS[name].f(Z.copy())
    assert result.shape == Z.shape
    np.testing.assert_allclose(result, FORMULAS[name](Z), rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_df_of_the_output_is_the_slope_at_z(name: str) -> None:
    activation = ACTIVATIONS[name]
    z = Z[Z != 0]  # relu has no slope at its kink
    result = activation.df(activation.f(z))
    np.testing.assert_allclose(result, SLOPES[name](z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_activation_df_matches_a_central_finite_difference(name: str) -> None:
    activation = ACTIVATIONS[name]
    z = np.array([-3.0, -1.2, -0.4, 0.3, 0.9, 2.2, 5.0])  # none within h of relu's kink
    h = 1e-6
    numeric = (FORMULAS[name](z + h) - FORMULAS[name](z - h)) / (2 * h)
    np.testing.assert_allclose(activation.df(activation.f(z)), numeric, rtol=1e-8, atol=1e-10)


def test_activations_by_hand() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    assert ACTIVATIONS["relu"].f(z).tolist() == [0.0, 0.0, 3.0]  # max(z, 0)
    assert ACTIVATIONS["relu"].df(np.array([0.0, 0.0, 3.0])).tolist() == [0.0, 0.0, 1.0]
    assert ACTIVATIONS["identity"].f(z).tolist() == [-2.0, 0.0, 3.0]
    assert ACTIVATIONS["identity"].df(z).tolist() == [1.0, 1.0, 1.0]
    assert ACTIVATIONS["sigmoid"].f(np.array([0.0])).tolist() == [0.5]  # 1 / (1 + 1)
    assert ACTIVATIONS["sigmoid"].df(np.array([0.5])).tolist() == [0.25]  # 0.5 * 0.5
    assert ACTIVATIONS["tanh"].df(np.array([0.0, 0.5])).tolist() == [1.0, 0.75]  # 1 - a**2


EXTREMES = [-1e308, -800.0, -709.5, -708.0, -700.0, -30.0, -1.0, -1e-10, 0.0, 709.5, 1e308]
EXTREMES += [math.inf, -math.inf]


@pytest.mark.parametrize(
    "function", [ACTIVATIONS["sigmoid"].f, sigmoid], ids=["ACTIVATIONS", "sigmoid"]
)
@pytest.mark.parametrize("alone", [True, False], ids=["one_value", "with_all_the_others"])
@pytest.mark.parametrize("z", EXTREMES)
def test_the_array_sigmoid_is_finite_and_accurate_everywhere(
    function: object, alone: bool, z: float
) -> None:
    values = np.array([z]) if alone else np.array(EXTREMES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail the test
        result = function(values)  # type: ignore[operator]
    assert isinstance(result, np.ndarray)
    assert np.isfinite(result).all()
    got = float(result[0] if alone else result[EXTREMES.index(z)])
    if z >= 0:  # the notebook's formula, exactly
        assert got == seed_reference.sigmoid(np.float64(z))
    expected = seed_reference.math_sigmoid(z)  # e / (1 + e), e = exp(z), below 0
    assert abs(got - expected) <= 4 * math.ulp(expected)
    assert 0.0 <= got <= 1.0


# --- losses ------------------------------------------------------------------------------

Y_HAND = np.array([[1.0, 0.0], [0.0, 1.0]])
P_HAND = np.array([[0.5, 0.25], [0.75, 1.0]])


def test_mse_by_hand() -> None:
    # Sample 1: 0.5**2 + 0.25**2 = 0.3125; sample 2: 0.75**2 + 0**2 = 0.5625.
    # Mean over the 2 samples of the sums: (0.3125 + 0.5625) / 2 = 0.4375.
    assert LOSSES["mse"].f(Y_HAND, P_HAND) == 0.4375
    # dL/dP = -2 (Y - P) / n = -(Y - P) here: [[-0.5, 0.25], [0.75, 0]].
    assert LOSSES["mse"].df(Y_HAND, P_HAND).tolist() == [[-0.5, 0.25], [0.75, 0.0]]


def test_bce_by_hand() -> None:
    Y, P = np.array([[1.0], [0.0]]), np.array([[0.9], [0.2]])
    # -(1 * ln 0.9 + 1 * ln(1 - 0.2)) / 2
    assert LOSSES["bce"].f(Y, P) == pytest.approx(-(math.log(0.9) + math.log(0.8)) / 2, rel=1e-15)
    # d/dP of -ln P is -1/P; of -ln(1 - P) is 1/(1 - P); then / n = 2.
    expected = [[-1 / 0.9 / 2], [1 / 0.8 / 2]]
    np.testing.assert_allclose(LOSSES["bce"].df(Y, P), expected, rtol=1e-14)
    # Two outputs, one sample: -(ln 0.5 + ln 0.5) / 1 = 2 ln 2 (summed over outputs).
    two = LOSSES["bce"].f(np.array([[1.0, 0.0]]), np.array([[0.5, 0.5]]))
    assert two == pytest.approx(2 * math.log(2), rel=1e-15)


def random_pair(loss: str, seed: int, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    if loss == "bce":
        return rng.uniform(0, 1, shape), rng.uniform(0.05, 0.95, shape)
    if loss == "cross_entropy":  # rows of probabilities, each summing to 1
        Y, P = rng.uniform(0, 1, shape), rng.uniform(0.05, 1, shape)
        return Y / Y.sum(axis=1, keepdims=True), P / P.sum(axis=1, keepdims=True)
    return rng.normal(0, 2, shape), rng.normal(0, 2, shape)


LOSS_FORMULAS = {
    "mse": lambda Y, P: np.mean(np.sum((Y - P) ** 2, axis=1)),
    "bce": lambda Y, P: np.mean(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P), axis=1)),
    "cross_entropy": lambda Y, P: np.mean(-np.sum(Y * np.log(P), axis=1)),
}


@pytest.mark.parametrize("shape", [(1, 1), (5, 1), (4, 3)])
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_loss_f_matches_its_formula(loss: str, shape: tuple[int, int]) -> None:
    Y, P = random_pair(loss, 1, shape)
    result = LOSSES[loss].f(Y, P)
    assert type(result) is float
    assert result == pytest.approx(LOSS_FORMULAS[loss](Y, P), rel=1e-14)


@pytest.mark.parametrize("shape", [(1, 1), (5, 1), (4, 3)])
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_loss_df_matches_central_finite_differences(loss: str, shape: tuple[int, int]) -> None:
    Y, P = random_pair(loss, 2, shape)
    h = 1e-6
    numeric = np.zeros(shape)
    for index in np.ndindex(shape):
        up, down = P.copy(), P.copy()
        up[index] += h
        down[index] -= h
        numeric[index] = (LOSS_FORMULAS[loss](Y, up) - LOSS_FORMULAS[loss](Y, down)) / (2 * h)
    result = LOSSES[loss].df(Y, P)
    assert result.shape == shape
    np.testing.assert_allclose(result, numeric, rtol=1e-7, atol=1e-9)


def test_public_binary_cross_entropy_by_hand() -> None:
    result = binary_cross_entropy([1, 0], [0.9, 0.2])
    assert type(result) is float
    assert result == pytest.approx(-(math.log(0.9) + math.log(0.8)) / 2, rel=1e-15)  # 0.164252
    assert round(result, 6) == 0.164252


def test_binary_cross_entropy_keeps_predictions_of_0_and_1_finite() -> None:
    # Documented: predictions are kept EPSILON = 1e-12 from 0 and 1, so -ln(1e-12).
    assert binary_cross_entropy([1.0], [0.0]) == pytest.approx(-math.log(1e-12), rel=1e-9)
    assert binary_cross_entropy([0.0], [1.0]) == pytest.approx(-math.log(1e-12), rel=1e-3)
    assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) < 1e-11  # right and sure: about 0


@pytest.mark.parametrize(
    ("y_true", "y_pred", "argument"),
    [
        ([1, 0], [1.1, 0.2], "y_pred"),
        ([1, 0], [0.9, -0.2], "y_pred"),
        ([2, 0], [0.9, 0.2], "y_true"),
        ([1, -1e-9], [0.9, 0.2], "y_true"),
    ],
)
def test_binary_cross_entropy_refuses_values_outside_0_1(
    y_true: list, y_pred: list, argument: str
) -> None:
    with pytest.raises(ValueError, match=rf"\b{argument}\b"):
        binary_cross_entropy(y_true, y_pred)


# --- chapter 11: softmax and cross-entropy -------------------------------------------------

SOFTMAX = ACTIVATIONS["softmax"]


def softmax_by_definition(z: np.ndarray) -> np.ndarray:
    """exp(z_i) / sum_j exp(z_j) along each row, with math.exp, as the formula is written."""
    rows = []
    for row in np.atleast_2d(z):
        exps = [math.exp(value) for value in row]
        rows.append([value / math.fsum(exps) for value in exps])
    return np.array(rows).reshape(z.shape)


@pytest.mark.parametrize(
    "z",
    [
        np.array([[1.0, 2.0, 3.0]]),
        np.array([[0.0, 0.0], [-3.0, 4.5]]),
        np.array([-2.0, 0.5, 0.0, 4.0]),  # one row, 1-D
        np.random.default_rng(0).normal(0, 5, (6, 10)),
    ],
    ids=["one_row", "two_rows", "1d", "random"],
)
def test_softmax_matches_its_formula(z: np.ndarray) -> None:
    result = SOFTMAX.f(z.copy())
    assert result.shape == z.shape
    np.testing.assert_allclose(result, softmax_by_definition(z), rtol=1e-13, atol=0)
    np.testing.assert_allclose(result.sum(axis=-1), 1.0, rtol=0, atol=1e-15)


def test_softmax_by_hand() -> None:
    # [0, ln 3]: exp gives 1 and 3, a sum of 4, so 1/4 and 3/4.
    result = SOFTMAX.f(np.array([[0.0, math.log(3)]]))
    np.testing.assert_allclose(result, [[0.25, 0.75]], rtol=1e-15)
    assert SOFTMAX.f(np.array([[5.0, 5.0, 5.0, 5.0]])).tolist() == [[0.25] * 4]


def test_softmax_does_not_overflow_and_ignores_a_shift() -> None:
    z = np.array([[1.0, 2.0, 3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would fail the test
        shifted = SOFTMAX.f(z + 1000.0)  # exp(1003) alone is infinite in float64
        far_apart = SOFTMAX.f(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_allclose(shifted, softmax_by_definition(z), rtol=1e-13)
    assert far_apart.tolist() == [[0.0, 0.0, 1.0]]  # exp(-1000) underflows to 0, exactly


def test_softmax_leaves_its_input_alone() -> None:
    z = np.array([[1.0, 2.0, 3.0]])
    SOFTMAX.f(z)
    assert z.tolist() == [[1.0, 2.0, 3.0]]


def test_softmax_has_no_elementwise_derivative_to_misuse() -> None:
    # No array of a's shape can hold softmax's slope: its df refuses, rather than
    # return something that looks like a slope and is wrong.
    with pytest.raises(ValueError, match="softmax has no elementwise derivative"):
        SOFTMAX.df(np.array([[0.25, 0.75]]))


def test_cross_entropy_by_hand() -> None:
    Y = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    P = np.array([[0.25, 0.25, 0.5], [0.8, 0.1, 0.1]])
    # Only the right class counts: (-ln 0.5 - ln 0.8) / 2.
    expected = (-math.log(0.5) - math.log(0.8)) / 2
    assert LOSSES["cross_entropy"].f(Y, P) == pytest.approx(expected, rel=1e-15)
    assert round(expected, 4) == 0.4581  # chapter 11's number
    # dL/dP = -Y / P / n: -1 / 0.5 / 2 = -1 and -1 / 0.8 / 2 = -0.625, 0 elsewhere.
    np.testing.assert_allclose(
        LOSSES["cross_entropy"].df(Y, P), [[0, 0, -1.0], [-0.625, 0, 0]], rtol=1e-15
    )


def test_cross_entropy_keeps_predictions_between_epsilon_and_1() -> None:
    # P = 0 for the right class: -ln(1e-12), finite. P above 1 counts as 1 (loss 0).
    Y = np.array([[1.0, 0.0]])
    assert LOSSES["cross_entropy"].f(Y, np.array([[0.0, 1.0]])) == pytest.approx(
        -math.log(1e-12), rel=1e-12
    )
    assert LOSSES["cross_entropy"].f(Y, np.array([[1.5, 0.0]])) == 0.0
