"""Chapter 7: from neurons to matrices.

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

import copy
import functools
import itertools
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .activation import ACTIVATIONS, Activation
from .loss import LOSSES, Loss
from .network import PARAMETER_NAMES, NeuralNetwork
from .optimizers import SGD, Optimizer
from .regularization import dropout_backprop, l2_gradients
from .training import TrainingDivergedError, diverged, record, smaller_rate

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
        ``"identity"``, and ``"softmax"`` for the last layer only) or an
        `Activation`; one value means every layer.

    Attributes
    ----------
    weights : list of ndarray
        The weight matrices, float64 copies of what was passed in; training
        changes them in place.
    biases : list of ndarray
        The bias vectors.
    activations : list of Activation
        Each layer's activation function and its derivative.

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
        self.weights, self.biases = checks.layers(weights, biases)
        self.activations = checks.activations(activations, len(self.weights), KINDS)

    # --- The math, unchecked: it expects float64 arrays of the right shapes, as the
    # checked methods below (forward, loss, gradients) and train_batches make them.

    def layer_outputs(self, X: Array) -> list[Array]:
        """The forward pass: every layer's output, `a_0 = X` to `a_L`.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_inputs)

        Returns
        -------
        list of ndarray, the l-th of shape (n_samples, sizes[l])

        Examples
        --------
        >>> net = MatrixNetwork([[[2.0]]], [[1.0]], "identity")
        >>> net.layer_outputs(np.array([[3.0]]))  # a_0 = X, a_1 = 2 * 3 + 1
        [array([[3.]]), array([[7.]])]
        """
        outputs = [X]
        for W, b, activation in zip(self.weights, self.biases, self.activations, strict=True):
            z = outputs[-1] @ W
            z += b  # in place: one array fewer
            outputs.append(activation.f(z))
        return outputs

    def output_delta(self, loss: Loss, Y: Array, P: Array) -> Array:
        """dL/dz of the last layer: dL/dP times f'(z), through the output's activation.

        Two outputs get a shortcut. A sigmoid output with ``"bce"``, and a
        softmax output with ``"cross_entropy"``, both give `(P - Y) / n`
        (chapter 11 derives the softmax one). Softmax with any other loss is
        not elementwise: its dL/dz is the Jacobian-vector product
        `P * (g - sum(g * P))`, with g = dL/dP and the sum along each row.

        Parameters
        ----------
        loss : Loss
        Y, P : ndarray of shape (n_samples, n_outputs)
            The answers and the network's outputs.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)

        Examples
        --------
        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
        >>> net.output_delta(LOSSES["bce"], np.array([[1.0]]), np.array([[0.5]]))  # P - Y
        array([[-0.5]])
        >>> net = MatrixNetwork([[[0.0, 0.0]]], [[0.0, 0.0]], "softmax")
        >>> Y, P = np.array([[0.0, 1.0]]), np.array([[0.25, 0.75]])
        >>> net.output_delta(LOSSES["cross_entropy"], Y, P)  # P - Y
        array([[ 0.25, -0.25]])
        """
        output = self.activations[-1]
        if loss is LOSSES["bce"] and output is ACTIVATIONS["sigmoid"]:
            # The famous shortcut: (P - Y) / (P (1 - P)) / n times f'(z) = P (1 - P)
            # leaves (P - Y) / n. Fewer steps, and no division by a tiny P (1 - P).
            shortcut: Array = (P - Y) / len(Y)
            return shortcut
        if output is ACTIVATIONS["softmax"]:
            if loss is LOSSES["cross_entropy"]:
                # The same shortcut, for rows of Y that sum to 1 (checks.answers).
                softmax_shortcut: Array = (P - Y) / len(Y)
                return softmax_shortcut
            # dz_j of P_i is P_i (1[i = j] - P_j): each z moves every P of its row.
            g = loss.df(Y, P)
            jacobian_times_g: Array = P * (g - np.sum(g * P, axis=1, keepdims=True))
            return jacobian_times_g
        d_L_d_z: Array = loss.df(Y, P) * output.df(P)
        return d_L_d_z

    def backward(self, outputs: list[Array], d_L_d_z: Array) -> tuple[list[Array], list[Array]]:
        """The chain rule, from the last layer's dL/dz back to the first.

        Parameters
        ----------
        outputs : list of ndarray
            `layer_outputs` of the batch.
        d_L_d_z : ndarray of shape (n_samples, n_outputs)
            `output_delta` of the batch.

        Returns
        -------
        d_L_d_W, d_L_d_b : list of ndarray
            Shaped like `weights` and `biases`.

        Examples
        --------
        >>> net = MatrixNetwork([[[2.0]]], [[1.0]], "identity")
        >>> outputs = net.layer_outputs(np.array([[3.0]]))
        >>> net.backward(outputs, np.array([[1.0]]))  # dz/dW = x = 3, dz/db = 1
        ([array([[3.]])], [array([1.])])
        """
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

    def backprop(self, X: Array, Y: Array, loss: Loss) -> tuple[list[Array], list[Array]]:
        """Forward, then backward: the gradients for a batch, as `gradients` returns them.

        Examples
        --------
        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
        >>> net.backprop(np.array([[3.0]]), np.array([[1.0]]), LOSSES["mse"])
        ([array([[-0.75]])], [array([-0.25])])
        """
        outputs = self.layer_outputs(X)
        return self.backward(outputs, self.output_delta(loss, Y, outputs[-1]))

    def step(self, X: Array, Y: Array, loss: Loss, learn_rate: float) -> None:
        """One step of mini-batch SGD on a batch: `W <- W - learn_rate * dL/dW`, in place.

        Examples
        --------
        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
        >>> net.step(np.array([[3.0]]), np.array([[1.0]]), LOSSES["mse"], learn_rate=1.0)
        >>> net.weights[0], net.biases[0]  # 0 - 1.0 * (-0.75), 0 - 1.0 * (-0.25)
        (array([[0.75]]), array([0.25]))
        """
        outputs = self.layer_outputs(X)
        d_L_d_z = self.output_delta(loss, Y, outputs[-1])
        # Every gradient is linear in d_L_d_z, so scaling it by the learning
        # rate here scales them all: the steps come out ready to subtract.
        steps_W, steps_b = self.backward(outputs, learn_rate * d_L_d_z)
        for W, b, step_W, step_b in zip(self.weights, self.biases, steps_W, steps_b):  # noqa: B905
            W -= step_W  # in place: the network's own arrays
            b -= step_b

    # --- The ways in: each checks what it is given, then runs the math above.

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
            is 2 inputs, one hidden layer of 64, and 1 output; at most 10**8
            weights per layer.
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

        Examples
        --------
        >>> net = MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)
        >>> [W.shape for W in net.weights]
        [(2, 3), (3, 1)]
        >>> net.biases[0]
        array([0., 0., 0.])
        """
        sizes = checks.layer_sizes(sizes)
        init = checks.one_of(init, "init", INITS)
        generator = checks.generator(rng)
        weights, biases = [], []
        for n_in, n_out in itertools.pairwise(sizes):
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

        Examples
        --------
        >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
        >>> MatrixNetwork.from_neural_network(net).forward([[2, 3]])
        array([[0.72163256]])
        """
        n = checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
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
        weights, _ = checks.layers(self.weights, self.biases, "network.")  # as set by hand, too
        return [weights[0].shape[0]] + [W.shape[1] for W in weights]

    @checks.unchanged_if_refused
    def forward(self, X: ArrayLike) -> Array:
        """The network's outputs for a batch of samples.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
            One sample per row.

        Returns
        -------
        ndarray of shape (n_samples, n_outputs)

        Examples
        --------
        >>> net = MatrixNetwork([[[1.0], [-1.0]]], [[0.0]], "identity")
        >>> net.forward([[3, 1], [0, 2]])  # x1 - x2 for each row
        array([[ 2.],
               [-2.]])
        """
        X = checks.samples(checks.matrix_network(self, KINDS), X)
        outputs = checks.no_overflow(
            checks.watched_outputs, self, X, blame="X and the weights are too large"
        )
        return outputs[-1]

    @checks.unchanged_if_refused
    def loss(self, X: ArrayLike, Y: ArrayLike, loss: str | Loss = "mse") -> float:
        """The loss of the network's outputs for `X` against the answers `Y`.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_inputs)
        Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
        loss : {"mse", "bce", "cross_entropy"} or Loss, default "mse"
            A name from `LOSSES`, or a `Loss`.

        Returns
        -------
        float

        Examples
        --------
        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")  # always outputs 0.5
        >>> net.loss([[1], [2]], [1, 0])
        0.25
        """
        _, X, Y, loss_ = checks.batch(self, X, Y, loss, KINDS)
        outputs = checks.no_overflow(
            checks.watched_outputs, self, X, blame="X and the weights are too large"
        )
        P = outputs[-1]
        return checks.no_overflow(loss_.f, Y, P, blame="Y and the network's outputs are too large")

    @checks.unchanged_if_refused
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
        loss : {"mse", "bce", "cross_entropy"} or Loss, default "mse"
            A name from `LOSSES`, or a `Loss`; the loss is the mean over the batch.

        Returns
        -------
        d_L_d_W : list of ndarray, each the shape of the matching weight matrix
        d_L_d_b : list of ndarray, each the shape of the matching bias vector

        Examples
        --------
        One sigmoid neuron, one sample: dL/db = -2 (y - p) p (1 - p), with
        p = f(0) = 0.5 and y = 1, is -2 * 0.5 * 0.25 = -0.25.

        >>> net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
        >>> d_L_d_W, d_L_d_b = net.gradients([[3.0]], [1.0])
        >>> d_L_d_b[0], d_L_d_W[0]  # dL/dw = x * dL/db
        (array([-0.25]), array([[-0.75]]))
        """
        _, X, Y, loss_ = checks.batch(self, X, Y, loss, KINDS)
        return checks.no_overflow(
            _watched_backprop, self, X, Y, loss_, blame="X, Y and the weights are too large"
        )

    def __repr__(self) -> str:
        try:  # a repr never fails, whatever was put in the network by hand
            sizes: object = self.sizes
            names: object = [activation.name for activation in self.activations]
        except Exception:
            return "MatrixNetwork(<changed by hand: its weights or activations are not valid>)"
        return f"MatrixNetwork(sizes={sizes}, activations={names})"


def _watched_backprop(
    network: MatrixNetwork, X: Array, Y: Array, loss: Loss
) -> tuple[list[Array], list[Array]]:
    """`MatrixNetwork.backprop`, with its forward pass's totals watched on every thread."""
    outputs = checks.watched_outputs(network, X)
    return network.backward(outputs, network.output_delta(loss, Y, outputs[-1]))


# checks.py imports nothing from the package, so what it checks a MatrixNetwork, its
# activations and its loss against is handed to it from here.
KINDS = checks.Kinds(MatrixNetwork, Activation, ACTIVATIONS, Loss, LOSSES)


@checks.unchanged_if_refused
def train_batches(
    network: MatrixNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    loss: str | Loss = "mse",
    learn_rate: float | None = None,
    epochs: int = 100,
    batch_size: int = 32,
    rng: int | np.random.Generator | None = None,
    shuffle: bool = True,
    every: int | None = 1,
    verbose: bool = False,
    callback: Callable[[int, float], object] | None = None,
    optimizer: Optimizer | None = None,
    weight_decay: float = 0.0,
    dropout: float = 0.0,
) -> list[float]:
    """Train with mini-batch SGD: one `MatrixNetwork.step` per batch of `batch_size` samples.

    Each epoch (optionally) shuffles the samples with `rng`, cuts them into
    batches, and for each batch moves every weight and bias against the
    gradient of the batch's mean loss. `batch_size=1` without shuffling is
    chapter 6's per-sample SGD; `batch_size=len(X)` is full-batch gradient
    descent. It follows `train`'s rules for `every`, `verbose`, `callback`
    and divergence.

    Parameters
    ----------
    network : MatrixNetwork
        The network to train, in place.
    X : array_like of shape (n_samples, n_inputs)
    Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
    loss : {"mse", "bce", "cross_entropy"} or Loss, default "mse"
        A name from `LOSSES`, or a `Loss`.
    learn_rate : float, default 0.1
        Greater than 0: the step size of plain SGD. With `optimizer`, leave
        it out: the optimizer has its own.
    epochs : int, default 100
        At least 1, at most 100,000,000.
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
    verbose : bool, default False
        If true, print ``Epoch N loss: L`` (L to three decimals) at each record.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` at each record.
    optimizer : Optimizer, optional
        How each batch's gradients move the parameters (chapter 13): `SGD`,
        `Momentum` or `Adam` from `nn_from_scratch.optimizers`, with its own
        learning rate. It is used as it is, so its velocities or means carry
        on from an earlier call; if the call stops early they are put back.
        Without it, plain SGD at `learn_rate`.
    weight_decay : float, default 0.0
        λ of L2 weight decay (chapter 12), 0 or more: each step adds
        ``weight_decay * W`` to every weight matrix's gradient (not the
        biases'), as PyTorch's ``weight_decay`` does.
    dropout : float, default 0.0
        The probability, in [0, 1), of dropping each hidden neuron's output on
        each training sample (inverted dropout, chapter 12); the masks come
        from `rng`, which it then needs. The output layer is never dropped.

    Returns
    -------
    list of float
        The recorded losses: the data's loss alone (no L2 penalty), computed
        with no neuron dropped, as predictions are.

    Raises
    ------
    TrainingDivergedError
        If the loss has `diverged` (grown to more than a million times where
        it started, or to infinity or NaN) at a record of the loss or after
        the last epoch, or a weight or bias is infinite or NaN then, or a step
        overflows float64 at any time (numpy's overflow is raised as an error
        while training, so it is found at once), as a too large `learn_rate`
        causes. Before it is raised, the same call is tried with `learn_rate`
        / 10, / 100 and / 1000, with the same shuffles, as `train` does, and
        the first that trains is kept as ``suggested_rate``; so a call that
        diverges takes at most about four times as long as the whole call
        would. Whatever stops training early (this, an exception in
        `callback`, Ctrl-C, also during those tries), the network is put back
        as it was before the call.

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

    A step a hundred times larger makes the loss grow each epoch instead; the
    error names a smaller rate that was tried and trains:

    >>> net = MatrixNetwork.random([1, 1], "identity", rng=0)
    >>> try:
    ...     train_batches(net, X, Y, learn_rate=10, epochs=500, batch_size=3, shuffle=False)
    ... except TrainingDivergedError as error:
    ...     print(error.epoch, error.suggested_rate)
    1 0.1
    """
    network, X, Y, loss = checks.batch(network, X, Y, loss, KINDS)
    rule: float | Optimizer = checks.update_rule(learn_rate, optimizer, Optimizer)
    epochs = checks.positive_int(epochs, "epochs", most=checks.MOST)
    batch_size = checks.positive_int(batch_size, "batch_size")
    weight_decay = checks.non_negative_real(weight_decay, "weight_decay")
    dropout = checks.fraction(dropout, "dropout")
    generator = checks.randomness(rng, shuffle=shuffle, dropout=dropout)
    every = checks.every(every)
    verbose = checks.flag(verbose, "verbose")
    callback = checks.callback(callback)
    checks.warn_if_unscaled(X, "X", stacklevel=3)  # past unchanged_if_refused: the caller

    step = _Step(rule if isinstance(rule, Optimizer) else None, weight_decay, dropout)
    rate = rule.learn_rate if isinstance(rule, Optimizer) else rule
    # The shuffles and masks as they start: smaller rates are tried with the same ones.
    randomness = copy.deepcopy(generator)
    saved = copy.deepcopy(step)  # the optimizer's velocities and means as they start
    try:
        with checks.restored_on_error(network), checks.attributes_restored(step.optimizer):
            history, _, _ = _fit(network, X, Y, loss, rate, step, epochs, batch_size, generator,
                                 shuffle, every, verbose, callback)  # fmt: skip
    except TrainingDivergedError as error:
        # The network is back at its start: try smaller rates on copies of it.
        weights = [W.copy() for W in network.weights]
        biases = [b.copy() for b in network.biases]
        activations = network.activations

        def attempt(smaller: float) -> tuple[float, float]:
            start = MatrixNetwork(weights, biases, activations)  # copies them again
            trial = copy.deepcopy(saved)
            if trial.optimizer is not None:
                trial.optimizer.learn_rate = smaller
            shuffles = copy.deepcopy(randomness)
            _, first, last = _fit(start, X, Y, loss, smaller, trial, epochs, batch_size,
                                  shuffles, shuffle, every, False, None)  # fmt: skip
            return first, last

        suggested = smaller_rate(attempt, rate)
        raise TrainingDivergedError(error.epoch, rate, "train_batches", suggested) from None
    return history


class _Step:
    """One training step on a batch, as `train_batches` was asked to take it.

    Plain SGD (no optimizer, no weight decay, no dropout) is chapter 7's
    `MatrixNetwork.step`; anything else finds the gradients (with dropout,
    `dropout_backprop`), adds weight decay's, and hands them to the optimizer.
    """

    def __init__(self, optimizer: Optimizer | None, weight_decay: float, dropout: float) -> None:
        self.optimizer = optimizer
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.plain = optimizer is None and not weight_decay and not dropout

    def __call__(
        self,
        network: MatrixNetwork,
        X: Array,
        Y: Array,
        loss: Loss,
        learn_rate: float,
        generator: np.random.Generator | None,
    ) -> None:
        """Move `network`'s parameters, in place, for the batch `X`, `Y`."""
        if self.plain:
            network.step(X, Y, loss, learn_rate)
            return
        if self.dropout:
            assert generator is not None  # train_batches refuses dropout without rng
            d_L_d_W, d_L_d_b = dropout_backprop(network, X, Y, loss, self.dropout, generator)
        else:
            d_L_d_W, d_L_d_b = network.backprop(X, Y, loss)
        if self.weight_decay:
            for gradient, decay in zip(d_L_d_W, l2_gradients(network.weights, self.weight_decay)):  # noqa: B905
                gradient += decay
        optimizer = self.optimizer if self.optimizer is not None else SGD(learn_rate)
        optimizer.update(network.weights + network.biases, d_L_d_W + d_L_d_b)


def _fit(
    network: MatrixNetwork,
    X: Array,
    Y: Array,
    loss: Loss,
    learn_rate: float,
    step: _Step,
    epochs: int,
    batch_size: int,
    generator: np.random.Generator | None,
    shuffle: bool,
    every: int | None,
    verbose: bool,
    callback: Callable[[int, float], object] | None,
) -> tuple[list[float], float, float]:
    """`train_batches`'s loop, on checked arguments: the history, and the loss before and after."""
    history: list[float] = []
    parameters = network.weights + network.biases  # the network's own arrays
    # The math runs with numpy raising FloatingPointError on overflow (or on NaN made
    # from infinities), which is divergence, found the moment it happens.
    overflow_raises = functools.partial(np.errstate, over="raise", invalid="raise",
                                        divide="ignore", under="ignore")  # fmt: skip
    try:
        with overflow_raises():
            start = current = loss.f(Y, checks.watched_outputs(network, X)[-1])
    except FloatingPointError:
        raise TrainingDivergedError(0, learn_rate, "train_batches") from None
    for epoch in range(epochs):
        try:
            with overflow_raises():
                X_epoch, Y_epoch = X, Y
                if shuffle:
                    assert generator is not None  # train_batches refuses shuffle without rng
                    order = generator.permutation(len(X))
                    X_epoch, Y_epoch = X[order], Y[order]
                for first in range(0, len(X), batch_size):
                    batch = slice(first, first + batch_size)
                    if step.plain:  # chapter 7's step, called directly: no layer in between
                        network.step(X_epoch[batch], Y_epoch[batch], loss, learn_rate)
                    else:
                        step(network, X_epoch[batch], Y_epoch[batch], loss, learn_rate, generator)
                recording = every is not None and epoch % every == 0
                if not recording and epoch < epochs - 1:
                    continue
                current = loss.f(Y, checks.watched_outputs(network, X)[-1])
        except FloatingPointError:
            raise TrainingDivergedError(epoch, learn_rate, "train_batches") from None
        if diverged(current, start) or not all(np.isfinite(array).all() for array in parameters):
            raise TrainingDivergedError(epoch, learn_rate, "train_batches")
        if recording:  # the callback runs under the reader's own numpy settings
            record(history, epoch, current, learn_rate=learn_rate, trainer="train_batches",
                   verbose=verbose, callback=callback)  # fmt: skip
            if callback is not None:  # it may have put other arrays in: checked as at the start
                checks.network_after_callback(network, X, Y, KINDS)
                parameters = network.weights + network.biases
    return history, start, current
