"""Adam on the digits: train_batches beside scikit-learn's MLPClassifier(solver="adam").

The network, data and batches of benchmarks/digits.py: the 1,797 digits of
`load_digits()`, pixels divided by 16, a quarter set aside for the test with
`train_test_split(..., 0.25, rng=0)`; 64 inputs, 32 tanh neurons, 10 softmax
outputs, cross-entropy, no weight penalty, mini-batches of 32 reshuffled every
epoch, 30 epochs, on all 1,347 images outside the test. Both train with Adam
at the settings both libraries start from: learning rate 0.001, beta1 0.9,
beta2 0.999, eps 1e-8.

Before timing, each trains once for the full 30 epochs, and the script checks
that they learned alike: their cross-entropy on the training digits within
20% of each other, their test accuracies within 3 percentage points. They
cannot agree to the last digit: they start from different random weights and
shuffle differently (and scikit-learn adds eps before correcting the squares'
mean for its start at 0, a difference of a few 1e-7 in the divisor early on).

Then each is timed from the start of training to its end, several times, the
repeats interleaved (so that a slow spell of a noisy machine hits both alike);
the report gives the median time, each one's test accuracy, and the ratio of
the medians. scikit-learn is optional (the `bench` extra: ``pip install -e
".[bench]"``); if it is missing, the script says so and times the package alone.

Run it from the repository's root:

    python benchmarks/digits_adam.py [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable

import numpy as np
from digits import (
    BATCH_SIZE,
    EPOCHS,
    HIDDEN,
    PACKAGE,
    QUICK_EPOCHS,
    SKLEARN,
    Split,
    chapter_split,
    contestants,
    measure,
    report,
)
from machine import machine_line
from sklearn_sgd import fit_adam

from nn_from_scratch import LOSSES, Adam, MatrixNetwork, accuracy, one_hot, train_batches

LEARN_RATE = 0.001
BETA1 = 0.9
BETA2 = 0.999
EPS = 1e-8
TARGET = 1.0  # the package should train at least as fast as scikit-learn
LOSS_AGREEMENT = 0.20  # the training losses within 20% of each other
ACCURACY_AGREEMENT = 0.03  # the test accuracies within 3 percentage points

Probabilities = Callable[[np.ndarray], np.ndarray]  # inputs -> one row of probabilities each
Trainer = Callable[[Split, int], tuple[float, Probabilities]]


def train_package(split: Split, epochs: int) -> tuple[float, Probabilities]:
    """train_batches with Adam: (seconds, the trained network's probabilities)."""
    X_train, _, y_train, _ = split
    network = MatrixNetwork.random([64, HIDDEN, 10], ["tanh", "softmax"], rng=1)
    optimizer = Adam(learn_rate=LEARN_RATE, beta1=BETA1, beta2=BETA2, eps=EPS)
    Y_train = one_hot(y_train)
    began = time.perf_counter()
    train_batches(
        network,
        X_train,
        Y_train,
        loss="cross_entropy",
        optimizer=optimizer,
        epochs=epochs,
        batch_size=BATCH_SIZE,
        rng=2,
        every=None,
    )
    return time.perf_counter() - began, network.forward


def train_sklearn(split: Split, epochs: int) -> tuple[float, Probabilities]:
    """MLPClassifier with the same network and Adam: (seconds, its probabilities)."""
    X_train, _, y_train, _ = split
    model, took = fit_adam(
        X_train,
        y_train,
        hidden=(HIDDEN,),
        activation="tanh",
        batch_size=BATCH_SIZE,
        learn_rate=LEARN_RATE,
        beta1=BETA1,
        beta2=BETA2,
        eps=EPS,
        epochs=epochs,
    )
    if model.out_activation_ != "softmax":
        raise RuntimeError(f"scikit-learn's output is {model.out_activation_}, not softmax")
    if list(model.classes_) != list(range(10)):  # its columns are in the order of classes_
        raise RuntimeError(f"scikit-learn's classes are {list(model.classes_)}, not 0 to 9")
    return took, model.predict_proba


def timed(train: Trainer) -> Callable[[Split, int], tuple[float, float]]:
    """A runner for `measure`: (seconds, test accuracy)."""

    def run(split: Split, epochs: int) -> tuple[float, float]:
        seconds, probabilities = train(split, epochs)
        _, X_test, _, y_test = split
        return seconds, accuracy(y_test, np.argmax(probabilities(X_test), axis=1))

    return run


def learned_alike(split: Split) -> bool:
    """Trains both for EPOCHS, prints what each learned, and says whether they agree."""
    X_train, X_test, y_train, y_test = split
    losses, accuracies = [], []
    for train in (train_package, train_sklearn):
        _, probabilities = train(split, EPOCHS)
        losses.append(LOSSES["cross_entropy"].f(one_hot(y_train), probabilities(X_train)))
        accuracies.append(accuracy(y_test, np.argmax(probabilities(X_test), axis=1)))
    loss_gap = abs(losses[0] - losses[1]) / min(losses)
    accuracy_gap = abs(accuracies[0] - accuracies[1])
    agree = loss_gap <= LOSS_AGREEMENT and accuracy_gap <= ACCURACY_AGREEMENT
    print(
        f"{'learned alike' if agree else 'FAILED: they did not learn alike'}: after {EPOCHS} "
        f"epochs, loss on the training digits {losses[0]:.3f} ({PACKAGE}) and {losses[1]:.3f} "
        f"({SKLEARN}), {loss_gap:.0%} apart (allowed {LOSS_AGREEMENT:.0%}); test accuracy "
        f"{accuracies[0]:.1%} and {accuracies[1]:.1%}, {accuracy_gap * 100:.1f} points apart "
        f"(allowed {ACCURACY_AGREEMENT * 100:g})"
    )
    return agree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"time {QUICK_EPOCHS} epochs instead of {EPOCHS} (the check still trains {EPOCHS})",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    epochs = QUICK_EPOCHS if args.quick else EPOCHS

    print(machine_line())
    print(f"python {platform.python_version()}, numpy {np.__version__}")
    runners = contestants(timed(train_package), timed(train_sklearn), "adam")
    split = chapter_split()
    n_train, n_test = len(split[0]), len(split[1])
    print(
        f"work: 64-{HIDDEN}-10, tanh hidden, softmax output, cross-entropy, Adam (learn rate "
        f"{LEARN_RATE}, beta1 {BETA1}, beta2 {BETA2}, eps {EPS:g}), batches of {BATCH_SIZE}, "
        f"{epochs} epochs, on {n_train} training digits; accuracy on {n_test} test digits"
    )
    # The same work, learned alike: checked before timing anything.
    if SKLEARN in runners and not learned_alike(split):
        return 1
    results = measure(runners, split, epochs, args.repeats)
    report(results, n_test, args.repeats, target=TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
