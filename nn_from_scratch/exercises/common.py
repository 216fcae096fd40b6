"""What every chapter's checkers share: running the reader's function safely, and judging it.

`run` calls the reader's function, stopping it after `TIMEOUT` seconds where it
can; `show` and `same` print and compare what it returned; `function_checker`
makes the checker of an exercise that asks for a function, from a solution,
the cases to try and the likeliest mistakes, each with the advice it earns.
"""

from __future__ import annotations

import copy
import math
import signal
import threading
import warnings
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any, NamedTuple

import numpy as np

from .. import checks
from ..network import NeuralNetwork

TIMEOUT = 3.0
"""How long, in seconds, one call of your function may take before the checker gives up on it."""

Checker = Callable[[Any], tuple[bool, str]]
"""A checker: given the reader's answer, whether it is right and the verdict's words."""


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


def show(value: Any, digits: int = 6) -> str:
    """A value as the verdict prints it: numbers to 6 (or `digits`) significant digits, big
    arrays by shape.

    Whatever a reader's function returns is shown in a short line: a long list
    or a huge int by its size, anything whose own ``repr`` fails by its type.

    Examples
    --------
    >>> show(2.0), show(np.array([[0.25], [1 / 3]])), show(np.zeros((3, 3)))
    ('2.0', 'array([[0.25], [0.333333]])', '<array of shape (3, 3)>')
    >>> show([0.5] * 1000), show(10**400)
    ('<list of 1000 items>', '<an int of 401 digits>')
    """
    if isinstance(value, float | np.floating):
        text = f"{float(value):.{digits}g}"
        return text if any(mark in text for mark in ".eni") else text + ".0"  # 2.0, not 2
    if isinstance(value, np.ndarray) and value.dtype.kind not in "biuf":
        held = {"U": "text", "S": "bytes", "O": "objects"}.get(value.dtype.kind, value.dtype.name)
        return f"<array of shape {value.shape} holding {held}, not numbers>"
    if isinstance(value, np.ndarray) and value.size <= 8:
        return f"array({show(value.tolist(), digits)})"
    if isinstance(value, np.ndarray):
        return f"<array of shape {value.shape}>"
    if isinstance(value, list | tuple) and len(value) > 8:
        return f"<{type(value).__name__} of {len(value)} items>"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return f"<an int of {len(str(abs(value)))} digits>"
    if isinstance(value, list) and _depth(value) > 3:
        return "<a list nested more than 3 deep>"
    if isinstance(value, list):
        return "[" + ", ".join(show(item, digits) for item in value) + "]"
    if callable(value):
        return str(getattr(value, "__name__", "a function"))
    if isinstance(value, NeuralNetwork):
        inside = ", ".join(f"{name}={number:.3g}" for name, number in value.parameters().items())
        return f"NeuralNetwork({inside})"
    if isinstance(value, str):
        return checks.describe(value)
    try:
        text = repr(value)
    except Exception:  # an object whose own __repr__ fails
        return checks.describe(value)
    return text if len(text) <= 60 else checks.describe(value)


def _depth(value: Any, most: int = 4) -> int:
    """How deeply lists nest in `value`, counted up to `most` (a list nested thousands deep
    would overflow Python's stack if walked to the bottom)."""
    if not isinstance(value, list) or most == 0:
        return 0
    return 1 + max((_depth(item, most - 1) for item in value[:8]), default=0)


def same(got: Any, expected: Any, rel_tol: float = 1e-9, abs_tol: float = 1e-300) -> bool:
    """Whether the reader's `got` equals `expected` (a float or an array) to 1e-9 (`rel_tol`),
    or to within 1e-300 (`abs_tol`).

    Examples
    --------
    >>> same(0.1 + 0.2, 0.3), same("0.3", 0.3), same(np.ones(2), np.ones(3))
    (True, False, False)
    """
    try:  # whatever the reader's function returned: an int beyond float64, text, ...
        if isinstance(expected, np.ndarray):
            if not isinstance(got, np.ndarray) or got.shape != expected.shape:
                return False
            return bool(np.allclose(got, expected, rtol=rel_tol, atol=abs_tol))
        if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
            return False
        return math.isclose(float(got), expected, rel_tol=rel_tol, abs_tol=abs_tol)
    except (OverflowError, TypeError, ValueError):
        return False


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
"""A likely mistake: the advice the reader sees, and a function that makes the mistake."""

Advice = str | Callable[..., str]
"""What a checker says about an error: words, or a function of the failed case's arguments
that returns them."""

CARET = {
    "for ^": "In Python ^ is not a power (it compares bits): write ** for a power, x ** 2.",
    "'bitwise_xor'": "In Python ^ is not a power (it compares bits): write ** for a power, x ** 2.",
}
"""Advice for the error that ``^`` used as a power raises, on Python numbers and numpy arrays."""


def _outcomes(answer: Any, all_cases: list[tuple[Any, ...]]) -> Callable[[int], Outcome]:
    """The answer's outcome on case i, run once, the first time it is asked for."""
    results: dict[int, Outcome] = {}

    def result(i: int) -> Outcome:
        if i not in results:
            results[i] = run(answer, cases_copy(all_cases[i]))
        return results[i]

    return result


def function_checker(
    name: str,
    right: Callable[..., Any],
    cases: Callable[[], list[tuple[Any, ...]]],
    mistakes: list[Mistake],
    errors: Mapping[str, Advice] | None = None,
    *,
    paste: bool = False,
    near: str | None = None,
    rel_tol: float = 1e-9,
    abs_tol: float = 1e-300,
) -> Checker:
    """A checker for an exercise that asks for a function called `name`.

    `right` is the solution; `cases` makes the argument tuples to try (fresh
    ones each time, so a function that changes its arguments cannot spoil the
    next case); each of `mistakes` is a message and a function that makes that
    mistake; `errors` maps words of an error (its name, or of its message) to
    advice, or to a function of the case's arguments that gives the advice.
    With `paste`, a failed case is printed as Python that recreates it (`literal`),
    and what the answer returned and what was expected with the digits that
    tell them apart (`apart`). A mistake is named only if it explains the
    failed case and fits every other (`likeliest`). `near` is what to say
    of an answer that is not one of the mistakes but right to three digits;
    `rel_tol` and `abs_tol` how close to the solution an answer must be.
    """

    def judge(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"pass your function itself, such as {name}, got {show(answer)}"
        all_cases = cases()
        result = _outcomes(answer, all_cases)

        def alike(a: Any, b: Any) -> bool:
            return same(a, b, rel_tol, abs_tol)

        def matches(wrong: Callable[..., Any], i: int) -> bool:
            return fits_mistake(result(i), wrong, all_cases[i], right, alike, strictly=True)

        def fits(wrong: Callable[..., Any], i: int) -> bool:
            return fits_mistake(result(i), wrong, all_cases[i], right, alike)

        for i, arguments in enumerate(all_cases):
            expected = right(*cases_copy(arguments))
            outcome = result(i)
            shown = ", ".join((literal if paste else show)(argument) for argument in arguments)
            call = f"{name}({shown})"
            if outcome.problem is not None:
                advice = next(
                    (text for error, text in (errors or {}).items() if error in outcome.problem),
                    "",
                )
                if callable(advice):
                    advice = advice(*arguments)
                return False, f"{call} {outcome.problem}. {advice}".rstrip()
            got = outcome.value
            if not same(got, expected, rel_tol, abs_tol):
                returned, wanted = apart(got, expected) if paste else (show(got), show(expected))
                told = f"{call} returned {returned}, expected {wanted}."
                if got is None:
                    return False, f"{told} Does your function `return` its result?"
                if not same_kind(got, expected):
                    return False, f"{told} It should return {expecting(expected)}."
                others = [j for j in range(len(all_cases)) if j != i]
                advice = likeliest(mistakes, matches, i, others, fits)
                if advice:
                    return False, f"{told} {advice}"
                if near is not None and same(got, expected, 1e-3, abs_tol):
                    return False, f"{told} {near}"
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
    """A deep copy of `arguments`, so the reader's function cannot change ours (a verdict
    shows the input the checker chose, not what the answer wrote into it)."""
    return copy.deepcopy(arguments)


def random_floats(seed: int, n: int, low: float, high: float) -> list[float]:
    """`n` random floats from a fixed seed: the same 'random' cases on every run."""
    values: list[float] = np.random.default_rng(seed).uniform(low, high, n).round(4).tolist()
    return values


# --- Verdicts to paste and rerun (the checkers of chapters 7 to 11) ---------------------------


def literal(value: Any) -> str:
    """`value` written as Python that rebuilds it: a failing input, to paste and rerun.

    Numbers in full (``repr``, so two different floats never print the same),
    arrays as ``np.array(...)`` with all their values, math's functions with
    their module.

    Examples
    --------
    >>> literal(0.1), literal(2), literal(np.array([[1, 0], [0.5, -2]])), literal(math.sin)
    ('0.1', '2', 'np.array([[1.0, 0.0], [0.5, -2.0]])', 'math.sin')
    >>> literal([2.0, -1, 1 / 3])
    '[2.0, -1, 0.3333333333333333]'
    >>> net = NeuralNetwork.random(0)
    >>> literal(net)[:40]
    'NeuralNetwork(w1=0.1257302210933933, w2='
    >>> eval(literal(net)).parameters() == net.parameters()
    True
    """
    if isinstance(value, bool | np.bool_):
        return repr(bool(value))
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, int | np.integer):
        return repr(int(value))
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r})"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, NeuralNetwork):
        inside = ", ".join(f"{name}={number!r}" for name, number in value.parameters().items())
        return f"NeuralNetwork({inside})"
    if callable(value) and hasattr(value, "__name__"):
        module = getattr(value, "__module__", None)
        return f"math.{value.__name__}" if module == "math" else str(value.__name__)
    return show(value)


def _digits(number: Any, digits: int) -> str:
    """One number to `digits` significant digits, a float with its point (2.0, not 2)."""
    if isinstance(number, bool | int | np.integer | np.bool_):
        return show(number)  # in full, unless it is huge
    text = f"{float(number):.{digits}g}"
    return text if any(mark in text for mark in ".eni") else text + ".0"


def _fits(a: Any, b: Any, digits: int) -> bool:
    """Whether `a` and `b`, to `digits` significant digits, print apart if they differ, each
    closer to its own number than to the other."""
    try:
        a, b = float(a), float(b)
    except OverflowError:  # an int too large for a float: printed in full
        return True
    if a == b:  # the same number prints the same
        return True
    shown_a, shown_b = _digits(a, digits), _digits(b, digits)
    half = abs(a - b) / 2
    return (
        shown_a != shown_b and abs(float(shown_a) - a) <= half and abs(float(shown_b) - b) <= half
    )


def _enough(a: Any, b: Any) -> int:
    """The fewest significant digits, 6 or more, that tell `a` from `b` (see `_fits`)."""
    return next((d for d in range(6, 17) if _fits(a, b, d)), 17)


def _nested(items: Any, digits: Any) -> str:
    """Nested lists of numbers as Python writes them, each number to its own `digits`."""
    if isinstance(items, list):
        return "[" + ", ".join(_nested(i, d) for i, d in zip(items, digits, strict=True)) + "]"
    return _digits(items, digits)


def _written(value: Any, digits: Any = 6) -> str:
    """`value` as the verdict prints it: a number, or an array of at most 40 as
    ``np.array(...)``, each number to its `digits` (a number, or lists in the array's shape)."""
    if isinstance(value, np.ndarray) and value.size <= 40 and value.dtype.kind in "biuf":
        if isinstance(digits, int):
            digits = np.full(value.shape, digits).tolist()
        return f"np.array({_nested(value.tolist(), digits)})"
    if same_kind(value, 0.0):
        return _digits(value, digits if isinstance(digits, int) else 6)
    return show(value)


def apart(got: Any, expected: Any) -> tuple[str, str]:
    """`got` and `expected` as the verdict prints them: each number to 6 significant digits,
    or to as many more as it takes to print it apart from its match when the two differ.

    Arrays print as ``np.array(...)`` with their values, up to 40 of them.

    Examples
    --------
    >>> apart(12.01, 0.1201)
    ('12.01', '0.1201')
    >>> apart(0.5000001, 0.5)
    ('0.5000001', '0.5')
    >>> apart(np.array([1 / 3, 2.0]), np.array([1 / 3, 2.000001]))
    ('np.array([0.333333, 2.0])', 'np.array([0.333333, 2.000001])')
    """
    digits: Any = 6
    if same_kind(got, 0.0) and same_kind(expected, 0.0):
        digits = _enough(got, expected)
    elif (
        isinstance(got, np.ndarray)
        and isinstance(expected, np.ndarray)
        and got.shape == expected.shape
        and got.dtype.kind in "biuf"
        and expected.dtype.kind in "biuf"
    ):
        pairs = zip(got.ravel().tolist(), expected.ravel().tolist(), strict=True)
        flat = [_enough(a, b) for a, b in pairs]
        digits = np.reshape(flat, got.shape).tolist()
    return _written(got, digits), _written(expected, digits)


def _as_compared(value: Any) -> Any:
    """`value`, with an array of True and False as one of 1.0 and 0.0, so that it compares."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "b":
        return value.astype(float)
    return value


def same_or_not(got: Any, expected: Any) -> bool:
    """`same`, for anything the reader's function may return: an int too large for a
    float, say, is not the same as any float."""
    try:
        return same(_as_compared(got), _as_compared(expected))
    except (OverflowError, TypeError, ValueError):
        return False


def likeliest(
    mistakes: list[Mistake],
    matches: Callable[[Callable[..., Any], int], bool],
    failed: int,
    others: list[int],
    fits: Callable[[Callable[..., Any], int], bool] | None = None,
) -> str:
    """The advice of the first mistake that explains case `failed` and fits every other case
    (`others`), "" if none does.

    `matches(mistake, i)` says whether the answer's result on case `i` is the
    mistake's; `fits(mistake, i)` (`matches` if not given) whether it is, or tells
    nothing against it (`fits_mistake`). A mistake that explains case `failed`
    alone is not named: on two samples, say, dividing by 4 and halving the mean
    give the same number, and only a longer case tells which the answer did.
    """
    fits = fits or matches
    found = (
        text
        for text, wrong in mistakes
        if matches(wrong, failed) and all(fits(wrong, i) for i in others)
    )
    return next(found, "")


def fits_mistake(
    outcome: Outcome,
    wrong: Callable[..., Any],
    arguments: tuple[Any, ...],
    right: Callable[..., Any],
    alike: Callable[[Any, Any], bool],
    *,
    strictly: bool = False,
) -> bool:
    """Whether what the answer gave on `arguments` (`outcome`) is what the mistake `wrong`
    gives there, or (unless `strictly`) tells nothing against the mistake.

    Nothing is told where the answer gave no number (it raised or warned) or
    the right one (a mistake may bite on some inputs only, as a sign lost in one
    branch of an if), or where the mistake gives none (it raises, or gives nan:
    it speaks of other inputs). `alike` compares two results.
    """
    made = quietly(wrong, cases_copy(arguments))
    if outcome.problem is not None:
        return not strictly
    if made is not None and alike(outcome.value, made):
        return True
    if strictly:
        return False
    return made is None or _is_nan(made) or alike(outcome.value, right(*cases_copy(arguments)))


def _is_nan(value: Any) -> bool:
    """Whether `value` is a float nan: a mistake's way to say nothing of an input."""
    return isinstance(value, float | np.floating) and math.isnan(value)


def named_checker(
    name: str,
    right: Callable[..., Any],
    cases: Callable[[], list[tuple[Any, ...]]],
    mistakes: list[Mistake],
    errors: dict[str, str] | None = None,
    names: tuple[str, ...] | None = None,
) -> Checker:
    """A checker for an exercise that asks for a function called `name`, whose verdict
    names the likeliest mistakes and prints the failing input so that it can be rerun.

    As `function_checker`, and: the input is printed as Python (`literal`), in
    the call itself, or, if `names` are given, as assignments to those names
    after the verdict; what came back and what was expected are printed by
    `apart`. As there, a mistake is named only if it explains the failed case
    and fits every other (`likeliest`).
    """

    def written(arguments: tuple[Any, ...]) -> tuple[str, str]:
        """The call as the verdict prints it, and what to paste to rerun it."""
        if names is None:
            return f"{name}({', '.join(literal(a) for a in arguments)})", ""
        call = f"{name}({', '.join(names)})"
        values = "; ".join(f"{n} = {literal(a)}" for n, a in zip(names, arguments, strict=True))
        return call, f" To rerun it: {values}; {call}"

    def judge(answer: Any) -> tuple[bool, str]:
        if not callable(answer):
            return False, f"pass your function itself, such as {name}, got {show(answer)}"
        all_cases = cases()
        result = _outcomes(answer, all_cases)

        def matches(wrong: Callable[..., Any], i: int) -> bool:
            outcome, case = result(i), all_cases[i]
            return fits_mistake(outcome, wrong, case, right, same_or_not, strictly=True)

        def fits(wrong: Callable[..., Any], i: int) -> bool:
            return fits_mistake(result(i), wrong, all_cases[i], right, same_or_not)

        for i, arguments in enumerate(all_cases):
            expected = right(*cases_copy(arguments))
            outcome = result(i)
            call, paste = written(arguments)
            if outcome.problem is not None:
                advice = next(
                    (text for error, text in (errors or {}).items() if error in outcome.problem),
                    "",
                )
                told = f"{call} {outcome.problem.rstrip()}."
                return False, f"{told} {advice}".rstrip() + paste
            got = outcome.value
            if same_or_not(got, expected):
                continue
            shown_got, shown_expected = apart(got, expected)
            told = f"{call} returned {shown_got}, expected {shown_expected}."
            others = [j for j in range(len(all_cases)) if j != i]
            if got is None:
                advice = "Does your function `return` its result?"
            else:
                advice = likeliest(mistakes, matches, i, others, fits)
            if not advice and not same_kind(got, expected):
                advice = f"It should return {expecting(expected)}."
            return False, f"{told} {advice}".rstrip() + paste
        return True, f"{name} gives the right answer on all {len(all_cases)} test inputs."

    return judge
