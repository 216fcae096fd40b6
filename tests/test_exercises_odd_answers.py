"""Whatever a reader's answer returns, or does to its inputs, `check` gives a short verdict.

An outside fuzz round found `check` raising on an answer that returned 10**400,
a list nested thousands deep or an object whose __repr__ raises; printing a
5 MB verdict for a long list; showing the input as the answer had changed it;
and crashing in its own solution under ``np.seterr(all="raise")``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_from_scratch.exercises import EXERCISES, LONGEST, verdict
from tests.helpers import Unshowable, examples


def nested(depth: int) -> list[Any]:
    value: list[Any] = [0.5]
    for _ in range(depth):
        value = [value]
    return value


ODD_RETURNS = st.one_of(
    st.sampled_from([10**400, -(10**400), "0.1", b"", None, Unshowable(), nested(5000)]),
    st.integers(3, 200_000).map(lambda n: [0.5] * n),
    st.text(max_size=5),
    st.sampled_from(["U", "O", "S"]).map(
        lambda kind: np.full(5, "x" if kind != "O" else None, dtype=kind)
    ),
)
FUNCTION_EXERCISES = [number for number in EXERCISES if number not in ("8.2", "9.2")]


@settings(max_examples=examples(160), deadline=None, derandomize=True, database=None)
@given(number=st.sampled_from(FUNCTION_EXERCISES), returned=ODD_RETURNS)
def test_an_answer_that_returns_anything_gets_a_short_verdict(number: str, returned: Any) -> None:
    def answer(*args: Any) -> Any:
        return returned

    right, line = verdict(number, answer)
    assert not right
    assert line.startswith(f"{number} not yet: ") and len(line) <= LONGEST + 20, line[:200]


@pytest.mark.parametrize("value", [10**400, "0.1", Unshowable(), nested(5000), [0.5] * 10**6])
def test_a_value_answer_of_anything_gets_a_short_verdict(value: Any) -> None:
    for number in ("8.2", "9.2"):  # the exercises that ask for a value, not a function
        right, line = verdict(number, value)
        assert not right and len(line) < 400, line[:200]


def test_the_verdict_shows_the_input_the_checker_chose_not_what_the_answer_wrote() -> None:
    def neuron_output(weights: list[float], bias: float, inputs: list[float]) -> float:
        weights[0] = 999.0
        return 0.0

    _, line = verdict("2.2", neuron_output)
    assert "neuron_output([1.0, -1.0], 0.5, [3.0, 1.0]) returned 0.0" in line


def test_a_long_list_is_shown_by_its_length() -> None:
    _, line = verdict("1.2", lambda x: [0.5] * 10**6)
    assert "returned <list of 1000000 items>" in line and len(line) < 200


@pytest.mark.parametrize("setting", ["raise", "warn", "ignore"])
def test_the_checkers_own_solution_does_not_depend_on_np_seterr(setting: str) -> None:
    def softmax(z: np.ndarray) -> np.ndarray:
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    with np.errstate(all=setting):
        right, line = verdict("11.1", softmax)
    assert right, line
