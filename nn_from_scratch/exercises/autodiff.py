"""The checkers of chapter 10, automatic differentiation (docs/autodiff.md)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..autodiff import Value
from .common import Checker, run, same, show


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


CHECKERS: dict[str, tuple[str, Checker]] = {
    "10.2": ("A logarithm that knows its slope", _log_10_2),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
