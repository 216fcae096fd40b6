"""Divergence that stops short of infinity is reported, with a learning rate that really trains.

The example is the troubleshooting page's: one identity neuron fitting y = 2x + 1
on x = 0, 1, 2, full batch, no shuffling. Its expected values come from the
problem, not from the code: the fit is w = 2, b = 1, and a full-batch step
multiplies the error along each eigenvector of the data's second moment
[[5/3, 1], [1, 1]] (eigenvalues about 2.387 and 0.279) by 1 - 2 * rate * eigenvalue,
so a rate above 2 / (2 * 2.387) = 0.419 diverges and one below converges.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

import nn_from_scratch.matrix
from nn_from_scratch import (
    MatrixNetwork,
    NeuralNetwork,
    TrainingDivergedError,
    make_moons,
    train,
    train_batches,
    training,
    training_data,
)
from tests.helpers import bits

X_LINE = [[0.0], [1.0], [2.0]]
Y_LINE = [1.0, 3.0, 5.0]  # y = 2x + 1
LINE = {"epochs": 500, "batch_size": 3, "shuffle": False}  # the page's call


def line() -> MatrixNetwork:
    return MatrixNetwork.random([1, 1], "identity", rng=0)


def diverges_on_the_line(learn_rate: float) -> TrainingDivergedError:
    network = line()
    before = bits(network)
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(network, X_LINE, Y_LINE, learn_rate=learn_rate, **LINE)  # type: ignore[arg-type]
    assert bits(network) == before  # put back exactly, retries and all
    return caught.value


@pytest.mark.parametrize("learn_rate", [10, 1, 0.5, 0.45])
def test_a_rate_above_the_limit_diverges_even_before_infinity(learn_rate: float) -> None:
    # At 0.5 the error grows 1.39 times an epoch and at 0.45 1.15 times: after 500
    # epochs the loss is finite (about 1e143 and 1e61) but far beyond where it began.
    error = diverges_on_the_line(learn_rate)
    assert 0 <= error.epoch < 100
    assert error.learn_rate == learn_rate and error.trainer == "train_batches"


@pytest.mark.parametrize("learn_rate", [10, 1, 0.5, 0.45])
def test_the_suggested_rate_fits_the_line(learn_rate: float) -> None:
    error = diverges_on_the_line(learn_rate)
    suggested = error.suggested_rate
    assert suggested is not None and suggested < 0.419  # below the limit, from the problem
    assert f"with learn_rate={suggested:g} instead" in str(error)
    network = line()
    train_batches(network, X_LINE, Y_LINE, learn_rate=suggested, **LINE)  # type: ignore[arg-type]
    assert network.weights[0][0, 0] == pytest.approx(2, abs=1e-3)
    assert network.biases[0][0] == pytest.approx(1, abs=1e-3)


def test_the_suggestion_is_the_largest_power_of_ten_below_that_trains() -> None:
    # From 10: a tenth, 1, diverges (1 - 2 * 1 * 2.387 < -1); a hundredth, 0.1, trains.
    assert diverges_on_the_line(10).suggested_rate == 0.1
    assert diverges_on_the_line(0.5).suggested_rate == pytest.approx(0.05)


def test_no_number_is_suggested_when_no_smaller_rate_trains() -> None:
    # From 1000 the rates tried are 100, 10 and 1, all above 0.419: every one diverges.
    error = diverges_on_the_line(1000)
    assert error.suggested_rate is None
    message = str(error)
    assert re.findall(r"learn_rate=(\S+)", message) == ["1000"]  # no other rate named
    assert "such as" not in message and "instead" not in message


def test_train_refuses_a_start_that_overflows_before_training() -> None:
    # 1e308 * 25 - 1e308 * 6 is inf - inf = NaN whatever the learning rate: no rate can
    # help, and it is the input that is wrong, so it is refused before the first step.
    network = NeuralNetwork(w1=1e308, w2=-1e308, w3=0, w4=1, w5=1, w6=1, b1=0, b2=0, b3=0)
    before = bits(network)
    with pytest.raises(ValueError, match=r"^data and the parameters are too large") as caught:
        train(network, *training_data(), epochs=10)
    assert not isinstance(caught.value, TrainingDivergedError)
    assert bits(network) == before


def test_the_retries_never_touch_the_readers_network(monkeypatch: pytest.MonkeyPatch) -> None:
    network = line()
    before = bits(network)
    seen = []
    real = nn_from_scratch.matrix.smaller_rate

    def watching(attempt: Any, learn_rate: float) -> float | None:
        def watched(rate: float) -> tuple[float, float]:
            seen.append(bits(network) == before)
            result: tuple[float, float] = attempt(rate)
            seen.append(bits(network) == before)
            return result

        return real(watched, learn_rate)

    monkeypatch.setattr(nn_from_scratch.matrix, "smaller_rate", watching)
    with pytest.raises(TrainingDivergedError):
        train_batches(network, X_LINE, Y_LINE, learn_rate=10, **LINE)  # type: ignore[arg-type]
    assert seen and all(seen)


@pytest.mark.parametrize("module", [nn_from_scratch.matrix, training])
def test_ctrl_c_during_the_retries_leaves_the_network_as_it_was(
    module: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(attempt: Any, learn_rate: float) -> float | None:
        try:
            attempt(learn_rate / 10)  # one retry...
        except TrainingDivergedError:
            pass
        raise KeyboardInterrupt  # ...then the reader presses Ctrl-C

    monkeypatch.setattr(module, "smaller_rate", interrupted)
    if module is nn_from_scratch.matrix:
        network: Any = line()
        run = lambda: train_batches(network, X_LINE, Y_LINE, learn_rate=10, **LINE)  # noqa: E731
    else:
        # A sigmoid output keeps chapter 6's loss below 1, so make the first record count
        # as divergence, to reach the retries.
        monkeypatch.setattr(module, "diverged", lambda *args: True)
        network = NeuralNetwork.random(42)
        run = lambda: train(network, *training_data(), epochs=10)  # noqa: E731
    before = bits(network)
    with pytest.raises(KeyboardInterrupt):
        run()
    assert bits(network) == before


def test_a_failed_call_trains_at_most_four_times_as_many_epochs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each retry is at most the call's own length, and there are RATE_TRIES of them.
    steps = []
    real_step = MatrixNetwork.step
    monkeypatch.setattr(
        MatrixNetwork, "step", lambda self, *args: steps.append(1) or real_step(self, *args)
    )
    with pytest.raises(TrainingDivergedError):
        train_batches(line(), X_LINE, Y_LINE, learn_rate=10, **LINE)  # type: ignore[arg-type]
    assert training.RATE_TRIES == 3
    assert 500 < len(steps) <= (1 + training.RATE_TRIES) * 500  # one batch per epoch


def test_retries_shuffle_as_the_call_did() -> None:
    # With a Generator, the retries start from its state when the call began.
    network = line()
    generator = np.random.default_rng(5)
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(network, X_LINE, Y_LINE, learn_rate=10, epochs=500, batch_size=1,
                      rng=generator)  # fmt: skip
    suggested = caught.value.suggested_rate
    assert suggested is not None
    train_batches(network, X_LINE, Y_LINE, learn_rate=suggested, epochs=500, batch_size=1,
                  rng=np.random.default_rng(5))  # fmt: skip
    assert network.weights[0][0, 0] == pytest.approx(2, abs=1e-2)
    assert network.biases[0][0] == pytest.approx(1, abs=1e-2)


# --- runs that train must never be stopped -------------------------------------------------


def test_the_rule() -> None:
    assert training.GROWTH_LIMIT == 1e6
    assert not training.diverged(19.5, start=1.0)  # the worst training run measured (the moons)
    assert not training.diverged(0.5, start=1e-9)  # the floor: a small start may rise to well above
    assert training.diverged(1.1e6, start=0.3) and training.diverged(1.1e7, start=10.0)
    assert training.diverged(float("inf"), start=1.0) and training.diverged(float("nan"), start=1.0)


def test_the_training_chapters_seed_run_is_not_stopped() -> None:
    network = NeuralNetwork.random(42)
    history = train(network, *training_data(), learn_rate=0.1, epochs=1000)
    assert len(history) == 100 and history[-1] < 0.01 < history[0]


@pytest.mark.parametrize("learn_rate", [0.1, 0.3, 1, 3, 30])
def test_the_moons_chapters_learning_rates_are_not_stopped(learn_rate: float) -> None:
    # The moons chapter's comparison; at 30 the loss bounces to about 20 times its start, the
    # largest ratio of any run of the tutorial, and stays finite.
    X, y = make_moons(200, noise=0.2, rng=0)
    network = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=1)
    history = train_batches(network, X, y, loss="bce", learn_rate=learn_rate, epochs=200,
                            batch_size=16, rng=2)  # fmt: skip
    assert len(history) == 200


def test_a_trained_network_trained_further_is_not_stopped() -> None:
    # Its loss starts at rounding noise (about 1e-27): ratios to it mean nothing, which
    # is what the floor of 1 is for (a start of exactly 0 would make any rise infinite).
    network = line()
    train_batches(network, X_LINE, Y_LINE, learn_rate=0.1, **LINE)  # type: ignore[arg-type]
    assert network.loss(X_LINE, Y_LINE) < 1e-20
    history = train_batches(network, X_LINE, Y_LINE, learn_rate=0.1, epochs=50, batch_size=1,
                            rng=0)  # fmt: skip
    assert len(history) == 50
    assert not training.diverged(1e-20, start=0.0)


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ((1, "0.1", "train"), "learn_rate"),
        ((-1, 0.1, "train"), "epoch"),
        ((1.5, 0.1, "train"), "epoch"),
        ((1, 0.1, "fit"), "trainer"),
        ((1, 0.1, "train", "0.01"), "suggested_rate"),
    ],
)
def test_a_training_diverged_error_made_by_hand_is_checked_as_it_is_made(
    arguments: tuple[object, ...], argument: str
) -> None:
    # Outside finding: TrainingDivergedError(1, "0.1", "train") was made, and its str() raised.
    with pytest.raises((TypeError, ValueError), match=rf"^{argument}\b"):
        TrainingDivergedError(*arguments)  # type: ignore[arg-type]


def test_epochs_has_an_upper_bound() -> None:
    # Outside finding: epochs=10**400 was accepted, and ran until Ctrl-C.
    for call in (
        lambda: train(NeuralNetwork.random(0), *training_data(), epochs=10**400),
        lambda: train_batches(
            MatrixNetwork.random([2, 1], "sigmoid", rng=0),
            [[0.0, 1.0]],
            [1.0],
            epochs=10**8 + 1,
            rng=0,
        ),
    ):
        with pytest.raises(ValueError, match=r"^epochs must be at most 100,000,000"):
            call()
