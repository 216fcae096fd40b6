"""Training throughput of MatrixNetwork + train_batches, beside scikit-learn and PyTorch.

Two pieces of work, each done by every implementation in the same run, with
the repeats interleaved (so that a slow spell of a noisy machine hits all of
them alike), and reported as the median:

(a) a small network, where per-call overhead decides: 2-64-1, sigmoid in
    both layers, binary cross-entropy, batches of 32, learning rate 0.1, plain
    SGD (no momentum, no weight decay), 20 epochs over 10,000 two-moons points,
    reshuffled every epoch;
(b) a wide network, where matrix multiplication decides: 256-512-512-10, ReLU
    hidden layers, sigmoid outputs with binary cross-entropy (ten independent
    0/1 labels per sample), batches of 256, on random data. Its rate of matmul
    FLOPs is compared with the rate numpy's matrix multiply reaches on this
    machine for the same shapes.

Everything is float64. scikit-learn and PyTorch are optional (the `bench` extra:
``pip install -e ".[bench]"``); a missing one is reported and skipped.

Run it from the repository's root:

    python benchmarks/mlp_throughput.py [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from machine import machine_line
from sklearn_sgd import fit_plain_sgd

from nn_from_scratch import MatrixNetwork, make_moons, train_batches

INSTALL_HINT = "pip install -e '.[bench]'"
PACKAGE = "nn_from_scratch"
SKLEARN = "scikit-learn"
TORCH = "PyTorch"
TARGETS = {SKLEARN: 2.5, TORCH: 5.0}  # (a): the package's samples/s over theirs, at least
PEAK_TARGET = 60.0  # (b): per cent of the measured matmul rate, at least
# Set on some machines, where they can slow numpy down; shown, never changed, here.
BLAS_ENVIRONMENT = (
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
)


@dataclass(frozen=True)
class Work:
    """One training job, the same for every implementation."""

    label: str
    sizes: tuple[int, ...]
    hidden: str  # "sigmoid" or "relu"; the output layer is always a sigmoid, with BCE
    n_samples: int
    batch_size: int
    epochs: int
    learn_rate: float = 0.1

    @property
    def samples_seen(self) -> int:
        return self.n_samples * self.epochs

    def flops_per_sample(self) -> int:
        """Matmul FLOPs of one training step, per sample: forward, dW, and dX but the first."""
        pairs = list(zip(self.sizes[:-1], self.sizes[1:], strict=True))
        forward = sum(2 * n_in * n_out for n_in, n_out in pairs)
        d_inputs = sum(2 * n_in * n_out for n_in, n_out in pairs[1:])
        return 2 * forward + d_inputs

    def forward_flops_per_sample(self) -> int:
        pairs = zip(self.sizes[:-1], self.sizes[1:], strict=True)
        return sum(2 * n_in * n_out for n_in, n_out in pairs)

    def describe(self) -> str:
        shape = "-".join(str(size) for size in self.sizes)
        return (
            f"{shape}, {self.hidden} hidden, sigmoid output, BCE, batch {self.batch_size}, "
            f"learn rate {self.learn_rate}, plain SGD, {self.epochs} epochs of "
            f"{self.n_samples:,} samples, float64"
        )


def small_work(quick: bool) -> Work:
    if quick:
        return Work("(a) small", (2, 64, 1), "sigmoid", 2_000, 32, 2)
    return Work("(a) small", (2, 64, 1), "sigmoid", 10_000, 32, 20)


def wide_work(quick: bool) -> Work:
    if quick:
        return Work("(b) wide", (64, 128, 128, 10), "relu", 1_024, 256, 1)
    return Work("(b) wide", (256, 512, 512, 10), "relu", 8_192, 256, 3)


def small_data(work: Work) -> tuple[np.ndarray, np.ndarray]:
    X, y = make_moons(work.n_samples, noise=0.2, rng=0)
    return X, y


def wide_data(work: Work) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((work.n_samples, work.sizes[0]))
    Y = (rng.random((work.n_samples, work.sizes[-1])) < 0.5).astype(np.float64)
    return X, Y


# --- The three implementations. Each returns its training time in seconds. ------------


def run_package(work: Work, X: np.ndarray, Y: np.ndarray) -> float:
    activations = [work.hidden] * (len(work.sizes) - 2) + ["sigmoid"]
    init = "he" if work.hidden == "relu" else "xavier"
    network = MatrixNetwork.random(list(work.sizes), activations, rng=0, init=init)
    began = time.perf_counter()
    # every=None: no loss record (an extra forward pass over all of X); the others
    # compute each batch's loss as part of their step, the package does not need it.
    train_batches(
        network,
        X,
        Y,
        loss="bce",
        learn_rate=work.learn_rate,
        epochs=work.epochs,
        batch_size=work.batch_size,
        rng=0,
        shuffle=True,
        every=None,
    )
    return time.perf_counter() - began


def run_sklearn(work: Work, X: np.ndarray, Y: np.ndarray) -> float:
    _, took = fit_plain_sgd(
        X,
        Y,
        hidden=tuple(work.sizes[1:-1]),
        activation="logistic" if work.hidden == "sigmoid" else work.hidden,
        batch_size=work.batch_size,
        learn_rate=work.learn_rate,
        epochs=work.epochs,
    )
    return took


def run_torch(torch: Any, work: Work, X: np.ndarray, Y: np.ndarray) -> float:
    nn = torch.nn
    torch.manual_seed(0)
    layers: list[Any] = []
    for n_in, n_out in zip(work.sizes[:-1], work.sizes[1:], strict=True):
        layers += [nn.Linear(n_in, n_out), nn.Sigmoid() if work.hidden == "sigmoid" else nn.ReLU()]
    # The output's sigmoid is fused into the loss, as PyTorch recommends: same math.
    model = nn.Sequential(*layers[:-1]).double()
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=work.learn_rate, momentum=0.0)
    inputs = torch.from_numpy(X)
    targets = torch.from_numpy(Y.reshape(len(Y), -1))
    generator = torch.Generator().manual_seed(0)
    began = time.perf_counter()
    for _ in range(work.epochs):
        order = torch.randperm(len(inputs), generator=generator)
        inputs_epoch, targets_epoch = inputs[order], targets[order]
        for start in range(0, len(inputs), work.batch_size):
            stop = start + work.batch_size
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs_epoch[start:stop]), targets_epoch[start:stop])
            loss.backward()
            optimizer.step()
    return time.perf_counter() - began


# --- Machine, competitors, and the matmul rate. ---------------------------------------


def blas_name() -> str:
    try:
        config: Any = np.show_config(mode="dicts")  # type: ignore[func-returns-value]
        blas = config["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas.get('version', '')}".strip()
    except Exception:  # an older numpy, or a build that does not say
        return "unknown"


def print_machine() -> None:
    print(machine_line())
    print(f"python {platform.python_version()}, numpy {np.__version__} (BLAS: {blas_name()})")
    for name in BLAS_ENVIRONMENT:
        value = os.environ.get(name)
        print(f"  {name}: {'not set' if value is None else f'set to {value!r}'}")


def import_competitors() -> dict[str, Any]:
    """The installed competitors by name; prints a line for each, found or skipped."""
    found: dict[str, Any] = {}
    try:
        import sklearn

        found[SKLEARN] = sklearn
        print(f"scikit-learn {sklearn.__version__}: MLPClassifier(solver='sgd')")
    except ImportError:
        print(f"skipped: scikit-learn not installed ({INSTALL_HINT})")
    try:
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
        found[TORCH] = torch
        print(f"torch {torch.__version__}: {torch.get_num_threads()} threads, CPU")
    except ImportError:
        print(f"skipped: torch not installed ({INSTALL_HINT})")
    return found


def matmul_shapes(work: Work) -> list[tuple[tuple[int, int], tuple[int, int], bool, bool]]:
    """The products of one training step: (left shape, right shape, transpose left, right)."""
    B = work.batch_size
    pairs = list(zip(work.sizes[:-1], work.sizes[1:], strict=True))
    shapes = []
    for layer, (n_in, n_out) in enumerate(pairs):
        shapes.append(((B, n_in), (n_in, n_out), False, False))  # a_in @ W
        shapes.append(((B, n_in), (B, n_out), True, False))  # a_in.T @ dL/dz
        if layer > 0:
            shapes.append(((B, n_out), (n_in, n_out), False, True))  # dL/dz @ W.T
    return shapes


def matmul_rate(
    products: list[tuple[np.ndarray, np.ndarray]], calls: int = 10
) -> tuple[float, float]:
    """GFLOP/s of numpy doing `products` back to back: (median, median seconds per pass)."""
    flops = sum(2 * a.shape[0] * a.shape[1] * b.shape[1] for a, b in products)
    for a, b in products:  # warm up
        a @ b
    times = []
    for _ in range(calls):
        began = time.perf_counter()
        for a, b in products:
            a @ b
        times.append(time.perf_counter() - began)
    seconds = statistics.median(times)
    return flops / seconds / 1e9, seconds


def make_products(
    work: Work, rng: np.random.Generator
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[tuple[np.ndarray, np.ndarray]]]:
    """The largest single product of a step, and all of a step's products."""

    def operand(shape: tuple[int, int], transpose: bool) -> np.ndarray:
        array = rng.standard_normal(shape)
        return array.T if transpose else array

    step = [
        (operand(left, t_left), operand(right, t_right))
        for left, right, t_left, t_right in matmul_shapes(work)
    ]
    largest = max(step, key=lambda pair: pair[0].shape[0] * pair[0].shape[1] * pair[1].shape[1])
    return [largest], step


# --- Measuring and reporting. ----------------------------------------------------------


Runner = Callable[[Work, np.ndarray, np.ndarray], float]


def runners(competitors: dict[str, Any]) -> dict[str, Runner]:
    found: dict[str, Runner] = {PACKAGE: run_package}
    if SKLEARN in competitors:
        found[SKLEARN] = run_sklearn
    if TORCH in competitors:
        module = competitors[TORCH]
        found[TORCH] = lambda work, X, Y: run_torch(module, work, X, Y)
    return found


def measure(
    work: Work,
    X: np.ndarray,
    Y: np.ndarray,
    contestants: dict[str, Runner],
    repeats: int,
    between: Callable[[], None] | None = None,
) -> dict[str, float]:
    """The median training time of each contestant, repeats interleaved and rotated."""
    warm = min(len(X), 4 * work.batch_size)
    warm_work = Work(work.label, work.sizes, work.hidden, warm, work.batch_size, 1)
    for run in contestants.values():  # one-time costs (imports, lazy set-up) not timed
        run(warm_work, X[:warm], Y[:warm])
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        if between is not None:
            between()
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(contestants[name](work, X, Y))
    return {name: statistics.median(values) for name, values in times.items()}


def print_table(work: Work, medians: dict[str, float], repeats: int, gflops: bool) -> None:
    print()
    print(f"{work.label}: {work.describe()}")
    header = f"  {'implementation':<16} {'median time':>12} {'samples/s':>12}"
    print(header + (f" {'GFLOP/s':>9}" if gflops else ""))
    for name, seconds in medians.items():
        row = f"  {name:<16} {seconds:>10.3f} s {work.samples_seen / seconds:>12,.0f}"
        if gflops:
            row += f" {work.flops_per_sample() * work.samples_seen / seconds / 1e9:>9.1f}"
        print(row)
    print(f"  (median of {repeats} interleaved runs each)")


def print_ratios(medians: dict[str, float], targets: dict[str, float] | None) -> None:
    for name in (SKLEARN, TORCH):
        if name not in medians:
            package = "scikit-learn" if name == SKLEARN else "torch"
            print(f"  ratio {PACKAGE} / {name}: skipped: {package} not installed ({INSTALL_HINT})")
            continue
        ratio = medians[name] / medians[PACKAGE]
        line = f"  ratio {PACKAGE} / {name}: {ratio:.2f}x the samples/s"
        if targets is not None:
            verdict = "met" if ratio >= targets[name] else "NOT met"
            line += f" (target: at least {targets[name]:g}x: {verdict})"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="much smaller sizes and epochs (a smoke test)"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    print_machine()
    competitors = import_competitors()
    contestants = runners(competitors)

    # (a) The small network: overhead per batch decides.
    small = small_work(args.quick)
    X, Y = small_data(small)
    medians = measure(small, X, Y, contestants, args.repeats)
    print_table(small, medians, args.repeats, gflops=False)
    print_ratios(medians, TARGETS)

    # (b) The wide network: matrix multiplication decides.
    wide = wide_work(args.quick)
    X, Y = wide_data(wide)
    largest, step = make_products(wide, np.random.default_rng(1))
    rates: dict[str, list[float]] = {"largest": [], "step": []}

    def measure_peak() -> None:
        rates["largest"].append(matmul_rate(largest)[0])
        rates["step"].append(matmul_rate(step)[0])

    medians = measure(wide, X, Y, contestants, args.repeats, between=measure_peak)
    print_table(wide, medians, args.repeats, gflops=True)
    print_ratios(medians, None)

    a, b = largest[0]
    peak = statistics.median(rates["largest"])
    step_rate = statistics.median(rates["step"])
    seconds = medians[PACKAGE]
    achieved = wide.flops_per_sample() * wide.samples_seen / seconds / 1e9
    print(
        f"  matmul FLOPs per sample per step: {wide.flops_per_sample():,} (forward "
        f"2*in*out per layer,\n    dW the same, dX for every layer but the first)"
    )
    print(
        f"  numpy matmul {a.shape} @ {b.shape}: {peak:.1f} GFLOP/s, the measured peak "
        f"(median of {args.repeats})"
    )
    print(
        f"  numpy matmul, the {len(step)} products of one step back to back: "
        f"{step_rate:.1f} GFLOP/s (median of {args.repeats})"
    )
    percent = 100 * achieved / peak
    verdict = "met" if percent >= PEAK_TARGET else "NOT met"
    print(
        f"  achieved: {achieved:.1f} GFLOP/s = {percent:.0f}% of the measured peak "
        f"(target: at least {PEAK_TARGET:g}%: {verdict})"
    )
    print(f"    against the step's products back to back: {100 * achieved / step_rate:.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
