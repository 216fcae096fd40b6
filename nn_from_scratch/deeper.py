"""Chapter 14: going deeper — initialization, ReLU and vanishing gradients.

In a deep stack, each layer's total is ``z = a_in @ W + b`` and its output
``a = f(z)``. Backpropagation multiplies, layer by layer on the way back, by
the weights and by the slope ``f'(z)``:

    dL/dz_k = (dL/dz_{k+1} @ W_{k+1}.T) * f'(z_k)

so the gradient at the first layer is a product of as many slopes and weights
as there are layers. Sigmoid's slope is at most 0.25: with small weights, the
product shrinks by a factor at every layer (the gradient *vanishes*); with
large weights it can grow instead (it *explodes*).

The starting weights set the scale. With weights of variance ``Var(w)`` and
``n_in`` inputs per neuron, the totals have

    Var(z) = n_in * Var(w) * E[a_in**2]

and ReLU, ``max(z, 0)``, keeps half of a symmetric ``z``'s square:
``E[a**2] = Var(z) / 2``. He's ``Var(w) = 2 / n_in`` keeps ``Var(z)`` the same
from layer to layer. Sigmoid's small slope shrinks the differences between samples on
the way forward too: deep enough, every sample gives nearly the same output.
`layer_statistics` measures all of it at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import checks
from .loss import Loss
from .matrix import KINDS, MatrixNetwork

__all__ = ["layer_statistics"]

Array = NDArray[np.float64]


def _statistics(network: MatrixNetwork, X: Array, Y: Array, loss: Loss) -> dict[str, Array]:
    """The math of `layer_statistics`, on checked arrays."""
    outputs = network.layer_outputs(X)
    inputs = outputs[:-1]  # each layer's a_in: X, then every layer's output but the last
    totals = [
        a_in @ W + b for a_in, W, b in zip(inputs, network.weights, network.biases, strict=True)
    ]
    d_L_d_W, _ = network.backward(outputs, network.output_delta(loss, Y, outputs[-1]))
    return {
        "total_spread": np.array([z.std() for z in totals]),
        "output_spread": np.array([a.std(axis=0).mean() for a in outputs[1:]]),
        "gradient_size": np.array([np.sqrt(np.mean(g**2)) for g in d_L_d_W]),
    }


@checks.unchanged_if_refused
def layer_statistics(
    network: MatrixNetwork, X: Any, Y: Any, loss: str | Loss = "cross_entropy"
) -> dict[str, Array]:
    """Each layer's spread of totals and outputs, and the size of its weights' gradient.

    Parameters
    ----------
    network : MatrixNetwork
        A network of L layers; it is not changed.
    X : array_like of shape (n_samples, n_inputs)
        A batch of samples.
    Y : array_like of shape (n_samples, n_outputs)
        Their answers (one-hot rows for the cross-entropy).
    loss : {"mse", "bce", "cross_entropy"} or Loss, default "cross_entropy"
        The loss whose gradient is measured, the mean over the batch.

    Returns
    -------
    dict of str to ndarray of shape (L,)
        ``"total_spread"``: the standard deviation of each layer's totals
        ``z = a_in @ W + b``, over every sample and neuron;
        ``"output_spread"``: how much its outputs ``a = f(z)`` vary from sample to
        sample, each neuron's standard deviation over the samples, averaged over the
        layer's neurons (differences between neurons, set by the weights, left out);
        ``"gradient_size"``: the root mean square of dL/dW's entries,
        ``sqrt(mean(dL/dW**2))``.

    Examples
    --------
    One identity neuron, z = 2x + 1, on x = 0 and x = 1: z is 1 and 3, spread
    1; with the mean squared error against 1 and 3 the gradient is 0.

    >>> net = MatrixNetwork([[[2.0]]], [[1.0]], "identity")
    >>> stats = layer_statistics(net, [[0.0], [1.0]], [1.0, 3.0], "mse")
    >>> stats["total_spread"], stats["gradient_size"]
    (array([1.]), array([0.]))
    """
    checked, X_, Y_, loss_ = checks.batch(network, X, Y, loss, KINDS)
    return checks.no_overflow(
        _statistics, checked, X_, Y_, loss_, blame="X, Y and the weights are too large"
    )
