"""Chapter 6's `train` against the original tutorial's training code, on the same run.

Both train the 2-2-1 network of chapter 6 from the same starting parameters
(`NeuralNetwork.random(42)`) on the four people of `training_data()`, for 1000
epochs with a learning rate of 0.1, recording the loss every 10 epochs. This
script first checks that they end on the same nine parameters (to 1e-12), then
times both, interleaved, and prints the medians and their ratio.

The baseline is the seed notebook's code, re-typed below so that this script
stands alone (it is the same algorithm as tests/seed_reference.py): it computes
on numpy scalars and calls the sigmoid fourteen times per sample.

Run it from the repository's root:

    python benchmarks/seed_training.py [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from machine import machine_line

from nn_from_scratch import PARAMETER_NAMES, NeuralNetwork, train, training_data

SEED = 42
EPOCHS = 1000
LEARN_RATE = 0.1
TARGET = 5.0  # the package's train should be at least this many times faster
TOLERANCE = 1e-12
SEED_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")


# --- The baseline: the original tutorial's code, as the notebook has it. ---------------


def seed_sigmoid(x):  # type: ignore[no-untyped-def]
    return 1 / (1 + np.exp(-x))


def seed_deriv_sigmoid(x):  # type: ignore[no-untyped-def]
    fx = seed_sigmoid(x)
    return fx * (1 - fx)


def seed_mse_loss(y_true, y_pred):  # type: ignore[no-untyped-def]
    return ((y_true - y_pred) ** 2).mean()


class SeedNetwork:
    """The notebook's network; only the starting parameters are passed in."""

    def __init__(self, params: dict[str, float]) -> None:
        for name in SEED_NAMES:
            setattr(self, name, params[name])

    def params(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in SEED_NAMES}

    def feed_forward(self, x):  # type: ignore[no-untyped-def]
        h1 = seed_sigmoid(self.w1 * x[0] + self.w2 * x[1] + self.b1)
        h2 = seed_sigmoid(self.w3 * x[0] + self.w4 * x[1] + self.b2)
        o1 = seed_sigmoid(self.w5 * h1 + self.w6 * h2 + self.b3)
        return o1

    def train(self, data, all_y_trues, learn_rate=0.1, epochs=1000):  # type: ignore[no-untyped-def]
        losses = {}
        for epoch in range(epochs):
            for x, y_true in zip(data, all_y_trues):  # noqa: B905 (as the notebook has it)
                sum_h1 = self.w1 * x[0] + self.w2 * x[1] + self.b1
                h1 = seed_sigmoid(sum_h1)
                sum_h2 = self.w3 * x[0] + self.w4 * x[1] + self.b2
                h2 = seed_sigmoid(sum_h2)
                sum_o1 = self.w5 * h1 + self.w6 * h2 + self.b3
                o1 = seed_sigmoid(sum_o1)
                y_pred = o1

                d_L_d_y_pred = -2 * (y_true - y_pred)

                d_ypred_d_w5 = h1 * seed_deriv_sigmoid(sum_o1)
                d_ypred_d_w6 = h2 * seed_deriv_sigmoid(sum_o1)
                d_ypred_d_b3 = seed_deriv_sigmoid(sum_o1)
                d_ypred_d_h1 = self.w5 * seed_deriv_sigmoid(sum_o1)
                d_ypred_d_h2 = self.w6 * seed_deriv_sigmoid(sum_o1)

                d_h1_d_w1 = x[0] * seed_deriv_sigmoid(sum_h1)
                d_h1_d_w2 = x[1] * seed_deriv_sigmoid(sum_h1)
                d_h1_d_b1 = seed_deriv_sigmoid(sum_h1)

                d_h2_d_w3 = x[0] * seed_deriv_sigmoid(sum_h2)
                d_h2_d_w4 = x[1] * seed_deriv_sigmoid(sum_h2)
                d_h2_d_b2 = seed_deriv_sigmoid(sum_h2)

                self.w1 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_w1
                self.w2 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_w2
                self.b1 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_b1

                self.w3 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_w3
                self.w4 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_w4
                self.b2 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_b2

                self.w5 -= learn_rate * d_L_d_y_pred * d_ypred_d_w5
                self.w6 -= learn_rate * d_L_d_y_pred * d_ypred_d_w6
                self.b3 -= learn_rate * d_L_d_y_pred * d_ypred_d_b3

            if epoch % 10 == 0:
                y_pred = np.apply_along_axis(self.feed_forward, 1, data)
                losses[epoch] = float(seed_mse_loss(all_y_trues, y_pred))
        return losses


# --- The two runs, timed. --------------------------------------------------------------


def run_seed(start: dict[str, float], epochs: int) -> tuple[dict[str, float], float]:
    """The baseline's final parameters and its training time in seconds."""
    data, all_y_trues = training_data()
    network = SeedNetwork(start)
    began = time.perf_counter()
    network.train(data, all_y_trues, learn_rate=LEARN_RATE, epochs=epochs)
    took = time.perf_counter() - began
    return network.params(), took


def run_package(start: dict[str, float], epochs: int) -> tuple[dict[str, float], float]:
    """The package's final parameters and its training time in seconds."""
    data, all_y_trues = training_data()
    network = NeuralNetwork(**start)
    began = time.perf_counter()
    train(network, data, all_y_trues, learn_rate=LEARN_RATE, epochs=epochs)
    took = time.perf_counter() - began
    return network.parameters(), took


def print_machine() -> None:
    print(machine_line())
    print(f"python {platform.python_version()}, numpy {np.__version__}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"time 100 epochs instead of {EPOCHS} (the agreement check still runs {EPOCHS})",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    timed_epochs = 100 if args.quick else EPOCHS

    print_machine()
    start = NeuralNetwork.random(SEED).parameters()
    print(
        f"work: 2-2-1 network from NeuralNetwork.random({SEED}), the 4 samples of "
        f"training_data(), learn rate {LEARN_RATE}, loss recorded every 10 epochs"
    )

    # Same algorithm, same numbers: check before timing anything.
    seed_params, _ = run_seed(start, EPOCHS)
    package_params, _ = run_package(start, EPOCHS)
    worst = max(abs(seed_params[name] - package_params[name]) for name in PARAMETER_NAMES)
    if not worst <= TOLERANCE:
        print(
            f"FAILED: after {EPOCHS} epochs the parameters differ by up to {worst:.3g} "
            f"(allowed {TOLERANCE:g})",
            file=sys.stderr,
        )
        for name in PARAMETER_NAMES:
            print(f"  {name}: seed {seed_params[name]!r}, package {package_params[name]!r}")
        return 1
    print(
        f"parameters agree: after {EPOCHS} epochs the nine parameters differ by at most "
        f"{worst:.1e} (allowed {TOLERANCE:g})"
    )

    # Interleaved, alternating which goes first, so that a slow spell of a noisy
    # machine hits both alike.
    runs: list[tuple[str, Callable[[dict[str, float], int], tuple[dict[str, float], float]]]]
    runs = [("seed", run_seed), ("package", run_package)]
    times: dict[str, list[float]] = {"seed": [], "package": []}
    for repeat in range(args.repeats):
        for name, run in runs if repeat % 2 == 0 else runs[::-1]:
            times[name].append(run(start, timed_epochs)[1])

    seed_median = statistics.median(times["seed"])
    package_median = statistics.median(times["package"])
    ratio = seed_median / package_median
    print(f"timing: {timed_epochs} epochs, median of {args.repeats} interleaved runs each")
    print(f"  seed's code (numpy scalars):       {seed_median * 1e3:9.2f} ms")
    print(f"  package train (Python floats):     {package_median * 1e3:9.2f} ms")
    verdict = "met" if ratio >= TARGET else "NOT met"
    print(
        f"ratio: package train is {ratio:.1f}x faster than the seed's code "
        f"(target: at least {TARGET:g}x: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
