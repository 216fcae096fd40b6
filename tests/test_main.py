"""`python -m nn_from_scratch` replays the tutorial's run, checked against the oracle."""

import subprocess
import sys

import numpy as np
import pytest

from tests.seed_reference import SEED_DATA, SEED_Y_TRUES, SeedNetwork, seed_start


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
    # The run starts from NeuralNetwork.random(42): the nine numbers default_rng(42) draws.
    network = SeedNetwork(seed_start(42))
    losses = network.train(SEED_DATA, SEED_Y_TRUES)
    return network, losses


def oracle_lines(oracle: tuple) -> list[str]:
    """Every line the run should print, from the oracle: 100 losses, then two predictions."""
    network, losses = oracle
    emily = network.feed_forward(np.array([-7, -3]))  # 128 - 135, 63 - 66
    frank = network.feed_forward(np.array([20, 2]))  # 155 - 135, 68 - 66
    return [f"Epoch {epoch} loss: {loss:.3f}" for epoch, loss in losses.items()] + [
        f"Emily: {emily:.3f} - F",
        f"Frank: {frank:.3f} - M",
    ]


def test_prints_100_loss_lines_then_two_predictions(output: list[str]) -> None:
    assert len(output) == 102
    assert [line.split(" loss: ")[0] for line in output[:100]] == [
        f"Epoch {epoch}" for epoch in range(0, 1000, 10)
    ]
    assert output[100].startswith("Emily: ")
    assert output[101].startswith("Frank: ")


def test_loss_lines_match_the_oracle(output: list[str], oracle: tuple) -> None:
    assert output[:100] == oracle_lines(oracle)[:100]


def test_predictions_match_the_oracle(output: list[str], oracle: tuple) -> None:
    assert output[100:] == oracle_lines(oracle)[100:]
    assert output[100:] == ["Emily: 0.950 - F", "Frank: 0.038 - M"]  # as chapter 6 prints them


def test_a_second_run_prints_the_oracles_lines_again(oracle: tuple) -> None:
    # Another process, so nothing is shared with the first run: the same lines.
    assert run_main().splitlines() == oracle_lines(oracle)
