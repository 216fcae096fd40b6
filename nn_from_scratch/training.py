"""Chapters 5 and 6: gradients by backpropagation, and training with SGD.

Training repeats one small move, over and over: take one sample, work out how
the loss on that sample changes when each parameter changes (the partial
derivatives, found with the chain rule), and nudge every parameter a little
the other way:

    w <- w - learn_rate * dL/dw

`backprop` computes the nine partial derivatives and `update` makes one move;
`gradients`, `sgd_step` and `train` are the same math behind the checks of
`nn_from_scratch.checks`, where data enters. `record` is what both trainers,
this one and chapter 7's `train_batches`, do with the loss every few epochs;
`diverged` is how both tell that training has blown up, and `smaller_rate`
how they find a learning rate to suggest instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .loss import mse
from .network import PARAMETER_NAMES, NeuralNetwork

__all__ = [
    "GROWTH_LIMIT",
    "RATE_TRIES",
    "TrainingDivergedError",
    "backprop",
    "diverged",
    "gradients",
    "record",
    "sgd_step",
    "smaller_rate",
    "train",
    "update",
]

Gradients = tuple[float, float, float, float, float, float, float, float, float]

GROWTH_LIMIT = 1e6
"""How far the loss may grow before training counts as diverged (see `diverged`).

A million times the loss before training, or a million if that loss is below
1. Every training run of the tutorial, its exercises, figures and benchmarks
stays below 20 times its starting loss (the worst, the moons chapter's
``learn_rate=30``, whose loss bounces but stays finite), so the limit is
tens of thousands of times above any run that trains. A rate too large
multiplies the loss by a constant factor each epoch, so it crosses the limit
long before the numbers overflow float64 (near 1.8e308).
"""

RATE_TRIES = 3
"""How many smaller learning rates a diverged training tries: a tenth, a hundredth, a thousandth."""


def backprop(network: NeuralNetwork, x1: float, x2: float, y_true: float) -> Gradients:
    """The nine partial derivatives of one sample's loss, dL/dw1 to dL/db3, unchecked.

    Takes the sample's inputs `x1`, `x2` and its answer `y_true` as floats;
    returns the nine floats in the order of `PARAMETER_NAMES`.

    Backpropagation, as chapter 5 teaches it: from the loss back, each node's
    slope (dL/dsum_o1, dL/dh1, dL/dsum_h1, ...) is computed once, from the
    node after it, and every parameter's slope is its neuron's dL/dsum times
    what the parameter multiplies in that sum. Nothing is multiplied twice:
    15 multiplications, where the nine chains written out in full take 27.

    Examples
    --------
    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> d_L_d_b3 = backprop(net, -2.0, -1.0, 1.0)[-1]
    >>> round(d_L_d_b3, 6)
    -0.212714
    """
    # Forward pass, keeping h1, h2 and o1: the slopes are made of them.
    h1, h2, o1 = network.outputs(x1, x2)
    y_pred = o1

    # L = (y_true - y_pred) ** 2, so:
    d_L_d_ypred = -2 * (y_true - y_pred)

    # Through o1's sigmoid to its sum, w5 * h1 + w6 * h2 + b3. The sigmoid's slope
    # is f * (1 - f), and f of o1's sum is o1 itself, so nothing is recomputed.
    d_L_d_sum_o1 = d_L_d_ypred * o1 * (1 - o1)
    d_L_d_w5 = d_L_d_sum_o1 * h1
    d_L_d_w6 = d_L_d_sum_o1 * h2
    d_L_d_b3 = d_L_d_sum_o1

    # Back along w5 and w6 to the hidden neurons.
    d_L_d_h1 = d_L_d_sum_o1 * network.w5
    d_L_d_h2 = d_L_d_sum_o1 * network.w6

    # Through each hidden neuron's sigmoid to its sum, then to what the sum adds up.
    d_L_d_sum_h1 = d_L_d_h1 * h1 * (1 - h1)
    d_L_d_w1 = d_L_d_sum_h1 * x1
    d_L_d_w2 = d_L_d_sum_h1 * x2
    d_L_d_b1 = d_L_d_sum_h1

    d_L_d_sum_h2 = d_L_d_h2 * h2 * (1 - h2)
    d_L_d_w3 = d_L_d_sum_h2 * x1
    d_L_d_w4 = d_L_d_sum_h2 * x2
    d_L_d_b2 = d_L_d_sum_h2
    return d_L_d_w1, d_L_d_w2, d_L_d_w3, d_L_d_w4, d_L_d_w5, d_L_d_w6, d_L_d_b1, d_L_d_b2, d_L_d_b3


def update(network: NeuralNetwork, x1: float, x2: float, y_true: float, learn_rate: float) -> None:
    """One SGD move on one sample, unchecked: each parameter steps against its slope, in place.

    Examples
    --------
    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> update(net, -2.0, -1.0, 1.0, learn_rate=0.1)
    >>> round(net.b3, 7)  # 0 - 0.1 * (-0.212714)
    0.0212714
    """
    d_L_d_w1, d_L_d_w2, d_L_d_w3, d_L_d_w4, d_L_d_w5, d_L_d_w6, d_L_d_b1, d_L_d_b2, d_L_d_b3 = (
        backprop(network, x1, x2, y_true)
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


class TrainingDivergedError(ValueError, ArithmeticError):
    """Training blew up: the loss grew far beyond where it started, or overflowed.

    Raised by `train` and `train_batches`, almost always because the learning
    rate is too large: see `diverged` for the rule. The network is first put
    back exactly as it was when the call began, so you can try again with a
    smaller learning rate; the trainer has already tried the same call with
    a few (`smaller_rate`), and the message names the first that trained.

    Attributes
    ----------
    epoch : int
        The epoch (counting from 0) after which it was found.
    learn_rate : float
        The learning rate that was used.
    trainer : str
        ``"train"`` or ``"train_batches"``.
    suggested_rate : float or None
        A smaller learning rate with which the same call trained, from the
        same starting parameters, without diverging and ending on a lower loss
        than it started from; None if none of the rates tried did.

    Examples
    --------
    >>> error = TrainingDivergedError(3, 10.0, "train_batches", suggested_rate=0.1)
    >>> error.epoch, error.learn_rate, error.suggested_rate
    (3, 10.0, 0.1)
    >>> "with learn_rate=0.1 instead" in str(error)
    True
    """

    def __init__(
        self, epoch: int, learn_rate: float, trainer: str, suggested_rate: float | None = None
    ) -> None:
        # Checked here, so that str(error) cannot fail later on what it was given.
        epoch = checks.positive_int(epoch, "epoch", least=0)
        learn_rate = checks.real(learn_rate, "learn_rate")
        trainer = checks.one_of(trainer, "trainer", ("train", "train_batches"))
        if suggested_rate is not None:
            suggested_rate = checks.real(suggested_rate, "suggested_rate")
        # Kept in .args too: pickling rebuilds the error from them.
        super().__init__(epoch, learn_rate, trainer, suggested_rate)
        self.epoch, self.learn_rate, self.trainer = epoch, learn_rate, trainer
        self.suggested_rate = suggested_rate

    def __str__(self) -> str:
        rate, suggested = self.learn_rate, self.suggested_rate
        if suggested is not None:
            advice = (
                f"learn_rate={rate:g} is too large for this data: with learn_rate={suggested:g} "
                f"instead, the same call trains (its loss ends lower than it started)."
            )
        else:
            advice = (
                f"learn_rate={rate:g} may be too large, but no rate down to a thousandth of it "
                f"trained from the same start either: check the data and the starting "
                f"parameters, or try a much smaller rate."
            )
        return (
            f"training diverged by epoch {self.epoch}: the loss grew to more than a million "
            f"times where it started, or overflowed to infinity or NaN. {advice} The network "
            f"has been put back as it was before {self.trainer}() was called."
        )


def diverged(loss: float, start: float) -> bool:
    """Whether `loss` means training has diverged, for a run whose loss began at `start`.

    True if `loss` is infinite or NaN, or larger than `GROWTH_LIMIT` (a
    million) times the larger of `start` and 1. The floor of 1 keeps a run
    that starts near a loss of 0 (a network trained further) from being
    stopped by a small rise, which is a large ratio.

    Examples
    --------
    >>> diverged(0.5, start=0.25), diverged(float("nan"), start=0.25)
    (False, True)
    >>> diverged(2e6, start=0.25), diverged(2e6, start=10.0)
    (True, False)
    """
    return not loss <= GROWTH_LIMIT * max(start, 1.0)  # NaN fails every comparison


def smaller_rate(
    attempt: Callable[[float], tuple[float, float]], learn_rate: float
) -> float | None:
    """The first of `learn_rate` / 10, / 100, / 1000 with which `attempt` trains, or None.

    ``attempt(rate)`` runs the diverged call again with `rate`, on a copy of
    its starting parameters, and returns its loss before and after training;
    it raises `TrainingDivergedError` if that diverges too. A rate "trains"
    if it does not diverge and its loss ends lower than it started. At most
    `RATE_TRIES` attempts are made, each as long as the diverged call.

    Examples
    --------
    A made-up attempt whose loss falls only for rates below 0.5:

    >>> def attempt(rate):
    ...     return 1.0, (0.1 if rate < 0.5 else 2.0)
    >>> smaller_rate(attempt, 10.0)
    0.1
    >>> print(smaller_rate(attempt, 1000.0))
    None
    """
    for tries in range(1, RATE_TRIES + 1):
        rate = learn_rate / 10.0**tries
        if rate == 0:  # below the smallest float: no step at all
            break
        try:
            start, end = attempt(rate)
        except TrainingDivergedError:
            continue
        if end < start:
            return rate
    return None


def record(
    history: list[float],
    epoch: int,
    loss: float,
    *,
    learn_rate: float,
    trainer: str,
    verbose: bool,
    callback: Callable[[int, float], object] | None,
) -> None:
    """What both trainers do every `every` epochs: keep the loss, print it, pass it on.

    Appends `loss` (after epoch `epoch`) to `history`; prints ``Epoch N loss: L``
    if `verbose`; calls ``callback(epoch, loss)``. A loss that is infinite or
    NaN raises `TrainingDivergedError` (for `trainer` and `learn_rate`) instead.

    Examples
    --------
    >>> history = []
    >>> record(history, 10, 0.25, learn_rate=0.1, trainer="train", verbose=True, callback=None)
    Epoch 10 loss: 0.250
    >>> history
    [0.25]
    """
    if not math.isfinite(loss):
        raise TrainingDivergedError(epoch, learn_rate, trainer)
    history.append(loss)
    if verbose:
        print(f"Epoch {epoch} loss: {loss:.3f}")
    if callback is not None:
        callback(epoch, loss)


@checks.unchanged_if_refused
def gradients(network: NeuralNetwork, x: ArrayLike, y_true: float) -> dict[str, float]:
    """The partial derivatives of one sample's loss with respect to every parameter.

    For the loss of a single sample, `L = (y_true - y_pred) ** 2`, this returns
    dL/dw1, ..., dL/dw6, dL/db1, dL/db2, dL/db3, by the chain rule, for example
    `dL/dw1 = dL/dy_pred * dy_pred/dh1 * dh1/dw1`, computed by backpropagation
    (`backprop`), which works out each shared part of the chains once.

    Parameters
    ----------
    network : NeuralNetwork
        The network at its current parameters. It is not changed.
    x : array_like of shape (2,)
        One sample's two inputs.
    y_true : float
        That sample's right answer, between 0 and 1 (1 for F, 0 for M).

    Returns
    -------
    dict of str to float
        ``{"w1": dL/dw1, ..., "b3": dL/db3}``, in the order of `PARAMETER_NAMES`.
        A positive value means that increasing the parameter increases the loss.

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
    network = checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
    x1, x2 = checks.vector(x, "x", length=2).tolist()
    y = checks.in_range(y_true, "y_true", 0, 1)
    slopes = checks.no_overflow(
        backprop, network, x1, x2, y, blame="x and the parameters are too large"
    )
    return dict(zip(PARAMETER_NAMES, slopes, strict=True))


@checks.unchanged_if_refused
def sgd_step(network: NeuralNetwork, x: ArrayLike, y_true: float, learn_rate: float = 0.1) -> None:
    """Move every parameter one small step downhill on one sample's loss.

    Each parameter p becomes `p - learn_rate * dL/dp`, with the derivatives
    from `gradients`, all taken at the parameters before the step (`update`).

    Parameters
    ----------
    network : NeuralNetwork
        The network to update, in place (or not at all, if a parameter would
        overflow: that is a `ValueError`).
    x : array_like of shape (2,)
        One sample's two inputs.
    y_true : float
        That sample's right answer, between 0 and 1 (1 for F, 0 for M).
    learn_rate : float, default 0.1
        How far to step, greater than 0.

    Examples
    --------
    >>> net = NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0)
    >>> slope = gradients(net, [-2, -1], 1)["b3"]
    >>> sgd_step(net, [-2, -1], 1, learn_rate=0.1)
    >>> net.b3 == 0 - 0.1 * slope
    True
    """
    network = checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
    x1, x2 = checks.vector(x, "x", length=2).tolist()
    y = checks.in_range(y_true, "y_true", 0, 1)
    rate = checks.positive_real(learn_rate, "learn_rate")
    # The forward pass's sums can overflow and cancel to a wrong finite answer; the
    # step below repeats exactly those sums, so they are watched once, here.
    checks.no_overflow(network.outputs, x1, x2, blame="x and the parameters are too large")
    with checks.restored_on_error(network):
        update(network, x1, x2, y, rate)
        checks.no_overflow(
            network.parameters, blame="learn_rate, x and the parameters are too large"
        )


@checks.unchanged_if_refused
def train(
    network: NeuralNetwork,
    data: ArrayLike,
    all_y_trues: ArrayLike,
    learn_rate: float = 0.1,
    epochs: int = 1000,
    *,
    every: int | None = 10,
    verbose: bool = False,
    callback: Callable[[int, float], object] | None = None,
) -> list[float]:
    """Train the network with per-sample SGD, the way the original tutorial does.

    Each epoch visits the samples in their given order and makes one
    `update` per sample. Every `every` epochs the mean squared error over
    the whole data set is recorded (and printed, with `verbose`).

    Parameters
    ----------
    network : NeuralNetwork
        The network to train, in place.
    data : array_like of shape (n_samples, 2)
        The inputs, one sample per row (shifted weight and height).
    all_y_trues : array_like of shape (n_samples,)
        The right answer for each row of `data`, between 0 and 1.
    learn_rate : float, default 0.1
        The step size, greater than 0.
    epochs : int, default 1000
        How many times to go through the whole data set: at least 1, at most
        100,000,000.
    every : int or None, default 10
        Record the loss after epochs 0, every, 2*every, ... (the tutorial
        measures every 10 epochs; pass 1 for every epoch, None for never).
        Training itself is the same whatever `every` is.
    verbose : bool, default False
        If true, print ``Epoch N loss: L`` (L to three decimals) at each record.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` at each record.

    Returns
    -------
    list of float
        The loss history: ``history[i]`` is the MSE over `data` after epoch
        ``i * every`` (epochs count from 0), so with the defaults it holds the
        loss after epochs 0, 10, ..., 990.

    Raises
    ------
    TrainingDivergedError
        If, at a record of the loss or after the last epoch, the loss has
        `diverged` (grown to more than a million times where it started, or
        to infinity or NaN) or a parameter is infinite or NaN. Before it is
        raised, the same call is tried with `learn_rate` / 10, / 100 and
        / 1000 (`smaller_rate`: on a copy of the starting parameters, without
        `verbose` or `callback`, each stopping if it diverges), and the first
        that trains is named in the message and kept as ``suggested_rate``.
        So a call that diverges takes at most about four times as long as the
        whole call would. Whatever stops training early (this, an exception
        in `callback`, Ctrl-C, also during those tries), the network is put
        back as it was before the call.

    Warns
    -----
    InputScaleWarning
        If `data` holds values beyond ±50 (raw weights and heights: `shift` them).

    Notes
    -----
    It ends on the same parameters as the original tutorial's code (to about
    1e-15): the same algorithm, with each sigmoid computed once per step
    instead of fourteen times, on Python floats instead of numpy scalars,
    several times faster (``benchmarks/seed_training.py``).

    Its output is a sigmoid, so its loss never exceeds 1: a learning rate far
    too large saturates the neurons (the loss gets stuck) rather than making
    the loss grow. It diverges only when a parameter overflows.

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
    network = checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
    data = checks.matrix(data, "data", n_columns=2)
    all_y_trues = checks.labels(all_y_trues, "all_y_trues", data)
    learn_rate = checks.positive_real(learn_rate, "learn_rate")
    epochs = checks.positive_int(epochs, "epochs", most=checks.MOST)
    every = checks.every(every)
    verbose = checks.flag(verbose, "verbose")
    callback = checks.callback(callback)
    checks.warn_if_unscaled(data, "data", stacklevel=3)  # past unchanged_if_refused
    # As in sgd_step: the first forward pass of every sample, watched for an overflow
    # that cancels. Later ones are the divergence check's (`diverged`).
    for x1, x2 in data.tolist():
        checks.no_overflow(network.outputs, x1, x2, blame="data and the parameters are too large")

    samples = list(zip(data.tolist(), all_y_trues.tolist(), strict=True))
    try:
        with checks.restored_on_error(network):
            history, _, _ = _train_epochs(
                network, samples, all_y_trues, learn_rate, epochs, every, verbose, callback
            )
    except TrainingDivergedError as error:
        # The network is back at its start: try smaller rates on copies of it.
        start = network.parameters()

        def attempt(rate: float) -> tuple[float, float]:
            _, first, last = _train_epochs(
                NeuralNetwork(**start), samples, all_y_trues, rate, epochs, every, False, None
            )
            return first, last

        suggested = smaller_rate(attempt, learn_rate)
        raise TrainingDivergedError(error.epoch, learn_rate, "train", suggested) from None
    return history


def _train_epochs(
    network: NeuralNetwork,
    samples: list[tuple[list[float], float]],
    all_y_trues: NDArray[np.float64],
    learn_rate: float,
    epochs: int,
    every: int | None,
    verbose: bool,
    callback: Callable[[int, float], object] | None,
) -> tuple[list[float], float, float]:
    """`train`'s loop, on checked arguments: the history, and the loss before and after."""

    def current_loss() -> float:
        y_preds = np.array([network.outputs(x1, x2)[2] for (x1, x2), _ in samples])
        return mse(all_y_trues, y_preds)

    start = loss = current_loss()
    if diverged(start, start):  # the starting parameters already overflow on this data
        raise TrainingDivergedError(0, learn_rate, "train")
    history: list[float] = []
    for epoch in range(epochs):
        for (x1, x2), y_true in samples:
            update(network, x1, x2, y_true, learn_rate)
        recording = every is not None and epoch % every == 0
        if not recording and epoch < epochs - 1:
            continue
        # Steps too large overshoot, each further than the last. Checked at each record
        # and at the end: checking every epoch would cost a fifth of the time.
        loss = current_loss()
        if diverged(loss, start) or not all(map(math.isfinite, network.parameters().values())):
            raise TrainingDivergedError(epoch, learn_rate, "train")
        if recording:
            record(history, epoch, loss, learn_rate=learn_rate, trainer="train",
                   verbose=verbose, callback=callback)  # fmt: skip
            if callback is not None:  # it may have changed a parameter: checked as at the start
                checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
    return history, start, loss
