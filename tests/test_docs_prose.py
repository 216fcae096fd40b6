"""The numbers written in the chapters' prose are the numbers the code gives.

Code blocks and their output are checked where they stand (tests/doc_blocks.py).
The sentences around them also quote numbers: a hand calculation, a loss, Emily's
score. Each is recomputed here, independently of the package: with `math` and the
original tutorial's sigmoid for the hand calculations, and with the original
tutorial's code (tests/seed_reference.py) for the seeded training run, starting
from the nine numbers that `default_rng(42)` draws. If a change to the code moves a
number, the sentence that quotes it fails here until the prose is updated.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from nn_from_scratch import MatrixNetwork, make_moons, train_batches
from tests.seed_reference import (
    SEED_DATA,
    SEED_Y_TRUES,
    ZERO_ONE,
    SeedNetwork,
    deriv_sigmoid,
    mse_loss,
    seed_start,
)
from tests.seed_reference import sigmoid as f

DOCS = Path(__file__).resolve().parent.parent / "docs"


def weight_at_half(net: SeedNetwork, height: float) -> float:
    """The weight (lb) at which the trained network's output crosses 0.5, by bisection."""
    light, heavy = 100.0, 180.0  # F at 100 lb, M at 180 lb, for every height drawn
    for _ in range(50):
        middle = (light + heavy) / 2
        if net.feed_forward(np.array([middle - 135, height - 66])) >= 0.5:
            light = middle
        else:
            heavy = middle
    return light


def seeded_run() -> dict[str, float]:
    """The seed-42 run of chapters 3 to 6, computed with the original tutorial's code."""
    start = seed_start(42)
    untrained = SeedNetwork(start)
    scores = [float(untrained.feed_forward(x)) for x in SEED_DATA]
    net = SeedNetwork(start)
    losses = net.train(SEED_DATA, SEED_Y_TRUES)
    boundary = [weight_at_half(net, height) for height in range(55, 78)]
    final = float(mse_loss(SEED_Y_TRUES, np.array([net.feed_forward(x) for x in SEED_DATA])))
    return {
        "untrained_loss": float(mse_loss(SEED_Y_TRUES, np.array(scores))),
        **{f"score_{i}": s for i, s in enumerate(scores)},
        "epoch_0": losses[0],
        "epoch_90": losses[90],
        "boundary_min": min(boundary),
        "boundary_max": max(boundary),
        "final_loss": final,
        "emily": float(net.feed_forward(np.array([-7, -3]))),
        "frank": float(net.feed_forward(np.array([20, 2]))),
        # Chapter 4: the totals h2 adds up, before training, for the shifted people.
        **{
            f"total_h2_{i}": start["w3"] * x[0] + start["w4"] * x[1] + start["b2"]
            for i, x in enumerate(SEED_DATA)
        },
    }


RUN = seeded_run()


def hidden_totals(x: np.ndarray) -> tuple[float, float]:
    """Chapter 4: the totals h1 and h2 add up, before training, for the inputs x."""
    start = seed_start(42)
    h1 = start["w1"] * x[0] + start["w2"] * x[1] + start["b1"]
    h2 = start["w3"] * x[0] + start["w4"] * x[1] + start["b2"]
    return float(h1), float(h2)


RAW_DATA = SEED_DATA + np.array([135, 66])  # the table's pounds and inches
RAW_TOTALS = np.array([hidden_totals(x) for x in RAW_DATA])  # one row per person
SHIFTED_TOTALS = np.array([hidden_totals(x) for x in SEED_DATA])
SHIFTED_SLOPES = deriv_sigmoid(SHIFTED_TOTALS)
RAW_H1, RAW_H2 = RAW_TOTALS.T
SLOPES_H1, SLOPES_H2 = SHIFTED_SLOPES.T
HAND_SUM = sum(round((y - round(RUN[f"score_{i}"], 3)) ** 2, 4) for i, y in enumerate(SEED_Y_TRUES))


# Chapter 11's final settings, chosen on its validation split: 32 tanh neurons,
# a learning rate of 1.0, 30 epochs, then trained on all 1,347 images outside the test.
DIGITS_HIDDEN, DIGITS_RATE, DIGITS_EPOCHS = 32, 1.0, 30


def split_by_numpy(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The chapter's `train_test_split(..., 0.25, rng=seed)`: (kept, set aside) indices."""
    order = np.random.default_rng(seed).permutation(n)
    n_aside = math.ceil(0.25 * n)
    return order[n_aside:], order[:n_aside]


def train_by_numpy(
    X: np.ndarray, y: np.ndarray, hidden: int, rate: float, epochs: int
) -> Callable[[np.ndarray], np.ndarray]:
    """The chapter's `new_network` and `train`, written out: the trained network's reader.

    The starting weights (Xavier: N(0, 2 / (n_in + n_out)), biases 0) come from
    seed 1 and the shuffles from seed 2, drawn in the order the package draws
    them; the forward pass, (P - Y) / n and the SGD steps are written out here.
    """
    init = np.random.default_rng(1)
    W1 = init.normal(0.0, math.sqrt(2 / (64 + hidden)), (64, hidden))
    W2 = init.normal(0.0, math.sqrt(2 / (hidden + 10)), (hidden, 10))
    b1, b2 = np.zeros(hidden), np.zeros(10)
    Y_all = np.eye(10)[y]
    shuffle = np.random.default_rng(2)
    for _ in range(epochs):
        epoch = shuffle.permutation(len(X))
        for start in range(0, len(X), 32):
            batch = epoch[start : start + 32]
            A0, Y = X[batch], Y_all[batch]
            A1 = np.tanh(A0 @ W1 + b1)
            Z2 = A1 @ W2 + b2
            E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
            P = E / E.sum(axis=1, keepdims=True)
            d_Z2 = (P - Y) / len(Y)
            d_Z1 = (d_Z2 @ W2.T) * (1 - A1**2)
            W2 -= rate * A1.T @ d_Z2
            b2 -= rate * d_Z2.sum(axis=0)
            W1 -= rate * A0.T @ d_Z1
            b1 -= rate * d_Z1.sum(axis=0)

    def read(images: np.ndarray) -> np.ndarray:
        return np.argmax(np.tanh(images @ W1 + b1) @ W2 + b2, axis=1)  # softmax keeps order

    return read


def digits_by_numpy() -> dict[str, object]:
    """Chapter 11's splits, final training and test, written again with numpy alone.

    The digits are read from the package's file with gzip and csv, split with
    the chapter's seeds, and trained by `train_by_numpy`, not by the package.
    """
    import csv
    import gzip

    path = DOCS.parent / "nn_from_scratch" / "data_files" / "digits.csv.gz"
    with gzip.open(path, "rt", encoding="ascii") as text:
        table = np.array([[int(v) for v in row] for row in csv.reader(text)])
    X, y = table[:, :64] / 16, table[:, 64]
    rest, test = split_by_numpy(len(X), seed=0)
    train, validate = split_by_numpy(len(rest), seed=1)
    # The chosen settings on the validation images, trained on the others.
    settings = (DIGITS_HIDDEN, DIGITS_RATE, DIGITS_EPOCHS)
    chosen = train_by_numpy(X[rest][train], y[rest][train], *settings)
    validation_right = int(np.sum(chosen(X[rest][validate]) == y[rest][validate]))
    # The final network: the same settings, on every image outside the test.
    read = train_by_numpy(X[rest], y[rest], *settings)
    predicted = read(X[test])
    counts = np.zeros((10, 10), dtype=int)
    for true, guess in zip(y[test], predicted, strict=True):
        counts[true, guess] += 1
    # Raw pixels, 10 epochs: "a small learning rate gets them out, but at the rate
    # picked below, 1.0, the network stays at chance".
    raw = table[:, :64].astype(float)
    raw_train, raw_validate = raw[rest][train], raw[rest][validate]
    raw_right = {
        rate: float(np.mean(reader(raw_validate) == y[rest][validate]))
        for rate in (0.01, DIGITS_RATE)
        for reader in [train_by_numpy(raw_train, y[rest][train], DIGITS_HIDDEN, rate, 10)]
    }
    # Before training: the hidden outputs of the raw and the scaled pixels, biases 0.
    W1_start = np.random.default_rng(1).normal(0.0, math.sqrt(2 / (64 + 32)), (64, 32))
    return {
        "n_train": len(train),
        "n_validate": len(validate),
        "n_rest": len(rest),
        "n_test": len(test),
        "validation_right": validation_right,
        "right": int(np.sum(predicted == y[test])),
        "train_right": int(np.sum(read(X[rest]) == y[rest])),
        "true_wrong": y[test][predicted != y[test]].tolist(),
        "read_wrong": predicted[predicted != y[test]].tolist(),
        "counts": counts,
        "raw_right": raw_right,
        "flat_raw": float(np.mean(np.abs(np.tanh(table[:, :64] @ W1_start)) > 0.99)),
        "flat_scaled": float(np.mean(np.abs(np.tanh(X @ W1_start)) > 0.99)),
    }


DIGITS = digits_by_numpy()


def shown_output(page: str, code: str) -> list[str]:
    """The lines of the output shown after the first code block of `page` holding `code`."""
    text = (DOCS / page).read_text(encoding="utf-8")
    opening = text.index("```output\n", text.index(code)) + len("```output\n")
    return text[opening : text.index("```", opening)].splitlines()


def percent(shown: str) -> float:
    """ "97.6%" as 0.976."""
    return float(shown.rstrip("%")) / 100


# Chapter 11's validation sweep as the page shows it: hidden, rate, then the
# validation accuracy after 10, 30 and 100 epochs, one row per setting.
SWEEP = {
    (int(row.split()[0]), float(row.split()[1]), epochs): percent(score)
    for row in shown_output("digits.md", "for learn_rate in")[1:]
    for epochs, score in zip([10, 30, 100], row.split()[2:], strict=True)
}
BEST_SETTINGS = max(SWEEP, key=SWEEP.__getitem__)
BEST_VALIDATION = f"{SWEEP[BEST_SETTINGS]:.1%}"
N_VALIDATION = DIGITS["n_validate"]
# The same recipe's test accuracy on six test splits, as the page shows it (one line).
SPREAD_SHOWN = [percent(shown) for shown in shown_output("digits.md", "for seed in")[0].split()]
SPREAD = (min(SPREAD_SHOWN), max(SPREAD_SHOWN))
SPREAD_IMAGES = round((SPREAD[1] - SPREAD[0]) * DIGITS["n_test"])  # type: ignore[operator]
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
E1, E2, E3 = math.exp(1), math.exp(2), math.exp(3)

# Alice through the chapter-3 network (all weights [0, 1], biases 0), by hand.
H2 = f(-1)
Y_PRED = f(H2)
D_L_D_YPRED = -2 * (1 - Y_PRED)
D_YPRED_D_H2 = Y_PRED * (1 - Y_PRED)
D_H2_D_W4 = -1 * H2 * (1 - H2)
D_L_D_W4 = D_L_D_YPRED * D_YPRED_D_H2 * D_H2_D_W4
D_L_D_B3 = D_L_D_YPRED * D_YPRED_D_H2
D_L_D_W5 = D_L_D_YPRED * H2 * D_YPRED_D_H2  # h1 = h2 = f(-1) in that network


# Chapter 6's learning rates: the seed-42 run with each, by the original tutorial's code.
def final_loss(learn_rate: float) -> float:
    """The MSE after the seed-42 run's 1000 epochs at `learn_rate`, by the original code."""
    net = SeedNetwork(seed_start(42))
    net.train(SEED_DATA, SEED_Y_TRUES, learn_rate=learn_rate)
    return float(mse_loss(SEED_Y_TRUES, np.array([net.feed_forward(x) for x in SEED_DATA])))


RATES = {rate: final_loss(rate) for rate in (0.01, 0.1, 1.0, 40.0)}


def all_four(net: SeedNetwork) -> float:
    """The MSE over the four people, by the original code."""
    return float(mse_loss(SEED_Y_TRUES, np.array([net.feed_forward(x) for x in SEED_DATA])))


# Chapter 6's "Why stochastic?": on chapter 5's example network, one SGD step on Alice
# (one epoch over her alone), then one on each of the other three.
ZERO_ONE_NET = SeedNetwork(ZERO_ONE)
MSE_STEPS = [all_four(ZERO_ONE_NET)]
ZERO_ONE_NET.train(SEED_DATA[:1], SEED_Y_TRUES[:1], epochs=1)
MSE_STEPS.append(all_four(ZERO_ONE_NET))
ZERO_ONE_NET.train(SEED_DATA[1:], SEED_Y_TRUES[1:], epochs=1)
MSE_STEPS.append(all_four(ZERO_ONE_NET))
# The seed-42 run at the rate 40: the loss after its first epoch.
RATE_40_EPOCH_0 = SeedNetwork(seed_start(42)).train(SEED_DATA, SEED_Y_TRUES, 40.0, 1)[0]

PROSE = {
    "activation.md": [
        f"`e^(-7)` is {math.exp(-7):.9f}",
        f"`f(7) = 1 / {1 + math.exp(-7):.9f} = {f(7):.6f}`",
        f"it is really {(f(0.001) - f(-0.001)) / 0.002:.8f}",
        f"=\n    {f(7):.6f} × {1 - f(7):.6f} = {f(7) * (1 - f(7)):.6f}, the measured",
    ],
    "neuron.md": [
        f"`y = f(7) = {f(7):.6f}`",
        f"`f(−3) = 1 / (1 + e^3) = 1 / (1 + {math.exp(3):.4f}) = {f(-3):.4f}`",
    ],
    "network.md": [
        f"f(3) = 1 / (1 + e^(-3)) = 1 / (1 + {math.exp(-3):.6f}) = {f(3):.4f}`",
        f"`o1 = f(0 × h1 + 1 × h2 + 0) = f({f(3):.4f}) = {f(f(3)):.4f}`",
        f"grows from {f(3):.6f} to\n`{f(3):.6f} + {f(3):.6f} = {2 * f(3):.6f}`",
        f"Twelve places of {f(2 * f(3)):.12f} end in a 0",
        f"`f({2 * f(3):.6f}) = 1 / (1 + e^(-{2 * f(3):.6f})) = 1 / (1 + "
        f"{math.exp(-round(2 * f(3), 6)):.6f}) = {f(2 * f(3)):.6f}`",
        # The random network of seed 42: o1's three numbers, all negative.
        "`w5 = −{:.2f}`, `w6 = −{:.2f}` and `b3 = −{:.2f}`".format(
            *(-seed_start(42)[name] for name in ("w5", "w6", "b3"))
        ),
    ],
    "loss.md": [
        "the scores {:.3f}, {:.3f}, {:.3f} and {:.3f}".format(
            *(RUN[f"score_{i}"] for i in range(4))
        ),
        f"| Alice | 1 | {RUN['score_0']:.3f} | {(1 - round(RUN['score_0'], 3)) ** 2:.4f} |",
        f"| Diana | 1 | {RUN['score_3']:.3f} | {(1 - round(RUN['score_3'], 3)) ** 2:.4f} |",
        # The hand sum: squares of the scores rounded to three places, each to four.
        "= {:.4f} / 4 = {:.5f}, against\n    the code's {:.5f}".format(
            HAND_SUM, HAND_SUM / 4, RUN["untrained_loss"]
        ),
        "(the averages of the table are {:g} lb and {:g} in)".format(*RAW_DATA.mean(axis=0)),
        "average\n{:g} and the heights {:g}".format(*SEED_DATA.mean(axis=0)),
        f"`h1`'s totals run from {min(RAW_H1):.1f} to {max(RAW_H1):.1f} and `h2`'s from\n"
        f"{min(RAW_H2):.1f} to {max(RAW_H2):.1f}".replace("-", "−"),
        f"with slopes from {min(SLOPES_H1):.2f} to {max(SLOPES_H1):.2f}",
        f"Alice's total, {SHIFTED_TOTALS[0, 1]:.1f}, has a useful slope, "
        f"{SLOPES_H2[0]:.3f}".replace("-", "−"),
        f"{RUN['untrained_loss']:.4f} is worse than the 0.25",
        "`h2`'s totals are still {:.1f},\n{:.1f} and {:.1f} for Bob".format(
            *(RUN[f"total_h2_{i}"] for i in range(1, 4))
        ).replace("-", "−"),
    ],
    "gradients.md": [
        f"= f(−1) = {H2:.6f}`",
        f"`y_pred = f(0·h1 + 1·h2 + 0) = f({H2:.6f}) = {Y_PRED:.6f}`",
        f"`−2 × (1 − {Y_PRED:.6f}) = {D_L_D_YPRED:.6f}`".replace("-", "−"),
        f"`1 × {Y_PRED:.6f} × {1 - Y_PRED:.6f} = {D_YPRED_D_H2:.6f}`",
        f"`−1 × {H2:.6f} × {1 - H2:.6f} = {D_H2_D_W4:.6f}`".replace("-", "−"),
        f"`+{D_L_D_W4:.6f}`. Positive",
        f"is the chain's +{D_L_D_W4:.6f} again",
        f"Alice's output ({Y_PRED:.3f} on the\nfirst) is too low",
        f"o1 {Y_PRED:.4f}; L {(1 - Y_PRED) ** 2:.4f}. Slopes: o1 {D_L_D_YPRED:.4f}, "
        f"h2 {D_L_D_B3:.4f}, h1 0; w3 {2 * D_L_D_W4:.4g}, w4 {D_L_D_W4:.4g}",
    ],
    "training.md": [
        f"a loss of {(1 - Y_PRED) ** 2:.6f} cannot fall by 1.06",
        "as Alice's did ({:.4f} to {:.4f}); a step on each of the four took\n"
        "the MSE down to {:.4f}".format(*MSE_STEPS),
        f"its loss went up, from the untrained\n{RUN['untrained_loss']:.4f} to "
        f"{RATE_40_EPOCH_0:.4f}",
        f"`1 − 0.1 × {D_L_D_W4:.6f} = {1 - 0.1 * D_L_D_W4:.6f}`",
        f"Alice's loss is `(1 − {Y_PRED:.6f})² = {(1 - Y_PRED) ** 2:.6f}`",
        f"`0 − 0.1 × ({D_L_D_B3:.6f}) = {-0.1 * D_L_D_B3:.6f}`".replace("(-", "(−"),
        f"below the {RUN['untrained_loss']:.4f} of the untrained network",
        f"after\n1000 epochs it is {RUN['final_loss']:.4f}, about a hundred times smaller",
        f"The loss starts at {RUN['epoch_0']:.3f} after epoch 0",
        f"falling slowly to {RUN['final_loss']:.4f} at epoch 999",
        f"Emily scores {RUN['emily']:.3f}, read as F, and Frank {RUN['frank']:.3f}, read as M",
        "Four loss curves: 0.01 falls slowly to {:.2g}, 0.1 to {:.2g}, 1 fastest to {:.1g}; "
        "40 stays flat at {:.1f}.".format(*RATES.values()),
        f"`Δw5 = −0.1 × ({D_L_D_W5:.6f}) = +{-0.1 * D_L_D_W5:.7f}`".replace("(-", "(−"),
        f"`ΔL ≈ {D_L_D_W5:.6f} × {-0.1 * D_L_D_W5:.7f} = {-0.1 * D_L_D_W5**2:.6f}`".replace(
            "-", "−"
        ),
    ],
    "autodiff.md": [
        # L = ab + a at a = 2, b = -3; then the same graph in the exercise 10.1 numbers.
        f"\\frac{{\\partial L}}{{\\partial a}} = b + 1 = {-3 + 1:g}$ and",
        f"$\\frac{{\\partial L}}{{\\partial b}} = a = {2:g}$.",
        "a gets b * 1 = -3 more, b gets a * 1 = 2",
        # a's two paths into L: 1 straight, b through c; `=` keeps only the last, c's.
        f"`L` (slope 1) and through `c` (slope $b = {-3:g}$), so `a.grad` must be\n"
        f"$1 + ({-3:g}) = {1 + -3:g}$. With `=`",
        f"leave `a.grad = {-3:g}`, losing a path",
        # The sigmoid's slope at 1, f(1)(1 - f(1)): the factor in chapter 5's dh2/dw4.
        f"The sigmoid's slope, ${f(1):.6f} \\times {1 - f(1):.6f} = {f(1) * (1 - f(1)):.6f}$",
        # One SGD step per person for 1000 epochs, nine gradients compared at each.
        f"at each of the {4 * 1000:,} steps",
        f"largest of the {4 * 1000 * 9:,} differences",
        # Exercises: c = ab + b² at a = 3, b = -2; y = 3 ln x at x = 4.
        f"$\\frac{{\\partial c}}{{\\partial a}} = b = {-2:g}$ and",
        f"\\frac{{\\partial c}}{{\\partial b}} = a + 2b = 3 - 4 = {3 + 2 * -2:g}$",
        f"(which sends back $a = 3$) and the square (which\n    sends back $2b = {2 * -2:g}$)",
        f"\\frac{{dy}}{{dx}} = \\frac{{3}}{{x}} = {3 / 4:g}$",
    ],
    "bigger_problem.md": [
        "87.5% sounds good until",
        "98.0% right, with a loss six times smaller",
        # Recomputed in test_chapter_8_claims_hold_for_its_runs.
        "Within about 15 epochs all three reach a plateau near 0.3.",
        "leaves it after about 40 epochs, just after a spike to about 0.40",
        "The biggest, to about\n0.40 at epoch 41, comes just before the fall.",
        "after epoch 20 its loss stays between 0.29 and 0.30.",
        "by one percentage\npoint; the hidden-layer network, with 33, by two. "
        "It keeps its lead: 96.0%\nagainst 86.5%.",
        "Beyond ±5 the sigmoid is flat (its slope is below 0.007)",
        "with standard deviation $\\sqrt{2 / 510} \\approx 0.063$",
        "($0.125 \\times 1 = 0.5 \\times 0.25$)",
        "spread more than three times\nwider",
        "point only about a quarter as much",
        "with 300 steps instead of 3,900",
    ],
    "troubleshooting.md": [  # recomputed in test_troubleshooting_claims_on_a_rate_too_large_hold
        "grows about two thousand times every epoch",
        "grows about twice as large each epoch",
        "near $10^{143}$, a finite number, with $w$ near $-10^{71}$",
        "stops it after epoch 21",
        "suggests 0.05.",
        # Recomputed in test_troubleshooting_claims_on_saturation_hold.
        "In this run the\noutput neuron ends at exactly 1.0 for all four people",
        "A loss stuck from the very first epoch, here at 0.5",
        "weights far beyond chapter 6's few units are the\nsigns.",
        "all warn when a value is\nbeyond ±50.",
    ],
    "recap.md": [  # recomputed in test_troubleshooting_claims_on_saturation_hold
        "where its slope is\n  nearly or exactly zero",
    ],
    "digits.md": [
        "## The data: 1,797 small images",
        f"Check the first row by hand: $e^1 = {E1:.3f}$, $e^2 = {E2:.3f}$, $e^3 = {E3:.3f}$",
        f"which add up to ${E1 + E2 + E3:.3f}$, and ${E3:.3f} / {E1 + E2 + E3:.3f} = "
        f"{E3 / (E1 + E2 + E3):.4f}$",
        f"(float64 stops near $e^{{{math.log(np.finfo(np.float64).max):.1f}}}$)",
        f"$\\ln 2 = {math.log(2):.3f}$ when it gets one half",
        f"It gets every training image right and "
        f"{DIGITS['right'] / DIGITS['n_test']:.1%} of the test: "  # type: ignore[operator]
        f"below the {BEST_VALIDATION}\nof validation, the best of {len(SWEEP)} scores",
        f"The best score,\n{BEST_VALIDATION} ({DIGITS['validation_right']} of {N_VALIDATION}), "
        f"is {BEST_SETTINGS[0]} neurons at a rate of {BEST_SETTINGS[1]} after "
        f"{BEST_SETTINGS[2]} epochs.",
        f"One\nimage is {1 / N_VALIDATION:.1%} here",  # type: ignore[operator]
        f"From {SPREAD[0]:.1%} to {SPREAD[1]:.1%}, {np.mean(SPREAD_SHOWN):.1%} on average: "
        f"the same recipe moves by {(SPREAD[1] - SPREAD[0]) * 100:.1f}\npoints, "
        f"{NUMBER_WORDS[SPREAD_IMAGES]} images of {DIGITS['n_test']}, with the split alone.",
        # Raw pixels against the sweep's scaled run of the same network, rate and epochs.
        f"chance, where scaled pixels gave {SWEEP[(DIGITS_HIDDEN, DIGITS_RATE, 10)]:.1%} after\n"
        "10 epochs.",
        # Batches of 32: the final run's epoch against the validation sweep's.
        f"An epoch is now {math.ceil(DIGITS['n_rest'] / 32)}\n"  # type: ignore[operator]
        f"batches, not {math.ceil(DIGITS['n_train'] / 32)}: a third more steps",  # type: ignore[operator]
        f"Settings chosen, the validation images go back: train a new network on all\n"
        f"{DIGITS['n_rest']:,} images outside the test",
        f"The loss is $-\\ln 0.7 = {-math.log(0.7):.4f}$",
        "gradient is $P - Y = [0.1, -0.3, 0.2]$",
    ],
}


def test_chapter_4_claims_on_the_shift_hold() -> None:
    # "the women come out negative and the men positive".
    women, men = SEED_DATA[SEED_Y_TRUES == 1], SEED_DATA[SEED_Y_TRUES == 0]
    assert (women < 0).all() and (men > 0).all()
    # "Raw, every hidden slope is below 1e-11, or exactly 0" (h2's at 1 after the squash).
    raw_slopes = deriv_sigmoid(RAW_TOTALS)
    assert raw_slopes.max() < 1e-11 and (raw_slopes[:, 1] == 0).all()
    # Shifted, h2's slopes for Bob, Charlie and Diana are "1e-7 or less".
    assert max(SLOPES_H2[1:]) <= 1e-7


def test_the_run_is_the_one_the_chapters_describe() -> None:
    # "about a hundred times smaller", "already below the untrained loss", F and M.
    assert 50 < RUN["epoch_0"] / RUN["final_loss"] < 200
    assert RUN["epoch_0"] < RUN["untrained_loss"]
    assert RUN["emily"] > 0.5 > RUN["frank"]
    # The loss-curve figure: "drops steeply below 0.03 within the first hundred epochs".
    assert RUN["epoch_90"] < 0.03
    # The decision-boundary figure: "a nearly vertical line near 135 lb", at every height drawn.
    assert 133 < RUN["boundary_min"] <= RUN["boundary_max"] < 137
    assert RUN["boundary_max"] - RUN["boundary_min"] < 2


def test_chapter_8_claims_hold_for_its_runs() -> None:
    # The numbers quoted above, and the curve the prose describes, recomputed from the
    # chapter's settings: accuracy counted here from the networks' outputs.
    from tests.test_figures import figures

    X, y = make_moons(200, noise=0.2, rng=0)
    X_new, y_new = make_moons(2000, noise=0.2, rng=1)
    line, line_history = figures.moons_run(0)
    hidden, hidden_history = figures.moons_run(8)

    def right(network: MatrixNetwork, X: np.ndarray, y: np.ndarray) -> str:
        return f"{np.mean((network.forward(X)[:, 0] >= 0.5) == y):.1%}"

    assert (right(line, X, y), right(hidden, X, y)) == ("87.5%", "98.0%")
    assert (right(line, X_new, y_new), right(hidden, X_new, y_new)) == ("86.5%", "96.0%")
    assert round(line_history[-1] / hidden_history[-1]) == 6  # "six times smaller"
    # "sits on the same plateau ... for its first 40 or so epochs", then falls to about 0.05.
    assert all(abs(loss - line_history[-1]) < 0.04 for loss in hidden_history[10:35])
    assert hidden_history[100] < 0.1 and hidden_history[-1] < 0.06
    # "Why tanh": with a sigmoid hidden layer the loss curve stays on the plateau.
    _, sigmoid_history = figures.moons_run(8, "sigmoid")
    assert min(sigmoid_history[10:]) > 0.27 and abs(sigmoid_history[-1] - line_history[-1]) < 0.01
    # The loss figure: "within about 15 epochs all three reach a plateau near 0.3"; the
    # tanh curve's biggest spike, "to about 0.40 at epoch 41" (the figure's x), comes
    # "just before the fall"; the line's loss "after epoch 20 ... between 0.29 and 0.30".
    for history in (line_history, sigmoid_history, hidden_history):
        assert all(abs(loss - 0.3) < 0.03 for loss in history[15:41])
    assert int(np.argmax(hidden_history)) == 41 and round(hidden_history[41], 2) == 0.40
    assert max(hidden_history[42:]) < 0.3 and hidden_history[60] < 0.25
    assert all(0.29 <= loss < 0.30 for loss in line_history[20:])
    # "one percentage point ... by two": training accuracy less new-data accuracy.
    assert round(np.mean((line.forward(X)[:, 0] >= 0.5) == y) * 100 - 86.5) == 1
    # "Starting weights": the sigmoid's slope at 5, and xavier's 500-10 standard deviation.
    assert 1 / (1 + np.exp(-5)) * (1 - 1 / (1 + np.exp(-5))) < 0.007
    assert f"{np.sqrt(2 / 510):.3f}" == "0.063"
    # "Why tanh": untrained hidden outputs of tanh spread more than three times wider
    # than the sigmoid's ("only about a quarter as much").
    spreads = [
        MatrixNetwork.random([2, 8, 1], [name, "sigmoid"], rng=1)
        .layer_outputs(X)[1]
        .std(axis=0)
        .mean()
        for name in ("tanh", "sigmoid")
    ]
    assert 3 < spreads[0] / spreads[1] < 4.5


@pytest.mark.parametrize(
    ("page", "phrase"),
    [(page, phrase) for page, phrases in PROSE.items() for phrase in phrases],
)
def test_a_number_in_the_prose_is_current(page: str, phrase: str) -> None:
    assert phrase in (DOCS / page).read_text(), f"{page} should say: {phrase!r}"


def test_chapter_6_one_step_is_not_everyones() -> None:
    # "One step can go the wrong way for everyone, as Alice's did; a step on each of the
    # four took the MSE down", and at the rate 40 "its loss went up".
    before, after_alice, after_four = MSE_STEPS
    assert after_alice > before > after_four
    assert RATE_40_EPOCH_0 > RUN["untrained_loss"]


def test_chapter_5_counts_the_multiplications_of_both_ways() -> None:
    # "Count the multiplications: 15, where the tables' links and chains take 27", and
    # the package's backprop is the page's backward pass, so it takes 15 too.
    import inspect

    from nn_from_scratch.training import backprop

    text = (DOCS / "gradients.md").read_text()
    block = text[text.index("# The loss, then through o1's sigmoid") :]
    block = block[: block.index("print(")]
    assert block.count(" * ") == 15
    assert "Count the multiplications: 15, where the tables' links and chains\ntake 27" in text
    # The link tables' code column, then each chain: one multiplication fewer than factors.
    links = [line for line in text.splitlines() if line.startswith("| $") and "| `d_" in line]
    chains = [line for line in text.splitlines() if line.startswith("| $\\dfrac{\\partial L}{")]
    chains = [line for line in chains if "| `" not in line]
    assert (len(links), len(chains)) == (15, 9)
    in_links = sum(line.split("| `")[1].count(" * ") for line in links)
    in_chains = sum(line.count("\\dfrac") - 2 for line in chains)
    assert in_links + in_chains == 27
    source = inspect.getsource(backprop)
    steps = [line for line in source.splitlines() if line.strip().startswith("d_L_d_")]
    assert sum(line.count(" * ") for line in steps) == 15


@pytest.mark.sweep  # 300 epochs of single-sample steps
def test_chapter_8_note_on_batch_size_1_holds_here() -> None:
    # "it works, and ends near 98% right ... anywhere from a loss of about 0.03 to about
    # 0.05": the run is chaotic, so this checks the range on this machine, not a digit.
    X, y = make_moons(200, noise=0.2, rng=0)
    network = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=1)
    history = train_batches(
        network, X, y, loss="bce", learn_rate=0.5, epochs=300, batch_size=1, rng=2
    )
    assert 0.025 < history[-1] < 0.06
    assert np.mean((network.forward(X)[:, 0] >= 0.5) == y) >= 0.97


def test_chapter_10_recursion_limit_is_about_a_thousand() -> None:
    # "Python stops that about a thousand levels deep" (a function calling itself).
    import sys

    assert 900 <= sys.getrecursionlimit() <= 1100


def test_chapter_11_claims_hold_for_its_run() -> None:
    # The splits and the final run written again with numpy (digits_by_numpy).
    sizes = (DIGITS["n_train"], DIGITS["n_validate"], DIGITS["n_rest"], DIGITS["n_test"])
    assert sizes == (1010, 337, 1347, 450)  # "a quarter for the test; of the rest, a quarter"
    # The sweep's best is one setting, the one the page trains with, and the numpy
    # run of it counts the same validation images right as the page shows.
    assert list(SWEEP.values()).count(SWEEP[BEST_SETTINGS]) == 1
    assert BEST_SETTINGS == (DIGITS_HIDDEN, DIGITS_RATE, DIGITS_EPOCHS)
    assert f"{DIGITS['validation_right'] / N_VALIDATION:.1%}" == BEST_VALIDATION  # type: ignore[operator]
    # "A rate of 0.01 is too timid: still behind after 100 epochs."
    slow = [score for (_, rate, epochs), score in SWEEP.items() if epochs == 100 and rate == 0.01]
    fast = [score for (_, rate, epochs), score in SWEEP.items() if epochs == 100 and rate != 0.01]
    assert max(slow) < min(fast)
    # "every training image right"; the test score is split 0's in the spread.
    assert DIGITS["train_right"] == DIGITS["n_rest"]
    # "harmless by the sweep's rate-1.0 rows, steady up to 100 epochs": within a point.
    for hidden in (16, 32, 64):
        assert abs(SWEEP[(hidden, 1.0, 100)] - SWEEP[(hidden, 1.0, 30)]) < 0.01
    assert f"{DIGITS['right'] / DIGITS['n_test']:.1%}" == f"{SPREAD_SHOWN[0]:.1%}"  # type: ignore[operator]
    # "Eleven mistakes, and they cluster: five in row 8, three in row 3, and five
    # in column 1 (a 2, a 6 and three 8s read as 1)."
    true_wrong, read_wrong = DIGITS["true_wrong"], DIGITS["read_wrong"]
    assert isinstance(true_wrong, list) and isinstance(read_wrong, list)
    assert len(true_wrong) == 11
    assert (true_wrong.count(8), true_wrong.count(3)) == (5, 3)
    as_one = sorted(t for t, r in zip(true_wrong, read_wrong, strict=True) if r == 1)
    assert as_one == [2, 6, 8, 8, 8]
    # The confusion matrix the page prints is the numpy run's: a diagonal of counts
    # from 38 to 51; off it, cells of 1, and one 3: three 8s read as 1.
    counts = DIGITS["counts"]
    assert isinstance(counts, np.ndarray)
    shown = shown_output("digits.md", "print(confusion_matrix(")
    assert [[int(n) for n in row.strip("[] ").split()] for row in shown] == counts.tolist()
    assert (counts.diagonal().min(), counts.diagonal().max()) == (38, 51)
    off = counts - np.diag(counts.diagonal())
    assert off[8, 1] == 3 and set(np.unique(off)) == {0, 1, 3} and np.sum(off == 3) == 1
    # "three outputs in four sit on tanh's flat ends"; scaled, "none starts there".
    assert 0.7 < DIGITS["flat_raw"] < 0.8  # type: ignore[operator]
    assert DIGITS["flat_scaled"] == 0.0
    raw_right = DIGITS["raw_right"]
    assert isinstance(raw_right, dict)
    assert raw_right[0.01] > 0.8 and raw_right[DIGITS_RATE] < 0.15


def line_fit(learn_rate: float, epochs: int) -> tuple[list[float], float, float]:
    """Troubleshooting's line: full-batch gradient descent on y = 2x + 1, by hand.

    One identity neuron y = w x + b on x = 0, 1, 2, from the start that
    ``MatrixNetwork.random([1, 1], "identity", rng=0)`` draws (Xavier: w from a
    normal of standard deviation sqrt(2 / 2) = 1, b = 0). Returns the loss before
    training and after each epoch, and the final w and b.
    """
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0])
    w, b = float(np.random.default_rng(0).normal(0.0, 1.0)), 0.0
    losses = [float(np.mean((w * x + b - y) ** 2))]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            error = w * x + b - y  # dL/dw = mean(2 error x), dL/db = mean(2 error)
            w, b = w - learn_rate * np.mean(2 * error * x), b - learn_rate * np.mean(2 * error)
            losses.append(float(np.mean((w * x + b - y) ** 2)))
    return losses, w, b


def test_troubleshooting_claims_on_a_rate_too_large_hold() -> None:
    # "the loss grows about two thousand times every epoch" at learn_rate=10, and the
    # limit (a million times the start) is passed after epoch 1, as the page shows.
    losses, _, _ = line_fit(10, 3)
    assert all(1500 < later / earlier < 2500 for earlier, later in itertools.pairwise(losses[1:]))
    assert next(e for e in range(3) if losses[e + 1] > 1e6 * max(losses[0], 1)) == 1
    # 1 diverges too, 0.1 trains: "w = 2.000, b = 1.000".
    assert line_fit(1, 500)[0][-1] > 1e6 * losses[0]
    _, w, b = line_fit(0.1, 500)
    assert (round(w, 3), round(b, 3)) == (2.0, 1.0)
    # At 0.5: "about twice as large each epoch", "near 10^143" after 500 epochs "with w
    # near -10^71", stopped "after epoch 21", and 0.05 suggested (it trains).
    losses, w, _ = line_fit(0.5, 500)
    assert 1.8 < losses[-1] / losses[-2] < 2.1
    assert round(math.log10(losses[-1])) == 143 and round(math.log10(-w)) == 71
    assert next(e for e in range(500) if losses[e + 1] > 1e6 * max(losses[0], 1)) == 21
    assert line_fit(0.05, 500)[0][-1] < losses[0]


def test_troubleshooting_claims_on_saturation_hold() -> None:
    # At learn_rate=1000, with the original tutorial's code: "In this run the output
    # neuron ends at exactly 1.0 for all four people", so every slope is 0 and one
    # more epoch changes nothing; the loss is 0.5 "from the very first epoch".
    with np.errstate(over="ignore"):
        net = SeedNetwork(seed_start(42))
        losses = net.train(SEED_DATA, SEED_Y_TRUES, learn_rate=1000)
        assert [float(net.feed_forward(x)) for x in SEED_DATA] == [1.0] * 4
        trained = net.params()
        net.train(SEED_DATA, SEED_Y_TRUES, learn_rate=1000, epochs=1)
        assert net.params() == trained
        assert losses[0] == 0.5 and set(losses.values()) == {0.5}
        # "weights far beyond chapter 6's few units are the signs": on eight seeds,
        # the largest parameter is at least five times chapter 6's largest.
        chapter_6 = SeedNetwork(seed_start(42))
        chapter_6.train(SEED_DATA, SEED_Y_TRUES)
        largest_6 = max(map(abs, chapter_6.params().values()))
        for seed in (42, 1, 2, 3, 4, 5, 6, 7):
            net = SeedNetwork(seed_start(seed))
            net.train(SEED_DATA, SEED_Y_TRUES, learn_rate=1000)
            assert max(map(abs, net.params().values())) > 5 * largest_6
    # Recap: a saturated sigmoid's slope f(x) (1 - f(x)) is "nearly or exactly zero":
    # exactly 0 in float64 far to the right, tiny but not 0 far to the left.
    assert deriv_sigmoid(40.0) == 0.0 and 0 < deriv_sigmoid(-40.0) < 1e-17
    # "feed_forward, train and train_batches all warn when a value is beyond ±50".
    from nn_from_scratch import InputScaleWarning, NeuralNetwork, train

    def warns(value: float) -> list[bool]:
        net, data = NeuralNetwork.random(42), [[value, 0.0], [0.0, 0.0]]
        matrix_net = MatrixNetwork.random([2, 1], "sigmoid", rng=0)
        calls = [
            lambda: net.feed_forward([value, 0.0]),
            lambda: train(net, data, [1.0, 0.0], epochs=1),
            lambda: train_batches(matrix_net, data, [1.0, 0.0], epochs=1, rng=0),
        ]
        found = []
        for call in calls:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                call()
            found.append(any(w.category is InputScaleWarning for w in caught))
        return found

    assert warns(50.0) == [False] * 3 and warns(50.5) == [True] * 3


def performance_table(heading: str) -> list[tuple[str, list[float]]]:
    """performance.md's table rows under `heading`: (first cell, the numbers of the others)."""
    section = (DOCS / "performance.md").read_text().split(f"## {heading}\n")[1]
    rows = []
    for line in section.split("\n## ")[0].splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            first, *cells = (cell.strip() for cell in line.strip("|").split("|"))
            words = [cell.replace("about ", "").replace(",", "").split()[0] for cell in cells]
            numbers = [float(word) for word in words if word.replace(".", "").isdigit()]
            if numbers:
                rows.append((first, numbers))
    return rows


def test_performance_numbers_follow_from_its_medians() -> None:
    # The medians are one benchmark run's. Every number the page derives from them
    # (per step, per second, ratios, percentages), and every count of steps and
    # FLOPs, is recomputed here by hand.
    text = " ".join((DOCS / "performance.md").read_text().split())
    # Chapter 6 against the original: 1000 epochs of four people, one step each.
    (_, (seed_ms, seed_us)), (_, (package_ms, package_us)) = performance_table(
        "Chapter 6 against the original code"
    )
    assert "That is 4000 training steps" in text
    assert (seed_us, package_us) == (round(seed_ms / 4, 1), round(package_ms / 4, 1))
    assert f"the package is {seed_ms / package_ms:.1f} times faster" in text
    # 2-64-1: 20 epochs of 10,000 samples in batches of 32.
    steps = 20 * math.ceil(10_000 / 32)
    assert f"That is {steps // 20} batches per epoch, {steps} training steps" in text
    small = [numbers for _, numbers in performance_table("A small network: 2-64-1")]
    for seconds, per_second, per_step in small:
        assert abs(per_second * seconds / 200_000 - 1) < 0.002  # from the unrounded median
        assert per_step == round(seconds / steps * 1e6)
    ours, sklearn, torch = (per_second for _, per_second, _ in small)
    assert f"{ours / sklearn:.2f} times as many samples per second as scikit-learn" in text
    assert f"and {ours / torch:.2f} times as many as PyTorch" in text
    assert f"(5.5 and {ours / torch:.0f} times here)" in text
    # The FLOPs of a step: forward 2 in out per layer, the weights' gradient the same,
    # the inputs' gradient for every layer but the first.
    assert 2 * (2 * 64 + 64 * 1) == 384 and 384 + 2 * 64 * 1 == 512
    small_step = (384 + 512) * 32
    assert small_step < 30_000 and small_step / 70e9 < 0.5e-6
    forward = 2 * (256 * 512 + 512 * 512 + 512 * 10)
    per_sample = 2 * forward + 2 * (512 * 512 + 512 * 10)
    assert f"= {forward:,}` FLOPs" in text and f"In all, {per_sample:,} FLOPs" in text
    assert f"about {round(per_sample * 256 / 1e6)} million for a batch of 256" in text
    assert f"about {round(per_sample * 256 / small_step, -3):,.0f} times the work" in text
    # 256-512-512-10: 3 epochs of 8,192 samples in batches of 256.
    assert f"That is {3 * 8192 // 256} training steps" in text
    rows = performance_table("A wide network: 256-512-512-10")
    wide, peaks = rows[:3], rows[3:]
    for _, (seconds, per_second, gflops) in wide:
        assert abs(per_second * seconds / (3 * 8192) - 1) < 0.002
        assert gflops == round(per_sample * per_second / 1e9, 1)
    ours, sklearn, torch = (numbers[1] for _, numbers in wide)
    assert f"the package does {ours / sklearn:.2f}× scikit-learn's" in text
    assert f"and {ours / torch:.2f}× PyTorch's" in text
    times = [numbers[0] for _, numbers in wide]
    assert max(times) / min(times) < 1.2  # "within about 20% of one another"
    (peak,), (step_rate,), (achieved,) = (numbers for _, numbers in peaks)
    assert f"**{achieved / peak:.0%} of the measured peak**" in text
    assert f"and at {achieved / step_rate:.0%} of the rate" in text
    assert f"reach {step_rate} GFLOP/s, not {peak}" in text
