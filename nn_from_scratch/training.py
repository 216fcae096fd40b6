"""Chapter 5: training with stochastic gradient descent (SGD).

Training repeats one small move, over and over: take one sample, work out how
the loss on that sample changes when each parameter changes (the partial
derivatives, found with the chain rule), and nudge every parameter a little
the other way:

    w <- w - learn_rate * dL/dw

`gradients` computes the nine partial derivatives, `sgd_step` makes one move,
and `train` makes a move for every sample, epoch after epoch.
"""

from __future__ import annotations

from collections.abc import Callable
from math import isfinite
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_matrix,
    as_positive_int,
    as_positive_real,
    as_real,
    as_vector,
    warn_if_unscaled,
)
from .network import PARAMETER_NAMES, NeuralNetwork

__all__ = ["TrainingDivergedError", "gradients", "sgd_step", "train"]


def _gradients(
    network: NeuralNetwork, x1: float, x2: float, y_true: float
) -> tuple[float, float, float, float, float, float, float, float, float]:
    """The nine partial derivatives of the loss for one sample, w1 to b3, without checks."""
    # Forward pass, keeping h1 and h2: the derivatives are made of them.
    h1, h2, o1 = network._outputs(x1, x2)
    y_pred = o1

    # L = (y_true - y_pred) ** 2, so:
    d_L_d_ypred = -2 * (y_true - y_pred)

    # Neuron o1: y_pred = f(w5 * h1 + w6 * h2 + b3). The sigmoid's derivative
    # is f * (1 - f), and f of o1's sum is o1 itself, so nothing is recomputed.
    d_ypred_d_sum_o1 = o1 * (1 - o1)
    d_ypred_d_w5 = h1 * d_ypred_d_sum_o1
    d_ypred_d_w6 = h2 * d_ypred_d_sum_o1
    d_ypred_d_b3 = d_ypred_d_sum_o1
    d_ypred_d_h1 = network.w5 * d_ypred_d_sum_o1
    d_ypred_d_h2 = network.w6 * d_ypred_d_sum_o1

    # Neuron h1: h1 = f(w1 * x1 + w2 * x2 + b1).
    d_h1_d_sum_h1 = h1 * (1 - h1)
    d_h1_d_w1 = x1 * d_h1_d_sum_h1
    d_h1_d_w2 = x2 * d_h1_d_sum_h1
    d_h1_d_b1 = d_h1_d_sum_h1

    # Neuron h2: h2 = f(w3 * x1 + w4 * x2 + b2).
    d_h2_d_sum_h2 = h2 * (1 - h2)
    d_h2_d_w3 = x1 * d_h2_d_sum_h2
    d_h2_d_w4 = x2 * d_h2_d_sum_h2
    d_h2_d_b2 = d_h2_d_sum_h2

    # The chain rule: multiply the factors along the path from L to each parameter.
    d_L_d_w1 = d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w1
    d_L_d_w2 = d_L_d_ypred * d_ypred_d_h1 * d_h1_d_w2
    d_L_d_w3 = d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w3
    d_L_d_w4 = d_L_d_ypred * d_ypred_d_h2 * d_h2_d_w4
    d_L_d_w5 = d_L_d_ypred * d_ypred_d_w5
    d_L_d_w6 = d_L_d_ypred * d_ypred_d_w6
    d_L_d_b1 = d_L_d_ypred * d_ypred_d_h1 * d_h1_d_b1
    d_L_d_b2 = d_L_d_ypred * d_ypred_d_h2 * d_h2_d_b2
    d_L_d_b3 = d_L_d_ypred * d_ypred_d_b3
    return d_L_d_w1, d_L_d_w2, d_L_d_w3, d_L_d_w4, d_L_d_w5, d_L_d_w6, d_L_d_b1, d_L_d_b2, d_L_d_b3


def _sgd_step(
    network: NeuralNetwork, x1: float, x2: float, y_true: float, learn_rate: float
) -> None:
    """One SGD move on one sample, without checks."""
    d_L_d_w1, d_L_d_w2, d_L_d_w3, d_L_d_w4, d_L_d_w5, d_L_d_w6, d_L_d_b1, d_L_d_b2, d_L_d_b3 = (
        _gradients(network, x1, x2, y_true)
    )
    # Step each parameter against its slope: downhill for the loss.
    network.w1 -= learn_rate * d_L_d_w1
    network.w2 -= learn_rate * d_L_d_w2
    network.w3 -= learn_rate * d_L_d_w3
    network.w4 -= learn_rate * d_L_d_w4
    network.w5 -= learn_rate * d_L_d_w5
    network.w6 -= learn_rate * d_L_d_w6
    network.b1 -= learn_rate * d_L_d_b1
    network.b2 -= learn_rate * d_L_d_b2
    network.b3 -= learn_rate * d_L_d_b3


class TrainingDivergedError(ArithmeticError):
    """Training blew up: the parameters (and so the loss) became infinite or NaN.

    Raised by `train` and `train_batches`, almost always because the learning
    rate is too large. Before it is raised, the network is put back exactly
    as it was when the training call began, so you can try again from the
    same start with a smaller learning rate.

    Attributes
    ----------
    epoch : int
        The epoch (counting from 0) after which the parameters were found
        infinite or NaN. `train_batches` checks after every epoch; `train`
        checks when it measures the loss (every `every` epochs) and after
        the last epoch, where the check costs little next to the training.
    learn_rate : float
        The learning rate that was used.

    Examples
    --------
    >>> error = TrainingDivergedError(3, 1e300, "train")
    >>> error.epoch, error.learn_rate
    (3, 1e+300)
    """

    def __init__(self, epoch: int, learn_rate: float, function: str) -> None:
        self.epoch = epoch
        self.learn_rate = learn_rate
        super().__init__(
            f"training diverged by epoch {epoch}: the parameters grew to infinity or NaN, "
            f"so the loss is no longer a number. learn_rate={learn_rate:g} is too large "
            f"for this data; try a smaller one, such as {learn_rate / 10:g}. The network "
            f"has been put back as it was before {function}() was called."
        )


def _all_finite(network: NeuralNetwork) -> bool:
    return all(isfinite(value) for value in network.parameters().values())


def _check_network(network: Any) -> NeuralNetwork:
    if not isinstance(network, NeuralNetwork):
        raise TypeError(f"network must be a NeuralNetwork, got {type(network).__name__}")
    network.check_parameters()
    return network


def gradients(network: NeuralNetwork, x: ArrayLike, y_true: float) -> dict[str, float]:
    """The partial derivatives of one sample's loss with respect to every parameter.

    For the loss of a single sample, `L = (y_true - y_pred) ** 2`, this returns
    dL/dw1, ..., dL/dw6, dL/db1, dL/db2, dL/db3, each found with the chain rule,
    for example `dL/dw1 = dL/dy_pred * dy_pred/dh1 * dh1/dw1`.

    Parameters
    ----------
    network : NeuralNetwork
        The network at its current parameters. It is not changed.
    x : array_like of shape (2,)
        One sample's two inputs.
    y_true : float
        That sample's right answer (1 for F, 0 for M).

    Returns
    -------
    dict of str to float
        ``{"w1": dL/dw1, ..., "b3": dL/db3}``, in the order of `PARAMETER_NAMES`.
        A positive value means that increasing the parameter increases the loss.

    Raises
    ------
    TypeError
        If `network` is not a `NeuralNetwork`, or `x` or `y_true` is not numeric.
    ValueError
        If `x` does not have shape (2,), or `x` or `y_true` is NaN or infinite.

    Examples
    --------
    Alice (shifted inputs [-2, -1], F = 1) and the network of chapter 3. It
    outputs f(f(-1)) = 0.566833 for her, too low, so dL/db3 is negative:
    raising b3 would lower the loss. By hand, dL/db3 is
    -2 * (1 - 0.566833) * 0.566833 * (1 - 0.566833) = -0.212714.

    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> d_L_d = gradients(net, [-2, -1], 1)
    >>> round(d_L_d["b3"], 6)
    -0.212714
    """
    _check_network(network)
    x1, x2 = as_vector(x, "x", length=2).tolist()
    slopes = _gradients(network, x1, x2, as_real(y_true, "y_true"))
    return dict(zip(PARAMETER_NAMES, slopes, strict=True))


def sgd_step(network: NeuralNetwork, x: ArrayLike, y_true: float, learn_rate: float = 0.1) -> None:
    """Move every parameter one small step downhill on one sample's loss.

    Each parameter p becomes `p - learn_rate * dL/dp`, with the derivatives
    from `gradients`, all taken at the parameters before the step.

    Parameters
    ----------
    network : NeuralNetwork
        The network to update, in place.
    x : array_like of shape (2,)
        One sample's two inputs.
    y_true : float
        That sample's right answer (1 for F, 0 for M).
    learn_rate : float, default 0.1
        How far to step, greater than 0.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If `x` does not have shape (2,), a number is NaN or infinite, or
        `learn_rate` is not greater than 0. The network is then unchanged.

    Examples
    --------
    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> slope = gradients(net, [-2, -1], 1)["b3"]
    >>> sgd_step(net, [-2, -1], 1, learn_rate=0.1)
    >>> net.b3 == 0 - 0.1 * slope
    True
    """
    _check_network(network)
    x1, x2 = as_vector(x, "x", length=2).tolist()
    checked_y = as_real(y_true, "y_true")
    checked_rate = as_positive_real(learn_rate, "learn_rate")
    _sgd_step(network, x1, x2, checked_y, checked_rate)


def train(
    network: NeuralNetwork,
    data: ArrayLike,
    all_y_trues: ArrayLike,
    learn_rate: float = 0.1,
    epochs: int = 1000,
    *,
    every: int = 10,
    verbose: bool = False,
    callback: Callable[[int, float], object] | None = None,
) -> list[float]:
    """Train the network with per-sample SGD, the way the original tutorial does.

    Each epoch visits the samples in their given order and makes one
    `sgd_step` per sample. Every `every` epochs the mean squared error over
    the whole data set is recorded (and printed, with `verbose`).

    Parameters
    ----------
    network : NeuralNetwork
        The network to train, in place.
    data : array_like of shape (n_samples, 2)
        The inputs, one sample per row (shifted weight and height).
    all_y_trues : array_like of shape (n_samples,)
        The right answer for each row of `data`.
    learn_rate : float, default 0.1
        The step size, greater than 0.
    epochs : int, default 1000
        How many times to go through the whole data set, at least 1.
    every : int, default 10
        Measure the loss after epochs 0, every, 2*every, ... (the tutorial
        measures every 10 epochs; pass 1 for every epoch). Training itself is
        the same whatever `every` is.
    verbose : bool, default False
        If true, print ``Epoch N loss: L`` (L to three decimals) at each report.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` at each report.

    Returns
    -------
    list of float
        The loss history: ``history[i]`` is the MSE over `data` after epoch
        ``i * every`` (epochs count from 0), so with the defaults it holds the
        loss after epochs 0, 10, ..., 990.

    Raises
    ------
    TypeError
        If an argument has the wrong type, or `callback` is not callable.
    ValueError
        If `data` is not of shape (n_samples, 2), `all_y_trues` does not have
        one value per row, a number is NaN or infinite, or `learn_rate`,
        `epochs` or `every` is not positive. Everything is checked before the
        first step, so a refused call leaves the network unchanged.
    TrainingDivergedError
        If the parameters become infinite or NaN (checked every `every`
        epochs and after the last). The network is then put back as it was
        before the call.

    Warns
    -----
    InputScaleWarning
        If `data` holds values beyond ±50, which saturate the sigmoids: the
        tutorial's raw weights and heights (in the hundreds and sixties) need
        `shift` first.

    Notes
    -----
    Starting from the same parameters, this ends on the same parameters as the
    original tutorial's code (to about 1e-15); it is the same algorithm, with
    each sigmoid computed once per step instead of fourteen times, on plain
    Python floats instead of numpy scalars, which makes it several times
    faster (see ``benchmarks/seed_training.py``).

    Examples
    --------
    >>> from nn_from_scratch import training_data
    >>> data, all_y_trues = training_data()
    >>> net = NeuralNetwork.random(42)
    >>> history = train(net, data, all_y_trues, epochs=30, verbose=True)
    Epoch 0 loss: 0.243
    Epoch 10 loss: 0.103
    Epoch 20 loss: 0.065
    >>> len(history)
    3
    """
    _check_network(network)
    rows = as_matrix(data, "data", n_columns=2)
    labels = as_vector(all_y_trues, "all_y_trues")
    if labels.shape[0] != rows.shape[0]:
        raise ValueError(
            f"all_y_trues must have one value per row of data ({rows.shape[0]}), "
            f"got {labels.shape[0]}"
        )
    rate = as_positive_real(learn_rate, "learn_rate")
    n_epochs = as_positive_int(epochs, "epochs")
    report_every = as_positive_int(every, "every")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable or None, got {type(callback).__name__}")

    warn_if_unscaled(float(np.abs(rows).max()), "data", stacklevel=2)

    samples = list(zip(rows.tolist(), labels.tolist(), strict=True))
    start = network.parameters()
    history = []
    for epoch in range(n_epochs):
        for (x1, x2), y_true in samples:
            _sgd_step(network, x1, x2, y_true, rate)

        report = epoch % report_every == 0
        if (report or epoch == n_epochs - 1) and not _all_finite(network):
            # Steps too large overshoot, each further than the last, until the
            # numbers overflow: stop, rather than go on training on infinities.
            for name, value in start.items():
                setattr(network, name, value)
            raise TrainingDivergedError(epoch, rate, "train")
        if report:
            # The MSE over all samples, as mse_loss computes it, on plain floats
            # (mse_loss first checks its inputs, which costs more than the sum).
            errors = [(y_true - network._outputs(x1, x2)[2]) ** 2 for (x1, x2), y_true in samples]
            history.append(sum(errors) / len(errors))
            if verbose:
                print(f"Epoch {epoch} loss: {history[-1]:.3f}")
            if callback is not None:
                callback(epoch, history[-1])
    return history
