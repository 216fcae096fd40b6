"""The figures the site draws at build time (hooks/figures.py), checked here.

The site is built once per test session (the `built_site` fixture), and the
build draws every figure through the hook's `on_files`: a figure that fails to
draw stops `mkdocs build`. Each figure is drawn once more here and must equal
the build's, byte for byte; the other tests read the build's figures and check
what each one shows against the package.
"""

from __future__ import annotations

import base64
import importlib.util
import itertools
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import NEWCOMERS, PARAMETER_NAMES, PEOPLE, NeuralNetwork, make_moons
from tests.seed_reference import SEED_NAMES
from tests.test_docs_prose import (
    D_L_D_B3,
    D_L_D_W4,
    D_L_D_W5,
    D_L_D_YPRED,
    DIGITS,
    H2,
    RATES,
    RUN,
    Y_PRED,
    shown_output,
)

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.site


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


figures = load_hook()
SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    """Every piece of text drawn in an SVG (matplotlib keeps text as <text>)."""
    root = ET.fromstring(svg)
    return ["".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")]


Drawn = dict[Callable[[], str], str]


@pytest.fixture(scope="module")
def drawn(built_site: Path) -> Drawn:
    """The SVG text of every figure as the site build drew it, by the hook function that drew it."""
    return {
        draw: (built_site / path).read_text(encoding="utf-8")
        for path, draw in figures.FIGURES.items()
    }


@pytest.mark.parametrize("path", list(figures.FIGURES))
def test_figure_is_an_svg_with_a_size(path: str, drawn: Drawn) -> None:
    root = ET.fromstring(drawn[figures.FIGURES[path]])
    assert root.tag == f"{SVG}svg"
    assert float(root.attrib["width"].removesuffix("pt")) > 100
    assert float(root.attrib["height"].removesuffix("pt")) > 100


@pytest.mark.sweep  # draws every figure again
@pytest.mark.parametrize("path", list(figures.FIGURES))
def test_figures_are_the_same_on_every_build(path: str, drawn: Drawn) -> None:
    # Each figure drawn once more, here: in another process than the build's, and
    # with every warning an error (pyproject.toml), yet the same bytes. So the
    # tests below may read the build's figures.
    draw = figures.FIGURES[path]
    assert draw() == drawn[draw]


def test_sigmoid_figure_labels_the_values_chapter_1_checks(drawn: Drawn) -> None:
    labels = texts(drawn[figures.sigmoid_figure])
    assert "f(0) = 0.5" in labels
    assert "steepest: f'(0) = 0.25" in labels


def test_network_diagram_names_every_parameter_once(drawn: Drawn) -> None:
    labels = texts(drawn[figures.network_diagram])
    for name in SEED_NAMES:  # the notebook's nine names, not the package's own list
        wanted = f"+ {name}" if name.startswith("b") else name
        assert labels.count(wanted) == 1, name
    for neuron in ["x1", "x2", "h1", "h2", "o1"]:
        assert neuron in labels


def outputs_after_nudging(name: str, x: list[float]) -> tuple[bool, bool, bool]:
    """Which of h1, h2, o1 move when parameter `name` is nudged, for inputs x."""
    base = dict.fromkeys(PARAMETER_NAMES, 0.5)
    before = NeuralNetwork(**base).outputs(*x)
    after = NeuralNetwork(**{**base, name: 0.75}).outputs(*x)
    return tuple(a != b for a, b in zip(before, after, strict=True))  # type: ignore[return-value]


@pytest.mark.parametrize("weight", ["w1", "w2", "w3", "w4"])
def test_diagram_wiring_of_hidden_weights_matches_the_network(weight: str) -> None:
    source, target = figures.WIRING[weight]
    moved_h1, moved_h2, _ = outputs_after_nudging(weight, [1.0, 1.0])
    assert (moved_h1, moved_h2) == (target == "h1", target == "h2")
    # With the diagram's source input at zero, the weight has nothing to carry.
    silent = [0.0, 1.0] if source == "x1" else [1.0, 0.0]
    assert outputs_after_nudging(weight, silent) == (False, False, False)


@pytest.mark.parametrize("name", ["w5", "w6", "b3"])
def test_diagram_output_parameters_act_on_o1_only(name: str) -> None:
    assert outputs_after_nudging(name, [1.0, 1.0]) == (False, False, True)
    target = figures.WIRING[name][1] if name in figures.WIRING else figures.BIASES[name]
    assert target == "o1"


@pytest.mark.parametrize(
    ("bias", "moves"), [("b1", (True, False, True)), ("b2", (False, True, True))]
)
def test_diagram_hidden_biases_sit_in_their_neuron(bias: str, moves: tuple[bool, ...]) -> None:
    assert outputs_after_nudging(bias, [1.0, 1.0]) == moves
    assert figures.BIASES[bias] == ("h1" if moves[0] else "h2")


def test_neuron_figure_writes_out_chapter_2s_sum_by_hand(drawn: Drawn) -> None:
    labels = texts(drawn[figures.neuron_figure])
    # Weights 0 and 1, bias 4, inputs 2 and 3: 0·2 + 1·3 + 4 = 7; f(7) = 1 / (1 + e^-7).
    assert "total = 0·2 + 1·3 + 4 = 7" in labels
    assert "output = f(7) = 0.9991" in labels


def test_live_figures_start_from_the_chapters_numbers(built_site: Path) -> None:
    def data(name: str) -> dict[str, Any]:
        text = (built_site / "figures" / "live" / f"{name}.js").read_text(encoding="utf-8")
        prefix = f"nnLive.data.{name} = "
        line = next(line for line in text.splitlines() if line.startswith(prefix))
        parsed: dict[str, Any] = json.loads(line.removeprefix(prefix).removesuffix(";"))
        return parsed

    neuron = data("neuron")
    assert neuron["start"] == {"w1": 0, "w2": 1, "b": 4, "x1": 2, "x2": 3}  # chapter 2's
    # Chapter 3's shifted inputs: weight - 135 lb, height - 66 in.
    assert [(p["name"], p["x"]) for p in neuron["people"]] == [
        ("Alice", [-2, -1]), ("Bob", [25, 6]), ("Charlie", [17, 4]), ("Diana", [-15, -6])
    ]  # fmt: skip
    training = data("training")
    assert training["data"] == [[-2, -1], [25, 6], [17, 4], [-15, -6]]
    assert training["y"] == [1, 0, 0, 1]
    assert [(p["name"], p["x"]) for p in training["newcomers"]] == [
        ("Emily", [-7, -3]), ("Frank", [20, 2])
    ]  # fmt: skip
    assert (training["learn_rate"], training["epochs"]) == (0.1, 1000)
    # The reference curve is the loss curve figure's: the run the seed's code makes.
    [reference] = training["references"]
    assert reference["history"][0] == pytest.approx(RUN["epoch_0"], rel=1e-4)
    assert reference["history"][-1] == pytest.approx(RUN["final_loss"], rel=1e-4)
    moons = data("moons")
    assert len(moons["X"]) == len(moons["y"]) == 200
    orders = np.frombuffer(base64.b64decode(moons["orders"]), dtype=np.uint8).reshape(300, 200)
    assert (np.sort(orders, axis=1) == np.arange(200)).all()  # each epoch visits every point once
    for hidden, start in moons["starts"].items():
        sizes = [2, int(hidden), 1] if int(hidden) else [2, 1]
        assert [np.shape(W) for W in start["weights"]] == list(itertools.pairwise(sizes))
        assert all(b == [0.0] * n for b, n in zip(start["biases"], sizes[1:], strict=True))


def test_loss_curve_is_the_seeded_run_of_chapter_6(drawn: Drawn) -> None:
    labels = texts(drawn[figures.loss_curve_figure])
    # RUN is computed with the original notebook's code (tests/test_docs_prose.py).
    assert f"epoch 0: {RUN['epoch_0']:.3f}" in labels
    assert f"epoch 999: {RUN['final_loss']:.4f}" in labels


def test_backprop_graph_shows_alices_values_and_slopes_by_hand(drawn: Drawn) -> None:
    labels = texts(drawn[figures.backprop_graph_figure])
    for node in ["x1", "x2", "h1", "h2", "o1", "L"]:
        assert labels.count(node) == 1, node
    # Chapter 5's worked example, by hand (tests/test_docs_prose.py). With w6 = 1,
    # dL/dh2 equals dL/db3; w3's input is twice w4's (x1 = -2, x2 = -1) and b2's is 1.
    values = {"-2": 1, "-1": 1, f"{H2:.4g}": 2, f"{Y_PRED:.4g}": 1, f"{(1 - Y_PRED) ** 2:.4g}": 1}
    slopes = {"L": 1, "o1": D_L_D_YPRED, "h1": 0, "h2": D_L_D_B3, "b3": D_L_D_B3}
    slopes |= {"w1": 0, "w2": 0, "b1": 0, "w3": 2 * D_L_D_W4, "w4": D_L_D_W4, "b2": -D_L_D_W4}
    slopes |= {"w5": D_L_D_W5, "w6": D_L_D_W5}
    expected = [f"= {value}" for value, count in values.items() for _ in range(count)]
    expected += [f"dL/d{name} = {slope:.4g}" for name, slope in slopes.items()]
    drawn_numbers = [label for label in labels if label.startswith(("= ", "dL/d"))]
    assert sorted(drawn_numbers) == sorted(expected)


def test_learning_rates_figure_names_each_rate_and_its_final_loss(drawn: Drawn) -> None:
    labels = texts(drawn[figures.learning_rates_figure])
    # RATES: the same runs with the original notebook's code (tests/test_docs_prose.py).
    kinds = ["too small", "the chapter's", "faster", "stalls here"]
    for (rate, loss), kind in zip(RATES.items(), kinds, strict=True):
        assert f"η = {rate:g} ({kind}): loss {loss:.2g} at epoch 999" in labels


def test_decision_boundary_marks_all_six_people(drawn: Drawn) -> None:
    labels = texts(drawn[figures.decision_boundary_figure])
    for person in PEOPLE + NEWCOMERS:
        assert person.name in labels


def test_moons_figures_show_both_networks_and_their_accuracy(drawn: Drawn) -> None:
    X, y = make_moons(200, noise=0.2, rng=0)
    titles = texts(drawn[figures.moons_boundary_figure])
    for hidden, name in [(0, "no hidden layer"), (8, "8 hidden tanh neurons")]:
        network, _ = figures.moons_run(hidden)
        # Accuracy counted here, from the network's outputs, not by the figure code.
        right = np.mean((network.forward(X)[:, 0] >= 0.5) == y)
        assert f"{name}: {right:.1%} right" in titles
    legend = texts(drawn[figures.moons_loss_figure])
    assert "no hidden layer (2-1)" in legend and "8 hidden tanh neurons (2-8-1)" in legend
    assert "8 hidden sigmoid neurons (2-8-1)" in legend


def test_autodiff_graph_adds_both_paths_into_the_value_used_twice(drawn: Drawn) -> None:
    labels = texts(drawn[figures.autodiff_graph_figure])
    for name in ["a", "b", "c", "L"]:
        assert labels.count(name) == 1, name
    # L = a * b + a at a = 2, b = -3, by hand: c = ab = -6, L = -4; dL/dc = 1,
    # dL/db = a = 2, and a gets 1 straight from L plus b = -3 through c: -2.
    a, b = 2, -3
    for value in (a, b, a * b, a * b + a):
        assert f"data {value}" in labels, value
    assert f"grad 1 + ({b}) = {b + 1}" in labels
    assert labels.count("grad 1") == 2 and f"grad {a}" in labels  # L and c, then b
    shares = ["1 * 1 = 1", "1 * 1 = 1", f"{b} * 1 = {b}", f"{a} * 1 = {a}"]
    drawn_shares = [label for label in labels if label.startswith("sends back ")]
    assert sorted(drawn_shares) == sorted(f"sends back {share}" for share in shares)


def test_the_built_site_holds_every_figure(built_site: Path) -> None:
    for path in figures.FIGURES:
        assert ET.parse(built_site / path).getroot().tag == f"{SVG}svg"


BROKEN_HOOK = """
import importlib.util
import subprocess
import sys

spec = importlib.util.spec_from_file_location("figures_hook", {hook!r})
figures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(figures)


def broken():
    raise RuntimeError("cannot draw this figure")


figures.FIGURES.clear()  # only the broken one: the build fails at once, not after the rest
figures.FIGURES["figures/broken.svg"] = broken
on_files = figures.on_files
"""


@pytest.mark.sweep  # builds the whole site again, with a broken hook
def test_a_figure_that_fails_to_draw_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "broken_hook.py").write_text(
        BROKEN_HOOK.format(hook=str(ROOT / "hooks" / "figures.py"))
    )
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\nhooks: [broken_hook.py]\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "cannot draw this figure" in result.stderr


def test_digit_samples_show_two_of_each_digit(drawn: Drawn) -> None:
    titles = texts(drawn[figures.digits_samples_figure])
    assert sorted(titles) == sorted([str(digit) for digit in range(10)] * 2)


def test_digits_mistakes_figure_shows_every_wrong_test_image(drawn: Drawn) -> None:
    labels = texts(drawn[figures.digits_mistakes_figure])
    pairs = list(zip(DIGITS["true_wrong"], DIGITS["read_wrong"], strict=True))  # type: ignore[call-overload]
    expected = [line for true, read in pairs for line in (f"{true} read", f"as {read}")]
    assert labels == expected


@pytest.mark.sweep  # it trains the page's run again (about 2 s)
def test_regularization_curves_are_the_pages_run(drawn: Drawn) -> None:
    # Chapter 12's figure draws the run whose rows the page prints: the same numbers,
    # at the epochs shown, as the page rounds them.
    assert "figures/regularization_curves.svg" in figures.FIGURES
    curves = figures.memorizing_curves()
    shown = shown_output("regularization.md", "fit(network, 0, record)")[1:]
    for row in shown:
        epoch, train_loss, train_right, val_loss, val_right = row.split()
        loss, right, v_loss, v_right = curves[int(epoch)]
        assert (f"{loss:.3f}", f"{right:.0%}") == (train_loss, train_right)
        assert (f"{v_loss:.2f}", f"{v_right:.0%}") == (val_loss, val_right)
    assert len(curves) == figures.MEMORIZE_SETTINGS["epochs"]
    labels = texts(drawn[figures.regularization_curves_figure])
    assert "training" in labels and "validation" in labels


# --- Chapter 13's valley -----------------------------------------------------------------

MINUS = "\u2212"  # the minus sign the page writes


def valley_by_hand(name: str, steps: int = 40) -> list[tuple[float, float]]:
    """Chapter 13's paths down x²/20 + y² from (-7, 2), with the update rules written
    out here in Python floats (not by nn_from_scratch.optimizers): SGD at 0.9, momentum
    at 0.1 with β 0.9, Adam at 0.5 with β1 0.9, β2 0.999, eps 1e-8."""
    x, y = -7.0, 2.0
    vx = vy = mx = my = sx = sy = 0.0
    path = [(x, y)]
    for t in range(1, steps + 1):
        gx, gy = x / 10, 2 * y  # the slopes of x²/20 + y²
        if name == "sgd":
            x, y = x - 0.9 * gx, y - 0.9 * gy
        elif name == "momentum":
            vx, vy = 0.9 * vx + gx, 0.9 * vy + gy
            x, y = x - 0.1 * vx, y - 0.1 * vy
        else:
            mx, my = 0.9 * mx + 0.1 * gx, 0.9 * my + 0.1 * gy
            sx, sy = 0.999 * sx + 0.001 * gx**2, 0.999 * sy + 0.001 * gy**2
            x -= 0.5 * (mx / (1 - 0.9**t)) / (math.sqrt(sx / (1 - 0.999**t)) + 1e-8)
            y -= 0.5 * (my / (1 - 0.9**t)) / (math.sqrt(sy / (1 - 0.999**t)) + 1e-8)
        path.append((x, y))
    return path


def steps_below_by_hand(path: list[tuple[float, float]]) -> int:
    return next(step for step, (x, y) in enumerate(path) if x**2 / 20 + y**2 < 0.01)


VALLEY_LEGEND = {
    "sgd": "SGD, η = 0.9",
    "momentum": "Momentum, η = 0.1, β = 0.9",
    "adam": "Adam, η = 0.5, β1 = 0.9",
}


def test_valley_figure_shows_each_path_and_its_steps_by_hand(drawn: Drawn) -> None:
    labels = texts(drawn[figures.valley_paths_figure])
    for name, settings in VALLEY_LEGEND.items():
        steps = steps_below_by_hand(valley_by_hand(name))
        assert f"{settings}: f < 0.01 after {steps} steps" in labels, name
    assert "start" in labels and "minimum (0, 0)" in labels
    # The figure's paths are the package's, which are the rules by hand, to rounding.
    for name, path in figures.valley_runs().items():
        assert path.shape == (41, 2)
        assert np.allclose(path, valley_by_hand(name), rtol=0, atol=1e-12), name


def test_valley_alt_text_says_what_the_paths_do(drawn: Drawn) -> None:
    # The figure's description on chapter 13's page, checked against the rules by hand.
    page = (ROOT / "docs" / "optimizers.md").read_text(encoding="utf-8")
    [alt] = [line for line in page.splitlines() if "(figures/valley_paths.svg)" in line]
    sgd, momentum, adam = (valley_by_hand(name) for name in VALLEY_LEGEND)
    for name, path in zip(VALLEY_LEGEND, (sgd, momentum, adam), strict=True):
        assert f"below 0.01 after {steps_below_by_hand(path)} steps" in alt, name
    # SGD: y from 2 to -1.6 and back, each swing smaller; x creeps towards 0.
    assert f"from y = 2 to {MINUS}{-sgd[1][1]:.1f} and back, a little less each time" in alt
    assert all(abs(b[1]) < abs(a[1]) and a[1] * b[1] < 0 for a, b in itertools.pairwise(sgd))
    assert all(a[0] < b[0] < 0 for a, b in itertools.pairwise(sgd))
    # Momentum: past x = 1, then back.
    assert "overshoots past x = 1 and circles back" in alt
    assert 1 < max(x for x, _ in momentum) and momentum[-1][0] < max(x for x, _ in momentum)
    # Adam: down to y = -0.9, past the minimum to x = 1.4, and back around it.
    assert f"down to y = {MINUS}{-min(y for _, y in adam):.1f}" in alt
    assert f"overshoots to x = {max(x for x, _ in adam):.1f}" in alt
    assert adam[-1][0] < max(x for x, _ in adam)


def test_live_valley_starts_from_the_chapters_settings_and_paths(built_site: Path) -> None:
    text = (built_site / "figures" / "live" / "valley.js").read_text(encoding="utf-8")
    prefix = "nnLive.data.valley = "
    line = next(line for line in text.splitlines() if line.startswith(prefix))
    data = json.loads(line.removeprefix(prefix).removesuffix(";"))
    assert (data["start"], data["steps"], data["target"]) == ([-7, 2], 40, 0.01)
    settings = {name: run["settings"] for name, run in data["optimizers"].items()}
    assert settings == {
        "sgd": {"learn_rate": 0.9},
        "momentum": {"learn_rate": 0.1, "beta": 0.9},
        "adam": {"learn_rate": 0.5, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    }
    for name, run in data["optimizers"].items():
        # Written in full: the package's numbers exactly (repr reads back as the same float).
        assert run["path"] == figures.valley_runs()[name].tolist(), name
        assert np.allclose(run["path"], valley_by_hand(name), rtol=0, atol=1e-12), name


def test_optimizer_losses_cross_01_where_the_chapters_seed_5_runs_do() -> None:
    # Chapter 13's figure trains each run in one call, the page one epoch per call: the
    # same steps, so each curve first goes below 0.1 at the count the page prints first
    # (seed 5, the first of its fresh seeds).
    from tests.test_docs_prose import shown_counts

    runs = figures.optimizer_runs()
    for data, code in [("moons", "compare(moons,"), ("digits", "compare(digits,")]:
        shown = shown_counts(code)
        for name, history in runs[data].items():
            first = next(epoch for epoch, loss in enumerate(history, 1) if loss < 0.1)
            assert first == shown[name][0], (data, name)
    # The alt text: "SGD's jumps to 3.8, then zig-zags" (until step 40 or so): its
    # highest at step 5; from step 13 to step 38 each step goes the other way from the one
    # before, down, up, down; none of the ten steps after rises.
    sgd = runs["moons"]["SGD"]
    assert f"{max(sgd):.1f}" == "3.8" and np.argmax(sgd) == 4
    moves = np.sign(np.diff(sgd))  # moves[i]: from step i + 1 to step i + 2
    assert all(moves[i] == -moves[i + 1] for i in range(12, 36))
    assert all(moves[36:46] < 0)
    text = " ".join((ROOT / "docs" / "optimizers.md").read_text().split())
    assert "Moons: SGD's jumps to 3.8, then zig-zags" in text
    # The alt text: "momentum's leaps to 1.3, then bumps down; Adam's falls almost smoothly;
    # both pass 0.1 sooner" (than SGD's 41, checked above against the page's counts).
    momentum, adam = runs["moons"]["Momentum"], runs["moons"]["Adam"]
    assert f"{max(momentum):.1f}" == "1.3" and max(momentum[10:]) < 0.75
    assert max(np.diff(adam)) < 0.03 < max(np.diff(momentum[9:]))
    assert "momentum's leaps to 1.3, then bumps down; Adam's falls almost smoothly" in text


def test_chapter_14_figures_show_what_their_alt_texts_say() -> None:
    from nn_from_scratch.deeper import layer_statistics

    text = " ".join((ROOT / "docs" / "deeper.md").read_text().split())
    X_few, Y_few = figures.deeper_digits()
    stats = {
        choice: layer_statistics(figures.deep_stack(*choice, 0), X_few, Y_few)
        for choice in figures.LAYER_CHOICES
    }
    spread = {choice: s["output_spread"][:10] for choice, s in stats.items()}
    size = {choice: s["gradient_size"][:10] for choice, s in stats.items()}
    # The spread: each neuron's standard deviation over the images, averaged over the layer.
    # "ReLU with the normal climbs from 1 to 100,000"
    relu = spread["relu", "normal"]
    assert round(relu[0]) == 1 and f"{relu[9]:.0e}" == "1e+05" and np.all(np.diff(relu) > 0)
    # "sigmoid with Xavier falls in a straight line from 0.07 to 1e-7"
    sigmoid = np.log10(spread["sigmoid", "xavier"])
    assert f"{10 ** sigmoid[0]:.2f}" == "0.07" and f"{10 ** sigmoid[9]:.0e}" == "1e-07"
    assert np.all(np.diff(sigmoid) < 0) and np.ptp(np.diff(sigmoid)) < 0.25
    # "the others stay between 0.004 and 1"
    others = [
        c for c in figures.LAYER_CHOICES if c not in [("relu", "normal"), ("sigmoid", "xavier")]
    ]
    assert all(0.004 < spread[c].min() and spread[c].max() < 1 for c in others)
    assert "ReLU with the normal climbs from 1 to 100,000, sigmoid with Xavier falls in a" in text
    assert "straight line from 0.07 to 1e-7, the others stay between 0.004 and 1." in text
    # "sigmoid with Xavier climbs in a straight line from 1e-8 at layer 1 to 6e-3 at layer 10"
    sigmoid = np.log10(size["sigmoid", "xavier"])
    assert f"{10 ** sigmoid[0]:.0e}" == "1e-08" and f"{10 ** sigmoid[9]:.0e}" == "6e-03"
    assert np.all(np.diff(sigmoid) > 0) and np.ptp(np.diff(sigmoid)) < 0.25
    # "tanh with the normal falls from 3 to 0.03"; ReLU with the normal stays near 2e4
    tanh = size["tanh", "normal"]
    assert f"{tanh[0]:.0f}" == "3" and f"{tanh[9]:.2f}" == "0.03" and np.all(np.diff(tanh) < 0)
    assert all(1e4 < s < 5e4 for s in size["relu", "normal"])
    # "the others stay flat": within a factor of 3 from layer to layer's extremes
    for choice in [("tanh", "xavier"), ("relu", "xavier"), ("relu", "he"), ("relu", "normal")]:
        assert size[choice].max() / size[choice].min() < 3, choice
    assert "sigmoid with Xavier climbs in a straight line from 1e-8 to 6e-3" in text
    assert "from 3 to 0.03, the others stay flat." in text
    # The training figure: "Sigmoid with Xavier sits flat at 2.3. ReLU with Xavier drifts
    # to 1.8 (from 2.3). ReLU with He falls, with bumps, to 1.2. Tanh with Xavier falls
    # to 0.6; tanh with He falls lowest, to 0.2."
    runs = figures.deeper_runs()
    assert all(f"{loss:.1f}" == "2.3" for loss in runs["sigmoid", "xavier"][1:])
    assert [f"{runs['relu', 'xavier'][i]:.1f}" for i in (0, -1)] == ["2.3", "1.8"]
    assert f"{runs['relu', 'he'][-1]:.1f}" == "1.2" and max(np.diff(runs["relu", "he"])) > 0
    assert f"{runs['tanh', 'xavier'][-1]:.1f}" == "0.6"
    assert f"{runs['tanh', 'he'][-1]:.1f}" == "0.2"
    assert min(runs, key=lambda choice: runs[choice][-1]) == ("tanh", "he")
    assert "Tanh with Xavier falls to 0.6; tanh with He falls lowest, to 0.2." in text
    assert "Sigmoid with Xavier sits flat at 2.3. ReLU with Xavier drifts to 1.8." in text


def test_chapter_14_histograms_show_what_their_alt_text_says() -> None:
    # "Normal: piled at -1 and 1. Xavier: a hump about 0, narrowing with depth. He: wider,
    # keeping its width." Seed 0's tanh outputs in hidden layers 1 to 10, by numpy alone
    # from the package's starting weights.
    text = " ".join((ROOT / "docs" / "deeper.md").read_text().split())
    X_few, _ = figures.deeper_digits()
    outputs = {}
    for init in figures.HISTOGRAM_INITS:
        net, a, layers = figures.deep_stack("tanh", init, 0), X_few, []
        for W, b in zip(net.weights[:10], net.biases[:10], strict=True):
            a = np.tanh(a @ np.asarray(W) + np.asarray(b))
            layers.append(a)
        outputs[init] = layers
    assert all(np.mean(np.abs(a) > 0.9) > 0.6 for a in outputs["normal"])  # piled at ±1
    xavier = [a.std() for a in outputs["xavier"]]
    assert all(np.mean(np.abs(a) > 0.9) < 0.05 for a in outputs["xavier"])  # a hump about 0
    assert xavier[9] < 0.6 * xavier[0] and all(s < xavier[0] for s in xavier[1:])  # narrowing
    he = [a.std() for a in outputs["he"]]
    assert all(h > x for h, x in zip(he, xavier, strict=True))  # wider
    assert max(he) / min(he) < 1.3  # keeping its width
    assert "Normal: piled at -1 and 1. Xavier: a hump about 0, narrowing with depth." in text
    assert "He: wider, keeping its width." in text
