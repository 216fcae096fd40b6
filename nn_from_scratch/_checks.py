"""Input checks shared by the public API.

Every public function turns what a reader passes in into plain floats or float
arrays here, so that a mistake is reported where it is made, with a message that
names the argument, what was expected and what was given, and before anything
is changed.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray


def _describe(value: Any) -> str:
    """A short description of ``value`` for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


def as_real(value: Any, name: str) -> float:
    """Return ``value`` as a Python float, or raise if it is not a real number.

    ``bool`` is refused: ``True`` is far more often a mistake than a number.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{name} is too large for a float, got {_describe(value)}") from None
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {number!r}")
    return number


def as_positive_real(value: Any, name: str) -> float:
    """Return ``value`` as a float that is finite and greater than zero."""
    number = as_real(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {number!r}")
    return number


def as_positive_int(value: Any, name: str) -> int:
    """Return ``value`` as an int of at least 1 (``True`` and ``2.0`` are refused)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_describe(value)}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {int(value)}")
    return int(value)


def as_float_array(value: Any, name: str, *, finite: bool = True) -> NDArray[np.float64]:
    """Return ``value`` (a number, list, tuple or array) as a new float64 array.

    Strings, ``None`` and ragged lists are refused; so are NaN and infinity,
    unless ``finite`` is false (any float64 value then passes).
    """
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got {_describe(value)}")
    try:
        array = np.array(value, dtype=np.float64)
    except OverflowError:
        raise ValueError(
            f"{name} holds a number too large for a float, got {_describe(value)}"
        ) from None
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a number or an array of numbers with one length per axis, "
            f"got {_describe(value)}"
        ) from None
    # numpy would quietly read "2" as 2.0 and True as 1.0: refuse both by name.
    kind = np.asarray(value).dtype.kind
    if kind in "USO" and not _all_numbers(value):
        raise TypeError(f"{name} must hold numbers, not text, got {_describe(value)}")
    if kind == "b":
        raise TypeError(f"{name} must hold numbers, not booleans, got {_describe(value)}")
    if finite and not np.isfinite(array).all():
        raise ValueError(f"{name} must not contain NaN or infinite values, got {_describe(value)}")
    return array


# Inputs beyond this size push a sigmoid into its flat ends (f(50) = 1 - 2e-22).
LARGE_INPUT = 50.0


class InputScaleWarning(UserWarning):
    """Inputs so large that sigmoid neurons saturate: the data probably needs shifting.

    Issued (once per line of your code, as Python does with warnings) by
    `NeuralNetwork.feed_forward`, `train` and `train_batches` when an input is
    beyond ±50. At such inputs a sigmoid's output is 0 or 1 to many digits and
    its slope almost 0, so the network can neither tell inputs apart nor learn.

    Examples
    --------
    >>> import warnings
    >>> from nn_from_scratch import NeuralNetwork
    >>> net = NeuralNetwork.random(42)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     score = net.feed_forward([128, 63])  # raw pounds and inches: not shifted
    >>> caught[0].category.__name__
    'InputScaleWarning'
    """


def warn_if_unscaled(largest: float, name: str, stacklevel: int) -> None:
    """Warn, once per calling line, when inputs are large enough to saturate sigmoids."""
    if largest > LARGE_INPUT:
        warnings.warn(
            f"{name} holds values as large as {largest:g}: inputs that large push a "
            "sigmoid into its flat ends, where it outputs almost exactly 0 or 1 and barely "
            "learns. Shift or scale the data first (for the tutorial's people, "
            "nn_from_scratch.shift does it).",
            InputScaleWarning,
            stacklevel=stacklevel + 1,
        )


def _all_numbers(value: Any) -> bool:
    """True if every element of a (nested) list, tuple or object array is a number."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return all(_all_numbers(item) for item in value)
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def as_vector(value: Any, name: str, length: int | None = None) -> NDArray[np.float64]:
    """Return ``value`` as a finite 1-D float64 array, of ``length`` items if given."""
    array = as_float_array(value, name)
    if array.ndim != 1:
        expected = f"shape ({length},)" if length is not None else "a 1-D array"
        raise ValueError(f"{name} must have {expected}, got shape {array.shape}")
    if length is not None and array.shape[0] != length:
        raise ValueError(f"{name} must have shape ({length},), got shape {array.shape}")
    if array.shape[0] == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    return array


def as_matrix(value: Any, name: str, n_columns: int) -> NDArray[np.float64]:
    """Return ``value`` as a finite float64 array of shape ``(n_rows, n_columns)``."""
    array = as_float_array(value, name)
    if array.ndim != 2 or array.shape[1] != n_columns or array.shape[0] == 0:
        raise ValueError(
            f"{name} must have shape (n_samples, {n_columns}) with n_samples >= 1, "
            f"got shape {array.shape}"
        )
    return array
