"""The checkers of chapter 15, convolutions (docs/convolution.md)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .common import Checker, literal, named_checker, quietly

_SIZES = [(8, 3, 1), (8, 3, 5), (28, 5, 1), (7, 3, 2), (32, 4, 4), (10, 2, 2)]


def _whole(judge: Checker) -> Checker:
    """15.1's `judge`, then an int on every case: a size of 6.0 breaks np.zeros in 15.2."""

    def strict(answer: Any) -> tuple[bool, str]:
        passed, line = judge(answer)
        if not passed:
            return passed, line
        for H, K, stride in _SIZES:
            got = quietly(answer, (H, K, stride))
            if not isinstance(got, int | np.integer):
                return False, (
                    f"output_size({H}, {K}, {stride}) returned {literal(got)}, expected "
                    f"{(H - K) // stride + 1}. / gives a float: use //, (H - K) // stride + 1, "
                    "an int, which np.zeros can take as a size."
                )
        return passed, line

    return strict


def _size_15_1() -> Checker:
    def right(H: int, K: int, stride: int) -> Any:
        return (H - K) // stride + 1

    return _whole(
        named_checker(
            "output_size",
            right=right,
            cases=lambda: list(_SIZES),
            mistakes=[
                (
                    "The + 1 is inside the brackets: (H - K + 1) // stride is one short "
                    "once the stride is above 1. Count the moves, (H - K) // stride, then "
                    "add 1 for the first position: (H - K) // stride + 1.",
                    lambda H, K, s: (H - K + 1) // s,
                ),
                (
                    "That is one short: the window fits at position 0 too, so add 1, "
                    "(H - K) // stride + 1.",
                    lambda H, K, s: (H - K) // s,
                ),
                (
                    "The stride is left out: the window moves stride pixels at a time, so "
                    "(H - K) // stride + 1.",
                    lambda H, K, s: H - K + 1,
                ),
                (
                    "Python reads H - K // stride as H - (K // stride): put H - K in "
                    "parentheses, (H - K) // stride + 1.",
                    lambda H, K, s: H - K // s + 1,
                ),
                (
                    "That is one too many: a window of K pixels fits H - K + 1 times, not "
                    "H - K + 2, with stride 1.",
                    lambda H, K, s: (H - K) // s + 2,
                ),
                (
                    "That leaves the kernel out: H // stride is the size of pooling's output, "
                    "a convolution's is (H - K) // stride + 1.",
                    lambda H, K, s: H // s,
                ),
            ],
        )
    )


def _windows(image: Any, kernel: Any, stride: int, *, last: int = 1) -> Any:
    """The convolution (no kernel flip, no bias) of a 2-D image; `last` 0 drops the last row
    and column of positions (an off-by-one)."""
    KH, KW = kernel.shape
    OH, OW = (image.shape[0] - KH) // stride + last, (image.shape[1] - KW) // stride + last
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(image[r : r + KH, c : c + KW] * kernel)
    return out


_THREE_BY_THREE = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [2.0, 0.0, 1.0]])


def _convolve_15_2() -> Checker:
    def right(image: Any, kernel: Any, stride: int) -> Any:
        return _windows(image, kernel, stride)

    def no_stride_step(image: Any, kernel: Any, stride: int) -> Any:
        KH, KW = kernel.shape
        OH, OW = (image.shape[0] - KH) // stride + 1, (image.shape[1] - KW) // stride + 1
        out = np.zeros((OH, OW))
        for i in range(OH):
            for j in range(OW):
                out[i, j] = np.sum(image[i : i + KH, j : j + KW] * kernel)
        return out

    def transposed(image: Any, kernel: Any, stride: int) -> Any:
        KH, KW = kernel.shape  # the windows are the kernel's shape; its transpose multiplies
        OH, OW = (image.shape[0] - KH) // stride + 1, (image.shape[1] - KW) // stride + 1
        out = np.zeros((OH, OW))
        for i in range(OH):
            for j in range(OW):
                r, c = i * stride, j * stride
                out[i, j] = np.sum(image[r : r + KH, c : c + KW] * kernel.T)
        return out

    def square(image: Any, kernel: Any, stride: int) -> Any:
        KH = KW = len(kernel)  # the height taken for the width too
        OH, OW = (image.shape[0] - KH) // stride + 1, (image.shape[1] - KW) // stride + 1
        out = np.zeros((OH, OW))
        for i in range(OH):
            for j in range(OW):
                r, c = i * stride, j * stride
                out[i, j] = np.sum(image[r : r + KH, c : c + KW] * kernel)
        return out

    def one_size(image: Any, kernel: Any, stride: int) -> Any:
        k = len(kernel)  # convolve_one's one size, grown a stride
        size = (len(image) - k) // stride + 1
        out = np.zeros((size, size))
        for i in range(size):
            for j in range(size):
                r, c = i * stride, j * stride
                out[i, j] = np.sum(image[r : r + k, c : c + k] * kernel)
        return out

    rng = np.random.default_rng(152)
    return named_checker(
        "convolve",
        right=right,
        cases=lambda: [
            (np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]]), 1),
            (np.arange(25.0).reshape(5, 5) % 7, np.array([[1.0, 2.0], [0.0, 1.0]]), 1),
            (np.arange(25.0).reshape(5, 5) % 7, _THREE_BY_THREE, 2),
            (rng.integers(0, 17, (8, 8)).astype(float), rng.integers(-2, 3, (3, 3)) * 1.0, 1),
            (rng.integers(0, 17, (8, 8)).astype(float), rng.integers(-2, 3, (3, 3)) * 1.0, 5),
            (rng.normal(0, 1, (7, 5)).round(3), rng.normal(0, 1, (3, 1)).round(3), 2),
            (np.arange(24.0).reshape(4, 6) % 5, np.array([[1.0, -1.0], [2.0, 0.0]]), 2),
        ],
        mistakes=[
            (
                "The kernel is flipped: that is mathematics' convolution. Here, as in "
                "PyTorch, multiply each window by the kernel as it is.",
                lambda im, k, s: _windows(im, k[::-1, ::-1], s),
            ),
            (
                "The kernel is transposed: its row a multiplies the window's row a, "
                "image[r + a, c + b] * kernel[a, b].",
                transposed,
            ),
            (
                "Each window starts at (i, j), not (i * stride, j * stride): the window "
                "moves stride pixels per step.",
                no_stride_step,
            ),
            (
                "The stride is left out: the window moves stride pixels at a time, so the "
                "output is (H - K) // stride + 1 high.",
                lambda im, k, s: _windows(im, k, 1),
            ),
            (
                "One row and column of positions too few: the last window ends at the "
                "image's edge, so there are (H - K) // stride + 1 positions.",
                lambda im, k, s: _windows(im, k, s, last=0),
            ),
            (
                "The kernel is taken as square, len(kernel) wide: a kernel can be taller "
                "than wide, so KH, KW = kernel.shape, and OW = (W - KW) // stride + 1.",
                square,
            ),
            (
                "The output is size x size, one size for both axes, as in convolve_one: "
                "an image or kernel wider than tall needs its own width, KH, KW = "
                "kernel.shape, OH = (H - KH) // stride + 1 and OW = (W - KW) // stride + 1.",
                one_size,
            ),
            (
                "The output is rounded to whole numbers (ints): keep the floats, "
                "np.zeros((OH, OW)) with no dtype=int and no .astype(int).",
                lambda im, k, s: _windows(im, k, s).astype(int),
            ),
            (
                "The output is transposed: out[i, j] is the window whose top left is at "
                "row i * stride, column j * stride.",
                lambda im, k, s: _windows(im, k, s).T,
            ),
        ],
        names=("image", "kernel", "stride"),
    )


def _pool_gradient(X: Any, d_out: Any, *, pick: str = "first") -> Any:
    """2x2 max pooling's input gradient; `pick` says which pixel of a block gets it."""
    H, W = X.shape
    grad = np.zeros((H, W))
    for i in range(H // 2):
        for j in range(W // 2):
            block = X[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
            if pick == "split":  # a tie shared evenly among the largest
                is_max = block == block.max()
                grad[2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = is_max * d_out[i, j] / is_max.sum()
                continue
            if pick in ("first", "swapped"):
                a, b = np.unravel_index(np.argmax(block), (2, 2))
                a, b = (b, a) if pick == "swapped" else (a, b)
            elif pick == "last":
                a, b = np.unravel_index(3 - np.argmax(block.ravel()[::-1]), (2, 2))
            else:  # "min"
                a, b = np.unravel_index(np.argmin(block), (2, 2))
            grad[2 * i + a, 2 * j + b] = d_out[i, j]
    return grad


def _pool_15_3() -> Checker:
    def right(X: Any, d_out: Any) -> Any:
        return _pool_gradient(X, d_out)

    def each(X: Any, d_out: Any, share: float) -> Any:
        return np.kron(d_out, np.ones((2, 2))) * share

    def every_max(X: Any, d_out: Any) -> Any:
        H, W = X.shape
        blocks = X.reshape(H // 2, 2, W // 2, 2)
        is_max = blocks == blocks.max(axis=(1, 3), keepdims=True)
        return (is_max * d_out[:, None, :, None]).reshape(H, W)

    def mask(X: Any, d_out: Any) -> Any:
        return _pool_gradient(X, np.ones(d_out.shape))  # 1 where the gradient goes

    def value(X: Any, d_out: Any) -> Any:
        H, W = X.shape
        kept = X.reshape(H // 2, 2, W // 2, 2).max(axis=(1, 3))
        return _pool_gradient(X, kept)

    rng = np.random.default_rng(153)
    return named_checker(
        "pool_gradient",
        right=right,
        cases=lambda: [
            (np.array([[1.0, 3.0], [2.0, 0.0]]), np.array([[5.0]])),
            (np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[2.0]])),
            (rng.normal(0, 1, (4, 4)).round(2), rng.normal(0, 1, (2, 2)).round(2)),
            (np.array([[0.0, 2.0, 1.0, 1.0], [2.0, 0.0, 0.0, 0.5]]), np.array([[1.5, -2.0]])),
            (np.maximum(rng.normal(0, 1, (6, 4)).round(1), 0), rng.normal(0, 1, (3, 2)).round(2)),
        ],
        mistakes=[
            (
                "The gradient is spread over the block, a quarter each: only the maximum "
                "moves the output, so it gets all of it and the other three get 0.",
                lambda X, d: each(X, d, 0.25),
            ),
            (
                "Every pixel of the block gets the whole gradient: only the maximum moves "
                "the output, so only it gets the gradient, the other three 0.",
                lambda X, d: each(X, d, 1.0),
            ),
            (
                "On a tie every largest pixel gets the gradient, so a block passes it on "
                "twice or more: give it to the first largest only (np.argmax's pick).",
                every_max,
            ),
            (
                "On a tie the last largest pixel gets it: give it to the first, in "
                "reading order (np.argmax's pick).",
                lambda X, d: _pool_gradient(X, d, pick="last"),
            ),
            (
                "The gradient went to each block's smallest pixel: it goes to the largest, "
                "the one max pooling kept.",
                lambda X, d: _pool_gradient(X, d, pick="min"),
            ),
            (
                "That is 1 where the gradient goes, not the gradient: multiply by d_out, "
                "so the largest pixel of block (i, j) gets d_out[i, j].",
                mask,
            ),
            (
                "On a tie the gradient is split among the largest pixels: a valid slope too "
                "(the shares add up to d_out once), but not what is asked. The package and "
                "PyTorch give it all to the first largest, in reading order (np.argmax's "
                "pick): do the same.",
                lambda X, d: _pool_gradient(X, d, pick="split"),
            ),
            (
                "Row and column are swapped: np.unravel_index gives (row, column), so the "
                "pixel is grad[2 * i + a, 2 * j + b].",
                lambda X, d: _pool_gradient(X, d, pick="swapped"),
            ),
            (
                "The block's largest value is put where its gradient belongs: that pixel "
                "gets d_out[i, j], the gradient that came back, not X's value.",
                value,
            ),
        ],
        names=("X", "d_out"),
    )


CHECKERS: dict[str, tuple[str, Checker]] = {
    "15.1": ("A feature map's size", _size_15_1()),
    "15.2": ("A convolution with a stride", _convolve_15_2()),
    "15.3": ("Pooling's gradient", _pool_15_3()),
}
"""This chapter's exercises that have a checker: number, then title and checker."""
