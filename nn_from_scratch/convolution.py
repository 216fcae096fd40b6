"""Chapter 15: a convolutional network on the digits.

A convolution slides a small kernel over an image. At each position it
multiplies the kernel with the patch of pixels under it, sums, and adds a
bias: one number of the output, the "feature map". For images of shape
(N, C, H, W), kernels (F, C, KH, KW) and biases (F,), with a step `stride`
and no padding:

    out[n, f, i, j] = sum over c, ki, kj of
                      images[n, c, i*stride + ki, j*stride + kj] * kernels[f, c, ki, kj]
                      + biases[f]

    out has shape (N, F, OH, OW),  OH = (H - KH) // stride + 1  (OW alike)

The kernel is not flipped: this is cross-correlation, as PyTorch's conv2d
computes and calls convolution.

`convolve_loops` writes that sum as four for-loops. `im2col` copies every
patch into a row of one matrix, so that the whole convolution becomes one
matrix product (`convolve`): the same numbers, many times faster, since numpy
does the loops in compiled code.

The backward pass of a convolution is two more matrix products and one
`col2im`, the adjoint of `im2col`: it puts each row's values back where the
patch came from, adding where patches overlapped (a pixel read by several
patches gets the gradient of each).

Max pooling keeps the largest value of each `size` x `size` window; its
backward pass sends each gradient to the pixel that was the largest, and 0 to
the others.

The layers (`Conv2D`, `ReLU`, `MaxPool2D`, `Flatten`, `Dense`) each have a
`forward` that keeps what its `backward` needs, side by side, as in Saitoh's
*Deep Learning from Scratch*. `ConvNet` stacks them and ends in a softmax;
`train_convnet` trains it with chapter 13's optimizers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import checks
from .activation import softmax_rows
from .loss import cross_entropy
from .optimizers import Optimizer

__all__ = [
    "Conv2D",
    "ConvNet",
    "Dense",
    "Flatten",
    "MaxPool2D",
    "ReLU",
    "col2im",
    "convolve",
    "convolve_loops",
    "im2col",
    "train_convnet",
]

Array = NDArray[np.float64]

KERNEL_AXES = "(F, C, KH, KW)"  # filters, channels, height, width
TOO_LARGE = "images, kernels and biases are too large"


# --- the convolution, three ways ------------------------------------------------------------


def convolve_loops(
    images: ArrayLike, kernels: ArrayLike, biases: ArrayLike, stride: int = 1
) -> Array:
    """The convolution written as four plain for-loops: the chapter's first version.

    Parameters
    ----------
    images : array_like of shape (N, C, H, W)
    kernels : array_like of shape (F, C, KH, KW)
        No larger than the images.
    biases : array_like of shape (F,)
    stride : int, default 1
        The step between windows; ``(H - KH) % stride`` and ``(W - KW) % stride`` must be 0.

    Returns
    -------
    ndarray of shape (N, F, OH, OW)
        ``OH = (H - KH) // stride + 1``, and OW alike.

    Examples
    --------
    A 3x3 image and a 2x2 kernel that adds a pixel to its right-hand neighbour:

    >>> image = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> kernel = np.array([[[[1.0, 1.0], [0.0, 0.0]]]])
    >>> convolve_loops(image, kernel, [0.0])
    array([[[[1., 3.],
             [7., 9.]]]])
    """
    images_, kernels_, biases_, step = _checked(images, kernels, biases, stride)
    return checks.no_overflow(_loops, images_, kernels_, biases_, step, blame=TOO_LARGE)


def _loops(images: Array, kernels: Array, biases: Array, stride: int) -> Array:
    """`convolve_loops`, unchecked."""
    N = images.shape[0]
    F, _, KH, KW = kernels.shape
    OH, OW = _output_size(images, (KH, KW), stride)
    out = np.zeros((N, F, OH, OW))
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    top, left = i * stride, j * stride
                    patch = images[n, :, top : top + KH, left : left + KW]
                    out[n, f, i, j] = np.sum(patch * kernels[f]) + biases[f]
    return out


def im2col(images: ArrayLike, kernel_size: int | tuple[int, int], stride: int = 1) -> Array:
    """Every patch a kernel would see, one per row: the convolution as a matrix product.

    Parameters
    ----------
    images : array_like of shape (N, C, H, W)
    kernel_size : int or (int, int)
        The kernel's (KH, KW); an int for a square one. No larger than the images.
    stride : int, default 1
        Must fit, as for `convolve`.

    Returns
    -------
    ndarray of shape (N * OH * OW, C * KH * KW)
        One row per output position, in the order (n, i, j); its columns in
        the order (c, ki, kj), the order of ``kernels.reshape(F, -1)``'s.

    Examples
    --------
    >>> image = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> im2col(image, 2)  # the four 2x2 patches, each read row by row
    array([[0., 1., 3., 4.],
           [1., 2., 4., 5.],
           [3., 4., 6., 7.],
           [4., 5., 7., 8.]])
    """
    images_ = checks.images(images, "images")
    KH, KW = checks.size_pair(kernel_size, "kernel_size")
    checks.window_fits(images_.shape[2:], (KH, KW), stride, "kernel_size")
    return _im2col(images_, (KH, KW), int(stride))


def _im2col(images: Array, kernel_size: tuple[int, int], stride: int) -> Array:
    """`im2col`, unchecked."""
    N, C, _, _ = images.shape
    KH, KW = kernel_size
    OH, OW = _output_size(images, kernel_size, stride)
    # One slice per kernel offset (ki, kj): the pixel each window has there, for every window
    # at once. KH * KW slices instead of N * OH * OW patches: the loop numpy cannot do is short.
    patches = np.empty((N, C, KH, KW, OH, OW))
    for ki in range(KH):
        for kj in range(KW):
            patches[:, :, ki, kj] = images[
                :, :, ki : ki + stride * OH : stride, kj : kj + stride * OW : stride
            ]
    # Rows (n, i, j), columns (c, ki, kj).
    return patches.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, C * KH * KW)


def col2im(
    columns: ArrayLike,
    image_shape: tuple[int, int, int, int],
    kernel_size: int | tuple[int, int],
    stride: int = 1,
) -> Array:
    """Put each row of `columns` back where `im2col` took it from, adding where patches overlap.

    The backward pass of `im2col`: a pixel that `im2col` copied into several
    rows receives the sum of those rows' values. (It is the adjoint, not the
    inverse: ``col2im(im2col(x))`` counts each pixel once per patch it is in.)

    Parameters
    ----------
    columns : array_like of shape (N * OH * OW, C * KH * KW)
    image_shape : (int, int, int, int)
        (N, C, H, W) of the images.
    kernel_size : int or (int, int)
    stride : int, default 1

    Returns
    -------
    ndarray of shape (N, C, H, W)

    Examples
    --------
    The middle pixel of a 3x3 image is in all four 2x2 patches:

    >>> col2im(np.ones((4, 4)), (1, 1, 3, 3), 2)
    array([[[[1., 2., 1.],
             [2., 4., 2.],
             [1., 2., 1.]]]])
    """
    N, C, H, W = checks.ints(image_shape, "image_shape", "(N, C, H, W)")
    KH, KW = checks.size_pair(kernel_size, "kernel_size")
    OH, OW = checks.window_fits(
        (H, W), (KH, KW), stride, "kernel_size", images="the images of image_shape"
    )
    columns_ = checks.shaped(
        columns,
        "columns",
        (N * OH * OW, C * KH * KW),
        why=", (N * OH * OW, C * KH * KW) for image_shape, kernel_size and stride",
    )
    return _col2im(columns_, (N, C, H, W), (KH, KW), int(stride))


def _col2im(
    columns: Array,
    image_shape: tuple[int, int, int, int],
    kernel_size: tuple[int, int],
    stride: int,
) -> Array:
    """`col2im`, unchecked."""
    N, C, H, W = image_shape
    KH, KW = kernel_size
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    patches = columns.reshape(N, OH, OW, C, KH, KW).transpose(0, 3, 4, 5, 1, 2)
    images = np.zeros(image_shape)
    for ki in range(KH):
        for kj in range(KW):
            # += adds: where windows overlap, a pixel gets every window's share.
            images[:, :, ki : ki + stride * OH : stride, kj : kj + stride * OW : stride] += patches[
                :, :, ki, kj
            ]
    return images


def convolve(images: ArrayLike, kernels: ArrayLike, biases: ArrayLike, stride: int = 1) -> Array:
    """The convolution as one matrix product: ``im2col(images) @ K.T + biases``.

    ``K = kernels.reshape(F, -1)``: each kernel as one row, in the order of im2col's columns.

    The same numbers as `convolve_loops` (to rounding), many times faster.

    Parameters
    ----------
    images : array_like of shape (N, C, H, W)
    kernels : array_like of shape (F, C, KH, KW)
    biases : array_like of shape (F,)
    stride : int, default 1

    Returns
    -------
    ndarray of shape (N, F, OH, OW)

    Examples
    --------
    >>> image = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> kernel = np.array([[[[1.0, 1.0], [0.0, 0.0]]]])
    >>> convolve(image, kernel, [0.5])
    array([[[[1.5, 3.5],
             [7.5, 9.5]]]])
    """
    images_, kernels_, biases_, step = _checked(images, kernels, biases, stride)
    return checks.no_overflow(_convolve, images_, kernels_, biases_, step, blame=TOO_LARGE)


def _convolve(images: Array, kernels: Array, biases: Array, stride: int) -> Array:
    """`convolve`, unchecked."""
    N = images.shape[0]
    F, _, KH, KW = kernels.shape
    OH, OW = _output_size(images, (KH, KW), stride)
    columns = _im2col(images, (KH, KW), stride)  # (N*OH*OW, C*KH*KW)
    out = columns @ kernels.reshape(F, -1).T + biases  # (N*OH*OW, F)
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)  # (N, F, OH, OW)


def _output_size(images: Array, kernel_size: tuple[int, int], stride: int) -> tuple[int, int]:
    """(OH, OW): how many windows fit down and across."""
    H, W = images.shape[2:]
    KH, KW = kernel_size
    return (H - KH) // stride + 1, (W - KW) // stride + 1


def _checked(
    images: Any, kernels: Any, biases: Any, stride: Any
) -> tuple[Array, Array, Array, int]:
    """The arguments of a convolution, checked: shapes that agree, a kernel and stride that fit."""
    kernels_, biases_ = checks.weights_and_biases(kernels, biases, "kernels", KERNEL_AXES, 0)
    images_ = checks.images(images, "images", channels=kernels_.shape[1], kernels="kernels")
    checks.window_fits(images_.shape[2:], kernels_.shape[2:], stride, "kernels", "the images")
    return images_, kernels_, biases_, int(stride)


# --- the layers: forward and backward side by side ------------------------------------------


class Conv2D:
    """A convolution layer: F kernels slid over the input, each giving one feature map.

    Forward: ``out = im2col(X) @ K.T + b``, with ``K = weights.reshape(F, -1)``.
    Backward, from ``d_out`` (the same (N*OH*OW, F) layout):

        d_L_d_K = d_out.T @ columns          (each weight: the pixels it met, times the gradient)
        d_L_d_b = d_out summed over rows     (each bias is added at every position)
        d_L_d_X = col2im(d_out @ K)          (each pixel: the weights it met, summed over patches)

    Parameters
    ----------
    weights : array_like of shape (F, C, KH, KW)
    biases : array_like of shape (F,)
    stride : int, default 1

    Attributes
    ----------
    weights, biases : ndarray
        Float64 copies, which training changes in place.
    d_L_d_W, d_L_d_b : ndarray or None
        The gradients from the last `backward`, shaped like `weights` and `biases`.

    Examples
    --------
    >>> layer = Conv2D(np.ones((1, 1, 2, 2)), [0.0])
    >>> layer.forward(np.arange(9.0).reshape(1, 1, 3, 3))
    array([[[[ 8., 12.],
             [20., 24.]]]])
    >>> layer.backward(np.ones((1, 1, 2, 2)))  # how many windows each pixel is in
    array([[[[1., 2., 1.],
             [2., 4., 2.],
             [1., 2., 1.]]]])
    >>> layer.d_L_d_b
    array([4.])
    """

    def __init__(self, weights: ArrayLike, biases: ArrayLike, stride: int = 1) -> None:
        self.weights, self.biases = checks.weights_and_biases(
            weights, biases, "weights", KERNEL_AXES, 0
        )
        self.stride = checks.positive_int(stride, "stride", most=checks.MOST)
        self.d_L_d_W: Array | None = None
        self.d_L_d_b: Array | None = None
        self._X_shape: tuple[int, int, int, int] | None = None
        self._columns: Array | None = None

    def forward(self, X: ArrayLike) -> Array:
        """The feature maps: X (N, C, H, W) to (N, F, OH, OW); keeps the columns for `backward`.

        Examples
        --------
        >>> Conv2D(np.ones((2, 1, 3, 3)), [0.0, 1.0]).forward(np.ones((1, 1, 3, 3)))
        array([[[[ 9.]],
        <BLANKLINE>
                [[10.]]]])
        """
        X_ = checks.images(X, "X", channels=self.weights.shape[1], kernels="weights")
        F, _, KH, KW = self.weights.shape
        OH, OW = checks.window_fits(
            X_.shape[2:], (KH, KW), self.stride, "weights", images="the images of X"
        )
        N = X_.shape[0]
        columns = _im2col(X_, (KH, KW), self.stride)
        out = checks.no_overflow(
            lambda: columns @ self.weights.reshape(F, -1).T + self.biases,
            blame="X and the weights are too large",
        )
        self._X_shape = (N, X_.shape[1], X_.shape[2], X_.shape[3])  # kept only if it worked
        self._columns = columns
        return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2)

    def backward(self, d_L_d_out: ArrayLike) -> Array:
        """d_L_d_X (N, C, H, W) from d_L_d_out (N, F, OH, OW); sets `d_L_d_W` and `d_L_d_b`.

        Examples
        --------
        >>> layer = Conv2D(np.array([[[[2.0]]]]), [0.0])  # a 1x1 kernel: times 2
        >>> _ = layer.forward(np.ones((1, 1, 2, 2)))
        >>> layer.backward(np.ones((1, 1, 2, 2)))
        array([[[[2., 2.],
                 [2., 2.]]]])
        """
        X_shape, columns = checks.cached(self._X_shape, self._columns)
        F, C, KH, KW = self.weights.shape
        N, _, H, W = X_shape
        OH, OW = (H - KH) // self.stride + 1, (W - KW) // self.stride + 1
        d_out = checks.shaped(d_L_d_out, "d_L_d_out", (N, F, OH, OW))
        d_out_rows = d_out.transpose(0, 2, 3, 1).reshape(-1, F)  # rows (n, i, j), as columns'
        K = self.weights.reshape(F, -1)
        d_W, d_b, d_X = checks.no_overflow(
            lambda: (
                (d_out_rows.T @ columns).reshape(F, C, KH, KW),
                d_out_rows.sum(axis=0),
                _col2im(d_out_rows @ K, X_shape, (KH, KW), self.stride),
            ),
            blame="d_L_d_out, the weights and X are too large",
        )
        self.d_L_d_W, self.d_L_d_b = d_W, d_b
        return d_X


class MaxPool2D:
    """Max pooling: the largest value of each `size` x `size` window, channel by channel.

    Backward: each window's gradient goes to the pixel that was its largest
    (the first one, on a tie), and 0 to the others; where windows overlap
    (a stride below `size`), a pixel adds what each window sends it.

    Parameters
    ----------
    size : int, default 2
    stride : int or None, default None
        None: the same as `size`, windows side by side.

    Examples
    --------
    >>> pool = MaxPool2D(2)
    >>> X = np.array([[[[1.0, 2.0], [4.0, 3.0]]]])
    >>> pool.forward(X)
    array([[[[4.]]]])
    >>> pool.backward(np.array([[[[10.0]]]]))  # all to the 4
    array([[[[ 0.,  0.],
             [10.,  0.]]]])
    """

    def __init__(self, size: int = 2, stride: int | None = None) -> None:
        self.size = checks.positive_int(size, "size", most=checks.MOST)
        given = self.size if stride is None else stride
        self.stride = checks.positive_int(given, "stride", most=checks.MOST)
        self._X_shape: tuple[int, int, int, int] | None = None
        self._where: NDArray[np.intp] | None = None

    def forward(self, X: ArrayLike) -> Array:
        """The pooled maps: X (N, C, H, W) to (N, C, OH, OW); keeps where each max was.

        Examples
        --------
        >>> MaxPool2D(2).forward(np.arange(16.0).reshape(1, 1, 4, 4))
        array([[[[ 5.,  7.],
                 [13., 15.]]]])
        """
        X_ = checks.images(X, "X")
        N, C, H, W = X_.shape
        OH, OW = checks.window_fits(
            (H, W), (self.size, self.size), self.stride, "size", images="the images of X"
        )
        # Each channel of each image as an image of its own, so each window is one row.
        rows = _im2col(X_.reshape(N * C, 1, H, W), (self.size, self.size), self.stride)
        self._X_shape = (N, C, H, W)
        self._where = rows.argmax(axis=1)  # the first largest, on a tie
        largest: Array = rows[np.arange(len(rows)), self._where]
        return largest.reshape(N, C, OH, OW)

    def backward(self, d_L_d_out: ArrayLike) -> Array:
        """d_L_d_X (N, C, H, W) from d_L_d_out (N, C, OH, OW): each gradient to its max.

        Examples
        --------
        >>> pool = MaxPool2D(2)
        >>> _ = pool.forward(np.array([[[[1.0, 1.0], [1.0, 1.0]]]]))  # a tie: the first
        >>> pool.backward(np.array([[[[1.0]]]]))
        array([[[[1., 0.],
                 [0., 0.]]]])
        """
        X_shape, where = checks.cached(self._X_shape, self._where)
        N, C, H, W = X_shape
        OH, OW = (H - self.size) // self.stride + 1, (W - self.size) // self.stride + 1
        d_out = checks.shaped(d_L_d_out, "d_L_d_out", (N, C, OH, OW))
        d_rows = np.zeros((len(where), self.size * self.size))
        d_rows[np.arange(len(where)), where] = d_out.reshape(-1)
        d_X = _col2im(d_rows, (N * C, 1, H, W), (self.size, self.size), self.stride)
        return d_X.reshape(N, C, H, W)


class ReLU:
    """ReLU: ``max(0, z)``; its slope is 1 where z > 0 and 0 elsewhere, 0 at z = 0 exactly.

    Examples
    --------
    >>> relu = ReLU()
    >>> relu.forward(np.array([-1.0, 0.0, 2.0]))
    array([0., 0., 2.])
    >>> relu.backward(np.array([5.0, 5.0, 5.0]))
    array([0., 0., 5.])
    """

    def __init__(self) -> None:
        self._positive: NDArray[np.bool_] | None = None

    def forward(self, X: ArrayLike) -> Array:
        """``max(0, X)``, any shape; keeps where X > 0.

        Examples
        --------
        >>> ReLU().forward([[-2.0, 3.0]])
        array([[0., 3.]])
        """
        X_ = checks.float_array(X, "X")
        self._positive = X_ > 0
        return np.where(self._positive, X_, 0.0)

    def backward(self, d_L_d_out: ArrayLike) -> Array:
        """d_L_d_X: the gradient where the input was positive, 0 elsewhere.

        Examples
        --------
        >>> relu = ReLU()
        >>> _ = relu.forward([[-2.0, 3.0]])
        >>> relu.backward([[1.0, 1.0]])
        array([[0., 1.]])
        """
        (positive,) = checks.cached(self._positive)
        d_out = checks.shaped(d_L_d_out, "d_L_d_out", positive.shape)
        d_X: Array = d_out * positive
        return d_X


class Flatten:
    """(N, C, H, W) to (N, C*H*W) forward, and back again backward: only the shape changes.

    Examples
    --------
    >>> flatten = Flatten()
    >>> flatten.forward(np.zeros((2, 3, 4, 4))).shape
    (2, 48)
    >>> flatten.backward(np.zeros((2, 48))).shape
    (2, 3, 4, 4)
    """

    def __init__(self) -> None:
        self._X_shape: tuple[int, ...] | None = None

    def forward(self, X: ArrayLike) -> Array:
        """Each image's values in one row.

        Examples
        --------
        >>> Flatten().forward(np.arange(4.0).reshape(1, 1, 2, 2))
        array([[0., 1., 2., 3.]])
        """
        X_ = checks.images(X, "X")
        self._X_shape = X_.shape
        return X_.reshape(X_.shape[0], -1)

    def backward(self, d_L_d_out: ArrayLike) -> Array:
        """Each row of gradients back in its image's shape.

        Examples
        --------
        >>> flatten = Flatten()
        >>> _ = flatten.forward(np.zeros((1, 1, 2, 2)))
        >>> flatten.backward([[1.0, 2.0, 3.0, 4.0]])
        array([[[[1., 2.],
                 [3., 4.]]]])
        """
        (X_shape,) = checks.cached(self._X_shape)
        d_out = checks.shaped(d_L_d_out, "d_L_d_out", (X_shape[0], int(np.prod(X_shape[1:]))))
        return d_out.reshape(X_shape)


class Dense:
    """A dense layer, as `MatrixNetwork`'s: ``out = X @ W + b``.

    Backward: ``d_L_d_W = X.T @ d_out``, ``d_L_d_b = d_out`` summed over
    rows, ``d_L_d_X = d_out @ W.T``.

    Parameters
    ----------
    weights : array_like of shape (n_in, n_out)
    biases : array_like of shape (n_out,)

    Examples
    --------
    >>> layer = Dense([[1.0], [2.0]], [0.5])
    >>> layer.forward([[1.0, 1.0]])
    array([[3.5]])
    >>> layer.backward([[1.0]])
    array([[1., 2.]])
    >>> layer.d_L_d_W
    array([[1.],
           [1.]])
    """

    def __init__(self, weights: ArrayLike, biases: ArrayLike) -> None:
        self.weights, self.biases = checks.weights_and_biases(
            weights, biases, "weights", "(n_in, n_out)", 1
        )
        self.d_L_d_W: Array | None = None
        self.d_L_d_b: Array | None = None
        self._X: Array | None = None

    def forward(self, X: ArrayLike) -> Array:
        """``X @ W + b``: (N, n_in) to (N, n_out); keeps X.

        Examples
        --------
        >>> Dense(np.eye(2), [1.0, 0.0]).forward([[2.0, 3.0]])
        array([[3., 3.]])
        """
        X_ = checks.matrix(X, "X", self.weights.shape[0])
        out: Array = checks.no_overflow(
            lambda: X_ @ self.weights + self.biases, blame="X and the weights are too large"
        )
        self._X = X_
        return out

    def backward(self, d_L_d_out: ArrayLike) -> Array:
        """d_L_d_X (N, n_in) from d_L_d_out (N, n_out); sets `d_L_d_W` and `d_L_d_b`.

        Examples
        --------
        >>> layer = Dense(np.eye(2), [0.0, 0.0])
        >>> _ = layer.forward([[2.0, 3.0]])
        >>> layer.backward([[1.0, -1.0]])
        array([[ 1., -1.]])
        """
        (X,) = checks.cached(self._X)
        d_out = checks.shaped(d_L_d_out, "d_L_d_out", (X.shape[0], self.weights.shape[1]))
        d_W, d_b, d_X = checks.no_overflow(
            lambda: (X.T @ d_out, d_out.sum(axis=0), d_out @ self.weights.T),
            blame="d_L_d_out, the weights and X are too large",
        )
        self.d_L_d_W, self.d_L_d_b = d_W, d_b
        return d_X


Layer = Conv2D | MaxPool2D | ReLU | Flatten | Dense
LAYERS = (Conv2D, MaxPool2D, ReLU, Flatten, Dense)


def _takes(layer: Layer) -> checks.Takes:
    """What `layer` takes as input, for the check that images fit a network."""
    if isinstance(layer, Conv2D):
        _, C, KH, KW = layer.weights.shape
        return checks.Takes(ndim=4, width=C, window=(KH, KW), stride=layer.stride)
    if isinstance(layer, MaxPool2D):
        return checks.Takes(ndim=4, window=(layer.size, layer.size), stride=layer.stride)
    if isinstance(layer, Flatten):
        return checks.Takes(ndim=4)
    if isinstance(layer, Dense):
        return checks.Takes(ndim=2, width=layer.weights.shape[0])
    return checks.Takes()  # ReLU: any shape


def _output_shape(layer: Layer, shape: tuple[int, ...]) -> tuple[int, ...]:
    """The shape `layer` gives for an input of `shape` (one it takes)."""
    if isinstance(layer, ReLU):
        return shape
    if isinstance(layer, Dense):
        return shape[0], layer.weights.shape[1]
    N, C, H, W = shape
    if isinstance(layer, Flatten):
        return N, C * H * W
    if isinstance(layer, MaxPool2D):
        size, step = layer.size, layer.stride
        return N, C, (H - size) // step + 1, (W - size) // step + 1
    F, _, KH, KW = layer.weights.shape
    return N, F, (H - KH) // layer.stride + 1, (W - KW) // layer.stride + 1


# --- the network ----------------------------------------------------------------------------


class ConvNet:
    """Layers in a row, then a softmax: class probabilities for images.

    Parameters
    ----------
    layers : sequence of Conv2D, MaxPool2D, ReLU, Flatten and Dense
        In order; the last is a `Dense` whose outputs the softmax turns into
        probabilities, one per class.

    Attributes
    ----------
    layers : list
        The layers; the arrays of their `weights` and `biases` are what
        `params` returns and training changes.

    Examples
    --------
    >>> network = ConvNet.random(rng=0)
    >>> [type(layer).__name__ for layer in network.layers]
    ['Conv2D', 'ReLU', 'MaxPool2D', 'Flatten', 'Dense']
    >>> network.forward(np.zeros((2, 1, 8, 8))).shape
    (2, 10)
    """

    def __init__(self, layers: Sequence[Layer]) -> None:
        self.layers: list[Layer] = checks.layer_list(layers, LAYERS, last=Dense)

    @classmethod
    def random(
        cls,
        rng: int | np.random.Generator = 0,
        image_shape: tuple[int, int, int] = (1, 8, 8),
        filters: int = 8,
        kernel_size: int = 3,
        pool: int = 2,
        classes: int = 10,
    ) -> ConvNet:
        """Conv2D, ReLU, MaxPool2D, Flatten, Dense, with He-initialized weights and zero biases.

        He initialization: normal weights with standard deviation
        ``sqrt(2 / fan_in)``, where fan_in is how many inputs each output sums
        (C*KH*KW for the kernels, n_in for the dense layer), so that ReLU
        layers keep the size of their outputs about the same.

        Parameters
        ----------
        rng : int or numpy.random.Generator, default 0
        image_shape : (int, int, int), default (1, 8, 8)
            (C, H, W) of one image.
        filters : int, default 8
        kernel_size : int, default 3
            Square kernels, stride 1.
        pool : int, default 2
            The max pooling's window and stride; must fit the feature maps.
        classes : int, default 10

        Returns
        -------
        ConvNet

        Examples
        --------
        >>> network = ConvNet.random(rng=0)
        >>> network.layers[0].weights.shape, network.layers[-1].weights.shape
        ((8, 1, 3, 3), (72, 10))
        """
        generator = checks.generator(rng)
        C, H, W = checks.ints(image_shape, "image_shape", "(C, H, W)")
        F = checks.positive_int(filters, "filters", most=checks.MOST)
        K = checks.positive_int(kernel_size, "kernel_size", most=checks.MOST)
        P = checks.positive_int(pool, "pool", most=checks.MOST)
        n_classes = checks.positive_int(classes, "classes", least=2, most=checks.MOST)
        OH, OW = checks.window_fits(
            (H, W), (K, K), 1, "kernel_size", images="the images of image_shape"
        )
        maps = "the feature maps that image_shape and kernel_size give"
        PH, PW = checks.window_fits((OH, OW), (P, P), P, "pool", images=maps)
        n_in = F * PH * PW
        kernels = generator.normal(0.0, np.sqrt(2 / (C * K * K)), size=(F, C, K, K))
        weights = generator.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_classes))
        return cls(
            [
                Conv2D(kernels, np.zeros(F)),
                ReLU(),
                MaxPool2D(P),
                Flatten(),
                Dense(weights, np.zeros(n_classes)),
            ]
        )

    def forward(self, X: ArrayLike) -> Array:
        """Class probabilities (N, classes) for images X (N, C, H, W); each row sums to 1.

        Examples
        --------
        >>> ConvNet.random(rng=0).forward(np.zeros((1, 1, 8, 8))).round(2)  # zero biases: even
        array([[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]])
        """
        return checks.no_overflow(
            self._forward, _checked_images(self, X), blame="X and the weights are too large"
        )

    def _forward(self, X: Array) -> Array:
        """`forward`, unchecked."""
        a = X
        for layer in self.layers:
            a = layer.forward(a)
        return softmax_rows(a)

    def loss(self, X: ArrayLike, Y: ArrayLike) -> float:
        """The mean cross-entropy of the probabilities for X against one-hot rows Y (N, classes).

        Examples
        --------
        >>> network = ConvNet.random(rng=0)
        >>> round(network.loss(np.zeros((1, 1, 8, 8)), np.eye(10)[:1]), 4)  # -log(0.1)
        2.3026
        """
        X_, Y_ = _checked_batch(self, X, Y)
        return cross_entropy(Y_, self.forward(X_))

    def backprop(self, X: ArrayLike, Y: ArrayLike) -> list[Array]:
        """The gradient of `loss` for every array of `params`, in the same order.

        Softmax and cross-entropy together have the simplest slope there is:
        ``d_L_d_z = (P - Y) / N`` at the last layer's outputs z. From there,
        each layer's `backward`, last to first.

        Returns
        -------
        list of ndarray
            Shaped like `params()`'s arrays, one by one.

        Examples
        --------
        >>> network = ConvNet.random(rng=0)
        >>> grads = network.backprop(np.ones((2, 1, 8, 8)), np.eye(10)[:2])
        >>> [g.shape for g in grads]
        [(8, 1, 3, 3), (8,), (72, 10), (10,)]
        """
        X_, Y_ = _checked_batch(self, X, Y)
        P = self.forward(X_)
        d = (P - Y_) / len(Y_)
        for layer in reversed(self.layers):
            d = layer.backward(d)
        grads: list[Array] = []
        for layer in self.layers:
            if isinstance(layer, (Conv2D, Dense)):
                d_W, d_b = checks.cached(layer.d_L_d_W, layer.d_L_d_b)
                grads += [d_W, d_b]
        return grads

    def params(self) -> list[Array]:
        """Every layer's weights and biases, first layer first: the very arrays, not copies.

        An optimizer's ``update(network.params(), grads)`` changes them in place.

        Examples
        --------
        >>> [p.shape for p in ConvNet.random(rng=0).params()]
        [(8, 1, 3, 3), (8,), (72, 10), (10,)]
        """
        arrays: list[Array] = []
        for layer in self.layers:
            if isinstance(layer, (Conv2D, Dense)):
                arrays += [layer.weights, layer.biases]
        return arrays


def _checked_images(network: ConvNet, X: Any) -> Array:
    """Images X, refused unless their shape fits every layer of `network` in turn."""
    steps = [
        (
            type(layer).__name__,
            _takes(layer),
            lambda shape, layer=layer: _output_shape(layer, shape),
        )
        for layer in network.layers
    ]
    return checks.fits_layers(checks.images(X, "X"), steps)


def _checked_batch(network: ConvNet, X: Any, Y: Any) -> tuple[Array, Array]:
    """Images X that fit `network`, and rows Y of class probabilities, one row per image."""
    X_ = _checked_images(network, X)
    n_classes = network.params()[-1].shape[0]  # the last layer's biases: one per class
    Y_ = checks.shaped(Y, "Y", (X_.shape[0], n_classes), why=": one row per image of X")
    return X_, checks.probability_rows(Y_, "Y")


def train_convnet(
    network: ConvNet,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int,
    rng: int | np.random.Generator,
) -> list[float]:
    """Train `network` in place with mini-batches, shuffled each epoch.

    If training stops with an error (Ctrl-C included), the network's
    parameters and the optimizer's state are put back as they were.

    Parameters
    ----------
    network : ConvNet
    X : array_like of shape (N, C, H, W)
        The training images (for the digits, the pixels divided by 16).
    Y : array_like of shape (N, classes)
        One-hot rows (`one_hot` makes them from labels).
    optimizer : Optimizer
        `SGD`, `Momentum` or `Adam` (chapter 13): ``optimizer.update(network.params(), grads)``
        after each batch.
    epochs : int
        Passes over the data, at least 1.
    batch_size : int
        Images per gradient step, at least 1 (the last batch may be smaller).
    rng : int or numpy.random.Generator
        For the shuffles.

    Returns
    -------
    list of float
        The loss over all of X after each epoch.

    Examples
    --------
    >>> from nn_from_scratch import Adam
    >>> network = ConvNet.random(rng=0)
    >>> X, Y = np.random.default_rng(0).random((20, 1, 8, 8)), np.eye(10)[[0, 1] * 10]
    >>> losses = train_convnet(network, X, Y, optimizer=Adam(0.01), epochs=5, batch_size=10, rng=0)
    >>> losses[-1] < losses[0]
    True
    """
    network = checks.instance(network, "network", ConvNet)
    X_, Y_ = _checked_batch(network, X, Y)
    optimizer = checks.optimizer_checked(optimizer, Optimizer)
    n_epochs = checks.positive_int(epochs, "epochs", most=checks.MOST)
    size = checks.positive_int(batch_size, "batch_size", most=checks.MOST)
    generator = checks.generator(rng)
    saved = [p.copy() for p in network.params()]
    try:  # all or nothing: a half-trained network (or optimizer) helps no one
        with checks.attributes_restored(optimizer):
            return checks.no_overflow(
                _train,
                network,
                X_,
                Y_,
                optimizer,
                n_epochs,
                size,
                generator,
                blame="training overflowed: X or the learning rate is too large",
            )
    except BaseException:
        for p, copy in zip(network.params(), saved, strict=True):
            p[...] = copy
        raise


def _train(
    network: ConvNet,
    X: Array,
    Y: Array,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
) -> list[float]:
    """`train_convnet`'s loop, unchecked."""
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start : start + batch_size]
            grads = network.backprop(X[rows], Y[rows])
            optimizer.update(network.params(), grads)
        losses.append(network.loss(X, Y))
    return losses
