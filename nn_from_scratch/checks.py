"""The boundary: every check on what a reader passes in, in one place.

The chapters' modules hold the math, plain and unchecked, as it is written on
the page. Their public entry points (constructors, `feed_forward`, `train`,
`train_batches`, the loss functions, `check_gradients`, `save`, `load`, ...)
call this module first, once, and only then compute. Whatever is refused is
refused before anything has changed, with a `TypeError` or `ValueError` whose
message names the argument, what was expected and what was given.

The rules:

- **Numbers** are real numbers: ints, floats and numpy's number types. Text
  (even ``"2"``), bytes, booleans, complex numbers, dates and durations, and
  ``None`` are refused; so are NaN, infinity, and values beyond float64's range
  (an int like ``10**400``, a float128 like ``1e400``). Counts (`epochs`,
  `batch_size`, sizes) must be ints: ``2.0`` is refused. A 0-d array, of any
  dtype, is an array, not a number: refused where one number belongs. -0.0
  equals 0: where 0 or more is asked (`make_moons`'s `noise`), it is taken, as
  0.0.
- **Arrays** are a number, or lists, tuples or numpy arrays of numbers, nested
  with one length per axis; they are copied into new float64 arrays. A numpy
  array of dtype object is read item by item, so one that holds real numbers
  is an array of them, 0-d too: ``np.array(0.5, dtype=object)`` is what
  ``np.array(0.5)`` is. Masked arrays are refused, since their masks would be
  ignored. (`sigmoid` alone takes NaN and infinity, as numpy does.)
- **Buffers** (bytes, bytearray, memoryview, array.array) are refused as
  numbers, as arrays and as lists, whatever they hold: their items are raw
  bytes to Python, a memoryview of bytes cannot be told from one of numbers,
  and some (float16, complex) cannot even be read one by one.
  ``numpy.asarray(view)`` makes an array of a buffer that holds numbers.
- **Lists** (`sizes`, `weights`, `biases`, `activations`) are lists, tuples or
  other sequences, but not text and not buffers.
- **Functions** a reader passes in are checked by what they take, where they
  come in, not when they are first called: `callback` as ``callback(epoch,
  loss)``, an `Activation`'s `f` and `df` as ``f(z)`` and ``df(a)`` (when the
  network is made, and again at each call), a `Loss`'s as ``f(Y, P)`` and
  ``df(Y, P)``. Defaults and ``*args`` are fine. A numpy ufunc is checked by
  its number of inputs (``np.tanh.nin`` is 1), since its signature also takes
  ``out`` by position; a built-in whose signature cannot be read is trusted.
- **Answers** for the sigmoid networks of chapters 3 to 6 are between 0 and 1,
  the only values a sigmoid can output; so are both arguments of
  `binary_cross_entropy`, and `Y` for the ``"bce"`` loss. `Y` for the
  ``"cross_entropy"`` loss is rows of probabilities that sum to 1 (one-hot
  rows, usually); labels such as 0..9 are refused, with how to make such rows.
- **Softmax** is refused in every layer but the last: it is not elementwise,
  so backpropagation cannot pass through it the way it passes through the
  other activations.
- **Networks** are checked again at every call, since their parameters are
  plain attributes that a reader may have set by hand: ``net.w1 = "0.5"`` or
  a NaN in ``net.weights[0]`` is reported by name, not blamed on the learning
  rate later.
- **Options**: flags are ``True`` or ``False``; `callback` takes
  ``(epoch, loss)``; `rng` is an int seed of 0 or more or a
  `numpy.random.Generator`.
- **Results**: for huge but finite input, the math can overflow float64.
  An overflow anywhere inside a computation (numpy's floating-point flags
  show it, also inside a BLAS matrix product), or a result that came out
  infinite or NaN, becomes a `ValueError` naming the inputs that were too
  large, never a warning: the final value alone cannot tell, since a sum
  whose terms overflow and cancel can come out as infinity, which a sigmoid
  turns into a confident but wrong 1.0. Underflow is allowed: a tiny answer
  is a right one. Training instead stops with `TrainingDivergedError`.
- **Images** (chapter 15) are 4-D arrays (N, C, H, W), no axis empty;
  kernels (F, C, KH, KW) with one bias per filter. A kernel or pooling window
  larger than the images is refused, and so is a stride that does not land
  the last window on the images' edge (``(H - KH) % stride`` not 0). A
  `ConvNet` refuses images that do not fit one of its layers, naming it.
- **All or nothing**: `sgd_step`, `train`, `train_batches` and `train_convnet`
  put every parameter back as it was if they stop with an error, whatever
  the error.

Only `InputScaleWarning` is meant to be imported from here; the functions are
the package's own, each a few lines, and read best in the source.

This module imports nothing from the package: the chapters' modules import it,
and hand it the classes and registries it checks against (`NeuralNetwork` and
its `PARAMETER_NAMES` from network.py; a `Kinds` made in matrix.py, for
`MatrixNetwork`, `Activation`, `ACTIVATIONS`, `Loss` and `LOSSES`). So the
modules stack, with this one at the bottom.
"""

from __future__ import annotations

import array
import contextlib
import copy
import dataclasses
import functools
import inspect
import itertools
import math
import numbers
import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import (
    Any,
    Generic,
    NoReturn,
    ParamSpec,
    Protocol,
    TypeVar,
    runtime_checkable,
)

import numpy as np
from numpy.typing import NDArray

__all__ = ["InputScaleWarning"]

Array = NDArray[np.float64]
T = TypeVar("T")
P = ParamSpec("P")

# Inputs beyond this size push a sigmoid into its flat ends (f(50) = 1 - 2e-22).
LARGE_INPUT = 50.0
# The most weights in one layer, or samples from make_moons: 800 MB of float64.
MOST = 10**8


def describe(value: Any) -> str:
    """A short description of `value` for an error message: its repr and its type."""
    try:
        text = repr(value)
    except RecursionError:  # lists nested thousands deep
        text = "<nested too deeply to show>"
    except Exception:  # an object whose own __repr__ fails: the message must not
        text = f"<a {type(value).__name__} that cannot be shown>"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (type {type(value).__name__})"


# --- numbers -----------------------------------------------------------------------------


def _is_real(value: Any) -> bool:
    """A real number that is not a bool (True is far more often a mistake than a 1).

    numpy counts a `timedelta64` as an integer; a duration is not a number here.
    """
    refused = (bool, np.bool_, np.timedelta64)
    return isinstance(value, numbers.Real) and not isinstance(value, refused)


def real(value: Any, name: str) -> float:
    """`value` as a finite Python float."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    try:
        with np.errstate(over="ignore"):  # a float128 beyond float64 becomes inf: see below
            number = float(value)
    except OverflowError:  # an int or a Fraction beyond float64
        raise ValueError(f"{name} is too large for a float64, got {describe(value)}") from None
    if math.isinf(number) and isinstance(value, np.floating) and np.isfinite(value):
        raise ValueError(f"{name} is too large for a float64, got {describe(value)}")
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {number!r}")
    return number


def positive_real(value: Any, name: str) -> float:
    """`value` as a finite float greater than 0."""
    number = real(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {number!r}")
    return number


def non_negative_real(value: Any, name: str) -> float:
    """`value` as a finite float of 0 or more; -0.0, which equals 0, comes back as 0.0."""
    number = real(value, name)
    if number < 0:
        raise ValueError(f"{name} must be 0 or more, got {number!r}")
    return number + 0.0  # -0.0 + 0.0 is 0.0: numpy's normal() refuses a scale of -0.0


def in_range(value: Any, name: str, low: float, high: float) -> float:
    """`value` as a float between `low` and `high`, inclusive."""
    number = real(value, name)
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {number!r}")
    return number


def _is_integer(value: Any) -> bool:
    """An int or a numpy integer, but not a bool or a duration (numpy counts both as ints)."""
    refused = (bool, np.bool_, np.timedelta64)
    return isinstance(value, numbers.Integral) and not isinstance(value, refused)


def positive_int(value: Any, name: str, least: int = 1, most: int | None = None) -> int:
    """`value` as an int of at least `least` and at most `most` (``True``, ``2.0`` refused)."""
    if not _is_integer(value):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    number = int(value)  # compared as a plain int: a subclass's own comparisons may lie
    if number < least:
        raise ValueError(f"{name} must be at least {least}, got {number}")
    if most is not None and number > most:
        raise ValueError(f"{name} must be at most {most:,}, got {describe(number)}")
    return number


def every(value: Any) -> int | None:
    """How often a trainer records the loss: an int of at least 1, or None for never."""
    return None if value is None else positive_int(value, "every")


def flag(value: Any, name: str) -> bool:
    """`value` as a bool: only True or False (an array's truth is ambiguous)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def callback(value: Any) -> Callable[[int, float], object] | None:
    """None, or a function that can be called as ``callback(epoch, loss)``."""
    if value is None:
        return None
    if not callable(value):
        raise TypeError(f"callback must be callable or None, got {describe(value)}")
    return takes(value, "callback", "callback(epoch, loss)")


def takes(function: Callable[..., T], name: str, call: str) -> Callable[..., T]:
    """`function`, refused unless it can be called as `call` shows (``"f(Y, P)"``).

    Checked where the function is handed in, not when it is first called: a
    numpy ufunc by its number of inputs (``np.tanh.nin`` is 1; its signature
    also takes ``out`` by position, so would seem to take two), anything else
    by its signature, which may have defaults and ``*args``. A built-in whose
    signature cannot be read is trusted.
    """
    n = call.count(",") + 1
    if isinstance(function, np.ufunc):
        if function.nin != n:
            raise TypeError(
                f"{name} must accept {_ARGUMENTS[n]}, {call}, got {describe(function)}, "
                f"a ufunc of {function.nin} input{'s' if function.nin > 1 else ''}"
            )
        return function
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # some built-ins do not say: trust them
        return function
    try:
        signature.bind(*range(n))
    except TypeError:
        raise TypeError(
            f"{name} must accept {_ARGUMENTS[n]}, {call}, got {describe(function)} "
            f"with signature {signature}"
        ) from None
    return function


_ARGUMENTS = {1: "one argument", 2: "two arguments"}


def one_of(value: Any, name: str, choices: Sequence[str]) -> str:
    """`value`, refused unless it is one of the strings in `choices`."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be one of the strings {tuple(choices)}, got {describe(value)}"
        )
    if value not in choices:
        raise ValueError(f"{name} must be one of {tuple(choices)}, got {value!r}")
    return value


def is_list(value: Any) -> bool:
    """A list, a tuple or another sequence, but not text or a buffer of bytes.

    Buffers (bytes, bytearray, memoryview, array.array) are sequences too, but
    of raw items, some of which (float16, complex) cannot even be read one by one.
    """
    buffers = (str, bytes, bytearray, memoryview, array.array)
    return isinstance(value, Sequence) and not isinstance(value, buffers)


def layer_sizes(sizes: Any) -> list[int]:
    """A list of at least two layer sizes, each an int of at least 1."""
    if not is_list(sizes):
        raise TypeError(f"sizes must be a list of ints, got {describe(sizes)}")
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must name at least 2 layers (inputs, outputs), got {describe(sizes)}"
        )
    checked = [positive_int(size, f"sizes[{i}]", most=MOST) for i, size in enumerate(sizes)]
    for i, (n_in, n_out) in enumerate(itertools.pairwise(checked)):
        if n_in * n_out > MOST:
            raise ValueError(
                f"sizes[{i}] * sizes[{i + 1}] must be at most {MOST:,} weights in one layer "
                f"(800 MB), got {n_in:,} * {n_out:,}"
            )
    return checked


def randomness(rng: Any, *, shuffle: Any, dropout: float) -> np.random.Generator | None:
    """The generator for shuffling and dropout masks, or None if neither needs one.

    A bad `rng` is refused even if unused.
    """
    chosen = None if rng is None else generator(rng)
    if flag(shuffle, "shuffle") and chosen is None:
        raise ValueError("shuffle=True needs rng: a seed or a numpy.random.Generator")
    if dropout and chosen is None:
        raise ValueError(
            f"dropout={dropout!r} needs rng for its masks: a seed or a numpy.random.Generator"
        )
    return chosen


def update_rule(learn_rate: Any, optimizer: Any, kind: type) -> Any:
    """`train_batches`' learning rate (plain SGD), or its optimizer, checked; never both."""
    if optimizer is None:
        return positive_real(0.1 if learn_rate is None else learn_rate, "learn_rate")
    _is_optimizer(optimizer, kind)
    if learn_rate is not None:
        raise TypeError(
            f"give the learning rate to the optimizer, not to train_batches as well: got "
            f"learn_rate={describe(learn_rate)} and optimizer={describe(optimizer)}"
        )
    return optimizer_checked(optimizer, kind)


def _is_optimizer(value: Any, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(
            f"optimizer must be an Optimizer (SGD, Momentum or Adam), got {describe(value)}"
        )


def optimizer_checked(value: Any, kind: type) -> Any:
    """`value`, refused unless it is an optimizer (a `kind`) whose numbers are valid.

    Its numbers may have been changed by hand since it was made (a
    learning-rate schedule does so), so they are checked again here.
    """
    _is_optimizer(value, kind)
    for name, check in (("learn_rate", positive_real), ("beta", fraction), ("beta1", fraction),
                        ("beta2", fraction), ("eps", positive_real)):  # fmt: skip
        if hasattr(value, name):
            check(getattr(value, name), f"optimizer.{name}")
    return value


def instance(value: Any, name: str, kind: type) -> Any:
    """`value` itself, if it is a `kind` (a subclass's too; `kind` may be abstract)."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__}, got {describe(value)}")
    return value


@contextlib.contextmanager
def attributes_restored(value: Any) -> Iterator[None]:
    """Put back every attribute of `value` (deep copies) if the block raises; for None, nothing."""
    if value is None:
        yield
        return
    saved = copy.deepcopy(vars(value))
    try:
        yield
    except BaseException:
        vars(value).clear()
        vars(value).update(saved)
        raise


def generator(rng: Any) -> np.random.Generator:
    """A seed (an int of 0 or more) or a generator, as a `numpy.random.Generator`."""
    if isinstance(rng, np.random.Generator):
        return rng
    if not _is_integer(rng):
        raise TypeError(f"rng must be an int seed or a numpy.random.Generator, got {describe(rng)}")
    seed = int(rng)  # compared as a plain int: a subclass's own comparisons may lie
    if seed < 0:
        raise ValueError(f"rng must be a non-negative int seed, got {seed}")
    return np.random.default_rng(seed)


# --- arrays ------------------------------------------------------------------------------


def _first_non_number(value: Any) -> tuple[Any] | None:
    """``(item,)`` for the first item of `value` that is not a real number, else None.

    `value` may be a number, or lists, tuples and arrays of them, nested; an
    array of dtype object (0-d too) is read item by item.
    """
    if isinstance(value, np.ma.MaskedArray):  # np.ma.masked, a lone masked value, too
        return (value,)
    if isinstance(value, np.ndarray) and value.dtype != object:
        return None if value.dtype.kind in "iuf" else (value.flat[0] if value.size else value,)
    if isinstance(value, np.ndarray):  # of objects, 0-d too: each item in turn
        value = value.flat
    if isinstance(value, (list, tuple, np.flatiter)):
        for item in value:
            bad = _first_non_number(item)
            if bad is not None:
                return bad
        return None
    return None if _is_real(value) else (value,)


def _kind(item: Any) -> str:
    """What a non-number is, in words, for an error message."""
    kinds: list[tuple[Any, str]] = [
        (np.ma.MaskedArray, "masked values"),
        ((str, np.str_), "text"),
        ((bytes, bytearray, np.bytes_), "bytes"),
        (
            (memoryview, array.array),
            f"a {type(item).__name__} (a buffer: numpy.asarray reads one of numbers as an array)",
        ),
        ((bool, np.bool_), "booleans"),
        ((complex, np.complexfloating), "complex numbers"),
        ((np.datetime64, np.timedelta64), "dates or times"),
        (np.void, "structured records"),
        (type(None), "None"),
    ]
    found = [words for kind, words in kinds if isinstance(item, kind)]
    return found[0] if found else f"{type(item).__name__} objects"


def float_array(value: Any, name: str, *, finite: bool = True) -> Array:
    """`value` (a number, or nested lists, tuples or arrays of numbers) as a new float64 array.

    Refused: text, bytes, booleans, complex numbers, dates and times, masked
    arrays, ragged lists, and (unless `finite` is false) NaN and infinity.
    """
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} must be a plain array, not a masked array (its mask would be ignored): "
            f"fill or drop the masked values first, got {describe(value)}"
        )
    try:
        bad = _first_non_number(value)
    except RecursionError:
        raise TypeError(
            f"{name} must be numbers in lists nested a few levels deep at most"
        ) from None
    if bad is not None:
        raise TypeError(
            f"{name} must hold real numbers, not {_kind(bad[0])}, got {describe(value)}"
        )
    try:
        with warnings.catch_warnings(), np.errstate(over="ignore"):
            warnings.simplefilter("ignore")  # e.g. float128 beyond float64: inf, refused below
            array = np.array(value, dtype=np.float64)
    except OverflowError:
        raise ValueError(
            f"{name} holds a number too large for a float64, got {describe(value)}"
        ) from None
    except ValueError:
        raise TypeError(
            f"{name} must be an array with one length per axis (not a ragged list), "
            f"got {describe(value)}"
        ) from None
    if not np.isfinite(array).all():
        if _overflowed(value, array):  # e.g. a float128 beyond float64's range
            raise ValueError(
                f"{name} holds a number too large for a float64, got {describe(value)}"
            )
        if finite:
            raise ValueError(
                f"{name} must not contain NaN or infinite values, got {describe(value)}"
            )
    return array


def _overflowed(value: Any, array: Array) -> bool:
    """Whether a finite number in `value` became infinite in its float64 `array`."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return bool((np.isfinite(np.asarray(value)) & ~np.isfinite(array)).any())
    except TypeError:  # an object array: Python numbers, which raised OverflowError already
        return False


def vector(value: Any, name: str, length: int | None = None) -> Array:
    """`value` as a finite 1-D float64 array, not empty, of `length` items if given."""
    array = float_array(value, name)
    expected = f"shape ({length},)" if length is not None else "a 1-D array, not empty"
    if array.ndim != 1 or array.shape[0] == 0 or length not in (None, array.shape[0]):
        raise ValueError(f"{name} must have {expected}, got shape {array.shape}")
    return array


def matrix(value: Any, name: str, n_columns: int) -> Array:
    """`value` as a finite float64 array of shape (n_rows, n_columns), n_rows >= 1."""
    array = float_array(value, name)
    if array.ndim != 2 or array.shape[1] != n_columns or array.shape[0] == 0:
        raise ValueError(
            f"{name} must have shape (n_samples, {n_columns}) with n_samples >= 1, "
            f"got shape {array.shape}"
        )
    return array


def between_0_and_1(array: Array, name: str) -> Array:
    """`array`, refused unless every value is between 0 and 1."""
    if array.size and (array.min() < 0 or array.max() > 1):
        raise ValueError(f"{name} must hold values between 0 and 1, got {describe(array)}")
    return array


def labels(values: Any, name: str, data: Array) -> Array:
    """One answer per row of `data`, each between 0 and 1, where a sigmoid's outputs lie."""
    array = vector(values, name)
    if array.shape[0] != data.shape[0]:
        raise ValueError(
            f"{name} must have one value per row of data ({data.shape[0]}), got {array.shape[0]}"
        )
    return between_0_and_1(array, name)


def same_length(y_true: Any, y_pred: Any) -> tuple[Array, Array]:
    """Two answers-and-predictions vectors of one length (the loss functions' input)."""
    true, pred = vector(y_true, "y_true"), vector(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, got {true.shape[0]} and {pred.shape[0]}"
        )
    return true, pred


def samples_and_answers(X: Any, y: Any) -> tuple[Array, Array]:
    """`X` of shape (n_samples, n_features), n_samples >= 2, and one answer (or row) per sample.

    Answers given as an integer array (labels) come back as int64, others as float64.
    """
    X_ = float_array(X, "X")
    if X_.ndim != 2 or X_.shape[0] < 2 or X_.shape[1] == 0:
        raise ValueError(
            f"X must have shape (n_samples, n_features) with n_samples >= 2, got shape {X_.shape}"
        )
    y_ = float_array(y, "y")
    if y_.ndim not in (1, 2) or y_.shape[0] != X_.shape[0] or 0 in y_.shape:
        raise ValueError(
            f"y must have one answer (or row of answers) per row of X ({X_.shape[0]}), "
            f"got shape {y_.shape}"
        )
    kind = np.asarray(y).dtype.kind
    if kind in "iu":  # labels that are ints (signed or not) stay ints
        labels = np.asarray(y)
        if kind == "u" and labels.size and labels.max() > np.iinfo(np.int64).max:
            raise ValueError(f"y must hold labels below 2**63, got {describe(labels.max())}")
        y_ = labels.astype(np.int64)
    return X_, y_


def open_fraction(value: Any, name: str) -> float:
    """`value` as a float strictly between 0 and 1."""
    number = real(value, name)
    if not 0 < number < 1:
        raise ValueError(f"{name} must be between 0 and 1, both excluded, got {number!r}")
    return number


def fraction(value: Any, name: str) -> float:
    """`value` as a float from 0 up to, but not including, 1 (a momentum's beta, a dropout rate)."""
    number = real(value, name)
    if not 0 <= number < 1:
        raise ValueError(f"{name} must be at least 0 and less than 1, got {number!r}")
    return number + 0.0  # -0.0 comes back as 0.0


def class_labels(values: Any, name: str, n_classes: int | None = None) -> NDArray[np.int64]:
    """`values` as a 1-D int64 array of whole numbers 0 or more (below `n_classes` if given)."""
    array = vector(values, name)
    if not (array == np.round(array)).all() or array.min() < 0:
        raise ValueError(f"{name} must be whole numbers 0 or more, got {describe(values)}")
    if n_classes is not None and array.max() >= n_classes:
        raise ValueError(
            f"{name} must be below n_classes ({n_classes}), got {array.max():g}: "
            f"classes are numbered 0 to {n_classes - 1}"
        )
    if array.max() > MOST:
        raise ValueError(f"{name} must be at most {MOST:,}, got {array.max():g}")
    return array.astype(np.int64)


def class_pair(
    y_true: Any, y_pred: Any, n_classes: int | None = None
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """True and predicted classes of one length, as int64 arrays."""
    true = class_labels(y_true, "y_true", n_classes)
    pred = class_labels(y_pred, "y_pred", n_classes)
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length, got {true.shape[0]} and {pred.shape[0]}"
        )
    return true, pred


# --- images and kernels (chapter 15) --------------------------------------------------------


def images(value: Any, name: str, channels: int | None = None, kernels: str = "") -> Array:
    """`value` as a finite float64 array of shape (N, C, H, W), no axis empty.

    If `channels` is given, C must equal it: the channels of the kernels that
    the argument `kernels` names.
    """
    array = float_array(value, name)
    if array.ndim != 4 or 0 in array.shape:
        raise ValueError(
            f"{name} must be a 4-D array of shape (N, C, H, W) (images, channels, height, "
            f"width), no axis empty, got shape {array.shape}"
        )
    if channels is not None and array.shape[1] != channels:
        raise ValueError(
            f"{name} must have {channels} channel{'s' if channels != 1 else ''} "
            f"(axis 1 of (N, C, H, W)), as {kernels} has (its axis 1 of (F, C, KH, KW)), "
            f"got shape {array.shape}"
        )
    return array


def shaped(value: Any, name: str, shape: tuple[int, ...], why: str = "") -> Array:
    """`value` as a finite float64 array of exactly `shape`; `why` says what sets the shape."""
    array = float_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}{why}, got shape {array.shape}")
    return array


def size_pair(value: Any, name: str) -> tuple[int, int]:
    """An int (3 for 3x3) or a pair of ints (height, width), each at least 1, as a pair."""
    if _is_integer(value):
        side = positive_int(value, name, most=MOST)
        return side, side
    if not is_list(value) or len(value) != 2:
        raise TypeError(
            f"{name} must be an int or a pair of ints (height, width), got {describe(value)}"
        )
    return positive_int(value[0], name, most=MOST), positive_int(value[1], name, most=MOST)


def window_fits(
    image_size: tuple[int, ...],
    window: tuple[int, ...],
    stride: Any,
    window_name: str,
    images: str = "the images",
) -> tuple[int, int]:
    """The output size (OH, OW) of a window sliding by `stride` over an image, if it fits.

    The window must be no larger than the image, and the stride must land its
    last step on the image's edge: ``(H - KH) % stride == 0``, the same for W.
    `window_name` and `images` say, in an error, which arguments they come from.
    """
    step = positive_int(stride, "stride", most=MOST)
    (H, W), (KH, KW) = image_size, window
    if KH > H or KW > W:
        raise ValueError(
            f"{window_name} must be no larger than {images}: a {KH}x{KW} window "
            f"does not fit in {H}x{W} images"
        )
    if (H - KH) % step or (W - KW) % step:
        raise ValueError(
            f"stride must fit {window_name} and {images}: a {KH}x{KW} window stepping by "
            f"{step} over {H}x{W} images "
            f"must end on their edge, (H - KH) and (W - KW) divisible by the stride; "
            f"got remainders {(H - KH) % step} and {(W - KW) % step}"
        )
    return (H - KH) // step + 1, (W - KW) // step + 1


def weights_and_biases(
    weights: Any, biases: Any, name: str, axes: str, bias_axis: int
) -> tuple[Array, Array]:
    """A layer's weights, of shape `axes` (``"(F, C, KH, KW)"``), and one bias per `bias_axis`."""
    ndim = axes.count(",") + 1
    array = float_array(weights, name)
    if array.ndim != ndim or 0 in array.shape:
        raise ValueError(
            f"{name} must be a {ndim}-D array of shape {axes}, no axis empty, "
            f"got shape {array.shape}"
        )
    biases_ = vector(biases, "biases")
    n = array.shape[bias_axis]
    if biases_.shape[0] != n:
        per = axes.strip("()").split(", ")[bias_axis]
        raise ValueError(
            f"biases must have shape ({n},), one per {per} of {name} {axes}, "
            f"which has shape {array.shape}; got shape {biases_.shape}"
        )
    return array, biases_


def ints(value: Any, name: str, axes: str) -> tuple[int, ...]:
    """A shape such as ``(N, C, H, W)``: one int of at least 1 per name in `axes`."""
    n = axes.count(",") + 1
    if not is_list(value) or len(value) != n:
        raise TypeError(f"{name} must be {n} ints {axes}, got {describe(value)}")
    return tuple(positive_int(v, name, most=MOST) for v in value)


def cached(*kept: Any) -> tuple[Any, ...]:
    """What a layer's `forward` kept for its `backward`, refused if `forward` has not run yet."""
    if any(value is None for value in kept):
        raise ValueError("backward needs forward(X) first: it uses what forward kept")
    return kept


def layer_list(layers: Any, kinds: tuple[type, ...], last: type) -> list[Any]:
    """A non-empty list of layers, each one of `kinds`, the last a `last`."""
    if not is_list(layers) or not layers:
        raise TypeError(f"layers must be a non-empty list of layers, got {describe(layers)}")
    names = ", ".join(kind.__name__ for kind in kinds)
    for i, layer in enumerate(layers):
        if not isinstance(layer, kinds):
            raise TypeError(f"layers[{i}] must be one of {names}, got {describe(layer)}")
    if not isinstance(layers[-1], last):
        raise ValueError(
            f"layers must end in a {last.__name__} layer (its outputs go into the softmax), "
            f"got a {type(layers[-1]).__name__}"
        )
    return list(layers)


@dataclasses.dataclass(frozen=True)
class Takes:
    """What a layer takes: how many axes, axis 1's length, and the window it slides, if any."""

    ndim: int | None = None  # None: any
    width: int | None = None  # the channels of images, the inputs of rows; None: any
    window: tuple[int, int] | None = None
    stride: int = 1


def fits_layers(
    images: Array, layers: Sequence[tuple[str, Takes, Callable[[tuple[int, ...]], tuple[int, ...]]]]
) -> Array:
    """`images`, refused unless their shape fits every layer in turn.

    Each layer comes as its name, what it takes, and what shape it gives for
    a shape it takes.
    """
    shape: tuple[int, ...] = images.shape
    for i, (kind, takes, output_shape) in enumerate(layers):
        problem = _misfit(shape, takes)
        if problem:
            raise ValueError(
                f"X of shape {images.shape} does not fit the network: at layers[{i}], "
                f"a {kind} given shape {shape}: {problem}"
            )
        shape = output_shape(shape)
    return images


def _misfit(shape: tuple[int, ...], takes: Takes) -> str:
    """Why a layer cannot take an input of `shape`, or "" if it can."""
    axes = {2: "rows (N, n_in)", 4: "images (N, C, H, W)"}
    if takes.ndim is not None and len(shape) != takes.ndim:
        return f"it takes {axes[takes.ndim]}"
    if takes.width is not None and shape[1] != takes.width:
        what = "values per row" if len(shape) == 2 else "channels (axis 1)"
        return f"it takes {takes.width} {what}, not {shape[1]}"
    if takes.window is not None:
        try:
            window_fits((shape[2], shape[3]), takes.window, takes.stride, "its window")
        except ValueError as error:
            return str(error)
    return ""


class InputScaleWarning(UserWarning):
    """Inputs so large that sigmoid neurons saturate: the data probably needs shifting.

    Issued by `NeuralNetwork.feed_forward`, `train` and `train_batches`, at
    every call given an input beyond ±50. At such inputs a sigmoid's output is
    0 or 1 to many digits and its slope almost 0, so the network can neither
    tell inputs apart nor learn.

    Examples
    --------
    >>> import warnings
    >>> from nn_from_scratch import NeuralNetwork
    >>> net = NeuralNetwork.random(42)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     score = net.feed_forward([128, 63])  # raw pounds and inches: not shifted
    >>> caught[0].category.__name__
    'InputScaleWarning'
    """


def warn_if_unscaled(array: Array, name: str, stacklevel: int) -> None:
    """Warn, once per calling line, when inputs are large enough to saturate sigmoids."""
    largest = float(np.abs(array).max())
    if largest > LARGE_INPUT:
        warnings.warn(
            f"{name} holds values as large as {largest:g}: inputs that large push a "
            "sigmoid into its flat ends, where it outputs almost exactly 0 or 1 and barely "
            "learns. Shift or scale the data first (for the tutorial's people, "
            "nn_from_scratch.shift does it).",
            InputScaleWarning,
            stacklevel=stacklevel + 1,
        )


# --- networks ----------------------------------------------------------------------------
#
# This module imports nothing from the package: every chapter's module imports it. So the
# classes and registries a network is checked against come in as arguments: the class
# `NeuralNetwork` and its `PARAMETER_NAMES` from network.py, and `Kinds` from matrix.py.

N = TypeVar("N")


class Layers(Protocol):
    """What these checks read and set on a `MatrixNetwork`."""

    weights: list[Array]
    biases: list[Array]
    activations: list[Any]


@runtime_checkable
class Parameters(Protocol):
    """What these checks use of a `NeuralNetwork`: its nine parameters, by name."""

    def parameters(self) -> dict[str, float]: ...


M = TypeVar("M", bound=Layers)
A = TypeVar("A", bound=tuple[Any, Any, Any])  # an Activation: (name, f, df)
L = TypeVar("L", bound=tuple[Any, Any, Any])  # a Loss: (name, f, df)


@dataclasses.dataclass(frozen=True)
class Kinds(Generic[M, A, L]):
    """What a `MatrixNetwork` and what it is given are checked against; matrix.py makes one.

    `network` is the class `MatrixNetwork`; `activation` and `activations` are
    `Activation` and `ACTIVATIONS`; `loss` and `losses` are `Loss` and `LOSSES`.
    """

    network: type[M]
    activation: type[A]
    activations: Mapping[str, A]
    loss: type[L]
    losses: Mapping[str, L]


def neural_network(network: Any, kind: type[N], parameter_names: Sequence[str]) -> N:
    """`network`, refused unless it is a `kind` (`NeuralNetwork`) whose parameters are finite.

    The parameters are plain attributes, so ``net.w1 = "0.5"`` is not refused
    when it is made; every public call that uses a network checks it here.
    """
    if not isinstance(network, kind):
        raise TypeError(f"network must be a {kind.__name__}, got {describe(network)}")
    given = {name: getattr(network, name) for name in parameter_names}
    checked = {name: real(value, f"network.{name}") for name, value in given.items()}
    for name, value in checked.items():
        if type(given[name]) is not float:  # say, net.w1 = 1 by hand: keep the math on floats
            setattr(network, name, value)
    return network


def neural_network_parameters(given: dict[str, Any]) -> dict[str, float]:
    """The nine parameters of a `NeuralNetwork`, each a finite float; all checked first."""
    return {name: real(value, name) for name, value in given.items()}


def activations(
    value: Any, n_layers: int, kinds: Kinds[Any, A, Any], name: str = "activations"
) -> list[A]:
    """One `Activation` per layer, from names in `ACTIVATIONS` or `Activation` objects."""
    registry, kind = kinds.activations, kinds.activation
    if isinstance(value, (str, kind)):
        value = [value] * n_layers
    if not is_list(value):
        raise TypeError(f"{name} must be a name or a list, got {describe(value)}")
    if len(value) != n_layers:
        raise ValueError(f"{name} must name one function per layer ({n_layers}), got {len(value)}")
    found = []
    for i, activation in enumerate(value):
        if isinstance(activation, str) and activation in registry:
            activation = registry[activation]
        elif isinstance(activation, str):
            raise ValueError(
                f"{name} must be names from {sorted(registry)}, got {describe(activation)}"
            )
        if not isinstance(activation, kind):
            raise TypeError(
                f"{name}[{i}] must be a name or an {kind.__name__}, got {describe(activation)}"
            )
        name_, f, df = activation
        if not (isinstance(name_, str) and callable(f) and callable(df)):
            raise TypeError(
                f"{name}[{i}] must have a str name and callable f and df, "
                f"got {describe(activation)}"
            )
        if registry.get(name_) is not activation:  # the registry's own are known to fit
            takes(f, f"{name}[{i}].f", "f(z)")
            takes(df, f"{name}[{i}].df", "df(a)")
            a = _tried(f, (PROBE.copy(),), f"{name}[{i}].f", "f(z)", PROBE.shape)
            _tried(df, (a,), f"{name}[{i}].df", "df(a)", PROBE.shape)
        if name_ == "softmax" and i < n_layers - 1:
            raise ValueError(
                f"{name}[{i}] is 'softmax', which is allowed only in the last layer "
                f"(layer {n_layers - 1}): its outputs are probabilities for the answer, "
                f"and it has no elementwise derivative to pass back through a hidden layer"
            )
        found.append(activation)
    return found


# The totals a reader's own activation is tried on before it is used: it must give
# an array of the same shape, finite for these finite totals, and so must its df.
PROBE = np.array([[-3.0, -0.5, 0.0, 0.5, 3.0]])


def _tried(
    function: Callable[..., Any], args: tuple[Any, ...], name: str, call: str, shape: Any
) -> Any:
    """What a reader's own `function` returns for `args`, refused unless it fits `shape`.

    `shape` is the shape of array it must return, or ``()`` for one number (a
    loss). A tuple from ``np.modf``, a column dropped, a NaN from ``np.log`` of
    a negative total: each would break the math below in ways that name
    nothing, so each is named here, before anything runs.
    """
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = function(*args)
    except Exception as error:
        raise ValueError(
            f"{name} raised {type(error).__name__} when called as {call} on arrays of "
            f"shape {np.shape(args[-1])}: {error}"
        ) from None
    wanted = "one real number" if shape == () else f"a real array shaped as its input, {shape},"
    fits = np.shape(result) == shape and (
        isinstance(result, np.ndarray) or (shape == () and _is_real(result))
    )
    if not fits or np.asarray(result).dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must return {wanted} when called as {call}, got {describe(result)}"
        )
    if not np.isfinite(result).all():
        raise ValueError(
            f"{name} returned NaN or infinity for finite input ({call} on the values "
            f"{np.asarray(args[-1]).ravel().tolist()}): it must give a finite number there"
        )
    return result


def no_elementwise_slope(name: str) -> NoReturn:
    """Refuse to give an elementwise slope for an activation (softmax) that has none."""
    raise ValueError(
        f"{name} has no elementwise derivative: each of its outputs depends on every "
        f"input of its row. MatrixNetwork.output_delta handles a {name} output layer, "
        f"the only layer {name} is allowed in"
    )


def layers(
    weights: Any, biases: Any, name: str = "", copy: bool = True
) -> tuple[list[Array], list[Array]]:
    """Weight matrices and bias vectors whose shapes chain, as finite float64 arrays.

    With `copy` false, an array the math can already change in place (a plain,
    writeable float64 ndarray) is checked and returned as it is, not copied.
    """
    for what, value in (("weights", weights), ("biases", biases)):
        if not is_list(value):
            raise TypeError(f"{name}{what} must be a list of arrays, got {describe(value)}")
    if len(weights) == 0 or len(biases) != len(weights):
        raise ValueError(
            f"{name}weights and {name}biases must hold one array per layer (at least one), "
            f"got {len(weights)} and {len(biases)}"
        )
    Ws = [_float64(W, f"{name}weights[{i}]", copy) for i, W in enumerate(weights)]
    bs = [_float64(b, f"{name}biases[{i}]", copy) for i, b in enumerate(biases)]
    for i, (W, b) in enumerate(zip(Ws, bs, strict=True)):
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"{name}weights[{i}] must have shape (n_in, n_out), got {W.shape}")
        if i > 0 and W.shape[0] != Ws[i - 1].shape[1]:
            raise ValueError(
                f"{name}weights[{i}] must have {Ws[i - 1].shape[1]} rows, one per output of "
                f"layer {i - 1}, got shape {W.shape}"
            )
        if b.shape != (W.shape[1],):
            raise ValueError(f"{name}biases[{i}] must have shape ({W.shape[1]},), got {b.shape}")
    return Ws, bs


def matrix_network(network: Any, kinds: Kinds[M, Any, Any]) -> M:
    """`network`, refused unless it is a `MatrixNetwork` whose arrays are still valid.

    A reader can change ``net.weights[0]`` in place, or replace it; the network
    is checked again at every public call, as its constructor checked it.
    """
    if not isinstance(network, kinds.network):
        raise TypeError(f"network must be a {kinds.network.__name__}, got {describe(network)}")
    # Training changes the network's own arrays in place, so each must be a plain,
    # writeable float64 ndarray; anything else a reader put there is replaced by a copy.
    network.weights, network.biases = layers(network.weights, network.biases, "network.", False)
    network.activations = activations(
        network.activations, len(network.weights), kinds, "network.activations"
    )
    return network


def _float64(value: Any, name: str, copy: bool) -> Array:
    """`value` itself if `copy` is false and the math can change it in place, else a copy."""
    usable = type(value) is np.ndarray and value.dtype == np.float64 and value.flags.writeable
    if copy or not usable:
        return float_array(value, name)
    if not np.isfinite(value).all():
        raise ValueError(f"{name} must not contain NaN or infinite values, got {describe(value)}")
    return value  # type: ignore[no-any-return]


def samples(network: Layers, X: Any) -> Array:
    """`X` as a float64 array of shape (n_samples, n_inputs) for `network`."""
    return matrix(X, "X", network.weights[0].shape[0])


def loss(value: Any, kinds: Kinds[Any, Any, L]) -> L:
    """A name from `LOSSES`, or a `Loss` whose parts are callable, as a `Loss`."""
    registry, kind = kinds.losses, kinds.loss
    if isinstance(value, str) and value in registry:
        return registry[value]
    if not isinstance(value, kind):
        raise ValueError(
            f"loss must be a name from {sorted(registry)} or a {kind.__name__}, "
            f"got {describe(value)}"
        )
    name, f, df = value
    if not (isinstance(name, str) and callable(f) and callable(df)):
        raise TypeError(f"loss must have a str name and callable f and df, got {describe(value)}")
    if registry.get(name) is not value:  # the registry's own are known to fit
        takes(f, "loss.f", "f(Y, P)")
        takes(df, "loss.df", "df(Y, P)")
    return value


def answers(network: Layers, X: Array, Y: Any, loss: Any, losses: Mapping[str, Any]) -> Array:
    """`Y` as a float64 array of shape (n_samples, n_outputs) that matches `X` and `loss`.

    `losses` is `LOSSES`: its ``"bce"`` and ``"cross_entropy"`` ask more of `Y`.
    """
    array = float_array(Y, "Y")
    n_outputs = network.weights[-1].shape[1]
    if array.ndim == 1 and n_outputs == 1:
        array = array[:, None]  # one answer per sample: a column
    if array.shape != (X.shape[0], n_outputs):
        hint = ONE_HOT_HINT if loss is losses["cross_entropy"] else ""
        raise ValueError(
            f"Y must have shape ({X.shape[0]}, {n_outputs}): one row per row of X, "
            f"one column per output, got shape {array.shape}{hint}"
        )
    if loss is losses["bce"]:
        between_0_and_1(array, "Y (for the 'bce' loss)")
    if loss is losses["cross_entropy"]:
        probability_rows(array, "Y (for the 'cross_entropy' loss)")
    return array


# Where a reader passes labels 0..9 for the cross-entropy: what to do instead.
ONE_HOT_HINT = (
    "; for the 'cross_entropy' loss, give one row per sample with a 1 in its class's "
    "column and 0 elsewhere (nn_from_scratch.one_hot(labels, n_classes) makes them)"
)


def probability_rows(array: Array, name: str) -> Array:
    """`array`, refused unless every row is between 0 and 1 and sums to 1 (within 1e-9)."""
    between_0_and_1(array, name)
    sums = array.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1) > 1e-9)
    if off.size:
        row = int(off[0])
        raise ValueError(
            f"{name} must have rows that sum to 1 (one-hot rows, or probabilities), "
            f"got row {row} summing to {float(sums[row])!r} "
            f"(nn_from_scratch.one_hot(labels, n_classes) makes one-hot rows from labels)"
        )
    return array


def batch(
    network: Any, X: Any, Y: Any, loss_: Any, kinds: Kinds[M, Any, L]
) -> tuple[M, Array, Array, L]:
    """Everything `MatrixNetwork.loss`, `.gradients`, `train_batches` and `check_gradients` take."""
    checked_network = matrix_network(network, kinds)
    checked_X = samples(checked_network, X)
    checked_loss = loss(loss_, kinds)
    checked_Y = answers(checked_network, checked_X, Y, checked_loss, kinds.losses)
    if kinds.losses.get(checked_loss[0]) is not checked_loss:  # a reader's own loss
        Y_ = checked_Y[:2]
        P = np.full(Y_.shape, 0.5)  # outputs a network can give, between 0 and 1
        _tried(checked_loss[1], (Y_, P), "loss.f", "f(Y, P)", ())
        _tried(checked_loss[2], (Y_, P), "loss.df", "df(Y, P)", Y_.shape)
    return checked_network, checked_X, checked_Y, checked_loss


def network_after_callback(network: Any, X: Array, Y: Array, kinds: Kinds[M, Any, Any]) -> M:
    """The network, checked again after a training callback that may have changed it."""
    checked = matrix_network(network, kinds)
    fits = (checked.weights[0].shape[0], checked.weights[-1].shape[1]) == (X.shape[1], Y.shape[1])
    if not fits:
        raise ValueError(
            f"network.weights no longer fit X and Y after the callback: the layers take "
            f"{checked.weights[0].shape[0]} inputs and give {checked.weights[-1].shape[1]} "
            f"outputs, where X has {X.shape[1]} columns and Y {Y.shape[1]}"
        )
    return checked


def finite_difference_step(eps: Any, network: Layers) -> float:
    """`check_gradients`'s nudge: big enough that every `p + eps` differs from `p`, at most 0.1."""
    step = real(eps, "eps")
    largest = max(float(np.abs(array).max()) for array in network.weights + network.biases)
    low = 1e-9 * max(1.0, largest)
    if not low <= step <= 0.1:
        raise ValueError(
            f"eps must be between {low:.3g} and 0.1, got {step!r}: smaller, and rounding "
            f"swamps the difference (a parameter as large as {largest:.3g} barely moves); "
            f"larger, and the difference no longer measures the slope"
        )
    return step


# --- results -----------------------------------------------------------------------------


def _finite(result: Any) -> bool:
    if isinstance(result, dict):
        return _finite(list(result.values()))
    if isinstance(result, (list, tuple)):
        return all(_finite(item) for item in result)
    return bool(np.isfinite(result).all())


def _watched(value: Any) -> Any:
    """A Python float as a numpy float64, whose arithmetic numpy's flags watch."""
    return np.float64(value) if type(value) is float else value


def _python_floats(result: Any) -> Any:
    """`result` with every numpy float64 in it (in lists, tuples, dicts) as a Python float."""
    if isinstance(result, dict):
        return {key: _python_floats(value) for key, value in result.items()}
    if isinstance(result, (list, tuple)):
        return type(result)(_python_floats(item) for item in result)
    return float(result) if type(result) is np.float64 else result


def no_overflow(compute: Callable[..., T], *args: Any, blame: str) -> T:
    """``compute(*args)``, refused with a `ValueError` that starts with `blame` if it overflowed.

    For finite input, the math can still leave float64's range (beyond about
    1.8e308) when the numbers are huge. What comes out then depends on the
    order of the operations, so on the BLAS kernel: ``[1e308, 1e308] @ [2, -2]``
    is NaN under OpenBLAS's Haswell kernel but infinity under its SkylakeX
    kernel (a fused multiply-add), and the sigmoid of that infinity is 1.0
    where the answer is 0.5. So the overflow itself is the error: numpy sets a
    floating-point flag when one happens, in its own loops and in BLAS's
    products alike, and ``np.errstate`` makes the flag raise. Underflow
    (``exp(-740)``, about 4e-322) is a right answer, and allowed.

    Python's own floats set no flag that numpy sees, and chapter 3's network
    computes with them: ``1e308 * 2.0 - 1e308 * 1.0 - 1e308`` is inf, not 0. So
    a Python float argument is passed as a numpy float64, whose arithmetic is
    watched and gives the same results bit for bit, and the answer comes back
    in Python floats. What is left unwatched (Python floats that meet no
    argument) is judged by its result: infinite or NaN is an error too.
    """
    try:
        with np.errstate(all="ignore", over="raise", invalid="raise"):
            result: T = _python_floats(compute(*map(_watched, args)))
        overflowed = not _finite(result)
    except FloatingPointError:  # numpy's overflow flag, or inf - inf and 0 * inf after one
        overflowed = True
    except OverflowError:  # Python's own floats raise it (for ** and math.exp)
        overflowed = True
    if overflowed:
        raise ValueError(
            f"{blame}: the result overflowed float64 (beyond about 1.8e308), "
            f"so it would be infinite or NaN"
        )
    return result


def watched_outputs(network: Any, X: Array) -> list[Array]:
    """``network.layer_outputs(X)``, with a `FloatingPointError` if a layer's total overflowed.

    numpy's overflow flag (`no_overflow`) sees only the calling thread. When
    OpenBLAS computes part of a matrix product ``a @ W`` on another thread, an
    overflow there raises no flag, and a sigmoid or tanh then squashes the
    infinity to a finite, wrong output: the answer would depend on how many
    threads the BLAS runs. Every partial sum of a total ``a @ W + b``, in any
    order, is at most the sum of its terms' sizes, ``|a| @ |W| + |b|``; that
    sum's terms are never negative, so if it overflows it is infinite, on any
    thread. A total is refused when that sum overflows: the same answer on
    every machine. The largest ``|a|`` times the largest column sum of ``|W|``
    bounds it cheaply, so the sum itself is computed only near float64's limit.
    """
    outputs: list[Array] = network.layer_outputs(X)
    for W, b, a_in in zip(network.weights, network.biases, outputs, strict=False):
        with np.errstate(over="ignore", invalid="ignore"):
            bound = np.abs(a_in).max() * np.abs(W).sum(axis=0).max() + np.abs(b).max()
            if bound < 2.0**1000:  # far from float64's limit of about 2**1024
                continue
            sizes = np.abs(a_in) @ np.abs(W) + np.abs(b)
        if not np.isfinite(sizes).all():
            raise FloatingPointError("overflow in a layer's total a @ W + b")
    return outputs


def _attributes(network: Any) -> dict[str, Any]:
    """The attributes a network holds (in its ``__dict__`` or its ``__slots__``), by name."""
    try:  # whatever was passed: the checks that follow say what is wrong with it
        names = list(vars(network)) if hasattr(network, "__dict__") else []
        for kind in type(network).__mro__:
            slots = kind.__dict__.get("__slots__", ())
            names += [slots] if isinstance(slots, str) else list(slots)
        return {name: getattr(network, name) for name in names if hasattr(network, name)}
    except Exception:
        return {}


def unchanged_if_refused(method: Callable[P, T]) -> Callable[P, T]:
    """Make a public call that takes a network first leave it as it found it when it raises.

    The checks put what a reader set by hand into the form the math needs (an
    int as a float, an int64 array as a float64 copy) before the other
    arguments are checked. If the call then refuses them, or stops for any
    reason, each attribute of the network is put back: the same objects, the
    lists holding the same arrays. (What the math changes inside those arrays
    is `restored_on_error`'s to put back.)
    """

    @functools.wraps(method)
    def leaves_it_unchanged(*args: P.args, **kwargs: P.kwargs) -> T:
        network = args[0] if args else kwargs.get("network")  # the first, or named
        given = _attributes(network)
        items = {name: list(value) for name, value in given.items() if type(value) is list}
        try:
            return method(*args, **kwargs)
        except BaseException:
            for name, value in given.items():
                if name in items:
                    value[:] = items[name]
                setattr(network, name, value)
            raise

    return leaves_it_unchanged


@contextlib.contextmanager
def restored_on_error(network: Parameters | Layers) -> Iterator[None]:
    """Put every parameter of `network` back as it was if the block raises, whatever it raises.

    Training and `sgd_step` change a network step by step. If they stop with an
    error (divergence, a callback that raises, Ctrl-C), the network is left as
    the call found it, never half-trained.
    """
    if isinstance(network, Parameters):  # a NeuralNetwork
        saved = network.parameters()
        try:
            yield
        except BaseException:
            for name, value in saved.items():
                setattr(network, name, value)
            raise
        return
    arrays = network.weights + network.biases  # the network's own arrays, changed in place
    copies = [array.copy() for array in arrays]
    try:
        yield
    except BaseException:
        for array, copy in zip(arrays, copies, strict=True):
            array[...] = copy
        raise


def path(value: Any) -> str:
    """A file path (str, bytes or os.PathLike) as a str; bytes decoded as the file system does."""
    try:
        text = os.fsdecode(value)
    except TypeError:
        raise TypeError(
            f"path must be a str, bytes or an os.PathLike such as pathlib.Path, "
            f"got {describe(value)}"
        ) from None
    if not text:
        raise ValueError("path must not be empty, got ''")
    if "\0" in text:
        raise ValueError(f"path must not contain a NUL character, got {text!r}")
    return text


# --- automatic differentiation (chapter 10) -------------------------------------------------


def operand(value: Any, name: str) -> float | None:
    """`value` as a finite float if it is a real number, else None (not a number at all).

    `Value`'s arithmetic operators return ``NotImplemented`` for None, so that
    Python raises its usual ``TypeError: unsupported operand type(s)``; a real
    number that is NaN, infinite or beyond float64 is refused here by name.
    """
    return real(value, name) if _is_real(value) else None


def exponent(value: Any) -> float:
    """The `n` of ``x ** n``: a finite real number, fixed (a `Value` exponent is refused)."""
    if not _is_real(value):
        raise TypeError(
            f"exponent must be a real number (x ** n takes a fixed n, not a Value), "
            f"got {describe(value)}"
        )
    return real(value, "exponent")


def result(compute: Callable[..., Any], *operands: float, op: str) -> float:
    """``compute(*operands)``, a finite float, or a `ValueError` that shows the operation.

    For `Value`'s operations on Python floats: an overflow (``exp(710.0)``,
    ``1e308 * 10.0``), a division by zero (``0.0 ** -1.0``) or a complex result
    (``(-8.0) ** 0.5``) is refused, naming the operation and its operands.
    """
    try:
        value = compute(*operands)
    except ZeroDivisionError:
        raise ValueError(f"{_shown(op, operands)} divides by zero") from None
    except OverflowError:
        value = math.inf
    if isinstance(value, complex):
        raise ValueError(
            f"{_shown(op, operands)} is not a real number: a negative number to a fractional power"
        )
    if not math.isfinite(value):
        raise ValueError(
            f"{_shown(op, operands)} is too large: the result overflowed float64 "
            f"(beyond about 1.8e308)"
        )
    return value  # type: ignore[no-any-return]


def _shown(op: str, operands: Sequence[float]) -> str:
    """An operation as the reader would write it: ``exp(710.0)``, ``(-8.0) ** 0.5``."""
    if len(operands) == 1:
        return f"{op}({operands[0]!r})"
    a, b = (f"({x!r})" if x < 0 else repr(x) for x in operands)
    return f"{a} {op} {b}"


@contextlib.contextmanager
def gradients_restored(values: Sequence[Any]) -> Iterator[None]:
    """A backward pass over `values`, all or nothing: a gradient that overflows is an error.

    If the block raises, whatever it raises, every ``value.grad`` is put back as
    it was: a pass stopped halfway (by Ctrl-C, or by a `_backward` of the
    reader's own that raises) would leave some gradients added and others not.
    An arithmetic error (a gradient beyond float64, which the `grad` property
    refuses as it is set, or the infinite slope of ``x ** 0.5`` at 0) becomes
    a `ValueError` that says why; anything else is raised as it was.
    """
    before = [value.grad for value in values]
    try:
        yield
    except BaseException as error:
        for value, grad in zip(values, before, strict=True):
            value.grad = grad
        refused_grad = isinstance(error, ValueError) and str(error).startswith("grad ")
        if refused_grad or isinstance(error, (OverflowError, ZeroDivisionError)):
            raise ValueError(
                "backward() found a gradient too large for float64 (beyond about 1.8e308) or "
                "infinite (such as the slope of x ** 0.5 at 0); every .grad is as it was"
            ) from None
        raise
