"""Chapter 8: checking gradients.

Backpropagation is a lot of hand-written derivatives, and one wrong sign or
missing factor still "trains", only badly. A finite difference needs no
derivatives at all: nudge one parameter by a tiny `eps` each way and measure
how the loss moves,

    dL/dp  ~  (L(p + eps) - L(p - eps)) / (2 * eps),

which is off from the true slope by about `eps**2 * f'''(p) / 6`, `f'''` the
third derivative (a "central" difference).
It is far too slow to train with, one pair of forward passes per parameter,
but perfect for checking: compare it with backpropagation's answer for every
parameter, and the worst relative error says whether the two agree.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .loss import Loss
from .matrix import KINDS, MatrixNetwork

__all__ = ["check_gradients", "relative_error", "worst_error"]


def relative_error(a: float, b: float) -> float:
    """How far apart two numbers are, relative to their size: `|a - b| / (|a| + |b|)`.

    Parameters
    ----------
    a, b : float
        The two numbers, e.g. a derivative from backpropagation and the same
        derivative from finite differences.

    Returns
    -------
    float
        Between 0 (equal) and 1 (as different as can be, e.g. opposite signs
        or one of them 0); 0.0 when both are 0. Chapter 8's rule, with a step
        of 1e-6: below 1e-6 the two agree; 1e-2 or more, something is wrong.

    Examples
    --------
    >>> relative_error(0.25, 0.25)
    0.0
    >>> round(relative_error(1.0, 1.001), 8)  # 0.001 / 2.001
    0.00049975
    >>> relative_error(0.0, 0.0)
    0.0
    """
    a, b = checks.real(a, "a"), checks.real(b, "b")
    largest = max(abs(a), abs(b))
    if largest == 0:
        return 0.0
    a, b = a / largest, b / largest  # now at most 1 in size: a - b cannot overflow
    return abs(a - b) / (abs(a) + abs(b))


@checks.unchanged_if_refused
def check_gradients(
    network: MatrixNetwork, X: ArrayLike, Y: ArrayLike, loss: str | Loss = "mse", eps: float = 1e-6
) -> float:
    """Compare backpropagation's gradients with central finite differences.

    For every weight and bias p of `network`, computes
    `(L(p + eps) - L(p - eps)) / (2 eps)` and the relative error between that
    and backpropagation's dL/dp (`MatrixNetwork.gradients`), and returns the
    worst one. The network is left exactly as it was.

    Parameters
    ----------
    network : MatrixNetwork
        The network to check, at its current parameters.
    X : array_like of shape (n_samples, n_inputs)
        The samples the loss is measured on.
    Y : array_like of shape (n_samples, n_outputs), or (n_samples,) for one output
        Their answers.
    loss : {"mse", "bce", "cross_entropy"} or Loss, default "mse"
        A name from `LOSSES`, or a `Loss` of your own.
    eps : float, default 1e-6
        The nudge, between ``1e-9 * max(1, |largest parameter|)`` and 0.1.
        Much larger and the difference is no longer a good slope; much smaller
        and rounding errors swamp it, until `p + eps` is `p` itself and a
        wrong derivative would go unnoticed.

    Returns
    -------
    float
        The worst relative error over all parameters (see Notes for tiny
        slopes). Below about 1e-6: backpropagation is right. A wrong
        derivative typically gives 1e-2 or more.

    Notes
    -----
    Rounding limits what a finite difference can measure: the loss is known
    to about 16 significant digits, so a measured slope is uncertain by about
    `1e-16 * |L| / eps`. A slope far below that cannot be compared relative
    to its own size (a correct slope of 1e-9 would look about 5% wrong), so the
    relative error divides by at least `1e-9 * max(|L|, 1) / eps` (1e-3 with
    the default `eps` and a loss below 1): a mistake in a slope smaller than
    that shows up scaled down. Around a ReLU's kink (z exactly 0) the two can
    disagree for real: the slope jumps there.

    Examples
    --------
    >>> import numpy as np
    >>> net = MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    >>> X = np.array([[0.5, -1.0], [1.5, 2.0]])
    >>> check_gradients(net, X, [1, 0], loss="bce") < 1e-6
    True
    """
    network, X_, Y_, loss_ = checks.batch(network, X, Y, loss, KINDS)
    step = checks.finite_difference_step(eps, network)
    blame = "X, Y and the weights are too large"
    checks.no_overflow(checks.watched_outputs, network, X_, blame=blame)  # on every BLAS thread
    return checks.no_overflow(worst_error, network, X_, Y_, loss_, step, blame=blame)


def worst_error(
    network: MatrixNetwork, X: NDArray[np.float64], Y: NDArray[np.float64], loss: Loss, eps: float
) -> float:
    """`check_gradients`'s comparison, unchecked: float64 arrays of the right shapes in.

    Parameters
    ----------
    network : MatrixNetwork
        Each parameter is nudged in turn, and put back exactly.
    X : ndarray of shape (n_samples, n_inputs)
    Y : ndarray of shape (n_samples, n_outputs)
    loss : Loss
    eps : float

    Returns
    -------
    float
        The worst relative error (NaN if a loss was NaN).

    Examples
    --------
    >>> from nn_from_scratch import LOSSES
    >>> net = MatrixNetwork([[[0.5]]], [[0.0]], "sigmoid")
    >>> worst_error(net, np.array([[1.0]]), np.array([[1.0]]), LOSSES["mse"], 1e-6) < 1e-6
    True
    """
    outputs = network.layer_outputs(X)
    d_L_d_W, d_L_d_b = network.backward(outputs, network.output_delta(loss, Y, outputs[-1]))
    # The loss is known to about 16 digits, so a measured slope is uncertain by
    # about 1e-16 * |L| / eps (1e-10 for eps = 1e-6). Slopes much smaller than
    # `floor` cannot be measured relative to their own size; they are compared
    # as if they had size `floor`, where that noise is a relative 1e-7.
    floor = 1e-9 * max(abs(loss.f(Y, outputs[-1])), 1.0) / eps

    errors = [0.0]
    for params, grads in ((network.weights, d_L_d_W), (network.biases, d_L_d_b)):
        for param, grad in zip(params, grads, strict=True):
            for index in np.ndindex(param.shape):
                original = param[index]
                try:
                    param[index] = original + eps
                    loss_up = loss.f(Y, network.layer_outputs(X)[-1])
                    param[index] = original - eps
                    loss_down = loss.f(Y, network.layer_outputs(X)[-1])
                finally:
                    param[index] = original  # put it back exactly, whatever happens
                numeric = (loss_up - loss_down) / (2 * eps)
                analytic = float(grad[index])
                size = max(abs(analytic) + abs(numeric), floor)
                errors.append(abs(analytic - numeric) / size)
    return float(np.max(errors))  # np.max, unlike max(), passes a NaN on
