"""`python -m nn_from_scratch` replays the tutorial's run, checked against the oracle."""

import subprocess
import sys

import numpy as np
import pytest

from nn_from_scratch import NeuralNetwork
from tests.seed_reference import SEED_DATA, SEED_Y_TRUES, SeedNetwork


def run_main() -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "nn_from_scratch"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stderr == ""
    return completed.stdout


@pytest.fixture(scope="module")
def output() -> list[str]:
    return run_main().splitlines()


@pytest.fixture(scope="module")
def oracle() -> tuple[SeedNetwork, dict[int, float]]:
    network = SeedNetwork(NeuralNetwork.random(42).parameters())
    losses = network.train(SEED_DATA, SEED_Y_TRUES)
    return network, losses


def test_prints_100_loss_lines_then_two_predictions(output: list[str]) -> None:
    assert len(output) == 102
    assert [line.split(" loss: ")[0] for line in output[:100]] == [
        f"Epoch {epoch}" for epoch in range(0, 1000, 10)
    ]
    assert output[100].startswith("Emily: ")
    assert output[101].startswith("Frank: ")


def test_loss_lines_match_the_oracle(output: list[str], oracle: tuple) -> None:
    _, losses = oracle
    assert output[:100] == [f"Epoch {epoch} loss: {loss:.3f}" for epoch, loss in losses.items()]


def test_predictions_match_the_oracle(output: list[str], oracle: tuple) -> None:
    network, _ = oracle
    emily = network.feed_forward(np.array([-7, -3]))  # 128 - 135, 63 - 66
    frank = network.feed_forward(np.array([20, 2]))  # 155 - 135, 68 - 66
    assert output[100:] == [f"Emily: {emily:.3f} - F", f"Frank: {frank:.3f} - M"]


def test_two_runs_print_the_same(output: list[str]) -> None:
    assert run_main().splitlines() == output
