"""Chapter 11: handwritten digits, a real data set with ten classes.

`load_digits` reads 1,797 images of handwritten digits, 8 by 8 pixels each,
from a small file inside the package: nothing is downloaded. They are the test
part of the UCI "Optical Recognition of Handwritten Digits" data set by
E. Alpaydin and C. Kaynak (1998), https://doi.org/10.24432/C50P49, which UCI
distributes under the Creative Commons Attribution 4.0 licence (CC BY 4.0);
the file is a byte-for-byte copy of the one scikit-learn ships for its own
`load_digits`. ``data_files/DIGITS_SOURCE.txt``, next to it, says the same.

The other functions are the small helpers the chapter needs to train a
network on them and judge it: a seeded split into training and test sets
(split the training part again for a validation set that chooses the
settings, as the chapter does), one-hot answers for the cross-entropy loss,
the predicted digit of each sample, the accuracy, and the confusion matrix.
"""

from __future__ import annotations

import gzip
import math
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .matrix import KINDS, MatrixNetwork

__all__ = [
    "DIGITS_FILE",
    "accuracy",
    "confusion_matrix",
    "load_digits",
    "one_hot",
    "predict",
    "train_test_split",
]

DIGITS_FILE = "data_files/digits.csv.gz"
"""Where the digits are, inside the package: 1,797 lines of 64 pixels and a label."""

Array = NDArray[np.float64]
Labels = NDArray[np.int64]

MOST_CLASSES = 1000  # a confusion matrix of 1000 x 1000 counts is 8 MB


def load_digits() -> tuple[Array, Labels]:
    """The 1,797 handwritten digits: 8x8 images of pixel counts 0..16, and their labels.

    Returns
    -------
    X : ndarray of shape (1797, 64), float64
        One image per row, its 8 rows of 8 pixels one after the other:
        ``X[i].reshape(8, 8)`` is the image. Each pixel is a whole number
        from 0 (blank) to 16 (all ink).
    y : ndarray of shape (1797,), int64
        The digit each image shows, 0 to 9.

    Notes
    -----
    Source: the test part of the UCI "Optical Recognition of Handwritten
    Digits" data set, E. Alpaydin and C. Kaynak (1998), UCI Machine Learning
    Repository, https://doi.org/10.24432/C50P49, licensed CC BY 4.0. The
    digits were written by 13 people on a form; each 32x32 bitmap was cut into
    4x4 blocks and the ink pixels of each block counted, hence 0..16. The same
    numbers, in the same order, as scikit-learn's `load_digits`.

    Examples
    --------
    >>> X, y = load_digits()
    >>> X.shape, y.shape
    ((1797, 64), (1797,))
    >>> y[:10]
    array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    >>> X[0].reshape(8, 8).astype(int)[:3]  # the top three rows of a 0
    array([[ 0,  0,  5, 13,  9,  1,  0,  0],
           [ 0,  0, 13, 15, 10, 15,  5,  0],
           [ 0,  3, 15,  2,  0, 11,  8,  0]])
    """
    with resources.files("nn_from_scratch").joinpath(DIGITS_FILE).open("rb") as packed:
        with gzip.open(packed, "rt", encoding="ascii") as text:
            table = np.loadtxt(text, delimiter=",", dtype=np.int64)
    return table[:, :64].astype(np.float64), table[:, 64]


def train_test_split(
    X: ArrayLike, y: ArrayLike, test_fraction: float = 0.25, rng: int | np.random.Generator = 0
) -> tuple[Array, Array, Array, Array]:
    """Shuffle the samples with `rng`, then set `test_fraction` of them aside for testing.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The samples, at least 2.
    y : array_like of shape (n_samples,) or (n_samples, n_outputs)
        Their answers, in the same order.
    test_fraction : float, default 0.25
        The share of samples for the test set, between 0 and 1 (both
        excluded): ``ceil(test_fraction * n_samples)`` samples, at least 1 and
        at most ``n_samples - 1``.
    rng : int or numpy.random.Generator, default 0
        A seed or a generator for the shuffle: the same seed, the same split.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        Copies, float64 (or int64 for `y` given as an integer array, such as
        labels); every sample is in exactly one of the two sets.

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> X_train, X_test, y_train, y_test = train_test_split(X, [0, 1, 2, 3], 0.25, rng=0)
    >>> X_train.shape, X_test.shape
    ((3, 1), (1, 1))
    >>> sorted(y_train.tolist() + y_test.tolist())
    [0, 1, 2, 3]
    """
    X_, y_ = checks.samples_and_answers(X, y)
    fraction = checks.open_fraction(test_fraction, "test_fraction")
    generator = checks.generator(rng)
    n = X_.shape[0]
    n_test = min(max(math.ceil(fraction * n), 1), n - 1)
    order = generator.permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X_[train], X_[test], y_[train], y_[test]


def one_hot(labels: ArrayLike, n_classes: int = 10) -> Array:
    """Each label as a row with a 1 in its column and 0 elsewhere: answers for the cross-entropy.

    Parameters
    ----------
    labels : array_like of shape (n_samples,)
        Whole numbers from 0 to ``n_classes - 1`` (``3`` and ``3.0`` alike).
    n_classes : int, default 10
        How many classes, from 2 to 1000.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64

    Examples
    --------
    >>> one_hot([2, 0], n_classes=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    classes = checks.positive_int(n_classes, "n_classes", least=2, most=MOST_CLASSES)
    label_array = checks.class_labels(labels, "labels", classes)
    rows: Array = np.zeros((len(label_array), classes))
    rows[np.arange(len(label_array)), label_array] = 1.0
    return rows


@checks.unchanged_if_refused
def predict(network: MatrixNetwork, X: ArrayLike) -> Labels:
    """The class each sample is given: the column of its largest output.

    Parameters
    ----------
    network : MatrixNetwork
        A network with one output per class (a softmax output layer, usually).
    X : array_like of shape (n_samples, n_inputs)

    Returns
    -------
    ndarray of shape (n_samples,), int64
        For each sample, the index of its largest output (the first one, if
        two are equal).

    Examples
    --------
    >>> net = MatrixNetwork([[[1.0, -1.0]]], [[0.0, 0.0]], "softmax")
    >>> predict(net, [[2.0], [-3.0]])  # outputs x and -x: which is larger?
    array([0, 1])
    """
    scores = checks.matrix_network(network, KINDS).forward(X)  # forward checks X
    predicted: Labels = np.argmax(scores, axis=1)
    return predicted


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """The fraction of samples whose predicted class is their true class.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted classes, whole numbers 0 or more, in the same order.

    Returns
    -------
    float
        Between 0 (none right) and 1 (all right).

    Examples
    --------
    >>> accuracy([3, 1, 4, 1], [3, 1, 4, 7])
    0.75
    """
    true, pred = checks.class_pair(y_true, y_pred)
    return float(np.mean(true == pred))


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, n_classes: int = 10) -> Labels:
    """How often each class was predicted as each class: row = true class, column = predicted.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (n_samples,)
        True and predicted classes, whole numbers from 0 to ``n_classes - 1``.
    n_classes : int, default 10
        How many classes, from 2 to 1000.

    Returns
    -------
    ndarray of shape (n_classes, n_classes), int64
        Entry ``[i, j]`` counts the samples of class i predicted as j. The
        diagonal holds the right answers; everything off it is a mistake.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 2], n_classes=3)
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 0, 1]])
    """
    classes = checks.positive_int(n_classes, "n_classes", least=2, most=MOST_CLASSES)
    true, pred = checks.class_pair(y_true, y_pred, classes)
    counts: Labels = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(counts, (true, pred), 1)  # one count per sample, repeats added up
    return counts
