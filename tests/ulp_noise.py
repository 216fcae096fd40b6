"""A pytest plugin that makes every exponential, logarithm and tanh wrong in its last bit.

Load it with ``-p tests.ulp_noise`` and a seed in ``NN_ULP_NOISE`` (an integer):
each result of ``math.exp``, ``numpy.exp``, ``numpy.log`` and ``numpy.tanh`` is
then moved by one unit in the last place, up or down or not at all, by a hash of
the input and the seed: the same input always gets the same answer, as from a real
C library.

That is what another machine does: numpy picks a different SIMD routine per
CPU, and another C library has another ``exp``. Both may return the float
next to the one this machine returns. A docs block whose output survives this
noise prints the same on any machine whose functions are within one unit of
the true value; a block that prints a digit decided by rounding noise fails.
It complements the numeric variants of ``tests/numeric_variants.py``, which
change the real BLAS kernel and SIMD level of this machine but cannot reach the
C library's ``exp``.

It must load before the package is imported (the package binds ``math.exp``
at import), which ``-p`` does: pytest imports plugins named on the command line
before it collects anything.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import numpy as np

_SEED = np.uint64(int(os.environ.get("NN_ULP_NOISE", "0")))


def _steps(argument: Any) -> Any:
    """-1, 0 or +1 for each input, fixed by the input's bits and the seed.

    A C library's exp always gives the same answer for the same input, so the
    noise must too: the step is a hash (splitmix64) of the input's bits.
    """
    z = np.atleast_1d(np.asarray(argument, dtype=np.float64)).view(np.uint64) ^ _SEED
    z = z + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return (z % np.uint64(3)).astype(np.int64) - 1


def _nudge(argument: Any, result: Any) -> Any:
    """The result moved by -1, 0 or +1 unit in the last place, element by element."""
    array = np.asarray(result)
    if array.dtype.kind != "f":
        return result
    step = _steps(argument).reshape(array.shape) if array.ndim else _steps(argument)[0]
    nudged = np.where(step > 0, np.nextafter(array, np.inf), array)
    nudged = np.where(step < 0, np.nextafter(array, -np.inf), nudged)
    # An exact 0, 1 or infinity (exp far below float64's range, of a total within
    # 1e-16 of 0, or beyond its range; tanh far out; log(1)) is what every C library
    # returns, the true value being far from any rounding boundary: only other results
    # are moved. So no exp comes out negative, and no tanh beyond ±1.
    exact = (array == 0) | np.isinf(array) | (np.abs(array) == 1)
    nudged = np.where(exact, array, nudged)
    if isinstance(result, float):
        return float(nudged)
    if isinstance(result, np.ndarray):
        return nudged.astype(result.dtype)
    return array.dtype.type(nudged)


def _noisy(function: Callable[..., Any]) -> Callable[..., Any]:
    def noisy(*args: Any, **kwargs: Any) -> Any:
        return _nudge(args[0], function(*args, **kwargs))

    noisy.__name__ = getattr(function, "__name__", "noisy")
    noisy.__doc__ = function.__doc__
    return noisy


math.exp = _noisy(math.exp)
for _name in ("exp", "log", "tanh"):
    setattr(np, _name, _noisy(getattr(np, _name)))
