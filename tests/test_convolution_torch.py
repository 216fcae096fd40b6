"""Chapter 15: convolution and max pooling give PyTorch's numbers and gradients, in float64.

On random shapes (images, channels, kernels, strides that fit; several seeds),
`convolve` must equal ``torch.nn.functional.conv2d`` and `MaxPool2D` must equal
``torch.nn.functional.max_pool2d`` (windows of 2 and 3, strides equal to the
window and smaller), to 1e-12. Their backward passes must equal what torch's
autograd finds for the same loss, ``sum(output * G)`` for a random G: the
gradients of the input, the kernels and the biases.

torch is not a test dependency; CI installs it and sets ``NN_REQUIRE_TORCH=1``,
which turns the skip into an import error (.ci/run).
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from nn_from_scratch.convolution import Conv2D, MaxPool2D, convolve

if os.environ.get("NN_REQUIRE_TORCH") == "1":
    import torch  # required: a missing torch is an error, not a skip
else:
    torch = pytest.importorskip("torch")

F = torch.nn.functional
TOLERANCE = 1e-12
SEEDS = range(8)


def close(ours: np.ndarray, theirs: object) -> None:
    """Equal to 1e-12, relative to the larger of 1 and the values' size."""
    expected = theirs.detach().numpy()  # type: ignore[attr-defined]
    assert ours.shape == expected.shape
    scale = max(1.0, float(np.abs(expected).max()))
    assert np.abs(ours - expected).max() <= TOLERANCE * scale


def random_convolution(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Random images, kernels and biases, and a stride that fits them."""
    rng = np.random.default_rng(seed)
    stride = int(rng.integers(1, 4))
    C, n_filters = int(rng.integers(1, 4)), int(rng.integers(1, 5))
    KH, KW = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    OH, OW = int(rng.integers(1, 6)), int(rng.integers(1, 6))
    shape = (int(rng.integers(1, 4)), C, KH + stride * (OH - 1), KW + stride * (OW - 1))
    return (
        rng.normal(size=shape),
        rng.normal(size=(n_filters, C, KH, KW)),
        rng.normal(size=n_filters),
        stride,
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_convolve_and_its_gradients_match_conv2d(seed: int) -> None:
    images, kernels, biases, stride = random_convolution(seed)
    X, K, b = (
        torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (images, kernels, biases)
    )
    theirs = F.conv2d(X, K, b, stride=stride)
    close(convolve(images, kernels, biases, stride), theirs)

    G = np.random.default_rng(seed + 1000).normal(size=tuple(theirs.shape))
    (theirs * torch.tensor(G)).sum().backward()
    layer = Conv2D(kernels, biases, stride)
    close(layer.forward(images), theirs)
    d_X = layer.backward(G)
    assert layer.d_L_d_W is not None and layer.d_L_d_b is not None
    close(d_X, X.grad)
    close(layer.d_L_d_W, K.grad)
    close(layer.d_L_d_b, b.grad)


@pytest.mark.parametrize(("size", "stride"), [(2, 2), (3, 3), (2, 1), (3, 1), (3, 2)])
@pytest.mark.parametrize("seed", range(4))
def test_max_pool_and_its_gradient_match_max_pool2d(size: int, stride: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    OH, OW = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    shape = (
        int(rng.integers(1, 4)),
        int(rng.integers(1, 4)),
        size + stride * (OH - 1),
        size + stride * (OW - 1),
    )
    images = rng.normal(size=shape)  # distinct values: the max of each window is unique
    X = torch.tensor(images, dtype=torch.float64, requires_grad=True)
    theirs = F.max_pool2d(X, size, stride=stride)
    pool = MaxPool2D(size, stride)
    close(pool.forward(images), theirs)

    G = rng.normal(size=tuple(theirs.shape))
    (theirs * torch.tensor(G)).sum().backward()
    close(pool.backward(G), X.grad)


@pytest.mark.parametrize("seed", range(4))
def test_on_ties_max_pool_gives_the_gradient_to_the_same_pixel_as_max_pool2d(seed: int) -> None:
    # Pixels of 0 and 1 only: most 2x2 windows tie. The package gives each window's gradient
    # to its first largest pixel (row by row); the checker of exercise 15.3 says PyTorch does too.
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 2, size=(2, 3, 6, 8)).astype(float)
    X = torch.tensor(images, dtype=torch.float64, requires_grad=True)
    theirs = F.max_pool2d(X, 2)
    pool = MaxPool2D(2)
    close(pool.forward(images), theirs)
    G = rng.normal(size=tuple(theirs.shape))
    (theirs * torch.tensor(G)).sum().backward()
    close(pool.backward(G), X.grad)
