"""Chapter 4: measuring error with the mean squared error (MSE) (and, for chapters 7 and 11, more).

The loss is one number that says how wrong the network is on a whole data set:
the average, over the n samples, of the squared difference between the true
value and the prediction, `MSE = (1/n) * sum((y_true - y_pred) ** 2)`.
Better predictions give a lower loss, so training means making it small.

At the bottom of the module, `LOSSES` lists the losses the matrix-form
network of chapter 7 can train with, each beside its derivative: chapter 7's
two, and chapter 11's cross-entropy for answers that are one of many classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks

__all__ = [
    "LOSSES",
    "Loss",
    "bce",
    "binary_cross_entropy",
    "cross_entropy",
    "d_bce",
    "d_cross_entropy",
    "d_mse",
    "mse",
    "mse_loss",
]

EPSILON = 1e-12
"""How close to 0 or 1 the cross-entropies let a prediction get, so log() stays finite."""


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

    Examples
    --------
    Predicting 0 for everyone when two of the four answers are 1:

    >>> import numpy as np
    >>> mse_loss(np.array([1, 0, 0, 1]), np.array([0, 0, 0, 0]))
    0.5
    >>> mse_loss([1.0, 0.0], [0.9, 0.2])  # (0.1**2 + 0.2**2) / 2
    0.025
    """
    true, pred = checks.same_length(y_true, y_pred)
    return checks.no_overflow(mse, true, pred, blame="y_true and y_pred are too large")


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

    Examples
    --------
    Predicting 0.9 for a 1 and 0.2 for a 0: `-(log(0.9) + log(0.8)) / 2`.

    >>> round(binary_cross_entropy([1, 0], [0.9, 0.2]), 6)
    0.164252
    """
    true, pred = checks.same_length(y_true, y_pred)
    checks.between_0_and_1(true, "y_true")
    checks.between_0_and_1(pred, "y_pred")
    return bce(true, pred)


# The math, unchecked. Y and P have the shape (n_samples,) or, in the matrix
# form of chapter 7, (n_samples, n_outputs): a loss is the mean over samples
# of the sum over outputs, and its derivative dL/dP has the shape of P.


def mse(Y: NDArray[Any], P: NDArray[Any]) -> float:
    """Mean squared error, unchecked: `sum((Y - P) ** 2) / n_samples`.

    Parameters
    ----------
    Y, P : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Answers and predictions.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> mse(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    0.25
    """
    return float(np.sum((Y - P) ** 2) / len(Y))


def d_mse(Y: NDArray[Any], P: NDArray[Any]) -> NDArray[Any]:
    """dL/dP of `mse`, unchecked: `-2 (Y - P) / n_samples`, the shape of `P`.

    Examples
    --------
    >>> import numpy as np
    >>> d_mse(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    array([-0.5,  0.5])
    """
    d_L_d_P: NDArray[Any] = -2 * (Y - P) / len(Y)
    return d_L_d_P


def bce(Y: NDArray[Any], P: NDArray[Any]) -> float:
    """Binary cross-entropy, unchecked, with `P` kept `EPSILON` away from 0 and 1.

    Parameters
    ----------
    Y, P : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Answers and predictions, each between 0 and 1.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> round(bce(np.array([1.0]), np.array([0.5])), 12)  # -log(0.5) = log(2)
    0.69314718056
    """
    P = np.clip(P, EPSILON, 1 - EPSILON)
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / len(Y))


def d_bce(Y: NDArray[Any], P: NDArray[Any]) -> NDArray[Any]:
    """dL/dP of `bce`, unchecked: `(P - Y) / (P (1 - P)) / n_samples`, the shape of `P`.

    Examples
    --------
    >>> import numpy as np
    >>> d_bce(np.array([1.0]), np.array([0.5]))  # (0.5 - 1) / 0.25
    array([-2.])
    """
    P = np.clip(P, EPSILON, 1 - EPSILON)
    d_L_d_P: NDArray[Any] = (P - Y) / (P * (1 - P)) / len(Y)
    return d_L_d_P


def cross_entropy(Y: NDArray[Any], P: NDArray[Any]) -> float:
    """Cross-entropy, unchecked: `-sum(Y log P) / n_samples`, with `P` kept in [`EPSILON`, 1].

    For answers that are one of several classes: each row of `Y` is one-hot
    (a 1 for the right class, 0 elsewhere) or, more generally, probabilities
    that sum to 1, and each row of `P` is the network's probabilities (a
    softmax layer's outputs). With one-hot rows, a sample's loss is
    `-log` of the probability the network gave the right class.

    Parameters
    ----------
    Y, P : ndarray of shape (n_samples, n_classes)
        Answers and predicted probabilities.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> Y = np.array([[0.0, 1.0, 0.0]])
    >>> round(cross_entropy(Y, np.array([[0.25, 0.5, 0.25]])), 12)  # -log(0.5)
    0.69314718056
    """
    P = np.clip(P, EPSILON, 1.0)  # a softmax's outputs are in (0, 1] already
    return float(-np.sum(Y * np.log(P)) / len(Y))


def d_cross_entropy(Y: NDArray[Any], P: NDArray[Any]) -> NDArray[Any]:
    """dL/dP of `cross_entropy`, unchecked: `-Y / P / n_samples`, the shape of `P`.

    Examples
    --------
    >>> import numpy as np
    >>> d_cross_entropy(np.array([[0.25, 0.75]]), np.array([[0.5, 0.5]]))  # -Y / 0.5
    array([[-0.5, -1.5]])
    """
    P = np.clip(P, EPSILON, 1.0)
    d_L_d_P: NDArray[Any] = -Y / P / len(Y)
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
    "mse": Loss("mse", mse, d_mse),
    # L = -mean of sum(Y log P + (1 - Y) log(1 - P));  dL/dP = (P - Y) / (P (1 - P)) / n
    "bce": Loss("bce", bce, d_bce),
    # L = -mean of sum(Y log P), Y's rows summing to 1;  dL/dP = -Y / P / n
    "cross_entropy": Loss("cross_entropy", cross_entropy, d_cross_entropy),
}
"""The losses a `MatrixNetwork` can be trained with, by name.

- ``"mse"``: squared error, summed over a sample's outputs, then the mean over
  the samples. With one output it is chapter 4's MSE; with ``k`` outputs it is
  ``k`` times the mean of every squared error (chapter 7 shows both).
- ``"bce"``: binary cross-entropy, for outputs that are probabilities; the
  answers must be between 0 and 1. Predictions are kept `EPSILON` away from
  0 and 1.
- ``"cross_entropy"``: cross-entropy over classes (chapter 11), for a
  softmax output layer: each row of the answers must be between 0 and 1 and
  sum to 1 (one-hot rows, usually). Predictions are kept between `EPSILON`
  and 1, as a softmax's are.
"""
