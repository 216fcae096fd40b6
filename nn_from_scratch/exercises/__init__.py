"""Answer checkers for the coding exercises at the end of each chapter.

Write the function an exercise asks for (or choose the value it asks for) and
pass it to `check` with the exercise's number. The checker runs your answer on
fixed and random cases, compares it with a solution of its own, and prints a
short verdict: ``correct``, or ``not yet`` with the input it failed on, what
your function returned, what was expected and, for the mistakes people often
make, what probably went wrong. A function that raises, warns, runs for more
than a few seconds or returns the wrong kind of thing is reported the same way;
the checker itself never fails.

The checker stops a function that runs too long on Linux and macOS, in plain
Python and in a Jupyter notebook, and leaves nothing running behind it. On
Windows it cannot: there an endless loop runs until you interrupt it (Ctrl-C,
or the notebook's stop button). Interrupting a check stops it, on every system,
with a ``KeyboardInterrupt`` as usual; it is not taken as your answer.

`EXERCISES` lists every exercise that has a checker, by number.

Each chapter's checkers live in a module of this package named after the
chapter's page (`activation` for chapter 1, `neuron` for chapter 2, ...,
`digits` for chapter 11, `regularization` for chapter 12, `optimizers` for chapter
13, `deeper` for chapter 14, `convolution` for chapter 15); what they share, in `common`.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import numpy as np

from .. import checks
from ..activation import sigmoid  # noqa: F401 - check's examples use it
from . import (
    activation,
    autodiff,
    bigger_problem,
    common,
    convolution,
    deeper,
    digits,
    gradient_check,
    gradients,
    loss,
    matrices,
    network,
    neuron,
    optimizers,
    regularization,
    training,
)
from .common import TIMEOUT as TIMEOUT  # the names tests and readers reach the package by
from .common import Checker
from .common import can_time_out as can_time_out
from .common import run as run
from .gradient_check import SUSPECTS

__all__ = ["EXERCISES", "SUSPECTS", "check"]

_CHAPTERS = [activation, neuron, network, loss, gradients, training]
_CHAPTERS += [matrices, gradient_check, bigger_problem, autodiff, digits, regularization]
_CHAPTERS += [optimizers]
_CHAPTERS += [deeper]
_CHAPTERS += [convolution]
_CHECKERS: dict[str, Checker] = {
    number: judge for chapter in _CHAPTERS for number, (_, judge) in chapter.CHECKERS.items()
}

EXERCISES: dict[str, str] = {
    number: title for chapter in _CHAPTERS for number, (title, _) in chapter.CHECKERS.items()
}
"""Every exercise that has a checker: its number (as on the page) and its title."""


def check(exercise_id: str, answer: Any) -> None:
    """Check your answer to a coding exercise, and print a verdict.

    Parameters
    ----------
    exercise_id : str
        The exercise's number, as on the page, such as ``"1.2"``: a key of `EXERCISES`.
    answer : function or value
        What the exercise asks for: usually the function you wrote (pass the
        function itself, without calling it).

    Returns
    -------
    None
        The verdict is printed: ``correct``, or ``not yet`` and what went
        wrong. Nothing is returned, so a ``check(...)`` typed at the ``>>>``
        prompt shows the verdict and nothing after it.

    Notes
    -----
    Your function runs in the thread that calls `check`, one test input at a
    time. A call that takes longer than `TIMEOUT` seconds is stopped and
    reported, on Linux and macOS when `check` is called from the main thread
    (as in a script or a notebook), and unless your program runs a SIGALRM
    timer of its own; elsewhere (on Windows, say) it runs until it ends or
    you interrupt it. A function that cancels or replaces that timer itself
    (``signal.alarm``, ``signal.signal``) cannot be stopped by the checker
    either: interrupt it. Interrupting a check (Ctrl-C, or a notebook's stop
    button) raises ``KeyboardInterrupt`` rather than judging the answer.

    Examples
    --------
    >>> def deriv_sigmoid(x):
    ...     fx = sigmoid(x)
    ...     return fx * (1 - fx)
    >>> check("1.2", deriv_sigmoid)
    1.2 correct: deriv_sigmoid gives the right answer on all 10 test inputs.
    >>> check("1.2", sigmoid)
    1.2 not yet: deriv_sigmoid(2.0) returned 0.880797, expected 0.104994. That is the
    sigmoid itself, not its slope: multiply it by (1 - f(x)).
    """
    print(verdict(exercise_id, answer)[1])


def verdict(exercise_id: str, answer: Any) -> tuple[bool, str]:
    """What `check` prints, unprinted: whether the answer is right, and the verdict line.

    Parameters
    ----------
    exercise_id : str
        The exercise's number, a key of `EXERCISES`.
    answer : function or value
        The answer, as passed to `check`.

    Returns
    -------
    passed : bool
        True if the answer is right.
    line : str
        The verdict `check` prints, such as ``"1.2 correct: ..."``.
    """
    exercise = _CHECKERS[checks.one_of(exercise_id, "exercise_id", tuple(EXERCISES))]
    # numpy's own defaults, whatever np.seterr the reader set: the checker's solution
    # must not raise where an underflow to 0 is the answer.
    with np.errstate(all="warn", under="ignore"):
        try:
            right, message = exercise(answer)
        except (RecursionError, Exception) as error:  # the checker never fails itself
            right = False
            message = (
                f"the checker could not make sense of what {checks.describe(answer)} gave "
                f"({type(error).__name__}): return what the exercise asks for"
            )
    if len(message) > LONGEST:
        message = message[: LONGEST - 20] + " ... (cut short)"
    return right, f"{exercise_id} {'correct' if right else 'not yet'}: {message}"


LONGEST = 2000
"""The most characters of a verdict: what a reader's answer returned is shown in short."""


class _Package(ModuleType):
    """This package, whose ``TIMEOUT`` is `common.TIMEOUT`: ``exercises.TIMEOUT = 10`` sets it."""

    @property
    def TIMEOUT(self) -> float:
        return common.TIMEOUT

    @TIMEOUT.setter
    def TIMEOUT(self, seconds: float) -> None:
        common.TIMEOUT = seconds


sys.modules[__name__].__class__ = _Package
