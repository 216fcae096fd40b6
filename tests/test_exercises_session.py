"""A check leaves the reader's session as it found it: nothing running, full speed.

The reader calls `check` in a notebook and goes on working in the same Python.
Whatever the check met (an endless loop, an exception, Ctrl-C), nothing of it may
keep running afterwards: in 0.1.0 an endless answer was left spinning in a thread,
and every numpy call after it waited for the GIL (the digits chapter's training ran
about 100 times slower until the kernel was restarted). Here a numpy workload is timed
before and after endless answers, in this process and in a Jupyter kernel.

The time limit needs SIGALRM in the main thread: the tests that give `check` an
endless loop are skipped where the platform has none (Windows), where it would
run forever by design.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pytest

from nn_from_scratch import exercises
from nn_from_scratch.exercises import check, run
from tests.test_notebooks import execute

from .seed_reference import math_sigmoid as f

needs_timer = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="no SIGALRM timer: an endless answer runs forever"
)

FAST = 0.2  # seconds: TIMEOUT in these tests

# A workload like the digits chapter's, run here and in the notebook alike: mini-batch training
# whose arrays (32 x 64) are large enough for numpy to release the GIL in each call.
# The machine is shared and noisy: `training_time()` is the best of three medians of
# seven runs each. A thread left spinning slows every run; a busy machine only some.
WORKLOAD = """
import statistics, time
import numpy as np
from nn_from_scratch.matrix import MatrixNetwork, train_batches

_X = np.random.default_rng(0).normal(size=(512, 2))
_Y = (_X[:, :1] * _X[:, 1:] > 0).astype(float)


def _training_once():
    network = MatrixNetwork.random([2, 64, 1], "sigmoid", rng=1)
    start = time.perf_counter()
    train_batches(network, _X, _Y, epochs=10, batch_size=32, every=None, rng=2)
    return time.perf_counter() - start


def training_time():
    return min(statistics.median(_training_once() for _ in range(7)) for _ in range(3))
"""

HANG = "ran for more than 0.2 s (is there an endless loop?)"


def endless(x: float) -> float:
    while True:
        pass


def endless_numpy(x: float) -> float:
    a = np.ones((8, 8))
    while True:
        np.dot(a, a)


def right(x: float) -> float:
    return f(x) * (1 - f(x))


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exercises, "TIMEOUT", FAST)


def test_the_tests_run_in_the_main_thread() -> None:
    # pytest-xdist >= 3 runs tests in its workers' main thread (execnet's
    # main_thread_only): there, and only there, the checker has its timer.
    assert threading.current_thread() is threading.main_thread()
    assert exercises.can_time_out() == hasattr(signal, "setitimer")


@needs_timer
def test_endless_answers_leave_nothing_running_and_numpy_at_full_speed(
    fast: None, capsys: pytest.CaptureFixture[str]
) -> None:
    namespace: dict[str, Any] = {}
    exec(WORKLOAD, namespace)
    training_time = namespace["training_time"]
    threads = set(threading.enumerate())
    before = training_time()
    for answer in [endless, endless_numpy, endless, endless_numpy]:
        start = time.perf_counter()
        check("1.2", answer)
        assert time.perf_counter() - start < 10 * FAST  # stopped, not waited for
        assert capsys.readouterr().out == f"1.2 not yet: deriv_sigmoid(2.0) {HANG}.\n"
    after = training_time()
    left = set(threading.enumerate()) - threads
    assert after / before < 3 and not left, (
        f"training: {before:.4f} s before the checks, {after:.4f} s after; threads left: {left}"
    )


@pytest.fixture
def alarm_handler() -> Iterator[Any]:
    """A SIGALRM handler of the program's own, in place during the test; the original after."""
    if not hasattr(signal, "setitimer"):
        yield None
        return

    def ours(signum: int, frame: Any) -> None:
        raise AssertionError("the program's own SIGALRM handler ran")

    original = signal.signal(signal.SIGALRM, ours)
    try:
        yield ours
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, original)


def no_timer_and_handler_back(handler: Any) -> None:
    if handler is not None:
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is handler


def pressed_ctrl_c(x: float) -> float:
    raise KeyboardInterrupt


def signalled_ctrl_c(x: float) -> float:
    signal.raise_signal(signal.SIGINT)  # as Ctrl-C, or a notebook's interrupt, sends it
    while True:
        pass


@pytest.mark.parametrize(
    "answer",
    [
        pressed_ctrl_c,
        pytest.param(
            signalled_ctrl_c,
            marks=pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX's"),
        ),
    ],
)
def test_ctrl_c_stops_the_check_and_leaves_no_timer_handler_or_thread(
    answer: Any, fast: None, alarm_handler: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    threads = set(threading.enumerate())
    with pytest.raises(KeyboardInterrupt):
        check("1.2", answer)
    assert capsys.readouterr().out == ""  # the reader asked to stop: no verdict
    no_timer_and_handler_back(alarm_handler)
    assert set(threading.enumerate()) == threads
    time.sleep(2 * FAST)  # a timer left behind would now call the program's handler


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (right, "1.2 correct"),
        (lambda x: 1 / 0, "raised ZeroDivisionError: division by zero"),
        (lambda x: np.float64(-1000.0) ** 1000, "warned RuntimeWarning: overflow"),
        pytest.param(endless, HANG, marks=needs_timer),
    ],
    ids=["right", "raises", "warns", "endless"],
)
def test_every_verdict_leaves_no_timer_and_the_handler_back(
    answer: Any, said: str, fast: None, alarm_handler: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    threads = set(threading.enumerate())
    check("1.2", answer)
    assert said in capsys.readouterr().out
    no_timer_and_handler_back(alarm_handler)
    assert set(threading.enumerate()) == threads
    time.sleep(2 * FAST)


@needs_timer
def test_an_answer_that_swallows_the_alarm_is_still_reported(fast: None) -> None:
    def stubborn(x: float) -> float:
        try:
            endless(x)
        except BaseException:  # a bare `except:` in the reader's code
            pass
        return right(x)

    def very_stubborn(x: float) -> float:
        for _ in range(3):  # each alarm swallowed: another comes
            try:
                endless(x)
            except BaseException:
                pass
        raise ValueError("gave up")

    assert run(stubborn, (2.0,)).problem == HANG
    assert run(very_stubborn, (2.0,)).problem == HANG
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_timer
def test_a_timer_of_the_programs_own_is_left_alone(fast: None, alarm_handler: Any) -> None:
    signal.setitimer(signal.ITIMER_REAL, 60)
    assert not exercises.can_time_out()
    assert run(right, (2.0,)) == (right(2.0), None)
    assert 50 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
    assert signal.getsignal(signal.SIGALRM) is alarm_handler


def slow_right(x: float) -> float:
    time.sleep(2 * FAST)
    return right(x)


def test_where_there_is_no_timer_the_answer_runs_to_its_end(
    fast: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on Windows, which has no setitimer: no time limit, and no crash.
    monkeypatch.delattr(signal, "setitimer", raising=False)
    assert not exercises.can_time_out()
    assert run(slow_right, (2.0,)) == (right(2.0), None)
    assert run(lambda x: 1 / 0, (2.0,)).problem == "raised ZeroDivisionError: division by zero"


def test_from_another_thread_the_answer_runs_to_its_end(fast: None) -> None:
    outcomes = []
    helper = threading.Thread(target=lambda: outcomes.append(run(slow_right, (2.0,))))
    helper.start()
    helper.join(30)
    assert outcomes == [(right(2.0), None)]
    if hasattr(signal, "setitimer"):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- In a Jupyter kernel, as the reader runs it ------------------------------------------------

NOTEBOOK_CELLS = [
    WORKLOAD
    + """
import threading
from nn_from_scratch import exercises
from nn_from_scratch.exercises import check

exercises.TIMEOUT = 0.2
threads = threading.active_count()
before = training_time()
""",
    """
def deriv_sigmoid(x):
    while True:
        pass


check("1.2", deriv_sigmoid)
""",
    """
def deriv_sigmoid(x):
    a = np.ones((8, 8))
    while True:
        np.dot(a, a)


check("1.2", deriv_sigmoid)
check("1.2", deriv_sigmoid)
""",
    "print(before, training_time(), threads, threading.active_count())",
]


@needs_timer
@pytest.mark.sweep  # it starts a Jupyter kernel (about 2.5 s); the rules it checks run above
def test_in_a_notebook_an_endless_answer_is_stopped_and_the_kernel_stays_fast() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS])
    # A short folder: the kernel's Unix sockets go there, and macOS allows 104 characters.
    folder = Path(tempfile.mkdtemp(prefix="nn-kernel-"))
    try:
        executed = asyncio.run(execute(nb, folder / "k"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    printed = [
        "".join(out.text for out in cell.outputs if out.output_type == "stream")
        for cell in executed.cells
    ]
    verdict = f"1.2 not yet: deriv_sigmoid(2.0) {HANG}.\n"
    assert printed[1] == verdict
    assert printed[2] == 2 * verdict
    # check returns None: a cell ending in check(...) shows the verdict and no Out[ ] value.
    # (The kernel may send the two verdicts as one stream message or as two.)
    assert {out.output_type for out in executed.cells[2].outputs} == {"stream"}
    before, after, threads_before, threads_after = printed[3].split()
    assert float(after) / float(before) < 3 and threads_after == threads_before, (
        f"training: {before} s before the checks, {after} s after; "
        f"threads: {threads_before} before, {threads_after} after"
    )
