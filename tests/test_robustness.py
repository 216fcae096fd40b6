"""Training that blows up stops with a clear error; inputs that saturate get a warning.

Expected values are hand-made situations: a line fit whose full-batch step is
too large to converge (its step factor 1 - 2 * learn_rate * mean(x**2) is
below -1), and a network whose huge weights make inf - inf = NaN.
"""

from __future__ import annotations

import pytest

from nn_from_scratch import (
    InputScaleWarning,
    MatrixNetwork,
    NeuralNetwork,
    TrainingDivergedError,
    shift,
    sigmoid,
    train,
    train_batches,
    training_data,
)
from tests.helpers import snapshot, unchanged

X_LINE = [[0.0], [1.0], [2.0]]
Y_LINE = [1.0, 3.0, 5.0]  # y = 2x + 1


def test_a_too_large_learning_rate_diverges_with_a_clear_error() -> None:
    # MSE on y = w x + b, full batch: mean(x**2) = 5/3, so the step on w multiplies the
    # error by about 1 - 2 * 10 * 5/3 < -1 each time: it grows without bound.
    network = MatrixNetwork.random([1, 1], "identity", rng=0)
    before = snapshot(network)
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(
            network, X_LINE, Y_LINE, learn_rate=10, epochs=500, batch_size=3, shuffle=False
        )
    message = str(caught.value)
    assert f"by epoch {caught.value.epoch}:" in message
    assert 0 < caught.value.epoch < 500
    assert "learn_rate=10 is too large" in message and "with learn_rate=0.1 instead" in message
    assert caught.value.learn_rate == 10 and caught.value.suggested_rate == 0.1
    # Documented: the network is put back exactly as it was before the call.
    assert unchanged(network, before)


def test_a_small_enough_learning_rate_does_not_diverge() -> None:
    network = MatrixNetwork.random([1, 1], "identity", rng=0)
    train_batches(network, X_LINE, Y_LINE, learn_rate=0.1, epochs=500, batch_size=3, shuffle=False)
    assert network.weights[0][0, 0] == pytest.approx(2, abs=1e-3)
    assert network.biases[0][0] == pytest.approx(1, abs=1e-3)


def test_chapter_6_training_refuses_weights_whose_sums_become_nan() -> None:
    # Finite but enormous weights: 1e308 * 25 overflows to inf, -1e308 * 6 to -inf, and
    # their sum is NaN. Training must not carry on with NaN, nor blame the learning rate:
    # the start is refused before the first step.
    network = NeuralNetwork(w1=1e308, w2=-1e308, w3=0, w4=1, w5=1, w6=1, b1=0, b2=0, b3=0)
    before = network.parameters()
    data, all_y_trues = training_data()
    with pytest.raises(ValueError, match=r"^data and the parameters are too large"):
        train(network, data, all_y_trues, epochs=10)
    assert network.parameters() == before


def test_chapter_6_network_saturates_rather_than_diverging() -> None:
    # With sigmoids everywhere, huge steps drive every neuron to exactly 0 or 1, where
    # the slopes are 0: the loss sticks (here at 0.5, two of four people wrong) instead
    # of overflowing. The troubleshooting page shows this; no error is raised.
    network = NeuralNetwork.random(42)
    history = train(network, *training_data(), learn_rate=1000, epochs=100)
    assert history[-1] == 0.5
    assert abs(network.w1) > 100


def test_raw_measurements_warn_that_the_data_needs_shifting() -> None:
    network = NeuralNetwork.random(42)
    raw = [[133, 65], [160, 72], [152, 70], [120, 60]]  # not shifted
    with pytest.warns(InputScaleWarning, match=r"as large as 160.*nn_from_scratch\.shift"):
        train(network, raw, [1, 0, 0, 1], epochs=1)
    with pytest.warns(InputScaleWarning, match="as large as 128"):
        network.feed_forward([128, 63])


def test_shifted_data_does_not_warn() -> None:
    # pytest turns any warning into an error here (filterwarnings = error).
    network = NeuralNetwork.random(42)
    train(network, *training_data(), epochs=1)
    network.feed_forward(shift(128, 63))


def test_train_batches_warns_on_large_inputs() -> None:
    network = MatrixNetwork.random([1, 1], "sigmoid", rng=0)
    with pytest.warns(InputScaleWarning, match="X holds values as large as 200"):
        train_batches(network, [[200.0], [-3.0]], [1.0, 0.0], epochs=1, shuffle=False)


def test_an_integer_too_large_for_a_float_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="x holds a number too large for a float"):
        sigmoid(10**400)
    with pytest.raises(ValueError, match="learn_rate is too large for a float"):
        train(NeuralNetwork.random(0), *training_data(), learn_rate=10**400)


def test_a_bad_rng_is_refused_even_without_shuffling() -> None:
    network = MatrixNetwork.random([1, 1], "identity", rng=0)
    with pytest.raises(TypeError, match="rng must be an int seed"):
        train_batches(network, X_LINE, Y_LINE, shuffle=False, rng="x")
