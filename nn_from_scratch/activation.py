"""Chapter 1: the activation function (and, for chapters 7 and 11, four more).

A neuron adds up its weighted inputs and then squashes the total with an
*activation function*. The tutorial uses the sigmoid,
`f(x) = 1 / (1 + exp(-x))`, which maps any real number into the interval
(0, 1), and whose derivative is written with the function itself:
`f'(x) = f(x) * (1 - f(x))`.

At the bottom of the module, `ACTIVATIONS` lists the activation functions the
matrix-form network of chapter 7 can use, each beside its derivative, and
chapter 11's softmax, which turns a layer's outputs into probabilities.
"""

from __future__ import annotations

from collections.abc import Callable
from math import exp
from typing import Any, NamedTuple, NoReturn, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "deriv_sigmoid",
    "sigmoid",
    "sigmoid_array",
    "softmax_rows",
    "softmax_slope",
]

Array = NDArray[np.float64]


def sigmoid_array(z: Array) -> Array:
    """The sigmoid of every element of a float64 array, unchecked: `sigmoid`'s math for arrays.

    Parameters
    ----------
    z : ndarray of any shape

    Returns
    -------
    ndarray of the same shape as `z`

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid_array(np.array([-1.0, 0.0, 1.0])).round(6)
    array([0.268941, 0.5     , 0.731059])
    """
    if np.all(z >= -709):  # the formula as written cannot overflow (NaN fails this test too)
        result: Array = 1 / (1 + np.exp(-z))
        return result
    # Each piece computed only on numbers where it cannot overflow, then chosen.
    as_written = 1 / (1 + np.exp(-np.maximum(z, -709.0)))
    far_below = np.exp(np.minimum(z, -709.0))
    return np.where(z >= -709, as_written, far_below)


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
        1.0), and NaN gives NaN, as in numpy: a NaN that reaches a neuron
        has come from a mistake earlier on, which the functions that take
        data (`NeuralNetwork.feed_forward`, `train`, ...) refuse.

    Returns
    -------
    float or ndarray of the same shape as `x`
        Values between 0 and 1. A number (or a 0-d array) in gives a Python
        ``float`` out; a list or an array in gives an array of the same shape out.

    Notes
    -----
    For x >= -709 this is the formula as written. Below that, `exp(-x)`
    would overflow, and the sigmoid is computed as `exp(x)`, which there is
    exactly what `exp(x) / (1 + exp(x))`, the same function, gives in
    float64. So every float, up to ±inf, gives a finite result with no
    warning, and the function never decreases as x grows. A single number
    is computed with Python's `math.exp` (fast on one number, as training
    needs), an array with `numpy.exp`; the two can differ in the last binary
    digit.

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> sigmoid(7)
    0.9990889488055994
    >>> sigmoid([-1.0, 0.0, 1.0])
    array([0.26894142, 0.5       , 0.73105858])
    """
    if type(x) is not float:  # a plain float, the case inside training, needs no check
        array = checks.float_array(x, "x", finite=False)
        if array.ndim > 0:
            # exp(-1000) underflows to 0, the right answer: quiet, whatever np.seterr says.
            with np.errstate(under="ignore"):
                return sigmoid_array(array)
        x = float(array)
    if x >= -709:
        return 1 / (1 + exp(-x))
    if x < -709:
        # exp(-x) would overflow. Here 1 + exp(x) is exactly 1 in float64, so the
        # sigmoid, exp(x) / (1 + exp(x)), is exactly exp(x), which cannot overflow.
        return exp(x)
    return x  # NaN: neither comparison holds; NaN in, NaN out


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

    Examples
    --------
    >>> deriv_sigmoid(0)
    0.25
    >>> fx = sigmoid(2.0)
    >>> deriv_sigmoid(2.0) == fx * (1 - fx)
    True
    """
    fx = sigmoid(x)
    with np.errstate(under="ignore"):  # a slope below 1e-308 is the answer, not an error
        slope: float | NDArray[np.float64] = fx * (1 - fx)
    return slope


def softmax_rows(z: Array) -> Array:
    """Each row of `z` as probabilities, `exp(z) / sum(exp(z))` along the row, unchecked.

    Unlike the other activations, softmax is not elementwise: every output of
    a row depends on every input of that row. The row's largest value is
    subtracted first. That changes nothing (it multiplies the top and the
    bottom of the fraction by the same `exp(-max)`), but then the largest
    exponent is `exp(0) = 1`, so nothing can overflow.

    Parameters
    ----------
    z : ndarray of shape (n_samples, n_outputs), or (n_outputs,) for one row

    Returns
    -------
    ndarray of the same shape as `z`
        Each row between 0 and 1, summing to 1.

    Examples
    --------
    >>> import numpy as np
    >>> softmax_rows(np.array([[0.0, 0.0], [0.0, np.log(3)]]))
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    >>> softmax_rows(np.array([1000.0, 1000.0]))  # exp(1000) alone would overflow
    array([0.5, 0.5])
    """
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # the largest is exp(0) = 1
    probabilities: Array = e / e.sum(axis=-1, keepdims=True)
    return probabilities


def softmax_slope(a: Array) -> NoReturn:
    """Refuses: softmax has no elementwise derivative to give.

    Every other `Activation.df` is one slope per output. Softmax's slope is
    a matrix per sample (each output moves with every input), so no array of
    the shape of `a` can hold it. A softmax layer is allowed only as a
    network's last layer, where `MatrixNetwork.output_delta` handles it
    without this function; calling it anyway is a mistake, reported here.

    Raises
    ------
    ValueError
        Always.

    Examples
    --------
    >>> import numpy as np
    >>> softmax_slope(np.array([[0.5, 0.5]]))
    Traceback (most recent call last):
    ...
    ValueError: softmax has no elementwise derivative: ...
    """
    checks.no_elementwise_slope("softmax")


class Activation(NamedTuple):
    """An activation function and its derivative, side by side.

    The derivative is written in terms of the function's *output*
    `a = f(z)`, not its input: every elementwise one below has a simple
    form that way (the sigmoid's is `a * (1 - a)`, as in chapter 1), and the
    backward pass already has `a` from the forward pass.

    Attributes
    ----------
    name : str
        The name used in `ACTIVATIONS`.
    f : callable
        `f(z)`, elementwise: ndarray in, ndarray of the same shape out.
    df : callable
        `f'(z)` as a function of `a = f(z)`: ndarray in, same shape out.

    Examples
    --------
    >>> import numpy as np
    >>> tanh = ACTIVATIONS["tanh"]
    >>> a = tanh.f(np.array([0.0, 1.0]))
    >>> tanh.df(a)  # 1 - tanh(z)**2
    array([1.        , 0.41997434])
    """

    name: str
    f: Callable[[NDArray[Any]], NDArray[Any]]
    df: Callable[[NDArray[Any]], NDArray[Any]]


# fmt: off
ACTIVATIONS: dict[str, Activation] = {
    # name                   f(z)                             f'(z), from a = f(z)
    "sigmoid":  Activation("sigmoid",  sigmoid_array,                 lambda a: a * (1 - a)),
    "tanh":     Activation("tanh",     np.tanh,                       lambda a: 1 - a**2),
    "relu":     Activation("relu",     lambda z: np.maximum(z, 0.0),  lambda a: (a > 0) * 1.0),
    "identity": Activation("identity", lambda z: z,                   np.ones_like),
    # Not elementwise: only for the last layer, whose dL/dz MatrixNetwork.output_delta computes.
    "softmax":  Activation("softmax",  softmax_rows,                  softmax_slope),
}
# fmt: on
"""The activation functions a `MatrixNetwork` layer can use, by name.

- ``"sigmoid"``: `1 / (1 + exp(-z))`, output in (0, 1); `f' = a (1 - a)`.
- ``"tanh"``: `tanh(z)`, output in (-1, 1); `f' = 1 - a**2`.
- ``"relu"``: `max(z, 0)`; `f' = 1` where `a > 0`, else 0 (at z = 0 too).
- ``"identity"``: `z` unchanged; `f' = 1`.
- ``"softmax"``: `exp(z) / sum(exp(z))` along each row, probabilities that
  sum to 1 (chapter 11). Not elementwise, so it has no `f'` of the shape of
  `a` (its `df` raises `ValueError`): it is allowed only in a network's last
  layer, where `MatrixNetwork.output_delta` computes dL/dz for it.

Examples
--------
>>> import numpy as np
>>> z = np.array([-2.0, 0.0, 3.0])
>>> ACTIVATIONS["relu"].f(z)
array([0., 0., 3.])
>>> ACTIVATIONS["relu"].df(ACTIVATIONS["relu"].f(z))
array([0., 0., 1.])
"""
