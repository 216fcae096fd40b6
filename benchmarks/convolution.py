"""Chapter 15 on the digits: the im2col convolution against the loops, and the CNN's training.

Two measurements, on one machine, in one run:

1. The convolution of the 1,797 digits of `load_digits()` (as images of shape
   (1797, 1, 8, 8), pixels divided by 16) with 8 random 3x3 kernels, stride 1:
   `convolve_loops`, the chapter's four for-loops, against `convolve`, the
   same sum as one matrix product after `im2col`. The script first checks
   that both give the same numbers (to 1e-12), then times each several times,
   the repeats interleaved, and reports the medians and their ratio (target:
   `convolve` at least 10x faster).
2. The CNN of `ConvNet.random` (its defaults: 8 filters of 3x3, ReLU, 2x2 max
   pooling, a dense layer to 10 classes, softmax) trained with
   `train_convnet` and Adam on the chapter's split (a quarter of the digits
   set aside for the test, `train_test_split(..., 0.25, rng=0)`): the median
   time from the start of training to its end (target: under 30 s) and the
   test accuracy.

Run it from the repository's root:

    python benchmarks/convolution.py [--repeats N] [--quick]

``--quick`` convolves the first 20 digits and trains for 2 epochs: a smoke
test of the script, not a measurement.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from digits import Split, chapter_split, describe_accuracy
from machine import machine_line

from nn_from_scratch import Adam, accuracy, load_digits, one_hot
from nn_from_scratch.convolution import ConvNet, convolve, convolve_loops, train_convnet

FILTERS = 8
KERNEL = 3
LEARN_RATE = 0.03  # the best of 0.003, 0.01, 0.03 on a validation split, seeds 0 to 3
BATCH_SIZE = 32
EPOCHS = 30
QUICK_EPOCHS = 2
QUICK_IMAGES = 20
SPEEDUP_TARGET = 10.0  # convolve at least 10x faster than convolve_loops
TRAINING_TARGET = 30.0  # the CNN trains in under 30 s
AGREEMENT = 1e-12


def digit_images(n: int | None) -> np.ndarray:
    """The first `n` digits (all for None) as images (n, 1, 8, 8), pixels divided by 16."""
    X, _ = load_digits()
    return (X[:n] / 16).reshape(-1, 1, 8, 8)


def time_convolutions(images: np.ndarray, repeats: int) -> tuple[float, dict[str, list[float]]]:
    """The largest difference between the two results, and each one's times, interleaved."""
    rng = np.random.default_rng(0)
    kernels = rng.normal(size=(FILTERS, 1, KERNEL, KERNEL))
    biases = rng.normal(size=FILTERS)
    runners: dict[str, Callable[[], np.ndarray]] = {
        "convolve_loops": lambda: convolve_loops(images, kernels, biases),
        "convolve": lambda: convolve(images, kernels, biases),
    }
    difference = float(np.abs(runners["convolve_loops"]() - runners["convolve"]()).max())
    times: dict[str, list[float]] = {name: [] for name in runners}
    order = list(runners)
    for repeat in range(repeats):
        for name in order if repeat % 2 == 0 else order[::-1]:
            began = time.perf_counter()
            runners[name]()
            times[name].append(time.perf_counter() - began)
    return difference, times


def train_cnn(split: Split, epochs: int) -> tuple[float, float]:
    """(seconds, test accuracy) of the default CNN trained with Adam on the chapter's split."""
    X_train, X_test, y_train, y_test = split
    network = ConvNet.random(rng=1)
    began = time.perf_counter()
    train_convnet(
        network,
        X_train.reshape(-1, 1, 8, 8),
        one_hot(y_train),
        optimizer=Adam(learn_rate=LEARN_RATE),
        epochs=epochs,
        batch_size=BATCH_SIZE,
        rng=2,
    )
    seconds = time.perf_counter() - began
    predicted = np.argmax(network.forward(X_test.reshape(-1, 1, 8, 8)), axis=1)
    return seconds, accuracy(y_test, predicted)


def verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"convolve {QUICK_IMAGES} digits and train {QUICK_EPOCHS} epochs (a smoke test)",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    epochs = QUICK_EPOCHS if args.quick else EPOCHS

    print(machine_line())
    print(f"python {platform.python_version()}, numpy {np.__version__}")

    images = digit_images(QUICK_IMAGES if args.quick else None)
    print(
        f"convolution: {len(images)} digits of 8x8, {FILTERS} kernels of {KERNEL}x{KERNEL}, "
        f"stride 1: {FILTERS} maps of {8 - KERNEL + 1}x{8 - KERNEL + 1} per digit"
    )
    difference, times = time_convolutions(images, args.repeats)
    if difference > AGREEMENT:
        print(f"FAILED: the two convolutions differ by {difference:.3g} (allowed {AGREEMENT:g})")
        return 1
    print(f"same numbers: the largest difference is {difference:.3g} (allowed {AGREEMENT:g})")
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    for name, median in medians.items():
        print(f"  {name:<16} median {median:.4f} s")
    ratio = medians["convolve_loops"] / medians["convolve"]
    print(
        f"ratio: convolve (im2col) is {ratio:.0f}x faster than convolve_loops "
        f"(target: at least {SPEEDUP_TARGET:g}x: {verdict(ratio >= SPEEDUP_TARGET)}) "
        f"(median of {args.repeats} interleaved runs each)"
    )

    split = chapter_split()
    n_train, n_test = len(split[0]), len(split[1])
    print(
        f"cnn: ConvNet.random (conv {FILTERS}x{KERNEL}x{KERNEL}, ReLU, 2x2 max pool, dense to 10, "
        f"softmax), Adam (learn rate {LEARN_RATE}), batches of {BATCH_SIZE}, {epochs} epochs, "
        f"on {n_train} training digits; accuracy on {n_test} test digits"
    )
    runs = [train_cnn(split, epochs) for _ in range(args.repeats)]
    seconds = statistics.median(run[0] for run in runs)
    print(f"  training         median {seconds:.2f} s (median of {args.repeats} runs)")
    print(f"  test accuracy    {describe_accuracy([run[1] for run in runs], n_test)}")
    print(f"  target: under {TRAINING_TARGET:g} s: {verdict(seconds < TRAINING_TARGET)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
