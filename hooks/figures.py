"""The tutorial's figures, drawn from nn_from_scratch while the site is built.

mkdocs runs this file as a hook (see ``hooks:`` in mkdocs.yml). Before the
pages are rendered, `on_files` draws every figure in `FIGURES` with
matplotlib and adds it to the site as an SVG file, so a figure always shows
what the package computes today. Four of them can be played with
(javascripts/live.js): for those, `LIVE_DATA` writes the numbers their
scripts start from (the network's starting weights, the data points, the
optimizers' settings) into
``figures/live/<name>.js``, also computed by the package. If drawing fails, the exception stops
``mkdocs build``. Zensical runs no hooks: for its build, ``python -m
hooks.generate`` writes the same files into the docs folder first. The tests
call the same functions (tests/test_figures.py, tests/test_zensical.py).

matplotlib is a docs dependency only: the package never imports it.
"""

from __future__ import annotations

import base64
import functools
import io
import json
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # draw to files, never to a window

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.ticker import NullFormatter

from nn_from_scratch import (
    HEIGHT_SHIFT,
    LOSSES,
    NEWCOMERS,
    PEOPLE,
    SGD,
    WEIGHT_SHIFT,
    Adam,
    MatrixNetwork,
    Momentum,
    NeuralNetwork,
    Value,
    deriv_sigmoid,
    load_digits,
    make_moons,
    one_hot,
    predict,
    shift,
    sigmoid,
    train,
    train_batches,
    train_test_split,
    training_data,
)
from nn_from_scratch.__main__ import SEED
from nn_from_scratch.deeper import layer_statistics
from nn_from_scratch.optimizers import Optimizer, descend, valley

# Same bytes for the same figure on every build: no dates, no random ids,
# and text kept as text (readable by the tests and by search engines).
plt.rcParams.update({"svg.hashsalt": "nn_from_scratch", "svg.fonttype": "none", "font.size": 11})
F_COLOUR, M_COLOUR = "#c2185b", "#1565c0"


def to_svg(figure: Figure) -> str:
    """The figure as SVG text; the figure is closed afterwards."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def sigmoid_figure() -> str:
    """Chapter 1: the sigmoid and its derivative, side by side on one axis."""
    x = np.linspace(-8, 8, 401)
    figure, axes = plt.subplots(figsize=(7, 3.6))
    axes.plot(x, sigmoid(x), color="#3949ab", linewidth=2.2, label="f(x) = 1 / (1 + e^(-x))")
    axes.plot(x, deriv_sigmoid(x), color="#ef6c00", linewidth=2.2, label="f'(x) = f(x)(1 - f(x))")
    axes.plot([0], [0.5], "o", color="#3949ab")
    axes.annotate("f(0) = 0.5", (0, 0.5), xytext=(0.6, 0.42))
    axes.annotate("steepest: f'(0) = 0.25", (0, 0.25), xytext=(0.7, 0.19))
    axes.plot([0], [0.25], "o", color="#ef6c00")
    axes.set(xlabel="x", ylim=(-0.05, 1.05), xlim=(-8, 8))
    axes.axhline(0, color="grey", linewidth=0.6)
    axes.axhline(1, color="grey", linewidth=0.6, linestyle=":")
    axes.grid(alpha=0.3)
    axes.legend(loc="upper left", frameon=False)
    return to_svg(figure)


# Chapter 2's neuron: weights [0, 1], bias 4, inputs [2, 3] (total 7).
NEURON = {"w1": 0.0, "w2": 1.0, "b": 4.0, "x1": 2.0, "x2": 3.0}


def neuron_figure() -> str:
    """Chapter 2: where chapter 2's neuron lands on the sigmoid, with its sum written out.

    The static face of the live neuron (javascripts/live/neuron.js), which
    shows the same picture for any weights, bias and inputs.
    """
    w1, w2, b, x1, x2 = (NEURON[name] for name in ("w1", "w2", "b", "x1", "x2"))
    total = w1 * x1 + w2 * x2 + b
    output = sigmoid(total)
    x = np.linspace(-10, 10, 401)
    figure, axes = plt.subplots(figsize=(7, 3.4))
    axes.plot(x, sigmoid(x), color="#3949ab", linewidth=2.2)
    axes.plot([total], [output], "o", color="#d84315", markersize=9)
    axes.vlines(total, 0, output, color="#d84315", linestyle=":")
    sum_text = f"total = {w1:g}·{x1:g} + {w2:g}·{x2:g} + {b:g} = {total:g}"
    axes.text(-9.5, 0.9, sum_text, fontsize=12)
    axes.text(-9.5, 0.78, f"output = f({total:g}) = {output:.4f}", fontsize=12)
    axes.set(xlabel="total = w1·x1 + w2·x2 + b", ylabel="output f(total)")
    axes.set(xlim=(-10, 10), ylim=(-0.05, 1.05))
    axes.axhline(0.5, color="grey", linewidth=0.6, linestyle=":")
    axes.grid(alpha=0.3)
    return to_svg(figure)


# Where each weight and bias acts: weight -> (from, to); bias -> neuron.
WIRING = {"w1": ("x1", "h1"), "w2": ("x2", "h1"), "w3": ("x1", "h2"), "w4": ("x2", "h2")}
WIRING.update({"w5": ("h1", "o1"), "w6": ("h2", "o1")})
BIASES = {"b1": "h1", "b2": "h2", "b3": "o1"}
POSITIONS = {"x1": (0, 2), "x2": (0, 0), "h1": (3, 2), "h2": (3, 0), "o1": (6, 1)}
# Where along its arrow each weight's label sits (0 = start, 1 = end), chosen
# so that the two crossing arrows' labels do not collide.
LABEL_AT = {"w1": 0.5, "w2": 0.25, "w3": 0.25, "w4": 0.5, "w5": 0.5, "w6": 0.5}


def network_diagram() -> str:
    """Chapter 3: the 2-2-1 network, every weight on its arrow, every bias in its neuron."""
    figure, axes = plt.subplots(figsize=(7, 3.4))
    radius = 0.42
    for name, (x, y) in POSITIONS.items():
        is_input = name.startswith("x")
        axes.add_patch(
            Circle(
                (x, y),
                radius,
                facecolor="#eeeeee" if is_input else "#e8eaf6",
                edgecolor="#3949ab",
                linewidth=1.8,
            )
        )
        axes.text(
            x,
            y + (0 if is_input else 0.1),
            name,
            ha="center",
            va="center",
            fontsize=14,
            fontweight="bold",
        )
    for bias, neuron in BIASES.items():
        x, y = POSITIONS[neuron]
        axes.text(x, y - 0.2, f"+ {bias}", ha="center", va="center", fontsize=10, color="#555555")
    for weight, (start, end) in WIRING.items():
        (x0, y0), (x1, y1) = POSITIONS[start], POSITIONS[end]
        axes.add_patch(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                arrowstyle="-|>",
                mutation_scale=14,
                shrinkA=radius * 72 / 1.1,
                shrinkB=radius * 72 / 1.1,
                color="#5c6bc0",
                linewidth=1.4,
            )
        )
        t = LABEL_AT[weight]
        axes.text(
            x0 + t * (x1 - x0),
            y0 + t * (y1 - y0),
            weight,
            ha="center",
            va="center",
            fontsize=12,
            color="#c62828",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    x, y = POSITIONS["o1"]
    axes.add_patch(
        FancyArrowPatch(
            (x + radius, y),
            (x + 1.3, y),
            arrowstyle="-|>",
            mutation_scale=14,
            color="#5c6bc0",
            linewidth=1.4,
        )
    )
    axes.text(x + 1.45, y, "y_pred", va="center", fontsize=12)
    for x, label in [(0, "inputs"), (3, "hidden layer"), (6, "output layer")]:
        axes.text(x, -0.85, label, ha="center", fontsize=11, color="#555555")
    axes.set(xlim=(-0.7, 8.2), ylim=(-1.1, 2.6), aspect="equal")
    axes.axis("off")
    return to_svg(figure)


@functools.cache
def seeded_run() -> tuple[NeuralNetwork, list[float]]:
    """Chapter 6's run: seed 42, the four people, the default 1000 epochs at 0.1.

    Run once per process (cached): callers must not change the network or the history.
    """
    data, all_y_trues = training_data()
    network = NeuralNetwork.random(SEED)
    history = train(network, data, all_y_trues, every=1)  # the loss after every epoch
    return network, history


def loss_curve_figure() -> str:
    """Chapter 6: the loss after every epoch of the seeded run."""
    _, history = seeded_run()
    epochs = np.arange(len(history))
    figure, axes = plt.subplots(figsize=(7, 3.4))
    axes.plot(epochs, history, color="#3949ab", linewidth=2)
    axes.set_yscale("log")
    axes.set(xlabel="epoch", ylabel="MSE loss (log scale)", xlim=(0, len(history)))
    axes.annotate(f"epoch 0: {history[0]:.3f}", (0, history[0]), xytext=(60, history[0] * 0.75))
    axes.annotate(
        f"epoch {len(history) - 1}: {history[-1]:.4f}",
        (len(history) - 1, history[-1]),
        xytext=(len(history) * 0.62, history[-1] * 2.2),
    )
    axes.grid(alpha=0.3, which="both")
    return to_svg(figure)


# Chapter 6: the seeded run again, with a rate too small, its own, a faster one and one that
# stalls on this start (not on every start: the chapter's table shows both).
LEARNING_RATES = {0.01: "too small", 0.1: "the chapter's", 1.0: "faster", 40.0: "stalls here"}


@functools.cache
def learning_rate_runs() -> dict[float, list[float]]:
    """Chapter 6: the loss after every epoch of the seed-42 run, for each of `LEARNING_RATES`.

    Run once per process (cached): callers must not change the histories.
    """
    data, all_y_trues = training_data()
    return {
        rate: train(NeuralNetwork.random(SEED), data, all_y_trues, learn_rate=rate, every=1)
        for rate in LEARNING_RATES
    }


def learning_rates_figure() -> str:
    """Chapter 6: the loss curve of the seeded run for several learning rates."""
    figure, axes = plt.subplots(figsize=(7, 3.6))
    colours = ["#9e9e9e", "#3949ab", "#2e7d32", "#d84315"]
    for (rate, history), colour in zip(learning_rate_runs().items(), colours, strict=True):
        label = f"η = {rate:g} ({LEARNING_RATES[rate]}): loss {history[-1]:.2g} at epoch 999"
        axes.plot(np.arange(len(history)), history, color=colour, linewidth=2, label=label)
    axes.set_yscale("log")
    axes.set(xlabel="epoch", ylabel="MSE loss (log scale)", xlim=(0, 1000))
    axes.grid(alpha=0.3, which="both")
    axes.legend(frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    return to_svg(figure)


def decision_boundary_figure() -> str:
    """Chapter 6: the trained network's answer over weight x height, with the six people."""
    network, _ = seeded_run()
    weights = np.linspace(105, 175, 141)
    heights = np.linspace(55, 77, 111)
    # The whole grid at once, as chapter 7's matrices compute it: the same network.
    grid_w, grid_h = np.meshgrid(weights, heights)
    shifted = np.column_stack([grid_w.ravel() - WEIGHT_SHIFT, grid_h.ravel() - HEIGHT_SHIFT])
    scores = MatrixNetwork.from_neural_network(network).forward(shifted).reshape(grid_w.shape)
    figure, axes = plt.subplots(figsize=(7, 4.6))
    filled = axes.contourf(
        weights, heights, scores, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.85
    )
    axes.contour(weights, heights, scores, levels=[0.5], colors="black", linewidths=1.6)
    colourbar = figure.colorbar(filled, ax=axes, ticks=[0, 0.5, 1])
    colourbar.set_label("network output (1 = F, 0 = M)")
    for people, style in [(PEOPLE, "training"), (NEWCOMERS, "new")]:
        for person in people:
            colour = F_COLOUR if person.gender == "F" else M_COLOUR
            axes.scatter(
                person.weight,
                person.height,
                s=70,
                zorder=3,
                edgecolors="black",
                facecolors=colour if style == "training" else "white",
                marker="o" if style == "training" else "D",
                linewidths=1.5,
            )
            axes.annotate(
                person.name,
                (person.weight, person.height),
                xytext=(7, 5),
                textcoords="offset points",
                fontsize=11,
                fontweight="bold",
            )
    axes.set(xlabel="weight (lb)", ylabel="height (in)")
    axes.text(
        106.5,
        75.6,
        "black line: output 0.5\ncircles: trained on;  diamonds: new",
        fontsize=9,
        va="top",
        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
    )
    return to_svg(figure)


# Chapter 5: Alice's backward pass through the worked example's network (every
# neuron has the weights [0, 1] and the bias 0), node by node.
ALICE = {"x1": -2.0, "x2": -1.0, "y_true": 1.0}
BACKPROP_POSITIONS = {
    "x1": (0, 2.6), "x2": (0, 0), "h1": (5.0, 2.6), "h2": (5.0, 0), "o1": (10.2, 1.3),
    "L": (13.8, 1.3),
}  # fmt: skip


def alice_backward() -> dict[str, float]:
    """Chapter 5: every value and slope of Alice's forward and backward pass, by name.

    ``"h2"`` is h2's value, ``"dL/dh2"`` the slope of her loss with respect to it;
    the same for every neuron, weight and bias. Computed link by link, as chapter 5's
    tables do, from the package's sigmoid.
    """
    p = {name: float(value) for name, value in EXAMPLE_NETWORK.items()}
    x1, x2, y_true = ALICE["x1"], ALICE["x2"], ALICE["y_true"]
    h1 = sigmoid(p["w1"] * x1 + p["w2"] * x2 + p["b1"])
    h2 = sigmoid(p["w3"] * x1 + p["w4"] * x2 + p["b2"])
    o1 = sigmoid(p["w5"] * h1 + p["w6"] * h2 + p["b3"])
    d_L_d_o1 = -2 * (y_true - o1)
    d_L_d_sum_o1 = d_L_d_o1 * o1 * (1 - o1)
    d_L_d_h1, d_L_d_h2 = d_L_d_sum_o1 * p["w5"], d_L_d_sum_o1 * p["w6"]
    d_L_d_sum_h1, d_L_d_sum_h2 = d_L_d_h1 * h1 * (1 - h1), d_L_d_h2 * h2 * (1 - h2)
    values = {"x1": x1, "x2": x2, "h1": h1, "h2": h2, "o1": o1, "L": (y_true - o1) ** 2}
    slopes = {"L": 1.0, "o1": d_L_d_o1, "h1": d_L_d_h1, "h2": d_L_d_h2}
    slopes |= {"w1": d_L_d_sum_h1 * x1, "w2": d_L_d_sum_h1 * x2, "b1": d_L_d_sum_h1}
    slopes |= {"w3": d_L_d_sum_h2 * x1, "w4": d_L_d_sum_h2 * x2, "b2": d_L_d_sum_h2}
    slopes |= {"w5": d_L_d_sum_o1 * h1, "w6": d_L_d_sum_o1 * h2, "b3": d_L_d_sum_o1}
    return values | {f"dL/d{name}": slope for name, slope in slopes.items()}


def backprop_graph_figure() -> str:
    """Chapter 5: Alice's network, each node with its value and slope.

    Each arrow carries its weight's name, as in chapter 3's diagram; the slopes of
    a neuron's weights and bias are listed in that neuron's box, under its own, so
    that no number has to be matched to one of the two arrows that cross.
    """
    numbers = alice_backward()
    figure, axes = plt.subplots(figsize=(10, 4.4))
    width, line = 2.8, 0.3
    edges = {**WIRING, "L": ("o1", "L")}
    for edge, (start, end) in edges.items():
        (x0, y0), (x1, y1) = BACKPROP_POSITIONS[start], BACKPROP_POSITIONS[end]
        axes.add_patch(
            FancyArrowPatch(
                (x0 + width / 2, y0),
                (x1 - width / 2, y1),
                arrowstyle="-|>",
                mutation_scale=12,
                color="#9fa8da",
                linewidth=1.3,
            )
        )
        if edge == "L":
            continue
        t = LABEL_AT[edge] * 0.9 + 0.05
        axes.text(
            x0 + width / 2 + t * (x1 - x0 - width),
            y0 + t * (y1 - y0),
            edge,
            ha="center",
            va="center",
            fontsize=10,
            color="#555555",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    for name, (x, y) in BACKPROP_POSITIONS.items():
        # The node's own slope, then its parameters' slopes: the weights on the arrows
        # into it and its bias.
        params = [w for w, (_, end) in WIRING.items() if end == name]
        params += [b for b, neuron in BIASES.items() if neuron == name]
        slopes = [] if name[0] == "x" else [name, *params]
        height = (2 + len(slopes)) * line + 0.25
        top = y + height / 2
        axes.add_patch(
            FancyBboxPatch(
                (x - width / 2, y - height / 2),
                width,
                height,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor="#eeeeee" if name[0] == "x" else "#fff3e0" if name == "L" else "#e8eaf6",
                edgecolor="#ef6c00" if name == "L" else "#3949ab",
                linewidth=1.3,
            )
        )
        axes.text(x, top - 0.27, name, ha="center", va="center", fontsize=11, fontweight="bold")
        axes.text(x, top - 0.27 - line, f"= {short(numbers[name])}", ha="center",
                  va="center", fontsize=9)  # fmt: skip
        for row, of in enumerate(slopes, start=2):
            axes.text(x, top - 0.27 - row * line, f"dL/d{of} = {short(numbers[f'dL/d{of}'])}",
                      ha="center", va="center", fontsize=9, color="#d84315")  # fmt: skip
    axes.text(
        -1.0,
        -1.7,
        "Black: each node's value for Alice (x1 = -2, x2 = -1, answer 1), computed left to "
        "right.\nOrange: the slope of her loss L with respect to the node and to the weights "
        "and bias of each neuron, computed right to left.",
        fontsize=9,
        color="#555555",
        va="center",
    )
    axes.set(xlim=(-1.5, 15.3), ylim=(-2.0, 3.7), aspect="equal")
    axes.axis("off")
    return to_svg(figure)


# Chapter 9's runs, with the settings its code blocks use.
MOON_SETTINGS = {"loss": "bce", "learn_rate": 0.5, "epochs": 300, "batch_size": 16, "rng": 2}


@functools.cache
def moons_run(hidden: int, activation: str = "tanh") -> tuple[MatrixNetwork, list[float]]:
    """Chapter 9: a 2-hidden-1 network (2-1 when hidden is 0) trained on the moons.

    `activation` is the hidden layer's. Run once per process for each setting
    (cached; the figures and the tests share it): callers must not change the
    network or the history.
    """
    X, y = make_moons(200, noise=0.2, rng=0)
    if hidden:
        network = MatrixNetwork.random([2, hidden, 1], [activation, "sigmoid"], rng=1)
    else:
        network = MatrixNetwork.random([2, 1], "sigmoid", rng=1)
    history = train_batches(network, X, y, **MOON_SETTINGS)  # type: ignore[arg-type]
    return network, history


def accuracy(network: MatrixNetwork, X: np.ndarray, y: np.ndarray) -> float:
    """The fraction of samples whose output, read as 1 when >= 0.5, equals the label."""
    return float(np.mean((network.forward(X)[:, 0] >= 0.5) == y))


def moons_loss_figure() -> str:
    """Chapter 9: the cross-entropy after every epoch, without and with a hidden layer
    (of tanh neurons, and of sigmoid neurons with the same settings)."""
    figure, axes = plt.subplots(figsize=(7, 3.4))
    for hidden, activation, colour, style, label in [
        (0, "tanh", "#9e9e9e", "-", "no hidden layer (2-1)"),
        (8, "sigmoid", "#e65100", "--", "8 hidden sigmoid neurons (2-8-1)"),
        (8, "tanh", "#3949ab", "-", "8 hidden tanh neurons (2-8-1)"),
    ]:
        _, history = moons_run(hidden, activation)
        axes.plot(
            np.arange(len(history)),
            history,
            color=colour,
            linestyle=style,
            linewidth=2,
            label=label,
        )
    axes.set(
        xlabel="epoch",
        ylabel="cross-entropy loss",
        xlim=(0, MOON_SETTINGS["epochs"]),
        ylim=(0, None),
    )
    axes.grid(alpha=0.3)
    axes.legend(frameon=False)
    return to_svg(figure)


def moons_boundary_figure() -> str:
    """Chapter 9: what each trained network answers over the plane, with the data."""
    X, y = make_moons(200, noise=0.2, rng=0)
    xs, ys = np.linspace(-1.6, 2.6, 169), np.linspace(-1.5, 1.7, 129)
    grid = np.array([[a, b] for b in ys for a in xs])
    figure, panels = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
    for axes, hidden, title in [
        (panels[0], 0, "no hidden layer"),
        (panels[1], 8, "8 hidden tanh neurons"),
    ]:
        network, _ = moons_run(hidden)
        scores = network.forward(grid)[:, 0].reshape(len(ys), len(xs))
        axes.contourf(xs, ys, scores, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.8)
        axes.contour(xs, ys, scores, levels=[0.5], colors="black", linewidths=1.5)
        for label, colour in [(0, M_COLOUR), (1, F_COLOUR)]:
            axes.scatter(*X[y == label].T, s=16, color=colour, edgecolors="white", linewidths=0.5)
        axes.set_title(f"{title}: {accuracy(network, X, y):.1%} right")
        axes.set(xlabel="x1")
    panels[0].set(ylabel="x2")
    return to_svg(figure)


# Chapter 5's worked example: every neuron has the weights [0, 1] and the bias 0.
EXAMPLE_NETWORK = {"w1": 0, "w2": 1, "w3": 0, "w4": 1, "w5": 0, "w6": 1, "b1": 0, "b2": 0, "b3": 0}


def short(number: float) -> str:
    """A number in four significant digits, with no "-0"."""
    return f"{number + 0.0:.4g}"  # + 0.0 turns -0.0 into 0.0


# Chapter 10: the graph of L = a * b + a at a = 2, b = -3, in which a is used twice.
REUSE_POSITIONS = {"a": (0.0, 2.8), "b": (0.0, 0.0), "c": (4.2, 1.0), "L": (8.4, 2.8)}
# Where each arrow's label sits: a fraction of the way along it, and a shift up or down.
REUSE_LABELS = {("c", "L"): (0.5, 0.0), ("a", "L"): (0.5, 0.0), ("a", "c"): (0.5, 0.0),
                ("b", "c"): (0.45, 0.0)}  # fmt: skip


def reuse_graph() -> tuple[dict[str, Value], dict[tuple[str, str], tuple[str, float]]]:
    """Chapter 10: L = a * b + a after ``L.backward()``: the nodes by name, and per arrow
    (input, output) what the backward pass sends back along it, as a formula and a number.
    """
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    L = c + a
    L.backward()
    shares = {
        ("c", "L"): ("1 * 1", 1 * L.grad),  # d(c + a)/dc = 1, times dL/dL
        ("a", "L"): ("1 * 1", 1 * L.grad),  # d(c + a)/da = 1
        ("a", "c"): (f"{short(b.data)} * {short(c.grad)}", b.data * c.grad),  # d(ab)/da = b
        ("b", "c"): (f"{short(a.data)} * {short(c.grad)}", a.data * c.grad),  # d(ab)/db = a
    }
    return {"a": a, "b": b, "c": c, "L": L}, shares


def autodiff_graph_figure() -> str:
    """Chapter 10: L = a * b + a, each node's value and gradient, each arrow's share."""
    nodes, shares = reuse_graph()
    figure, axes = plt.subplots(figsize=(8.5, 3.8))
    width, height = 2.0, 1.1
    for (source, target), (formula, share) in shares.items():
        (x0, y0), (x1, y1) = REUSE_POSITIONS[source], REUSE_POSITIONS[target]
        start, end = (x0 + width / 2, y0), (x1 - width / 2, y1)
        axes.add_patch(
            FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color="#9fa8da",
                            linewidth=1.3)
        )  # fmt: skip
        along, up = REUSE_LABELS[(source, target)]
        axes.text(
            start[0] + along * (end[0] - start[0]),
            start[1] + along * (end[1] - start[1]) + up,
            f"sends back {formula} = {short(share)}",
            ha="center",
            va="center",
            fontsize=9,
            color="#d84315",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    for name, (x, y) in REUSE_POSITIONS.items():
        node = nodes[name]
        axes.add_patch(
            FancyBboxPatch(
                (x - width / 2, y - height / 2),
                width,
                height,
                boxstyle="round,pad=0.02,rounding_size=0.12",
                facecolor="#fff3e0" if name == "L" else "#e8eaf6",
                edgecolor="#ef6c00" if name == "L" else "#3949ab",
                linewidth=1.3,
            )
        )
        grad = short(node.grad)
        if name == "a":  # used twice: the two shares that reach it add up
            first, second = (short(shares[("a", target)][1]) for target in ("L", "c"))
            grad = f"{first} + ({second}) = {grad}"
        axes.text(x, y + 0.3, name, ha="center", va="center", fontsize=11, fontweight="bold")
        axes.text(x, y + 0.0, f"data {short(node.data)}", ha="center", va="center", fontsize=9)
        axes.text(x, y - 0.28, f"grad {grad}", ha="center", va="center", fontsize=9,
                  color="#d84315")  # fmt: skip
    axes.text(
        -1.0,
        -1.1,
        "Arrows: the forward pass, c = a * b and L = c + a. Orange: the backward pass. Each "
        "arrow sends back\nthe local slope times the gradient of the node it points to; "
        "a is used twice, so its grad adds two shares.",
        fontsize=9,
        color="#555555",
        va="center",
    )
    axes.set(xlim=(-1.2, 9.6), ylim=(-1.5, 3.5), aspect="equal")
    axes.axis("off")
    return to_svg(figure)


# Chapter 11's final run, with the settings its validation sweep chose and its code
# blocks use: trained on every image outside the test.
DIGIT_SETTINGS = {
    "loss": "cross_entropy",
    "learn_rate": 1.0,
    "epochs": 30,
    "batch_size": 32,
    "rng": 2,
    "every": None,
}


@functools.cache
def digits_run() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chapter 11: the test images, their labels and the trained 64-32-10 network's readings.

    Run once per process (cached): callers must not change the arrays.
    """
    X, y = load_digits()
    X_rest, X_test, y_rest, y_test = train_test_split(X / 16, y, test_fraction=0.25, rng=0)
    network = MatrixNetwork.random([64, 32, 10], ["tanh", "softmax"], rng=1)
    train_batches(network, X_rest, one_hot(y_rest), **DIGIT_SETTINGS)  # type: ignore[arg-type]
    return X_test, y_test, predict(network, X_test)


def draw_digit(axes: Any, pixels: np.ndarray, title: str) -> None:
    """One 8x8 image, ink dark on white, with a title and no ticks."""
    axes.imshow(pixels.reshape(8, 8), cmap="gray_r", vmin=0, vmax=pixels.max() or 1)
    axes.set_title(title, fontsize=10)
    axes.set_xticks([])
    axes.set_yticks([])


def digits_samples_figure() -> str:
    """Chapter 11: the first two images of each digit in the data set."""
    X, y = load_digits()
    figure, grid = plt.subplots(2, 10, figsize=(9, 2.4))
    for digit in range(10):
        for row, index in enumerate(np.flatnonzero(y == digit)[:2]):
            draw_digit(grid[row, digit], X[index], f"{digit}")
    return to_svg(figure)


def digits_mistakes_figure() -> str:
    """Chapter 11: every test image the trained network reads wrong, with both answers."""
    X_test, y_test, predicted = digits_run()
    wrong = np.flatnonzero(predicted != y_test)
    rows = -(-len(wrong) // 5)  # five to a row
    figure, panels = plt.subplots(rows, 5, figsize=(6, 1.6 * rows), squeeze=False)
    for axes, index in zip(panels.flat, wrong, strict=False):
        draw_digit(axes, X_test[index], f"{y_test[index]} read\nas {predicted[index]}")
    for axes in panels.flat[len(wrong) :]:
        axes.axis("off")
    return to_svg(figure)


# Chapter 12: the first 100 of chapter 11's training images, memorized by a network
# started with large weights, as the page trains it.
MEMORIZE_SETTINGS = {
    "loss": "cross_entropy",
    "learn_rate": 0.2,
    "epochs": 60,
    "batch_size": 20,
    "rng": 0,
}


@functools.cache
def memorizing_curves() -> np.ndarray:
    """Chapter 12: after each epoch, the training loss and fraction right, then validation's.

    Run once per process (cached): callers must not change the array.
    """
    X, y = load_digits()
    X_rest, _, y_rest, _ = train_test_split(X / 16, y, test_fraction=0.25, rng=0)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, 0.25, rng=1)
    X_few, y_few = X_train[:100], y_train[:100]
    network = MatrixNetwork.random([64, 100, 10], ["tanh", "softmax"], rng=0, init="normal")
    cross_entropy = LOSSES["cross_entropy"].f
    rows = []

    def record(epoch: int, loss: float) -> None:
        rows.append(
            [
                cross_entropy(one_hot(y_few), network.forward(X_few)),
                np.mean(predict(network, X_few) == y_few),
                cross_entropy(one_hot(y_val), network.forward(X_val)),
                np.mean(predict(network, X_val) == y_val),
            ]
        )

    train_batches(network, X_few, one_hot(y_few), callback=record, **MEMORIZE_SETTINGS)  # type: ignore[arg-type]
    return np.array(rows)


def regularization_curves_figure() -> str:
    """Chapter 12: learning curves, training and validation loss and accuracy per epoch."""
    curves = memorizing_curves()
    epochs = np.arange(len(curves))
    figure, (losses, rights) = plt.subplots(1, 2, figsize=(9, 3.4))
    for column, axes in [(0, losses), (1, rights)]:
        axes.plot(epochs, curves[:, column], color="#3949ab", linewidth=2, label="training")
        axes.plot(epochs, curves[:, column + 2], color="#d84315", linewidth=2, linestyle="--",
                  label="validation")  # fmt: skip
        axes.set(xlabel="epoch", xlim=(0, len(curves) - 1))
        axes.grid(alpha=0.3, which="both")
    losses.set(ylabel="cross-entropy loss (log scale)", yscale="log")
    rights.set(ylabel="fraction right", ylim=(0, 1.02))
    rights.legend(frameon=False, loc="lower right")
    figure.tight_layout()
    return to_svg(figure)


# Chapter 13's valley, f = x**2 / 20 + y**2: three optimizers take 40 steps each down
# it from (-7, 2), with the chapter's settings. Each name: how the figures label it,
# the optimizer with the chapter's settings, and its colour (SGD as chapter 6's
# "stalls" orange, momentum as its indigo, Adam as the live curves' green).
VALLEY_START, VALLEY_STEPS, VALLEY_TARGET = (-7.0, 2.0), 40, 0.01
VALLEY_VIEW = {"x": (-8.0, 8.0), "y": (-2.5, 2.5)}
VALLEY_CONTOURS = [0.25, 1.0, 2.25, 4.0, 6.25, 9.0]  # heights 0.5², 1², 1.5², ...


def valley_optimizers() -> dict[str, tuple[str, Optimizer, str]]:
    """Chapter 13's three optimizers, new (they keep state), by name: label, optimizer, colour."""
    return {
        "sgd": ("SGD", SGD(learn_rate=0.9), "#d84315"),
        "momentum": ("Momentum", Momentum(learn_rate=0.1, beta=0.9), "#3949ab"),
        "adam": ("Adam", Adam(learn_rate=0.5), "#2e7d32"),
    }


@functools.cache
def valley_runs() -> dict[str, np.ndarray]:
    """Chapter 13: each optimizer's path down the valley, (41, 2), by name.

    Run once per process (cached): callers must not change the arrays.
    """
    return {
        name: descend(optimizer, start=VALLEY_START, steps=VALLEY_STEPS)
        for name, (_, optimizer, _) in valley_optimizers().items()
    }


def steps_below(path: np.ndarray, target: float = VALLEY_TARGET) -> int | None:
    """The first step at which the valley's height is below `target`, or None."""
    return next((step for step, point in enumerate(path) if valley(point) < target), None)


def valley_settings(optimizer: Optimizer) -> str:
    """An optimizer's learning rate and beta as the chapter writes them: "η = 0.1, β = 0.9"."""
    shown = {"learn_rate": "η", "beta": "β", "beta1": "β1"}  # Adam's beta2 and eps: defaults
    numbers = optimizer.hyperparameters()
    return ", ".join(
        f"{symbol} = {numbers[name]:g}" for name, symbol in shown.items() if name in numbers
    )


def valley_paths_figure() -> str:
    """Chapter 13: the valley's contours and the paths of SGD, momentum and Adam down it."""
    (x0, x1), (y0, y1) = VALLEY_VIEW["x"], VALLEY_VIEW["y"]
    xs, ys = np.linspace(x0, x1, 161), np.linspace(y0, y1, 101)
    heights = xs[np.newaxis, :] ** 2 / 20 + ys[:, np.newaxis] ** 2
    figure, axes = plt.subplots(figsize=(7, 3.6))
    axes.contour(xs, ys, heights, levels=VALLEY_CONTOURS, colors="#9e9e9e", linewidths=0.8)
    for name, (label, optimizer, colour) in valley_optimizers().items():
        path = valley_runs()[name]
        steps = steps_below(path)
        reached = f"after {steps} steps" if steps is not None else f"not in {VALLEY_STEPS} steps"
        label = f"{label}, {valley_settings(optimizer)}: f < {VALLEY_TARGET:g} {reached}"
        axes.plot(*path.T, "o-", color=colour, linewidth=1.6, markersize=3.5, label=label)
    axes.plot(*VALLEY_START, "o", color="black", markersize=7)
    axes.annotate("start", VALLEY_START, xytext=(6, 6), textcoords="offset points")
    axes.plot(0, 0, "+", color="black", markersize=12, markeredgewidth=2)
    axes.annotate("minimum (0, 0)", (0, 0), xytext=(2.4, -1.6), arrowprops={"arrowstyle": "->"})
    axes.set(xlabel="x", ylabel="y", xlim=(x0, x1), ylim=(y0, y1))
    start = ", ".join(f"{v:g}".replace("-", "\u2212") for v in VALLEY_START)  # a real minus
    axes.set_title(f"f(x, y) = x²/20 + y²: {VALLEY_STEPS} steps each from ({start})", fontsize=11)
    axes.legend(frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return to_svg(figure)


# Chapter 13: each optimizer at the rate its page found best, from seed 5 (network and
# shuffles; the first of the fresh seeds its `compare` runs): (kind, rate) on the moons,
# then on the digits.
OPTIMIZER_SEED = 5
OPTIMIZER_RATES = {
    "moons": [(SGD, 8.0), (Momentum, 3.2), (Adam, 0.3)],
    "digits": [(SGD, 1.0), (Momentum, 0.3), (Adam, 0.03)],
}
OPTIMIZER_COLOURS = {"SGD": "#d84315", "Momentum": "#3949ab", "Adam": "#2e7d32"}  # as the valley's


@functools.cache
def optimizer_runs() -> dict[str, dict[str, list[float]]]:
    """Chapter 13: the loss after every epoch for each optimizer, on the moons (full batch,
    120 steps) and the digits (batches of 32, 10 epochs), by data set and optimizer name.

    One call of `train_batches` per run: the same steps as the page's one epoch per call.
    Run once per process (cached): callers must not change the lists.
    """
    X_moons, y_moons = make_moons(200, noise=0.2, rng=0)
    X, y = load_digits()
    X_rest, _, y_rest, _ = train_test_split(X / 16, y, test_fraction=0.25, rng=0)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, test_fraction=0.25, rng=1)
    settings = {
        "moons": ([2, 8, 1], ["tanh", "sigmoid"], X_moons, y_moons, "bce", 200, 120),
        "digits": ([64, 32, 10], ["tanh", "softmax"], X_train, one_hot(y_train),
                   "cross_entropy", 32, 10),
    }  # fmt: skip
    runs: dict[str, dict[str, list[float]]] = {}
    for data, (sizes, activations, X_data, Y_data, loss, batch, epochs) in settings.items():
        runs[data] = {}
        for kind, rate in OPTIMIZER_RATES[data]:
            network = MatrixNetwork.random(sizes, activations, rng=OPTIMIZER_SEED)
            runs[data][kind.__name__] = train_batches(
                network, X_data, Y_data, loss=loss, optimizer=kind(learn_rate=rate),
                epochs=epochs, batch_size=batch, rng=np.random.default_rng(OPTIMIZER_SEED),
            )  # fmt: skip
    return runs


def optimizer_losses_figure() -> str:
    """Chapter 13: the loss after every epoch for SGD, momentum and Adam, moons and digits."""
    figure, panels = plt.subplots(1, 2, figsize=(9, 3.4))
    titles = {"moons": "moons, full batch", "digits": "digits, batches of 32"}
    for axes, (data, runs) in zip(panels, optimizer_runs().items(), strict=True):
        for (kind, rate), history in zip(OPTIMIZER_RATES[data], runs.values(), strict=True):
            name = kind.__name__
            epochs = np.arange(1, len(history) + 1)
            axes.plot(epochs, history, color=OPTIMIZER_COLOURS[name], linewidth=2,
                      label=f"{name} {rate:g}")  # fmt: skip
        axes.axhline(0.1, color="black", linewidth=0.8, linestyle=":")
        axes.set_yscale("log")
        ticks = [0.03, 0.1, 0.3, 1, 3] if data == "moons" else [0.02, 0.05, 0.1, 0.2, 0.5]
        axes.set_yticks(ticks, labels=[f"{tick:g}" for tick in ticks])
        axes.yaxis.set_minor_formatter(NullFormatter())
        xlabel = "step (= epoch)" if data == "moons" else "epoch"
        axes.set(title=titles[data], xlabel=xlabel, ylabel="loss", xlim=(0, len(history)))
        axes.grid(alpha=0.3)
        axes.legend(frameon=False)
    return to_svg(figure)


# Chapter 14's per-layer statistics, seed 0, on the page's 300 images: (activation, init),
# colour and line style.
LAYER_CHOICES = {
    ("sigmoid", "xavier"): ("#757575", "-"),
    ("tanh", "normal"): ("#3949ab", ":"),
    ("tanh", "xavier"): ("#3949ab", "-"),
    ("relu", "normal"): ("#d84315", ":"),
    ("relu", "xavier"): ("#d84315", "--"),
    ("relu", "he"): ("#2e7d32", "-"),
}


@functools.cache
def deeper_digits() -> tuple[Any, Any]:
    """Chapter 14's 300 training images (scaled) and their one-hot answers.

    Run once per process (cached): callers must not change the arrays.
    """
    X, y = load_digits()
    X_rest, _, y_rest, _ = train_test_split(X / 16, y, test_fraction=0.25, rng=0)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, test_fraction=0.25, rng=1)
    return X_train[:300], one_hot(y_train[:300])


def deep_stack(activation: str, init: str, seed: int) -> MatrixNetwork:
    """Chapter 14's stack: ten hidden layers of 32, a softmax of 10."""
    activations = [activation] * 10 + ["softmax"]
    return MatrixNetwork.random([64] + [32] * 10 + [10], activations, rng=seed, init=init)


def deeper_layers_figure() -> str:
    """Chapter 14: each hidden layer's output spread (each neuron's standard deviation over
    the images, averaged) and gradient size at the start, seed 0."""
    X_few, Y_few = deeper_digits()
    figure, panels = plt.subplots(1, 2, figsize=(9, 3.6))
    layers = np.arange(1, 11)
    for (activation, init), (colour, style) in LAYER_CHOICES.items():
        stats = layer_statistics(deep_stack(activation, init, 0), X_few, Y_few)
        for axes, key in zip(panels, ["output_spread", "gradient_size"], strict=True):
            axes.plot(layers, stats[key][:10], color=colour, linestyle=style, linewidth=2,
                      label=f"{activation}, {init}")  # fmt: skip
    titles = ["spread of the outputs over the images", "size of dL/dW"]
    for axes, title in zip(panels, titles, strict=True):
        axes.set_yscale("log")
        axes.yaxis.set_minor_formatter(NullFormatter())
        axes.set(title=title, xlabel="hidden layer", xticks=layers)
        axes.grid(alpha=0.3)
    panels[1].legend(frameon=False, fontsize=9, loc="center left", bbox_to_anchor=(1, 0.5))
    return to_svg(figure)


def deeper_histograms_figure() -> str:
    """Chapter 14: each hidden layer's tanh outputs under each init, seed 0, side by side.

    One row per init, one histogram per layer, each as a share of its 9,600 outputs (300
    images by 32 neurons); drawn as steps on one axes per row, to stay cheap.
    """
    X_few, _ = deeper_digits()
    figure, rows = plt.subplots(3, 1, figsize=(9, 4), sharex=True)
    edges = np.linspace(-1, 1, 21)
    for axes, init in zip(rows, HISTOGRAM_INITS, strict=True):
        outputs = deep_stack("tanh", init, 0).layer_outputs(X_few)[1:11]
        for layer, a in enumerate(outputs):
            counts, _ = np.histogram(a, bins=edges)
            axes.stairs(counts / counts.sum(), edges + 2.5 * layer, fill=True, color="#3949ab")
        axes.set_yticks([])
        axes.set_ylabel(init, fontsize=10)
        for side in ["top", "right", "left"]:
            axes.spines[side].set_visible(False)
    rows[-1].set_xticks(2.5 * np.arange(10), [f"layer {k}" for k in range(1, 11)], fontsize=8)
    rows[0].set_title("tanh's outputs, from -1 to 1, in each hidden layer (seed 0)", fontsize=10)
    return to_svg(figure)


HISTOGRAM_INITS = ["normal", "xavier", "he"]


# Chapter 14: the ten-layer stack of docs/deeper.md, seed 0, the page's settings: 300
# training images, SGD at 0.1, batches of 30, 10 epochs. (activation, init) and colour.
DEEPER_CHOICES = {
    ("sigmoid", "xavier"): "#757575",
    ("tanh", "xavier"): "#3949ab",
    ("tanh", "he"): "#8e24aa",
    ("relu", "xavier"): "#d84315",
    ("relu", "he"): "#2e7d32",
}


@functools.cache
def deeper_runs() -> dict[tuple[str, str], list[float]]:
    """Chapter 14: the deep stack's training loss per epoch, seed 0, for each choice.

    Run once per process (cached): callers must not change the lists.
    """
    X_few, Y_few = deeper_digits()
    runs = {}
    for activation, init in DEEPER_CHOICES:
        runs[activation, init] = train_batches(
            deep_stack(activation, init, 0), X_few, Y_few, loss="cross_entropy",
            learn_rate=0.1, epochs=10, batch_size=30, rng=np.random.default_rng(0), every=1,
        )  # fmt: skip
    return runs


def deeper_training_figure() -> str:
    """Chapter 14: the ten-layer stack's loss per epoch under each activation and init."""
    figure, axes = plt.subplots(figsize=(6.5, 3.6))
    for (activation, init), history in deeper_runs().items():
        epochs = np.arange(1, len(history) + 1)
        axes.plot(epochs, history, color=DEEPER_CHOICES[activation, init], linewidth=2,
                  marker="o", markersize=3, label=f"{activation}, {init}")  # fmt: skip
    axes.set(title="ten hidden layers of 32, seed 0", xlabel="epoch", ylabel="training loss")
    axes.set(xlim=(0.5, 10.5), ylim=(0, 2.5))
    axes.grid(alpha=0.3)
    axes.legend(frameon=False, loc="lower left", ncols=2)
    return to_svg(figure)


# Chapter 15: the hand-made edge filter on the first image, a 0, and the page's small
# convolutional network: 16 filters, Adam at 0.01 for 20 epochs on the training images.
EDGE = np.array([[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])


def draw_signed(axes: Any, values: np.ndarray, title: str) -> None:
    """A small grid of numbers, red positive, blue negative, white 0, with a title."""
    most = float(np.nanmax(np.abs(values))) or 1.0
    colours = plt.get_cmap("RdBu_r").with_extremes(bad="#777777")  # nan: the gaps of `tiled`
    axes.imshow(values, cmap=colours, vmin=-most, vmax=most)
    axes.set_title(title, fontsize=10)
    axes.set_xticks([])
    axes.set_yticks([])


def convolution_edge_figure() -> str:
    """Chapter 15: the first image, the edge filter, and the feature map it gives."""
    from nn_from_scratch.convolution import convolve

    X, _ = load_digits()
    image = X[0].reshape(1, 1, 8, 8)
    feature_map = convolve(image, EDGE.reshape(1, 1, 3, 3), np.zeros(1))[0, 0]
    figure, (left, middle, right) = plt.subplots(1, 3, figsize=(7, 2.6))
    draw_digit(left, X[0], "the image (8 by 8)")
    draw_signed(middle, EDGE, "the filter (3 by 3)")
    draw_signed(right, feature_map, "its feature map (6 by 6)")
    return to_svg(figure)


@functools.cache
def convnet_run() -> tuple[Any, np.ndarray]:
    """Chapter 15: the trained 16-filter network and the first test image, (1, 1, 8, 8).

    Run once per process (cached): callers must not change what it returns.
    """
    from nn_from_scratch.convolution import ConvNet, train_convnet

    X, y = load_digits()
    X_rest, X_test, y_rest, _ = train_test_split(X / 16, y, test_fraction=0.25, rng=0)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, test_fraction=0.25, rng=1)
    network = ConvNet.random(rng=1, filters=16)
    train_convnet(
        network,
        X_train.reshape(-1, 1, 8, 8),
        one_hot(y_train),
        optimizer=Adam(learn_rate=0.01),
        epochs=20,
        batch_size=32,
        rng=2,
    )
    return network, X_test[:1].reshape(1, 1, 8, 8)


def tiled(images: np.ndarray, per_row: int = 4) -> np.ndarray:
    """Equal small images (n, h, w) as one array, `per_row` to a row, one blank (nan) pixel
    between them: many panels drawn as one, which is much faster."""
    n, h, w = images.shape
    rows = -(-n // per_row)
    out = np.full((rows * (h + 1) - 1, per_row * (w + 1) - 1), np.nan)
    for k, image in enumerate(images):
        r, c = divmod(k, per_row)
        out[r * (h + 1) : r * (h + 1) + h, c * (w + 1) : c * (w + 1) + w] = image
    return out


def convnet_filters_figure() -> str:
    """Chapter 15: the learned filters, and each one's feature map (after the ReLU) for the
    first test image, in the same places."""
    network, image = convnet_run()
    conv, relu = network.layers[0], network.layers[1]
    maps = relu.forward(conv.forward(image))[0]
    figure, (left, right) = plt.subplots(1, 2, figsize=(8, 4))
    draw_signed(left, tiled(conv.weights[:, 0]), "16 learned filters (3 by 3)")
    right.imshow(tiled(maps), cmap=plt.get_cmap("gray_r").with_extremes(bad="#9fc5e8"), vmin=0)
    right.set_title("their maps of a test 6 (6 by 6)", fontsize=10)
    right.set_xticks([])
    right.set_yticks([])
    return to_svg(figure)


FIGURES: dict[str, Callable[[], str]] = {
    "figures/sigmoid.svg": sigmoid_figure,
    "figures/neuron.svg": neuron_figure,
    "figures/network.svg": network_diagram,
    "figures/loss_curve.svg": loss_curve_figure,
    "figures/decision_boundary.svg": decision_boundary_figure,
    "figures/backprop_graph.svg": backprop_graph_figure,
    "figures/learning_rates.svg": learning_rates_figure,
    "figures/moons_loss.svg": moons_loss_figure,
    "figures/moons_boundary.svg": moons_boundary_figure,
    "figures/autodiff_graph.svg": autodiff_graph_figure,
    "figures/digits_samples.svg": digits_samples_figure,
    "figures/digits_mistakes.svg": digits_mistakes_figure,
    "figures/regularization_curves.svg": regularization_curves_figure,
    "figures/valley_paths.svg": valley_paths_figure,
    "figures/optimizer_losses.svg": optimizer_losses_figure,
    "figures/deeper_layers.svg": deeper_layers_figure,
    "figures/deeper_histograms.svg": deeper_histograms_figure,
    "figures/deeper_training.svg": deeper_training_figure,
    "figures/convolution_edge.svg": convolution_edge_figure,
    "figures/convnet_filters.svg": convnet_filters_figure,
}


# --- What the live figures start from ---------------------------------------------------
#
# Each live figure's script (docs/javascripts/live/<name>.js) reads these numbers
# from figures/live/<name>.js, which sets nnLive.data[<name>]. They are written
# with Python's repr of each float (json.dumps), which JavaScript reads back as
# the same float64: the browser starts from exactly the package's numbers. The
# loss curves of the static figure a live one replaces are drawn in it too, as
# references (to 5 significant digits: they are only drawn).


def for_drawing(history: list[float]) -> list[float]:
    """A loss history to 5 significant digits: enough for a line on the screen."""
    return [float(f"{loss:.5g}") for loss in history]


def neuron_live() -> dict[str, Any]:
    """Chapter 2: the neuron of the chapter, and the four people's inputs to try."""
    data, _ = training_data()
    people = [{"name": p.name, "x": row} for p, row in zip(PEOPLE, data.tolist(), strict=True)]
    return {"start": NEURON, "people": people}


# Chapter 6's live figure: the learning rates a reader can choose (the chapter's 0.1,
# and those of the learning-rate figure among them).
LIVE_RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 40.0]


def training_live() -> dict[str, Any]:
    """Chapter 6: the seed-42 network's nine parameters, the four people, Emily and Frank."""
    data, all_y_trues = training_data()
    newcomers = [
        {"name": p.name, "x": shift(p.weight, p.height).tolist(), "gender": p.gender}
        for p in NEWCOMERS
    ]
    return {
        "seed": SEED,
        "start": NeuralNetwork.random(SEED).parameters(),
        "names": [p.name for p in PEOPLE],
        "data": data.tolist(),
        "y": all_y_trues.tolist(),
        "newcomers": newcomers,
        "learn_rate": 0.1,
        "rates": LIVE_RATES,
        "epochs": 1000,
        "references": [  # the static figure's curve
            {
                "label": "train(), η = 0.1",
                "style": "grey-dashed",
                "history": for_drawing(seeded_run()[1]),
            }
        ],
    }


# Chapter 9's live figure: the hidden-layer sizes and learning rates a reader can choose.
LIVE_HIDDEN = list(range(17))
LIVE_MOON_RATES = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 4.0]


# The runs of the moons' loss figure, as the live figure that replaces it labels them.
MOON_REFERENCES = [
    (0, "tanh", "no hidden layer", "grey-wide"),
    (8, "sigmoid", "8 sigmoid", "orange-dashed"),
    (8, "tanh", "8 tanh", "blue"),
]


def moons_live() -> dict[str, Any]:
    """Chapter 9: the 200 points, every starting network, and the chapter's shuffles.

    `train_batches` shuffles the points every epoch with numpy's generator
    (``rng=2``); JavaScript has no numpy, so the 300 orders it draws are written
    here, one byte per index (base64): the browser visits the points in the same
    order as the package, and reaches the same weights.
    """
    X, y = make_moons(200, noise=0.2, rng=0)
    starts = {}
    for hidden in LIVE_HIDDEN:
        sizes = [2, hidden, 1] if hidden else [2, 1]
        network = MatrixNetwork.random(sizes, "sigmoid", rng=1)  # the draw ignores activations
        starts[hidden] = {
            "weights": [W.tolist() for W in network.weights],
            "biases": [b.tolist() for b in network.biases],
        }
    shuffler = np.random.default_rng(MOON_SETTINGS["rng"])  # as train_batches makes it
    orders = [shuffler.permutation(len(X)) for _ in range(int(MOON_SETTINGS["epochs"]))]
    return {
        "X": X.tolist(),
        "y": y.tolist(),
        "starts": starts,
        "hidden": 8,
        "activation": "tanh",
        "learn_rate": MOON_SETTINGS["learn_rate"],
        "rates": LIVE_MOON_RATES,
        "epochs": MOON_SETTINGS["epochs"],
        "batch_size": MOON_SETTINGS["batch_size"],
        "references": [  # the static figure's three curves, in its colours
            {
                "label": f"{label}, η = {MOON_SETTINGS['learn_rate']}",
                "style": style,
                "history": for_drawing(moons_run(hidden, activation)[1]),
            }
            for hidden, activation, label, style in MOON_REFERENCES
        ],
        "orders": base64.b64encode(np.concatenate(orders).astype(np.uint8).tobytes()).decode(),
    }


def valley_live() -> dict[str, Any]:
    """Chapter 13: the valley's start, view and contours, and each optimizer's settings and path.

    The paths are the package's, drawn beneath the reader's own as the chapter's;
    the browser recomputes its own from the settings, with the same arithmetic.
    """
    optimizers = {
        name: {
            "label": label,
            "settings": optimizer.hyperparameters(),
            "path": valley_runs()[name].tolist(),
        }
        for name, (label, optimizer, _) in valley_optimizers().items()
    }
    return {
        "start": list(VALLEY_START),
        "steps": VALLEY_STEPS,
        "target": VALLEY_TARGET,
        "view": VALLEY_VIEW,
        "contours": VALLEY_CONTOURS,
        "optimizers": optimizers,
    }


LIVE_DATA: dict[str, Callable[[], dict[str, Any]]] = {
    "neuron": neuron_live,
    "training": training_live,
    "moons": moons_live,
    "valley": valley_live,
}


def live_data_script(name: str) -> str:
    """The file ``figures/live/<name>.js``: nnLive.data[name] set to `LIVE_DATA`[name]'s numbers."""
    numbers = json.dumps(LIVE_DATA[name](), separators=(",", ":"), allow_nan=False)
    return (
        f"// Written by hooks/figures.py from nn_from_scratch.\nnnLive.data.{name} = {numbers};\n"
    )


def draw_all() -> dict[str, str]:
    """Every figure in `FIGURES`, drawn, and every live figure's numbers: text by site path."""
    drawn = {path: draw() for path, draw in FIGURES.items()}
    return drawn | {f"figures/live/{name}.js": live_data_script(name) for name in LIVE_DATA}


def on_files(files: Any, config: Any) -> Any:
    """mkdocs hook: draw every figure and add it to the site's files.

    A copy that ``python -m hooks.generate`` wrote into the docs folder (for
    Zensical, which runs no hooks) is replaced: the build always draws anew.
    """
    from mkdocs.structure.files import File

    for path, svg in draw_all().items():
        if (written := files.get_file_from_path(path)) is not None:
            files.remove(written)
        files.append(File.generated(config, path, content=svg))
    return files
