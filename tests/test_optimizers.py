"""Chapters 12-13 in the package: optimizers, weight decay and dropout in `train_batches`.

Expected values come from closed forms worked by hand (a geometric series for
momentum, Adam on a constant gradient, SGD's path down the valley as powers),
from finite differences of the loss, and from counting; PyTorch's numbers are
compared in tests/test_optimizers_torch.py.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from nn_from_scratch import (
    LOSSES,
    SGD,
    Adam,
    MatrixNetwork,
    Momentum,
    TrainingDivergedError,
    load_digits,
    one_hot,
    train_batches,
)
from nn_from_scratch.optimizers import descend, valley, valley_gradient
from nn_from_scratch.regularization import dropout_backprop, dropout_mask, l2_gradients, l2_penalty
from tests.helpers import same, snapshot

# --- the update rules, by hand -------------------------------------------------------------


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_momentum_on_a_constant_gradient_sums_a_geometric_series(beta: float) -> None:
    # v_n = g (1 + beta + ... + beta^(n-1)) = g (1 - beta^n) / (1 - beta)
    w, g, lr = np.array([0.0]), np.array([2.0]), 0.1
    optimizer = Momentum(learn_rate=lr, beta=beta)
    moved = 0.0
    for n in range(1, 21):
        optimizer.update([w], [g])
        assert optimizer.velocities is not None
        velocity = 2.0 * (1 - beta**n) / (1 - beta)
        assert optimizer.velocities[0][0] == pytest.approx(velocity, rel=1e-14)
        moved += lr * velocity
        assert w[0] == pytest.approx(-moved, rel=1e-14)


@pytest.mark.parametrize("g", [1e-6, -0.3, 7.0, -2e4])
def test_adam_on_a_constant_gradient_steps_learn_rate_whatever_its_size(g: float) -> None:
    # m_hat = g and s_hat = g**2 at every step, so each step is lr * g / (|g| + eps).
    w = np.array([1.0])
    optimizer = Adam(learn_rate=0.01, eps=1e-8)
    for t in range(1, 11):
        optimizer.update([w], [np.array([g])])
        assert w[0] == pytest.approx(1.0 - t * 0.01 * g / (abs(g) + 1e-8), rel=1e-12)


def test_adam_without_its_correction_would_take_a_step_a_third_too_large_at_first() -> None:
    # Chapter 13's numbers: at t = 1, m = 0.1 g and s = 0.001 g**2, so the
    # uncorrected m / sqrt(s) is 0.1 / sqrt(0.001) = 3.16 times the sign of g.
    optimizer = Adam(learn_rate=1.0, eps=1e-300)
    w = np.array([0.0])
    optimizer.update([w], [np.array([5.0])])
    assert optimizer.means is not None and optimizer.squares is not None
    assert optimizer.means[0][0] / math.sqrt(optimizer.squares[0][0]) == pytest.approx(
        0.1 / math.sqrt(0.001)
    )
    assert w[0] == pytest.approx(-1.0)


@pytest.mark.parametrize("learn_rate", [0.1, 0.5, 0.95])
def test_sgd_down_the_valley_follows_its_closed_form(learn_rate: float) -> None:
    # x <- x - lr x / 10 and y <- y - lr 2 y: each a power of its own factor.
    path = descend(SGD(learn_rate), start=(-7.0, 2.0), steps=25)
    t = np.arange(26)
    np.testing.assert_allclose(path[:, 0], -7.0 * (1 - learn_rate / 10) ** t, rtol=1e-12)
    np.testing.assert_allclose(path[:, 1], 2.0 * (1 - 2 * learn_rate) ** t, rtol=1e-11)


def test_the_valley_and_its_slopes_agree_with_finite_differences() -> None:
    point = np.array([-3.3, 1.7])
    h = 1e-6
    for axis in range(2):
        nudge = np.eye(2)[axis] * h
        slope = (valley(point + nudge) - valley(point - nudge)) / (2 * h)
        assert valley_gradient(point)[axis] == pytest.approx(slope, rel=1e-8)


# --- weight decay and dropout --------------------------------------------------------------


def small_problem(seed: int = 0) -> tuple[MatrixNetwork, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    net = MatrixNetwork.random([3, 5, 4, 2], ["tanh", "sigmoid", "sigmoid"], rng, init="normal")
    return net, rng.normal(size=(6, 3)), rng.random((6, 2))


def test_l2_gradients_are_the_slopes_of_the_penalty() -> None:
    net, _, _ = small_problem()
    h, decay = 1e-6, 0.03
    for W, slope in zip(net.weights, l2_gradients(net.weights, decay), strict=True):
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            up = l2_penalty(net.weights, decay)
            W[index] = saved - h
            down = l2_penalty(net.weights, decay)
            W[index] = saved
            assert slope[index] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-10)


def test_dropout_gradients_are_the_slopes_of_the_loss_with_those_masks() -> None:
    net, X, Y = small_problem(1)
    loss = LOSSES["mse"]
    masks_from = np.random.default_rng(7)
    d_W, _ = dropout_backprop(net, X, Y, loss, 0.4, copy.deepcopy(masks_from))

    def dropped_loss() -> float:
        replay = copy.deepcopy(masks_from)  # the same masks each time
        a = X
        for layer, (W, b, act) in enumerate(zip(net.weights, net.biases, net.activations)):  # noqa: B905
            a = act.f(a @ W + b)
            if layer < len(net.weights) - 1:
                a = a * dropout_mask(a.shape, 0.4, replay)
        return loss.f(Y, a)

    h = 1e-6
    for W, slope in zip(net.weights, d_W, strict=True):
        for index in np.ndindex(W.shape):
            saved = W[index]
            W[index] = saved + h
            up = dropped_loss()
            W[index] = saved - h
            down = dropped_loss()
            W[index] = saved
            assert slope[index] == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-9)


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_a_dropout_mask_drops_rate_of_the_entries_and_keeps_the_mean_at_one(rate: float) -> None:
    n = 200_000
    mask = dropout_mask((n,), rate, np.random.default_rng(3))
    assert set(np.unique(mask)) == {0.0, 1 / (1 - rate)}
    dropped = np.mean(mask == 0)
    spread = math.sqrt(rate * (1 - rate) / n)  # a binomial proportion's standard deviation
    assert abs(dropped - rate) < 5 * spread
    assert abs(mask.mean() - 1) < 5 * spread / (1 - rate)


def test_dropout_at_rate_0_is_plain_backprop_and_prediction_never_drops() -> None:
    net, X, Y = small_problem(2)
    plain = net.backprop(X, Y, LOSSES["mse"])
    dropped = dropout_backprop(net, X, Y, LOSSES["mse"], 0.0, np.random.default_rng(0))
    for a, b in zip(plain[0] + plain[1], dropped[0] + dropped[1], strict=True):
        np.testing.assert_array_equal(a, b)
    # A network trained with dropout answers the same input the same way twice.
    train_batches(net, X, Y, dropout=0.5, rng=0, epochs=3, every=None)
    np.testing.assert_array_equal(net.forward(X), net.forward(X))


# --- train_batches with them ---------------------------------------------------------------


def test_sgd_as_an_optimizer_trains_exactly_as_learn_rate_does() -> None:
    net, X, Y = small_problem(3)
    twin = copy.deepcopy(net)
    a = train_batches(net, X, Y, learn_rate=0.3, epochs=20, batch_size=2, rng=5)
    b = train_batches(twin, X, Y, optimizer=SGD(0.3), epochs=20, batch_size=2, rng=5)
    np.testing.assert_allclose(a, b, rtol=1e-14)
    for ours, theirs in zip(net.weights, twin.weights, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-15)


def test_weight_decay_shrinks_the_weights_and_leaves_the_biases_alone() -> None:
    # With the loss's gradient zero (identity layer, targets it already hits),
    # each step multiplies every weight by exactly (1 - lr * lambda).
    net = MatrixNetwork([[[2.0, -1.0]]], [[0.5, 0.25]], "identity")
    X = np.array([[0.0], [0.0]])
    Y = np.array([[0.5, 0.25], [0.5, 0.25]])
    train_batches(net, X, Y, learn_rate=0.1, weight_decay=0.2, epochs=10, batch_size=2,
                  shuffle=False, every=None)  # fmt: skip
    np.testing.assert_allclose(net.weights[0], [[2.0 * 0.98**10, -1.0 * 0.98**10]], rtol=1e-13)
    np.testing.assert_array_equal(net.biases[0], [0.5, 0.25])


def test_the_optimizer_carries_its_state_from_call_to_call() -> None:
    net, X, Y = small_problem(4)
    twin = copy.deepcopy(net)
    one, two = Adam(0.01), Adam(0.01)
    train_batches(net, X, Y, optimizer=one, epochs=6, batch_size=3, shuffle=False, every=None)
    for _ in range(3):
        train_batches(twin, X, Y, optimizer=two, epochs=2, batch_size=3, shuffle=False, every=None)
    assert one.t == two.t == 12
    for ours, theirs in zip(net.weights, twin.weights, strict=True):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"learn_rate": 0.1, "optimizer": SGD(0.1)}, TypeError, "learn_rate=0.1"),
        ({"optimizer": "adam"}, TypeError, "optimizer must be a"),
        ({"optimizer": Adam, "rng": 0}, TypeError, "optimizer must be a"),
        ({"dropout": 1.0, "rng": 0}, ValueError, "dropout must be at least 0 and less than 1"),
        ({"dropout": 0.5, "shuffle": False}, ValueError, "dropout=0.5 needs rng"),
        ({"weight_decay": -0.1, "rng": 0}, ValueError, "weight_decay must be 0 or more"),
    ],
)
def test_bad_settings_are_refused_by_name_and_change_nothing(
    changes: dict[str, object], error: type[Exception], words: str
) -> None:
    net, X, Y = small_problem(5)
    before = snapshot(net)
    with pytest.raises(error, match=words):
        train_batches(net, X, Y, **changes)  # type: ignore[arg-type]
    assert same(snapshot(net), before)


@pytest.mark.parametrize("name", ["beta", "learn_rate"])
def test_an_optimizer_changed_by_hand_is_checked_again(name: str) -> None:
    net, X, Y = small_problem(6)
    optimizer = Momentum()
    setattr(optimizer, name, 1.5 if name == "beta" else -0.1)
    with pytest.raises(ValueError, match=f"optimizer.{name} must be"):
        train_batches(net, X, Y, optimizer=optimizer, rng=0)


def test_adam_that_diverges_puts_back_the_network_and_its_own_means() -> None:
    # An identity output is unbounded: steps of a million send the loss far past
    # a million times where it started.
    rng = np.random.default_rng(7)
    net = MatrixNetwork.random([3, 4, 2], ["tanh", "identity"], rng)
    X, Y = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    optimizer = Adam(learn_rate=0.01)
    train_batches(net, X, Y, optimizer=optimizer, epochs=1, shuffle=False, every=None)
    optimizer.learn_rate = 1e6  # as a (bad) schedule might set it
    before_net = snapshot(net)
    before = copy.deepcopy(vars(optimizer))
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(net, X, Y, optimizer=optimizer, epochs=50, shuffle=False)
    assert caught.value.learn_rate == 1e6
    assert caught.value.suggested_rate is None or caught.value.suggested_rate < 1e6
    assert same(snapshot(net), before_net)
    assert optimizer.t == before["t"] == 1 and optimizer.learn_rate == 1e6
    assert optimizer.means is not None and optimizer.squares is not None
    assert same(optimizer.means, before["means"]) and same(optimizer.squares, before["squares"])


def test_adam_learns_the_digits_with_dropout_and_weight_decay() -> None:
    images, labels = load_digits()
    X, Y = images[:300] / 16, one_hot(labels[:300])
    net = MatrixNetwork.random([64, 32, 10], ["tanh", "softmax"], rng=0)
    history = train_batches(net, X, Y, loss="cross_entropy", optimizer=Adam(0.01), rng=0,
                            epochs=30, weight_decay=1e-4, dropout=0.2, every=29)  # fmt: skip
    assert history[0] > 1.0 and history[-1] < 0.1  # from guessing (ln 10 = 2.3) to learned
