"""Chapter 3: combining neurons into a network.

The network has two inputs (x1, x2), a hidden layer of two neurons (h1, h2)
and one output neuron (o1):

    h1 = f(w1 * x1 + w2 * x2 + b1)
    h2 = f(w3 * x1 + w4 * x2 + b2)
    o1 = f(w5 * h1 + w6 * h2 + b3)

where f is the sigmoid. Passing the inputs forward through the layers like
this is called *feed-forward*.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import checks
from .activation import sigmoid

__all__ = ["PARAMETER_NAMES", "NeuralNetwork"]

PARAMETER_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")
"""The network's nine parameters, in the order `NeuralNetwork.random` draws them.
"""


class NeuralNetwork:
    """A 2-2-1 network of sigmoid neurons: inputs x1, x2; hidden h1, h2; output o1.

    Every weight and bias is a plain attribute that you can read and set,
    named as in the tutorial: `w1`, `w2` (into h1), `w3`, `w4` (into h2),
    `w5`, `w6` (from h1 and h2 into o1), and the biases `b1`, `b2`, `b3` of
    h1, h2 and o1.

    Parameters
    ----------
    w1, w2, w3, w4, w5, w6 : float
        The weights, keyword-only, finite.
    b1, b2, b3 : float
        The biases, keyword-only, finite.

    See Also
    --------
    NeuralNetwork.random : a network with random starting parameters.

    Notes
    -----
    Only the names in `PARAMETER_NAMES` can be set: a typo such as ``net.W1 = 0``
    raises ``AttributeError`` instead of silently creating a new attribute.

    Examples
    --------
    The network in which every neuron has weights [0, 1] and bias 0:

    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> net.w2
    1.0
    >>> round(net.feed_forward([2, 3]), 12)
    0.721632560952
    """

    __slots__ = PARAMETER_NAMES
    w1: float
    w2: float
    w3: float
    w4: float
    w5: float
    w6: float
    b1: float
    b2: float
    b3: float

    def __init__(
        self,
        *,
        w1: float,
        w2: float,
        w3: float,
        w4: float,
        w5: float,
        w6: float,
        b1: float,
        b2: float,
        b3: float,
    ) -> None:
        given = {"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "w6": w6}
        given.update(b1=b1, b2=b2, b3=b3)
        for name, value in checks.neural_network_parameters(given).items():
            setattr(self, name, value)

    @classmethod
    def random(cls, rng: int | np.random.Generator) -> NeuralNetwork:
        """A network whose nine parameters are drawn from a standard normal distribution.

        Parameters
        ----------
        rng : int or numpy.random.Generator
            Where the randomness comes from: a seed (a non-negative int, passed
            to `numpy.random.default_rng`) or a generator, which this call
            advances by nine draws. The same seed always gives the same network.

        Returns
        -------
        NeuralNetwork
            A network with w1, ..., w6, b1, b2, b3 drawn in that order.

        Examples
        --------
        >>> a = NeuralNetwork.random(42)
        >>> b = NeuralNetwork.random(42)
        >>> a.parameters() == b.parameters()
        True
        >>> round(a.w1, 4)
        0.3047
        """
        draws = checks.generator(rng).standard_normal(len(PARAMETER_NAMES))
        return cls(**dict(zip(PARAMETER_NAMES, draws.tolist(), strict=True)))

    @checks.unchanged_if_refused
    def feed_forward(self, x: ArrayLike) -> float:
        """The network's output o1 for one sample.

        Parameters
        ----------
        x : array_like of shape (2,)
            The two inputs x1 and x2 (for the people in this tutorial: weight
            and height, already shifted with `nn_from_scratch.shift`).

        Returns
        -------
        float
            The output neuron's value, between 0 and 1.

        Warns
        -----
        InputScaleWarning
            If an input is beyond ±50: raw weights and heights, not shifted.

        Examples
        --------
        >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
        >>> round(net.feed_forward([2, 3]), 12)
        0.721632560952
        """
        x1, x2 = checks.vector(x, "x", length=2).tolist()
        checks.neural_network(self, NeuralNetwork, PARAMETER_NAMES)
        checks.warn_if_unscaled(np.array([x1, x2]), "x", stacklevel=3)  # the caller
        _h1, _h2, o1 = checks.no_overflow(
            self.outputs, x1, x2, blame="x and the parameters are too large"
        )
        return o1

    def outputs(self, x1: float, x2: float) -> tuple[float, float, float]:
        """Every neuron's output, h1, h2 and o1, for one sample: the feed-forward, unchecked.

        `feed_forward` checks its input and calls this; training calls it
        directly, thousands of times, on data it has checked once, and needs
        h1 and h2 as well as o1 to compute the derivatives.

        Parameters
        ----------
        x1, x2 : float
            The two inputs.

        Returns
        -------
        h1, h2, o1 : float

        Examples
        --------
        >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
        >>> h1, h2, o1 = net.outputs(2.0, 3.0)
        >>> h1 == h2 == sigmoid(3.0)
        True
        """
        h1 = sigmoid(self.w1 * x1 + self.w2 * x2 + self.b1)
        h2 = sigmoid(self.w3 * x1 + self.w4 * x2 + self.b2)
        o1 = sigmoid(self.w5 * h1 + self.w6 * h2 + self.b3)
        return h1, h2, o1

    def parameters(self) -> dict[str, float]:
        """A snapshot of the nine parameters, by name.

        Returns
        -------
        dict of str to float
            ``{"w1": ..., "w2": ..., ..., "b3": ...}`` in the order of
            `PARAMETER_NAMES`. Changing the dict does not change the network.

        Examples
        --------
        >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
        >>> net.parameters()["w4"]
        1.0
        >>> list(net.parameters())
        ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'b1', 'b2', 'b3']
        """
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={value!r}" for name, value in self.parameters().items())
        return f"NeuralNetwork({inside})"
