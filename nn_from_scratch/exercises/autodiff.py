"""The checkers of chapter 10, automatic differentiation (docs/autodiff.md)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..autodiff import Value
from .common import (
    Checker,
    Mistake,
    Outcome,
    apart,
    likeliest,
    quietly,
    run,
    same,
    same_or_not,
    show,
)


def _log(
    v: Value,
    slope: Callable[[Value, Value], float] = lambda v, out: 1 / v.data,
    *,
    chain: bool = True,
    add: bool = True,
    sign: float = 1.0,
    children: bool = True,
    backward: bool = True,
) -> Value:
    """The logarithm as a Value, right, or with one mistake: its local `slope` given `v`
    and `out`; times out.grad unless not `chain`; added to v.grad (``+=``) unless not
    `add`, subtracted if `sign` is -1; with its child ``(v,)`` unless not `children`;
    with a ``_backward`` unless not `backward`."""
    out = Value(math.log(v.data), (v,) if children else (), "log")

    def _backward() -> None:
        contribution = slope(v, out) * (out.grad if chain else 1.0)
        v.grad = (v.grad if add else 0.0) + sign * contribution

    if backward:
        out._backward = _backward
    return out


def _x_grad(log: Callable[[Value], Any], x: float, program: Callable[..., Any]) -> float:
    """x.grad after ``program(log, Value(x)).backward()``, for the reader's `log`."""
    value = Value(x)
    program(log, value).backward()
    return value.grad


# The programs that use the reader's log, as the verdict writes them, with their x. In the
# last two, log's input is itself computed: only a log whose Value has v as its child lets
# backward reach what made v.
_PROGRAMS: list[tuple[str, float, Callable[..., Any]]] = [
    ("log(x)", 2.0, lambda log, x: log(x)),
    ("(3 * log(x))", 4.0, lambda log, x: 3 * log(x)),
    ("(log(x) + log(x))", 0.5, lambda log, x: log(x) + log(x)),
    ("log(x * x)", 3.0, lambda log, x: log(x * x)),
    ("log(x.sigmoid())", 1.0, lambda log, x: log(x.sigmoid())),
]

# The likeliest mistakes, each a log that makes it, with what the reader is told.
_MISTAKES: list[Mistake] = [
    (
        "x.grad is still 0: give out a _backward that adds to v.grad, and set it with "
        "out._backward = _backward.",
        lambda v: _log(v, backward=False),
    ),
    (
        'log\'s Value forgot its child: make it Value(number, (v,), "log"), so that '
        "backward reaches v and everything that made v.",
        lambda v: _log(v, children=False),
    ),
    ("That is ln(x) itself: the slope of ln(x) is 1/x.", lambda v: _log(v, lambda v, o: o.data)),
    ("That is x: the slope of ln(x) is 1/x.", lambda v: _log(v, lambda v, o: v.data)),
    (
        "That divides by out.data, the logarithm: the slope of ln(x) is 1 / v.data, "
        "one over the input.",
        lambda v: _log(v, lambda v, o: 1 / o.data),
    ),
    (
        "That passes out.grad on alone: multiply it by the local slope of ln(x), 1 / v.data.",
        lambda v: _log(v, lambda v, o: 1.0),
    ),
    ("That is 1/x alone: multiply by out.grad (the chain rule).", lambda v: _log(v, chain=False)),
    (
        "x is used twice and only one use counts: add to v.grad with +=, not =.",
        lambda v: _log(v, add=False),
    ),
    (
        "The sign is flipped: add to v.grad (+=), do not subtract (-=).",
        lambda v: _log(v, sign=-1.0),
    ),
]

_CHAPTERS_CLASS = (
    "That Value is the chapter's first class, which has no backward method: make yours "
    "with nn_from_scratch's, `from nn_from_scratch import Value`."
)
_ERRORS = {
    "object is not iterable": "The children are a tuple: (v,), with the comma; (v) is v itself.",
    "'NoneType' object is not callable": "out._backward is the function itself: "
    "out._backward = _backward, without ().",
    "not Value": "math.log takes a number: use v.data, the number inside the Value.",
    "does not support ufuncs": "np.log takes a number: use v.data, the number inside the Value.",
    "has no attribute 'backward'": _CHAPTERS_CLASS,
    "grad must be a real number": "v.grad holds a number: write the slope with v.data, "
    "1 / v.data, not with v.",
}


def _problem(problem: str) -> str:
    """A problem the reader's log ran into, with the advice it earns."""
    advice = next((text for error, text in _ERRORS.items() if error in problem), "")
    return f"{problem}. {advice}".rstrip()


def _first_call(answer: Any) -> str | None:
    """What is wrong with ``answer(Value(2.0))``, the logarithm of 2 as a Value, or None."""
    call, expected = "log(Value(2.0))", math.log(2.0)
    outcome = run(answer, (Value(2.0),))
    if outcome.problem is not None:
        return f"{call} {_problem(outcome.problem)}"
    got = outcome.value
    if isinstance(got, Value) and same(got.data, expected):
        return None
    if got is None:
        return (
            f"{call} returned None, expected a Value with data {apart(0.0, expected)[1]}. "
            "Does your function `return` its result?"
        )
    if not isinstance(got, Value):
        told = f"{call} returned {show(got)}, expected a Value with data {apart(0.0, expected)[1]}."
        if type(got).__name__ == "Value":
            return f"{told} {_CHAPTERS_CLASS}"
        if same_or_not(got, expected):
            return f"{told} Wrap the number in a Value, (v,) as its children."
        return told
    shown_got, shown_expected = apart(got.data, expected)
    told = f"{call} returned a Value with data {shown_got}, expected a Value with data "
    told += f"{shown_expected}."
    if same(got.data, math.log10(2.0)):
        return f"{told} That is the logarithm to base 10: ln is math.log(v.data)."
    if same(got.data, 0.5):
        return f"{told} That is the slope 1/x: the Value holds math.log(v.data)."
    return told


def _log_10_2(answer: Any) -> tuple[bool, str]:
    if not callable(answer):
        return False, f"pass your function itself, such as log, got {show(answer)}"
    problem = _first_call(answer)
    if problem is not None:
        return False, problem
    grads: dict[int, Outcome] = {}

    def grad(i: int) -> Outcome:
        if i not in grads:
            grads[i] = run(_x_grad, (answer, *_PROGRAMS[i][1:]))
        return grads[i]

    def matches(mistake: Callable[..., Any], i: int) -> bool:
        outcome = grad(i)
        made = quietly(_x_grad, (mistake, *_PROGRAMS[i][1:]))
        return outcome.problem is None and made is not None and same_or_not(outcome.value, made)

    for i, (words, x, program) in enumerate(_PROGRAMS):
        where = f"x = Value({x!r}); {words}.backward(); x.grad"
        outcome = grad(i)
        if outcome.problem is not None:
            return False, f"{where} {_problem(outcome.problem)}"
        right = _x_grad(_log, x, program)
        if not same_or_not(outcome.value, right):
            shown_got, shown_right = apart(outcome.value, right)
            told = f"{where} gives {shown_got}, expected {shown_right}."
            others = [j for j in range(len(_PROGRAMS)) if j != i]
            advice = likeliest(_MISTAKES, matches, i, others)
            return False, f"{told} {advice}".rstrip()
    programs = len(_PROGRAMS) + 1
    return True, f"log gives the right value and gradients on all {programs} test programs."


CHECKERS: dict[str, tuple[str, Checker]] = {
    "10.2": ("A logarithm that knows its slope", _log_10_2),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
