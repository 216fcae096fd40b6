"""Chapters 5 and 6: gradients, SGD steps, training; checked by finite differences and the oracle.

The oracle is tests/seed_reference.py, the seed notebook's code re-typed; it never
imports nn_from_scratch.
"""

import numpy as np
import pytest

from nn_from_scratch import (
    NeuralNetwork,
    decode_gender,
    gradients,
    sgd_step,
    shift,
    train,
    training_data,
)
from tests.seed_reference import (
    SEED_DATA,
    SEED_NAMES,
    SEED_Y_TRUES,
    ZERO_ONE,
    SeedNetwork,
    loss_slopes,
    sigmoid,
)

SAMPLES = [([-2.0, -1.0], 1.0), ([0.5, -1.5], 0.0), ([1.0, 2.0], 1.0)]


# --- gradients ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize(("x", "y_true"), SAMPLES)
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_each_gradient_matches_a_central_finite_difference(
    seed: int, x: list, y_true: float, name: str
) -> None:
    net = NeuralNetwork.random(seed)
    slope = loss_slopes(net.parameters(), x, y_true)[name]  # of the oracle's loss
    assert abs(gradients(net, x, y_true)[name] - slope) / abs(slope) < 1e-6


def test_gradient_of_b3_by_hand() -> None:
    # Alice ([-2, -1], F = 1) through the chapter 3 network: h2 = f(-1), o1 = f(0*h1 + h2).
    # dL/db3 = -2 * (1 - o1) * o1 * (1 - o1), by the chain rule through o1.
    o1 = sigmoid(sigmoid(-1))
    expected = -2 * (1 - o1) * o1 * (1 - o1)
    slope = gradients(NeuralNetwork(**ZERO_ONE), [-2, -1], 1)["b3"]
    assert slope == pytest.approx(expected)
    assert round(slope, 6) == -0.212714  # as chapter 5 prints it


def test_gradients_returns_nine_floats_in_order_and_leaves_the_network_alone() -> None:
    net = NeuralNetwork.random(3)
    before = net.parameters()
    result = gradients(net, [-2, -1], 1)
    assert tuple(result) == SEED_NAMES
    assert all(type(value) is float for value in result.values())
    assert net.parameters() == before


# --- sgd_step ----------------------------------------------------------------------------


@pytest.mark.parametrize("learn_rate", [0.1, 0.5, 2.0])
@pytest.mark.parametrize(("x", "y_true"), SAMPLES)
def test_sgd_step_moves_each_parameter_by_minus_learn_rate_times_gradient(
    x: list, y_true: float, learn_rate: float
) -> None:
    net = NeuralNetwork.random(11)
    before = net.parameters()
    slopes = loss_slopes(before, x, y_true)  # finite differences of the oracle's loss
    sgd_step(net, x, y_true, learn_rate=learn_rate)
    after = net.parameters()
    for name in SEED_NAMES:
        step = before[name] - learn_rate * slopes[name]
        assert after[name] == pytest.approx(step, rel=0, abs=1e-8), name
    # The oracle's training, one epoch over this one sample, is one SGD step too.
    oracle = SeedNetwork(before)
    oracle.train(np.array([x]), np.array([y_true]), learn_rate=learn_rate, epochs=1)
    for name in SEED_NAMES:
        assert after[name] == pytest.approx(oracle.params()[name], rel=1e-14, abs=1e-15), name


def test_sgd_step_defaults_to_a_learn_rate_of_0_1() -> None:
    net = NeuralNetwork.random(5)
    oracle = SeedNetwork(net.parameters())
    sgd_step(net, [-2, -1], 1)
    oracle.train(np.array([[-2, -1]]), np.array([1]), learn_rate=0.1, epochs=1)
    for name in SEED_NAMES:
        assert net.parameters()[name] == pytest.approx(oracle.params()[name], rel=1e-14), name


# --- train against the oracle ------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 42, 2024])
def test_train_with_defaults_ends_where_the_seed_notebook_does(seed: int) -> None:
    net = NeuralNetwork.random(seed)
    oracle = SeedNetwork(net.parameters())
    oracle_losses = oracle.train(SEED_DATA, SEED_Y_TRUES)  # learn_rate 0.1, 1000 epochs
    history = train(net, SEED_DATA, SEED_Y_TRUES)
    for name in SEED_NAMES:
        assert net.parameters()[name] == pytest.approx(oracle.params()[name], rel=0, abs=1e-12)
    assert sorted(oracle_losses) == list(range(0, 1000, 10))
    # The history holds the loss after epochs 0, 10, ..., 990, as the notebook prints it.
    assert history == pytest.approx(list(oracle_losses.values()), rel=0, abs=1e-12)


@pytest.mark.parametrize(("learn_rate", "epochs"), [(0.5, 37), (0.03, 101), (1, 1)])
def test_train_with_other_settings_matches_the_oracle(learn_rate: float, epochs: int) -> None:
    net = NeuralNetwork.random(8)
    oracle = SeedNetwork(net.parameters())
    oracle_losses = oracle.train(SEED_DATA, SEED_Y_TRUES, learn_rate=learn_rate, epochs=epochs)
    history = train(net, SEED_DATA.tolist(), SEED_Y_TRUES.tolist(), learn_rate, epochs)
    assert len(history) == len(range(0, epochs, 10))
    for name in SEED_NAMES:
        assert net.parameters()[name] == pytest.approx(oracle.params()[name], rel=0, abs=1e-12)
    assert history == pytest.approx(list(oracle_losses.values()), rel=0, abs=1e-12)


def test_with_every_1_the_history_is_the_loss_after_each_epoch() -> None:
    # The oracle run one epoch at a time reports the loss after each single epoch.
    net = NeuralNetwork.random(4)
    oracle = SeedNetwork(net.parameters())
    expected = [oracle.train(SEED_DATA, SEED_Y_TRUES, epochs=1)[0] for _ in range(25)]
    history = train(net, SEED_DATA, SEED_Y_TRUES, epochs=25, every=1)
    assert all(type(loss) is float for loss in history)
    assert history == pytest.approx(expected, rel=0, abs=1e-12)


# --- reporting ---------------------------------------------------------------------------


def test_verbose_prints_the_loss_every_10_epochs(capsys: pytest.CaptureFixture[str]) -> None:
    net = NeuralNetwork.random(42)
    oracle_losses = SeedNetwork(net.parameters()).train(SEED_DATA, SEED_Y_TRUES)
    train(net, SEED_DATA, SEED_Y_TRUES, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Epoch {epoch} loss: {loss:.3f}" for epoch, loss in oracle_losses.items()]
    assert len(lines) == 100
    assert lines[0].startswith("Epoch 0 loss: ")
    assert lines[-1].startswith("Epoch 990 loss: ")


def test_quiet_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    train(NeuralNetwork.random(42), SEED_DATA, SEED_Y_TRUES, epochs=30)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("epochs", "every", "reported"), [(25, 7, [0, 7, 14, 21]), (3, 1, [0, 1, 2])]
)
def test_callback_receives_epoch_and_loss_every_n_epochs(
    epochs: int, every: int, reported: list
) -> None:
    calls = []
    history = train(
        NeuralNetwork.random(42),
        SEED_DATA,
        SEED_Y_TRUES,
        epochs=epochs,
        every=every,
        callback=lambda epoch, loss: calls.append((epoch, loss)),
    )
    assert [epoch for epoch, _ in calls] == reported
    assert [loss for _, loss in calls] == history


def test_every_does_not_change_the_training() -> None:
    every_epoch, every_tenth = NeuralNetwork.random(5), NeuralNetwork.random(5)
    oracle = SeedNetwork(every_epoch.parameters())
    oracle.train(SEED_DATA, SEED_Y_TRUES, epochs=50)
    train(every_epoch, SEED_DATA, SEED_Y_TRUES, epochs=50, every=1)
    train(every_tenth, SEED_DATA, SEED_Y_TRUES, epochs=50)
    for name in SEED_NAMES:
        assert every_epoch.parameters()[name] == pytest.approx(
            oracle.params()[name], rel=0, abs=1e-12
        ), name
    assert every_epoch.parameters() == every_tenth.parameters()  # and bit for bit the same


def test_callback_default_every_is_10() -> None:
    epochs = []
    train(
        NeuralNetwork.random(42),
        SEED_DATA,
        SEED_Y_TRUES,
        epochs=35,
        callback=lambda epoch, loss: epochs.append(epoch),
    )
    assert epochs == [0, 10, 20, 30]


def test_the_seeded_network_classifies_emily_and_frank() -> None:
    net = NeuralNetwork.random(42)
    train(net, *training_data())
    assert decode_gender(net.feed_forward(shift(128, 63))) == "F"  # Emily
    assert decode_gender(net.feed_forward(shift(155, 68))) == "M"  # Frank
