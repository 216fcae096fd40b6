"""Chapter 15: convolution, pooling and the small CNN, against numbers found another way.

Expected values come from a hand-worked convolution, from the plain loops
(`convolve_loops` is the definition written out), from the adjoint identity
that makes `col2im` the backward pass of `im2col`, and from central finite
differences (chapter 8's `relative_error`), never from the code under test
alone. The whole file runs in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import SGD, Adam
from nn_from_scratch.convolution import (
    Conv2D,
    ConvNet,
    Dense,
    Flatten,
    MaxPool2D,
    ReLU,
    col2im,
    convolve,
    convolve_loops,
    im2col,
    train_convnet,
)
from nn_from_scratch.gradient_check import relative_error

EPS = 1e-6  # chapter 8's step
AGREE = 1e-6  # chapter 8's rule: below this, the two slopes agree


# --- the convolution itself -----------------------------------------------------------------


def test_a_convolution_worked_by_hand() -> None:
    # image    kernel   bias 10:  out[0,0] = 1*1 + 2*0 + 4*0 + 5*(-1) + 10 = 6
    # 1 2 3    1  0               out[0,1] = 2 - 6 + 10 = 6,  out[1,0] = 4 - 8 + 10 = 6,
    # 4 5 6    0 -1               out[1,1] = 5 - 0 + 10 = 15
    # 7 8 0
    image = np.array([[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 0.0]]]])
    kernel = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    expected = np.array([[[[6.0, 6.0], [6.0, 15.0]]]])
    for convolution in (convolve_loops, convolve):
        np.testing.assert_array_equal(convolution(image, kernel, [10.0]), expected)


def test_a_stride_of_two_and_two_channels_by_hand() -> None:
    # Two channels: the kernel sums channel 0 and subtracts channel 1, 1x1, stride 2:
    # the output is image0 - image1 at rows and columns 0 and 2.
    image = np.stack([np.arange(9.0).reshape(3, 3), np.ones((3, 3))])[None]
    kernel = np.array([[[[1.0]], [[-1.0]]]])
    expected = np.array([[[[-1.0, 1.0], [5.0, 7.0]]]])
    for convolution in (convolve_loops, convolve):
        np.testing.assert_array_equal(convolution(image, kernel, [0.0], stride=2), expected)


def test_im2col_rows_are_the_patches_read_by_hand() -> None:
    image = np.arange(16.0).reshape(1, 1, 4, 4)
    columns = im2col(image, (2, 3), stride=1)
    assert columns.shape == (3 * 2, 6)
    assert columns[0].tolist() == [0, 1, 2, 4, 5, 6]
    assert columns[-1].tolist() == [9, 10, 11, 13, 14, 15]  # the window at (2, 1)


def random_shapes(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Random images, kernels, biases and a stride that fits."""
    rng = np.random.default_rng(seed)
    stride = int(rng.integers(1, 4))
    C, F = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    KH, KW = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    OH, OW = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    H, W = KH + stride * (OH - 1), KW + stride * (OW - 1)
    images = rng.normal(size=(int(rng.integers(1, 4)), C, H, W))
    return images, rng.normal(size=(F, C, KH, KW)), rng.normal(size=F), stride


@pytest.mark.parametrize("seed", range(20))
def test_convolve_equals_the_loops_on_random_shapes(seed: int) -> None:
    images, kernels, biases, stride = random_shapes(seed)
    expected = convolve_loops(images, kernels, biases, stride)
    np.testing.assert_allclose(convolve(images, kernels, biases, stride), expected, atol=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_col2im_is_the_adjoint_of_im2col(seed: int) -> None:
    # <im2col(x), c> == <x, col2im(c)> for every x and c: col2im is im2col's transpose,
    # so it is the backward pass of im2col.
    images, kernels, _, stride = random_shapes(seed)
    size = kernels.shape[2:]
    columns = np.random.default_rng(seed + 100).normal(size=im2col(images, size, stride).shape)
    left = np.sum(im2col(images, size, stride) * columns)
    right = np.sum(images * col2im(columns, images.shape, size, stride))
    assert left == pytest.approx(right, rel=1e-12, abs=1e-12)


# --- every backward pass against central finite differences --------------------------------


def numeric_gradient(loss: Callable[[], float], array: np.ndarray) -> np.ndarray:
    """dL/d(array) by central differences, nudging `array` in place one entry at a time."""
    slopes = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        kept = array[index]
        array[index] = kept + EPS
        up = loss()
        array[index] = kept - EPS
        down = loss()
        array[index] = kept
        slopes[index] = (up - down) / (2 * EPS)
    return slopes


def assert_slopes_agree(analytic: np.ndarray, numeric: np.ndarray) -> None:
    assert analytic.shape == numeric.shape
    worst = max(relative_error(a, n) for a, n in zip(analytic.flat, numeric.flat, strict=True))
    scale = max(np.abs(numeric).max(), 1e-3)
    assert worst < AGREE or np.abs(analytic - numeric).max() < 1e-8 * scale


def layer_loss(layer: Any, X: np.ndarray, weights: np.ndarray) -> Callable[[], float]:
    """A scalar loss of a layer's output: a fixed random weighting of every output."""
    return lambda: float(np.sum(layer.forward(X) * weights))


@pytest.mark.parametrize("seed", range(3))
def test_conv2d_backward_against_finite_differences(seed: int) -> None:
    images, kernels, biases, stride = random_shapes(seed)
    layer = Conv2D(kernels, biases, stride)
    weights = np.random.default_rng(seed).normal(size=layer.forward(images).shape)
    d_X = layer.backward(weights)
    assert layer.d_L_d_W is not None and layer.d_L_d_b is not None
    loss = layer_loss(layer, images, weights)
    assert_slopes_agree(layer.d_L_d_W, numeric_gradient(loss, layer.weights))
    assert_slopes_agree(layer.d_L_d_b, numeric_gradient(loss, layer.biases))
    assert_slopes_agree(d_X, numeric_gradient(loss, images))


@pytest.mark.parametrize(("size", "stride"), [(2, 2), (3, 3), (2, 1), (3, 2)])
def test_max_pool_backward_against_finite_differences(size: int, stride: int) -> None:
    rng = np.random.default_rng(size * 10 + stride)
    side = size + 2 * stride
    X = rng.normal(size=(2, 2, side, side))  # distinct values: no ties to nudge across
    pool = MaxPool2D(size, stride)
    weights = rng.normal(size=pool.forward(X).shape)
    d_X = pool.backward(weights)
    assert_slopes_agree(d_X, numeric_gradient(layer_loss(pool, X, weights), X))


def test_max_pool_by_hand_sends_all_to_the_first_max() -> None:
    X = np.array([[[[3.0, 3.0, 1.0, 0.0], [0.0, 1.0, 2.0, 9.0]]]])
    pool = MaxPool2D(2)
    np.testing.assert_array_equal(pool.forward(X), [[[[3.0, 9.0]]]])
    d_X = pool.backward(np.array([[[[5.0, 7.0]]]]))
    np.testing.assert_array_equal(d_X, [[[[5.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 7.0]]]])


def test_overlapping_pool_windows_add_their_gradients() -> None:
    X = np.array([[[[0.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 0.0]]]])
    pool = MaxPool2D(2, stride=1)  # four windows, each holding the 9
    np.testing.assert_array_equal(pool.forward(X), np.full((1, 1, 2, 2), 9.0))
    d_X = pool.backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    assert d_X[0, 0, 1, 1] == 10.0 and d_X.sum() == 10.0


def test_relu_backward_against_finite_differences_and_its_kink() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3, 4))
    relu = ReLU()
    weights = rng.normal(size=X.shape)
    relu.forward(X)
    assert_slopes_agree(relu.backward(weights), numeric_gradient(layer_loss(relu, X, weights), X))
    relu.forward(np.array([-1.0, 0.0, 1.0]))
    assert relu.backward(np.ones(3)).tolist() == [0.0, 0.0, 1.0]  # slope 0 at z = 0 exactly


def test_dense_backward_against_finite_differences() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4, 3))
    layer = Dense(rng.normal(size=(3, 2)), rng.normal(size=2))
    weights = rng.normal(size=(4, 2))
    layer.forward(X)
    d_X = layer.backward(weights)
    loss = layer_loss(layer, X, weights)
    assert layer.d_L_d_W is not None and layer.d_L_d_b is not None
    assert_slopes_agree(layer.d_L_d_W, numeric_gradient(loss, layer.weights))
    assert_slopes_agree(layer.d_L_d_b, numeric_gradient(loss, layer.biases))
    assert_slopes_agree(d_X, numeric_gradient(loss, X))


def test_flatten_round_trips() -> None:
    X = np.arange(24.0).reshape(2, 3, 2, 2)
    flatten = Flatten()
    rows = flatten.forward(X)
    assert rows[1].tolist() == list(range(12, 24))
    np.testing.assert_array_equal(flatten.backward(rows), X)


@pytest.mark.parametrize("seed", range(2))
def test_convnet_backprop_against_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    network = ConvNet.random(rng, image_shape=(2, 6, 6), filters=3, kernel_size=3, pool=2)
    X = rng.normal(size=(3, 2, 6, 6))
    Y = np.eye(10)[rng.integers(0, 10, 3)]
    grads = network.backprop(X, Y)
    params = network.params()
    assert [g.shape for g in grads] == [p.shape for p in params]
    for g, p in zip(grads, params, strict=True):
        assert_slopes_agree(g, numeric_gradient(lambda: network.loss(X, Y), p))


def test_params_are_the_layers_own_arrays() -> None:
    network = ConvNet.random(rng=0)
    conv, dense = network.layers[0], network.layers[-1]
    assert isinstance(conv, Conv2D) and isinstance(dense, Dense)
    expected = [conv.weights, conv.biases, dense.weights, dense.biases]
    assert all(a is b for a, b in zip(network.params(), expected, strict=True))


def test_the_default_network_and_its_he_init() -> None:
    network = ConvNet.random(rng=0, filters=200)
    kernels = network.params()[0]
    assert kernels.shape == (200, 1, 3, 3)
    assert kernels.std() == pytest.approx(np.sqrt(2 / 9), rel=0.1)  # He: sqrt(2 / fan_in)
    probabilities = network.forward(np.random.default_rng(0).random((5, 1, 8, 8)))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)


def test_a_short_training_run_lowers_the_loss() -> None:
    rng = np.random.default_rng(0)
    X = rng.random((40, 1, 8, 8))
    Y = np.eye(10)[rng.integers(0, 2, 40)]
    X[Y[:, 1] == 1, :, :4] += 1.0  # class 1: a brighter top half
    network = ConvNet.random(rng=0)
    before = network.loss(X, Y)
    losses = train_convnet(network, X, Y, optimizer=Adam(0.01), epochs=5, batch_size=8, rng=0)
    assert len(losses) == 5 and losses[-1] < 0.5 * before


def test_training_is_reproducible_with_a_seed() -> None:
    X = np.random.default_rng(0).random((12, 1, 8, 8))
    Y = np.eye(10)[[0, 1, 2] * 4]
    runs = [
        train_convnet(
            ConvNet.random(rng=1), X, Y, optimizer=SGD(0.1), epochs=2, batch_size=5, rng=3
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


# --- refusals: named, and nothing changed ---------------------------------------------------

IMAGE = np.zeros((1, 1, 5, 5))
KERNEL = np.zeros((1, 1, 3, 3))


@pytest.mark.parametrize(
    ("call", "error", "named"),
    [
        (lambda: convolve(np.zeros((5, 5)), KERNEL, [0.0]), ValueError, "images"),
        (lambda: convolve(np.zeros((1, 2, 5, 5)), KERNEL, [0.0]), ValueError, "images"),
        (lambda: convolve(IMAGE, np.zeros((1, 1, 6, 3)), [0.0]), ValueError, "kernels"),
        (lambda: convolve(IMAGE, np.zeros((1, 3, 3)), [0.0]), ValueError, "kernels"),
        (lambda: convolve(IMAGE, KERNEL, [0.0, 1.0]), ValueError, "biases"),
        (lambda: convolve(IMAGE, KERNEL, [0.0], stride=3), ValueError, "stride"),
        (lambda: convolve(IMAGE, KERNEL, [0.0], stride=0), ValueError, "stride"),
        (lambda: convolve(IMAGE, KERNEL, [0.0], stride=1.0), TypeError, "stride"),
        (lambda: convolve("image", KERNEL, [0.0]), TypeError, "images"),
        (lambda: convolve(IMAGE * np.nan, KERNEL, [0.0]), ValueError, "images"),
        (lambda: convolve_loops(IMAGE, np.zeros((1, 1, 3, 7)), [0.0]), ValueError, "kernels"),
        (lambda: convolve_loops(IMAGE, KERNEL, [0.0], stride=2.5), TypeError, "stride"),
        (lambda: im2col(IMAGE, 6), ValueError, "kernel_size"),
        (lambda: im2col(IMAGE, (3, 3, 3)), TypeError, "kernel_size"),
        (lambda: im2col(IMAGE, "3"), TypeError, "kernel_size"),
        (lambda: im2col(IMAGE, 2, stride=2), ValueError, "stride"),
        (lambda: col2im(np.zeros((9, 9)), (1, 1, 5, 5), 3, stride=2), ValueError, "columns"),
        (lambda: col2im(np.zeros((9, 9)), (1, 1, 5), 3), TypeError, "image_shape"),
        (lambda: col2im(np.zeros((9, 9)), (1, 1, 5, 0), 3), ValueError, "image_shape"),
        (lambda: Conv2D(KERNEL, [0.0], stride=True), TypeError, "stride"),
        (lambda: Conv2D(np.zeros((1, 3)), [0.0]), ValueError, "weights"),
        (lambda: Conv2D(KERNEL, [0.0]).forward(np.zeros((1, 2, 5, 5))), ValueError, "X"),
        (lambda: Conv2D(KERNEL, [0.0]).forward(np.zeros((1, 1, 2, 2))), ValueError, "weights"),
        (lambda: Conv2D(KERNEL, [0.0]).backward(np.zeros((1, 1, 3, 3))), ValueError, "forward"),
        (lambda: MaxPool2D(0), ValueError, "size"),
        (lambda: MaxPool2D(2, stride=2.0), TypeError, "stride"),
        (lambda: MaxPool2D(2).forward(IMAGE), ValueError, "stride"),
        (lambda: MaxPool2D(6, stride=1).forward(IMAGE), ValueError, "size"),
        (lambda: Dense(np.zeros((3, 2)), [0.0]), ValueError, "biases"),
        (lambda: Dense(np.zeros((3, 2)), [0.0, 0.0]).forward(np.zeros((1, 4))), ValueError, "X"),
        (lambda: ReLU().forward(["a"]), TypeError, "X"),
        (lambda: ConvNet([]), TypeError, "layers"),
        (lambda: ConvNet([ReLU(), "dense"]), TypeError, r"layers\[1\]"),
        (lambda: ConvNet([ReLU()]), ValueError, "layers"),
        (lambda: ConvNet.random(rng=0, kernel_size=9), ValueError, "kernel_size"),
        (lambda: ConvNet.random(rng=0, pool=4), ValueError, "stride"),
        (lambda: ConvNet.random(rng=-1), ValueError, "rng"),
        (lambda: ConvNet.random(rng=0).loss(np.zeros((2, 1, 8, 8)), np.eye(10)), ValueError, "Y"),
        (
            lambda: ConvNet.random(rng=0).loss(np.zeros((1, 1, 8, 8)), [[2.0] + [0.0] * 9]),
            ValueError,
            "Y",
        ),
    ],
)
def test_bad_arguments_are_refused_by_name(
    call: Callable[[], Any], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        call()


@pytest.mark.parametrize(
    ("call", "named"),
    [  # found by tests/test_fuzz_public.py: a misfit named only one of the arguments behind it
        (lambda: convolve(IMAGE, np.zeros((2, 1, 3, 3)), [0.0]), ["biases", "kernels"]),
        (lambda: Dense(np.zeros((3, 2)), [0.0]), ["biases", "weights"]),
        (lambda: convolve(IMAGE, np.zeros((1, 2, 3, 3)), [0.0]), ["images", "kernels"]),
        (lambda: convolve(IMAGE, np.zeros((1, 1, 2, 2)), [0.0], 2), ["stride", "kernels"]),
        (lambda: im2col(IMAGE, 2, stride=2), ["stride", "kernel_size"]),
        (lambda: Conv2D(KERNEL, [0.0], 2).forward(np.zeros((1, 1, 6, 6))), ["stride", "X"]),
        (lambda: MaxPool2D(2).forward(IMAGE), ["stride", "X"]),
        (lambda: col2im(np.zeros((9, 9)), (1, 1, 2, 2), 3), ["kernel_size", "image_shape"]),
        (lambda: col2im(np.zeros((4, 9)), (1, 1, 6, 5), 3, 2), ["stride", "image_shape"]),
        (
            lambda: col2im(np.zeros((9, 9)), (1, 2, 5, 5), 3),
            ["columns", "image_shape", "kernel_size", "stride"],
        ),
        (lambda: ConvNet.random(image_shape=(1, 2, 2)), ["kernel_size", "image_shape"]),
        (lambda: ConvNet.random(image_shape=(1, 9, 9)), ["pool", "image_shape", "kernel_size"]),
        (lambda: ConvNet.random().loss(np.zeros((2, 1, 8, 8)), np.eye(10)[:3]), ["Y", "X"]),
    ],
)
def test_a_misfit_names_every_argument_behind_it(call: Callable[[], Any], named: list[str]) -> None:
    with pytest.raises(ValueError) as caught:
        call()
    assert all(re.search(rf"\b{name}\b", str(caught.value)) for name in named), caught.value


@pytest.mark.parametrize(
    ("name", "value"),
    [("learn_rate", -1.0), ("learn_rate", np.nan), ("beta1", 1.0), ("eps", 0.0)],
)
def test_an_optimizer_whose_numbers_were_set_to_junk_is_refused(name: str, value: float) -> None:
    # Found by tests/test_fuzz_public.py: train_convnet trained with them (train_batches did not).
    network, optimizer = ConvNet.random(rng=0), Adam(0.1)
    setattr(optimizer, name, value)
    before = [p.copy() for p in network.params()]
    with pytest.raises(ValueError, match=rf"^optimizer\.{name} must"):
        run_refused(network, optimizer=optimizer)
    assert all(np.array_equal(a, b) for a, b in zip(network.params(), before, strict=True))
    assert optimizer.t == 0 and optimizer.means is None


HUGE = np.full((2, 1, 8, 8), 1e308)  # finite, but a product of two such overflows


@pytest.mark.parametrize(
    "call",
    [  # found by tests/test_fuzz_public.py: each warned of an overflow and returned inf or NaN
        lambda: convolve(HUGE, np.full((1, 1, 3, 3), 2.0), [0.0]),
        lambda: convolve_loops(HUGE, np.full((1, 1, 3, 3), 2.0), [0.0]),
        lambda: ConvNet.random(rng=0).forward(HUGE),
        lambda: ConvNet.random(rng=0).backprop(HUGE, np.eye(10)[:2]),
        lambda: Dense([[1e308]], [0.0]).forward([[10.0]]),
    ],
)
def test_an_overflow_is_refused_not_returned(call: Callable[[], Any]) -> None:
    with pytest.raises(ValueError, match="too large: the result overflowed float64"):
        call()


def test_an_overflowing_forward_or_training_changes_nothing() -> None:
    layer = Conv2D(np.ones((1, 1, 2, 2)), [0.0])
    layer.forward(np.ones((1, 1, 3, 3)))
    kept = layer._columns
    with pytest.raises(ValueError, match="too large"):
        layer.forward(np.full((1, 1, 3, 3), 1e308))
    assert layer._columns is kept  # what the last forward kept, for backward
    network = ConvNet.random(rng=0)
    before = [p.copy() for p in network.params()]
    with pytest.raises(ValueError, match="too large"):
        run_refused(network, X=np.full((4, 1, 8, 8), 1e200))
    assert all(np.array_equal(a, b) for a, b in zip(network.params(), before, strict=True))


def run_refused(network: ConvNet, **changes: Any) -> None:
    X = np.zeros((4, 1, 8, 8))
    arguments: dict[str, Any] = dict(
        optimizer=Adam(0.1), epochs=1, batch_size=2, rng=0, Y=np.eye(10)[:4], X=X
    )
    arguments.update(changes)
    train_convnet(network, **arguments)


@pytest.mark.parametrize(
    ("changes", "error", "named"),
    [
        ({"X": np.zeros((4, 1, 9, 9))}, ValueError, r"X of shape \(4, 1, 9, 9\) does not fit"),
        ({"X": np.zeros((4, 2, 8, 8))}, ValueError, r"layers\[0\], a Conv2D"),
        ({"Y": np.eye(10)[:3]}, ValueError, "Y"),
        ({"Y": np.ones((4, 10))}, ValueError, "Y"),
        ({"optimizer": "adam"}, TypeError, "optimizer"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"batch_size": 2.0}, TypeError, "batch_size"),
        ({"rng": "0"}, TypeError, "rng"),
    ],
)
def test_a_refused_training_changes_nothing(
    changes: dict[str, Any], error: type[Exception], named: str
) -> None:
    network = ConvNet.random(rng=0)
    before = [p.copy() for p in network.params()]
    with pytest.raises(error, match=named):
        run_refused(network, **changes)
    assert all(np.array_equal(a, b) for a, b in zip(network.params(), before, strict=True))


def test_a_refused_backward_changes_no_gradient() -> None:
    layer = Conv2D(np.ones((1, 1, 2, 2)), [0.0])
    layer.forward(np.ones((1, 1, 3, 3)))
    layer.backward(np.ones((1, 1, 2, 2)))
    kept = (layer.d_L_d_W, layer.d_L_d_b)
    with pytest.raises(ValueError, match="d_L_d_out"):
        layer.backward(np.ones((1, 1, 3, 3)))
    assert (layer.d_L_d_W, layer.d_L_d_b) == kept
    with pytest.raises(ValueError, match="X"):  # a refused forward keeps what the last one kept
        layer.forward(np.ones((1, 1, 1, 1)))
    np.testing.assert_array_equal(
        layer.backward(np.ones((1, 1, 2, 2))), col2im(np.ones((4, 4)), (1, 1, 3, 3), 2)
    )


def test_training_stopped_by_an_error_puts_the_network_and_optimizer_back() -> None:
    class Failing(Adam):
        def update(self, params: Any, grads: Any) -> None:
            super().update(params, grads)
            if self.t == 3:
                raise KeyboardInterrupt

    network = ConvNet.random(rng=0)
    before = [p.copy() for p in network.params()]
    optimizer = Failing(0.1)
    with pytest.raises(KeyboardInterrupt):
        run_refused(network, optimizer=optimizer, epochs=2)
    assert all(np.array_equal(a, b) for a, b in zip(network.params(), before, strict=True))
    assert optimizer.t == 0 and optimizer.means is None


def test_inputs_are_not_changed() -> None:
    images, kernels, biases, stride = random_shapes(4)
    kept = [images.copy(), kernels.copy(), biases.copy()]
    convolve(images, kernels, biases, stride)
    layer = Conv2D(kernels, biases, stride)
    layer.backward(np.ones_like(layer.forward(images)))
    assert all(np.array_equal(a, b) for a, b in zip([images, kernels, biases], kept, strict=True))
    assert layer.weights is not kernels  # the layer trains its own copy
