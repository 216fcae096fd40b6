"""Chapter 9: a bigger problem, made up with numpy.

Four people can be told apart by a straight line. "Two moons" cannot: two
interleaved half circles, one per class, with some noise. The points are
generated here from a seed, so nothing is downloaded and every run gets the
same data.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from . import checks

__all__ = ["make_moons", "moons"]


def make_moons(
    n_samples: int = 200, noise: float = 0.1, rng: int | np.random.Generator = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Two interleaving half circles, labelled 0 and 1, with Gaussian noise.

    Class 0 lies on the upper half circle `(cos t, sin t)`, class 1 on the
    lower one `(1 - cos t, 0.5 - sin t)`, for t between 0 and pi; then every
    coordinate gets normal noise of standard deviation `noise`.

    Parameters
    ----------
    n_samples : int, default 200
        How many points in all, from 2 to 10**8; class 0 gets the extra one if the
        number is odd.
    noise : float, default 0.1
        The standard deviation of the noise, 0 or more.
    rng : int or numpy.random.Generator, default 0
        A seed or a generator for the angles' order and the noise.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The points, shuffled.
    y : ndarray of shape (n_samples,)
        Their labels, 0.0 or 1.0.

    Examples
    --------
    >>> X, y = make_moons(6, noise=0.0, rng=0)
    >>> X.shape, y.shape
    ((6, 2), (6,))
    >>> sorted(y.tolist())
    [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    """
    n = checks.positive_int(n_samples, "n_samples", least=2, most=checks.MOST)
    spread = checks.non_negative_real(noise, "noise")
    generator = checks.generator(rng)
    return checks.no_overflow(moons, n, spread, generator, blame="noise is too large")


def moons(
    n: int, noise: float, generator: np.random.Generator
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """`make_moons`'s points, unchecked.

    Examples
    --------
    >>> X, y = moons(4, 0.0, np.random.default_rng(0))
    >>> X.shape
    (4, 2)
    """
    n_upper = n - n // 2
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n // 2)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.vstack([upper, lower]) + generator.normal(0.0, noise, (n, 2))
    y = np.concatenate([np.zeros(n_upper), np.ones(n // 2)])
    order = generator.permutation(n)
    return X[order], y[order]
