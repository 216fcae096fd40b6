"""Chapter 11's digits network beside scikit-learn's MLPClassifier: test accuracy and time.

Both train the same kind of network on the same split: the 1,797 digits of
`load_digits()`, pixels divided by 16, a quarter set aside for the test with
`train_test_split(..., 0.25, rng=0)`; 64 inputs, 32 tanh neurons, 10 softmax
outputs, cross-entropy, plain SGD (no momentum, no weight penalty) at a
learning rate of 1.0 on mini-batches of 32, reshuffled every epoch, for 30
epochs, trained on all 1,347 images outside the test: the settings the chapter
chose on its validation split. They start from different random weights and
shuffle differently, so their accuracies may differ by a few test images.

Each is timed from the start of training to its end, several times, the
repeats interleaved (so that a slow spell of a noisy machine hits both alike);
the report gives the median time and each one's test accuracy. scikit-learn is
optional (the `bench` extra: ``pip install -e ".[bench]"``); if it is missing,
the script says so and reports the package alone.

Run it from the repository's root:

    python benchmarks/digits.py [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from machine import machine_line
from sklearn_sgd import fit_plain_sgd

from nn_from_scratch import (
    MatrixNetwork,
    accuracy,
    load_digits,
    one_hot,
    predict,
    train_batches,
    train_test_split,
)

INSTALL_HINT = "pip install -e '.[bench]'"
PACKAGE = "nn_from_scratch"
SKLEARN = "scikit-learn"
HIDDEN = 32
LEARN_RATE = 1.0
BATCH_SIZE = 32
EPOCHS = 30
QUICK_EPOCHS = 5

Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
Runner = Callable[[Split, int], tuple[float, float]]


def chapter_split() -> Split:
    """The chapter's training and test sets: pixels / 16, a quarter for the test, seed 0."""
    X, y = load_digits()
    return train_test_split(X / 16, y, test_fraction=0.25, rng=0)


def run_package(split: Split, epochs: int) -> tuple[float, float]:
    """The chapter's training: (seconds, test accuracy)."""
    X_train, X_test, y_train, y_test = split
    network = MatrixNetwork.random([64, HIDDEN, 10], ["tanh", "softmax"], rng=1)
    Y_train = one_hot(y_train)
    began = time.perf_counter()
    train_batches(
        network,
        X_train,
        Y_train,
        loss="cross_entropy",
        learn_rate=LEARN_RATE,
        epochs=epochs,
        batch_size=BATCH_SIZE,
        rng=2,
        every=None,
    )
    took = time.perf_counter() - began
    return took, accuracy(y_test, predict(network, X_test))


def run_sklearn(split: Split, epochs: int) -> tuple[float, float]:
    """MLPClassifier with the same network and plain SGD: (seconds, test accuracy)."""
    X_train, X_test, y_train, y_test = split
    model, took = fit_plain_sgd(
        X_train,
        y_train,
        hidden=(HIDDEN,),
        activation="tanh",
        batch_size=BATCH_SIZE,
        learn_rate=LEARN_RATE,
        epochs=epochs,
    )
    if model.out_activation_ != "softmax":
        raise RuntimeError(f"scikit-learn's output is {model.out_activation_}, not softmax")
    return took, float(np.mean(model.predict(X_test) == y_test))


def contestants(package: Runner, sklearn_runner: Runner, solver: str) -> dict[str, Runner]:
    """The package, and scikit-learn if it is installed; prints a line for each."""
    found: dict[str, Runner] = {PACKAGE: package}
    try:
        import sklearn

        found[SKLEARN] = sklearn_runner
        print(f"scikit-learn {sklearn.__version__}: MLPClassifier(solver={solver!r})")
    except ImportError:
        print(f"skipped: scikit-learn not installed ({INSTALL_HINT})")
    return found


def measure(
    runners: dict[str, Runner], split: Split, epochs: int, repeats: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Each runner's times and accuracies, repeats interleaved, which goes first alternating."""
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in runners}
    order = list(runners)
    for repeat in range(repeats):
        for name in order if repeat % 2 == 0 else order[::-1]:
            seconds, right = runners[name](split, epochs)
            results[name][0].append(seconds)
            results[name][1].append(right)
    return results


def describe_accuracy(values: list[float], n_test: int) -> str:
    """The test accuracy, and the range if the repeats did not all agree."""
    low, high = min(values), max(values)
    text = f"{high:.1%} ({round(high * n_test)} of {n_test})"
    return text if low == high else f"{low:.1%} to {text}"


def report(
    results: dict[str, tuple[list[float], list[float]]],
    n_test: int,
    repeats: int,
    target: float | None = None,
) -> None:
    """The table of accuracies and median times, and the ratio of the medians."""
    print()
    print(f"  {'implementation':<16} {'test accuracy':>22} {'median time':>12}")
    for name, (times, rights) in results.items():
        median = statistics.median(times)
        print(f"  {name:<16} {describe_accuracy(rights, n_test):>22} {median:>10.3f} s")
    print(f"  (median of {repeats} interleaved runs each)")
    if SKLEARN not in results:
        print(f"ratio {PACKAGE} / {SKLEARN}: skipped: scikit-learn not installed ({INSTALL_HINT})")
        return
    ratio = statistics.median(results[SKLEARN][0]) / statistics.median(results[PACKAGE][0])
    verdict = ""
    if target is not None:
        verdict = f" (target: at least {target:g}x: {'met' if ratio >= target else 'NOT met'})"
    print(f"ratio {PACKAGE} / {SKLEARN}: {PACKAGE} trains {ratio:.1f}x as fast{verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_EPOCHS} epochs instead of {EPOCHS}"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    epochs = QUICK_EPOCHS if args.quick else EPOCHS

    print(machine_line())
    print(f"python {platform.python_version()}, numpy {np.__version__}")
    runners = contestants(run_package, run_sklearn, "sgd")
    split = chapter_split()
    n_train, n_test = len(split[0]), len(split[1])
    print(
        f"work: 64-{HIDDEN}-10, tanh hidden, softmax output, cross-entropy, plain SGD at "
        f"{LEARN_RATE}, batches of {BATCH_SIZE}, {epochs} epochs, on {n_train} training "
        f"digits; accuracy on {n_test} test digits"
    )
    results: dict[str, Any] = measure(runners, split, epochs, args.repeats)
    report(results, n_test, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
