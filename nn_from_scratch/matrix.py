"""Chapter 6: from neurons to matrices.

Chapter 5's network computes each neuron with its own line. Stack a layer's
weights into a matrix and a whole layer, for a whole batch of samples, is one
matrix product:

    a_0 = X                         shape (n_samples, n_inputs)
    z_l = a_(l-1) @ W_l + b_l       W_l: (n_in, n_out), b_l: (n_out,)
    a_l = f_l(z_l)                  shape (n_samples, n_out)

and the backward pass runs the chain rule through the same layers in reverse:

    dL/dz_l     = dL/da_l * f_l'(z_l)      (elementwise)
    dL/dW_l     = a_(l-1).T @ dL/dz_l
    dL/db_l     = sum of dL/dz_l over the samples
    dL/da_(l-1) = dL/dz_l @ W_l.T

Column j of W_l holds the weights into neuron j of layer l, so chapter 5's
network is `W_1 = [[w1, w3], [w2, w4]]`, `b_1 = [b1, b2]`,
`W_2 = [[w5], [w6]]`, `b_2 = [b3]`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import as_float_array, as_positive_int, as_positive_real, warn_if_unscaled
from .activation import ACTIVATIONS, Activation
from .loss import LOSSES, Loss
from .network import NeuralNetwork, _generator
from .training import TrainingDivergedError

__all__ = ["INITS", "MatrixNetwork", "train_batches"]

Array = NDArray[np.float64]

INITS = ("normal", "xavier", "he")
"""The ways `MatrixNetwork.random` can draw starting weights.

- ``"normal"``: every weight and bias from a standard normal distribution,
  as chapter 3's `NeuralNetwork.random` does.
- ``"xavier"`` (Glorot): weights from a normal distribution with standard
  deviation `sqrt(2 / (n_in + n_out))`, biases 0. Suits sigmoid and tanh.
- ``"he"``: weights with standard deviation `sqrt(2 / n_in)`, biases 0.
  Suits ReLU, which zeroes half of its inputs.

Examples
--------
>>> INITS
('normal', 'xavier', 'he')
"""


class MatrixNetwork:
    """A feed-forward network of dense layers, computed with matrices.

    Parameters
    ----------
    weights : sequence of array_like, one of shape (n_in, n_out) per layer
        Each layer's weights; column j holds the weights into neuron j. A
        layer's n_in must equal the previous layer's n_out.
    biases : sequence of array_like, one of shape (n_out,) per layer
        Each layer's biases.
    activations : str, Activation, or a sequence of them, one per layer
        A name from `ACTIVATIONS` (``"sigmoid"``, ``"tanh"``, ``"relu"``,
        ``"identity"``) or an `Activation`; one value means every layer.

    Attributes
    ----------
    weights : list of ndarray
        The weight matrices, float64 copies of what was passed in; training
        changes them in place.
    biases : list of ndarray
        The bias vectors.
    activations : list of Activation
        Each layer's activation function and its derivative.

    Raises
    ------
    TypeError
        If a weight or bias is not numeric, or an activation is neither a
        name nor an `Activation`.
    ValueError
        If the shapes do not chain, a value is NaN or infinite, or an
        activation name is unknown.

    Examples
    --------
    Chapter 3's network, every neuron with weights [0, 1] and bias 0:

    >>> net = MatrixNetwork([[[0, 0], [1, 1]], [[0], [1]]], [[0, 0], [0]], "sigmoid")
    >>> net.sizes
    [2, 2, 1]
    >>> net.forward([[2, 3]])
    array([[0.72163256]])
    """

    def __init__(
        self,
        weights: Sequence[ArrayLike],
        biases: Sequence[ArrayLike],
        activations: str | Activation | Sequence[str | Activation],
    ) -> None:
        if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
            raise TypeError(f"weights must be a list of arrays, got {type(weights).__name__}")
        if isinstance(biases, (str, bytes)) or not isinstance(biases, Sequence):
            raise TypeError(f"biases must be a list of arrays, got {type(biases).__name__}")
        if len(weights) == 0 or len(biases) != len(weights):
            raise ValueError(
                f"weights and biases must hold one array per layer (at least one), "
                f"got {len(weights)} and {len(biases)}"
            )
        Ws = [as_float_array(W, f"weights[{i}]") for i, W in enumerate(weights)]
        bs = [as_float_array(b, f"biases[{i}]") for i, b in enumerate(biases)]
        for i, (W, b) in enumerate(zip(Ws, bs, strict=True)):
            if W.ndim != 2 or 0 in W.shape:
                raise ValueError(f"weights[{i}] must have shape (n_in, n_out), got {W.shape}")
            if i > 0 and W.shape[0] != Ws[i - 1].shape[1]:
                raise ValueError(
                    f"weights[{i}] must have {Ws[i - 1].shape[1]} rows, one per output of "
                    f"layer {i - 1}, got shape {W.shape}"
                )
            if b.shape != (W.shape[1],):
                raise ValueError(f"biases[{i}] must have shape ({W.shape[1]},), got {b.shape}")
        self.activations: list[Activation] = _activations(activations, len(Ws))
        self.weights: list[Array] = Ws
        self.biases: list[Array] = bs

    @classmethod
    def random(
        cls,
        sizes: Sequence[int],
        activations: str | Activation | Sequence[str | Activation],
        rng: int | np.random.Generator,
        init: str = "xavier",
    ) -> MatrixNetwork:
        """A network with random starting weights, drawn from `rng`.

        Parameters
        ----------
        sizes : sequence of int
            The number of neurons in each layer, inputs first: ``[2, 64, 1]``
            is 2 inputs, one hidden layer of 64, and 1 output.
        activations : str, Activation, or a sequence of them, one per layer
            As for `MatrixNetwork`.
        rng : int or numpy.random.Generator
            A seed or a generator; the same seed gives the same network.
        init : {"normal", "xavier", "he"}, default "xavier"
            How to draw the weights (see `INITS`). Each layer draws its
            weights, row by row, and then (for "normal") its biases.

        Returns
        -------
        MatrixNetwork

        Raises
        ------
        TypeError
            If `sizes` holds something other than ints, or `rng` is neither a
            seed nor a generator.
        ValueError
            If `sizes` has fewer than two entries or one below 1, or `init` is
            unknown.

        Examples
        --------
        >>> net = MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)
        >>> [W.shape for W in net.weights]
        [(2, 3), (3, 1)]
        >>> net.biases[0]
        array([0., 0., 0.])
        """
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
            raise TypeError(f"sizes must be a list of ints, got {type(sizes).__name__}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must name at least 2 layers (inputs, outputs), got {sizes}")
        checked = [as_positive_int(size, f"sizes[{i}]") for i, size in enumerate(sizes)]
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        generator = _generator(rng)
        weights, biases = [], []
        for n_in, n_out in itertools.pairwise(checked):
            if init == "normal":
                weights.append(generator.standard_normal((n_in, n_out)))
                biases.append(generator.standard_normal(n_out))
                continue
            std = np.sqrt(2 / (n_in + n_out)) if init == "xavier" else np.sqrt(2 / n_in)
            weights.append(generator.normal(0.0, std, (n_in, n_out)))
            biases.append(np.zeros(n_out))
        return cls(weights, biases, activations)

    @classmethod
    def from_neural_network(cls, network: NeuralNetwork) -> MatrixNetwork:
        """Chapter 5's 2-2-1 network, the same nine numbers in matrix form.

        Parameters
        ----------
        network : NeuralNetwork
            The network to copy. It is not changed, and the copy does not
            share anything with it.

        Returns
        -------
        MatrixNetwork
            Sizes [2, 2, 1], sigmoid in both layers, with
            ``W_1 = [[w1, w3], [w2, w4]]``, ``b_1 = [b1, b2]``,
            ``W_2 = [[w5], [w6]]`` and ``b_2 = [b3]``.

        Raises
        ------
        TypeError
            If `network` is not a `NeuralNetwork`.

        Examples
        --------
        >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
        >>> MatrixNetwork.from_neural_network(net).forward([[2, 3]])
        array([[0.72163256]])
        """
        if not isinstance(network, NeuralNetwork):
            raise TypeError(f"network must be a NeuralNetwork, got {type(network).__name__}")
        network.check_parameters()
        n = network
        weights = [[[n.w1, n.w3], [n.w2, n.w4]], [[n.w5], [n.w6]]]
        return cls(weights, [[n.b1, n.b2], [n.b3]], "sigmoid")

    @property
    def sizes(self) -> list[int]:
        """The number of neurons per layer, inputs first, e.g. ``[2, 2, 1]``.

        Examples
        --------
        >>> MatrixNetwork.random([4, 8, 3], "relu", rng=1).sizes
        [4, 8, 3]
        """
        return [self.weights[0].shape[0]] + [W.shape[1] for W in self.weights]

    def forward(self, X: ArrayLike) -> Array:
        """The network's outputs for a batch of samples.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
            One sample per row.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)

        Raises
        ------
        TypeError
            If `X` is not an array of numbers.
        ValueError
            If `X` has the wrong shape or holds NaN or infinity.

        Examples
        --------
        >>> net = MatrixNetwork([[[1.0], [-1.0]]], [[0.0]], "identity")
        >>> net.forward([[3, 1], [0, 2]])  # x1 - x2 for each row
        array([[ 2.],
               [-2.]])
        """
        return self._forward(self._check_X(X))[-1]

    def loss(self, X: ArrayLike, Y: ArrayLike, loss: str | Loss = "mse") -> float:
        """The loss of the network's outputs for `X` against the answers `Y`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
        loss : {"mse", "bce"} or Loss, default "mse"
            A name from `LOSSES`, or a `Loss`.

        Returns
        -------
        float

        Raises
        ------
        TypeError, ValueError
            As for `gradients`.

        Examples
        --------
        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")  # always outputs 0.5
        >>> net.loss([[1], [2]], [1, 0])
        0.25
        """
        X_, Y_, loss_ = self._check_data(X, Y, loss)
        return loss_.f(Y_, self._forward(X_)[-1])

    def gradients(
        self, X: ArrayLike, Y: ArrayLike, loss: str | Loss = "mse"
    ) -> tuple[list[Array], list[Array]]:
        """Backpropagation: the loss's derivative with respect to every weight and bias.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
            A batch of samples.
        Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
            Their answers.
        loss : {"mse", "bce"} or Loss, default "mse"
            A name from `LOSSES`, or a `Loss`; the loss is the mean over the batch.

        Returns
        -------
        d_L_d_W : list of ndarray, each the shape of the matching weight matrix
        d_L_d_b : list of ndarray, each the shape of the matching bias vector

        Raises
        ------
        TypeError
            If `X` or `Y` is not numeric.
        ValueError
            If shapes do not match the network or each other, a value is NaN
            or infinite, `loss` is unknown, or (for "bce") `Y` is outside [0, 1].

        Examples
        --------
        One sigmoid neuron, one sample: dL/db = -2 (y - p) p (1 - p), with
        p = f(0) = 0.5 and y = 1, is -2 * 0.5 * 0.25 = -0.25.

        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
        >>> d_L_d_W, d_L_d_b = net.gradients([[3.0]], [1.0])
        >>> d_L_d_b[0], d_L_d_W[0]  # dL/dw = x * dL/db
        (array([-0.25]), array([[-0.75]]))
        """
        X_, Y_, loss_ = self._check_data(X, Y, loss)
        outputs = self._forward(X_)
        return self._backward(outputs, self._output_delta(loss_, Y_, outputs[-1]))

    def _forward(self, X: Array) -> list[Array]:
        """Every layer's output, a_0 = X to a_L, without checks."""
        outputs = [X]
        for W, b, activation in zip(self.weights, self.biases, self.activations, strict=True):
            z = outputs[-1] @ W
            z += b  # in place: one array fewer
            outputs.append(activation.f(z))
        return outputs

    def _output_delta(self, loss: Loss, Y: Array, P: Array) -> Array:
        """dL/dz of the last layer: dL/dP times f'(z), through the output's activation."""
        if loss is LOSSES["bce"] and self.activations[-1] is ACTIVATIONS["sigmoid"]:
            # The famous shortcut: (P - Y) / (P (1 - P)) / n times f'(z) = P (1 - P)
            # leaves (P - Y) / n. Fewer steps, and no division by a tiny P (1 - P).
            shortcut: Array = (P - Y) / len(Y)
            return shortcut
        d_L_d_z: Array = loss.df(Y, P) * self.activations[-1].df(P)
        return d_L_d_z

    def _backward(self, outputs: list[Array], d_L_d_z: Array) -> tuple[list[Array], list[Array]]:
        """The chain rule, from the last layer's dL/dz back to the first, without checks."""
        d_L_d_W: list[Array] = []
        d_L_d_b: list[Array] = []
        for layer in reversed(range(len(self.weights))):
            a_in = outputs[layer]
            d_L_d_W.append(a_in.T @ d_L_d_z)  # z = a_in @ W + b
            d_L_d_b.append(d_L_d_z.sum(axis=0))
            if layer > 0:  # the inputs X need no gradient
                d_L_d_z = d_L_d_z @ self.weights[layer].T  # dL/da_in: a new array...
                d_L_d_z *= self.activations[layer - 1].df(a_in)  # ...times f', in place
        return d_L_d_W[::-1], d_L_d_b[::-1]

    def _check_X(self, X: ArrayLike) -> Array:
        array = as_float_array(X, "X")
        n_inputs = self.weights[0].shape[0]
        if array.ndim != 2 or array.shape[1] != n_inputs or array.shape[0] == 0:
            raise ValueError(
                f"X must have shape (n_samples, {n_inputs}) with n_samples >= 1, "
                f"got shape {array.shape}"
            )
        return array

    def _check_data(
        self, X: ArrayLike, Y: ArrayLike, loss: str | Loss
    ) -> tuple[Array, Array, Loss]:
        X_ = self._check_X(X)
        Y_ = as_float_array(Y, "Y")
        n_outputs = self.weights[-1].shape[1]
        if Y_.ndim == 1 and n_outputs == 1:
            Y_ = Y_[:, None]  # one answer per sample: a column
        if Y_.shape != (X_.shape[0], n_outputs):
            raise ValueError(
                f"Y must have shape ({X_.shape[0]}, {n_outputs}): one row per row of X, "
                f"one column per output, got shape {Y_.shape}"
            )
        if isinstance(loss, Loss):
            loss_ = loss
        elif isinstance(loss, str) and loss in LOSSES:
            loss_ = LOSSES[loss]
        else:
            raise ValueError(f"loss must be a name from {sorted(LOSSES)} or a Loss, got {loss!r}")
        if loss_.name == "bce" and (Y_.min() < 0 or Y_.max() > 1):
            raise ValueError("Y must hold values between 0 and 1 for the 'bce' loss")
        return X_, Y_, loss_

    def __repr__(self) -> str:
        names = [activation.name for activation in self.activations]
        return f"MatrixNetwork(sizes={self.sizes}, activations={names})"


def _activations(
    activations: str | Activation | Sequence[str | Activation], n_layers: int
) -> list[Activation]:
    """One Activation per layer, from names or Activation objects."""
    if isinstance(activations, (str, Activation)):
        activations = [activations] * n_layers
    if not isinstance(activations, Sequence):
        raise TypeError(f"activations must be a name or a list, got {activations!r}")
    if len(activations) != n_layers:
        raise ValueError(
            f"activations must name one function per layer ({n_layers}), got {len(activations)}"
        )
    found = []
    for activation in activations:
        if isinstance(activation, Activation):
            found.append(activation)
        elif not isinstance(activation, str):
            raise TypeError(
                f"activations must be names or Activation objects, got {activation!r} "
                f"(type {type(activation).__name__})"
            )
        elif activation in ACTIVATIONS:
            found.append(ACTIVATIONS[activation])
        else:
            raise ValueError(
                f"activations must be names from {sorted(ACTIVATIONS)}, got {activation!r}"
            )
    return found


def train_batches(
    network: MatrixNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    loss: str | Loss = "mse",
    learn_rate: float = 0.1,
    epochs: int = 100,
    batch_size: int = 32,
    rng: int | np.random.Generator | None = None,
    shuffle: bool = True,
    every: int | None = 1,
    callback: Callable[[int, float], object] | None = None,
) -> list[float]:
    """Train with mini-batch SGD: one step per batch of `batch_size` samples.

    Each epoch (optionally) shuffles the samples with `rng`, cuts them into
    batches, and for each batch moves every weight and bias against the
    gradient of the batch's mean loss: `W <- W - learn_rate * dL/dW`.
    `batch_size=1` without shuffling is chapter 5's per-sample SGD;
    `batch_size=len(X)` is full-batch gradient descent.

    Parameters
    ----------
    network : MatrixNetwork
        The network to train, in place.
    X : array_like of shape (n_samples, n_inputs)
    Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
    loss : {"mse", "bce"} or Loss, default "mse"
        A name from `LOSSES`, or a `Loss`.
    learn_rate : float, default 0.1
        Greater than 0.
    epochs : int, default 100
        At least 1.
    batch_size : int, default 32
        At least 1; the last batch of an epoch may be smaller.
    rng : int or numpy.random.Generator, optional
        Where the shuffling comes from; required when `shuffle` is true.
    shuffle : bool, default True
        Visit the samples in a new random order every epoch.
    every : int or None, default 1
        Record the loss over all of `X` after epochs 0, every, 2*every, ...
        Each record is one more forward pass over all of `X`; None records
        nothing (and returns an empty list), for when only speed matters.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` at each record.

    Returns
    -------
    list of float
        The recorded losses.

    Raises
    ------
    TypeError, ValueError
        For bad arguments, all checked before the first step: a refused call
        changes nothing.
    TrainingDivergedError
        If a weight or bias becomes infinite or NaN (checked after every
        epoch), as a too large `learn_rate` causes. The network is then put
        back as it was before the call.

    Warns
    -----
    InputScaleWarning
        If `X` holds values beyond ±50, which saturate sigmoid and tanh layers.

    Examples
    --------
    >>> net = MatrixNetwork.random([1, 1], "identity", rng=0)
    >>> X = [[0.0], [1.0], [2.0]]
    >>> Y = [1.0, 3.0, 5.0]  # y = 2x + 1
    >>> history = train_batches(net, X, Y, epochs=500, batch_size=3, shuffle=False, every=100)
    >>> round(float(net.weights[0][0, 0]), 3), round(float(net.biases[0][0]), 3)
    (2.0, 1.0)
    """
    if not isinstance(network, MatrixNetwork):
        raise TypeError(f"network must be a MatrixNetwork, got {type(network).__name__}")
    X_, Y_, loss_ = network._check_data(X, Y, loss)
    rate = as_positive_real(learn_rate, "learn_rate")
    n_epochs = as_positive_int(epochs, "epochs")
    size = as_positive_int(batch_size, "batch_size")
    record_every = None if every is None else as_positive_int(every, "every")
    if not isinstance(shuffle, (bool, np.bool_)):
        raise TypeError(f"shuffle must be True or False, got {shuffle!r}")
    if shuffle and rng is None:
        raise ValueError("shuffle=True needs rng: a seed or a numpy.random.Generator")
    generator = None if rng is None else _generator(rng)  # a bad rng is refused, even unused
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable or None, got {type(callback).__name__}")

    warn_if_unscaled(float(np.abs(X_).max()), "X", stacklevel=2)

    parameters = network.weights + network.biases  # the network's own arrays
    saved = [array.copy() for array in parameters]
    history = []
    # Overflow is not an error here: it is caught below, once per epoch, as divergence.
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(n_epochs):
            _epoch(network, X_, Y_, loss_, rate, size, generator if shuffle else None)
            if not all(np.isfinite(array).all() for array in parameters):
                for array, before in zip(parameters, saved, strict=True):
                    array[...] = before  # put every parameter back, in place
                raise TrainingDivergedError(epoch, rate, "train_batches")
            if record_every is not None and epoch % record_every == 0:
                history.append(loss_.f(Y_, network._forward(X_)[-1]))
                if callback is not None:
                    callback(epoch, history[-1])
    return history


def _epoch(
    network: MatrixNetwork,
    X: Array,
    Y: Array,
    loss: Loss,
    rate: float,
    size: int,
    generator: np.random.Generator | None,
) -> None:
    """One epoch of mini-batch SGD: shuffle, cut into batches, one step per batch."""
    if generator is not None:
        order = generator.permutation(len(X))
        X, Y = X[order], Y[order]
    for start in range(0, len(X), size):
        X_batch, Y_batch = X[start : start + size], Y[start : start + size]
        outputs = network._forward(X_batch)
        d_L_d_z = network._output_delta(loss, Y_batch, outputs[-1])
        # Every gradient is linear in d_L_d_z, so scaling it by the learning
        # rate here scales them all: the steps come out ready to subtract.
        steps_W, steps_b = network._backward(outputs, rate * d_L_d_z)
        for W, b, step_W, step_b in zip(network.weights, network.biases, steps_W, steps_b):  # noqa: B905
            W -= step_W  # in place: the network's own arrays
            b -= step_b
