"""Chapters 7 to 9 refuse bad input with an error that names the argument.

A refused `train_batches` or `check_gradients` call must also leave the network
exactly as it was.
"""

import numpy as np
import pytest

from nn_from_scratch import (
    MatrixNetwork,
    NeuralNetwork,
    check_gradients,
    make_moons,
    train_batches,
)
from tests.helpers import INF, NAN, names, show, snapshot, unchanged

W_OK = [[[0.5, -1.0], [1.0, 0.25]], [[1.0], [-1.0]]]  # a 2-2-1 network
B_OK = [[0.0, 0.1], [0.2]]
X_OK = [[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]]
Y_OK = [1.0, 0.0, 1.0]


def network() -> MatrixNetwork:
    return MatrixNetwork(W_OK, B_OK, ["tanh", "sigmoid"])


# --- MatrixNetwork -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "biases", "activations", "error", "argument"),
    [
        ("abc", B_OK, "sigmoid", TypeError, "weights"),
        (None, B_OK, "sigmoid", TypeError, "weights"),
        (W_OK, "abc", "sigmoid", TypeError, "biases"),
        (W_OK, None, "sigmoid", TypeError, "biases"),
        ([], [], "sigmoid", ValueError, "weights"),
        (W_OK, [[0.0, 0.0]], "sigmoid", ValueError, "biases"),  # one layer's biases missing
        # shapes that do not chain: layer 0 has 2 outputs, layer 1 takes 3 or 1 inputs
        ([W_OK[0], [[1.0], [1.0], [1.0]]], B_OK, "sigmoid", ValueError, "weights"),
        ([W_OK[0], [[1.0, 2.0]]], [[0, 0], [0, 0]], "sigmoid", ValueError, "weights"),
        ([[1.0, 2.0]], [[0.0]], "sigmoid", ValueError, "weights"),  # 1-D weights
        ([np.zeros((2, 0))], [np.zeros(0)], "sigmoid", ValueError, "weights"),
        (W_OK, [[0, 0, 0], [0]], "sigmoid", ValueError, "biases"),  # 3 biases for 2 neurons
        (W_OK, [[[0, 0]], [0]], "sigmoid", ValueError, "biases"),  # shape (1, 2)
        (W_OK, [[0, 0], 0], "sigmoid", ValueError, "biases"),  # a number, not shape (1,)
        ([[[NAN, 1], [1, 0]], W_OK[1]], B_OK, "sigmoid", ValueError, "weights"),
        ([W_OK[0], [[INF], [1]]], B_OK, "sigmoid", ValueError, "weights"),
        (W_OK, [[0, NAN], [0]], "sigmoid", ValueError, "biases"),
        ([[["0", "1"], ["1", "0"]], W_OK[1]], B_OK, "sigmoid", TypeError, "weights"),
        ([[[True, False], [False, True]], W_OK[1]], B_OK, "sigmoid", TypeError, "weights"),
        ([[[0, 1], [1]], W_OK[1]], B_OK, "sigmoid", TypeError, "weights"),  # ragged
        (W_OK, [["0", "0"], [0]], "sigmoid", TypeError, "biases"),
        (W_OK, B_OK, "softplus", ValueError, "activations"),
        (W_OK, B_OK, "softmax", ValueError, "activations"),  # in both layers: last only
        (W_OK, B_OK, ["softmax", "sigmoid"], ValueError, "activations"),
        (W_OK, B_OK, ["sigmoid", "Sigmoid"], ValueError, "activations"),
        (W_OK, B_OK, ["sigmoid"], ValueError, "activations"),  # one for two layers
        (W_OK, B_OK, ["sigmoid", "tanh", "relu"], ValueError, "activations"),
        (W_OK, B_OK, 5, TypeError, "activations"),
        (W_OK, B_OK, None, TypeError, "activations"),
        # documented: "TypeError if an activation is neither a name nor an Activation"
        (W_OK, B_OK, ["sigmoid", 5], TypeError, "activations"),
        (W_OK, B_OK, [np.tanh, "sigmoid"], TypeError, "activations"),
    ],
    ids=show,
)
def test_matrix_network_refuses(
    weights: object, biases: object, activations: object, error: type, argument: str
) -> None:
    with pytest.raises(error, match=names(argument)):
        MatrixNetwork(weights, biases, activations)  # type: ignore[arg-type]


BAD_X = [
    ("abc", TypeError),
    (None, TypeError),
    ([["1", "2"]], TypeError),
    ([[1, 2], [3]], TypeError),  # ragged
    ([[True, False]], TypeError),
    ([[1.0, 2.0, 3.0]], ValueError),  # 3 inputs for a network with 2
    ([[1.0]], ValueError),
    ([1.0, 2.0], ValueError),  # 1-D: one sample must still be a row
    (np.zeros((0, 2)), ValueError),  # no samples
    ([[1.0, NAN]], ValueError),
    ([[INF, 1.0]], ValueError),
    (np.ones((2, 2, 1)), ValueError),
]


@pytest.mark.parametrize(("X", "error"), BAD_X, ids=show)
def test_forward_refuses(X: object, error: type) -> None:
    with pytest.raises(error, match=names("X")):
        network().forward(X)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["gradients", "loss"])
@pytest.mark.parametrize(("X", "error"), BAD_X, ids=show)
def test_gradients_and_loss_refuse_bad_X(method: str, X: object, error: type) -> None:
    with pytest.raises(error, match=names("X")):
        getattr(network(), method)(X, Y_OK)


@pytest.mark.parametrize("method", ["gradients", "loss"])
@pytest.mark.parametrize(
    ("Y", "loss", "error", "argument"),
    [
        ([1.0, 0.0], "mse", ValueError, "Y"),  # 2 answers for 3 samples
        ([1.0, 0.0, 1.0, 0.0], "mse", ValueError, "Y"),
        ([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], "mse", ValueError, "Y"),  # 2 outputs, not 1
        ([[1.0, 0.0, 1.0]], "mse", ValueError, "Y"),  # a row, not a column
        ([1.0, NAN, 0.0], "mse", ValueError, "Y"),
        ([1.0, INF, 0.0], "mse", ValueError, "Y"),
        ("abc", "mse", TypeError, "Y"),
        (None, "mse", TypeError, "Y"),
        (["1", "0", "1"], "mse", TypeError, "Y"),
        ([1.5, 0.0, 1.0], "bce", ValueError, "Y"),  # bce answers must be in [0, 1]
        ([1.0, -0.5, 1.0], "bce", ValueError, "Y"),
        (Y_OK, "mae", ValueError, "loss"),
        (Y_OK, "MSE", ValueError, "loss"),
        (Y_OK, None, ValueError, "loss"),
        (Y_OK, ["mse"], (TypeError, ValueError), "loss"),  # not a name at all
    ],
    ids=show,
)
def test_gradients_and_loss_refuse_bad_answers_or_loss(
    method: str, Y: object, loss: object, error: type, argument: str
) -> None:
    net = network()
    before = snapshot(net)
    with pytest.raises(error, match=names(argument)):
        getattr(net, method)(X_OK, Y, loss=loss)
    assert unchanged(net, before)


def test_with_two_outputs_y_must_be_two_columns() -> None:
    net = MatrixNetwork.random([2, 3, 2], "sigmoid", rng=0)
    with pytest.raises(ValueError, match=names("Y")):
        net.gradients(X_OK, Y_OK)  # (3,) is one answer per sample, not two


# --- MatrixNetwork.random and from_neural_network ------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "argument"),
    [
        ({"sizes": [2]}, ValueError, "sizes"),
        ({"sizes": []}, ValueError, "sizes"),
        ({"sizes": [2, 0, 1]}, ValueError, "sizes"),
        ({"sizes": [2, -3, 1]}, ValueError, "sizes"),
        ({"sizes": "abc"}, TypeError, "sizes"),
        ({"sizes": 5}, TypeError, "sizes"),
        ({"sizes": None}, TypeError, "sizes"),
        ({"sizes": [2, 1.5, 1]}, TypeError, "sizes"),
        ({"sizes": [2, 3.0, 1]}, TypeError, "sizes"),
        ({"sizes": [2, True]}, TypeError, "sizes"),
        ({"sizes": [2, "3", 1]}, TypeError, "sizes"),
        ({"init": "uniform"}, ValueError, "init"),
        ({"init": "Xavier"}, ValueError, "init"),
        ({"init": None}, TypeError, "init"),
        ({"rng": "x"}, TypeError, "rng"),
        ({"rng": 1.5}, TypeError, "rng"),
        ({"rng": None}, TypeError, "rng"),
        ({"rng": True}, TypeError, "rng"),
        ({"rng": -1}, ValueError, "rng"),
        ({"activations": "softmax"}, ValueError, "activations"),  # hidden too: last only
        ({"activations": "softplus"}, ValueError, "activations"),
        ({"activations": ["sigmoid"] * 3}, ValueError, "activations"),
    ],
    ids=show,
)
def test_random_refuses(arguments: dict, error: type, argument: str) -> None:
    given = {"sizes": [2, 3, 1], "activations": "sigmoid", "rng": 0, "init": "xavier"}
    with pytest.raises(error, match=names(argument)):
        MatrixNetwork.random(**{**given, **arguments})


@pytest.mark.parametrize("value", ["net", None, 3, network()], ids=show)
def test_from_neural_network_refuses_other_things(value: object) -> None:
    with pytest.raises(TypeError, match=names("network")):
        MatrixNetwork.from_neural_network(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "error"), [(NAN, ValueError), ("0.5", TypeError)], ids=show)
def test_from_neural_network_names_a_bad_parameter(value: object, error: type) -> None:
    net = NeuralNetwork.random(0)
    net.w4 = value  # type: ignore[assignment]
    with pytest.raises(error, match=names("w4")):
        MatrixNetwork.from_neural_network(net)


# --- train_batches -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "argument"),
    [
        ({"learn_rate": 0}, ValueError, "learn_rate"),
        ({"learn_rate": -0.1}, ValueError, "learn_rate"),
        ({"learn_rate": NAN}, ValueError, "learn_rate"),
        ({"learn_rate": INF}, ValueError, "learn_rate"),
        ({"learn_rate": "0.1"}, TypeError, "learn_rate"),
        ({"learn_rate": True}, TypeError, "learn_rate"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 1.5}, TypeError, "epochs"),
        ({"epochs": 10.0}, TypeError, "epochs"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"batch_size": 1.5}, TypeError, "batch_size"),
        ({"batch_size": True}, TypeError, "batch_size"),
        ({"batch_size": "2"}, TypeError, "batch_size"),
        ({"every": 0}, ValueError, "every"),
        ({"every": 2.5}, TypeError, "every"),
        ({"shuffle": "yes"}, TypeError, "shuffle"),
        ({"shuffle": 1}, TypeError, "shuffle"),
        ({"shuffle": None}, TypeError, "shuffle"),
        ({"shuffle": True, "rng": None}, ValueError, "rng"),
        ({"shuffle": True, "rng": "x"}, TypeError, "rng"),
        ({"shuffle": True, "rng": -1}, ValueError, "rng"),
        ({"callback": 3}, TypeError, "callback"),
        ({"callback": "print"}, TypeError, "callback"),
        ({"loss": "mae"}, ValueError, "loss"),
        ({"loss": "bce", "Y": [2.0, 0.0, 1.0]}, ValueError, "Y"),
        ({"X": [[1.0, 2.0, 3.0]] * 3}, ValueError, "X"),
        ({"X": [1.0, 2.0]}, ValueError, "X"),
        ({"X": [[1.0, NAN]] * 3}, ValueError, "X"),
        ({"Y": [1.0, 0.0]}, ValueError, "Y"),
        ({"Y": [1.0, NAN, 0.0]}, ValueError, "Y"),
        ({"Y": "abc"}, TypeError, "Y"),
    ],
    ids=show,
)
def test_train_batches_refuses_and_changes_nothing(
    arguments: dict, error: type, argument: str
) -> None:
    net = network()
    before = snapshot(net)
    calls: list = []
    given = {
        "X": X_OK, "Y": Y_OK, "learn_rate": 0.5, "epochs": 3, "batch_size": 2, "rng": 0,
        "shuffle": True, "callback": lambda epoch, loss: calls.append(epoch),
    }  # fmt: skip
    given.update(arguments)
    with pytest.raises(error, match=names(argument)):
        train_batches(net, **given)
    assert unchanged(net, before)
    assert calls == []


@pytest.mark.parametrize("value", ["net", None, NeuralNetwork.random(0), [W_OK, B_OK]], ids=show)
def test_train_batches_refuses_what_is_not_a_matrix_network(value: object) -> None:
    with pytest.raises(TypeError, match=names("network")):
        train_batches(value, X_OK, Y_OK, rng=0)  # type: ignore[arg-type]


# --- check_gradients ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eps", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (-1e-6, ValueError),
        (NAN, ValueError),
        (INF, ValueError),
        ("1e-6", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
    ids=show,
)
def test_check_gradients_refuses_a_bad_eps(eps: object, error: type) -> None:
    net = network()
    before = snapshot(net)
    with pytest.raises(error, match=names("eps")):
        check_gradients(net, X_OK, Y_OK, eps=eps)  # type: ignore[arg-type]
    assert unchanged(net, before)


@pytest.mark.parametrize(
    ("X", "Y", "loss", "argument"),
    [
        ([[1.0, 2.0, 3.0]], [1.0], "mse", "X"),
        (X_OK, [1.0, 0.0], "mse", "Y"),
        (X_OK, [1.5, 0.0, 1.0], "bce", "Y"),
        (X_OK, Y_OK, "mae", "loss"),
    ],
    ids=show,
)
def test_check_gradients_refuses_bad_data(X: object, Y: object, loss: str, argument: str) -> None:
    net = network()
    before = snapshot(net)
    with pytest.raises(ValueError, match=names(argument)):
        check_gradients(net, X, Y, loss=loss)  # type: ignore[arg-type]
    assert unchanged(net, before)


@pytest.mark.parametrize("value", ["net", None, NeuralNetwork.random(0)], ids=show)
def test_check_gradients_refuses_what_is_not_a_matrix_network(value: object) -> None:
    # As train_batches does: a TypeError that names the argument, not an AttributeError.
    with pytest.raises(TypeError, match=names("network")):
        check_gradients(value, X_OK, Y_OK)  # type: ignore[arg-type]


# --- make_moons --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "argument"),
    [
        ({"n_samples": 1}, ValueError, "n_samples"),
        ({"n_samples": 0}, ValueError, "n_samples"),
        ({"n_samples": -5}, ValueError, "n_samples"),
        ({"n_samples": 10.0}, TypeError, "n_samples"),
        ({"n_samples": True}, TypeError, "n_samples"),
        ({"n_samples": "10"}, TypeError, "n_samples"),
        ({"noise": -0.1}, ValueError, "noise"),
        ({"noise": NAN}, ValueError, "noise"),
        ({"noise": INF}, ValueError, "noise"),
        ({"noise": "0.1"}, TypeError, "noise"),
        ({"noise": None}, TypeError, "noise"),
        ({"rng": "x"}, TypeError, "rng"),
        ({"rng": -1}, ValueError, "rng"),
        ({"rng": 0.5}, TypeError, "rng"),
    ],
    ids=show,
)
def test_make_moons_refuses(arguments: dict, error: type, argument: str) -> None:
    with pytest.raises(error, match=names(argument)):
        make_moons(**{"n_samples": 10, "noise": 0.1, "rng": 0, **arguments})
