"""Chapter 2: a neuron.

A neuron multiplies each input by a weight, adds the products and a bias, and
passes the total through the activation function:
`y = f(w1 * x1 + w2 * x2 + ... + b)`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_real, as_vector
from .activation import sigmoid

__all__ = ["Neuron"]


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

    Raises
    ------
    TypeError
        If `weights` is not an array of numbers or `bias` is not a number.
    ValueError
        If `weights` is empty, not 1-D, or holds NaN or infinity, or `bias` is
        NaN or infinite.

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
        self.weights: NDArray[np.float64] = as_vector(weights, "weights")
        self.bias: float = as_real(bias, "bias")

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

        Raises
        ------
        TypeError
            If `inputs` is not an array of numbers.
        ValueError
            If `inputs` does not have one number per weight, or holds NaN or
            infinity.

        Examples
        --------
        >>> import numpy as np
        >>> n = Neuron(np.array([0, 1]), 4)
        >>> n.feed_forward(np.array([2, 3]))  # sigmoid(0*2 + 1*3 + 4) = sigmoid(7)
        0.9990889488055994
        """
        x = as_vector(inputs, "inputs", length=self.weights.shape[0])
        total = float(np.dot(self.weights, x)) + self.bias
        return sigmoid(total)

    def __repr__(self) -> str:
        return f"Neuron(weights={self.weights.tolist()}, bias={self.bias})"
