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
"""

from __future__ import annotations

import copy
import math
import signal
import threading
import warnings
from collections.abc import Callable
from types import FrameType
from typing import Any, NamedTuple

import numpy as np

from . import checks
from .activation import Activation, sigmoid
from .autodiff import Value
from .datasets import make_moons
from .gradient_check import check_gradients
from .matrix import MatrixNetwork, train_batches
from .network import NeuralNetwork

__all__ = ["EXERCISES", "SUSPECTS", "check"]

TIMEOUT = 3.0
"""How long, in seconds, one call of your function may take before the checker gives up on it."""


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
    you interrupt it. Interrupting a check (Ctrl-C, or a notebook's stop
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
    right, message = exercise(answer)
    return right, f"{exercise_id} {'correct' if right else 'not yet'}: {message}"


# --- Running the reader's function safely ----------------------------------------------------


class Outcome(NamedTuple):
    """What one call of the reader's function gave: a value, or a problem in words."""

    value: Any
    problem: str | None


# Why the reader's function runs in the caller's own thread, under a timer. In 0.1.0 it ran
# in a helper thread that the checker gave up on after TIMEOUT; but Python cannot stop a
# thread, so an endless loop kept spinning for the rest of the session, and every numpy call
# that releases the GIL then had to win it back from the spinner: the digits chapter's
# training ran about 100 times slower until the reader restarted the kernel. A child process
# could be stopped, but the reader's function would have to get there and its result come
# back: on macOS and Windows the child is spawned, and a function defined in a notebook (a
# lambda, a closure, any function of `__main__`) cannot be pickled over to it; the logarithm
# exercise's answer returns a Value holding a closure, which cannot be pickled back; forking
# a Jupyter kernel, which runs threads of its own, may deadlock; and a fresh interpreter with
# numpy per call would make every check take seconds. So the function is called right here,
# and on POSIX in the main thread (where plain `python` runs a script, and IPython and
# Jupyter kernels run their cells) a SIGALRM timer raises `_TimedOut` inside it when time is
# up. Python runs signal handlers between bytecodes, so that stops a pure-Python loop and a
# loop of numpy calls alike, though one long C call (a huge matrix product) only once it
# returns. Anywhere else (Windows, which has no SIGALRM; a call from another thread; a
# program whose own SIGALRM timer is running) the function runs without a time limit, and
# the reader interrupts an endless loop as any other. Ctrl-C or a notebook's interrupt
# during a check is the reader asking to stop: it propagates as KeyboardInterrupt, not
# judged as an answer. Whatever happens, the timer is cancelled and the previous SIGALRM
# handler put back before `run` returns or raises.


class _TimedOut(BaseException):
    """Raised inside the reader's function when its time is up.

    A BaseException, as KeyboardInterrupt is, so that the reader's ``except
    Exception:`` does not swallow it.
    """


_REPEAT = 0.1
"""After the first alarm, raise `_TimedOut` again every this many seconds, in case a bare
``except:`` in the reader's function swallowed the first one."""


def can_time_out() -> bool:
    """Whether `run` can stop a function that runs for longer than `TIMEOUT` here.

    Yes on Linux and macOS in the main thread (plain ``python``, IPython and
    Jupyter kernels), unless a SIGALRM timer or handler that Python cannot put
    back is in use; no on Windows, or in another thread.
    """
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        and signal.getsignal(signal.SIGALRM) is not None  # None: set outside Python
    )


def run(function: Callable[..., Any], arguments: tuple[Any, ...]) -> Outcome:
    """Call ``function(*arguments)``, reporting an error, a warning or a hang.

    The function runs in the caller's thread; after `TIMEOUT` seconds it is
    interrupted where `can_time_out` says it can be (why: the comment above).
    KeyboardInterrupt is not reported: it stops the check.

    Examples
    --------
    >>> run(math.sqrt, (4.0,))
    Outcome(value=2.0, problem=None)
    >>> run(math.sqrt, (-1.0,)).problem
    'raised ValueError: math domain error'
    """
    hang = Outcome(None, f"ran for more than {TIMEOUT:g} s (is there an endless loop?)")
    timer = can_time_out()
    previous = signal.getsignal(signal.SIGALRM) if timer else None
    fired = False

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        fired = True
        raise _TimedOut

    try:
        try:
            if timer:
                signal.signal(signal.SIGALRM, on_alarm)
                signal.setitimer(signal.ITIMER_REAL, TIMEOUT, _REPEAT)
            outcome = _call(function, arguments)
        finally:
            if timer:
                _stop_timer(previous)
    except _TimedOut:
        return hang
    return hang if fired else outcome  # fired: the reader's code swallowed the alarm


def _call(function: Callable[..., Any], arguments: tuple[Any, ...]) -> Outcome:
    """``function(*arguments)``, its exception or first warning told in words."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = function(*arguments)
        except (_TimedOut, KeyboardInterrupt):
            raise
        except BaseException as error:  # the reader's code may raise anything
            return Outcome(None, f"raised {type(error).__name__}: {error}")
    if caught:
        warning = caught[0]
        return Outcome(None, f"warned {warning.category.__name__}: {warning.message}")
    return Outcome(value, None)


def _stop_timer(previous: Any) -> None:
    """Cancel the timer, then put the `previous` SIGALRM handler back, whatever lands meanwhile.

    A last alarm may still land here, and Ctrl-C too: the first is no longer
    needed, the second is raised once the timer is off and the handler back.
    Without the retries, a SIGALRM with no handler of ours would end the process.
    """
    interrupted: KeyboardInterrupt | None = None
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            break
        except _TimedOut:
            continue
        except KeyboardInterrupt as error:
            interrupted = error
    if interrupted is not None:
        raise interrupted


def show(value: Any) -> str:
    """A value as the verdict prints it: numbers to 6 significant digits, big arrays by shape.

    Examples
    --------
    >>> show(2.0), show(np.array([[0.25], [1 / 3]])), show(np.zeros((3, 3)))
    ('2.0', 'array([[0.25], [0.333333]])', '<array of shape (3, 3)>')
    """
    if isinstance(value, float | np.floating):
        text = f"{float(value):.6g}"
        return text if any(mark in text for mark in ".eni") else text + ".0"  # 2.0, not 2
    if isinstance(value, np.ndarray) and value.size <= 8:
        return f"array({show(value.tolist())})"
    if isinstance(value, np.ndarray):
        return f"<array of shape {value.shape}>"
    if isinstance(value, list):
        return "[" + ", ".join(show(item) for item in value) + "]"
    if callable(value):
        return getattr(value, "__name__", "a function")
    if isinstance(value, NeuralNetwork):
        inside = ", ".join(f"{name}={number:.3g}" for name, number in value.parameters().items())
        return f"NeuralNetwork({inside})"
    return checks.describe(value) if isinstance(value, str) else repr(value)


def same(got: Any, expected: Any) -> bool:
    """Whether the reader's `got` equals `expected` (a float or an array) to 1e-9.

    Examples
    --------
    >>> same(0.1 + 0.2, 0.3), same("0.3", 0.3), same(np.ones(2), np.ones(3))
    (True, False, False)
    """
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray) or got.shape != expected.shape:
            return False
        return bool(np.allclose(got, expected, rtol=1e-9, atol=1e-300))
    if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
        return False
    return math.isclose(float(got), expected, rel_tol=1e-9, abs_tol=1e-300)


def same_kind(got: Any, expected: Any) -> bool:
    """Whether `got` is the kind of thing `expected` is: a number, or an array of its shape."""
    if isinstance(expected, np.ndarray):
        return isinstance(got, np.ndarray) and got.shape == expected.shape
    return isinstance(got, int | float | np.integer | np.floating) and not isinstance(got, bool)


def expecting(expected: Any) -> str:
    """What `expected` is, in words."""
    if isinstance(expected, np.ndarray):
        return f"a numpy array of shape {expected.shape}"
    return "a number"


Mistake = tuple[str, Callable[..., Any]]


def function_checker(
    name: str,
    right: Callable[..., Any],
    cases: Callable[[], list[tuple[Any, ...]]],
    mistakes: list[Mistake],
    errors: dict[str, str] | None = None,
) -> Callable[[Any], tuple[bool, str]]:
    """A checker for an exercise that asks for a function called `name`.

    `right` is the solution; `cases` makes the argument tuples to try (fresh
    ones each time, so a function that changes its arguments cannot spoil the
    next case); each of `mistakes` is a message and a function that makes that
    mistake; `errors` maps the name of an exception to advice.
    """

    def judge(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"pass your function itself, such as {name}, got {show(answer)}"
        all_cases = cases()
        for arguments in all_cases:
            expected = right(*cases_copy(arguments))
            outcome = run(answer, cases_copy(arguments))
            call = f"{name}({', '.join(show(argument) for argument in arguments)})"
            if outcome.problem is not None:
                advice = next(
                    (text for error, text in (errors or {}).items() if error in outcome.problem),
                    "",
                )
                return False, f"{call} {outcome.problem}. {advice}".rstrip()
            got = outcome.value
            if not same(got, expected):
                told = f"{call} returned {show(got)}, expected {show(expected)}."
                if got is None:
                    return False, f"{told} Does your function `return` its result?"
                if not same_kind(got, expected):
                    return False, f"{told} It should return {expecting(expected)}."
                for text, wrong in mistakes:
                    made = quietly(wrong, cases_copy(arguments))
                    if made is not None and same(got, made):
                        return False, f"{told} {text}"
                return False, told
        return True, f"{name} gives the right answer on all {len(all_cases)} test inputs."

    return judge


def quietly(function: Callable[..., Any], arguments: tuple[Any, ...]) -> Any:
    """``function(*arguments)`` with warnings silenced, or None if it raises.

    The known mistakes are tried on the input the reader's answer failed on,
    which may be one where a mistake overflows: that only rules the mistake out.

    Examples
    --------
    >>> quietly(math.exp, (1000.0,)) is None
    True
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return function(*arguments)
    except Exception:
        return None


def cases_copy(arguments: tuple[Any, ...]) -> tuple[Any, ...]:
    """Copies of the arrays among `arguments`, so the reader's function cannot change ours."""
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in arguments)


def random_floats(seed: int, n: int, low: float, high: float) -> list[float]:
    """`n` random floats from a fixed seed: the same 'random' cases on every run."""
    values: list[float] = np.random.default_rng(seed).uniform(low, high, n).round(4).tolist()
    return values


f = sigmoid  # the solutions below write the sigmoid as the chapters do: f


# --- Chapter 1: the activation function ----------------------------------------------------


def _deriv_sigmoid_1_2() -> Callable[[Any], tuple[bool, str]]:
    return function_checker(
        "deriv_sigmoid",
        right=lambda x: f(x) * (1 - f(x)),
        cases=lambda: [(x,) for x in [2.0, -1.0, 0.0, 5.5, *random_floats(12, 6, -8, 8)]],
        mistakes=[
            ("That is f(x) * f(x): the slope is f(x) * (1 - f(x)).", lambda x: f(x) * f(x)),
            (
                "That is the sigmoid itself, not its slope: multiply it by (1 - f(x)).",
                lambda x: f(x),
            ),
            ("That is 1 - f(x): multiply it by f(x).", lambda x: 1 - f(x)),
            ("A + where the formula has a -: f(x) * (1 - f(x)).", lambda x: f(x) * (1 + f(x))),
        ],
    )


def _stable_sigmoid_1_3() -> Callable[[Any], tuple[bool, str]]:
    return function_checker(
        "sigmoid",
        right=lambda x: sigmoid(float(x)),
        cases=lambda: [(x,) for x in [2.0, -1000.0, 1000.0, -710.0, 709.0, 0.0, -30.5, 7.0]],
        mistakes=[
            ("That is f(-x): the formula has exp(-x), with a minus.", lambda x: f(-x)),
        ],
        errors={
            "OverflowError": "exp(-x) overflows for x below about -709. For negative x, "
            "use the same function written as exp(x) / (1 + exp(x)).",
            "overflow": "exp(-x) overflows for x below about -709. For negative x, "
            "use the same function written as exp(x) / (1 + exp(x)).",
        },
    )


# --- Chapter 2: a neuron ---------------------------------------------------------------------


def _neuron_output_2_2() -> Callable[[Any], tuple[bool, str]]:
    def right(weights: list[float], bias: float, inputs: list[float]) -> float:
        return f(float(np.sum(np.multiply(weights, inputs))) + bias)

    rng = np.random.default_rng(22)
    random_cases = [
        (rng.normal(size=3).round(3).tolist(), round(float(rng.normal()), 3), [1.0, -2.0, 0.5])
        for _ in range(4)
    ]
    return function_checker(
        "neuron_output",
        right=right,
        cases=lambda: (
            [([1.0, -1.0], 0.5, [3.0, 1.0]), ([0.0, 1.0], 4.0, [2.0, 3.0])]
            + [(list(w), b, list(x)) for w, b, x in random_cases]
        ),
        mistakes=[
            (
                "The bias is missing: add it to the total.",
                lambda w, b, x: f(float(np.sum(np.multiply(w, x)))),
            ),
            (
                "That is the total itself: pass it through the sigmoid.",
                lambda w, b, x: float(np.sum(np.multiply(w, x))) + b,
            ),
            (
                "The bias is added after the sigmoid: it belongs inside, f(w . x + b).",
                lambda w, b, x: f(float(np.sum(np.multiply(w, x)))) + b,
            ),
        ],
    )


# --- Chapter 3: the network ------------------------------------------------------------------


def _network_output_3_2() -> Callable[[Any], tuple[bool, str]]:
    def right(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)
        h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)
        return f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def crossed(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w3 * x[1] + net.b1)
        h2 = f(net.w2 * x[0] + net.w4 * x[1] + net.b2)
        return f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def no_hidden_sigmoid(net: NeuralNetwork, x: list[float]) -> float:
        s1 = net.w1 * x[0] + net.w2 * x[1] + net.b1
        s2 = net.w3 * x[0] + net.w4 * x[1] + net.b2
        return f(net.w5 * s1 + net.w6 * s2 + net.b3)

    def no_output_sigmoid(net: NeuralNetwork, x: list[float]) -> float:
        h1 = f(net.w1 * x[0] + net.w2 * x[1] + net.b1)
        h2 = f(net.w3 * x[0] + net.w4 * x[1] + net.b2)
        return net.w5 * h1 + net.w6 * h2 + net.b3

    inputs = [[-2.0, -1.0], [25.0, 6.0], [1.5, -0.5], [-7.0, -3.0], [0.0, 0.0]]
    return function_checker(
        "network_output",
        right=right,
        cases=lambda: [(NeuralNetwork.random(seed), x) for seed, x in enumerate(inputs, start=3)],
        mistakes=[
            (
                "The wiring is crossed: h1 = f(w1 x1 + w2 x2 + b1) and h2 = f(w3 x1 + w4 x2 + b2).",
                crossed,
            ),
            ("h1 and h2 need their sigmoid before they go into o1.", no_hidden_sigmoid),
            ("o1 needs its sigmoid too: the output is f(w5 h1 + w6 h2 + b3).", no_output_sigmoid),
        ],
    )


# --- Chapter 4: the loss ---------------------------------------------------------------------


def _mse_loss_4_2() -> Callable[[Any], tuple[bool, str]]:
    rng = np.random.default_rng(42)
    random_cases = [(rng.integers(0, 2, 5).astype(float), rng.random(5).round(3)) for _ in range(4)]
    return function_checker(
        "mse_loss",
        right=lambda t, p: float(np.mean((t - p) ** 2)),
        cases=lambda: [
            (np.array([1.0, 0.0]), np.array([0.9, 0.2])),
            (np.array([1.0, 0.0, 0.0, 1.0]), np.array([0.0, 0.0, 0.0, 0.0])),
            *random_cases,
        ],
        mistakes=[
            (
                "That is the sum of the squared errors: divide it by the number of samples "
                "(take the mean).",
                lambda t, p: float(np.sum((t - p) ** 2)),
            ),
            (
                "The errors are not squared: square each before taking the mean.",
                lambda t, p: float(np.mean(t - p)),
            ),
            (
                "That is the mean of |error|: square each error instead.",
                lambda t, p: float(np.mean(np.abs(t - p))),
            ),
            (
                "That is the square root of the MSE: leave the root out.",
                lambda t, p: float(np.sqrt(np.mean((t - p) ** 2))),
            ),
        ],
    )


# --- Chapter 5: gradients and backpropagation ------------------------------------------------


def _d_L_d_b1_5_2() -> Callable[[Any], tuple[bool, str]]:
    def parts(net: NeuralNetwork, x1: float, x2: float) -> tuple[float, float, float]:
        h1 = f(net.w1 * x1 + net.w2 * x2 + net.b1)
        h2 = f(net.w3 * x1 + net.w4 * x2 + net.b2)
        return h1, h2, f(net.w5 * h1 + net.w6 * h2 + net.b3)

    def chain(net: NeuralNetwork, x1: float, x2: float, y: float, **change: float) -> float:
        h1, h2, o1 = parts(net, x1, x2)
        d_L_d_ypred = -change.get("factor", 2.0) * (y - o1)
        weight = change.get("w5", net.w5)
        hidden = h2 if change.get("h2") else h1
        return d_L_d_ypred * weight * o1 * (1 - o1) * hidden * (1 - hidden)

    samples = [(-2.0, -1.0, 1.0), (25.0, 6.0, 0.0), (0.5, 1.5, 1.0), (-1.0, 2.0, 0.0)]
    return function_checker(
        "d_L_d_b1",
        right=chain,
        cases=lambda: [(NeuralNetwork.random(seed), *s) for seed, s in enumerate(samples, 7)],
        mistakes=[
            (
                "dy_pred/dh1 = w5 o1 (1 - o1): the weight w5 is missing.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, w5=1.0),
            ),
            (
                "The factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, factor=1.0),
            ),
            (
                "The sign is flipped: dL/dy_pred = -2 (y_true - y_pred).",
                lambda n, x1, x2, y: -chain(n, x1, x2, y),
            ),
            (
                "That is the path through h2 (w6, h2): b1 is h1's bias.",
                lambda n, x1, x2, y: chain(n, x1, x2, y, w5=n.w6, h2=1.0),
            ),
        ],
    )


# --- Chapter 6: training with SGD ------------------------------------------------------------


def _new_w5_6_1() -> Callable[[Any], tuple[bool, str]]:
    def slope(h1: float, o1: float, y_true: float, factor: float = 2.0) -> float:
        return -factor * (y_true - o1) * h1 * o1 * (1 - o1)

    def right(w5: float, h1: float, o1: float, y_true: float, learn_rate: float) -> float:
        return w5 - learn_rate * slope(h1, o1, y_true)

    alice = (0.0, f(-1.0), f(f(-1.0)), 1.0, 0.1)  # chapter 3's network, Alice
    rng = np.random.default_rng(52)
    random_cases = [
        (round(float(rng.normal()), 3), *rng.random(2).round(3).tolist(), float(y), 0.5)
        for y in (0, 1, 1, 0)
    ]
    return function_checker(
        "new_w5",
        right=right,
        cases=lambda: [alice, *random_cases],
        mistakes=[
            (
                "You stepped uphill: the update is w5 - learn_rate * dL/dw5, with a minus "
                "(or the sign of dL/dy_pred = -2 (y_true - y_pred) is flipped).",
                lambda w5, h1, o1, y, lr: w5 + lr * slope(h1, o1, y),
            ),
            (
                "The factor 2 of dL/dy_pred = -2 (y_true - y_pred) is missing.",
                lambda w5, h1, o1, y, lr: w5 - lr * slope(h1, o1, y, factor=1.0),
            ),
            (
                "The sigmoid's slope o1 (1 - o1) is missing from dy_pred/dw5 = h1 o1 (1 - o1).",
                lambda w5, h1, o1, y, lr: w5 - lr * (-2 * (y - o1) * h1),
            ),
        ],
    )


PARAMETER_ORDER = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")


def _sgd_epochs(
    parameters: list[float],
    data: list[list[float]],
    all_y_trues: list[float],
    learn_rate: float,
    epochs: int,
    mistake: str = "",
) -> list[float]:
    """Chapter 6's training loop on nine plain floats, or the loop with one named mistake."""
    w1, w2, w3, w4, w5, w6, b1, b2, b3 = (float(p) for p in parameters)
    factor = -1.0 if mistake == "uphill" else 1.0
    for _ in range(epochs):
        for (x1, x2), y_true in zip(data, all_y_trues, strict=True):
            sum_h1, sum_h2 = w1 * x1 + w2 * x2 + b1, w3 * x1 + w4 * x2 + b2
            h1, h2 = f(sum_h1), f(sum_h2)
            o1 = f(w5 * h1 + w6 * h2 + b3)
            d_L_d_sum_o1 = -2 * (y_true - o1) * o1 * (1 - o1)
            if mistake == "sigmoid of the output":  # f'(h) taken as f(h) (1 - f(h))
                d_L_d_sum_o1 = -2 * (y_true - o1) * f(o1) * (1 - f(o1))
            d_w5, d_w6, d_b3 = d_L_d_sum_o1 * h1, d_L_d_sum_o1 * h2, d_L_d_sum_o1
            if mistake == "updated first":  # the output layer moves before the hidden slopes
                w5, w6, b3 = w5 - learn_rate * d_w5, w6 - learn_rate * d_w6, b3 - learn_rate * d_b3
            d_h1, d_h2 = h1 * (1 - h1), h2 * (1 - h2)
            if mistake == "sigmoid of the output":
                d_h1, d_h2 = f(h1) * (1 - f(h1)), f(h2) * (1 - f(h2))
            d_L_d_sum_h1 = d_L_d_sum_o1 * w5 * d_h1
            d_L_d_sum_h2 = d_L_d_sum_o1 * w6 * d_h2
            step = factor * learn_rate
            w1 -= step * d_L_d_sum_h1 * x1
            w2 -= step * d_L_d_sum_h1 * x2
            w3 -= step * d_L_d_sum_h2 * x1
            w4 -= step * d_L_d_sum_h2 * x2
            if mistake != "updated first":
                w5, w6 = w5 - step * d_w5, w6 - step * d_w6
            if mistake != "no biases":
                b1, b2 = b1 - step * d_L_d_sum_h1, b2 - step * d_L_d_sum_h2
                if mistake != "updated first":
                    b3 -= step * d_b3
    return [w1, w2, w3, w4, w5, w6, b1, b2, b3]


def nine_numbers(value: Any) -> list[float] | None:
    """The reader's answer as nine floats (a list, tuple, array or dict of them), or None."""
    if isinstance(value, dict):
        if sorted(value) != sorted(PARAMETER_ORDER):
            return None
        value = [value[name] for name in PARAMETER_ORDER]
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple) or len(value) != len(PARAMETER_ORDER):
        return None
    if not all(same_kind(item, 0.0) for item in value):
        return None
    return [float(item) for item in value]


TRAIN_LOOP_MISTAKES = {
    "no biases": "the biases never moved: update b1, b2 and b3 too, with their own slopes.",
    "updated first": "w5, w6 and b3 moved before the hidden layer's slopes were computed, "
    "so those used the new w5 and w6: compute all nine slopes first, then update.",
    "uphill": "every parameter moved uphill: the update is w - learn_rate * dL/dw, with a "
    "minus (or the sign of dL/dy_pred = -2 (y_true - y_pred) is flipped).",
    "sigmoid of the output": "the sigmoid's slope was taken at the neuron's output: it is "
    "h (1 - h) for a neuron whose output is h, not f(h) (1 - f(h)).",
}


def _train_loop_6_3() -> Callable[[Any], tuple[bool, str]]:
    people = [[-2.0, -1.0], [25.0, 6.0], [17.0, 4.0], [-15.0, -6.0]]
    labels = [1.0, 0.0, 0.0, 1.0]
    seed_42 = NeuralNetwork.random(42).parameters()
    rng = np.random.default_rng(63)
    other_data = rng.normal(0, 2, (6, 2)).round(3).tolist()
    other_labels = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0]

    def cases() -> list[tuple[str, tuple[Any, ...]]]:
        return [
            ("seed-42 start, the four people, rate 0.1, 1 epoch",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1)),
            ("seed-42 start, the four people, rate 0.1, 1000 epochs",
             (list(seed_42.values()), [list(x) for x in people], list(labels), 0.1, 1000)),
            ("seed-7 start, six other people, rate 0.5, 30 epochs",
             (list(NeuralNetwork.random(7).parameters().values()),
              [list(x) for x in other_data], list(other_labels), 0.5, 30)),
        ]  # fmt: skip

    def judge(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"pass your function itself, such as train_loop, got {show(answer)}"
        for described, arguments in cases():
            expected = _sgd_epochs(*arguments)
            outcome = run(answer, copy.deepcopy(arguments))  # ours stay as they were
            call = f"train_loop({described})"
            if outcome.problem is not None:
                return False, f"{call} {outcome.problem}."
            got = nine_numbers(outcome.value)
            if outcome.value is None:
                return False, (
                    f"{call} returned None, expected the nine parameters. Does your function "
                    "`return` its result?"
                )
            if got is None:
                return False, (
                    f"{call} returned {show(outcome.value)}, expected a list of the nine "
                    "parameters w1, w2, w3, w4, w5, w6, b1, b2, b3."
                )
            wrong = [
                i
                for i in range(9)
                if not math.isclose(got[i], expected[i], rel_tol=1e-9, abs_tol=1e-12)
            ]
            if not wrong:
                continue
            first = wrong[0]
            told = (
                f"{call} gave {PARAMETER_ORDER[first]} = {show(got[first])}, "
                f"expected {show(expected[first])}."
            )
            for mistake, text in TRAIN_LOOP_MISTAKES.items():
                made = quietly(_sgd_epochs, (*arguments, mistake))
                if made is not None and all(
                    math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
                    for a, b in zip(got, made, strict=True)
                ):
                    return False, f"{told} It looks like {text}"
            return False, told
        return True, "train_loop ends on the same nine parameters as train() in all 3 cases."

    return judge


# --- Chapter 7: matrices ---------------------------------------------------------------------


def _forward_7_2() -> Callable[[Any], tuple[bool, str]]:
    def forward(X: Any, W1: Any, b1: Any, W2: Any, b2: Any, *, hidden: Any = np.tanh) -> Any:
        return 1 / (1 + np.exp(-(hidden(X @ W1 + b1) @ W2 + b2)))

    def case(seed: int, n: int, sizes: tuple[int, int, int]) -> tuple[Any, ...]:
        rng = np.random.default_rng(seed)
        n_in, n_hidden, n_out = sizes
        return (
            rng.normal(size=(n, n_in)),
            rng.normal(size=(n_in, n_hidden)),
            rng.normal(size=n_hidden),
            rng.normal(size=(n_hidden, n_out)),
            rng.normal(size=n_out),
        )

    return function_checker(
        "forward",
        right=forward,
        cases=lambda: [case(60, 4, (2, 3, 1)), case(61, 5, (3, 4, 2)), case(62, 1, (2, 2, 1))],
        mistakes=[
            (
                "The hidden layer uses the sigmoid: this exercise asks for tanh there.",
                lambda *a: forward(*a, hidden=lambda z: 1 / (1 + np.exp(-z))),
            ),
            (
                "The hidden layer has no activation: apply tanh to X @ W1 + b1.",
                lambda *a: forward(*a, hidden=lambda z: z),
            ),
            (
                "The biases are missing: z = a @ W + b in each layer.",
                lambda X, W1, b1, W2, b2: forward(X, W1, 0 * b1, W2, 0 * b2),
            ),
        ],
    )


def _d_tanh_7_3() -> Callable[[Any], tuple[bool, str]]:
    # Outputs of tanh, written out: the same on every machine (tanh's last digit is not).
    outputs = np.array([-0.964028, -0.462117, 0.0, 0.291313, 0.935409])
    return function_checker(
        "d_tanh",
        right=lambda a: 1 - a**2,
        cases=lambda: [(outputs,), (np.linspace(-0.99, 0.99, 7),), (np.array([0.5]),)],
        mistakes=[
            ("That is the sigmoid's a (1 - a): tanh's is 1 - a**2.", lambda a: a * (1 - a)),
            ("That is 1 - a: square a.", lambda a: 1 - a),
            (
                "That is 1 - tanh(a)**2: the argument is already a = tanh(z), so use 1 - a**2.",
                lambda a: 1 - np.tanh(a) ** 2,
            ),
        ],
    )


# --- Chapter 8: checking gradients -----------------------------------------------------------


def _shifted_sigmoid(z: Any) -> Any:
    return 1 / (1 + np.exp(-z)) - 0.5


SUSPECTS: dict[str, Activation] = {
    "scaled_tanh": Activation("scaled_tanh", lambda z: 2 * np.tanh(z), lambda a: 2 - a**2 / 2),
    "softplus": Activation("softplus", lambda z: np.log1p(np.exp(z)), lambda a: 1 - np.exp(-a)),
    "shifted_sigmoid": Activation("shifted_sigmoid", _shifted_sigmoid, lambda a: a * (1 - a)),
}
"""Three activation functions for exercise 8.2, each beside its derivative, written from its
output ``a``; one of the derivatives is wrong."""


def _spot_the_bug_8_2(answer: Any) -> tuple[bool, str]:
    if not (isinstance(answer, str) and answer in SUSPECTS):
        return False, f"answer with one of the names {sorted(SUSPECTS)}, got {show(answer)}"
    net = MatrixNetwork.random([2, 3, 1], [SUSPECTS[answer], "sigmoid"], rng=0)
    X, Y = np.array([[0.5, -1.0], [1.5, 2.0]]), [1.0, 0.0]
    error = check_gradients(net, X, Y)
    if error < 1e-6:
        return False, (
            f"{answer}'s derivative agrees with finite differences "
            f"(check_gradients gives {error:.0e}): look at the other two."
        )
    return True, f"{answer}'s derivative is wrong: check_gradients gives {error:.2f}."


def _central_difference_8_3() -> Callable[[Any], tuple[bool, str]]:
    def cube(x: float) -> float:
        return x**3

    return function_checker(
        "central_difference",
        right=lambda g, x, eps: (g(x + eps) - g(x - eps)) / (2 * eps),
        cases=lambda: [(cube, 2.0, 0.1), (math.sin, 1.0, 1e-3), (math.exp, -0.5, 1e-4)],
        mistakes=[
            (
                "That is the one-sided difference (f(x + eps) - f(x)) / eps: use both sides.",
                lambda g, x, eps: (g(x + eps) - g(x)) / eps,
            ),
            (
                "The points are 2 eps apart: divide by 2 * eps, not eps.",
                lambda g, x, eps: (g(x + eps) - g(x - eps)) / eps,
            ),
            (
                "The sign is flipped: it is f(x + eps) - f(x - eps).",
                lambda g, x, eps: (g(x - eps) - g(x + eps)) / (2 * eps),
            ),
        ],
    )


# --- Chapter 9: a bigger problem -------------------------------------------------------------


CALM_RATE = 4.0
"""Exercise 9.2's largest learning rate: up to it, its training ends the same on every machine."""


def _learning_rate_9_2(answer: Any) -> tuple[bool, str]:
    try:
        rate = checks.positive_real(answer, "the learning rate")
    except (TypeError, ValueError) as error:
        return False, str(error)
    if rate > CALM_RATE:
        # Above it the steps are so big that the last binary digit of one number,
        # which two machines may disagree on, decides the accuracy: a verdict on
        # such a rate would differ between readers.
        return False, (
            f"with learn_rate={rate:g} the steps are so big that training turns chaotic: "
            f"its accuracy would depend on your machine's last binary digits. "
            f"Choose one of at most {CALM_RATE:g}."
        )
    X, y = make_moons(200, noise=0.2, rng=0)
    net = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=1)
    try:
        train_batches(net, X, y, loss="bce", learn_rate=rate, epochs=200, batch_size=16, rng=2)
    except ValueError:
        return False, f"with learn_rate={rate:g} training diverged: try a smaller one."
    accuracy = float(np.mean((net.forward(X)[:, 0] >= 0.5) == y))
    if accuracy >= 0.95:
        return True, f"with learn_rate={rate:g}, 200 epochs get {accuracy:.1%} right."
    hint = "a larger one learns faster" if rate < 1 else "the steps may be overshooting"
    return False, f"with learn_rate={rate:g}, 200 epochs get only {accuracy:.1%} right: {hint}."


def _accuracy_9_3() -> Callable[[Any], tuple[bool, str]]:
    def right(y_true: Any, scores: Any) -> float:
        return float(np.mean((scores >= 0.5) == y_true))

    rng = np.random.default_rng(83)
    random_cases = [(rng.integers(0, 2, 8).astype(float), rng.random(8).round(2)) for _ in range(3)]
    return function_checker(
        "accuracy",
        right=right,
        cases=lambda: [
            (np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.5, 0.2, 0.9, 0.7])),
            *random_cases,
        ],
        mistakes=[
            (
                "A score of exactly 0.5 reads as 1 (F): compare with >= 0.5, not > 0.5.",
                lambda t, s: float(np.mean((s > 0.5) == t)),
            ),
            (
                "That is the number right: divide by the number of samples.",
                lambda t, s: float(np.sum((s >= 0.5) == t)),
            ),
            (
                "That is a percentage: return the fraction, between 0 and 1.",
                lambda t, s: 100 * right(t, s),
            ),
        ],
    )


# --- Chapter 10: automatic differentiation ----------------------------------------------------


def _x_grad(log: Callable[[Value], Any], x: float, program: Callable[..., Any]) -> float:
    """x.grad after ``program(log, Value(x)).backward()``, for the reader's `log`."""
    value = Value(x)
    program(log, value).backward()
    return value.grad


# Each program that uses the reader's log: in words, its x, x.grad as it should be,
# and the gradients that known mistakes give, each with what went wrong.
_LOG_PROGRAMS: list[tuple[str, float, Callable[..., Any], float, list[tuple[float, str]]]] = [
    (
        "log(x)",
        2.0,
        lambda log, x: log(x),
        0.5,
        [
            (math.log(2.0), "That is ln(x) itself: the slope of ln(x) is 1/x."),
            (2.0, "That is x: the slope of ln(x) is 1/x."),
            (0.0, "x.grad is still 0: give out a _backward that adds to v.grad."),
        ],
    ),
    (
        "3 * log(x)",
        4.0,
        lambda log, x: 3 * log(x),
        0.75,
        [(0.25, "That is 1/x alone: multiply by out.grad (the chain rule).")],
    ),
    (
        "log(x) + log(x)",
        0.5,
        lambda log, x: log(x) + log(x),
        4.0,
        [(2.0, "x is used twice and only one use counts: add to v.grad with +=, not =.")],
    ),
]


def _log_10_2(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"pass your function itself, such as log, got {show(answer)}"
    call, expected = "log(Value(data=2.0, grad=0.0))", math.log(2.0)
    outcome = run(answer, (Value(2.0),))
    if outcome.problem is not None:
        return False, f"{call} {outcome.problem}."
    got = outcome.value
    if not isinstance(got, Value) or not same(got.data, expected):
        shown = show(got) if not isinstance(got, Value) else repr(got)
        told = f"{call} returned {shown}, expected a Value with data {show(expected)}."
        if got is None:
            return False, f"{told} Does your function `return` its result?"
        if same(got, expected):
            return False, f"{told} Wrap the number in a Value, (v,) as its children."
        return False, told
    for words, x, program, right, mistakes in _LOG_PROGRAMS:
        outcome = run(_x_grad, (answer, x, program))
        where = f"with x = Value({x}), ({words}).backward()"
        if outcome.problem is not None:
            return False, f"{where} {outcome.problem}."
        if not same(outcome.value, right):
            told = f"{where} gave x.grad = {show(outcome.value)}, expected {show(right)}."
            advice = next((text for grad, text in mistakes if same(outcome.value, grad)), "")
            return False, f"{told} {advice}".rstrip()
    programs = len(_LOG_PROGRAMS) + 1
    return True, f"log gives the right value and gradients on all {programs} test programs."


# --- Chapter 11: handwritten digits ----------------------------------------------------------


def _softmax_11_1() -> Callable[[Any], tuple[bool, str]]:
    def right(z: Any) -> Any:
        e = np.exp(z - z.max())
        return e / e.sum()

    return function_checker(
        "softmax",
        right=right,
        cases=lambda: [
            (np.array([1.0, 2.0, 3.0]),),
            (np.array([0.0, 0.0, 0.0, 0.0]),),
            (np.array([-2.0, 0.5, 0.0, 4.0, -1.0]),),
            (np.array([1000.0, 1001.0]),),
            (np.array([-1000.0, -999.0, -1001.0]),),
            (np.array([-800.0, 0.0, 800.0]),),
        ],
        mistakes=[
            ("Divide by the sum of the exponentials, not of z.", lambda z: np.exp(z) / z.sum()),
            ("Divide by the sum, so that the probabilities add up to 1.", lambda z: np.exp(z)),
            (
                "Divide by the sum, so that the probabilities add up to 1.",
                lambda z: np.exp(z - z.max()),
            ),
            (
                "That is a sigmoid of each total: softmax divides each exp(z) by the sum of all.",
                lambda z: 1 / (1 + np.exp(-z)),
            ),
        ],
        errors={
            "overflow": "exp of a large total is infinite: subtract z.max() from z first.",
            "invalid value": "exp of a large total is infinite: subtract z.max() from z first.",
            "divide by zero": "every exp underflowed to 0: subtract z.max() from z first.",
        },
    )


def _confusion_matrix_11_3() -> Callable[[Any], tuple[bool, str]]:
    def right(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        counts = np.zeros((n_classes, n_classes), dtype=int)
        for true, predicted in zip(y_true, y_pred, strict=True):
            counts[true, predicted] += 1
        return counts

    def marked(y_true: Any, y_pred: Any, n_classes: int) -> Any:
        counts = np.zeros((n_classes, n_classes), dtype=int)
        counts[y_true, y_pred] = 1  # a fancy-indexed assignment: repeats count once
        return counts

    rng = np.random.default_rng(103)
    random_cases = [(rng.integers(0, 4, 30), rng.integers(0, 4, 30), 4) for _ in range(2)]
    return function_checker(
        "confusion_matrix",
        right=right,
        cases=lambda: [
            (np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]), 2),
            (np.array([2, 0, 2, 1, 2, 2]), np.array([2, 0, 1, 1, 0, 2]), 3),
            *random_cases,
        ],
        mistakes=[
            (
                "Rows and columns are swapped: the row is the true class, the column the "
                "predicted one.",
                lambda t, p, k: right(p, t, k),
            ),
            (
                "Each entry is 0 or 1: add 1 for every sample (counts[t, p] += 1 in a loop), "
                "repeats included.",
                marked,
            ),
            (
                "Only the diagonal is filled: count the wrong answers too, off the diagonal.",
                lambda t, p, k: np.diag(np.diag(right(t, p, k))),
            ),
        ],
    )


# --- The list ----------------------------------------------------------------------------------

_EXERCISES = {
    "1.2": ("The sigmoid's slope, in code", _deriv_sigmoid_1_2()),
    "1.3": ("A sigmoid that never overflows", _stable_sigmoid_1_3()),
    "2.2": ("One neuron, from scratch", _neuron_output_2_2()),
    "3.2": ("The network's output, neuron by neuron", _network_output_3_2()),
    "4.2": ("The mean squared error", _mse_loss_4_2()),
    "5.2": ("The chain for b1", _d_L_d_b1_5_2()),
    "6.1": ("One step for w5", _new_w5_6_1()),
    "6.3": ("The whole training loop", _train_loop_6_3()),
    "7.2": ("A tanh hidden layer, in matrices", _forward_7_2()),
    "7.3": ("tanh's slope from its output", _d_tanh_7_3()),
    "8.2": ("Spot the wrong derivative", _spot_the_bug_8_2),
    "8.3": ("A central difference", _central_difference_8_3()),
    "9.2": ("Choose a learning rate", _learning_rate_9_2),
    "9.3": ("Accuracy", _accuracy_9_3()),
    "10.2": ("A logarithm that knows its slope", _log_10_2),
    "11.1": ("Softmax, safely", _softmax_11_1()),
    "11.3": ("A confusion matrix", _confusion_matrix_11_3()),
}
_CHECKERS = {number: judge for number, (_, judge) in _EXERCISES.items()}

EXERCISES: dict[str, str] = {number: title for number, (title, _) in _EXERCISES.items()}
"""Every exercise that has a checker: its number (as on the page) and its title."""
