"""Chapter 4: measuring error with the mean squared error (MSE) (and, for chapter 6, one more).

The loss is one number that says how wrong the network is on a whole data set:
the average, over the n samples, of the squared difference between the true
value and the prediction, `MSE = (1/n) * sum((y_true - y_pred) ** 2)`.
Better predictions give a lower loss, so training means making it small.

At the bottom of the module, `LOSSES` lists the two losses the matrix-form
network of chapter 6 can train with, each beside its derivative.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_vector

__all__ = ["LOSSES", "Loss", "binary_cross_entropy", "mse_loss"]

EPSILON = 1e-12
"""How close to 0 or 1 binary cross-entropy lets a prediction get, so log() stays finite."""


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
    true, pred = _pair(y_true, y_pred)
    return float(np.mean((true - pred) ** 2))


def binary_cross_entropy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """The binary cross-entropy between 0/1 answers and predicted probabilities.

    `BCE = -(1/n) * sum(y_true * log(y_pred) + (1 - y_true) * log(1 - y_pred))`.
    Where MSE grows at most to 1 for a wrong answer, cross-entropy grows without
    bound as a prediction becomes confidently wrong, which pushes training
    harder to fix it.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        The right answers, each between 0 and 1 (usually exactly 0 or 1).
    y_pred : array_like of shape (n_samples,)
        Predicted probabilities that the answer is 1, each between 0 and 1.
        Values closer than `EPSILON` to 0 or 1 are moved to that distance, so
        that the logarithms stay finite.

    Returns
    -------
    float
        The mean cross-entropy, 0 or more.

    Raises
    ------
    TypeError
        If either argument is not an array of numbers.
    ValueError
        If either is empty, not 1-D, holds NaN or infinity, or a value outside
        [0, 1], or if they have different lengths.

    Examples
    --------
    Predicting 0.9 for a 1 and 0.2 for a 0: `-(log(0.9) + log(0.8)) / 2`.

    >>> round(binary_cross_entropy([1, 0], [0.9, 0.2]), 6)
    0.164252
    """
    true, pred = _pair(y_true, y_pred)
    for name, values in (("y_true", true), ("y_pred", pred)):
        if values.min() < 0 or values.max() > 1:
            raise ValueError(f"{name} must hold values between 0 and 1, got {values.tolist()}")
    return float(_bce(true[:, None], pred[:, None]))


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Both arguments as 1-D float arrays of one length, or a clear error."""
    true = as_vector(y_true, "y_true")
    pred = as_vector(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, got {true.shape[0]} and {pred.shape[0]}"
        )
    return true, pred


# The losses of the matrix-form network (chapter 6). Y and P have the shape
# (n_samples, n_outputs); a loss is the mean over samples of the sum over
# outputs, and its derivative is dL/dP, with the shape of P.


def _mse(Y: NDArray[Any], P: NDArray[Any]) -> float:
    return float(np.sum((Y - P) ** 2) / len(Y))


def _d_mse(Y: NDArray[Any], P: NDArray[Any]) -> NDArray[Any]:
    d_L_d_P: NDArray[Any] = -2 * (Y - P) / len(Y)
    return d_L_d_P


def _bce(Y: NDArray[Any], P: NDArray[Any]) -> float:
    P = np.clip(P, EPSILON, 1 - EPSILON)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / len(Y))


def _d_bce(Y: NDArray[Any], P: NDArray[Any]) -> NDArray[Any]:
    P = np.clip(P, EPSILON, 1 - EPSILON)
    d_L_d_P: NDArray[Any] = (P - Y) / (P * (1 - P)) / len(Y)
    return d_L_d_P


class Loss(NamedTuple):
    """A loss function and its derivative, side by side.

    Attributes
    ----------
    name : str
        The name used in `LOSSES`.
    f : callable
        `f(Y, P)`: the loss, a float, for answers ``Y`` and predictions ``P``,
        both ndarrays of shape (n_samples, n_outputs).
    df : callable
        `df(Y, P)`: dL/dP, an ndarray of shape (n_samples, n_outputs).

    Examples
    --------
    >>> import numpy as np
    >>> mse = LOSSES["mse"]
    >>> Y, P = np.array([[1.0], [0.0]]), np.array([[0.5], [0.5]])
    >>> mse.f(Y, P)  # ((1 - 0.5)**2 + (0 - 0.5)**2) / 2
    0.25
    >>> mse.df(Y, P)  # -2 * (Y - P) / 2
    array([[-0.5],
           [ 0.5]])
    """

    name: str
    f: Callable[[NDArray[Any], NDArray[Any]], float]
    df: Callable[[NDArray[Any], NDArray[Any]], NDArray[Any]]


LOSSES: dict[str, Loss] = {
    # L = mean over samples of sum((Y - P)**2);  dL/dP = -2 (Y - P) / n
    "mse": Loss("mse", _mse, _d_mse),
    # L = -mean of sum(Y log P + (1 - Y) log(1 - P));  dL/dP = (P - Y) / (P (1 - P)) / n
    "bce": Loss("bce", _bce, _d_bce),
}
"""The losses a `MatrixNetwork` can be trained with, by name.

- ``"mse"``: mean squared error, as in chapter 4 (summed over outputs).
- ``"bce"``: binary cross-entropy, for outputs that are probabilities; the
  answers must be between 0 and 1. Predictions are kept `EPSILON` away from
  0 and 1.

Examples
--------
>>> sorted(LOSSES)
['bce', 'mse']
"""
