"""Chapter 8: check_gradients agrees with correct backpropagation and catches wrong derivatives."""

import itertools
import math

import numpy as np
import pytest

from nn_from_scratch import (
    ACTIVATIONS,
    Activation,
    MatrixNetwork,
    NeuralNetwork,
    check_gradients,
    relative_error,
    training_data,
)
from tests.helpers import snapshot, unchanged
from tests.seed_reference import sigmoid

ACT_NAMES = sorted(ACTIVATIONS)
HIDDEN_NAMES = [name for name in ACT_NAMES if name != "softmax"]  # softmax: last layer only
SHAPES = [[1, 1], [2, 3, 1], [3, 5, 4, 2]]


def make_network(sizes: list, hidden: object, output: object, loss: str, seed: int):
    """A well-scaled network and data: weights N(0, 1/n_in), small biases.

    For bce and cross-entropy with an output that is not a sigmoid, the last
    layer's weights are small and its bias 0.5, so every output stays inside
    (0, 1), and away from 0 and 1 (a softmax's too); a ReLU output gets a
    positive bias, so that not every output is 0. For cross-entropy, Y is
    one-hot rows (a random class per sample).
    """
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1 / math.sqrt(a), (a, b)) for a, b in itertools.pairwise(sizes)]
    biases = [rng.normal(0, 0.1, b) for b in sizes[1:]]
    if loss in ("bce", "cross_entropy") and getattr(output, "name", output) != "sigmoid":
        weights[-1] *= 0.1
        biases[-1] = np.full(sizes[-1], 0.5)
    elif getattr(output, "name", output) == "relu":
        biases[-1] = np.abs(biases[-1]) + 1.0
    X = rng.normal(0, 1, (6, sizes[0]))
    if loss == "bce":
        Y = rng.integers(0, 2, (6, sizes[-1])).astype(float)
    elif loss == "cross_entropy":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 6)]
    else:
        Y = rng.normal(0, 1, (6, sizes[-1]))
    net = MatrixNetwork(weights, biases, [hidden] * (len(sizes) - 2) + [output])
    if loss in ("bce", "cross_entropy"):
        P = net.forward(X)
        assert ((P > 0.01) & (P < 0.99)).all()  # the test's own precondition
    return net, X, Y


@pytest.mark.parametrize("sizes", SHAPES, ids=str)
@pytest.mark.parametrize("loss", ["bce", "cross_entropy", "mse"])
@pytest.mark.parametrize("output", ACT_NAMES)
@pytest.mark.parametrize("hidden", HIDDEN_NAMES)
def test_correct_backpropagation_passes(hidden: str, output: str, loss: str, sizes: list) -> None:
    if output == "softmax" and sizes[-1] == 1:
        sizes = [*sizes[:-1], 3]  # a softmax of one output is always 1: nothing to learn
    net, X, Y = make_network(sizes, hidden, output, loss, seed=len(sizes))
    before = snapshot(net)
    worst = check_gradients(net, X, Y, loss=loss)
    assert type(worst) is float
    assert 0 <= worst < 1e-6
    assert unchanged(net, before)


@pytest.mark.parametrize("seed", [0, 1, 42, 2024])
def test_chapter_5s_network_on_the_four_people_passes(seed: int) -> None:
    net = MatrixNetwork.from_neural_network(NeuralNetwork.random(seed))
    data, all_y_trues = training_data()
    assert check_gradients(net, data, all_y_trues) < 1e-6
    assert check_gradients(net, data, all_y_trues, loss="bce") < 1e-6


@pytest.mark.parametrize("bias", [15.0, 18.0])
def test_a_correct_but_tiny_gradient_passes(bias: float) -> None:
    # A saturated sigmoid unit is common in a trained network. Here h1 = f(0.5 + bias)
    # is almost 1, so every gradient through it is tiny but not 0.
    net = MatrixNetwork([[[1.0, 1.0]], [[1.0], [1.0]]], [[bias, 0.0], [0.0]], "sigmoid")
    X, Y = [[0.5]], [1.0]

    # By hand: h2 = f(0.5), o = f(h1 + h2), and with e = exp(-(0.5 + bias)),
    # f'(0.5 + bias) = e / (1 + e)**2 without cancellation. The chain rule:
    # dL/dW1[0, 0] = -2 (1 - o) * o (1 - o) * W2[0, 0] * f'(0.5 + bias) * x.
    e = math.exp(-(0.5 + bias))
    h1, h2 = sigmoid(0.5 + bias), sigmoid(0.5)
    o = sigmoid(h1 + h2)
    by_hand = -2 * (1 - o) * o * (1 - o) * 1.0 * e / (1 + e) ** 2 * 0.5
    d_L_d_W, _ = net.gradients(X, Y)
    assert 1e-10 < abs(by_hand) < 1e-8
    assert d_L_d_W[0][0, 0] == pytest.approx(by_hand, rel=1e-6)  # backpropagation is right

    # So the check must not report a relative error that signals a wrong derivative.
    assert check_gradients(net, X, Y) < 1e-6


SIGMOID = ACTIVATIONS["sigmoid"]
TANH = ACTIVATIONS["tanh"]
WRONG = {
    "sigmoid_df_a": Activation("sigmoid", SIGMOID.f, lambda a: a),  # should be a (1 - a)
    "sigmoid_df_twice": Activation("sigmoid", SIGMOID.f, lambda a: 2 * a * (1 - a)),
    "tanh_df_twice": Activation("tanh", TANH.f, lambda a: 2 * (1 - a**2)),
    "tanh_df_sign": Activation("tanh", TANH.f, lambda a: a**2 - 1),
    "identity_df_half": Activation("identity", lambda z: z, lambda a: 0.5 * np.ones_like(a)),
}


@pytest.mark.parametrize("where", ["hidden", "output"])
@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("wrong", sorted(WRONG))
def test_a_wrong_derivative_is_caught(wrong: str, loss: str, where: str) -> None:
    right = ACTIVATIONS[WRONG[wrong].name]
    hidden, output = (WRONG[wrong], right) if where == "hidden" else (right, WRONG[wrong])
    net, X, Y = make_network([3, 4, 2], hidden, output, loss, seed=5)
    before = snapshot(net)
    assert check_gradients(net, X, Y, loss=loss) > 1e-2
    assert unchanged(net, before)


@pytest.mark.parametrize("eps", [1e-4, 1e-5, 1e-7])
def test_other_nudges_agree_too(eps: float) -> None:
    net, X, Y = make_network([2, 3, 1], "tanh", "sigmoid", "bce", seed=8)
    assert check_gradients(net, X, Y, loss="bce", eps=eps) < 1e-5


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (0.25, 0.25, 0.0),
        (1.0, 1.001, 0.001 / 2.001),  # |1 - 1.001| / (1 + 1.001)
        (0.0, 0.0, 0.0),  # both zero: defined as 0
        (1.0, -1.0, 1.0),  # opposite signs: 2 / 2
        (0.0, 3.0, 1.0),  # one of them zero: 3 / 3
        (-2.0, -1.0, 1 / 3),  # 1 / 3
        (1e-20, 2e-20, 1 / 3),  # relative: the scale does not matter
        (5.0, 4.0, 1 / 9),
    ],
)
def test_relative_error_by_hand(a: float, b: float, expected: float) -> None:
    assert relative_error(a, b) == pytest.approx(expected, rel=1e-12, abs=0)
    assert relative_error(b, a) == pytest.approx(expected, rel=1e-12, abs=0)


def test_an_elementwise_slope_for_softmax_is_caught() -> None:
    # The mistake softmax's refusing df prevents: treating it as elementwise,
    # with the sigmoid-like slope p (1 - p) of each output alone. The check sees it.
    softmax = ACTIVATIONS["softmax"]
    elementwise = Activation("softmax_as_if_elementwise", softmax.f, lambda a: a * (1 - a))
    net, X, Y = make_network([3, 4, 3], "tanh", elementwise, "mse", seed=6)
    assert check_gradients(net, X, Y, loss="mse") > 1e-2
    right = MatrixNetwork(net.weights, net.biases, ["tanh", "softmax"])
    assert check_gradients(right, X, Y, loss="mse") < 1e-6


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_a_wrong_softmax_delta_is_caught(loss: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # output_delta's softmax paths with a mistake in each: the check must notice.
    net, X, Y = make_network([3, 4, 3], "tanh", "softmax", loss, seed=7)
    assert check_gradients(net, X, Y, loss=loss) < 1e-6
    right_delta = MatrixNetwork.output_delta
    monkeypatch.setattr(
        MatrixNetwork,
        "output_delta",
        lambda self, loss_, Y_, P: right_delta(self, loss_, Y_, P) * len(Y_),  # no mean: / n lost
    )
    assert check_gradients(net, X, Y, loss=loss) > 1e-2
