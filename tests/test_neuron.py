"""Chapter 2: one neuron, checked against the seed notebook and hand calculation."""

import numpy as np
import pytest

from nn_from_scratch import Neuron
from tests.seed_reference import math_sigmoid


def test_the_seed_notebooks_neuron() -> None:
    # Seed: weights [0, 1], bias 4, x = [2, 3]: 0*2 + 1*3 + 4 = 7, and the notebook
    # prints 0.9990889488055994.
    neuron = Neuron(np.array([0, 1]), 4)
    assert neuron.feed_forward(np.array([2, 3])) == 0.9990889488055994


def test_feed_forward_returns_a_python_float() -> None:
    assert type(Neuron([0, 1], 4).feed_forward([2, 3])) is float


@pytest.mark.parametrize(
    ("weights", "bias", "inputs", "total"),
    [
        ([1, -2, 0.5], -1, [3, 1, 4], 2.0),  # 1*3 - 2*1 + 0.5*4 - 1 = 2
        ([0.5, 0.5], 0, [-2, -1], -1.5),  # 0.5*(-2) + 0.5*(-1) + 0 = -1.5
        ([2.0], 0.25, [0.0], 0.25),  # 2*0 + 0.25 = 0.25
        ([-1, -1], 3, [1.5, 1.5], 0.0),  # -1.5 - 1.5 + 3 = 0
    ],
)
def test_feed_forward_by_hand(weights: list, bias: float, inputs: list, total: float) -> None:
    expected = math_sigmoid(total)
    assert Neuron(weights, bias).feed_forward(inputs) == pytest.approx(expected, rel=1e-15)


def test_weights_and_bias_are_stored_as_floats() -> None:
    neuron = Neuron([0, 1], 4)
    assert neuron.weights.dtype == np.float64
    assert neuron.weights.tolist() == [0.0, 1.0]
    assert type(neuron.bias) is float
    assert neuron.bias == 4.0


def test_the_neuron_keeps_its_own_copy_of_the_weights() -> None:
    weights = np.array([0.0, 1.0])
    neuron = Neuron(weights, 4)
    weights[:] = [5.0, -5.0]
    assert neuron.weights.tolist() == [0.0, 1.0]
    assert neuron.feed_forward([2, 3]) == 0.9990889488055994
