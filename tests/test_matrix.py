"""Chapter 7: MatrixNetwork and train_batches, by hand, by finite differences and by the oracle.

The finite differences are computed here, on a forward pass and losses written
again with numpy below; the oracle is tests/seed_reference.py, the seed
notebook's code re-typed, which never imports nn_from_scratch.
"""

import itertools
import math

import numpy as np
import pytest

from nn_from_scratch import (
    ACTIVATIONS,
    Activation,
    MatrixNetwork,
    NeuralNetwork,
    train_batches,
)
from nn_from_scratch import gradients as chapter5_gradients
from tests.helpers import same, snapshot
from tests.seed_reference import (
    SEED_DATA,
    SEED_NAMES,
    SEED_Y_TRUES,
    ZERO_ONE,
    SeedNetwork,
    loss_slopes,
    seed_start,
    sigmoid,
)

ACT_NAMES = sorted(ACTIVATIONS)
HIDDEN_NAMES = [name for name in ACT_NAMES if name != "softmax"]  # softmax: last layer only
LOSS_NAMES = ["bce", "cross_entropy", "mse"]
SHAPES = [[1, 1], [2, 3, 1], [3, 5, 4, 2], [4, 8, 8, 3]]


def softmax(z: np.ndarray) -> np.ndarray:
    """Each row's exp(z) over the row's sum, written from the definition (no shift)."""
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


# The forward pass and the losses written again, from their definitions.
REF_F = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "relu": lambda z: np.where(z > 0, z, 0.0),
    "identity": lambda z: z,
    "softmax": softmax,
}
REF_LOSS = {
    "mse": lambda Y, P: np.sum((Y - P) ** 2) / len(Y),
    "bce": lambda Y, P: -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / len(Y),
    "cross_entropy": lambda Y, P: -np.sum(Y * np.log(P)) / len(Y),
}


def reference_forward(weights: list, biases: list, names: list, X: np.ndarray) -> np.ndarray:
    a = X
    for W, b, name in zip(weights, biases, names, strict=True):
        a = REF_F[name](a @ W + b)
    return a


def reference_loss(weights: list, biases: list, names: list, X, Y, loss: str) -> float:
    return float(REF_LOSS[loss](Y, reference_forward(weights, biases, names, X)))


def numeric_gradients(weights: list, biases: list, names: list, X, Y, loss: str, h=1e-6):
    """Central finite differences of reference_loss for every weight and bias."""
    weights = [W.copy() for W in weights]
    biases = [b.copy() for b in biases]
    result = []
    for params in (weights, biases):
        grads = []
        for param in params:
            grad = np.zeros_like(param)
            for index in np.ndindex(param.shape):
                original = param[index]
                param[index] = original + h
                up = reference_loss(weights, biases, names, X, Y, loss)
                param[index] = original - h
                down = reference_loss(weights, biases, names, X, Y, loss)
                param[index] = original
                grad[index] = (up - down) / (2 * h)
            grads.append(grad)
        result.append(grads)
    return result[0], result[1]


def make_problem(sizes: list, hidden: str, output: str, loss: str, seed: int, n: int = 6):
    """Weights, biases, activation names, X and Y for a test network.

    For bce and cross-entropy with an output that is not a sigmoid, the weights
    are small and the output bias 0.5, so every output stays inside (0, 1), and
    away from 0 and 1 (a softmax's too); a ReLU output gets a positive bias, so
    that not every output is 0.
    For cross-entropy, Y is one-hot rows (a random class per sample).
    """
    rng = np.random.default_rng(seed)
    small = loss in ("bce", "cross_entropy") and output != "sigmoid"
    scale = 0.1 if small else 1.0
    weights = [rng.normal(0, scale / math.sqrt(a), (a, b)) for a, b in itertools.pairwise(sizes)]
    biases = [rng.normal(0, 0.5 * scale, b) for b in sizes[1:]]
    if small:
        biases[-1][:] = 0.5
    elif output == "relu":
        biases[-1] = np.abs(biases[-1]) + 1.5  # keep some output ReLUs alive
    names = [hidden] * (len(sizes) - 2) + [output]
    X = rng.normal(0, 1, (n, sizes[0]))
    if loss == "bce":
        Y = rng.integers(0, 2, (n, sizes[-1])).astype(float)
    elif loss == "cross_entropy":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    else:
        Y = rng.normal(0, 1, (n, sizes[-1]))
    return weights, biases, names, X, Y


def seed_matrix_network(p: dict) -> MatrixNetwork:
    """Chapter 5's nine parameters in matrix form, mapped here by hand."""
    W1 = [[p["w1"], p["w3"]], [p["w2"], p["w4"]]]
    W2 = [[p["w5"]], [p["w6"]]]
    return MatrixNetwork([W1, W2], [[p["b1"], p["b2"]], [p["b3"]]], "sigmoid")


def as_seed_parameters(weights: list, biases: list) -> dict:
    """The nine numbers of a 2-2-1 network's matrices (or of their gradients), by name."""
    (W1, W2), (b1, b2) = weights, biases
    return {
        "w1": W1[0, 0], "w2": W1[1, 0], "w3": W1[0, 1], "w4": W1[1, 1],
        "w5": W2[0, 0], "w6": W2[1, 0], "b1": b1[0], "b2": b1[1], "b3": b2[0],
    }  # fmt: skip


# --- forward against chapter 3 and by hand -----------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 42, 2024])
def test_from_neural_network_gives_chapter_3s_outputs(seed: int) -> None:
    net = NeuralNetwork.random(seed)
    X = np.random.default_rng(100 + seed).normal(0, 5, (200, 2))
    expected = [net.feed_forward(x) for x in X]
    result = MatrixNetwork.from_neural_network(net).forward(X)
    assert result.shape == (200, 1)
    np.testing.assert_allclose(result[:, 0], expected, rtol=0, atol=1e-15)
    # and the oracle's feed-forward, from the same nine numbers
    oracle = [SeedNetwork(net.parameters()).feed_forward(x) for x in X]
    np.testing.assert_allclose(result[:, 0], oracle, rtol=0, atol=1e-15)


def test_the_chapter_3_network_in_matrix_form_by_hand() -> None:
    # h1 = h2 = f(0 * 2 + 1 * 3 + 0) = f(3); o1 = f(0 * h1 + 1 * h2 + 0) = f(f(3)),
    # which the seed notebook prints as 0.7216325609518421.
    by_hand = sigmoid(sigmoid(3))
    from_chapter_5 = MatrixNetwork.from_neural_network(NeuralNetwork(**ZERO_ONE))
    written_out = MatrixNetwork([[[0, 0], [1, 1]], [[0], [1]]], [[0, 0], [0]], "sigmoid")
    for net in (from_chapter_5, written_out):
        output = net.forward([[2, 3]])[0, 0]
        assert output == pytest.approx(by_hand, rel=1e-15)
        assert output == pytest.approx(0.7216325609518421, rel=1e-15)


def test_from_neural_network_maps_the_nine_numbers_and_shares_nothing() -> None:
    net = NeuralNetwork.random(5)
    p = net.parameters()
    matrix = MatrixNetwork.from_neural_network(net)
    assert matrix.weights[0].tolist() == [[p["w1"], p["w3"]], [p["w2"], p["w4"]]]
    assert matrix.weights[1].tolist() == [[p["w5"]], [p["w6"]]]
    assert matrix.biases[0].tolist() == [p["b1"], p["b2"]]
    assert matrix.biases[1].tolist() == [p["b3"]]
    assert [a.name for a in matrix.activations] == ["sigmoid", "sigmoid"]
    matrix.weights[0][0, 0] += 1.0
    matrix.biases[1][0] += 1.0
    assert net.parameters() == p


def test_forward_by_hand() -> None:
    # One identity layer: x1 - x2 + 0.5 for each row: 3 - 1 + 0.5, 0 - 2 + 0.5.
    single = MatrixNetwork([[[1.0], [-1.0]]], [[0.5]], "identity")
    assert single.forward([[3, 1], [0, 2]]).tolist() == [[2.5], [-1.5]]
    # relu then identity, X = [1, 1]:
    # z1 = [1*1 + 1*2 + 0, 1*(-1) + 1*0 + 1] = [3, 0]; relu -> [3, 0]
    # z2 = 3*2 + 0*5 - 1 = 5
    two = MatrixNetwork([[[1, -1], [2, 0]], [[2], [5]]], [[0, 1], [-1]], ["relu", "identity"])
    assert two.forward([[1, 1]]).tolist() == [[5.0]]


def test_loss_by_hand() -> None:
    net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")  # always outputs f(0) = 0.5
    assert net.loss([[1], [2]], [1, 0]) == 0.25  # (0.5**2 + 0.5**2) / 2
    assert net.loss([[1], [2]], [1, 0], loss="bce") == pytest.approx(math.log(2), rel=1e-15)
    assert type(net.loss([[1], [2]], [1, 0])) is float


@pytest.mark.parametrize(
    ("loss", "d_b", "d_w"),
    [
        # dL/dP = -2 (1 - 0.5) = -1; f'(0) = 0.25; dL/db = -0.25; dL/dw = x * dL/db = -0.75
        ("mse", -0.25, -0.75),
        # dL/dz = P - Y = 0.5 - 1 = -0.5; dL/dw = 3 * -0.5 = -1.5
        ("bce", -0.5, -1.5),
    ],
)
def test_gradients_of_one_neuron_by_hand(loss: str, d_b: float, d_w: float) -> None:
    net = MatrixNetwork([[[0.0]]], [[0.0]], "sigmoid")
    d_L_d_W, d_L_d_b = net.gradients([[3.0]], [1.0], loss=loss)
    assert d_L_d_b[0].tolist() == [d_b]
    assert d_L_d_W[0].tolist() == [[d_w]]


@pytest.mark.parametrize("sizes", [*SHAPES, [3, 7], [2, 1, 1, 4]], ids=str)
def test_every_array_has_the_documented_shape(sizes: list) -> None:
    net = MatrixNetwork.random(sizes, "tanh", rng=0)
    pairs = list(itertools.pairwise(sizes))
    assert net.sizes == sizes
    assert [W.shape for W in net.weights] == pairs  # (n_in, n_out)
    assert [b.shape for b in net.biases] == [(n_out,) for _, n_out in pairs]
    assert all(array.dtype == np.float64 for array in net.weights + net.biases)
    X, Y = np.ones((5, sizes[0])), np.zeros((5, sizes[-1]))
    assert net.forward(X).shape == (5, sizes[-1])
    d_L_d_W, d_L_d_b = net.gradients(X, Y)
    assert [d.shape for d in d_L_d_W] == pairs
    assert [d.shape for d in d_L_d_b] == [(n_out,) for _, n_out in pairs]
    assert type(net.loss(X, Y)) is float


def test_one_output_takes_y_as_a_column_or_a_vector() -> None:
    weights, biases, names, X, Y = make_problem([2, 3, 1], "tanh", "sigmoid", "bce", seed=3)
    net = MatrixNetwork(weights, biases, names)
    for loss in ("mse", "bce"):
        column, vector = net.gradients(X, Y, loss), net.gradients(X, Y[:, 0], loss)
        assert same(column[0] + column[1], vector[0] + vector[1])
        assert net.loss(X, Y, loss) == net.loss(X, Y[:, 0], loss)


def test_the_network_copies_its_arrays_and_is_not_changed_by_using_it() -> None:
    weights, biases, names, X, Y = make_problem([3, 5, 4, 2], "relu", "identity", "mse", seed=4)
    originals = [W.copy() for W in weights] + [b.copy() for b in biases]
    net = MatrixNetwork(weights, biases, names)
    weights[0][0, 0] += 1.0  # the caller's arrays are not the network's
    biases[1][0] += 1.0
    assert same(snapshot(net), originals)
    net.forward(X), net.loss(X, Y), net.gradients(X, Y)
    assert same(snapshot(net), originals)


# --- backpropagation against finite differences --------------------------------------------


@pytest.mark.parametrize("sizes", SHAPES, ids=str)
@pytest.mark.parametrize("loss", LOSS_NAMES)
@pytest.mark.parametrize("output", ACT_NAMES)
@pytest.mark.parametrize("hidden", HIDDEN_NAMES)
def test_gradients_match_central_finite_differences(
    hidden: str, output: str, loss: str, sizes: list
) -> None:
    if output == "softmax" and sizes[-1] == 1:
        sizes = [*sizes[:-1], 3]  # a softmax of one output is always 1: nothing to learn
    weights, biases, names, X, Y = make_problem(sizes, hidden, output, loss, seed=len(sizes))
    if loss in ("bce", "cross_entropy"):
        P = reference_forward(weights, biases, names, X)
        assert ((P > 0.01) & (P < 0.99)).all()  # the test's own precondition
    d_L_d_W, d_L_d_b = MatrixNetwork(weights, biases, names).gradients(X, Y, loss=loss)
    num_W, num_b = numeric_gradients(weights, biases, names, X, Y, loss)
    for analytic, numeric in zip(d_L_d_W + d_L_d_b, num_W + num_b, strict=True):
        assert analytic.shape == numeric.shape
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    assert max(np.abs(g).max() for g in d_L_d_W) > 1e-4  # not trivially all zero


SIGMOID_COPY = Activation("sigmoid", ACTIVATIONS["sigmoid"].f, ACTIVATIONS["sigmoid"].df)


@pytest.mark.parametrize(
    "output", [ACTIVATIONS["sigmoid"], SIGMOID_COPY], ids=["registry_shortcut", "copy_general"]
)
def test_bce_with_a_sigmoid_output_matches_finite_differences_near_saturation(
    output: Activation,
) -> None:
    # Large weights push the outputs towards 0 and 1, where P (1 - P) is tiny. The
    # registry's sigmoid takes the (P - Y) / n shortcut, an equal copy the general path.
    weights, biases, names, X, Y = make_problem([3, 4, 2], "tanh", "sigmoid", "bce", seed=9)
    weights = [6 * W for W in weights]
    P = reference_forward(weights, biases, names, X)
    assert P.min() < 1e-3 and P.max() > 1 - 1e-3 and ((P > 1e-8) & (P < 1 - 1e-8)).all()
    net = MatrixNetwork(weights, biases, ["tanh", output])
    d_L_d_W, d_L_d_b = net.gradients(X, Y, loss="bce")
    num_W, num_b = numeric_gradients(weights, biases, names, X, Y, "bce")
    for analytic, numeric in zip(d_L_d_W + d_L_d_b, num_W + num_b, strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("seed", [0, 3, 11])
@pytest.mark.parametrize(("x", "y_true"), [([-2.0, -1.0], 1.0), ([0.5, -1.5], 0.0), ([3, 2], 1)])
def test_chapter_5_gradients_equal_the_matrix_gradients(seed: int, x: list, y_true: float) -> None:
    net = NeuralNetwork.random(seed)
    chapter_5 = chapter5_gradients(net, x, y_true)
    mapped = as_seed_parameters(*MatrixNetwork.from_neural_network(net).gradients([x], [y_true]))
    # Both against finite differences of the notebook's loss, then against each other.
    slopes = loss_slopes(net.parameters(), x, y_true)
    for name in SEED_NAMES:
        assert mapped[name] == pytest.approx(slopes[name], rel=1e-6, abs=1e-9), name
        assert mapped[name] == pytest.approx(chapter_5[name], rel=0, abs=1e-12), name


# --- train_batches -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 42, 2024])
def test_batch_size_1_without_shuffling_is_the_seed_notebooks_training(seed: int) -> None:
    params = seed_start(seed)
    oracle = SeedNetwork(params)
    oracle_losses = oracle.train(SEED_DATA, SEED_Y_TRUES)  # learn_rate 0.1, 1000 epochs
    net = seed_matrix_network(params)
    history = train_batches(
        net, SEED_DATA, SEED_Y_TRUES, learn_rate=0.1, epochs=1000, batch_size=1, shuffle=False
    )
    got = as_seed_parameters(net.weights, net.biases)
    for name in SEED_NAMES:
        assert got[name] == pytest.approx(oracle.params()[name], rel=0, abs=1e-12), name
    assert len(history) == 1000
    assert history[::10] == pytest.approx(list(oracle_losses.values()), rel=0, abs=1e-12)


@pytest.mark.parametrize("loss", ["mse", "bce"])
@pytest.mark.parametrize("epochs", [1, 2])
@pytest.mark.parametrize("batch_size", [5, 2, 1])
def test_each_step_is_minus_learn_rate_times_the_finite_difference_gradient(
    batch_size: int, epochs: int, loss: str
) -> None:
    # Without shuffling, an epoch steps on X[0:b], X[b:2b], ... in order (the last
    # batch may be smaller); batch_size=5=len(X) is full-batch gradient descent.
    weights, biases, names, X, Y = make_problem([2, 3, 1], "tanh", "sigmoid", loss, seed=7, n=5)
    net = MatrixNetwork(weights, biases, names)
    before = snapshot(net)
    learn_rate = 0.3
    for _ in range(epochs):
        for start in range(0, len(X), batch_size):
            batch = slice(start, start + batch_size)
            g_W, g_b = numeric_gradients(weights, biases, names, X[batch], Y[batch], loss)
            weights = [W - learn_rate * g for W, g in zip(weights, g_W, strict=True)]
            biases = [b - learn_rate * g for b, g in zip(biases, g_b, strict=True)]
    train_batches(
        net, X, Y, loss=loss, learn_rate=learn_rate, epochs=epochs, batch_size=batch_size,
        shuffle=False,
    )  # fmt: skip
    for got, expected in zip(snapshot(net), weights + biases, strict=True):
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-8)
    assert all(np.abs(a - b).max() > 1e-4 for a, b in zip(snapshot(net), before, strict=True))


def trained(rng: object, shuffle: bool = True, batch_size: int = 4, every: int = 1):
    weights, biases, names, X, Y = make_problem([2, 4, 1], "tanh", "sigmoid", "bce", seed=1, n=10)
    net = MatrixNetwork(weights, biases, names)
    history = train_batches(
        net, X, Y, loss="bce", learn_rate=0.2, epochs=12, batch_size=batch_size, rng=rng,
        shuffle=shuffle, every=every,
    )  # fmt: skip
    return snapshot(net), history


def test_the_same_seed_gives_the_same_training_twice() -> None:
    first, second = trained(7), trained(7)
    assert same(first[0], second[0])
    assert first[1] == second[1]
    # a seed and a generator made from that seed are the same randomness
    from_generator = trained(np.random.default_rng(7))
    assert same(first[0], from_generator[0])


def test_different_seeds_give_different_shuffles() -> None:
    results = [trained(seed)[0] for seed in (1, 2, 3)]
    unshuffled = trained(None, shuffle=False)[0]
    for a, b in itertools.combinations([*results, unshuffled], 2):
        assert not same(a, b)


def test_shuffling_does_not_change_full_batch_gradient_descent() -> None:
    # The mean over all samples does not depend on their order (up to rounding).
    shuffled, unshuffled = trained(5, batch_size=10), trained(None, shuffle=False, batch_size=10)
    for a, b in zip(shuffled[0], unshuffled[0], strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


@pytest.mark.parametrize(("epochs", "every"), [(25, 1), (25, 10), (25, 7), (21, 10), (5, 30)])
def test_the_history_records_the_loss_after_epochs_0_every_2_every(epochs: int, every: int) -> None:
    def run(every: int, calls: list | None = None):
        weights, biases, names, X, Y = make_problem([2, 3, 2], "relu", "identity", "mse", seed=2)
        net = MatrixNetwork(weights, biases, names)
        callback = None if calls is None else lambda epoch, loss: calls.append((epoch, loss))
        history = train_batches(
            net, X, Y, learn_rate=0.05, epochs=epochs, batch_size=4, rng=0, every=every,
            callback=callback,
        )  # fmt: skip
        return net, history, X, Y, names

    calls: list = []
    net, history, X, Y, names = run(every, calls)
    recorded_epochs = list(range(0, epochs, every))
    assert len(history) == len(recorded_epochs)
    assert all(type(loss) is float for loss in history)
    assert calls == list(zip(recorded_epochs, history, strict=True))
    # Training is the same whatever `every` is: every=k keeps every k-th loss.
    assert history == run(1)[1][::every]
    if recorded_epochs[-1] == epochs - 1:  # the last record is the final network's loss
        final = reference_loss(net.weights, net.biases, names, X, Y, "mse")
        assert history[-1] == pytest.approx(final, rel=1e-12)


# --- MatrixNetwork.random ------------------------------------------------------------------


def drawn(sizes: list, seed: int, init: str) -> list:
    """The weights, then the biases, that `MatrixNetwork.random` is documented to draw.

    Drawn here with numpy: each layer draws its weights row by row, from a normal
    distribution of standard deviation 1 ("normal"), sqrt(2 / (n_in + n_out))
    ("xavier") or sqrt(2 / n_in) ("he"), and then, for "normal" only, its biases;
    the other two start every bias at 0.
    """
    generator = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in itertools.pairwise(sizes):
        if init == "normal":
            weights.append(generator.standard_normal((n_in, n_out)))
            biases.append(generator.standard_normal(n_out))
            continue
        std = math.sqrt(2 / (n_in + n_out)) if init == "xavier" else math.sqrt(2 / n_in)
        weights.append(generator.normal(0.0, std, (n_in, n_out)))
        biases.append(np.zeros(n_out))
    return weights + biases


@pytest.mark.parametrize("sizes", [[2, 3, 1], [4, 8, 8, 3], [1, 1]], ids=str)
@pytest.mark.parametrize("seed", [0, 9])
def test_normal_init_draws_weights_then_biases_per_layer(seed: int, sizes: list) -> None:
    net = MatrixNetwork.random(sizes, "tanh", rng=seed, init="normal")
    expected = drawn(sizes, seed, "normal")
    assert len(net.weights) == len(net.biases) == len(sizes) - 1
    for got, wanted in zip(snapshot(net), expected, strict=True):
        assert np.array_equal(got, wanted)


def test_random_advances_a_generator_that_is_passed_in() -> None:
    generator, reference = np.random.default_rng(4), np.random.default_rng(4)
    net = MatrixNetwork.random([2, 3, 1], "relu", rng=generator, init="normal")
    draws = reference.standard_normal(2 * 3 + 3 + 3 * 1 + 1)
    assert np.array_equal(net.weights[0].ravel(), draws[:6])
    assert generator.standard_normal() == reference.standard_normal()


@pytest.mark.parametrize(
    ("init", "sizes", "std"),
    [
        ("xavier", [400, 400], math.sqrt(2 / (400 + 400))),  # 0.05
        ("xavier", [300, 500], math.sqrt(2 / (300 + 500))),
        ("he", [400, 400], math.sqrt(2 / 400)),  # 0.0707
        ("he", [300, 500], math.sqrt(2 / 300)),  # n_in, not n_out: sqrt(2/500) is 0.063
        ("he", [500, 300], math.sqrt(2 / 500)),
    ],
)
def test_xavier_and_he_have_zero_biases_and_the_right_spread(
    init: str, sizes: list, std: float
) -> None:
    net = MatrixNetwork.random(sizes, "relu", rng=0, init=init)
    W = net.weights[0]
    assert W.std() == pytest.approx(std, rel=0.05)
    assert abs(W.mean()) < 5 * std / math.sqrt(W.size)  # five standard errors
    assert np.array_equal(net.biases[0], np.zeros(sizes[1]))


def test_the_default_init_is_xavier() -> None:
    default = MatrixNetwork.random([3, 20, 2], "tanh", rng=6)
    assert same(snapshot(default), drawn([3, 20, 2], 6, "xavier"))
    assert all(not b.any() for b in default.biases)


@pytest.mark.parametrize("init", ["normal", "xavier", "he"])
def test_the_same_seed_gives_the_same_network(init: str) -> None:
    a = MatrixNetwork.random([3, 5, 2], ["relu", "sigmoid"], rng=12, init=init)
    b = MatrixNetwork.random([3, 5, 2], ["relu", "sigmoid"], rng=12, init=init)
    c = MatrixNetwork.random([3, 5, 2], ["relu", "sigmoid"], rng=13, init=init)
    expected = drawn([3, 5, 2], 12, init)
    assert same(snapshot(a), expected)
    assert same(snapshot(b), expected)
    assert not same(snapshot(c), expected)
    assert [act.name for act in a.activations] == ["relu", "sigmoid"]
