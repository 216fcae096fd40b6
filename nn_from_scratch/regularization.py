"""Chapter 12: when it memorizes — overfitting and regularization.

A network with many weights and few samples can fit the training samples
exactly and still answer new ones badly. Two ways to hold it back:

L2 weight decay adds half the sum of every weight squared, times
`weight_decay` (λ), to the loss. Its slope is λ times the weight, so each
step also pulls every weight a little toward 0:

    L_total   = L + (λ / 2) * sum(w**2)
    dL_total/dw = dL/dw + λ * w

(Biases are left alone: they shift a neuron's output, they make no curve
steeper.) This is ``weight_decay`` in PyTorch's optimizers.

Inverted dropout multiplies each hidden neuron's output, on each training
sample, by a random mask: 0 with probability `rate`, else 1 / (1 - rate). The
scaling keeps each output's expected value unchanged, so at prediction time
no neuron is dropped and nothing needs rescaling. The backward pass runs the
same masks back: a dropped neuron passed nothing on, so it gets no gradient.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from . import checks

__all__ = ["dropout_backprop", "dropout_mask", "l2_gradients", "l2_penalty"]

Array = NDArray[np.float64]


class _Network(Protocol):
    """What dropout reads of a `MatrixNetwork` (this module imports none: matrix.py imports it)."""

    weights: list[Array]
    biases: list[Array]
    activations: list[Any]

    def output_delta(self, loss: Any, Y: Array, P: Array) -> Array: ...


def l2_penalty(weights: Sequence[Array], weight_decay: float) -> float:
    """The L2 penalty ``(weight_decay / 2) * sum(w**2)`` over every weight (no bias).

    Parameters
    ----------
    weights : sequence of ndarray
        A network's weight matrices, any shapes.
    weight_decay : float
        λ, 0 or more.

    Returns
    -------
    float

    Examples
    --------
    >>> l2_penalty([np.array([[3.0, 4.0]])], weight_decay=0.1)  # 0.1 / 2 * (9 + 16)
    1.25
    """
    return float(weight_decay / 2 * sum(np.sum(W * W) for W in weights))


def l2_gradients(weights: Sequence[Array], weight_decay: float) -> list[Array]:
    """The slopes of `l2_penalty`: ``weight_decay * W`` for each weight matrix.

    Parameters
    ----------
    weights : sequence of ndarray
    weight_decay : float

    Returns
    -------
    list of ndarray
        Shaped like `weights`; added to the loss's own gradients.

    Examples
    --------
    >>> l2_gradients([np.array([[3.0, 4.0]])], weight_decay=0.1)
    [array([[0.3, 0.4]])]
    """
    return [weight_decay * W for W in weights]


def dropout_mask(shape: tuple[int, ...], rate: float, rng: np.random.Generator) -> Array:
    """An inverted-dropout mask: each entry 0 with probability `rate`, else ``1 / (1 - rate)``.

    Parameters
    ----------
    shape : tuple of int
        The shape of the outputs it will multiply, (n_samples, n_neurons).
    rate : float
        The probability of dropping, in [0, 1).
    rng : numpy.random.Generator
        Where the coin flips come from: one uniform number per entry.

    Returns
    -------
    ndarray of `shape`
        Its mean over many entries is close to 1.

    Examples
    --------
    >>> dropout_mask((2, 4), rate=0.5, rng=np.random.default_rng(0))
    array([[2., 0., 0., 0.],
           [2., 2., 2., 2.]])
    """
    rate = checks.fraction(rate, "rate")
    rng = checks.instance(rng, "rng", np.random.Generator)
    kept = rng.random(shape) >= rate  # True with probability 1 - rate
    return kept / (1 - rate)


def dropout_backprop(
    network: _Network,
    X: Array,
    Y: Array,
    loss: Any,
    rate: float,
    rng: np.random.Generator,
) -> tuple[list[Array], list[Array]]:
    """The gradients of a batch's loss with every hidden layer's outputs dropped out.

    Like `MatrixNetwork.backprop`, unchecked: it expects float64 arrays of the
    right shapes, as `train_batches` makes them. The last layer (the output)
    is never dropped.

    Parameters
    ----------
    network : MatrixNetwork
    X : ndarray of shape (n_samples, n_inputs)
    Y : ndarray of shape (n_samples, n_outputs)
    loss : Loss
    rate : float
        The probability of dropping each hidden output, in [0, 1).
    rng : numpy.random.Generator
        One mask per hidden layer is drawn from it, first layer first.

    Returns
    -------
    d_L_d_W, d_L_d_b : list of ndarray
        Shaped like the network's `weights` and `biases`.

    Examples
    --------
    With a rate of 0 every mask is 1, and the gradients are `backprop`'s:

    >>> from nn_from_scratch import LOSSES, MatrixNetwork
    >>> net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    >>> X, Y = np.array([[1.0, 2.0]]), np.array([[1.0]])
    >>> d_W, d_b = dropout_backprop(net, X, Y, LOSSES["mse"], 0.0, np.random.default_rng(1))
    >>> all(np.allclose(a, b) for a, b in zip(d_W, net.backprop(X, Y, LOSSES["mse"])[0]))
    True
    """
    last = len(network.weights) - 1
    inputs = [X]  # what each layer takes in: the previous layer's outputs, dropped
    kept_outputs = []  # each hidden layer's outputs before dropping: f' is read off them
    masks = []
    for layer, (W, b, activation) in enumerate(zip(network.weights, network.biases,
                                                   network.activations, strict=True)):  # fmt: skip
        a = activation.f(inputs[-1] @ W + b)
        if layer < last:
            mask = dropout_mask(a.shape, rate, rng)
            kept_outputs.append(a)
            masks.append(mask)
            a = a * mask
        inputs.append(a)
    d_L_d_z = network.output_delta(loss, Y, inputs[-1])
    d_L_d_W: list[Array] = []
    d_L_d_b: list[Array] = []
    for layer in reversed(range(last + 1)):
        d_L_d_W.append(inputs[layer].T @ d_L_d_z)
        d_L_d_b.append(d_L_d_z.sum(axis=0))
        if layer > 0:
            d_L_d_a = (d_L_d_z @ network.weights[layer].T) * masks[layer - 1]  # dropped: 0
            d_L_d_z = d_L_d_a * network.activations[layer - 1].df(kept_outputs[layer - 1])
    return d_L_d_W[::-1], d_L_d_b[::-1]
