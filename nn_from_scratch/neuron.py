"""Chapter 2: a neuron.

A neuron multiplies each input by a weight, adds the products and a bias, and
passes the total through the activation function:
`y = f(w1 * x1 + w2 * x2 + ... + b)`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .activation import sigmoid

__all__ = ["Neuron", "output"]


class Neuron:
    """One sigmoid neuron: a weight for each input, and one bias.

    Parameters
    ----------
    weights : array_like of shape (n_inputs,)
        One weight per input, finite numbers. The neuron keeps its own copy, so
        changing the array you passed in later does not change the neuron.
    bias : float
        The number added to the weighted sum, finite.

    Attributes
    ----------
    weights : ndarray of shape (n_inputs,)
        The weights, as float64.
    bias : float
        The bias.

    Examples
    --------
    >>> import numpy as np
    >>> n = Neuron(np.array([0, 1]), 4)
    >>> n.weights
    array([0., 1.])
    >>> n.bias
    4.0
    """

    def __init__(self, weights: ArrayLike, bias: float) -> None:
        self.weights: NDArray[np.float64] = checks.vector(weights, "weights")
        self.bias: float = checks.real(bias, "bias")

    def feed_forward(self, inputs: ArrayLike) -> float:
        """The neuron's output for one set of inputs: `f(weights . inputs + bias)`.

        Parameters
        ----------
        inputs : array_like of shape (n_inputs,)
            One number per weight, finite.

        Returns
        -------
        float
            The sigmoid of the weighted sum plus the bias, between 0 and 1.

        Examples
        --------
        >>> import numpy as np
        >>> n = Neuron(np.array([0, 1]), 4)
        >>> n.feed_forward(np.array([2, 3]))  # sigmoid(0*2 + 1*3 + 4) = sigmoid(7)
        0.9990889488055994
        """
        # The weights and bias are checked again: a reader may have changed them.
        weights = checks.vector(self.weights, "weights")
        bias = checks.real(self.bias, "bias")
        x = checks.vector(inputs, "inputs", length=weights.shape[0])
        return checks.no_overflow(
            output, weights, x, bias, blame="the inputs, weights and bias are too large"
        )

    def __repr__(self) -> str:
        return f"Neuron(weights={self.weights.tolist()}, bias={self.bias})"


def output(weights: NDArray[np.float64], x: NDArray[np.float64], bias: float) -> float:
    """A neuron's output, unchecked: the sigmoid of the weighted sum plus the bias.

    Parameters
    ----------
    weights, x : ndarray of shape (n_inputs,)
    bias : float

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> output(np.array([0.0, 1.0]), np.array([2.0, 3.0]), 4.0)  # sigmoid(7)
    0.9990889488055994
    """
    # Weigh, then add: elementwise products and a sum, where numpy reports an overflow
    # on every version (numpy 1.26's np.dot does not).
    total = float(np.sum(weights * x)) + bias
    return sigmoid(total)
