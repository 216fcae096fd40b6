"""Fuzz every public callable of `nn_from_scratch.__all__` that takes arguments, and those
of chapters 14 and 15's modules, `nn_from_scratch.deeper` (`layer_statistics`) and
`nn_from_scratch.convolution` (`convolve`, `im2col`, `col2im`, `Conv2D`, `MaxPool2D`,
`ConvNet` and `train_convnet`), which are outside `__all__`.

Each test starts from valid "base" arguments and replaces one of them, so a
failure names one argument of one callable. Each argument's junk is a fixed list,
every item of which is tried (one test per argument lists every item that is
mishandled), and a hypothesis strategy that draws from that list and beyond it
(random text, bytes, complex and huge numbers, junk at a random place in an
array, ...) and shrinks a failure to a minimal example. The rules checked:

1. Junk for one argument (text, None, bools, complex, numpy dates and
   durations, numpy scalars and 0-d arrays of every dtype that does not hold
   real numbers, 0-d object arrays holding junk, buffers of every format:
   bytes, bytearray, a memoryview of an array of every dtype, an array.array of
   every typecode; masked arrays, ragged or deeply nested lists, junk inside
   lists, NaN and infinity, float128 values beyond float64, huge ints, wrong
   shapes (a 0-d array of any real dtype, where one number or a shaped array
   belongs), empty arrays, images whose shape breaks a rule (another number of
   axes or channels, smaller than the kernel, a stride that misses their edge;
   another height or width is valid), numbers out of range, wrong types of
   flag, callback, rng, loss or activations, functions that take the wrong
   arguments, networks with a corrupted parameter, optimizers whose numbers
   were set to junk) raises TypeError or ValueError whose message
   names the argument. Where two arguments do not fit together (kernels and
   images, X and Y), the message names both.
   For a network argument that is a network, the message names the attribute
   (``network.w3``, ``network.weights[0]``, ``network.activations``).
2. No warning escapes for finite input, except the documented
   `InputScaleWarning` (inputs beyond ±50), which the tests ignore.
3. Finite input, however huge or tiny, gives a finite result (and leaves a
   trained network finite), or a ValueError (`TrainingDivergedError` included).
4. A refused call changes nothing: every network, neuron and chapter 15 layer
   passed in (or called) is the same, bit for bit, and `save` leaves no file
   behind. So does a training call stopped by an exception from its callback.
5. Valid random input works and gives results of the documented type, shape
   and range.
6. The same numbers in another form give the same result: a numpy scalar of
   every real dtype that holds the number exactly, a Fraction, an int for a
   whole float; an array as a list, a tuple, an object array, a list of 0-d
   arrays, a read-only, byte-swapped or strided array, or of any real dtype that
   holds its numbers. -0.0, as a float or a numpy scalar, is treated as 0.0.
7. A function the reader passes in (an Activation's f or df, a Loss's f or df,
   a callback) of any signature (0 to 3 parameters, defaults, ``*args``,
   keyword-only, ``**kwargs``; built-ins and ufuncs) is used if it can be called
   as the package calls it, else refused by name before anything changes.

`Value`'s arithmetic is fuzzed with numbers that are not finite, which must be
refused by name (``other``, ``exponent``); for what is not a number at all it
returns ``NotImplemented``, as Python's numbers do, so Python raises its own
``TypeError`` (tests/test_autodiff.py checks it for every operator and side).

Not fuzzed with junk: the NamedTuple records `Activation`, `Loss` and `Person`,
which take anything by design and are checked where they are used (junk ones
are passed to `MatrixNetwork`, `.loss`, `train_batches`, ...), and the classes
`InputScaleWarning` and `TrainingDivergedError` (rule 5 only). `save` and
`load` get argument junk only; damaged files are tests/test_saving_fuzz.py's.
Chapters 14 and 15's callables get rules 1, 4 and 6 (and 2 and 3: `convolve`,
`ConvNet`'s `loss` and `backprop`, `train_convnet`, `layer_statistics`);
`convolve_loops`, `ReLU`, `Flatten`, `Dense` and the layers' backward passes,
whose arguments go through the same checks as those fuzzed, are left out to
keep the default run short, and so are arguments whose check another target
fuzzes (a comment at each says which).

Every test is derandomized: each run draws the same examples.
"""

from __future__ import annotations

import array
import contextlib
import datetime
import functools
import inspect
import itertools
import math
import os
import re
import struct
import warnings
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.strategies import SearchStrategy

import nn_from_scratch
from nn_from_scratch import (
    ACTIVATIONS,
    INITS,
    LOSSES,
    PARAMETER_NAMES,
    SGD,
    Activation,
    Adam,
    InputScaleWarning,
    Loss,
    MatrixNetwork,
    Momentum,
    NeuralNetwork,
    Neuron,
    TrainingDivergedError,
    Value,
    accuracy,
    binary_cross_entropy,
    check_gradients,
    confusion_matrix,
    convolution,
    decode_gender,
    deeper,
    deriv_sigmoid,
    encode_gender,
    gradients,
    load,
    load_digits,
    make_moons,
    mse_loss,
    one_hot,
    predict,
    relative_error,
    save,
    sgd_step,
    shift,
    sigmoid,
    train,
    train_batches,
    train_test_split,
    training_data,
)
from nn_from_scratch.convolution import (
    Conv2D,
    ConvNet,
    Dense,
    Flatten,
    MaxPool2D,
    ReLU,
    col2im,
    convolve,
    im2col,
    train_convnet,
)
from nn_from_scratch.deeper import layer_statistics
from tests.helpers import INF, NAN, THOROUGH, Unshowable, examples, snapshot, unchanged


def fuzz(max_examples: int) -> settings:
    """Identical examples on every run, no deadline, nothing remembered between runs."""
    return settings(
        derandomize=True,
        max_examples=examples(max_examples),
        deadline=None,
        database=None,
        print_blob=False,
        report_multiple_bugs=False,  # one minimal failure per test: a failing run stays short
        phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": it takes long
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


MAX = float(np.finfo(np.float64).max)
CONV_LAYERS = (Conv2D, MaxPool2D, ReLU, Flatten, Dense)
TINY = 5e-324  # the smallest subnormal
HAS_WIDE_FLOATS = bool(np.finfo(np.longdouble).max > np.finfo(np.float64).max)


# --- calling, and judging what a call did --------------------------------------------------


@dataclass
class Outcome:
    value: Any = None
    error: Exception | None = None


def attempt(call: Callable[..., Any], arguments: dict[str, Any]) -> Outcome:
    """``call(**arguments)`` with every warning an error, except `InputScaleWarning`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", InputScaleWarning)
        try:
            return Outcome(value=call(**arguments))
        except Exception as error:  # judged by the caller: any type is a finding
            return Outcome(error=error)


def show(value: Any, limit: int = 90) -> str:
    """A short, safe repr (a deeply nested list cannot even be repr'd)."""
    try:
        text = " ".join(repr(value).split())
    except Exception as error:
        text = f"<{type(value).__name__}: repr raised {type(error).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def called(name: str, arguments: dict[str, Any]) -> str:
    """A one-line description of a call, for failure messages."""
    inside = ", ".join(f"{key}={show(value, 60)}" for key, value in arguments.items())
    return f"{name}({inside})"


def describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {show(str(error), 300)}"


def names(expected: str, message: str) -> bool:
    """Does `message` name `expected` (as a whole name, e.g. ``X`` but not in ``X_``)?"""
    if len(expected) == 1 and expected.islower():  # "a", "b", "x": words of English too
        return re.match(rf"{re.escape(expected)}\b", message) is not None
    return re.search(rf"(?<!\w){re.escape(expected)}(?!\w)", message) is not None


def bits(value: Any) -> Any:
    """A comparable image of `value`, bit for bit: floats by their bytes, arrays by theirs."""
    if isinstance(value, NeuralNetwork):
        return ("NeuralNetwork", tuple(bits(getattr(value, name)) for name in PARAMETER_NAMES))
    if isinstance(value, MatrixNetwork):
        parts = (value.weights, value.biases)
        return ("MatrixNetwork", tuple(bits(part) for part in parts))
    if isinstance(value, Neuron):
        return ("Neuron", bits(value.weights), bits(value.bias))
    if isinstance(value, ConvNet):
        return ("ConvNet", bits(value.params()))  # what training changes
    if isinstance(value, CONV_LAYERS):  # what it trains and what its forward kept
        return (type(value).__name__, tuple((k, bits(v)) for k, v in sorted(vars(value).items())))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(bits(item) for item in value))
    if type(value) is np.ndarray and value.dtype.kind in "biufc":
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if type(value) is float:
        return ("float", struct.pack("<d", value))
    return (type(value).__name__, show(value, 10**6))


def state(arguments: dict[str, Any]) -> dict[str, Any]:
    """What a refused call must leave as it was: networks, neurons, and `save`'s file."""
    image = {
        key: bits(value)
        for key, value in arguments.items()
        if isinstance(value, (NeuralNetwork, MatrixNetwork, Neuron, ConvNet, *CONV_LAYERS))
    }
    path = arguments.get("path")
    if isinstance(path, Path):
        image["file exists"] = path.exists()
    return image


def finite(value: Any) -> bool:
    """Every number in `value` (a number, an array, or lists, tuples, dicts of them) finite."""
    if value is None:  # sgd_step's result: its network is checked instead
        return True
    if isinstance(value, dict):
        return all(finite(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return all(finite(item) for item in value)
    if isinstance(value, (NeuralNetwork, MatrixNetwork, ConvNet)):
        return finite(numbers_of(value))
    return bool(np.isfinite(value).all())


def numbers_of(network: NeuralNetwork | MatrixNetwork | ConvNet) -> list[Any]:
    if isinstance(network, NeuralNetwork):
        return list(network.parameters().values())
    if isinstance(network, ConvNet):
        return network.params()
    return [*network.weights, *network.biases]


def networks_in(arguments: dict[str, Any]) -> list[Any]:
    kinds = (NeuralNetwork, MatrixNetwork, ConvNet)
    return [v for v in arguments.values() if isinstance(v, kinds)]


# --- junk --------------------------------------------------------------------------------


class Bad:
    """A junk value, where inside it the junk is (".w3", ".weights[0]", or ""), and a label.

    Hypothesis prints the label: some junk (a list nested 3000 deep) cannot be printed.
    """

    def __init__(self, value: Any, where: str = "", label: str | None = None) -> None:
        self.value = value
        self.where = where
        self.label = label

    def __repr__(self) -> str:
        return self.label if self.label is not None else show(self.value, 200)


def nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def takes_nothing() -> None:
    """A callback that cannot be called as callback(epoch, loss)."""


def takes_one(epoch: int) -> None:
    """A callback that cannot be called as callback(epoch, loss)."""


def takes_three(epoch: int, loss: float, extra: object) -> None:
    """A callback that cannot be called as callback(epoch, loss)."""


def keywords_only(*, epoch: int, loss: float) -> None:
    """A callback that cannot be called as callback(epoch, loss)."""


def quiet(epoch: int, loss: float) -> None:
    """A valid callback."""


if HAS_WIDE_FLOATS:
    BEYOND_FLOAT64: SearchStrategy[Any] = st.builds(
        lambda sign, digits, exponent: np.longdouble(f"{sign}{digits}e{exponent}"),
        st.sampled_from(["", "-"]),
        st.integers(1, 9),
        st.integers(309, 4900),
    )
else:  # pragma: no cover - long double is float64 here
    BEYOND_FLOAT64 = st.nothing()

# numpy's dtypes: those that hold real numbers (also where an array is taken), and the rest.
REAL_DTYPES = tuple(np.dtype(code) for code in "bBhHiIlLqQefdg")
OTHER_DTYPES = tuple(
    np.dtype(code) for code in ("?", "F", "D", "G", "U3", "S3", "M8[s]", "m8[s]", "V8", "f8,i4")
)


def zero_d(item: Any) -> np.ndarray:
    """A 0-d object array holding `item` (whatever it is: a list stays a list)."""
    array = np.empty((), dtype=object)
    array[()] = item
    return array


def buffers(values: Any) -> list[Any]:
    """`values` in every buffer format: a memoryview of them in every dtype that exports
    one, bytes, a bytearray, and an array.array of every typecode."""
    found: list[Any] = [bytes(bytearray(values)), bytearray(values)]
    for dtype in (*REAL_DTYPES, *OTHER_DTYPES, np.dtype(object)):
        with contextlib.suppress(TypeError, ValueError):  # datetimes export no buffer
            found.append(memoryview(np.array(values).astype(dtype)))
    for code in array.typecodes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # "u", deprecated in 3.13
            text = "".join(chr(65 + value) for value in values)
            found.append(array.array(code, text if code in "uw" else values))
    return found


# numpy scalars and 0-d arrays of every dtype that does not hold a real number.
NUMPY_NOT_REAL: tuple[Any, ...] = (
    *(np.zeros((), dtype)[()] for dtype in OTHER_DTYPES),  # np.bool_, np.str_, np.void, ...
    *(np.zeros((), dtype) for dtype in OTHER_DTYPES),
    *(zero_d(item) for item in (None, "0.5", b"0.5", 1j, True, object(), [0.5, [0.5]])),
)
# 0-d arrays of real numbers: arrays, so junk where one number belongs (and where an
# array of some shape does), valid where any shape is (sigmoid).
ZERO_D_REAL: tuple[Any, ...] = (
    *(np.ones((), dtype) for dtype in REAL_DTYPES),
    *(zero_d(item) for item in (0.5, 1, np.float16(0.5), Fraction(1, 2))),
)


# Not a real number, nor an array of them: junk wherever a number or an array belongs.
NOT_NUMBERS: tuple[Any, ...] = (
    Unshowable(),
    "",
    "0.5",
    "nan",
    b"0.5",
    bytearray(b"\x01"),
    memoryview(b"\x01"),
    None,
    True,
    False,
    np.True_,
    np.False_,
    1 + 2j,
    np.complex128(0.5),
    np.timedelta64(1, "s"),
    np.datetime64("2020-01-01"),
    datetime.timedelta(seconds=1),
    np.ma.masked_array(0.5, mask=True),
    np.ma.masked,
    {0.5},
    {"value": 0.5},
    object(),
    print,
    *NUMPY_NOT_REAL,
    *buffers([1, 0]),
)
# Junk where one number belongs.
NOT_NUMBER_SCALARS = (*NOT_NUMBERS, *ZERO_D_REAL, [0.5], (0.5,))

# Real numbers that are not finite float64 values: refused with a ValueError.
NOT_FINITE: tuple[Any, ...] = (
    NAN,
    INF,
    -INF,
    np.float64(NAN),
    np.float32(INF),
    np.float16(-INF),
    np.longdouble("nan"),
    10**400,
    -(10**400),
    Fraction(10**400, 3),
    *((np.longdouble("1e400"), -np.longdouble("1e4000")) if HAS_WIDE_FLOATS else ()),
)


@dataclass
class Junk:
    """The junk for one argument: a fixed list, where every item is tried, and more.

    `fixed` and `more` make fresh objects on each call: a call that wrongly accepts
    a junk network may change it.
    """

    fixed: Callable[[], list[Bad]]
    more: Callable[[], SearchStrategy[Bad]] = st.nothing

    def strategy(self) -> SearchStrategy[Bad]:
        return st.one_of(st.sampled_from(self.fixed()), self.more())


def any_of(values: Sequence[Any]) -> SearchStrategy[Any]:
    """One of `values`, drawn by index: `st.sampled_from` hashes them, and a memoryview of
    anything but bytes cannot be hashed."""
    return st.integers(0, len(values) - 1).map(values.__getitem__)


def bads(values: Any) -> list[Bad]:
    return [Bad(value) for value in values]


def plain(values: SearchStrategy[Any]) -> SearchStrategy[Bad]:
    return values.map(Bad)


def real_junk(*extra: Any, more: SearchStrategy[Any] | None = None, none_ok: bool = False) -> Junk:
    """Anything that is not one finite real number (and `extra`, `more`); None unless `none_ok`."""
    generated = st.one_of(
        st.text(max_size=4),
        st.binary(max_size=4),
        st.complex_numbers(),
        st.integers(min_value=2**1024),
        st.integers(max_value=-(2**1024)),
        BEYOND_FLOAT64,
        *([more] if more is not None else []),
    )
    fixed = tuple(v for v in NOT_NUMBER_SCALARS if not (none_ok and v is None))
    return Junk(lambda: bads(fixed + NOT_FINITE + extra), lambda: plain(generated))


def positive_real_junk(*, none_ok: bool = False) -> Junk:
    not_positive = (0, 0.0, -0.0, -1, -TINY, np.float32(-1.0), Fraction(-1, 3))
    return real_junk(*not_positive, more=st.floats(max_value=0.0), none_ok=none_ok)


def fraction_junk() -> Junk:
    """Anything that is not a number from 0 up to, but not including, 1."""
    outside = st.floats(1.0) | st.floats(max_value=0.0, exclude_max=True)
    return real_junk(-TINY, 1, 1.0, 1 + 2**-52, -1, 2, 1e308, more=outside)


def optimizer_junk() -> Junk:
    """Not an optimizer, or one whose numbers were set by hand to junk."""

    def broken() -> list[Any]:
        made = []
        for optimizer, name, value in (
            (SGD(), "learn_rate", -1.0),
            (SGD(), "learn_rate", NAN),
            (Momentum(), "beta", 1.0),
            (Adam(), "beta1", -0.5),
            (Adam(), "beta2", 1.5),
            (Adam(), "eps", 0.0),
        ):
            setattr(optimizer, name, value)
            made.append(optimizer)
        return made

    values = ("adam", SGD, 0.1, object(), [SGD()], True)
    return Junk(lambda: bads(values + tuple(broken())))


def non_negative_real_junk() -> Junk:
    negative = (-1, -TINY, np.float32(-1.0), Fraction(-1, 3))
    return real_junk(*negative, more=st.floats(max_value=-TINY))


def score_junk() -> Junk:
    """Anything that is not a number between 0 and 1."""
    outside = st.floats(1.0, exclude_min=True) | st.floats(max_value=0.0, exclude_max=True)
    return real_junk(-TINY, 1 + 2**-52, -1, 2, 1e308, more=outside)


class LyingInt(int):
    """An int whose comparisons lie: it is never below anything, never above anything."""

    def __lt__(self, other: object) -> bool:
        return False

    __gt__ = __lt__

    def __ge__(self, other: object) -> bool:
        return True

    __le__ = __ge__
    __hash__ = int.__hash__


def int_junk(least: int, *, huge: bool = False, none_ok: bool = False) -> Junk:
    """Anything that is not an int of at least `least` (`huge`: 10**400 is junk too)."""
    not_ints = (2.0, np.float64(2.0), np.float32(3.0), 2.5, NAN, INF, Fraction(2), "2")
    too_small = (least - 1, np.int64(least - 1), np.uint8(0) if least > 0 else -1)
    too_small += (LyingInt(least - 1),)  # checked by what it is, not by what it says
    not_numbers = tuple(value for value in NOT_NUMBERS if not (none_ok and value is None))
    fixed = not_numbers + not_ints + too_small + ((10**400,) if huge else ())
    more = st.one_of(st.integers(max_value=least - 1), st.floats(), st.text(max_size=3))
    return Junk(lambda: bads(fixed), lambda: plain(more))


def flag_junk() -> Junk:
    values = (None, 0, 1, 1.0, "True", "", b"", [True], (False,), np.array([True]), NAN, 1j)
    values += (np.array(True), zero_d(True), memoryview(np.array([True])))
    return Junk(lambda: bads(values), lambda: plain(st.integers() | st.text(max_size=3)))


def callback_junk() -> Junk:
    values = (3, 1.5, "print", b"", True, [quiet], (quiet,), object())
    # np.tanh's signature binds (epoch, loss), loss as its `out`: a ufunc says its inputs in .nin
    wrong_signature = (takes_nothing, takes_one, takes_three, keywords_only, np.tanh)
    return Junk(lambda: bads(values + wrong_signature))


def rng_junk() -> Junk:
    values = (
        -1,
        np.int64(-1),
        -(10**400),
        1.5,
        np.float64(3.0),
        "42",
        np.random.RandomState(0),
        np.random.SeedSequence(0),
        np.random.PCG64(0),
    )
    more = st.integers(max_value=-1) | st.floats()
    return Junk(lambda: bads(NOT_NUMBERS + values), lambda: plain(more))


def choice_junk(choices: Any, *extra: Any) -> Junk:
    """Anything that is not one of the strings in `choices` (and `extra`)."""
    first = next(iter(choices))
    values = (
        None,
        1,
        True,
        first.encode(),
        np.bytes_(first.encode()),
        "",
        first.swapcase(),
        f" {first}",
        f"{first}\0",
        [first],
        (first,),
        np.array(first),
        zero_d(first),
        memoryview(first.encode()),
        *extra,
    )
    others = st.text(max_size=6).filter(lambda text: text not in choices)
    return Junk(lambda: bads(values), lambda: plain(others))


def operand_junk() -> Junk:
    """Real numbers that are not finite float64 values, as operands of `Value` arithmetic."""
    more = st.one_of(st.integers(min_value=2**1024), BEYOND_FLOAT64, st.sampled_from((NAN, INF)))
    return Junk(lambda: bads(NOT_FINITE), lambda: plain(more))


def loss_junk() -> Junk:
    mse = LOSSES["mse"]
    return choice_junk(
        LOSSES,
        tuple(mse),  # a plain tuple, not a Loss
        Loss("mse", None, None),  # type: ignore[arg-type]
        Loss("mse", "f", "df"),  # type: ignore[arg-type]
        Loss(3, mse.f, mse.df),  # type: ignore[arg-type]
        ACTIVATIONS["sigmoid"],
        {"mse"},
        # Functions that cannot be called as f(Y, P) and df(Y, P).
        Loss("own", takes_nothing, mse.df),
        Loss("own", mse.f, takes_one),
        Loss("own", takes_three, mse.df),
        Loss("own", mse.f, keywords_only),
        Loss("own", np.tanh, mse.df),  # a ufunc of one input (its signature binds P as `out`)
    )


def activations_junk(n_layers: int) -> Junk:
    """Anything that is not `n_layers` activations (or one for all)."""
    values = (
        None,
        1,
        b"sigmoid",
        "",
        "softplus",
        "Sigmoid",
        ["sigmoid"] * (n_layers + 1),
        ["sigmoid"] * (n_layers - 1) if n_layers > 1 else [],
        ["sigmoid"] * (n_layers - 1) + [3],
        ["sigmoid"] * (n_layers - 1) + [None],
        ["sigmoid"] * (n_layers - 1) + ["softplus"],
        ["softmax"] + ["sigmoid"] * (n_layers - 1),  # softmax is for the last layer only
        ["sigmoid"] * (n_layers - 1) + [b"relu"],
        {"sigmoid"},
        {"sigmoid": 1},
        Activation("x", None, None),  # type: ignore[arg-type]
        Activation(3, np.tanh, np.tanh),  # type: ignore[arg-type]
        [Activation("x", "f", "df")] * n_layers,  # type: ignore[arg-type]
        LOSSES["mse"],  # its f and df take (Y, P)
        # Functions that cannot be called as f(z) and df(a).
        Activation("own", takes_nothing, np.tanh),
        [Activation("own", np.tanh, takes_three)] * n_layers,
        Activation("own", keywords_only, np.tanh),
        Activation("own", np.add, np.tanh),  # a ufunc of two inputs
        memoryview(np.array([0.5] * n_layers, np.float16)),
        bytearray(n_layers),
        ["sigmoid"] * (n_layers - 1) + [memoryview(b"relu")],
    )
    others = st.text(max_size=6).filter(lambda text: text not in ACTIVATIONS)
    return Junk(lambda: bads(values), lambda: plain(others))


def sizes_junk() -> Junk:
    values = (
        None,
        "23",
        3,
        2.0,
        [2],
        [],
        [2, 0],
        [0, 1],
        [2, -1],
        [2, 1.5],
        [2, True],
        [2, "3"],
        [2, None],
        [2, np.float64(3.0)],
        [2, np.timedelta64(3, "s")],
        [2, 10**400],
        [2, [3]],
        (2, 1j),
        {2, 3},
        np.array(2),
        zero_d([2, 1]),
        *buffers([2, 3, 1]),  # as many sizes as the base: refused for what they are
        [2, np.array(1)],
        [2, zero_d(1)],
    )
    return Junk(lambda: bads(values))


def path_junk() -> Junk:
    values = (
        None,
        1,
        1.5,
        True,
        [],
        ["net.npz"],
        object(),
        "",
        b"",
        "net\0.npz",
        b"net\0.npz",
        bytearray(b"net.npz"),
        memoryview(b"net.npz"),
    )
    return Junk(lambda: bads(values))


# --- junk arrays ---------------------------------------------------------------------------

# What can stand in one place of a list of numbers and make it junk.
ITEM_JUNK: tuple[Any, ...] = (
    "0.5",
    "",
    None,
    True,
    np.True_,
    1j,
    np.complex64(1),
    np.timedelta64(1, "s"),
    np.datetime64("2000-01-01"),
    b"1",
    bytearray(b"1"),
    memoryview(b"1"),
    object(),
    [0.5, 0.5],  # ragged
    [],
    np.ma.masked,
    {0.5},
    *NUMPY_NOT_REAL,
    memoryview(np.array([0.5], np.float16)),
    memoryview(np.array(0.5)),
    array.array("d", [0.5]),
)
ITEM_NOT_FINITE: tuple[Any, ...] = (NAN, INF, -INF, np.float32(NAN))
ITEM_TOO_LARGE: tuple[Any, ...] = (
    10**400,
    *((np.longdouble("1e400"),) if HAS_WIDE_FLOATS else ()),
)


def with_item(valid: np.ndarray, index: int, item: Any) -> list[Any]:
    """`valid` as nested lists, with one of its numbers replaced by `item`."""
    rows = valid.tolist()
    *outer, last = np.unravel_index(index % valid.size, valid.shape)
    place = rows
    for i in outer:  # down to the innermost list that holds the number
        place = place[i]
    place[last] = item
    return rows


def with_array_item(valid: np.ndarray, item: Any, dtype: Any = None) -> np.ndarray:
    """`valid` as an array of `dtype`, with its first number replaced by `item`."""
    array = valid.astype(dtype if dtype is not None else valid.dtype)
    array.flat[0] = item
    return array


def ragged(valid: np.ndarray) -> list[Any]:
    rows = valid.tolist()
    if valid.ndim == 1:
        return [[rows[0], rows[0]], *rows[1:]]
    innermost = rows
    for _ in range(valid.ndim - 1):  # the first innermost list, a number short
        innermost = innermost[0]
    innermost.pop()
    return rows


def dtype_junk(valid: np.ndarray) -> list[Bad]:
    """`valid`'s numbers in arrays of a type that does not hold real numbers."""
    junk = [
        Bad(valid.astype(bool)),
        Bad(valid.astype(complex)),
        Bad(valid.astype(str)),
        Bad(valid.astype(bytes)),
        Bad(np.zeros(valid.shape, "datetime64[s]")),
        Bad(np.zeros(valid.shape, "timedelta64[s]")),
        Bad(np.zeros(valid.shape, [("v", "f8")])),
        Bad(np.ma.masked_array(valid)),
        Bad(np.ma.masked_array(valid, mask=True)),
        Bad(with_array_item(valid, None, object)),
        Bad(with_array_item(valid, "0.5", object)),
        Bad(bytearray(valid.size)),
        Bad(memoryview(bytes(valid.size))),
        Bad(zero_d(valid.tolist())),  # one item, a list: not an array of numbers
        Bad(array.array("d", valid.ravel().tolist())),
    ]
    for dtype in (*REAL_DTYPES, *OTHER_DTYPES, np.dtype(object)):
        with contextlib.suppress(TypeError, ValueError):  # datetimes export no buffer
            junk.append(Bad(memoryview(valid.astype(dtype))))
    return junk


def non_finite_arrays(valid: np.ndarray) -> list[Bad]:
    junk = [Bad(with_array_item(valid, v)) for v in (NAN, INF, -INF)]
    if HAS_WIDE_FLOATS:
        junk.append(Bad(with_array_item(valid, np.longdouble("1e400"), np.longdouble)))
    return junk


def shape_junk(valid: np.ndarray, length_matters: bool, column_ok: bool) -> list[Bad]:
    """Arrays with `valid`'s numbers but the wrong shape (or emptiness)."""
    junk = [
        Bad(valid[None]),
        *([] if column_ok else [Bad(valid[..., None])]),
        Bad(np.zeros((0, *valid.shape[1:]))),
        Bad(np.zeros((*valid.shape[:-1], 0))),
        Bad(0.5),
        Bad(np.float64(0.5)),
        *bads(ZERO_D_REAL),
        Bad([]),
    ]
    if valid.ndim == 2:
        junk += [
            Bad(valid.ravel()),
            Bad(np.zeros((valid.shape[0], valid.shape[1] + 1))),
            Bad(np.ascontiguousarray(valid.T) if valid.shape[0] != valid.shape[1] else valid[:0]),
        ]
    if length_matters:
        junk += [Bad(valid[:-1]), Bad(np.concatenate([valid, valid[:1]]))]
    return junk


def is_rectangular(items: list[Any]) -> bool:
    """Whether `items` are all lists of one length: a valid 2-D array of numbers (or empty)."""
    return all(isinstance(item, list) for item in items) and len({len(i) for i in items}) == 1


def array_junk(
    valid: Any,
    *,
    length_matters: bool = True,
    non_finite_ok: bool = False,
    any_shape: bool = False,
    unit: bool = False,
    column_ok: bool = False,
    classes: int | None = None,
) -> Junk:
    """Junk where an array like `valid` belongs.

    length_matters: a different number of rows is junk; non_finite_ok: NaN and
    infinity are valid (sigmoid); any_shape: every shape is valid (sigmoid);
    unit: values outside [0, 1] are junk (binary cross-entropy's answers);
    column_ok: `valid` as a column is valid too (answers for a one-output network);
    classes: `valid` holds class labels, so anything but a whole number from 0 to
    classes - 1 is junk (a count: any whole number 0 or more, if classes is 0).
    """
    valid = np.asarray(valid, dtype=np.float64)
    rows_ok, width = valid.ndim == 2 and not length_matters, valid.shape[-1]
    items = ITEM_JUNK + ITEM_TOO_LARGE + (() if non_finite_ok else ITEM_NOT_FINITE)
    if unit:
        items += (1.5, -0.5, 1 + 2**-52, -TINY, MAX)
    if classes is not None:
        items += (0.5, -1, -TINY, 2.0 + 2**-51, MAX, *((classes,) if classes else ()))

    def fixed() -> list[Bad]:
        junk = bads(NOT_NUMBERS) + dtype_junk(valid)
        junk += non_finite_arrays(valid) if not non_finite_ok else []
        junk += shape_junk(valid, length_matters, column_ok) if not any_shape else []
        junk += [
            Bad(ragged(valid)),
            Bad(nested(valid.tolist(), 70), label="<valid list nested 70 levels deep>"),
            Bad(nested(valid.tolist(), 3000), label="<valid list nested 3000 levels deep>"),
        ]
        if THOROUGH:  # slow to build and to refuse: only in the full run
            junk.append(Bad(nested(valid.tolist(), 100_000), label="<valid list 100,000 deep>"))
        return junk + [Bad(with_item(valid, 0, item)) for item in items]

    def more() -> SearchStrategy[Bad]:
        return st.one_of(
            st.builds(
                lambda index, item: Bad(with_item(valid, index, item)),
                st.integers(0, valid.size - 1),
                any_of(items),
            ),
            plain(st.text(max_size=4)),
            plain(st.binary(max_size=4)),
            plain(
                st.lists(any_of(ITEM_JUNK), min_size=1, max_size=3).filter(
                    # Where any shape is valid, rows of one length ([[0.5, 0.5]]) are too; so
                    # are rows as long as valid's where any number of them is.
                    lambda items: (
                        not (any_shape and is_rectangular(items))
                        and not (rows_ok and is_rectangular(items) and len(items[0]) == width)
                    )
                )
            ),
        )

    return Junk(fixed, more)


# --- valid bases, and junk networks --------------------------------------------------------

DATA, LABELS = training_data()  # (4, 2) and (4,)
X4 = np.array([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25], [2.0, -2.0]])
Y4 = np.array([1.0, 0.0, 0.0, 1.0])
SAVE_FOLDER: list[Path] = []  # set by the module's fixture


def neural_net() -> NeuralNetwork:
    return NeuralNetwork.random(42)


def matrix_net() -> MatrixNetwork:
    return MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)


def neuron() -> Neuron:
    return Neuron([0.0, 1.0], 0.0)


def corrupt_neural(name: str, value: Any) -> Bad:
    net = neural_net()
    setattr(net, name, value)
    return Bad(net, f".{name}", f"<NeuralNetwork with {name}={show(value)}>")


def corrupt_matrix_item(part: str, layer: int, make: Callable[[np.ndarray], Any]) -> Bad:
    net = matrix_net()
    arrays = getattr(net, part)
    arrays[layer] = junk = make(arrays[layer])
    return Bad(net, f".{part}[{layer}]", f"<MatrixNetwork with {part}[{layer}]={show(junk)}>")


def corrupt_matrix_in_place(part: str, layer: int, value: float) -> Bad:
    net = matrix_net()
    getattr(net, part)[layer].flat[0] = value
    label = f"<MatrixNetwork with {part}[{layer}].flat[0] = {value} in place>"
    return Bad(net, f".{part}[{layer}]", label)


def corrupt_matrix_attribute(part: str, make: Callable[[MatrixNetwork], Any]) -> Bad:
    net = matrix_net()
    setattr(net, part, junk := make(net))
    return Bad(net, f".{part}", f"<MatrixNetwork with {part}={show(junk)}>")


# How one of a MatrixNetwork's arrays can go bad after it was made.
LAYER_JUNK: tuple[Callable[[np.ndarray], Any], ...] = (
    lambda a: "abc",
    lambda a: None,
    lambda a: 0.5,
    lambda a: with_item(a, 0, None),
    lambda a: with_array_item(a, NAN),
    lambda a: with_array_item(a, INF),
    lambda a: a.astype(bool),
    lambda a: a.astype(complex),
    lambda a: a.astype(str),
    lambda a: np.ma.masked_array(a, mask=True),
    lambda a: a[..., None],
    lambda a: np.zeros((0, *a.shape[1:])),
    lambda a: ragged(a),
)
LIST_JUNK: tuple[Callable[[MatrixNetwork], Any], ...] = (
    lambda net: None,
    lambda net: "abc",
    lambda net: [],
    lambda net: net.weights[:1] if net.weights else [],
    lambda net: np.zeros(3),
)
NETWORK_ACTIVATIONS_JUNK: tuple[Any, ...] = (
    None,
    "softmax",  # in every layer: softmax is for the last layer only
    ["sigmoid"],
    ["sigmoid", 3],
    ["sigmoid", "softplus"],
    ["softmax", "sigmoid"],
    [ACTIVATIONS["tanh"], Activation("x", None, None)],  # type: ignore[arg-type]
    [ACTIVATIONS["tanh"], Activation("own", takes_nothing, np.tanh)],
    memoryview(np.array([0.5, 1.0], np.float16)),
)
NOT_NETWORKS: tuple[Any, ...] = (None, "net", 3, 0.5, {}, [], object(), NeuralNetwork, print)


def not_networks(*others: Callable[[], Any]) -> list[Bad]:
    """Values of other types, and objects made by `others` (the other kind of network)."""
    return bads(NOT_NETWORKS) + [Bad(make(), label=f"<{make.__name__}()>") for make in others]


def neural_junk(*others: Callable[[], Any], self_only: bool = False) -> Junk:
    """Not a valid NeuralNetwork: another type, or one with a parameter gone bad."""
    values = real_junk()

    def fixed() -> list[Bad]:
        corrupted = [
            corrupt_neural(PARAMETER_NAMES[i % len(PARAMETER_NAMES)], bad.value)
            for i, bad in enumerate(values.fixed())
        ]
        return corrupted + ([] if self_only else not_networks(*(others or (matrix_net, neuron))))

    def more() -> SearchStrategy[Bad]:
        return st.builds(
            lambda name, bad: corrupt_neural(name, bad.value),
            st.sampled_from(PARAMETER_NAMES),
            values.strategy(),
        )

    return Junk(fixed, more)


def matrix_junk(*others: Callable[[], Any], self_only: bool = False) -> Junk:
    """Not a valid MatrixNetwork: another type, or one whose arrays went bad."""

    def fixed() -> list[Bad]:
        corrupted = []
        for part, layer in itertools.product(["weights", "biases"], [0, 1]):
            corrupted += [corrupt_matrix_item(part, layer, make) for make in LAYER_JUNK]
            corrupted += [corrupt_matrix_in_place(part, layer, v) for v in (NAN, INF, -INF)]
            corrupted += [corrupt_matrix_attribute(part, make) for make in LIST_JUNK]
        corrupted += [
            corrupt_matrix_attribute("activations", lambda net, junk=junk: junk)
            for junk in NETWORK_ACTIVATIONS_JUNK
        ]
        return corrupted + ([] if self_only else not_networks(*(others or (neural_net, neuron))))

    return Junk(fixed)


def layers_junk(valid: list[np.ndarray]) -> Junk:
    """Not a list of arrays whose shapes chain like `valid`'s: another type, or one gone bad."""

    def fixed() -> list[Bad]:
        junk = bads([None, "abc", 3, [], b"", {1: 2}, valid[:1], np.stack([valid[0]])])
        junk += bads(buffers([1] * len(valid)))  # as many items as layers
        junk += [Bad([memoryview(a) for a in valid]), Bad([zero_d(a.tolist()) for a in valid])]
        for layer, make in itertools.product(range(len(valid)), LAYER_JUNK):
            junk.append(Bad([make(a) if i == layer else a for i, a in enumerate(valid)]))
        longer = np.zeros((valid[-1].shape[0] + 1, *valid[-1].shape[1:]))  # does not chain
        return [*junk, Bad([*valid[:-1], longer])]

    return Junk(fixed)


def custom_activation_net() -> Bad:
    own = Activation("own", np.tanh, lambda a: 1 - a**2)
    net = MatrixNetwork.random([2, 3, 1], [own, "sigmoid"], rng=0)
    return Bad(net, ".activations", "<MatrixNetwork with a custom Activation in layer 0>")


# --- chapter 15's images and kernels, chapter 14's statistics ---------------------------------

# Images (N, C, H, W) = (2, 2, 5, 5) and kernels (F, C, KH, KW) = (3, 2, 3, 3), stride 2: the
# 3x3 windows land on the 5x5 images' edge. Images of another N, or of 7x7 or 9x9, are valid;
# what breaks a rule is junk: another C, a 6x6 image (stride 2 misses its edge), a 2x2 one.
IMAGES = np.linspace(-1.0, 1.0, 2 * 2 * 5 * 5).reshape(2, 2, 5, 5)
KERNELS = np.linspace(-0.5, 0.5, 3 * 2 * 3 * 3).reshape(3, 2, 3, 3)
CONV_BIASES = np.array([0.1, -0.2, 0.3])


def plus(junk: Junk, *values: Any) -> Junk:
    """`junk` and `values` (made afresh: they may be arrays a wrong call changes)."""
    return Junk(lambda: [*junk.fixed(), *bads(values)], junk.more)


def images_junk(valid: np.ndarray, *misfits: Any, length_matters: bool = False) -> Junk:
    """Not images like `valid` (N, C, H, W): junk numbers, another number of axes, or `misfits`
    (images of a shape that breaks a rule); another N is junk only if `length_matters`."""
    return plus(array_junk(valid, length_matters=length_matters), valid[0], *misfits)


def image_misfits(valid: np.ndarray, *sides: int, channels: bool = True) -> list[np.ndarray]:
    """`valid`'s images at each size of `sides` (square), and with another number of channels."""
    N, C, _, _ = valid.shape
    resized = [np.resize(valid, (N, C, side, side)) for side in sides]
    return resized + ([np.concatenate([valid, valid[:, :1]], axis=1)] if channels else [])


def kernels_junk() -> Junk:
    """Not kernels for IMAGES with stride 2 and CONV_BIASES: junk, or of a shape that breaks a
    rule (one per bias, no larger than the images, windows that land on their edge)."""
    return plus(
        array_junk(KERNELS),  # another F: not one kernel per bias
        KERNELS[:, :1],  # another C
        np.resize(KERNELS, (3, 2, 6, 6)),  # larger than the images
        np.resize(KERNELS, (3, 2, 2, 2)),  # stride 2 from 0 misses the images' edge
        KERNELS[0],
    )


def stride_junk(*misfits: int, none_ok: bool = False) -> Junk:
    """Not a stride, or one (`misfits`) whose windows miss the images' edge."""
    return plus(int_junk(1, huge=True, none_ok=none_ok), *misfits)


def kernel_size_junk(*misfits: Any) -> Junk:
    """Not a size or a pair of sizes, or one (`misfits`) that does not fit the images."""
    pairs = ((3,), (3, 3, 3), [3, 0], (3, 2.0), (3, "3"), (3, None), (True, 3), (3, 10**400))
    return plus(int_junk(1, huge=True), *pairs, np.array(3.0), *misfits)


def shape_tuple_junk(valid: tuple[int, ...], *misfits: tuple[int, ...]) -> Junk:
    """Not a shape of len(valid) ints of at least 1, or one (`misfits`) that breaks a rule."""
    n = len(valid)
    values = (None, 3, "1, 2", valid[:-1], (*valid, 1), (*valid[:-1], 0), (*valid[:-1], -1))
    values += ((*valid[:-1], 2.0), (*valid[:-1], True), (*valid[:-1], 10**400), [valid])
    values += ((*valid[:-1], "5"), (*valid[:-1], None), {*valid}, bytes(n), memoryview(bytes(n)))
    return Junk(lambda: bads(values + misfits))


def one_hot_junk(valid: np.ndarray) -> Junk:
    """Not one-hot rows (or probabilities) like `valid`: junk, or rows that do not sum to 1."""
    halves = valid * 0.5
    return plus(array_junk(valid, unit=True), halves, valid + 1e-6, np.zeros_like(valid))


def small_convnet() -> ConvNet:
    """1x4x4 images: 2 kernels 3x3 give 2x2 maps, pooled to 1x1, then 3 classes."""
    return ConvNet.random(rng=0, image_shape=(1, 4, 4), filters=2, kernel_size=3, classes=3)


CONV_X = np.linspace(0.0, 1.0, 2 * 16).reshape(2, 1, 4, 4)
CONV_Y = np.eye(3)[[0, 2]]


def convnet_images_junk() -> Junk:
    """Not images for `small_convnet`: 5x5 maps misfit the pool, 6x6 ones its Dense, 2x2 images
    its kernels; two channels its kernels; another N is junk only beside Y."""
    return images_junk(CONV_X, *image_misfits(CONV_X, 5, 6, 2), length_matters=True)


def convnet_junk() -> Junk:
    return Junk(lambda: not_networks(matrix_net, neural_net, lambda: Conv2D(KERNELS, CONV_BIASES)))


# --- the targets ---------------------------------------------------------------------------


@dataclass
class Target:
    """A public callable, its valid base arguments, and the junk for each argument.

    `junk` maps an argument to (the name its errors must use, a function giving its Junk).
    For "self", the name is "" and the Bad's `where` (".w3") supplies it ("w3").
    """

    name: str
    call: Callable[..., Any]
    base: Callable[[], dict[str, Any]]
    junk: dict[str, tuple[str, Callable[[], Junk]]] = field(default_factory=dict)


def args(**kwargs: Any) -> Callable[[], dict[str, Any]]:
    """A base: the given arguments, with every callable value called for a fresh object."""
    return lambda: {key: value() if callable(value) else value for key, value in kwargs.items()}


def x4() -> np.ndarray:
    return X4.copy()


def y4() -> np.ndarray:
    return Y4.copy()


def save_path() -> Path:
    path = SAVE_FOLDER[0] / "net.npz"
    if path.exists():
        path.unlink()
    return path


TARGETS = [
    Target(
        "sigmoid",
        sigmoid,
        args(x=lambda: [[0.5, -2.0, 3.0], [1.0, 0.0, -1.0]]),
        {"x": ("x", lambda: array_junk(np.ones((2, 3)), non_finite_ok=True, any_shape=True))},
    ),
    Target(
        "deriv_sigmoid",
        deriv_sigmoid,
        args(x=lambda: [0.5, -2.0, 3.0]),
        {"x": ("x", lambda: array_junk(np.ones(3), non_finite_ok=True, any_shape=True))},
    ),
    Target(
        "Neuron",
        Neuron,
        args(weights=lambda: [0.5, -1.0, 2.0], bias=0.5),
        {
            "weights": ("weights", lambda: array_junk(np.ones(3), length_matters=False)),
            "bias": ("bias", real_junk),
        },
    ),
    Target(
        "Neuron.feed_forward",
        lambda self, inputs: self.feed_forward(inputs),
        args(self=lambda: Neuron([0.5, -1.0, 2.0], 0.5), inputs=lambda: [1.0, 2.0, -1.0]),
        {"inputs": ("inputs", lambda: array_junk(np.ones(3)))},
    ),
    Target(
        "NeuralNetwork",
        NeuralNetwork,
        lambda: neural_net().parameters(),
        {name: (name, real_junk) for name in PARAMETER_NAMES},
    ),
    Target(
        "NeuralNetwork.random",
        NeuralNetwork.random,
        args(rng=42),
        {"rng": ("rng", rng_junk)},
    ),
    Target(
        "NeuralNetwork.feed_forward",
        lambda self, x: self.feed_forward(x),
        args(self=neural_net, x=lambda: [-2.0, -1.0]),
        {
            "x": ("x", lambda: array_junk(np.ones(2))),
            "self": ("", lambda: neural_junk(self_only=True)),
        },
    ),
    Target(
        "mse_loss",
        mse_loss,
        args(y_true=y4, y_pred=lambda: [0.9, 0.2, 0.1, 0.6]),
        {
            "y_true": ("y_true", lambda: array_junk(Y4)),
            "y_pred": ("y_pred", lambda: array_junk(Y4)),
        },
    ),
    Target(
        "binary_cross_entropy",
        binary_cross_entropy,
        args(y_true=y4, y_pred=lambda: [0.9, 0.2, 0.1, 0.6]),
        {
            "y_true": ("y_true", lambda: array_junk(Y4, unit=True)),
            "y_pred": ("y_pred", lambda: array_junk(Y4, unit=True)),
        },
    ),
    Target(
        "gradients",
        gradients,
        args(network=neural_net, x=lambda: [-2.0, -1.0], y_true=1.0),
        {
            "network": ("network", neural_junk),
            "x": ("x", lambda: array_junk(np.ones(2))),
            "y_true": ("y_true", real_junk),
        },
    ),
    Target(
        "sgd_step",
        sgd_step,
        args(network=neural_net, x=lambda: [-2.0, -1.0], y_true=1.0, learn_rate=0.1),
        {
            "network": ("network", neural_junk),
            "x": ("x", lambda: array_junk(np.ones(2))),
            "y_true": ("y_true", real_junk),
            "learn_rate": ("learn_rate", positive_real_junk),
        },
    ),
    Target(
        "train",
        train,
        args(
            network=neural_net,
            data=DATA.copy,
            all_y_trues=LABELS.copy,
            learn_rate=0.1,
            epochs=2,
            every=1,
            verbose=False,
            callback=None,
        ),
        {
            "network": ("network", neural_junk),
            "data": ("data", lambda: array_junk(DATA)),
            "all_y_trues": ("all_y_trues", lambda: array_junk(LABELS)),
            "learn_rate": ("learn_rate", positive_real_junk),
            "epochs": ("epochs", lambda: int_junk(1, huge=True)),
            "every": ("every", lambda: int_junk(1, none_ok=True)),
            "verbose": ("verbose", flag_junk),
            "callback": ("callback", callback_junk),
        },
    ),
    Target(
        "MatrixNetwork",
        MatrixNetwork,
        args(
            weights=lambda: [np.ones((2, 3)), np.ones((3, 1))],
            biases=lambda: [np.zeros(3), np.zeros(1)],
            activations=lambda: ["tanh", "sigmoid"],
        ),
        {
            "weights": ("weights", lambda: layers_junk([np.ones((2, 3)), np.ones((3, 1))])),
            "biases": ("biases", lambda: layers_junk([np.zeros(3), np.zeros(1)])),
            "activations": ("activations", lambda: activations_junk(2)),
        },
    ),
    Target(
        "MatrixNetwork.random",
        MatrixNetwork.random,
        args(sizes=lambda: [2, 3, 1], activations=lambda: ["tanh", "sigmoid"], rng=0),
        {
            "sizes": ("sizes", sizes_junk),
            "activations": ("activations", lambda: activations_junk(2)),
            "rng": ("rng", rng_junk),
            "init": ("init", lambda: choice_junk(INITS)),
        },
    ),
    Target(
        "MatrixNetwork.from_neural_network",
        MatrixNetwork.from_neural_network,
        args(network=neural_net),
        {"network": ("network", neural_junk)},
    ),
    Target(
        "MatrixNetwork.forward",
        lambda self, X: self.forward(X),
        args(self=matrix_net, X=x4),
        {
            "X": ("X", lambda: array_junk(X4, length_matters=False)),
            "self": ("", lambda: matrix_junk(self_only=True)),
        },
    ),
    *(
        Target(
            f"MatrixNetwork.{method}[{loss}]",
            lambda self, X, Y, loss, method=method: getattr(self, method)(X, Y, loss),
            args(self=matrix_net, X=x4, Y=y4, loss=loss),
            {
                "X": ("X", lambda: array_junk(X4)),
                "Y": ("Y", lambda loss=loss: array_junk(Y4, unit=loss == "bce", column_ok=True)),
                "loss": ("loss", loss_junk),
                "self": ("", lambda: matrix_junk(self_only=True)),
            },
        )
        for method in ("loss", "gradients")
        for loss in ("mse", "bce")
    ),
    Target(
        "train_batches",
        train_batches,
        args(
            network=matrix_net,
            X=x4,
            Y=y4,
            loss="bce",
            learn_rate=0.1,
            epochs=2,
            batch_size=2,
            rng=0,
            shuffle=True,
            every=1,
            callback=None,
            weight_decay=0.01,
            dropout=0.2,
        ),
        {
            "network": ("network", matrix_junk),
            "X": ("X", lambda: array_junk(X4)),
            "Y": ("Y", lambda: array_junk(Y4, unit=True, column_ok=True)),
            "loss": ("loss", loss_junk),
            "learn_rate": ("learn_rate", lambda: positive_real_junk(none_ok=True)),
            "epochs": ("epochs", lambda: int_junk(1, huge=True)),
            "batch_size": ("batch_size", lambda: int_junk(1)),
            "rng": ("rng", rng_junk),  # None too: shuffle=True needs one
            "shuffle": ("shuffle", flag_junk),
            "every": ("every", lambda: int_junk(1, none_ok=True)),
            "callback": ("callback", callback_junk),
            "weight_decay": ("weight_decay", non_negative_real_junk),
            "dropout": ("dropout", fraction_junk),
        },
    ),
    Target(
        "train_batches[optimizer]",
        train_batches,
        args(
            network=matrix_net,
            X=x4,
            Y=y4,
            loss="bce",
            optimizer=lambda: Adam(0.01),
            epochs=2,
            batch_size=2,
            rng=0,
        ),
        {"optimizer": ("optimizer", optimizer_junk)},
    ),
    Target(
        "SGD",
        SGD,
        args(learn_rate=0.1),
        {"learn_rate": ("learn_rate", positive_real_junk)},
    ),
    Target(
        "Momentum",
        Momentum,
        args(learn_rate=0.1, beta=0.9),
        {
            "learn_rate": ("learn_rate", positive_real_junk),
            "beta": ("beta", fraction_junk),
        },
    ),
    Target(
        "Adam",
        Adam,
        args(learn_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-8),
        {
            "learn_rate": ("learn_rate", positive_real_junk),
            "beta1": ("beta1", fraction_junk),
            "beta2": ("beta2", fraction_junk),
            "eps": ("eps", positive_real_junk),
        },
    ),
    Target(
        "check_gradients",
        check_gradients,
        args(network=matrix_net, X=x4, Y=y4, loss="bce", eps=1e-6),
        {
            "network": ("network", matrix_junk),
            "X": ("X", lambda: array_junk(X4)),
            "Y": ("Y", lambda: array_junk(Y4, unit=True, column_ok=True)),
            "loss": ("loss", loss_junk),
            "eps": ("eps", positive_real_junk),
        },
    ),
    Target(
        "relative_error",
        relative_error,
        args(a=0.25, b=0.5),
        {"a": ("a", real_junk), "b": ("b", real_junk)},
    ),
    Target(
        "make_moons",
        make_moons,
        args(n_samples=10, noise=0.1, rng=0),
        {
            "n_samples": ("n_samples", lambda: int_junk(2, huge=True)),
            "noise": ("noise", non_negative_real_junk),
            "rng": ("rng", rng_junk),
        },
    ),
    Target(
        "shift",
        shift,
        args(weight=133.0, height=65.0),
        {
            "weight": ("weight", real_junk),
            "height": ("height", real_junk),
        },
    ),
    Target(
        "encode_gender",
        encode_gender,
        args(gender="F"),
        {"gender": ("gender", lambda: choice_junk(("F", "M")))},
    ),
    Target(
        "decode_gender",
        decode_gender,
        args(score=0.7),
        {"score": ("score", score_junk)},
    ),
    Target(
        "save",
        save,
        args(network=neural_net, path=save_path),
        {
            "network": (
                "network",
                lambda: Junk(
                    lambda: [
                        *neural_junk(neuron).fixed(),
                        *matrix_junk(neuron).fixed(),
                        custom_activation_net(),
                    ],
                    neural_junk(neuron).more,
                ),
            ),
            "path": ("path", path_junk),
        },
    ),
    Target("load", load, args(path=save_path), {"path": ("path", path_junk)}),
    Target("Value", Value, args(data=0.5), {"data": ("data", real_junk)}),
    Target(
        "Value.__pow__",
        lambda self, exponent: self**exponent,
        args(self=lambda: Value(2.0), exponent=3.0),
        {"exponent": ("exponent", lambda: real_junk(Value(3.0)))},
    ),
    *(
        Target(
            f"Value.{name}",
            operator,
            args(self=lambda: Value(2.0), other=0.5),
            {"other": ("other", operand_junk)},
        )
        for name, operator in [
            ("__add__", lambda self, other: self + other),
            ("__radd__", lambda self, other: other + self),
            ("__sub__", lambda self, other: self - other),
            ("__rsub__", lambda self, other: other - self),
            ("__mul__", lambda self, other: self * other),
            ("__rmul__", lambda self, other: other * self),
            ("__truediv__", lambda self, other: self / other),
            ("__rtruediv__", lambda self, other: other / self),
        ]
    ),
    Target("load_digits", load_digits, args()),
    Target(
        "train_test_split",
        train_test_split,
        args(X=x4, y=y4, test_fraction=0.25, rng=0),
        {
            "X": ("X", lambda: array_junk(X4, any_shape=True)),
            "y": ("y", lambda: array_junk(Y4, column_ok=True)),
            "test_fraction": ("test_fraction", lambda: real_junk(0, 0.0, 1, 1.0, -0.25, 1.5)),
            "rng": ("rng", rng_junk),
        },
    ),
    Target(
        "one_hot",
        one_hot,
        args(labels=lambda: [0, 2, 1, 2], n_classes=3),
        {
            "labels": ("labels", lambda: array_junk([0, 2, 1, 2], classes=3, length_matters=False)),
            "n_classes": ("n_classes", lambda: int_junk(2, huge=True)),
        },
    ),
    Target(
        "predict",
        predict,
        args(network=matrix_net, X=x4),
        {
            "network": ("network", matrix_junk),
            "X": ("X", lambda: array_junk(X4, length_matters=False)),
        },
    ),
    Target(
        "accuracy",
        accuracy,
        args(y_true=lambda: [0, 2, 1, 2], y_pred=lambda: [0, 1, 1, 2]),
        {
            "y_true": ("y_true", lambda: array_junk([0, 2, 1, 2], classes=0)),
            "y_pred": ("y_pred", lambda: array_junk([0, 1, 1, 2], classes=0)),
        },
    ),
    Target(
        "confusion_matrix",
        confusion_matrix,
        args(y_true=lambda: [0, 2, 1, 2], y_pred=lambda: [0, 1, 1, 2], n_classes=3),
        {
            "y_true": ("y_true", lambda: array_junk([0, 2, 1, 2], classes=3)),
            "y_pred": ("y_pred", lambda: array_junk([0, 1, 1, 2], classes=3)),
            "n_classes": ("n_classes", lambda: int_junk(2, huge=True)),
        },
    ),
    Target(
        "convolve",
        convolve,
        args(images=IMAGES.copy, kernels=KERNELS.copy, biases=CONV_BIASES.copy, stride=2),
        {
            "images": ("images", lambda: images_junk(IMAGES, *image_misfits(IMAGES, 6, 2))),
            "kernels": ("kernels", kernels_junk),
            "biases": ("biases", lambda: array_junk(CONV_BIASES)),
            "stride": ("stride", lambda: stride_junk(3, 4)),
        },
    ),
    Target(
        "im2col",
        im2col,
        args(images=IMAGES.copy, kernel_size=3, stride=2),
        {
            "images": (
                "images",
                lambda: images_junk(IMAGES, *image_misfits(IMAGES, 6, 2, 4, channels=False)),
            ),
            "kernel_size": ("kernel_size", lambda: kernel_size_junk(6, 2, (3, 2), (6, 3))),
            # stride: convolve's check (checks.window_fits), fuzzed there
        },
    ),
    Target(
        "col2im",
        col2im,
        args(columns=lambda: np.ones((8, 18)), image_shape=(2, 2, 5, 5), kernel_size=3, stride=2),
        {
            "columns": ("columns", lambda: array_junk(np.ones((8, 18)))),
            "image_shape": (
                "image_shape",
                lambda: shape_tuple_junk((2, 2, 5, 5), (2, 2, 6, 5), (2, 2, 2, 2), (2, 1, 5, 5)),
            ),
            "kernel_size": ("kernel_size", lambda: kernel_size_junk(6, 2, 1, (3, 1))),
            "stride": ("stride", lambda: stride_junk(3, 1)),
        },
    ),
    Target(
        "Conv2D",
        Conv2D,
        args(weights=KERNELS.copy, biases=CONV_BIASES.copy, stride=2),
        {
            "weights": ("weights", lambda: plus(array_junk(KERNELS), KERNELS[0])),
            "biases": ("biases", lambda: array_junk(CONV_BIASES)),
            # stride: MaxPool2D's check; whether it fits, Conv2D.forward's X misfits
        },
    ),
    Target(
        "Conv2D.forward",
        lambda self, X: self.forward(X),
        args(self=lambda: Conv2D(KERNELS, CONV_BIASES, stride=2), X=IMAGES.copy),
        {"X": ("X", lambda: images_junk(IMAGES, *image_misfits(IMAGES, 6, 2)))},
    ),
    Target(
        "MaxPool2D",
        MaxPool2D,
        args(size=2, stride=1),
        {
            "size": ("size", lambda: int_junk(1, huge=True)),
            "stride": ("stride", lambda: stride_junk(none_ok=True)),
        },
    ),
    Target(
        "MaxPool2D.forward",
        lambda self, X: self.forward(X),
        args(self=lambda: MaxPool2D(2), X=lambda: IMAGES[:, :, :4, :4].copy()),
        {
            "X": (
                "X",
                lambda: images_junk(IMAGES[:, :, :4, :4], *image_misfits(IMAGES, 5, 1, 3)),
            )
        },
    ),
    Target(
        "ConvNet.random",
        ConvNet.random,
        args(image_shape=(1, 4, 4), kernel_size=3, pool=2),  # rng, filters, classes: as Conv2D's
        {
            # 2x2 images: smaller than the kernels; 5x5: 3x3 maps, which a pool of 2 misfits
            "image_shape": (
                "image_shape",
                lambda: shape_tuple_junk((1, 4, 4), (1, 2, 2), (1, 5, 5)),
            ),
            # kernel_size: Conv2D's checks, and tests/test_convolution.py's misfits
            "pool": ("pool", lambda: plus(int_junk(1, huge=True), 3)),
        },
    ),
    Target(
        "ConvNet.forward",
        lambda self, X: self.forward(X),
        args(self=small_convnet, X=CONV_X.copy),
        {"X": ("X", lambda: images_junk(CONV_X, *image_misfits(CONV_X, 5, 6, 2)))},
    ),
    Target(  # backprop checks X and Y as loss does, and train_convnet, whose X is fuzzed
        "ConvNet.loss",
        lambda self, X, Y: self.loss(X, Y),
        args(self=small_convnet, X=CONV_X.copy, Y=CONV_Y.copy),
        {"Y": ("Y", lambda: one_hot_junk(CONV_Y))},
    ),
    Target(
        "train_convnet",
        train_convnet,
        args(
            network=small_convnet,
            X=CONV_X.copy,
            Y=CONV_Y.copy,
            optimizer=lambda: Adam(0.01),
            epochs=1,
            batch_size=2,
            rng=0,
        ),
        {
            "network": ("network", convnet_junk),
            "X": ("X", convnet_images_junk),
            "Y": ("Y", lambda: one_hot_junk(CONV_Y)),
            "optimizer": ("optimizer", optimizer_junk),
            # epochs, batch_size and rng: train_batches' checks, fuzzed there
        },
    ),
    Target(
        "layer_statistics",
        layer_statistics,
        args(network=matrix_net, X=x4, Y=y4, loss="bce"),
        {
            "network": ("network", matrix_junk),
            "X": ("X", lambda: array_junk(X4)),
            "Y": ("Y", lambda: array_junk(Y4, unit=True, column_ok=True)),
            # loss: MatrixNetwork.loss's check (checks.batch), fuzzed there
        },
    ),
]
BY_NAME = {target.name: target for target in TARGETS}
TARGET_NAMES = list(BY_NAME)
JUNK_CASES = [  # by name, so that hypothesis prints a failing case in a line
    pytest.param(target.name, argument, id=f"{target.name}-{argument}")
    for target in TARGETS
    for argument in target.junk
]


@pytest.fixture(scope="module", autouse=True)
def save_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    SAVE_FOLDER[:] = [tmp_path_factory.mktemp("fuzz_save")]


def test_every_public_callable_with_arguments_is_a_target() -> None:
    """Nothing in __all__ that takes arguments is left out, unless listed as left out."""
    left_out = {"Activation", "Loss", "Person", "InputScaleWarning", "TrainingDivergedError"}
    covered = {re.split(r"[.\[]", name)[0] for name in TARGET_NAMES}
    callables = {
        name
        for name in nn_from_scratch.__all__
        if callable(getattr(nn_from_scratch, name)) and name != "training_data"
    }
    assert callables - covered == left_out


@pytest.mark.parametrize("module", [convolution, deeper], ids=lambda m: m.__name__)
def test_every_callable_of_the_chapter_modules_is_a_target(module: Any) -> None:
    """Chapters 14 and 15's modules, outside `__all__`: every callable they export is fuzzed,
    except those whose arguments go through a target's checks (kept out for time)."""
    left_out = {  # each for a reason: what checks its arguments is fuzzed through a target
        "convolve_loops": "its arguments go through convolve's own check",
        "ReLU": "no arguments; its forward takes any array of numbers, as every target checks",
        "Flatten": "no arguments; its forward checks images as MaxPool2D.forward does",
        "Dense": "its weights and biases go through Conv2D's check, its X MatrixNetwork's",
    }
    covered = {re.split(r"[.\[]", name)[0] for name in TARGET_NAMES}
    exported = {name for name in module.__all__ if callable(getattr(module, name))}
    assert exported - covered == set(left_out) & set(module.__all__)


# --- rule 1 (and 4): junk is refused by name, and changes nothing --------------------------


@pytest.mark.parametrize(("target", "argument"), JUNK_CASES)
@fuzz(max_examples=20)
@given(data=st.data())
def test_junk_is_refused_by_name(target: str, argument: str, data: st.DataObject) -> None:
    bad = data.draw(BY_NAME[target].junk[argument][1]().strategy(), label=argument)
    failure = judge_junk(BY_NAME[target], argument, bad)
    assert failure is None, failure


@pytest.mark.parametrize(("target", "argument"), JUNK_CASES)
def test_every_listed_junk_is_refused_by_name(target: str, argument: str) -> None:
    """Each item of the argument's fixed junk list, not only those hypothesis draws.

    A failure lists every item that is mishandled, one line each. Like the other
    fuzz tests, the default run tries an eighth of them: every eighth item, from a
    start that differs from argument to argument; NN_THOROUGH=1 tries them all.
    """
    junk = BY_NAME[target].junk[argument][1]().fixed()
    if not THOROUGH:
        junk = junk[zlib.crc32(f"{target} {argument}".encode()) % 8 :: 8]
    failures = [failure for bad in junk if (failure := judge_junk(BY_NAME[target], argument, bad))]
    assert not failures, f"{len(failures)} of {len(junk)} junk values mishandled:\n" + "\n".join(
        failures
    )


def judge_junk(target: Target, argument: str, bad: Bad) -> str | None:
    """What is wrong with how `target` treats `bad` for `argument`, or None if nothing is."""
    arguments = target.base()
    arguments[argument] = bad.value
    expected = (target.junk[argument][0] + bad.where).lstrip(".")
    call = called(target.name, arguments)  # before the call: it may change the arguments
    before = state(arguments)
    outcome = attempt(target.call, arguments)
    error = outcome.error
    if error is None:
        return f"{call} accepted junk for {expected}: returned {show(outcome.value)}"
    if not isinstance(error, (TypeError, ValueError)):
        return f"{call} raised {describe_error(error)}"
    if not names(expected, str(error)):
        return f"{call} raised {describe_error(error)}, which does not name {expected}"
    if state(arguments) != before:
        return f"{call} was refused ({describe_error(error)}) but changed its arguments"
    return None


def test_a_missing_network_parameter_is_named() -> None:
    for name in PARAMETER_NAMES:
        given_ = {key: 0.5 for key in PARAMETER_NAMES if key != name}
        outcome = attempt(NeuralNetwork, given_)
        assert isinstance(outcome.error, TypeError) and names(name, str(outcome.error))


# --- rules 2, 3 (and 4): finite input gives a finite result or a ValueError ------------------

# Finite floats from every decade that matters, as lists (which shrink fast, and
# keep a failing run short): float64's ends, where products and sums overflow,
# drawn as often as all the rest; the numbers of everyday data; the subnormals.
HUGE = st.sampled_from((MAX, -MAX, 1e308, -1e308))
MAGNITUDES = (1e300, 1e200, 1e155, 1e154, 1e100, 1e20, 51.0, 7.5, 1.0, 0.5, 1e-5, 1e-100)
MAGNITUDES += (1e-300, 2.2250738585072014e-308, 1e-310, TINY)
POSITIVE = st.one_of(st.sampled_from((MAX, 1e308)), st.sampled_from(MAGNITUDES))
FINITE = st.one_of(HUGE, st.sampled_from((0.0, -0.0, *MAGNITUDES, *(-m for m in MAGNITUDES))))
UNIT = st.one_of(st.floats(0.0, 1.0), st.sampled_from((0.0, 1.0, TINY, 1 - 2**-53)))


def finite_arrays(shape: Any, elements: SearchStrategy[float] = FINITE) -> SearchStrategy[Any]:
    return hnp.arrays(np.float64, shape, elements=elements)


def neural_finite() -> SearchStrategy[NeuralNetwork]:
    return st.builds(
        lambda values: NeuralNetwork(**dict(zip(PARAMETER_NAMES, values, strict=True))),
        st.lists(FINITE, min_size=9, max_size=9),
    )


ACTIVATION_NAMES = st.sampled_from(sorted(ACTIVATIONS))  # for the last layer
HIDDEN_NAMES = st.sampled_from(sorted(set(ACTIVATIONS) - {"softmax"}))  # for the others


def layer_names(n_layers: int) -> SearchStrategy[list[str]]:
    """An activation name per layer: softmax only in the last one."""
    return st.builds(
        lambda hidden, last: [*hidden, last],
        st.lists(HIDDEN_NAMES, min_size=n_layers - 1, max_size=n_layers - 1),
        ACTIVATION_NAMES,
    )


def answers_for(loss: str, Y: np.ndarray) -> np.ndarray:
    """`Y` as the loss accepts it: one-hot rows (the largest of each row) for cross-entropy."""
    return np.eye(Y.shape[1])[Y.argmax(axis=1)] if loss == "cross_entropy" else Y


@st.composite
def matrix_finite(draw: st.DrawFn, n_inputs: int = 2, n_outputs: int = 1) -> MatrixNetwork:
    hidden = draw(st.integers(1, 3))
    sizes = [n_inputs, hidden, n_outputs]
    weights = [draw(finite_arrays(shape)) for shape in itertools.pairwise(sizes)]
    biases = [draw(finite_arrays(b)) for b in sizes[1:]]
    return MatrixNetwork(weights, biases, draw(layer_names(len(weights))))


@st.composite
def matrix_case(draw: st.DrawFn) -> dict[str, Any]:
    """A finite network, samples and answers, and a loss (answers in [0, 1] for "bce")."""
    n_outputs = draw(st.integers(1, 2))
    network = draw(matrix_finite(n_outputs=n_outputs))
    n_samples = draw(st.integers(1, 4))
    loss = draw(st.sampled_from(sorted(LOSSES)))
    answers = UNIT if loss in ("bce", "cross_entropy") else FINITE
    return {
        "network": network,
        "X": draw(finite_arrays((n_samples, 2))),
        "Y": answers_for(loss, draw(finite_arrays((n_samples, n_outputs), answers))),
        "loss": loss,
    }


@dataclass
class Extreme:
    name: str
    call: Callable[..., Any]
    arguments: Callable[[], SearchStrategy[dict[str, Any]]]


def method(name: str) -> Callable[..., Any]:
    return lambda network, **rest: getattr(network, name)(**rest)


EXTREMES = [
    Extreme("sigmoid", sigmoid, lambda: st.fixed_dictionaries({"x": FINITE})),
    Extreme(
        "sigmoid[array]",
        sigmoid,
        lambda: st.fixed_dictionaries({"x": finite_arrays(hnp.array_shapes(min_dims=0))}),
    ),
    Extreme("deriv_sigmoid", deriv_sigmoid, lambda: st.fixed_dictionaries({"x": FINITE})),
    Extreme(
        "Neuron.feed_forward",
        lambda weights, bias, inputs: Neuron(weights, bias).feed_forward(inputs),
        lambda: st.integers(1, 3).flatmap(
            lambda n: st.fixed_dictionaries(
                {"weights": finite_arrays(n), "bias": FINITE, "inputs": finite_arrays(n)}
            )
        ),
    ),
    Extreme(
        "NeuralNetwork.feed_forward",
        method("feed_forward"),
        lambda: st.fixed_dictionaries({"network": neural_finite(), "x": finite_arrays(2)}),
    ),
    Extreme(
        "mse_loss",
        mse_loss,
        lambda: st.integers(1, 3).flatmap(
            lambda n: st.fixed_dictionaries(
                {"y_true": finite_arrays(n), "y_pred": finite_arrays(n)}
            )
        ),
    ),
    Extreme(
        "binary_cross_entropy",
        binary_cross_entropy,
        lambda: st.integers(1, 3).flatmap(
            lambda n: st.fixed_dictionaries(
                {"y_true": finite_arrays(n, UNIT), "y_pred": finite_arrays(n, UNIT)}
            )
        ),
    ),
    Extreme(
        "gradients",
        gradients,
        lambda: st.fixed_dictionaries(
            {"network": neural_finite(), "x": finite_arrays(2), "y_true": FINITE}
        ),
    ),
    Extreme(
        "sgd_step",
        sgd_step,
        lambda: st.fixed_dictionaries(
            {
                "network": neural_finite(),
                "x": finite_arrays(2),
                "y_true": FINITE,
                "learn_rate": POSITIVE,
            }
        ),
    ),
    Extreme(
        "train",
        train,
        lambda: st.integers(1, 3).flatmap(
            lambda n: st.fixed_dictionaries(
                {
                    "network": neural_finite(),
                    "data": finite_arrays((n, 2)),
                    "all_y_trues": finite_arrays(n),
                    "learn_rate": POSITIVE,
                    "epochs": st.integers(1, 3),
                }
            )
        ),
    ),
    Extreme(
        "MatrixNetwork.from_neural_network",
        MatrixNetwork.from_neural_network,
        lambda: st.fixed_dictionaries({"network": neural_finite()}),
    ),
    Extreme(
        "MatrixNetwork.forward",
        method("forward"),
        lambda: st.fixed_dictionaries({"network": matrix_finite(), "X": finite_arrays((2, 2))}),
    ),
    Extreme("MatrixNetwork.loss", method("loss"), matrix_case),
    Extreme("MatrixNetwork.gradients", method("gradients"), matrix_case),
    Extreme(
        "train_batches",
        train_batches,
        lambda: st.builds(
            lambda case, rest: {**case, **rest},
            matrix_case(),
            st.fixed_dictionaries(
                {
                    "learn_rate": POSITIVE,
                    "epochs": st.integers(1, 2),
                    "batch_size": st.integers(1, 3),
                    "rng": st.just(0),
                }
            ),
        ),
    ),
    Extreme(
        "check_gradients",
        check_gradients,
        lambda: st.builds(lambda case, eps: {**case, "eps": eps}, matrix_case(), POSITIVE),
    ),
    Extreme(
        "relative_error", relative_error, lambda: st.fixed_dictionaries({"a": FINITE, "b": FINITE})
    ),
    Extreme(
        "make_moons",
        make_moons,
        lambda: st.fixed_dictionaries(
            {"n_samples": st.integers(2, 20), "noise": st.one_of(POSITIVE, st.just(0.0))}
        ),
    ),
    Extreme("shift", shift, lambda: st.fixed_dictionaries({"weight": FINITE, "height": FINITE})),
    Extreme("layer_statistics", layer_statistics, matrix_case),
    Extreme(
        "convolve",
        convolve,
        lambda: st.fixed_dictionaries(
            {
                "images": finite_arrays((1, 1, 3, 3)),
                "kernels": finite_arrays((2, 1, 2, 2)),
                "biases": finite_arrays(2),
            }
        ),
    ),
    Extreme(
        "ConvNet.backprop",  # forward and loss too: backprop calls them
        lambda network, X, Y: [network.loss(X, Y), *network.backprop(X, Y)],
        lambda: st.fixed_dictionaries(
            {
                "network": st.builds(small_convnet),
                "X": finite_arrays(CONV_X.shape),
                "Y": st.just(CONV_Y),
            }
        ),
    ),
    Extreme(
        "train_convnet",
        train_convnet,
        lambda: st.fixed_dictionaries(
            {
                "network": st.builds(small_convnet),
                "X": finite_arrays(CONV_X.shape),
                "Y": st.just(CONV_Y),
                "optimizer": st.builds(Adam, POSITIVE),
                "epochs": st.just(1),
                "batch_size": st.integers(1, 2),
                "rng": st.just(0),
            }
        ),
    ),
    *(
        Extreme(
            f"Value[{name}]",
            lambda a, b, operation=operation: value_backward(operation, a, b),
            lambda: st.fixed_dictionaries({"a": FINITE, "b": FINITE}),
        )
        for name, operation in {
            "+": lambda x, y: x + y,
            "-": lambda x, y: 1.5 - x - y,
            "*": lambda x, y: x * y * 3,
            "/": lambda x, y: 2 / x / y,
            "**": lambda x, y: x**y.data * y,
            "neg": lambda x, y: -x * y,
            "relu": lambda x, y: x.relu() * y,
            "tanh": lambda x, y: x.tanh() * y,
            "exp": lambda x, y: x.exp() * y,
            "sigmoid": lambda x, y: x.sigmoid() * y,
        }.items()
    ),
]
EXTREMES_BY_NAME = {extreme.name: extreme for extreme in EXTREMES}


def value_backward(operation: Callable[[Value, Value], Value], a: float, b: float) -> list[float]:
    """`operation` on Values a and b, then backward(): its result and both gradients."""
    x, y = Value(a), Value(b)
    out = operation(x, y)
    out.backward()
    return [out.data, x.grad, y.grad]


@pytest.mark.parametrize("name", [extreme.name for extreme in EXTREMES])
@fuzz(max_examples=50)
@given(data=st.data())
def test_finite_input_gives_finite_output_or_a_value_error(name: str, data: st.DataObject) -> None:
    extreme = EXTREMES_BY_NAME[name]
    failure = judge_extreme(extreme, data.draw(extreme.arguments(), label="arguments"))
    assert failure is None, failure


def judge_extreme(extreme: Extreme, arguments: dict[str, Any]) -> str | None:
    """What is wrong with `extreme`'s call on finite `arguments`, or None if nothing is."""
    call = called(extreme.name, arguments)  # before the call: it may change the arguments
    before = state(arguments)
    outcome = attempt(extreme.call, arguments)
    if outcome.error is not None:
        error = outcome.error
        if not isinstance(error, ValueError):
            return f"{call} raised {describe_error(error)}"
        if state(arguments) != before:
            return f"{call} raised a ValueError but changed its network"
        return None
    if not finite(outcome.value):
        return f"{call} returned {show(outcome.value)}"
    for network in networks_in(arguments):
        if not finite(network):
            return f"{call} left the network non-finite: {show(network)}"
    return None


if HAS_WIDE_FLOATS:

    @pytest.mark.parametrize("function", [sigmoid, deriv_sigmoid], ids=lambda f: f.__name__)
    @fuzz(max_examples=20)
    @given(x=st.one_of(BEYOND_FLOAT64, hnp.arrays(np.longdouble, 2, elements=BEYOND_FLOAT64)))
    def test_sigmoid_of_float128_beyond_float64_is_quiet(function: Any, x: Any) -> None:
        """No warning: a value in [0, 1] (their sigmoid, to float64), or a ValueError naming x."""
        outcome = attempt(function, {"x": x})
        call = called(function.__name__, {"x": x})
        if outcome.error is not None:
            error = outcome.error
            assert isinstance(error, ValueError) and names("x", str(error)), (
                f"{call} raised {describe_error(error)}"
            )
            return
        value = np.asarray(outcome.value)
        assert value.shape == np.shape(x) and ((value >= 0) & (value <= 1)).all(), (
            f"{call} returned {show(outcome.value)}"
        )


# --- rule 4: a training call stopped by its callback leaves the network as it was ----------


class StopError(Exception):
    pass


def stopper(after: int) -> Callable[[int, float], None]:
    calls = []

    def callback(epoch: int, loss: float) -> None:
        calls.append(epoch)
        if len(calls) > after:
            raise StopError(f"stopped after {after} calls")

    return callback


@fuzz(max_examples=10)
@given(epochs=st.integers(1, 4), after=st.integers(0, 3), learn_rate=st.floats(0.01, 1.0))
def test_train_stopped_by_its_callback_changes_nothing(
    epochs: int, after: int, learn_rate: float
) -> None:
    net = neural_net()
    before = bits(net)
    arguments = {
        "network": net,
        "data": DATA,
        "all_y_trues": LABELS,
        "learn_rate": learn_rate,
        "epochs": epochs,
        "every": 1,
        "callback": stopper(after),
    }
    outcome = attempt(train, arguments)
    if outcome.error is not None:
        assert isinstance(outcome.error, StopError), describe_error(outcome.error)
        assert bits(net) == before, f"{called('train', arguments)} stopped half-trained"


@fuzz(max_examples=10)
@given(epochs=st.integers(1, 4), after=st.integers(0, 3), batch_size=st.integers(1, 4))
def test_train_batches_stopped_by_its_callback_changes_nothing(
    epochs: int, after: int, batch_size: int
) -> None:
    net = matrix_net()
    before = bits(net)
    arguments = {
        "network": net,
        "X": X4,
        "Y": Y4,
        "epochs": epochs,
        "batch_size": batch_size,
        "rng": 0,
        "callback": stopper(after),
    }
    outcome = attempt(train_batches, arguments)
    if outcome.error is not None:
        assert isinstance(outcome.error, StopError), describe_error(outcome.error)
        assert bits(net) == before, f"{called('train_batches', arguments)} stopped half-trained"


# --- rule 5: valid random input works -------------------------------------------------------

MODERATE = st.floats(-10.0, 10.0)


def moderate_arrays(shape: Any) -> SearchStrategy[Any]:
    return hnp.arrays(np.float64, shape, elements=MODERATE)


def quiet_call(call: Callable[..., Any], **arguments: Any) -> Any:
    """``call(**arguments)``, which must work with no warning (InputScaleWarning aside)."""
    outcome = attempt(call, arguments)
    if outcome.error is not None:
        raise AssertionError(
            f"{called(getattr(call, '__name__', 'call'), arguments)} raised "
            f"{describe_error(outcome.error)}"
        ) from outcome.error
    return outcome.value


ANY_FLOAT = st.floats(allow_nan=False)  # infinity included: documented for sigmoid
FLOAT_ARRAYS = hnp.arrays(  # 0-d arrays included: sigmoid takes any shape
    st.sampled_from([np.float64, np.float32, np.float16]),
    hnp.array_shapes(min_dims=0, min_side=0),
    elements={"allow_nan": False},
)


@fuzz(max_examples=60)
@example(x=zero_d(0.5))  # a 0-d object array: drawn, but not in every run's examples
@given(
    x=st.one_of(
        ANY_FLOAT,
        st.integers(-(10**300), 10**300),
        FLOAT_ARRAYS,
        # The same numbers as float128 (where there is one) and as Python objects.
        FLOAT_ARRAYS.map(lambda x: x.astype(np.longdouble)),
        FLOAT_ARRAYS.map(lambda x: x.astype(object)),
        hnp.arrays(
            st.sampled_from([d for d in REAL_DTYPES if d.kind in "iu"]),
            hnp.array_shapes(min_dims=0, min_side=0),
        ),
        st.lists(ANY_FLOAT, max_size=4),
    )
)
def test_sigmoid_of_any_number_or_array(x: Any) -> None:
    value = quiet_call(sigmoid, x=x)
    slope = quiet_call(deriv_sigmoid, x=x)
    if isinstance(x, (float, int)) or np.ndim(x) == 0:  # a 0-d array counts as a number
        assert type(value) is float and type(slope) is float
    else:
        assert isinstance(value, np.ndarray) and value.shape == np.shape(x)
        assert isinstance(slope, np.ndarray) and slope.shape == np.shape(x)
    assert ((np.asarray(value) >= 0) & (np.asarray(value) <= 1)).all()
    assert ((np.asarray(slope) >= 0) & (np.asarray(slope) <= 0.25)).all()


@fuzz(max_examples=30)
@given(data=st.data(), n=st.integers(1, 5), bias=MODERATE)
def test_a_valid_neuron_outputs_a_float_between_0_and_1(
    data: st.DataObject, n: int, bias: float
) -> None:
    weights = data.draw(moderate_arrays(n))
    inputs = data.draw(st.one_of(moderate_arrays(n), st.lists(MODERATE, min_size=n, max_size=n)))
    neuron = quiet_call(Neuron, weights=weights.tolist(), bias=bias)
    assert np.array_equal(neuron.weights, weights) and neuron.bias == bias
    output = quiet_call(neuron.feed_forward, inputs=inputs)
    assert type(output) is float and 0 <= output <= 1


@fuzz(max_examples=30)
@given(
    values=st.lists(MODERATE, min_size=9, max_size=9),
    x=moderate_arrays(2),
    y_true=st.sampled_from([0.0, 1.0]),
    seed=st.integers(0, 2**64),
)
def test_a_valid_neural_network_computes_and_steps(
    values: list[float], x: np.ndarray, y_true: float, seed: int
) -> None:
    parameters = dict(zip(PARAMETER_NAMES, values, strict=True))
    net = quiet_call(NeuralNetwork, **parameters)
    assert net.parameters() == parameters
    output = quiet_call(net.feed_forward, x=x)
    assert type(output) is float and 0 <= output <= 1
    slopes = quiet_call(gradients, network=net, x=x, y_true=y_true)
    assert list(slopes) == list(PARAMETER_NAMES) and finite(slopes)
    assert net.parameters() == parameters  # gradients changes nothing
    quiet_call(sgd_step, network=net, x=x, y_true=y_true, learn_rate=0.1)
    stepped = net.parameters()
    for name in PARAMETER_NAMES:
        assert stepped[name] == pytest.approx(parameters[name] - 0.1 * slopes[name])
    drawn = quiet_call(NeuralNetwork.random, rng=seed)
    assert drawn.parameters() == NeuralNetwork.random(np.random.default_rng(seed)).parameters()
    as_matrix = quiet_call(MatrixNetwork.from_neural_network, network=net)
    matrix_output = as_matrix.forward([x])
    assert matrix_output.shape == (1, 1)
    assert matrix_output[0, 0] == pytest.approx(net.feed_forward(x), abs=1e-12)


@fuzz(max_examples=30)
@given(
    n=st.integers(1, 5),
    data=st.data(),
)
def test_valid_losses_are_finite_and_not_negative(n: int, data: st.DataObject) -> None:
    y_true = data.draw(moderate_arrays(n))
    y_pred = data.draw(moderate_arrays(n))
    mse = quiet_call(mse_loss, y_true=y_true, y_pred=y_pred)
    assert type(mse) is float and mse == pytest.approx(np.mean((y_true - y_pred) ** 2))
    answers = data.draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    predictions = data.draw(hnp.arrays(np.float64, n, elements=UNIT))
    bce = quiet_call(binary_cross_entropy, y_true=answers, y_pred=predictions)
    assert type(bce) is float and 0 <= bce < 30


@fuzz(max_examples=15)
@given(
    n=st.integers(1, 4),
    epochs=st.integers(1, 4),
    every=st.integers(1, 3),
    learn_rate=st.floats(0.001, 1.0),
    data=st.data(),
)
def test_train_on_valid_data_returns_its_loss_history(
    n: int, epochs: int, every: int, learn_rate: float, data: st.DataObject
) -> None:
    rows = data.draw(moderate_arrays((n, 2)))
    answers = data.draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    seen: list[tuple[int, float]] = []
    net = neural_net()
    history = quiet_call(
        train,
        network=net,
        data=rows,
        all_y_trues=answers,
        learn_rate=learn_rate,
        epochs=epochs,
        every=every,
        callback=lambda epoch, loss: seen.append((epoch, loss)),
    )
    assert len(history) == math.ceil(epochs / every) and finite(history)
    assert all(0 <= loss <= 1 for loss in history)
    assert seen == [(i * every, loss) for i, loss in enumerate(history)]
    assert finite(net)


@fuzz(max_examples=20)
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    init=st.sampled_from(INITS),
    seed=st.integers(0, 2**32),
    data=st.data(),
)
def test_a_valid_matrix_network_computes_trains_and_checks(
    sizes: list[int], init: str, seed: int, data: st.DataObject
) -> None:
    n_layers = len(sizes) - 1
    names_ = data.draw(layer_names(n_layers))
    net = quiet_call(MatrixNetwork.random, sizes=sizes, activations=names_, rng=seed, init=init)
    assert net.sizes == sizes
    n = data.draw(st.integers(1, 4))
    X = data.draw(moderate_arrays((n, sizes[0])))
    Y = data.draw(hnp.arrays(np.float64, (n, sizes[-1]), elements=st.sampled_from([0.0, 1.0])))
    outputs = quiet_call(net.forward, X=X)
    assert outputs.shape == (n, sizes[-1]) and finite(outputs)
    for loss in sorted(LOSSES):
        Y_loss = answers_for(loss, Y)
        value = quiet_call(net.loss, X=X, Y=Y_loss, loss=loss)
        assert isinstance(value, float) and 0 <= value and math.isfinite(value)
        d_W, d_b = quiet_call(net.gradients, X=X, Y=Y_loss, loss=loss)
        assert [d.shape for d in d_W] == [W.shape for W in net.weights] and finite(d_W)
        assert [d.shape for d in d_b] == [b.shape for b in net.biases] and finite(d_b)
        worst = quiet_call(check_gradients, network=net, X=X, Y=Y_loss, loss=loss)
        assert 0 <= worst <= 1
    copy = MatrixNetwork(net.weights, net.biases, names_)
    assert np.array_equal(copy.forward(X), outputs)
    epochs = data.draw(st.integers(1, 3))
    history = quiet_call(
        train_batches, network=net, X=X, Y=Y, epochs=epochs, batch_size=2, rng=seed, every=1
    )
    assert len(history) == epochs and finite(history) and finite(net)


@fuzz(max_examples=30)
@given(a=st.floats(-1e300, 1e300), b=st.floats(-1e300, 1e300))
def test_relative_error_of_valid_numbers_is_between_0_and_1(a: float, b: float) -> None:
    error = quiet_call(relative_error, a=a, b=b)
    assert 0 <= error <= 1 and (error == 0) == (a == b)


@fuzz(max_examples=20)
@given(n=st.integers(2, 50), noise=st.floats(0, 10), seed=st.integers(0, 2**32))
def test_make_moons_of_valid_arguments(n: int, noise: float, seed: int) -> None:
    X, y = quiet_call(make_moons, n_samples=n, noise=noise, rng=seed)
    assert X.shape == (n, 2) and y.shape == (n,) and finite(X)
    assert sorted(y.tolist()) == [0.0] * (n - n // 2) + [1.0] * (n // 2)


@fuzz(max_examples=30)
@given(weight=st.floats(-1e300, 1e300), height=st.floats(-1e300, 1e300), score=UNIT)
def test_the_data_helpers_on_valid_input(weight: float, height: float, score: float) -> None:
    shifted = quiet_call(shift, weight=weight, height=height)
    assert shifted.tolist() == [weight - 135, height - 66]
    gender = quiet_call(decode_gender, score=score)
    assert gender == ("F" if score >= 0.5 else "M")
    assert quiet_call(encode_gender, gender=gender) == (1 if gender == "F" else 0)
    data, answers = quiet_call(training_data)
    assert data.shape == (4, 2) and answers.shape == (4,) and finite(data)


@fuzz(max_examples=10)
@given(epoch=st.integers(0, 10**6), learn_rate=POSITIVE, function=st.sampled_from(["train"]))
def test_training_diverged_error_is_a_value_error(
    epoch: int, learn_rate: float, function: str
) -> None:
    error = TrainingDivergedError(epoch, learn_rate, function)
    assert isinstance(error, ValueError), type(error).__mro__
    assert error.epoch == epoch and error.learn_rate == learn_rate and "learn_rate" in str(error)


def test_save_and_load_a_valid_network(tmp_path: Path) -> None:
    for net in (neural_net(), matrix_net()):
        path = tmp_path / f"{type(net).__name__}.npz"
        quiet_call(save, network=net, path=path)
        assert bits(quiet_call(load, path=os.fspath(path))) == bits(net)


@fuzz(max_examples=30)
@given(a=MODERATE, b=MODERATE)
def test_value_arithmetic_of_valid_numbers_is_float_arithmetic(a: float, b: float) -> None:
    x, y = Value(a), Value(b)
    out = quiet_call(lambda: (x * y + x - 2 * y).tanh() + (x - y).relu() + (-x).exp())
    assert isinstance(out, Value)
    assert out.data == math.tanh(a * b + a - 2 * b) + max(a - b, 0.0) + math.exp(-a)
    quiet_call(out.backward)
    assert math.isfinite(x.grad) and math.isfinite(y.grad)


@fuzz(max_examples=100)  # hypothesis's default count, with no deadline and no database
@given(
    n=st.integers(2, 30),
    n_classes=st.integers(2, 12),
    fraction=st.floats(0.01, 0.99),
    seed=st.integers(0, 2**32),
    data=st.data(),
)
def test_the_digits_helpers_on_valid_input(
    n: int, n_classes: int, fraction: float, seed: int, data: st.DataObject
) -> None:
    labels = data.draw(hnp.arrays(np.int64, n, elements=st.integers(0, n_classes - 1)))
    guesses = data.draw(hnp.arrays(np.int64, n, elements=st.integers(0, n_classes - 1)))
    X = data.draw(moderate_arrays((n, 3)))
    X_train, X_test, y_train, y_test = quiet_call(
        train_test_split, X=X, y=labels, test_fraction=fraction, rng=seed
    )
    assert len(X_test) == len(y_test) == min(max(math.ceil(fraction * n), 1), n - 1)
    assert len(X_train) + len(X_test) == n and y_train.dtype == np.int64
    rows = quiet_call(one_hot, labels=labels, n_classes=n_classes)
    assert rows.shape == (n, n_classes) and (rows.sum(axis=1) == 1).all()
    assert (rows.argmax(axis=1) == labels).all()
    right = quiet_call(accuracy, y_true=labels, y_pred=guesses)
    assert type(right) is float and 0 <= right <= 1
    counts = quiet_call(confusion_matrix, y_true=labels, y_pred=guesses, n_classes=n_classes)
    assert counts.shape == (n_classes, n_classes) and counts.sum() == n
    assert counts.sum(axis=1).tolist() == np.bincount(labels, minlength=n_classes).tolist()
    assert np.trace(counts) / n == right
    net = MatrixNetwork.random([3, n_classes], "softmax", rng=seed)
    predicted = quiet_call(predict, network=net, X=X)
    assert predicted.shape == (n,) and ((predicted >= 0) & (predicted < n_classes)).all()


# --- rule 6: the same numbers in another form give the same result --------------------------

# Arguments whose value is a list that is not an array of numbers: its items take forms.
LISTS_NOT_ARRAYS = {"sizes"}
SIGNED_ZEROS: tuple[Any, ...] = (
    -0.0,
    np.float64(-0.0),
    np.float32(-0.0),
    np.float16(-0.0),
    np.longdouble(-0.0),
)


def same_number(dtype: np.dtype, value: float | int) -> Any:
    """`value` as a scalar of `dtype`, or None if that type cannot hold it exactly."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            form = dtype.type(value)
        except (OverflowError, ValueError):
            return None
    return form if form == value and float(form) == float(value) else None


def number_forms(value: float | int) -> list[Any]:
    """`value` as every other type of real number that holds it exactly.

    An int count stays an integer (numpy's too): ``2.0`` is no count.
    """
    dtypes = [d for d in REAL_DTYPES if d.kind in "iu"] if isinstance(value, int) else REAL_DTYPES
    forms = [form for d in dtypes if (form := same_number(d, value)) is not None]
    if isinstance(value, float):
        forms += [Fraction(value), *([int(value)] if value.is_integer() else [])]
    return forms


def array_forms(value: Any) -> list[Any]:
    """`value` (numbers, nested in lists or an array) in every other form of the same numbers."""
    array = np.asarray(value)
    forms: list[Any] = [array.tolist(), list(array), array.astype(object)]
    forms.append(tuple(map(tuple, array.tolist())) if array.ndim == 2 else tuple(array.tolist()))
    forms.append(np.vectorize(np.asarray, otypes=[object])(array).tolist())  # 0-d arrays
    forms.append(np.vectorize(zero_d, otypes=[object])(array).tolist())  # 0-d object arrays
    forms.append(array.astype(array.dtype.newbyteorder(">")))
    forms.append(np.repeat(array, 2, axis=0)[::2])  # not contiguous
    read_only = array.copy()
    read_only.flags.writeable = False
    forms.append(read_only)
    for dtype in REAL_DTYPES:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            cast = array.astype(dtype)
        if np.array_equal(cast, array):
            forms.append(cast)
    return forms


def numeric_arguments(target: Target) -> list[str]:
    """The arguments of `target` whose base value is a number or an array of numbers."""
    found = []
    for name, value in target.base().items():
        if name == "self" or isinstance(value, (bool, str)):
            continue
        if isinstance(value, (int, float)):
            found.append(name)
        elif isinstance(value, (list, np.ndarray)):
            with contextlib.suppress(ValueError):  # a list of arrays of two shapes (weights)
                if np.asarray(value).dtype.kind in "iuf":
                    found.append(name)
    return found


FORM_CASES = [
    pytest.param(target.name, argument, id=f"{target.name}-{argument}")
    for target in TARGETS
    if target.name not in ("save", "load")  # no number to give; their base needs a folder
    for argument in numeric_arguments(target)
]


def verdict(outcome: Outcome, argument: str) -> str:
    """Accepted, or the error's type and whether it names `argument`."""
    if outcome.error is None:
        return "accepted"
    named = "naming" if names(argument, str(outcome.error)) else "NOT naming"
    return f"{type(outcome.error).__name__} {named} {argument}"


def result_values(value: Any) -> Any:
    """`bits` of a result, with every array compared by its numbers, whatever its dtype."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return ("array", value.shape, value.astype(np.float64).tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(result_values(item) for item in value)
    return bits(value)


def judge_form(target: Target, argument: str, base: Any, form: Any, compare: bool) -> str | None:
    """How `target` treats `form` of `argument` differently from `base`, or None."""
    outcomes = []
    for value in (base, form):
        arguments = target.base()
        arguments[argument] = value
        outcome = attempt(target.call, arguments)
        outcomes.append((outcome, state(arguments)))
    (expected, expected_state), (got, got_state) = outcomes
    call = called(target.name, {argument: form})
    if verdict(got, argument) != verdict(expected, argument):
        found = describe_error(got.error) if got.error else f"returned {show(got.value)}"
        given = describe_error(expected.error) if expected.error else "is accepted"
        return f"{call}: {found}, but {show(base)} {given}"
    if compare and got.error is None:
        same_result = result_values(got.value) == result_values(expected.value)
        if not same_result or got_state != expected_state:
            return f"{call} gave {show(got.value)}, but {show(base)} gave {show(expected.value)}"
    return None


@pytest.mark.parametrize(("target", "argument"), FORM_CASES)
def test_the_same_numbers_in_another_form_are_treated_the_same(target: str, argument: str) -> None:
    """A numpy scalar of any real dtype, a Fraction, a list, tuple or object array of the
    same numbers, a read-only, byte-swapped or strided array: the same result; -0.0 as 0.0.
    """
    chosen = BY_NAME[target]
    base = chosen.base()[argument]
    cases: list[tuple[Any, Any, bool]] = []
    if isinstance(base, (int, float)):
        cases += [(base, form, True) for form in number_forms(base)]
        if isinstance(base, float):
            cases += [(0.0, zero, False) for zero in SIGNED_ZEROS]
    elif argument in LISTS_NOT_ARRAYS:
        cases.append((base, tuple(base), True))
        for i, item in enumerate(base):
            cases += [
                (base, [*base[:i], form, *base[i + 1 :]], True) for form in number_forms(item)
            ]
    else:
        cases += [(base, form, True) for form in array_forms(base)]
        zeros = np.array(base, dtype=np.float64)
        zeros.flat[0] = 0.0
        for zero in SIGNED_ZEROS:
            signed = zeros.astype(np.result_type(zero, np.float16))
            signed.flat[0] = zero
            cases.append((zeros, signed, False))
    failures = [
        failure
        for base_, form, compare in cases
        if (failure := judge_form(chosen, argument, base_, form, compare))
    ]
    assert not failures, f"{len(failures)} of {len(cases)} forms mishandled:\n" + "\n".join(
        failures
    )


# --- rule 7: a function the reader passes in is checked by its signature --------------------


@dataclass(frozen=True)
class Signature:
    """A function's parameters: `positional` of them (the last `defaults` with a default),
    then maybe ``*args``, a keyword-only ``k`` (required, or with a default), ``**kwargs``."""

    positional: int
    defaults: int
    star_args: bool
    keyword_only: str  # "", "k" or "k=None"
    star_kwargs: bool

    def takes(self, n: int) -> bool:
        """Whether the function can be called with `n` positional arguments and no keyword."""
        required = self.positional - self.defaults
        fits = required <= n and (n <= self.positional or self.star_args)
        return fits and self.keyword_only != "k"

    def function(self, body: Callable[..., Any]) -> Callable[..., Any]:
        """A function of this signature that passes its positional arguments to `body`."""
        names_ = [f"p{i}" for i in range(self.positional)]
        parameters = [
            f"{n}=None" if i >= self.positional - self.defaults else n for i, n in enumerate(names_)
        ]
        if self.star_args:
            parameters.append("*args")
        if self.keyword_only:
            parameters += ([] if self.star_args else ["*"]) + [self.keyword_only]
        if self.star_kwargs:
            parameters.append("**kwargs")
        inputs = ", ".join(names_ + (["*args"] if self.star_args else []))
        namespace: dict[str, Any] = {"body": body}
        exec(f"def user_function({', '.join(parameters)}):\n    return body({inputs})", namespace)
        return namespace["user_function"]  # type: ignore[no-any-return]


@st.composite
def signatures(draw: st.DrawFn) -> Signature:
    positional = draw(st.integers(0, 3))
    return Signature(
        positional,
        draw(st.integers(0, positional)),
        draw(st.booleans()),
        draw(st.sampled_from(["", "k", "k=None"])),
        draw(st.booleans()),
    )


def user_slot(slot: str, function: Callable[..., Any]) -> tuple[Callable[[], Any], str]:
    """A call that hands `function` to the package in `slot`, and the name its errors use."""
    mse = LOSSES["mse"]

    def activation() -> Any:
        own = (
            Activation("own", function, lambda a: 1 - a**2)
            if slot == "Activation.f"
            else Activation("own", np.tanh, function)
        )
        net = MatrixNetwork.random([2, 3, 1], [own, "sigmoid"], rng=0)
        return net.forward(X4), train_batches(net, X4, Y4, epochs=1, rng=0)

    def loss() -> Any:
        own = Loss("own", function, mse.df) if slot == "Loss.f" else Loss("own", mse.f, function)
        net = matrix_net()
        before = bits(net)
        try:
            return net.loss(X4, Y4, own), train_batches(net, X4, Y4, loss=own, epochs=1, rng=0)
        except TypeError:
            assert bits(net) == before, "refused, but the network changed"
            raise

    def callback() -> Any:
        return train(neural_net(), DATA, LABELS, epochs=2, every=1, callback=function)

    return {
        "Activation.f": (activation, "activations[0].f"),
        "Activation.df": (activation, "activations[0].df"),
        "Loss.f": (loss, "loss.f"),
        "Loss.df": (loss, "loss.df"),
        "callback": (callback, "callback"),
    }[slot]


SLOTS = {  # what the package calls each with, and the math it must do
    "Activation.f": (1, lambda z, *rest: np.tanh(z)),
    "Activation.df": (1, lambda a, *rest: 1 - a**2),
    "Loss.f": (2, lambda Y, P, *rest: LOSSES["mse"].f(Y, P)),
    "Loss.df": (2, lambda Y, P, *rest: LOSSES["mse"].df(Y, P)),
    "callback": (2, lambda epoch, loss, *rest: None),
}


def judge_user_function(slot: str, function: Callable[..., Any], fits: bool) -> str | None:
    call, name = user_slot(slot, function)
    try:
        signature = str(inspect.signature(function))
    except ValueError:
        signature = "(unknown)"
    outcome = attempt(call, {})
    if fits and outcome.error is not None:
        return f"{slot} = {show(function)} {signature}: refused, {describe_error(outcome.error)}"
    if fits:
        return None
    if outcome.error is None:
        return f"{slot} = {show(function)} {signature}: accepted"
    error = outcome.error
    if not (isinstance(error, TypeError) and names(name, str(error))):
        return f"{slot} = {show(function)} {signature}: {describe_error(error)}, not naming {name}"
    return None


@pytest.mark.parametrize("slot", SLOTS)
@fuzz(max_examples=40)
@given(signature=signatures())
def test_a_user_function_of_any_signature_is_used_or_refused_by_name(
    slot: str, signature: Signature
) -> None:
    n, body = SLOTS[slot]
    failure = judge_user_function(slot, signature.function(body), signature.takes(n))
    assert failure is None, failure


# Built-in functions and ufuncs: a ufunc's signature says `out` is positional, so a
# one-input ufunc seems to take (Y, P); its `.nin` says how many inputs it takes.
BUILT_INS = [
    ("Activation.f", np.tanh, True),
    ("Activation.f", abs, True),
    ("Activation.f", np.vectorize(np.tanh), True),  # signature (*args, **kwargs)
    ("Activation.f", functools.partial(np.maximum, 0.0), True),
    ("Activation.f", np.add, False),
    ("Activation.df", np.ones_like, True),
    ("Activation.df", max, False),  # no signature to read, but tried: max of rows is no slope
    ("Loss.f", np.tanh, False),
    ("Loss.df", np.subtract, True),
    ("Loss.df", np.negative, False),
    ("callback", np.add, True),
    ("callback", np.exp, False),
]


@pytest.mark.parametrize(("slot", "function", "fits"), BUILT_INS, ids=lambda v: show(v, 30))
def test_built_in_functions_and_ufuncs_are_checked_by_what_they_take(
    slot: str, function: Any, fits: bool
) -> None:
    if function is max:  # its signature cannot be read; what it returns is checked
        with pytest.raises(TypeError, match=r"^activations\[0\]\.df must return a real array"):
            MatrixNetwork.random([2, 1], [Activation("own", np.tanh, max)], rng=0)
        return
    failure = judge_user_function(slot, function, fits)
    assert failure is None, failure


# A reader's own functions that can be called as the package calls them but give back
# the wrong thing: a tuple, a column short, text, a list, one number, NaN.
WRONG_OUTPUTS = {
    "a tuple": np.modf,
    "a column short": lambda x, *rest: np.asarray(x)[:, :-1],
    "text": lambda x, *rest: np.full(np.shape(x), "x"),
    "a list": lambda x, *rest: np.asarray(x).tolist(),
    "one number": lambda x, *rest: 0.5,
    "NaN": lambda x, *rest: np.full(np.shape(x), NAN),
    "infinity": lambda x, *rest: np.full(np.shape(x), INF),
}
WRONG_SLOTS = ["Activation.f", "Activation.df", "Loss.f", "Loss.df"]


@pytest.mark.parametrize("slot", WRONG_SLOTS)
@pytest.mark.parametrize("wrong", WRONG_OUTPUTS, ids=str)
@pytest.mark.parametrize("call", ["forward", "loss", "gradients", "train_batches"])
def test_a_user_function_that_returns_the_wrong_thing_is_named(
    slot: str, wrong: str, call: str
) -> None:
    # Outside finding: Activation("m", np.modf, np.ones_like) made forward return a
    # tuple; Loss(f=np.divmod) made loss() return one; np.log was blamed as overflow.
    function = WRONG_OUTPUTS[wrong]
    if slot == "Loss.f" and wrong == "one number":
        return  # one number is what a loss gives
    if slot.startswith("Loss") and call == "forward":
        return  # forward uses no loss
    hidden = Activation("own", function, np.ones_like) if slot == "Activation.f" else "tanh"
    if slot == "Activation.df":
        hidden = Activation("own", np.tanh, function)
    mse = LOSSES["mse"]
    loss = Loss("own", function, mse.df) if slot == "Loss.f" else "mse"
    if slot == "Loss.df":
        loss = Loss("own", mse.f, function)
    where = {"Activation.f": r"activations\[0\]\.f", "Activation.df": r"activations\[0\]\.df"}
    where |= {"Loss.f": r"loss\.f", "Loss.df": r"loss\.df"}
    X, Y = [[0.5, 1.0], [1.0, -1.0], [0.0, 2.0]], [1.0, 0.0, 1.0]
    with pytest.raises((TypeError, ValueError), match=rf"^{where[slot]} (must|returned)"):
        net = MatrixNetwork.random([2, 3, 1], [hidden, "sigmoid"], rng=0)
        before = snapshot(net)
        try:
            if call == "forward":
                net.forward(X)
            elif call == "train_batches":
                train_batches(net, X, Y, loss=loss, rng=0, epochs=2)
            else:
                getattr(net, call)(X, Y, loss)
        finally:
            assert unchanged(net, before)
