"""Chapter 13: faster descent — momentum and Adam.

Plain SGD moves every parameter against its gradient, a fixed fraction of it:

    w <- w - learn_rate * g                          (SGD)

Momentum keeps a running sum of past gradients, a velocity `v` that starts
at 0, and steps along it; a direction the gradients agree on builds speed,
while a back-and-forth cancels out:

    v <- beta * v + g
    w <- w - learn_rate * v                          (momentum)

Adam keeps a running mean `m` of the gradients and `s` of their squares, and
divides one by the square root of the other, so every parameter moves about
`learn_rate` per step, whatever the size of its gradient:

    m <- beta1 * m + (1 - beta1) * g
    s <- beta2 * s + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t),  s_hat = s / (1 - beta2**t)     (t = 1, 2, ...)
    w <- w - learn_rate * m_hat / (sqrt(s_hat) + eps)            (Adam)

Both `m` and `s` start at 0, so early on they are too small; dividing by
``1 - beta**t`` undoes exactly that shrinking (at t = 1, m = (1 - beta1) * g).

Every optimizer has one method, `update(params, grads)`, which changes the
arrays in `params` in place; the velocities and means it keeps are its own,
one array per parameter, made at the first update. These are the rules of
PyTorch's ``torch.optim.SGD`` (dampening 0, not Nesterov) and
``torch.optim.Adam`` (not AMSGrad).

The valley `valley(x, y) = x**2 / 20 + y**2` is the chapter's test bed: long
and narrow, the shape on which plain SGD zig-zags.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks

__all__ = ["SGD", "Adam", "Momentum", "Optimizer", "descend", "valley", "valley_gradient"]

Array = NDArray[np.float64]


class Optimizer(abc.ABC):
    """What every optimizer is: a learning rate and one `update(params, grads)`.

    Attributes
    ----------
    learn_rate : float
        The step size. You may change it between updates, as a learning-rate
        schedule does.

    Examples
    --------
    >>> isinstance(Adam(), Optimizer)
    True
    """

    learn_rate: float

    @abc.abstractmethod
    def update(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """Move each array in `params` in place, using the gradient of the same shape in `grads`.

        Examples
        --------
        >>> w = np.array([1.0])
        >>> SGD(learn_rate=0.1).update([w], [np.array([2.0])])
        >>> w  # 1 - 0.1 * 2
        array([0.8])
        """

    @abc.abstractmethod
    def hyperparameters(self) -> dict[str, float]:
        """The numbers the optimizer was made with, by name (not what it has learned).

        Examples
        --------
        >>> Momentum(learn_rate=0.05).hyperparameters()
        {'learn_rate': 0.05, 'beta': 0.9}
        """

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.hyperparameters().items())
        return f"{type(self).__name__}({shown})"


class SGD(Optimizer):
    """Plain SGD: ``w <- w - learn_rate * g``.

    Parameters
    ----------
    learn_rate : float, default 0.1
        Greater than 0.

    Examples
    --------
    >>> w = np.array([1.0, -2.0])
    >>> SGD(learn_rate=0.5).update([w], [np.array([2.0, 2.0])])
    >>> w  # 1 - 0.5 * 2, -2 - 0.5 * 2
    array([ 0., -3.])
    """

    def __init__(self, learn_rate: float = 0.1) -> None:
        self.learn_rate = checks.positive_real(learn_rate, "learn_rate")

    def update(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """One step: every array in `params` moves against its gradient, in place.

        Examples
        --------
        >>> w = np.array([1.0])
        >>> SGD(learn_rate=0.5).update([w], [np.array([-2.0])])
        >>> w  # 1 - 0.5 * -2
        array([2.])
        """
        for w, g in zip(params, grads, strict=True):
            w -= self.learn_rate * g

    def hyperparameters(self) -> dict[str, float]:
        """``{"learn_rate": ...}``.

        Examples
        --------
        >>> SGD(0.5).hyperparameters()
        {'learn_rate': 0.5}
        """
        return {"learn_rate": self.learn_rate}


class Momentum(Optimizer):
    """SGD with momentum: ``v <- beta * v + g``, then ``w <- w - learn_rate * v``.

    Parameters
    ----------
    learn_rate : float, default 0.1
        Greater than 0.
    beta : float, default 0.9
        How much of the velocity each step keeps, in [0, 1); 0 is plain SGD.

    Attributes
    ----------
    velocities : list of ndarray, or None
        One per parameter, shaped like it; None until the first update.

    Examples
    --------
    The same gradient twice: the second step is 1 + 0.9 times the first.

    >>> w = np.array([0.0])
    >>> optimizer = Momentum(learn_rate=0.1, beta=0.9)
    >>> optimizer.update([w], [np.array([1.0])])
    >>> optimizer.update([w], [np.array([1.0])])
    >>> w  # -0.1 * 1, then -0.1 * (0.9 * 1 + 1)
    array([-0.29])
    """

    def __init__(self, learn_rate: float = 0.1, beta: float = 0.9) -> None:
        self.learn_rate = checks.positive_real(learn_rate, "learn_rate")
        self.beta = checks.fraction(beta, "beta")
        self.velocities: list[Array] | None = None

    def update(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """One step: each velocity takes in its gradient, each parameter moves along it.

        Examples
        --------
        >>> w = np.array([0.0])
        >>> optimizer = Momentum(learn_rate=1.0, beta=0.5)
        >>> optimizer.update([w], [np.array([1.0])])
        >>> optimizer.velocities, w  # v = 0.5 * 0 + 1, w = 0 - 1 * 1
        ([array([1.])], array([-1.]))
        """
        if self.velocities is None:
            self.velocities = [np.zeros_like(w) for w in params]
        for w, g, v in zip(params, grads, self.velocities, strict=True):
            v *= self.beta  # in place: the optimizer's own arrays
            v += g
            w -= self.learn_rate * v

    def hyperparameters(self) -> dict[str, float]:
        """``{"learn_rate": ..., "beta": ...}``.

        Examples
        --------
        >>> Momentum(beta=0.5).hyperparameters()
        {'learn_rate': 0.1, 'beta': 0.5}
        """
        return {"learn_rate": self.learn_rate, "beta": self.beta}


class Adam(Optimizer):
    """Adam: steps of about `learn_rate` along running means of the gradients.

    Parameters
    ----------
    learn_rate : float, default 0.001
        Greater than 0.
    beta1 : float, default 0.9
        How much of the mean of the gradients each step keeps, in [0, 1).
    beta2 : float, default 0.999
        How much of the mean of the squared gradients each step keeps, in [0, 1).
    eps : float, default 1e-8
        Added to the divisor, greater than 0, so that a zero gradient divides by no zero.

    Attributes
    ----------
    means, squares : list of ndarray, or None
        `m` and `s` of the formulas, one per parameter; None until the first update.
    t : int
        How many updates it has made.

    Examples
    --------
    At the first step, the bias correction makes the step `learn_rate` times
    the sign of the gradient (to within eps), however large the gradient:

    >>> w = np.array([0.0, 0.0])
    >>> Adam(learn_rate=0.1).update([w], [np.array([1000.0, -0.001])])
    >>> w.round(4)  # -0.1 * 1000 / (1000 + eps), -0.1 * -0.001 / (0.001 + eps)
    array([-0.1,  0.1])
    """

    def __init__(
        self,
        learn_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.learn_rate = checks.positive_real(learn_rate, "learn_rate")
        self.beta1 = checks.fraction(beta1, "beta1")
        self.beta2 = checks.fraction(beta2, "beta2")
        self.eps = checks.positive_real(eps, "eps")
        self.means: list[Array] | None = None
        self.squares: list[Array] | None = None
        self.t = 0

    def update(self, params: Sequence[Array], grads: Sequence[Array]) -> None:
        """One step: update both running means, correct their start at 0, and move.

        Examples
        --------
        >>> w = np.array([0.0])
        >>> optimizer = Adam(learn_rate=0.1)
        >>> optimizer.update([w], [np.array([2.0])])
        >>> optimizer.means, optimizer.squares  # 0.1 * 2, 0.001 * 2**2
        ([array([0.2])], [array([0.004])])
        """
        if self.means is None or self.squares is None:
            self.means = [np.zeros_like(w) for w in params]
            self.squares = [np.zeros_like(w) for w in params]
        self.t += 1
        correction1 = 1 - self.beta1**self.t  # what the means' start at 0 shrank them by
        correction2 = 1 - self.beta2**self.t
        for w, g, m, s in zip(params, grads, self.means, self.squares, strict=True):
            m *= self.beta1
            m += (1 - self.beta1) * g
            s *= self.beta2
            s += (1 - self.beta2) * g * g
            m_hat = m / correction1
            s_hat = s / correction2
            w -= self.learn_rate * m_hat / (np.sqrt(s_hat) + self.eps)

    def hyperparameters(self) -> dict[str, float]:
        """``{"learn_rate": ..., "beta1": ..., "beta2": ..., "eps": ...}``.

        Examples
        --------
        >>> Adam().hyperparameters()
        {'learn_rate': 0.001, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-08}
        """
        return {
            "learn_rate": self.learn_rate,
            "beta1": self.beta1,
            "beta2": self.beta2,
            "eps": self.eps,
        }


def valley(point: ArrayLike) -> float:
    """The long narrow valley ``x**2 / 20 + y**2``: 20 times steeper across (y) than along (x).

    Parameters
    ----------
    point : array_like of shape (2,)
        The point (x, y).

    Returns
    -------
    float
        Its height; 0 at the bottom, (0, 0).

    Examples
    --------
    >>> valley([-7.0, 2.0])  # 49 / 20 + 4
    6.45
    """
    x, y = np.asarray(point, dtype=float)
    return float(x**2 / 20 + y**2)


def valley_gradient(point: Array) -> Array:
    """The slopes of `valley` at `point`: ``[x / 10, 2 * y]``.

    Parameters
    ----------
    point : ndarray of shape (2,)

    Returns
    -------
    ndarray of shape (2,)

    Examples
    --------
    >>> valley_gradient(np.array([-7.0, 2.0]))
    array([-0.7,  4. ])
    """
    return np.array([point[0] / 10, 2 * point[1]])


def descend(optimizer: Optimizer, start: ArrayLike = (-7.0, 2.0), steps: int = 30) -> Array:
    """The path `optimizer` takes down `valley` from `start`.

    Parameters
    ----------
    optimizer : Optimizer
        Used as it is: its velocities or means carry on from any earlier use.
    start : array_like of shape (2,), default (-7, 2)
        The point (x, y) to start from.
    steps : int, default 30
        How many updates to make; at least 1.

    Returns
    -------
    ndarray of shape (steps + 1, 2)
        The start, then the point after each update.

    Examples
    --------
    >>> descend(SGD(learn_rate=0.9), steps=2)  # y: 2 - 0.9 * 4 = -1.6, then 1.28: a zig-zag
    array([[-7.    ,  2.    ],
           [-6.37  , -1.6   ],
           [-5.7967,  1.28  ]])
    """
    optimizer = checks.instance(optimizer, "optimizer", Optimizer)
    point = checks.vector(start, "start", length=2)
    steps = checks.positive_int(steps, "steps", most=checks.MOST)
    path = [point.copy()]
    for _ in range(steps):
        optimizer.update([point], [valley_gradient(point)])
        path.append(point.copy())
    return np.array(path)
