"""Properties that must hold for every input, checked on inputs that hypothesis generates.

The example-based tests pin chosen values; these tests state what must be true of
*any* input in a range and let hypothesis look for a counterexample (and shrink it to
a small one when it finds one). Each test's docstring says the property in words.

What is covered:

- `sigmoid` and `deriv_sigmoid`: range, type and shape of the result, monotonicity,
  the symmetry sigmoid(-x) = 1 - sigmoid(x), and agreement with the formulas.
- `mse_loss` and `binary_cross_entropy`: non-negativity, zero exactly for equal
  arguments, symmetry, and agreement with numpy.
- `MatrixNetwork`: the shapes of `forward` and `gradients`, and the range of the output.
- `NeuralNetwork.feed_forward`: a float between 0 and 1.
- `train`, `sgd_step` and `train_batches`: a call refused for one bad argument raises
  TypeError or ValueError naming that argument, and leaves every parameter as it was.

NaN is deliberately never given to `sigmoid` here: how it treats NaN is being changed.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from threadpoolctl import threadpool_limits

from nn_from_scratch import (
    ACTIVATIONS,
    INITS,
    LOSSES,
    MatrixNetwork,
    NeuralNetwork,
    binary_cross_entropy,
    check_gradients,
    deriv_sigmoid,
    gradients,
    mse_loss,
    predict,
    save,
    sgd_step,
    sigmoid,
    train,
    train_batches,
)
from tests.helpers import INF, NAN, examples, same, snapshot
from tests.seed_reference import SEED_NAMES, math_sigmoid
from tests.seed_reference import sigmoid as notebook_sigmoid

# Modest example counts and no deadline, so the whole file runs in a few seconds;
# derandomized, so every run (and every machine) tries the same examples: a failure
# here is a failure of the code, never of the draw.
PROPERTY = settings(max_examples=examples(100), deadline=None, derandomize=True, database=None)

# --- strategies --------------------------------------------------------------------------

FINITE = st.floats(allow_nan=False, allow_infinity=False)
"""Every finite float64, from -max to max, subnormals and -0.0 included."""

EXTENDED = st.floats(allow_nan=False)
"""Every finite float64, and ±inf."""

NUMBERS = st.one_of(EXTENDED, EXTENDED.map(np.float64), st.integers(-(10**6), 10**6))
"""What a reader may pass sigmoid as one number: a float, a numpy float, an int."""

NEGATIVE_MIDDLE = st.floats(-40.0, 0.0)
"""Negative x whose sigmoid is neither 0 nor 1/2 after rounding: the lower half of the curve."""

SWITCHES = st.one_of(st.floats(-2.0, 2.0), st.floats(-712.0, -706.0))
"""x near 0 and near -709, where implementations of sigmoid switch from one form to another."""

INTERESTING = st.one_of(EXTENDED, NEGATIVE_MIDDLE, SWITCHES)

SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, max_side=5)


def float_arrays(elements: st.SearchStrategy[float], shape: Any = SHAPES) -> Any:
    """float64 arrays of `shape` (a shape, or a strategy for one) with the given elements."""
    return hnp.arrays(np.float64, shape, elements=elements)


@contextmanager
def no_warnings() -> Iterator[None]:
    """Turn every warning (numpy's overflow and invalid-value ones too) into an error.

    pytest is configured with ``filterwarnings = error`` already; this keeps the
    property "raises no warning" explicit, and true when the file is run otherwise.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def close(a: Any, b: Any, *, ulps: float = 4, absolute: float = 4e-16) -> bool:
    """True if `a` and `b` agree to a few ulp, or to `absolute` near zero (elementwise)."""
    a, b = np.asarray(a), np.asarray(b)
    return bool(np.all(np.abs(a - b) <= absolute + ulps * np.finfo(np.float64).eps * np.abs(b)))


@st.composite
def ordered_pairs(draw: st.DrawFn) -> tuple[float, float]:
    """Two floats x <= y: either independent, or y just 1 to 4 ulp above x.

    Neighbouring floats are where rounding can break the monotonicity of a
    floating-point function, so half of the pairs are neighbours.
    """
    x = draw(INTERESTING)
    if draw(st.booleans()):
        y = draw(INTERESTING)
        return min(x, y), max(x, y)
    y = x
    for _ in range(draw(st.integers(1, 4))):
        y = math.nextafter(y, INF)
    return x, y


@st.composite
def sorted_arrays(draw: st.DrawFn) -> np.ndarray:
    """Sorted 1-D arrays, sometimes holding each value's next float up as well."""
    values = draw(float_arrays(INTERESTING, st.integers(1, 30)))
    if draw(st.booleans()):
        with np.errstate(over="ignore"):  # the float after the largest one is inf
            values = np.concatenate([values, np.nextafter(values, INF)])
    return np.sort(values)


# Away from underflow: a nonzero difference between two of these never squares to 0.
SANE = st.one_of(st.just(0.0), st.floats(1e-100, 1e6), st.floats(-1e6, -1e-100))
# Small enough that (a - b) ** 2 cannot overflow.
BOUNDED = st.floats(-1e6, 1e6)


@st.composite
def vector_pairs(draw: st.DrawFn, elements: st.SearchStrategy[float]) -> tuple[Any, Any]:
    """Two 1-D arrays of one length; b is a copy of a with some (often no) entries redrawn."""
    n = draw(st.integers(1, 20))
    a = draw(float_arrays(elements, n))
    b = a.copy()
    redrawn = draw(hnp.arrays(np.bool_, n))
    b[redrawn] = draw(float_arrays(elements, n))[redrawn]
    return a, b


ACTIVATION_NAMES = st.sampled_from(sorted(ACTIVATIONS))  # for the last layer
HIDDEN_NAMES = st.sampled_from(sorted(set(ACTIVATIONS) - {"softmax"}))  # for the others


def one_hot_rows(Y: np.ndarray) -> np.ndarray:
    """Rows with a 1 where `Y`'s row is largest: answers the cross-entropy accepts."""
    return np.eye(Y.shape[1])[Y.argmax(axis=1)]


@st.composite
def matrix_networks(draw: st.DrawFn) -> tuple[MatrixNetwork, list[int], list[str]]:
    """A `MatrixNetwork.random` of 2 to 4 layers (inputs included) of 1 to 8 neurons.

    The activations are one random name for every layer, or a random name per layer
    (softmax in the last layer only); the initialisation and the seed are random too.
    Returns the network, its sizes and the activation name of each layer.
    """
    sizes = draw(st.lists(st.integers(1, 8), min_size=2, max_size=4))
    n_layers = len(sizes) - 1
    if draw(st.booleans()):
        name = draw(ACTIVATION_NAMES if n_layers == 1 else HIDDEN_NAMES)
        activations: str | list[str] = name
        per_layer = [name] * n_layers
    else:
        hidden = draw(st.lists(HIDDEN_NAMES, min_size=n_layers - 1, max_size=n_layers - 1))
        per_layer = [*hidden, draw(ACTIVATION_NAMES)]
        activations = per_layer
    init = draw(st.sampled_from(INITS))
    seed = draw(st.integers(0, 2**32 - 1))
    return MatrixNetwork.random(sizes, activations, seed, init=init), sizes, per_layer


# --- sigmoid -----------------------------------------------------------------------------


@PROPERTY
@given(x=NUMBERS)
def test_sigmoid_of_a_number_is_a_float_between_0_and_1(x: float) -> None:
    """For every finite number and ±inf, sigmoid is a Python float in [0, 1], finite, silent."""
    with no_warnings():
        s = sigmoid(x)
    assert type(s) is float
    assert math.isfinite(s)
    assert 0.0 <= s <= 1.0


@PROPERTY
@given(x=float_arrays(EXTENDED), as_list=st.booleans())
def test_sigmoid_of_an_array_keeps_its_shape_and_stays_between_0_and_1(
    x: np.ndarray, as_list: bool
) -> None:
    """An array (or nested list) in gives a float64 array of the same shape, all in [0, 1]."""
    with no_warnings():
        s = sigmoid(x.tolist() if as_list else x)
    assert isinstance(s, np.ndarray)
    assert s.shape == x.shape
    assert s.dtype == np.float64
    assert np.all(np.isfinite(s))
    assert np.all((s >= 0) & (s <= 1))


@PROPERTY
@given(pair=ordered_pairs())
# Neighbours on which the committed sigmoid, computing exp(x) / (1 + exp(x)) for every
# x < 0, went down by one ulp: rounding made that form non-monotone.
@example(pair=(-1.6068452221007545, -1.6068452221007543))
def test_sigmoid_is_monotone(pair: tuple[float, float]) -> None:
    """x <= y implies sigmoid(x) <= sigmoid(y): the sigmoid never goes down."""
    x, y = pair
    assert sigmoid(x) <= sigmoid(y)


@PROPERTY
@given(x=sorted_arrays())
# The same neighbours, in an array whose minimum (< -709) makes the array code switch form.
@example(x=np.array([-800.0, -1.6068452221007545, -1.6068452221007543]))
def test_sigmoid_of_a_sorted_array_is_sorted(x: np.ndarray) -> None:
    """Elementwise monotonicity: the sigmoid of a sorted array is sorted too."""
    s = sigmoid(x)
    assert np.all(np.diff(s) >= 0), f"decreases at {np.flatnonzero(np.diff(s) < 0).tolist()}"


@PROPERTY
@given(x=EXTENDED)
def test_sigmoid_is_symmetric(x: float) -> None:
    """sigmoid(-x) = 1 - sigmoid(x), to a few ulp (and a few 1e-16 absolute near 0)."""
    assert close(sigmoid(-x), 1 - sigmoid(x))


@PROPERTY
@given(x=float_arrays(EXTENDED))
def test_sigmoid_of_an_array_is_symmetric(x: np.ndarray) -> None:
    """sigmoid(-x) = 1 - sigmoid(x) elementwise, for arrays."""
    assert close(sigmoid(-x), 1 - sigmoid(x))


@PROPERTY
@given(x=st.floats(min_value=0.0, allow_nan=False))
def test_sigmoid_is_the_formula_itself_for_x_at_least_0(x: float) -> None:
    """For x >= 0, a number's sigmoid is exactly 1 / (1 + math.exp(-x)), bit for bit.

    (That is what the reference `math_sigmoid` computes for x >= 0.)
    """
    assert sigmoid(x) == math_sigmoid(x)


@PROPERTY
@given(x=float_arrays(EXTENDED))
def test_sigmoid_of_an_array_is_the_formula_itself_where_x_is_at_least_0(x: np.ndarray) -> None:
    """Where x >= 0, an array's sigmoid is exactly 1 / (1 + np.exp(-x)), bit for bit.

    The array may also hold very negative values (which make the implementation switch
    to its overflow-free form); the elements at x >= 0 must still be the formula's.
    """
    with np.errstate(over="ignore"):  # the reference overflows (harmlessly) for x < -709
        formula = notebook_sigmoid(x)  # 1 / (1 + np.exp(-x))
    at_least_0 = x >= 0
    assert np.array_equal(sigmoid(x)[at_least_0], formula[at_least_0])


@PROPERTY
@given(x=st.one_of(st.floats(max_value=0.0, exclude_max=True, allow_nan=False), SWITCHES))
def test_sigmoid_is_within_4_ulp_of_the_exp_form_for_x_below_0(x: float) -> None:
    """For x < 0, a number's sigmoid is within 4 ulp of math.exp(x) / (1 + math.exp(x))."""
    if x >= 0:  # SWITCHES holds some x >= 0 (and -0.0), which this property is not about
        return
    reference = math_sigmoid(x)  # exp(x) / (1 + exp(x)) for x < 0
    assert abs(sigmoid(x) - reference) <= 4 * math.ulp(reference)


@PROPERTY
@given(x=float_arrays(st.floats(max_value=0.0, exclude_max=True, allow_nan=False)))
def test_sigmoid_of_an_array_is_within_4_ulp_of_the_exp_form_below_0(x: np.ndarray) -> None:
    """For an array of x < 0, each element is within 4 ulp of exp(x) / (1 + exp(x))."""
    s = sigmoid(x)
    for value, result in zip(x.ravel().tolist(), s.ravel().tolist(), strict=True):
        reference = math_sigmoid(value)
        assert abs(result - reference) <= 4 * math.ulp(reference), (value, result, reference)


# --- deriv_sigmoid -----------------------------------------------------------------------


@PROPERTY
@given(x=NUMBERS)
def test_deriv_sigmoid_is_s_times_1_minus_s(x: float) -> None:
    """deriv_sigmoid(x) is exactly s * (1 - s) with s = sigmoid(x), a float in [0, 0.25].

    And, independently of the package, r * (1 - r) with r the reference `math_sigmoid(x)`,
    to a few 1e-16: sigmoid(x) is within 4 ulp of r (the properties above).
    """
    with no_warnings():
        slope = deriv_sigmoid(x)
    s = sigmoid(x)
    assert type(slope) is float
    assert slope == s * (1 - s)
    assert 0.0 <= slope <= 0.25
    r = math_sigmoid(x)
    assert close(slope, r * (1 - r))


@PROPERTY
@given(x=float_arrays(EXTENDED))
def test_deriv_sigmoid_of_an_array_is_s_times_1_minus_s(x: np.ndarray) -> None:
    """For arrays too: exactly s * (1 - s), elementwise, same shape, all in [0, 0.25].

    And r * (1 - r) to a few 1e-16, with r the reference `math_sigmoid` of each element.
    """
    with no_warnings():
        slope = deriv_sigmoid(x)
    s = sigmoid(x)
    assert slope.shape == x.shape
    assert np.array_equal(slope, s * (1 - s))
    assert np.all((slope >= 0) & (slope <= 0.25))
    r = np.array([math_sigmoid(value) for value in x.ravel().tolist()]).reshape(x.shape)
    assert close(slope, r * (1 - r))


# --- losses ------------------------------------------------------------------------------


@PROPERTY
@given(pair=vector_pairs(BOUNDED))
def test_mse_loss_is_the_mean_of_squares_non_negative_and_symmetric(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    """mse_loss(a, b) is a float >= 0, equals np.mean((a - b) ** 2), and mse(a, b) = mse(b, a)."""
    a, b = pair
    loss = mse_loss(a, b)
    assert type(loss) is float
    assert loss >= 0
    assert loss == float(np.mean((a - b) ** 2))
    assert loss == mse_loss(b, a)


@PROPERTY
@given(pair=vector_pairs(SANE))
def test_mse_loss_is_zero_exactly_when_the_arguments_are_equal(
    pair: tuple[np.ndarray, np.ndarray],
) -> None:
    """mse_loss(a, b) == 0 if and only if a == b elementwise.

    The values stay at least 1e-100 away from 0 (or are 0): a difference below about
    1e-162 squares to 0 in float64, which no implementation of the MSE can avoid.
    """
    a, b = pair
    assert (mse_loss(a, b) == 0) == np.array_equal(a, b)


@PROPERTY
@given(a=float_arrays(FINITE, st.integers(1, 20)))
def test_mse_loss_of_a_vector_with_itself_is_zero(a: np.ndarray) -> None:
    """mse_loss(a, a) is exactly 0 for any finite vector, however large its values."""
    assert mse_loss(a, a.copy()) == 0.0


@st.composite
def labels_and_predictions(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """0/1 labels and predictions in [0, 1] (both ends included: they are clipped)."""
    n = draw(st.integers(1, 20))
    labels = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    predictions = draw(float_arrays(st.floats(0.0, 1.0), n))
    return labels, predictions


@PROPERTY
@given(data=labels_and_predictions())
def test_binary_cross_entropy_is_non_negative(data: tuple[np.ndarray, np.ndarray]) -> None:
    """binary_cross_entropy(labels, predictions) is a finite float >= 0."""
    labels, predictions = data
    with no_warnings():
        loss = binary_cross_entropy(labels, predictions)
    assert type(loss) is float
    assert math.isfinite(loss)
    assert loss >= 0


# --- MatrixNetwork -----------------------------------------------------------------------

OUTPUT_RANGES = {
    "sigmoid": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "relu": (0.0, INF),
    "softmax": (0.0, 1.0),
}


@PROPERTY
@given(spec=matrix_networks(), data=st.data())
def test_matrix_forward_has_one_row_per_sample_and_one_column_per_output(
    spec: tuple[MatrixNetwork, list[int], list[str]], data: st.DataObject
) -> None:
    """forward(X) has shape (n_samples, sizes[-1]), is finite, and stays in the output's range.

    A sigmoid output layer gives values in [0, 1], tanh in [-1, 1], relu >= 0; a
    softmax gives rows in [0, 1] that sum to 1.
    """
    net, sizes, activations = spec
    n_samples = data.draw(st.integers(1, 20), label="n_samples")
    X = data.draw(float_arrays(st.floats(-100, 100), (n_samples, sizes[0])), label="X")
    with no_warnings():
        out = net.forward(X)
    assert out.shape == (n_samples, sizes[-1])
    assert np.all(np.isfinite(out))
    low, high = OUTPUT_RANGES.get(activations[-1], (-INF, INF))
    assert np.all((out >= low) & (out <= high))
    if activations[-1] == "softmax":
        np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=0, atol=1e-12)


@PROPERTY
@given(spec=matrix_networks(), data=st.data())
def test_matrix_gradients_have_the_shapes_of_the_weights_and_biases(
    spec: tuple[MatrixNetwork, list[int], list[str]], data: st.DataObject
) -> None:
    """gradients(X, Y) returns one array per layer, each exactly its weight's or bias's shape."""
    net, sizes, _ = spec
    n_samples = data.draw(st.integers(1, 20), label="n_samples")
    X = data.draw(float_arrays(st.floats(-100, 100), (n_samples, sizes[0])), label="X")
    Y = data.draw(float_arrays(st.floats(0, 1), (n_samples, sizes[-1])), label="Y")
    if sizes[-1] == 1 and data.draw(st.booleans(), label="Y as a 1-D array"):
        Y = Y.ravel()
    loss = data.draw(st.sampled_from(sorted(LOSSES)), label="loss")
    if loss == "cross_entropy":
        Y = one_hot_rows(Y.reshape(n_samples, -1))
    with no_warnings():
        d_L_d_W, d_L_d_b = net.gradients(X, Y, loss)
    assert [d.shape for d in d_L_d_W] == [W.shape for W in net.weights]
    assert [d.shape for d in d_L_d_b] == [b.shape for b in net.biases]
    assert all(d.dtype == np.float64 for d in [*d_L_d_W, *d_L_d_b])


# --- NeuralNetwork -----------------------------------------------------------------------

SANE_PARAMETER = st.floats(-50, 50)
PARAMETERS = st.fixed_dictionaries({name: SANE_PARAMETER for name in SEED_NAMES})


@PROPERTY
@given(parameters=PARAMETERS, x=float_arrays(st.floats(-50, 50), 2))
def test_feed_forward_is_a_float_between_0_and_1(
    parameters: dict[str, float], x: np.ndarray
) -> None:
    """For any parameters and inputs with |value| <= 50, feed_forward is a float in [0, 1]."""
    with no_warnings():
        out = NeuralNetwork(**parameters).feed_forward(x)
    assert type(out) is float
    assert 0.0 <= out <= 1.0


# --- refused calls change nothing ----------------------------------------------------------
#
# Each strategy below draws valid arguments, then replaces exactly one of them with a bad
# value, and returns (arguments, name of the bad argument). The call must raise TypeError or
# ValueError with a message naming that argument, and must leave the network untouched.

TEXT = st.text(max_size=5)
NOT_NUMBERS = st.one_of(TEXT, st.none())
BAD_LEARN_RATES = st.one_of(
    st.floats(max_value=0.0, allow_nan=False), st.sampled_from([NAN, INF]), NOT_NUMBERS
)
# train_batches takes learn_rate=None as "0.1, or the optimizer's own": not junk there.
BAD_BATCH_LEARN_RATES = st.one_of(
    st.floats(max_value=0.0, allow_nan=False), st.sampled_from([NAN, INF]), TEXT
)
BAD_COUNTS = st.one_of(  # for epochs and batch_size: ints >= 1 only
    st.integers(max_value=0), st.floats(allow_nan=False), NOT_NUMBERS
)


@st.composite
def poisoned(draw: st.DrawFn, array: np.ndarray) -> Any:
    """A copy of `array` with NaN, inf or -inf at one random position (maybe as a list)."""
    bad = array.copy()
    index = draw(st.integers(0, bad.size - 1))
    bad.flat[index] = draw(st.sampled_from([NAN, INF, -INF]))
    return bad.tolist() if draw(st.booleans()) else bad


def other_than(n: int, low: int = 0, high: int = 9) -> st.SearchStrategy[int]:
    """An int in [low, high] other than `n`."""
    return st.integers(low, high).filter(lambda m: m != n)


@st.composite
def bad_train_calls(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Arguments for train() in which exactly one is bad, and that argument's name."""
    n = draw(st.integers(1, 6))
    data = draw(float_arrays(st.floats(-30, 30), (n, 2)))
    labels = draw(float_arrays(st.floats(0, 1), n))
    arguments: dict[str, Any] = {
        "network": NeuralNetwork(**draw(PARAMETERS)),
        "data": data,
        "all_y_trues": labels,
        "learn_rate": draw(st.floats(1e-3, 1.0)),
        "epochs": draw(st.integers(1, 3)),
    }
    bad_values = {
        "network": st.one_of(NOT_NUMBERS, st.just(MatrixNetwork.random([2, 1], "sigmoid", 0))),
        "data": st.one_of(
            poisoned(data),
            other_than(2, 1, 4).flatmap(lambda k: float_arrays(st.floats(-30, 30), (n, k))),
            float_arrays(st.floats(-30, 30), n),  # 1-D
            NOT_NUMBERS,
        ),
        "all_y_trues": st.one_of(
            poisoned(labels),
            other_than(n, 0).flatmap(lambda m: float_arrays(st.floats(0, 1), m)),
            NOT_NUMBERS,
        ),
        "learn_rate": BAD_LEARN_RATES,
        "epochs": BAD_COUNTS,
    }
    argument = draw(st.sampled_from(sorted(bad_values)))
    arguments[argument] = draw(bad_values[argument])
    return arguments, argument


@PROPERTY
@given(call=bad_train_calls())
def test_a_refused_train_changes_nothing(call: tuple[dict[str, Any], str]) -> None:
    """train() with one bad argument raises TypeError or ValueError and changes no parameter."""
    arguments, argument = call
    network = arguments["network"]
    before = network.parameters() if isinstance(network, NeuralNetwork) else None
    with pytest.raises((TypeError, ValueError), match=rf"\b{argument}\b"):
        train(**arguments)
    if before is not None:
        assert network.parameters() == before


@st.composite
def bad_sgd_step_calls(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Arguments for sgd_step() in which exactly one is bad, and that argument's name."""
    x = draw(float_arrays(st.floats(-30, 30), 2))
    arguments: dict[str, Any] = {
        "network": NeuralNetwork(**draw(PARAMETERS)),
        "x": x,
        "y_true": draw(st.floats(0, 1)),
        "learn_rate": draw(st.floats(1e-3, 1.0)),
    }
    bad_values = {
        "network": NOT_NUMBERS,
        "x": st.one_of(
            poisoned(x),
            other_than(2, 0, 5).flatmap(lambda k: float_arrays(st.floats(-30, 30), k)),
            NOT_NUMBERS,
        ),
        "y_true": st.one_of(st.sampled_from([NAN, INF, -INF]), NOT_NUMBERS),
        "learn_rate": BAD_LEARN_RATES,
    }
    argument = draw(st.sampled_from(sorted(bad_values)))
    arguments[argument] = draw(bad_values[argument])
    return arguments, argument


@PROPERTY
@given(call=bad_sgd_step_calls())
def test_a_refused_sgd_step_changes_nothing(call: tuple[dict[str, Any], str]) -> None:
    """sgd_step() with one bad argument raises TypeError or ValueError and changes nothing."""
    arguments, argument = call
    network = arguments["network"]
    before = network.parameters() if isinstance(network, NeuralNetwork) else None
    with pytest.raises((TypeError, ValueError), match=rf"\b{argument}\b"):
        sgd_step(**arguments)
    if before is not None:
        assert network.parameters() == before


@st.composite
def bad_train_batches_calls(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """Arguments for train_batches() in which exactly one is bad, and that argument's name."""
    net, sizes, _ = draw(matrix_networks())
    n = draw(st.integers(1, 6))
    X = draw(float_arrays(st.floats(-30, 30), (n, sizes[0])))
    Y = draw(float_arrays(st.floats(0, 1), (n, sizes[-1])))
    loss = draw(st.sampled_from(sorted(LOSSES)))
    if loss == "cross_entropy":
        Y = one_hot_rows(Y)
    shuffle = draw(st.booleans())
    arguments: dict[str, Any] = {
        "network": net,
        "X": X,
        "Y": Y,
        "loss": loss,
        "learn_rate": draw(st.floats(1e-3, 1.0)),
        "epochs": draw(st.integers(1, 3)),
        "batch_size": draw(st.integers(1, 8)),
        "rng": draw(st.integers(0, 2**32 - 1)),
        "shuffle": shuffle,
    }
    bad_Y = [
        poisoned(Y),
        other_than(n, 0).flatmap(lambda m: float_arrays(st.floats(0, 1), (m, sizes[-1]))),
        NOT_NUMBERS,
    ]
    if loss in ("bce", "cross_entropy"):  # answers outside [0, 1] are refused for both
        bad_Y.append(float_arrays(st.floats(1.0, 10.0, exclude_min=True), (n, sizes[-1])))
    bad_values = {
        "network": st.one_of(NOT_NUMBERS, st.builds(NeuralNetwork.random, st.integers(0, 9))),
        "X": st.one_of(
            poisoned(X),
            other_than(sizes[0], 0).flatmap(lambda k: float_arrays(st.floats(-30, 30), (n, k))),
            NOT_NUMBERS,
        ),
        "Y": st.one_of(*bad_Y),
        "loss": st.one_of(TEXT.filter(lambda name: name not in LOSSES), st.none()),
        "learn_rate": BAD_BATCH_LEARN_RATES,
        "epochs": BAD_COUNTS,
        "batch_size": BAD_COUNTS,
        "shuffle": st.one_of(NOT_NUMBERS, st.integers()),
    }
    if shuffle:  # rng is only used (and so only checked) when shuffling
        bad_values["rng"] = st.one_of(st.integers(max_value=-1), NOT_NUMBERS)
    argument = draw(st.sampled_from(sorted(bad_values)))
    arguments[argument] = draw(bad_values[argument])
    return arguments, argument


@PROPERTY
@given(call=bad_train_batches_calls())
def test_a_refused_train_batches_changes_nothing(call: tuple[dict[str, Any], str]) -> None:
    """train_batches() with one bad argument raises TypeError or ValueError and changes nothing.

    Every weight matrix and bias vector is compared, bit for bit, with a copy taken before.
    """
    arguments, argument = call
    network = arguments["network"]
    is_matrix = isinstance(network, MatrixNetwork)
    before = snapshot(network) if is_matrix else []
    n_layers = len(network.weights) if is_matrix else 0
    with pytest.raises((TypeError, ValueError), match=rf"\b{argument}\b"):
        train_batches(**arguments)
    if is_matrix:
        assert len(network.weights) == len(network.biases) == n_layers
        assert same(snapshot(network), before)


@st.composite
def overflowing_products(draw: st.DrawFn) -> tuple[MatrixNetwork, np.ndarray]:
    """A network and inputs wide enough that OpenBLAS splits their product between threads,
    with a few huge terms in one total that may overflow and cancel."""
    n = draw(st.integers(64, 160))
    k = draw(st.integers(2, 6))  # how many huge terms meet in one total
    signs = draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=k, max_size=k))
    size = draw(st.sampled_from([1e307, 6e307, 1e308, 1.7e308]))
    W1 = np.zeros((n, n))
    W1[:k, -1] = 1.0
    X = np.zeros((n, n))
    X[draw(st.integers(0, n - 1)), :k] = np.array(signs) * size
    activation = draw(st.sampled_from(["tanh", "sigmoid"]))
    net = MatrixNetwork([W1, np.ones((n, 1))], [np.zeros(n), np.zeros(1)], [activation, "identity"])
    return net, X


def _forward_or_refusal(net: MatrixNetwork, X: np.ndarray, threads: int) -> object:
    with threadpool_limits(limits=threads, user_api="blas"):
        try:
            return net.forward(X).tobytes()
        except ValueError as error:
            return str(error)


@PROPERTY
@given(case=overflowing_products())
def test_the_answer_does_not_depend_on_the_number_of_blas_threads(
    case: tuple[MatrixNetwork, np.ndarray],
) -> None:
    """forward gives the same answer, or the same refusal, on 1 and on 2 BLAS threads.

    numpy's overflow flag sees only the calling thread; an overflow inside a
    product on OpenBLAS's other thread must be refused all the same.
    """
    net, X = case
    assert _forward_or_refusal(net, X, 1) == _forward_or_refusal(net, X, 2)


# Values a reader may put into a network by hand that the checks accept but convert
# (to a float, to a float64 copy) before the math: a refused call must put them back.
CONVERTED_NUMBERS = st.one_of(
    st.integers(2**53 + 1, 2**60),  # an int that no float holds exactly
    st.integers(-5, 5),
    st.sampled_from([np.float32(0.1), np.int64(3), np.float16(-0.5), True]),
)
CONVERTED_ARRAYS = st.sampled_from(
    [
        lambda W: W.astype(np.float32),
        lambda W: W.astype(np.int64),
        lambda W: W.tolist(),
        lambda W: np.asfortranarray(W).T.T,  # a strided view
        lambda W: W.copy(),  # the same numbers, but another array: identity must hold too
    ]
)
# One refused call per public way in: each with one bad argument that is not the network.
NEURAL_REFUSALS = [
    lambda net: net.feed_forward([1.0, "x"]),
    lambda net: gradients(net, [1.0, 2.0], 7.0),
    lambda net: sgd_step(net, [1.0, 2.0], 0.5, learn_rate=-1),
    lambda net: train(net, [[1.0, 2.0]], [1.0], epochs=0),
    lambda net: save(net, ""),
]
MATRIX_REFUSALS = [
    lambda net: net.forward([[1.0]]),
    lambda net: net.loss([[1.0, 2.0]], [2.0], "bce"),
    lambda net: net.gradients([[1.0, 2.0]], [[1.0, 2.0, 3.0]]),
    lambda net: train_batches(net, [[1.0, 2.0]], [1.0], learn_rate=0),
    lambda net: check_gradients(net, [[1.0, 2.0]], [1.0], eps=1.0),
    lambda net: predict(net, [[1.0, 2.0, 3.0]]),
    lambda net: save(net, ""),
]


@PROPERTY
@given(
    name=st.sampled_from(list(NeuralNetwork.random(0).parameters())),
    value=CONVERTED_NUMBERS,
    refuse=st.sampled_from(NEURAL_REFUSALS),
)
def test_a_refused_call_leaves_a_hand_set_parameter_as_it_was(
    name: str, value: Any, refuse: Any
) -> None:
    """A NeuralNetwork with a parameter set by hand, then any refused call: the same object back.

    The checks turn the value into a float before the other arguments are checked;
    the refusal must put the reader's own value back, not its float.
    """
    net = NeuralNetwork.random(1)
    setattr(net, name, value)
    with pytest.raises((TypeError, ValueError)):
        refuse(net)
    assert getattr(net, name) is value


@PROPERTY
@given(
    part=st.sampled_from(["weights", "biases"]),
    layer=st.integers(0, 1),
    make=CONVERTED_ARRAYS,
    refuse=st.sampled_from(MATRIX_REFUSALS),
)
def test_a_refused_call_leaves_a_hand_set_array_as_it_was(
    part: str, layer: int, make: Any, refuse: Any
) -> None:
    """A MatrixNetwork with an array put in by hand, then any refused call: the same object back."""
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=1)
    mine = make(getattr(net, part)[layer])
    getattr(net, part)[layer] = mine
    holder = getattr(net, part)
    with pytest.raises((TypeError, ValueError)):
        refuse(net)
    assert getattr(net, part) is holder and holder[layer] is mine


def _answer(call: Any) -> object:
    """What a call gives, as comparable bytes or text, or the kind and text of its error."""
    try:
        result = call()
    except (TypeError, ValueError) as error:
        return (type(error).__name__, str(error))
    return np.asarray(result, dtype=np.float64).tobytes()


@PROPERTY
@given(
    x=float_arrays(st.floats(-1e4, 1e4), (3, 2)),
    setting=st.sampled_from(["raise", "warn", "print", "call"]),
)
def test_answers_do_not_depend_on_the_callers_numpy_error_settings(
    x: np.ndarray, setting: str
) -> None:
    """Under any np.seterr (a common debugging setting is all="raise") the same answers.

    exp(-1000) underflowing to 0 is a right answer: the package's math sets its own
    error state, so nothing raises, warns or prints that would not under numpy's default.
    """
    net = MatrixNetwork.random([2, 3, 1], ["sigmoid", "sigmoid"], rng=0)
    y = (x[:, 0] > 0).astype(float)
    calls = [
        lambda: sigmoid(x),
        lambda: deriv_sigmoid(x),
        lambda: sigmoid(float(x[0, 0])),
        lambda: net.forward(x),
        lambda: net.loss(x, y, "bce"),
        lambda: net.gradients(x, y)[0][0],
        lambda: binary_cross_entropy(y, sigmoid(x[:, 0])),
        lambda: mse_loss(y, sigmoid(x[:, 1])),
    ]
    default = [_answer(call) for call in calls]
    old = np.geterrcall()
    np.seterrcall(lambda kind, flag: pytest.fail(f"numpy reported {kind}"))
    try:
        with np.errstate(all=setting), warnings.catch_warnings():
            warnings.simplefilter("error")
            assert [_answer(call) for call in calls] == default
    finally:
        np.seterrcall(old)
