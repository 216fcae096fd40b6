"""Chapter 1: the activation function.

A neuron adds up its weighted inputs and then squashes the total with an
*activation function*. This package uses the sigmoid,
`f(x) = 1 / (1 + exp(-x))`, which maps any real number into the interval
(0, 1), and whose derivative is written with the function itself:
`f'(x) = f(x) * (1 - f(x))`.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_float_array

__all__ = ["deriv_sigmoid", "sigmoid"]


@overload
def sigmoid(x: float) -> float: ...
@overload
def sigmoid(x: ArrayLike) -> Any: ...
def sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    """The sigmoid function, `f(x) = 1 / (1 + exp(-x))`.

    Parameters
    ----------
    x : float or array_like of any shape
        The neuron's total input. Infinity is allowed (``sigmoid(inf)`` is
        1.0); NaN is refused.

    Returns
    -------
    float or ndarray of the same shape as `x`
        Values between 0 and 1. A plain number in gives a Python ``float`` out;
        a list or an array in gives an array of the same shape out.

    Raises
    ------
    TypeError
        If `x` is not a number or an array of numbers.
    ValueError
        If `x` is or contains NaN.

    Notes
    -----
    The formula is evaluated as written, the same way the original tutorial
    does. For x below about -709, ``exp(-x)`` overflows to infinity and numpy
    warns, though the result, 0.0, is still the right limit.

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> sigmoid(7)
    0.9990889488055994
    >>> sigmoid([-1.0, 0.0, 1.0])
    array([0.26894142, 0.5       , 0.73105858])
    """
    if type(x) is float and x == x:
        # The common case inside training, kept fast: a plain, non-NaN float.
        return 1 / (1 + float(np.exp(-x)))
    array = as_float_array(x, "x", allow_inf=True)
    result = 1 / (1 + np.exp(-array))
    return float(result) if array.ndim == 0 else result


@overload
def deriv_sigmoid(x: float) -> float: ...
@overload
def deriv_sigmoid(x: ArrayLike) -> Any: ...
def deriv_sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    """The derivative of the sigmoid, `f'(x) = f(x) * (1 - f(x))`.

    Parameters
    ----------
    x : float or array_like of any shape
        The point (or points) at which to take the slope of the sigmoid.

    Returns
    -------
    float or ndarray of the same shape as `x`
        Values between 0 and 0.25 (the slope is steepest at x = 0). A plain
        number in gives a Python ``float`` out.

    Raises
    ------
    TypeError
        If `x` is not a number or an array of numbers.
    ValueError
        If `x` is or contains NaN.

    Examples
    --------
    >>> deriv_sigmoid(0)
    0.25
    >>> fx = sigmoid(2.0)
    >>> deriv_sigmoid(2.0) == fx * (1 - fx)
    True
    """
    fx = sigmoid(x)
    slope: float | NDArray[np.float64] = fx * (1 - fx)
    return slope
