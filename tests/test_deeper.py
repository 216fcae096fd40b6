"""Chapter 14 in the package: `layer_statistics` of a deep stack, ReLU's slope, He's variance.

Expected values come from hand calculations on one- and two-neuron networks,
from finite differences of the loss, and from closed forms (E[max(z, 0)**2] =
1/2 for a standard normal z; He's Var(z) = n_in * (2 / n_in) * E[a**2]) checked
over many draws with a statistical bound.
"""

from __future__ import annotations

import numpy as np
import pytest

from nn_from_scratch import ACTIVATIONS, MatrixNetwork, load_digits, one_hot, train_test_split
from nn_from_scratch.deeper import layer_statistics
from tests.helpers import snapshot, unchanged

KEYS = ["total_spread", "output_spread", "gradient_size"]


def test_two_identity_layers_by_hand() -> None:
    # z1 = 2x, z2 = 3 z1 + 1 = 6x + 1; on x = 0, 1: z1 = 0, 2 (spread 1), z2 = 1, 7 (spread 3).
    # mse against 1 and 7 is 0, so every gradient is 0.
    net = MatrixNetwork([[[2.0]], [[3.0]]], [[0.0], [1.0]], "identity")
    stats = layer_statistics(net, [[0.0], [1.0]], [1.0, 7.0], "mse")
    assert sorted(stats) == sorted(KEYS)
    assert stats["total_spread"].tolist() == [1.0, 3.0]
    assert stats["output_spread"].tolist() == [1.0, 3.0]
    assert stats["gradient_size"].tolist() == [0.0, 0.0]
    # Against 0 and 0: dL/dz2 = 2 (z2 - 0) / 2 = z2 = 1, 7; dL/dw2 = mean of 2 z2 z1 = 14;
    # dL/dz1 = dL/dz2 * 3, dL/dw1 = mean of 2 * 3 z2 x = 21.
    stats = layer_statistics(net, [[0.0], [1.0]], [0.0, 0.0], "mse")
    assert stats["gradient_size"].tolist() == [21.0, 14.0]


def test_the_gradient_sizes_match_finite_differences() -> None:
    rng = np.random.default_rng(3)
    net = MatrixNetwork.random([4, 5, 5, 3], ["tanh", "relu", "softmax"], rng=rng, init="he")
    X = rng.normal(0, 1, (7, 4))
    Y = one_hot(rng.integers(0, 3, 7), 3)
    sizes = layer_statistics(net, X, Y)["gradient_size"]
    eps = 1e-6
    for layer, W in enumerate(net.weights):
        nudged = np.zeros_like(W)
        for index in np.ndindex(W.shape):
            keep = W[index]
            W[index] = keep + eps
            up = net.loss(X, Y, "cross_entropy")
            W[index] = keep - eps
            down = net.loss(X, Y, "cross_entropy")
            W[index] = keep
            nudged[index] = (up - down) / (2 * eps)
        assert sizes[layer] == pytest.approx(np.sqrt(np.mean(nudged**2)), rel=1e-6)


def test_the_spreads_are_of_the_totals_and_of_the_outputs() -> None:
    rng = np.random.default_rng(4)
    net = MatrixNetwork.random([3, 6, 2], ["relu", "sigmoid"], rng=rng, init="he")
    X = rng.normal(0, 1, (50, 3))
    stats = layer_statistics(net, X, rng.random((50, 2)).round(), "bce")
    z1 = X @ net.weights[0] + net.biases[0]
    a1 = np.maximum(z1, 0)
    z2 = a1 @ net.weights[1] + net.biases[1]
    assert stats["total_spread"] == pytest.approx([z1.std(), z2.std()], rel=1e-12)
    # The outputs' spread is over the samples: each neuron's standard deviation down its
    # column of 50, then the mean over the layer's neurons.
    a2 = 1 / (1 + np.exp(-z2))
    by_neuron = [[float(np.std(a[:, j])) for j in range(a.shape[1])] for a in (a1, a2)]
    assert stats["output_spread"] == pytest.approx([sum(s) / len(s) for s in by_neuron])


def test_the_outputs_spread_leaves_out_differences_between_neurons() -> None:
    # Two identity neurons, weights 0 and biases 1 and 5: every sample gets a = (1, 5). The
    # entries differ (standard deviation 2) but no neuron's output varies between samples.
    net = MatrixNetwork([[[0.0, 0.0]]], [[1.0, 5.0]], "identity")
    stats = layer_statistics(net, [[0.0], [1.0], [2.0]], [[1.0, 5.0]] * 3, "mse")
    assert stats["output_spread"].tolist() == [0.0] and stats["total_spread"].tolist() == [2.0]
    # Weights 1 and 3 on x = 0, 2: neuron 1 gives 1, 3 (spread 1), neuron 2 gives 5, 11
    # (spread 3): a mean of 2.
    net = MatrixNetwork([[[1.0, 3.0]]], [[1.0, 5.0]], "identity")
    stats = layer_statistics(net, [[0.0], [2.0]], [[0.0, 0.0]] * 2, "mse")
    assert stats["output_spread"].tolist() == [2.0]


def test_relu_slope_at_exactly_0_is_0_and_passes_no_gradient_back() -> None:
    relu = ACTIVATIONS["relu"]
    z = np.array([-1.0, -0.0, 0.0, 1e-300, 2.0])
    assert relu.df(relu.f(z)).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]
    # x = 1, z1 = 1 * 1 - 1 = 0 exactly: the first layer learns nothing through the kink.
    net = MatrixNetwork([[[1.0]], [[1.0]]], [[-1.0], [0.0]], ["relu", "identity"])
    stats = layer_statistics(net, [[1.0]], [5.0], "mse")
    assert stats["total_spread"].tolist() == [0.0, 0.0]
    assert stats["gradient_size"].tolist() == [0.0, 0.0]  # dL/dw2 = 2 (0 - 5) * a1 = 0 too
    net.biases[0][0] = -0.5  # z1 = 0.5 > 0: slope 1, dL/dw1 = 2 (0.5 - 5) * 1 * 1 = -9
    assert layer_statistics(net, [[1.0]], [5.0], "mse")["gradient_size"].tolist() == [9.0, 4.5]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relu_keeps_half_of_a_standard_normal_square(seed: int) -> None:
    # E[max(z, 0)**2] = 1/2; max(z, 0)**2 has variance 3/2 - 1/4, so the mean of 10**5
    # draws is within 5 standard errors, 5 * sqrt(1.25 / 10**5) < 0.018, of 1/2.
    z = np.random.default_rng(seed).standard_normal(10**5)
    assert abs(np.mean(ACTIVATIONS["relu"].f(z) ** 2) - 0.5) < 0.018


@pytest.mark.parametrize(("weight_var", "expected"), [(2 / 64, 1.0), (1 / 64, 0.5), (1.0, 32.0)])
def test_the_variance_law_over_many_draws(weight_var: float, expected: float) -> None:
    # z = sum of 64 terms a_i w_i, a_i = max(z_prev, 0) of a standard normal z_prev, w_i of
    # variance weight_var, all drawn anew for each of 20,000 totals: Var(z) = 64 * weight_var
    # * E[a**2] = 64 * weight_var / 2 (He's 2/64 keeps 1, Xavier's 1/64 halves it, the
    # normal's 1 multiplies by 32). z is a sum of 64 independent terms, close to normal, so
    # its sample variance has a relative standard error near sqrt(2 / 20,000) = 1%; 5% is
    # five of them.
    rng = np.random.default_rng(14)
    a = ACTIVATIONS["relu"].f(rng.standard_normal((20_000, 64)))
    w = rng.normal(0.0, np.sqrt(weight_var), (20_000, 64))
    z = (a * w).sum(axis=1)
    assert np.var(z) == pytest.approx(expected, rel=0.05)


def test_he_keeps_the_variance_of_a_networks_totals_layer_to_layer() -> None:
    # Standard normal inputs: Var(z1) = 128 * (2 / 128) * E[x**2] = 2; ReLU keeps half,
    # E[a1**2] = 1, so Var(z2) = 128 * (2 / 128) * 1 = 2 as well; Xavier's 1/128 halves
    # it. One network's 128 neurons on 300 samples are few draws: on seeds 0 to 39 the
    # worst of these four ratios was 12.5% off, so the bound is 20%.
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 128))
    Y = one_hot(rng.integers(0, 10, 300), 10)
    for init, first, second in [("he", 2.0, 2.0), ("xavier", 1.0, 0.5)]:
        net = MatrixNetwork.random([128, 128, 128, 10], ["relu", "relu", "softmax"], 0, init)
        variances = layer_statistics(net, X, Y)["total_spread"] ** 2
        assert variances[0] == pytest.approx(first, rel=0.2)
        assert variances[1] == pytest.approx(second, rel=0.2)


def test_a_refused_call_changes_nothing() -> None:
    net = MatrixNetwork.random([3, 4, 2], ["relu", "softmax"], rng=0, init="he")
    net.weights[0] = net.weights[0].tolist()  # a reader's list: the checks would copy it
    kept = list(net.weights)
    X, Y = np.ones((5, 3)), one_hot(np.array([0, 1, 0, 1, 1]), 2)
    with pytest.raises(ValueError, match="X must have shape"):
        layer_statistics(net, np.ones((5, 4)), Y)
    with pytest.raises(ValueError, match=r"Y must have shape \(5, 2\)"):
        layer_statistics(net, X, np.ones((5, 3)) / 3)
    with pytest.raises(ValueError, match="loss must be a name from"):
        layer_statistics(net, X, Y, "hinge")
    with pytest.raises(ValueError, match="X must not contain NaN"):
        layer_statistics(net, np.full((5, 3), np.nan), Y)
    with pytest.raises(TypeError, match="network must be a MatrixNetwork, got"):
        layer_statistics("a network", X, Y)  # type: ignore[arg-type]
    assert all(a is b for a, b in zip(net.weights, kept, strict=True))
    assert isinstance(net.weights[0], list)


def test_a_call_changes_nothing_either() -> None:
    net = MatrixNetwork.random([3, 4, 2], ["tanh", "softmax"], rng=0)
    before = snapshot(net)
    layer_statistics(net, np.ones((5, 3)), one_hot(np.array([0, 1, 0, 1, 1]), 2))
    assert unchanged(net, before)


# --- The page's claims on seeds 0 to 9 (docs/deeper.md, "Why: a product of slopes") ---------
# The spread of the outputs: each neuron's standard deviation over the images, averaged.


@pytest.mark.sweep  # 90 ten-layer networks measured on 300 images
def test_the_pages_table_tells_the_same_story_on_ten_seeds() -> None:
    X, y = load_digits()
    X_rest, _, y_rest, _ = train_test_split(X / 16, y, 0.25, rng=0)
    X_train, _, y_train, _ = train_test_split(X_rest, y_rest, 0.25, rng=1)
    X_few, Y_few = X_train[:300], one_hot(y_train[:300])
    hundreds = []
    for seed in range(10):
        stats = {}
        for activation in ["sigmoid", "tanh", "relu"]:
            for init in ["normal", "xavier", "he"]:
                net = MatrixNetwork.random(
                    [64] + [32] * 10 + [10], [activation] * 10 + ["softmax"], seed, init
                )
                s = layer_statistics(net, X_few, Y_few)
                spread, size = s["output_spread"], s["gradient_size"]
                stats[activation, init] = (spread[9] / spread[0], size[0] / size[9], size)
        for init in ["normal", "xavier", "he"]:
            assert stats["sigmoid", init][1] < 0.1, (seed, init)  # far below
            assert stats["sigmoid", init][0] < 0.1, (seed, init)  # both fade
        hundreds.append(stats["tanh", "normal"][1])
        assert stats["relu", "normal"][0] > 1e4, seed  # explodes
        assert stats["relu", "xavier"][0] < 0.1, seed  # fades
        assert 1 / 3.5 < stats["relu", "he"][0] < 1, seed  # narrows 1.3- to 3.2-fold
        for choice in [("tanh", "xavier"), ("tanh", "he"), ("relu", "he")]:
            assert 0.5 < stats[choice][1] < 2, (seed, choice)  # within a factor of 2
        assert 0.4 < stats["relu", "xavier"][1] < 2.5, seed  # "nearly as flat"
        for layer in (0, 9):  # "ReLU's gap 20 to 100": He's gradient over Xavier's
            gap = stats["relu", "he"][2][layer] / stats["relu", "xavier"][2][layer]
            assert 20 < gap < 100, (seed, layer, gap)
    assert (round(min(hundreds), -1), round(max(hundreds), -1)) == (60, 150)  # "60 to 150"
