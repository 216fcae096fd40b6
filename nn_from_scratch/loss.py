"""Chapter 4: measuring error with the mean squared error (MSE).

The loss is one number that says how wrong the network is on a whole data set:
the average, over the n samples, of the squared difference between the true
value and the prediction, `MSE = (1/n) * sum((y_true - y_pred) ** 2)`.
Better predictions give a lower loss, so training means making it small.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_vector

__all__ = ["mse_loss"]


def mse_loss(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """The mean squared error between true values and predictions.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        The right answers (here: 1 for F, 0 for M).
    y_pred : array_like of shape (n_samples,)
        What the network predicted for the same samples, in the same order.

    Returns
    -------
    float
        `mean((y_true - y_pred) ** 2)`: 0.0 for perfect predictions, larger
        the further off they are.

    Raises
    ------
    TypeError
        If either argument is not an array of numbers.
    ValueError
        If either is empty, not 1-D, or holds NaN or infinity, or if they have
        different lengths.

    Examples
    --------
    Predicting 0 for everyone when two of the four answers are 1:

    >>> import numpy as np
    >>> mse_loss(np.array([1, 0, 0, 1]), np.array([0, 0, 0, 0]))
    0.5
    >>> mse_loss([1.0, 0.0], [0.9, 0.2])  # (0.1**2 + 0.2**2) / 2
    0.025
    """
    true = as_vector(y_true, "y_true")
    pred = as_vector(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, got {true.shape[0]} and {pred.shape[0]}"
        )
    return float(np.mean((true - pred) ** 2))
