"""Every public function refuses bad input with an error that names the argument.

A refused `train` or `sgd_step` call must also leave the network exactly as it was.
"""

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import (
    NeuralNetwork,
    Neuron,
    decode_gender,
    deriv_sigmoid,
    encode_gender,
    gradients,
    mse_loss,
    sgd_step,
    shift,
    sigmoid,
    train,
)
from tests.helpers import INF, NAN, names, show
from tests.seed_reference import SEED_DATA, SEED_Y_TRUES, ZERO_ONE, SeedNetwork

# Values that are not one sample's two inputs, with the error each must raise.
BAD_PAIRS = [
    ("23", TypeError),
    (None, TypeError),
    ([[2], [3, 4]], TypeError),  # ragged
    (["2", "3"], TypeError),  # strings inside a list are still strings
    ([True, False], TypeError),
    ([2, NAN], ValueError),
    ([INF, 3], ValueError),
    ([2, 3, 4], ValueError),  # length 3
    ([2], ValueError),
    ([], ValueError),
    ([[2, 3]], ValueError),  # shape (1, 2)
]


# --- sigmoid -----------------------------------------------------------------------------


@pytest.mark.parametrize("function", [sigmoid, deriv_sigmoid], ids=show)
@pytest.mark.parametrize(
    ("x", "error"),
    [
        ("abc", TypeError),
        (None, TypeError),
        ([[1, 2], [3]], TypeError),  # ragged
        (["1", "2"], TypeError),  # strings inside a list are still strings
        (True, TypeError),
        ([True, False], TypeError),
        (1 + 2j, TypeError),
    ],
    ids=show,
)
def test_sigmoid_refuses(function: object, x: object, error: type) -> None:
    with pytest.raises(error, match=names("x")):
        function(x)  # type: ignore[operator]


@pytest.mark.parametrize("function", [sigmoid, deriv_sigmoid], ids=show)
def test_nan_in_gives_nan_out_as_documented(function: Callable[[Any], Any]) -> None:
    # The choice documented in sigmoid's docstring: NaN propagates, as in numpy.
    assert math.isnan(function(NAN))
    out = function(np.array([[1.0, NAN]]))
    assert out.shape == (1, 2) and math.isnan(out[0, 1]) and not math.isnan(out[0, 0])


# --- Neuron ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "bias", "error", "argument"),
    [
        ("abc", 4, TypeError, "weights"),
        (None, 4, TypeError, "weights"),
        ([[0, 1], [2]], 4, TypeError, "weights"),
        ([0, NAN], 4, ValueError, "weights"),
        ([INF, 1], 4, ValueError, "weights"),
        ([], 4, ValueError, "weights"),
        ([[0, 1]], 4, ValueError, "weights"),
        ([0, 1], "4", TypeError, "bias"),
        ([0, 1], None, TypeError, "bias"),
        ([0, 1], [4], TypeError, "bias"),
        ([0, 1], True, TypeError, "bias"),
        ([0, 1], NAN, ValueError, "bias"),
        ([0, 1], -INF, ValueError, "bias"),
    ],
    ids=show,
)
def test_neuron_refuses(weights: object, bias: object, error: type, argument: str) -> None:
    with pytest.raises(error, match=names(argument)):
        Neuron(weights, bias)  # type: ignore[arg-type]


@pytest.mark.parametrize(("inputs", "error"), BAD_PAIRS, ids=show)
def test_neuron_feed_forward_refuses(inputs: object, error: type) -> None:
    with pytest.raises(error, match=names("inputs")):
        Neuron([0, 1], 4).feed_forward(inputs)  # type: ignore[arg-type]


# --- NeuralNetwork -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        ("w1", "0.5", TypeError),
        ("b2", None, TypeError),
        ("w6", True, TypeError),
        ("w3", [0.5], TypeError),
        ("w4", NAN, ValueError),
        ("b3", INF, ValueError),
    ],
    ids=show,
)
def test_network_constructor_refuses(argument: str, value: object, error: type) -> None:
    with pytest.raises(error, match=names(argument)):
        NeuralNetwork(**{**ZERO_ONE, argument: value})


def test_network_constructor_names_a_missing_parameter() -> None:
    given = {name: value for name, value in ZERO_ONE.items() if name != "b3"}
    with pytest.raises(TypeError, match=names("b3")):
        NeuralNetwork(**given)  # type: ignore[call-arg]


@pytest.mark.parametrize(("x", "error"), BAD_PAIRS, ids=show)
def test_network_feed_forward_refuses(x: object, error: type) -> None:
    with pytest.raises(error, match=names("x")):
        NeuralNetwork(**ZERO_ONE).feed_forward(x)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [("w1", "0.5", TypeError), ("w5", None, TypeError), ("b2", NAN, ValueError)],
    ids=show,
)
def test_feed_forward_names_a_parameter_set_to_a_bad_value(
    argument: str, value: object, error: type
) -> None:
    net = NeuralNetwork(**ZERO_ONE)
    setattr(net, argument, value)
    with pytest.raises(error, match=names(argument)):
        net.feed_forward([2, 3])


@pytest.mark.parametrize(
    ("rng", "error"),
    [
        ("42", TypeError),
        (1.5, TypeError),
        (True, TypeError),
        (None, TypeError),
        (np.random.RandomState(0), TypeError),
        (-1, ValueError),
    ],
    ids=show,
)
def test_random_refuses(rng: object, error: type) -> None:
    with pytest.raises(error, match=names("rng")):
        NeuralNetwork.random(rng)  # type: ignore[arg-type]


# --- mse_loss ----------------------------------------------------------------------------

BAD_VECTORS = [
    ("abc", TypeError),
    (None, TypeError),
    ([[1, 0], [0]], TypeError),
    ([1, NAN], ValueError),
    ([INF, 0], ValueError),
    ([], ValueError),
    ([[1, 0]], ValueError),
]


@pytest.mark.parametrize(("value", "error"), BAD_VECTORS, ids=show)
@pytest.mark.parametrize("argument", ["y_true", "y_pred"], ids=show)
def test_mse_loss_refuses(argument: str, value: object, error: type) -> None:
    arguments = {"y_true": [1, 0], "y_pred": [0.5, 0.5], argument: value}
    with pytest.raises(error, match=names(argument)):
        mse_loss(**arguments)


def test_mse_loss_refuses_different_lengths() -> None:
    with pytest.raises(ValueError, match=names("y_pred")):
        mse_loss([1, 0, 0], [0.5, 0.5])


# --- data --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("128", TypeError),
        (None, TypeError),
        ([128], TypeError),
        (NAN, ValueError),
        (INF, ValueError),
    ],
    ids=show,
)
@pytest.mark.parametrize("argument", ["weight", "height"], ids=show)
def test_shift_refuses(argument: str, value: object, error: type) -> None:
    arguments = {"weight": 128, "height": 63, argument: value}
    with pytest.raises(error, match=names(argument)):
        shift(**arguments)


@pytest.mark.parametrize("gender", ["X", "f", "", " F", None, 1, ["F"]], ids=show)
def test_encode_gender_refuses(gender: object) -> None:
    with pytest.raises((TypeError, ValueError), match=names("gender")):
        encode_gender(gender)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("score", "error"),
    [
        (-0.1, ValueError),
        (1.1, ValueError),
        (NAN, ValueError),
        (INF, ValueError),
        (-INF, ValueError),
        ("0.7", TypeError),
        (None, TypeError),
        (True, TypeError),
        ([0.7], TypeError),
    ],
    ids=show,
)
def test_decode_gender_refuses(score: object, error: type) -> None:
    with pytest.raises(error, match=names("score")):
        decode_gender(score)


# --- gradients, sgd_step, train ----------------------------------------------------------

BAD_NETWORKS = ["net", None, SeedNetwork(ZERO_ONE)]
BAD_Y_TRUES = [("1", TypeError), (None, TypeError), ([1], TypeError), (NAN, ValueError)]


def step_and_gradient_cases() -> list:
    cases = [("network", value, TypeError) for value in BAD_NETWORKS]
    cases += [("x", value, error) for value, error in BAD_PAIRS]
    cases += [("y_true", value, error) for value, error in BAD_Y_TRUES]
    return cases


@pytest.mark.parametrize(("argument", "value", "error"), step_and_gradient_cases(), ids=show)
def test_gradients_refuses(argument: str, value: object, error: type) -> None:
    net = NeuralNetwork(**ZERO_ONE)
    arguments = {"network": net, "x": [-2, -1], "y_true": 1, argument: value}
    with pytest.raises(error, match=names(argument)):
        gradients(**arguments)
    assert net.parameters() == {name: float(value) for name, value in ZERO_ONE.items()}


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        *step_and_gradient_cases(),
        ("learn_rate", 0, ValueError),
        ("learn_rate", -0.1, ValueError),
        ("learn_rate", NAN, ValueError),
        ("learn_rate", INF, ValueError),
        ("learn_rate", "0.1", TypeError),
        ("learn_rate", None, TypeError),
    ],
    ids=show,
)
def test_sgd_step_refuses_and_changes_nothing(argument: str, value: object, error: type) -> None:
    net = NeuralNetwork.random(42)
    before = net.parameters()
    arguments = {"network": net, "x": [-2, -1], "y_true": 1, "learn_rate": 0.1, argument: value}
    with pytest.raises(error, match=names(argument)):
        sgd_step(**arguments)
    assert net.parameters() == before


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        *[("network", value, TypeError) for value in BAD_NETWORKS],
        ("data", "abc", TypeError),
        ("data", None, TypeError),
        ("data", [[-2, -1], [25, 6], [17], [-15, -6]], TypeError),  # ragged
        ("data", [["-2", "-1"], ["25", "6"], ["17", "4"], ["-15", "-6"]], TypeError),
        ("data", [[-2, -1], [25, 6], [17, 4], [-15, NAN]], ValueError),
        ("data", [[-2, -1], [25, 6], [17, 4], [INF, -6]], ValueError),
        ("data", np.zeros((4, 3)), ValueError),
        ("data", [-2, 25, 17, -15], ValueError),  # 1-D
        ("data", [], ValueError),
        ("data", np.zeros((0, 2)), ValueError),
        ("all_y_trues", "1001", TypeError),
        ("all_y_trues", None, TypeError),
        ("all_y_trues", [1, 0, 0], ValueError),
        ("all_y_trues", [1, 0, 0, 1, 0], ValueError),
        ("all_y_trues", [1, 0, 0, NAN], ValueError),
        ("all_y_trues", [1, 0, 0, INF], ValueError),
        ("all_y_trues", [[1, 0, 0, 1]], ValueError),
        ("all_y_trues", [], ValueError),
        ("learn_rate", 0, ValueError),
        ("learn_rate", -0.1, ValueError),
        ("learn_rate", NAN, ValueError),
        ("learn_rate", INF, ValueError),
        ("learn_rate", "0.1", TypeError),
        ("learn_rate", None, TypeError),
        ("epochs", 0, ValueError),
        ("epochs", -1, ValueError),
        ("epochs", 2.5, TypeError),
        ("epochs", True, TypeError),
        ("epochs", "10", TypeError),
        ("epochs", None, TypeError),
        ("every", 0, ValueError),
        ("every", -10, ValueError),
        ("every", 1.5, TypeError),
        ("every", True, TypeError),
        ("callback", 42, TypeError),
        ("callback", "print", TypeError),
    ],
    ids=show,
)
def test_train_refuses_and_changes_nothing(argument: str, value: object, error: type) -> None:
    net = NeuralNetwork.random(42)
    before = net.parameters()
    arguments = {
        "network": net,
        "data": SEED_DATA.tolist(),
        "all_y_trues": SEED_Y_TRUES.tolist(),
        "epochs": 5,
        argument: value,
    }
    with pytest.raises(error, match=names(argument)):
        train(**arguments)
    assert net.parameters() == before


@pytest.mark.parametrize(
    ("argument", "value", "error"), [("w3", "0.5", TypeError), ("b1", INF, ValueError)], ids=show
)
@pytest.mark.parametrize("call", ["gradients", "sgd_step", "train"], ids=show)
def test_a_network_holding_a_bad_parameter_is_refused_by_name(
    call: str, argument: str, value: object, error: type
) -> None:
    net = NeuralNetwork(**ZERO_ONE)
    setattr(net, argument, value)
    before = net.parameters()
    with pytest.raises(error, match=names(argument)):
        if call == "gradients":
            gradients(net, [-2, -1], 1)
        elif call == "sgd_step":
            sgd_step(net, [-2, -1], 1)
        else:
            train(net, SEED_DATA, SEED_Y_TRUES, epochs=5)
    assert net.parameters() == before
