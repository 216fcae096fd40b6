"""Chapter 4: the mean squared error, checked against the seed notebook and by hand."""

import numpy as np
import pytest

from nn_from_scratch import mse_loss
from tests import seed_reference


def test_the_seed_notebooks_loss() -> None:
    # Seed: y_true [1, 0, 0, 1], y_pred [0, 0, 0, 0]: (1 + 0 + 0 + 1) / 4 = 0.5
    result = mse_loss(np.array([1, 0, 0, 1]), np.array([0, 0, 0, 0]))
    assert result == 0.5
    assert type(result) is float


@pytest.mark.parametrize(
    ("y_true", "y_pred", "expected"),
    [
        ([1.0, 0.0], [0.9, 0.2], 0.025),  # (0.1**2 + 0.2**2) / 2 = (0.01 + 0.04) / 2
        ([1, 0, 1], [0.5, 0.25, 1.0], 0.3125 / 3),  # (0.25 + 0.0625 + 0) / 3
        ([3], [-1], 16.0),  # (3 - (-1))**2 / 1
        ((1, 0, 0, 1), (1, 0, 0, 1), 0.0),  # perfect predictions
    ],
)
def test_mse_loss_by_hand(y_true: object, y_pred: object, expected: float) -> None:
    assert mse_loss(y_true, y_pred) == pytest.approx(expected, rel=1e-15, abs=0)


def test_mse_loss_matches_the_oracle() -> None:
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 2, size=20).astype(float)
    y_pred = rng.random(20)
    expected = seed_reference.mse_loss(y_true, y_pred)
    assert mse_loss(y_true, y_pred) == pytest.approx(float(expected), rel=1e-15)


def test_mse_loss_is_symmetric_and_does_not_change_its_arguments() -> None:
    y_true = np.array([1.0, 0.0, 0.0, 1.0])
    y_pred = np.array([0.8, 0.1, 0.3, 0.6])
    # (0.2**2 + 0.1**2 + 0.3**2 + 0.4**2) / 4 = 0.3 / 4, either way round
    assert mse_loss(y_true, y_pred) == pytest.approx(0.075, rel=1e-15)
    assert mse_loss(y_true, y_pred) == mse_loss(y_pred, y_true)
    assert y_true.tolist() == [1.0, 0.0, 0.0, 1.0]
    assert y_pred.tolist() == [0.8, 0.1, 0.3, 0.6]
