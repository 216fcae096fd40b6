"""The boundary: each finding of the input-checking review, and the rule behind it.

Every public call checks what it is given once, in `nn_from_scratch.checks`,
before anything changes; the math below it is plain. Each test names the
finding it covers; tests/test_fuzz_public.py checks the same rules over
generated junk for every public callable.
"""

from __future__ import annotations

import ast
import copy
import math
import pickle
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

import nn_from_scratch
from nn_from_scratch import (
    LOSSES,
    InputScaleWarning,
    Loss,
    MatrixNetwork,
    NeuralNetwork,
    Neuron,
    TrainingDivergedError,
    check_gradients,
    deriv_sigmoid,
    make_moons,
    mse_loss,
    predict,
    relative_error,
    sgd_step,
    sigmoid,
    train,
    train_batches,
    training_data,
)

from .helpers import bits

PACKAGE = Path(nn_from_scratch.__file__).parent


@pytest.fixture
def strict_warnings():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- the structure: one boundary, public math --------------------------------------------


def imported_names(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from .x import name` and `from . import name` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            found += [(node.module or ".", alias.name) for alias in node.names]
    return found


MODULES = sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("*/*.py")])


def module_name(path: Path) -> str:
    """A module's name inside the package: ``network``, ``exercises.common``, ``exercises``
    for the subpackage's ``__init__.py``, ``__init__`` for the package's own."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def is_module(name: str) -> bool:
    """Whether the package has a module or subpackage of that name, such as ``exercises.loss``."""
    where = PACKAGE.joinpath(*name.split("."))
    return bool(name) and (where.with_suffix(".py").exists() or (where / "__init__.py").exists())


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_module_imports_a_private_name_from_another(path: Path) -> None:
    private = [(module, name) for module, name in imported_names(path) if name.startswith("_")]
    assert private == []


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_module_uses_a_private_attribute_of_another_object(path: Path) -> None:
    # network._outputs(...) from training.py was the same leak as importing _outputs.
    uses = [
        node.attr
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls", "os"))
    ]
    if module_name(path) == "exercises.autodiff":
        # Exercise 10.2's wrong answers are written as the reader writes an operation,
        # micrograd's way: out._backward = _backward, the page's public pattern.
        uses = [name for name in uses if name != "_backward"]
    assert uses == []


def test_every_check_lives_in_the_checks_module() -> None:
    # Outside checks.py, a module raises only what its math means (divergence),
    # never an argument check of its own; saving.py's errors about files are its own.
    # exercises/common.py's timer stops a reader's endless loop with a private exception,
    # and passes on a Ctrl-C it caught while cleaning up: control flow, not checks.
    control_flow = {"exercises.common": {"_TimedOut", "interrupted"}}
    for path in MODULES:
        if path.name in ("checks.py", "saving.py"):
            continue
        raised = [
            ast.unparse(node.exc)[:40]
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Raise) and node.exc is not None
        ]
        allowed = control_flow.get(module_name(path), set())
        assert all("TrainingDivergedError" in text or text in allowed for text in raised), (
            module_name(path),
            raised,
        )


def package_imports(path: Path) -> set[str]:
    """The package's modules that the module at `path` imports, wherever in it.

    Imports inside functions and under ``if TYPE_CHECKING:`` count: ast.walk
    visits every node. ``from . import name`` imports the module `name` if the
    package has one, else a name from the package's ``__init__``. Modules are
    named as `module_name` names them.
    """
    here = list(path.relative_to(PACKAGE).parent.parts)  # the package `path` is in
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and not module.startswith("nn_from_scratch"):
                continue
            if node.level == 0:
                target = module.removeprefix("nn_from_scratch").lstrip(".")
            else:
                base = here[: len(here) - node.level + 1]
                target = ".".join([*base, *([module] if module else [])])
            if node.module and target:  # from .x import name, or from nn_from_scratch.x
                found.add(target)
                continue
            for alias in node.names:
                name = f"{target}.{alias.name}".lstrip(".")
                found.add(name if is_module(name) else target or "__init__")
        elif isinstance(node, ast.Import):
            found |= {
                alias.name.removeprefix("nn_from_scratch").lstrip(".") or "__init__"
                for alias in node.names
                if alias.name.split(".")[0] == "nn_from_scratch"
            }
    return found - {module_name(path)}


def test_the_checks_module_imports_nothing_from_the_package() -> None:
    # Finding: checks.py imported network, matrix, activation and loss inside its
    # functions (and under TYPE_CHECKING), while each of them imports checks.py.
    assert package_imports(PACKAGE / "checks.py") == set()


def test_the_modules_import_each_other_without_a_circle() -> None:
    graph = {module_name(path): package_imports(path) for path in MODULES}
    done: set[str] = set()

    def circle_from(module: str, path: list[str]) -> list[str]:
        """A chain of imports from `module` back to a module on `path`, or []."""
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return []
        for imported in sorted(graph.get(module, ())):
            if found := circle_from(imported, [*path, module]):
                return found
        done.add(module)
        return []

    circles = [circle for module in sorted(graph) if (circle := circle_from(module, []))]
    assert circles == [], " -> ".join(circles[0])


def test_train_records_the_loss_with_chapter_4s_mse() -> None:
    source = (PACKAGE / "training.py").read_text()
    assert "from .loss import mse" in source
    assert "** 2" not in source.split("def train(")[1]  # no MSE of its own


# --- train: everything checked before a parameter moves -----------------------------------


def test_labels_far_outside_0_to_1_are_refused_before_training() -> None:
    # Finding: train(net, data, [1e155]) raised OverflowError after the parameters moved.
    net = NeuralNetwork.random(0)
    before = bits(net)
    with pytest.raises(ValueError, match=r"all_y_trues must hold values between 0 and 1"):
        train(net, [[1.0, 2.0]], [1e155], epochs=1)
    assert bits(net) == before


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        ("verbose", np.array([True, False]), "verbose must be True or False"),
        ("verbose", "yes", "verbose must be True or False"),
        ("callback", lambda epoch: None, r"callback must accept two arguments"),
        ("callback", lambda: None, r"callback must accept two arguments"),
        ("callback", 42, "callback must be callable"),
        ("every", 0, "every must be at least 1"),
    ],
)
@pytest.mark.parametrize("trainer", ["train", "train_batches"])
def test_both_trainers_refuse_bad_options_before_the_first_step(
    trainer: str, option: str, value: object, error: str
) -> None:
    # Finding: a bad verbose or callback failed after the first epoch, naming nothing.
    data, y = training_data()
    if trainer == "train":
        net: NeuralNetwork | MatrixNetwork = NeuralNetwork.random(0)
        call = lambda: train(net, data, y, epochs=3, **{option: value})  # noqa: E731
    else:
        net = MatrixNetwork.random([2, 2, 1], "sigmoid", rng=0)
        call = lambda: train_batches(net, data, y, epochs=3, rng=0, **{option: value})  # noqa: E731
    before = bits(net)
    with pytest.raises((TypeError, ValueError), match=error):
        call()
    assert bits(net) == before


def test_a_custom_loss_that_cannot_be_called_is_refused_before_training() -> None:
    net = MatrixNetwork.random([2, 1], "sigmoid", rng=0)
    before = bits(net)
    broken = Loss("mine", 3.0, LOSSES["mse"].df)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="loss must have a str name and callable f and df"):
        train_batches(net, [[0.0, 1.0]], [1.0], loss=broken, rng=0)
    assert bits(net) == before


@pytest.mark.parametrize("trainer", ["train", "train_batches"])
def test_a_callback_that_raises_leaves_the_network_as_it_was(trainer: str) -> None:
    def stop(epoch: int, loss: float) -> None:
        if epoch == 2:
            raise KeyError("stop")

    data, y = training_data()
    net: NeuralNetwork | MatrixNetwork
    if trainer == "train":
        net = NeuralNetwork.random(0)
        before = bits(net)
        with pytest.raises(KeyError):
            train(net, data, y, epochs=5, every=1, callback=stop)
    else:
        net = MatrixNetwork.random([2, 2, 1], "sigmoid", rng=0)
        before = bits(net)
        with pytest.raises(KeyError):
            train_batches(net, data, y, epochs=5, rng=0, callback=stop)
    assert bits(net) == before


def test_both_trainers_record_the_same_epochs_and_print_the_same_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # One set of rules: every=N records after epochs 0, N, 2N, ...; None records nothing.
    data, y = training_data()
    seen: dict[str, list[int]] = {"train": [], "train_batches": []}
    train(NeuralNetwork.random(0), data, y, epochs=7, every=3, verbose=True,
          callback=lambda epoch, loss: seen["train"].append(epoch))  # fmt: skip
    first = capsys.readouterr().out
    train_batches(MatrixNetwork.random([2, 2, 1], "sigmoid", rng=0), data, y, epochs=7,
                  every=3, verbose=True, rng=0,
                  callback=lambda epoch, loss: seen["train_batches"].append(epoch))  # fmt: skip
    second = capsys.readouterr().out
    assert seen == {"train": [0, 3, 6], "train_batches": [0, 3, 6]}
    assert [line.split(" loss:")[0] for line in first.splitlines()] == [
        "Epoch 0",
        "Epoch 3",
        "Epoch 6",
    ]
    assert [line.split(" loss:")[0] for line in second.splitlines()] == [
        "Epoch 0",
        "Epoch 3",
        "Epoch 6",
    ]
    assert train(NeuralNetwork.random(0), data, y, epochs=3, every=None) == []


def test_a_loss_that_overflows_while_the_weights_stay_finite_is_divergence() -> None:
    # Finding: train_batches returned a history of inf. Here y = 1e200 x: the output
    # reaches 1e160 while every weight is finite, and its square overflows.
    net = MatrixNetwork([[[1e160]]], [[0.0]], "identity")
    before = bits(net)
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(net, [[1.0]], [1e-3], epochs=2, shuffle=False, learn_rate=1e-9)
    assert caught.value.epoch == 0
    assert bits(net) == before


# --- arrays: one reader for every kind of junk --------------------------------------------


@pytest.mark.parametrize("function", [sigmoid, deriv_sigmoid])
@pytest.mark.parametrize("empty", [[], np.zeros((0, 3))])
def test_sigmoid_of_an_empty_array_is_an_empty_array(function: object, empty: object) -> None:
    # Finding: sigmoid([]) raised "zero-size array to reduction operation minimum".
    result = function(empty)  # type: ignore[operator]
    assert result.shape == np.shape(empty)


JUNK = {
    "complex": [1.0 + 2.0j, 0.5],
    "complex array": np.array([1.0 + 0j, 2.0]),
    "masked array": np.ma.masked_array([1.0, 2.0], mask=[False, True]),
    "bytearray": bytearray(b"\x01\x02"),
    "memoryview": memoryview(b"\x01\x02"),
    "bool among floats": [True, 0.5],
    "timedelta64": [np.timedelta64(1, "s"), np.timedelta64(2, "s")],
}


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
def test_junk_arrays_are_refused_by_name_without_a_warning(
    junk: object, strict_warnings: None
) -> None:
    # Finding: complex input was truncated, masks ignored, bytearrays read as codes.
    net = NeuralNetwork.random(0)
    with pytest.raises(TypeError, match=r"^x must (hold real numbers|be a plain array)"):
        net.feed_forward(junk)
    with pytest.raises(TypeError, match=r"^y_pred must"):
        mse_loss([1.0, 0.0], junk)


def test_a_lone_timedelta_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"^x must hold real numbers, not dates or times"):
        sigmoid(np.timedelta64(3, "s"))
    with pytest.raises(TypeError, match=r"^learn_rate must be a real number"):
        sgd_step(NeuralNetwork.random(0), [0.0, 0.0], 1.0, learn_rate=np.timedelta64(1, "s"))


@pytest.mark.skipif(np.finfo(np.longdouble).max <= np.finfo(np.float64).max, reason="no float128")
def test_a_float128_beyond_float64_is_refused_without_a_cast_warning(
    strict_warnings: None,
) -> None:
    huge = np.longdouble(np.finfo(np.float64).max) * 16
    with pytest.raises(ValueError, match="too large for a float64"):
        NeuralNetwork.random(0).feed_forward([huge, 0.0])
    with pytest.raises(ValueError, match="w1 is too large for a float64"):
        NeuralNetwork(w1=huge, w2=0, w3=0, w4=0, w5=0, w6=0, b1=0, b2=0, b3=0)


# --- results: overflow is an error, never a warning, NaN or inf ---------------------------


def test_mse_loss_of_huge_finite_values_is_an_error_not_a_warning(strict_warnings: None) -> None:
    # Finding: mse_loss([1e200], [0.0]) warned and returned inf.
    with pytest.raises(ValueError, match="y_true and y_pred are too large"):
        mse_loss([1e200], [0.0])


@pytest.mark.parametrize("method", ["forward", "loss", "gradients", "check_gradients"])
def test_a_matrix_network_that_overflows_says_so(method: str, strict_warnings: None) -> None:
    net = MatrixNetwork([[[1.0], [1.0]]], [[0.0]], "identity")
    X, Y = [[1e308, 1e308]], [0.0]  # 1e308 + 1e308 overflows
    with pytest.raises(ValueError, match="are too large: the result overflowed float64"):
        if method == "check_gradients":
            check_gradients(net, X, Y)
        elif method == "forward":
            net.forward(X)
        else:
            getattr(net, method)(X, Y)


def test_a_network_with_huge_weights_refuses_rather_than_answer_nan() -> None:
    # Finding: NeuralNetwork(w1=1e308, ...) answered NaN: 2e308 - 2e308 is inf - inf.
    huge = NeuralNetwork(w1=1e308, w2=1e308, w3=1e308, w4=1e308, w5=1, w6=1, b1=0, b2=0, b3=0)
    with pytest.raises(ValueError, match="x and the parameters are too large"):
        huge.feed_forward([2.0, -2.0])


def test_neuron_with_huge_weights_refuses_rather_than_answer_nan() -> None:
    with pytest.raises(ValueError, match="too large"):
        Neuron([1e308, 1e308], 0.0).feed_forward([2.0, -2.0])


# Sums that cancel: 1e308 * 2 + 1e308 * (-2) is exactly 0, but its terms overflow. What
# comes out depends on the BLAS kernel and the shape: NaN under some, inf or -inf under
# others (OpenBLAS's SkylakeX kernel fuses the multiply and the add), which a sigmoid
# turns into a confident 1.0 or 0.0 where the answer is 0.5. Only the overflow itself,
# seen by the floating-point flags, tells; the tests run under every kernel in
# tests/numeric_variants.py and .ci/run.
OVERFLOWED = "are too large: the result overflowed float64"
HUGE = 1e308


@pytest.mark.parametrize(
    ("weights", "inputs"),
    [
        ([HUGE, HUGE], [2.0, -2.0]),
        ([HUGE, -HUGE], [2.0, 2.0]),
        ([-HUGE, 0.5, HUGE], [2.0, 1.0, 2.0]),  # exactly 0.5
    ],
)
def test_a_neuron_whose_sum_cancels_after_overflowing_refuses(
    weights: list[float], inputs: list[float], strict_warnings: None
) -> None:
    with pytest.raises(ValueError, match=f"^the inputs, weights and bias {OVERFLOWED}"):
        Neuron(weights, 0.0).feed_forward(inputs)


def test_chapter_3s_network_whose_sum_cancels_after_overflowing_refuses(
    strict_warnings: None,
) -> None:
    # Python's floats: w1 x1 + w2 x2 + b1 = 2e308 - 1e308 - 1e308 is exactly 0, but
    # inf from left to right, and the network answered f(1) where f(f(0)) is right.
    net = NeuralNetwork(w1=HUGE, w2=-HUGE, w3=0, w4=0, w5=1, w6=0, b1=-HUGE, b2=0, b3=0)
    before = bits(net)
    with pytest.raises(ValueError, match=f"^x and the parameters {OVERFLOWED}"):
        net.feed_forward([2.0, 1.0])
    with pytest.raises(ValueError, match=f"^x and the parameters {OVERFLOWED}"):
        nn_from_scratch.gradients(net, [2.0, 1.0], 1.0)
    # Finding: sgd_step and train stepped from the wrong answer f(1), without an error.
    with pytest.raises(ValueError, match=f"^x and the parameters {OVERFLOWED}"):
        nn_from_scratch.sgd_step(net, [2.0, 1.0], 1.0)
    with pytest.raises(ValueError, match=f"^data and the parameters {OVERFLOWED}"):
        nn_from_scratch.train(net, [[0.0, 0.0], [2.0, 1.0]], [0.0, 1.0], epochs=1)
    assert bits(net) == before


# (weights, biases, activations, X, Y): each has one sum 1e308 * 2 + 1e308 * (-2).
CANCELLING = {
    "one sample": ([[[HUGE], [HUGE]]], [[0.0]], "sigmoid", [[2.0, -2.0]], [0.5]),
    "the last of two samples": (
        [[[HUGE], [HUGE]]],
        [[0.0]],
        "sigmoid",
        [[0.5, 0.25], [2.0, -2.0]],
        [1.0, 0.5],
    ),
    "one of two outputs": (
        [[[1.0, HUGE], [1.0, HUGE]]],
        [[0.0, 0.0]],
        "sigmoid",
        [[2.0, -2.0]],
        [[0.5, 0.5]],
    ),
    "a batch of 64 samples, 3 outputs": (
        [[[HUGE] * 3, [HUGE] * 3]],
        [[0.0] * 3],
        "sigmoid",
        [[2.0, -2.0]] * 64,
        [[0.5] * 3] * 64,
    ),
    "a hidden layer": (
        [[[HUGE], [HUGE]], [[1.0]]],
        [[0.0], [0.0]],
        ["tanh", "identity"],
        [[2.0, -2.0]],
        [0.0],
    ),
    "weights from a hidden layer": (
        [[[1.0, 1.0]], [[HUGE], [-HUGE]]],
        [[0.0, 0.0], [0.0]],
        ["identity", "sigmoid"],
        [[2.0]],
        [0.5],
    ),
}


@pytest.mark.parametrize("case", CANCELLING.values(), ids=CANCELLING.keys())
@pytest.mark.parametrize("method", ["forward", "predict", "loss", "gradients"])
def test_a_matrix_network_whose_sum_cancels_after_overflowing_refuses(
    case: tuple[Any, ...], method: str, strict_warnings: None
) -> None:
    # Found under OpenBLAS's SkylakeX kernel: forward answered [[1.0]] where the
    # answer is sigmoid(0) = 0.5; under Haswell, the two-sample case answered 0.0.
    weights, biases, activation, X, Y = case
    net = MatrixNetwork(weights, biases, activation)
    before = bits(net)
    with pytest.raises(ValueError, match=f"^X(, Y)? and the weights {OVERFLOWED}"):
        if method == "forward":
            net.forward(X)
        elif method == "predict":
            predict(net, X)
        else:
            getattr(net, method)(X, Y)
    assert bits(net) == before


def test_an_output_that_underflows_is_an_answer_not_an_error(strict_warnings: None) -> None:
    # Only overflow is refused: sigmoid(-740) = exp(-740), about 4.2e-322, is below
    # float64's normal range (it underflows) and is the right answer.
    tiny = math.exp(-740.0)
    net = MatrixNetwork([[[1.0]]], [[0.0]], "sigmoid")
    assert net.forward([[-740.0]]).tolist() == [[tiny]]
    assert Neuron([1.0], 0.0).feed_forward([-740.0]) == tiny
    assert net.loss([[-740.0]], [0.0], "bce") == pytest.approx(-math.log1p(-1e-12))
    assert net.gradients([[-740.0]], [0.0], "bce")[1][0].tolist() == [tiny]


def test_sgd_step_refuses_an_answer_a_sigmoid_cannot_give_and_changes_nothing() -> None:
    # Finding: sgd_step with y_true=1e308 made the parameters infinite.
    net = NeuralNetwork.random(0)
    before = bits(net)
    with pytest.raises(ValueError, match="y_true must be between 0 and 1"):
        sgd_step(net, [1.0, 1.0], 1e308)
    assert bits(net) == before


def test_sgd_step_that_would_overflow_a_parameter_changes_nothing() -> None:
    net = NeuralNetwork(w1=0, w2=0, w3=0, w4=0, w5=1, w6=0, b1=0, b2=0, b3=0)
    before = bits(net)
    # dL/dw1 = dL/dy_pred * w5 f'(o1) * x1 f'(h1), about -5e298: times 1e300, -inf.
    with pytest.raises(ValueError, match="learn_rate, x and the parameters are too large"):
        sgd_step(net, [1e300, 1e300], 1.0, learn_rate=1e300)
    assert bits(net) == before


def test_make_moons_with_overflowing_noise_says_noise() -> None:
    # Finding: make_moons(noise=1e308) returned points at infinity.
    with pytest.raises(ValueError, match=r"^noise is too large: the result overflowed"):
        make_moons(10, noise=1e308)


# --- gradient checking -------------------------------------------------------------------


def test_check_gradients_refuses_an_eps_too_small_to_measure_a_slope() -> None:
    # Finding: eps=1e-16 scored an always-0 derivative as correct (1.4e-8).
    net = MatrixNetwork.random([2, 2, 1], "sigmoid", rng=0)
    with pytest.raises(ValueError, match=r"^eps must be between 1e-09 and 0.1, got 1e-16"):
        check_gradients(net, [[0.5, 1.0]], [1.0], eps=1e-16)


def test_check_gradients_eps_floor_grows_with_the_parameters() -> None:
    # p + 1e-8 == p once |p| is above about 1e8: the floor follows the largest parameter.
    net = MatrixNetwork([[[1e10]]], [[0.0]], "identity")
    with pytest.raises(ValueError, match=r"^eps must be between 10 and 0.1"):
        check_gradients(net, [[1.0]], [1.0], eps=1e-6)


@pytest.mark.parametrize("eps", [1e-9, 1e-6, 1e-3, 0.1])
def test_check_gradients_catches_an_always_zero_derivative_at_every_allowed_eps(
    eps: float,
) -> None:
    # The reason for the floor: a derivative that is always 0 must never pass.
    from nn_from_scratch import ACTIVATIONS, Activation

    flat = Activation("sigmoid", ACTIVATIONS["sigmoid"].f, lambda a: 0 * a)
    net = MatrixNetwork.random([2, 3, 1], ["sigmoid", flat], rng=0)
    assert check_gradients(net, [[0.5, -1.0], [1.5, 2.0]], [1.0, 0.0], eps=eps) > 1e-2


def test_relative_error_of_opposite_huge_numbers_is_1() -> None:
    # Finding: relative_error(1e308, -1e308) was NaN (inf / inf). By hand: 2e308 / 2e308.
    assert relative_error(1e308, -1e308) == 1.0
    assert relative_error(5e-324, 0.0) == 1.0
    with pytest.raises(ValueError, match=r"^a must be a finite number"):
        relative_error(math.nan, 1.0)


# --- errors and networks that readers change ----------------------------------------------


def test_training_diverged_error_survives_pickle_and_copy() -> None:
    # Finding: it could not be pickled, so multiprocessing could not send it back.
    error = TrainingDivergedError(184, 10.0, "train_batches")
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(clone) is TrainingDivergedError
        assert (clone.epoch, clone.learn_rate, clone.trainer) == (184, 10.0, "train_batches")
        assert str(clone) == str(error)
    assert isinstance(error, ValueError) and isinstance(error, ArithmeticError)


def test_a_nan_weight_set_by_hand_is_named_not_blamed_on_the_learning_rate() -> None:
    # Finding: MatrixNetwork never re-checked its weights; train_batches blamed learn_rate.
    net = MatrixNetwork.random([2, 2, 1], "sigmoid", rng=0)
    net.weights[1][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^network.weights\[1\] must not contain NaN"):
        train_batches(net, [[0.0, 1.0]], [1.0], rng=0)
    with pytest.raises(ValueError, match=r"^network.weights\[1\] must not contain NaN"):
        net.forward([[0.0, 1.0]])


def test_weights_replaced_by_a_list_are_checked_and_used() -> None:
    net = MatrixNetwork([[[1.0]]], [[0.0]], "identity")
    net.weights[0] = [[2]]  # type: ignore[call-overload]
    assert net.forward([[3.0]]).tolist() == [[6.0]]  # 2 * 3, by hand
    net.weights[0] = [[2, 3]]  # type: ignore[call-overload]
    with pytest.raises(ValueError, match=r"^network.biases\[0\] must have shape \(2,\)"):
        net.forward([[3.0]])


def test_a_neuron_rechecks_weights_set_by_hand() -> None:
    neuron = Neuron([0.0, 1.0], 4.0)
    neuron.bias = math.inf
    with pytest.raises(ValueError, match=r"^bias must be a finite number"):
        neuron.feed_forward([2.0, 3.0])


def test_a_neural_network_rechecks_parameters_set_by_hand() -> None:
    net = NeuralNetwork.random(0)
    net.w5 = "0.5"  # type: ignore[assignment]
    with pytest.raises(TypeError, match=r"^network\.w5 must be a real number"):
        net.feed_forward([0.0, 0.0])
    net.w5 = 1  # an int set by hand is fine, and kept as a float
    net.feed_forward([0.0, 0.0])
    assert type(net.w5) is float


@pytest.mark.parametrize("every", [1, 7, None])
def test_divergence_is_found_at_a_record_or_after_the_last_epoch(every: int | None) -> None:
    # y = 2x + 1 at ten times too large a step: the error grows about 47 times an
    # epoch, so the loss passes a million times its start after epoch 1
    # (troubleshooting shows it); with every=7 the first record after is 7; with no
    # records, the step that overflows float64, at epoch 184 (47**184 ~ 1e307), stops it.
    line = MatrixNetwork.random([1, 1], "identity", rng=0)
    before = bits(line)
    X, Y = [[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]
    with pytest.raises(TrainingDivergedError) as caught:
        train_batches(line, X, Y, learn_rate=10, epochs=500, batch_size=3, shuffle=False,
                      every=every)  # fmt: skip
    assert caught.value.epoch == {1: 1, 7: 7, None: 184}[every]
    assert bits(line) == before


def _threaded_overflow() -> tuple[MatrixNetwork, np.ndarray, np.ndarray]:
    """A 128-wide product whose sum overflows, then cancels to 0, in OpenBLAS's threads."""
    n = 128  # large enough that OpenBLAS splits the product between its threads
    W1 = np.zeros((n, n))
    W1[:4, -1] = 1
    W2 = np.zeros((n, 1))
    W2[-1] = 1
    net = MatrixNetwork([W1, W2], [np.zeros(n), np.zeros(1)], ["tanh", "identity"])
    X = np.zeros((n, n))
    X[0, :4] = [HUGE, HUGE, -HUGE, -HUGE]  # exact total 0; 1e308 + 1e308 overflows
    return net, X, np.zeros(n)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("method", ["forward", "predict", "loss", "gradients", "check"])
def test_an_overflow_on_another_blas_thread_is_refused_too(
    threads: int, method: str, strict_warnings: None
) -> None:
    # Outside finding: numpy's overflow flag sees only the calling thread, so with
    # OpenBLAS on 2 threads forward answered 1.0 (tanh of the infinity) where the
    # exact answer is 0.0, and training trained on it. The answer must not depend on
    # how many threads the BLAS runs.
    net, X, Y = _threaded_overflow()
    before = bits(net)
    with threadpool_limits(limits=threads, user_api="blas"):
        with pytest.raises(ValueError, match=f"^X(, Y)? and the weights {OVERFLOWED}"):
            if method == "forward":
                net.forward(X)
            elif method == "predict":
                predict(net, X)
            elif method == "check":
                check_gradients(net, X[:2], Y[:2])
            else:
                getattr(net, method)(X, Y)
    assert bits(net) == before


@pytest.mark.parametrize("threads", [1, 2])
def test_training_on_an_overflow_on_another_blas_thread_diverges(
    threads: int, strict_warnings: None
) -> None:
    net, X, Y = _threaded_overflow()
    before = bits(net)
    with threadpool_limits(limits=threads, user_api="blas"), pytest.raises(TrainingDivergedError):
        with pytest.warns(InputScaleWarning):
            train_batches(net, X, Y, epochs=1, shuffle=False)
    assert bits(net) == before


def test_a_refused_sgd_step_keeps_a_hand_set_int_exactly() -> None:
    # Outside finding: the refusal came after net.w1 had become 9007199254740992.0.
    net = NeuralNetwork.random(0)
    net.w1 = 2**53 + 1
    with pytest.raises(ValueError, match="learn_rate"):
        sgd_step(net, [1, 2], 0.5, learn_rate=-1)
    assert type(net.w1) is int and net.w1 == 2**53 + 1


def test_a_refused_forward_keeps_the_callers_own_array() -> None:
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    mine = np.array([[1, 2, 3], [4, 5, 6]])
    net.weights[0] = mine
    with pytest.raises(ValueError, match=r"\bX\b"):
        net.forward([[1.0, 2.0, 3.0]])
    assert net.weights[0] is mine


def _swap_then(error: BaseException, shape: tuple[int, int]) -> Any:
    """A callback that puts a new first weight matrix in, then raises `error` at epoch 2."""

    def callback(epoch: int, loss: float) -> None:
        callback.net.weights[0] = np.full(shape, 7.0)  # type: ignore[attr-defined]
        if epoch == 2:
            raise error

    return callback


def test_train_batches_stopped_after_a_callback_swapped_an_array_puts_the_old_one_back() -> None:
    # Outside finding: after Ctrl-C the network kept the callback's array, trained.
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    arrays, before = list(net.weights), bits(net)
    callback = _swap_then(KeyboardInterrupt(), (2, 3))
    callback.net = net  # type: ignore[attr-defined]
    with pytest.raises(KeyboardInterrupt):
        train_batches(net, [[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0], epochs=5, shuffle=False,
                      callback=callback)  # fmt: skip
    assert all(a is b for a, b in zip(net.weights, arrays, strict=True))
    assert bits(net) == before


def test_a_callback_that_puts_in_an_array_of_the_wrong_shape_is_named() -> None:
    # Outside finding: numpy's matmul message, naming nothing, and the array stayed.
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    arrays, before = list(net.weights), bits(net)
    callback = _swap_then(RuntimeError("not reached"), (4, 3))
    callback.net = net  # type: ignore[attr-defined]
    with pytest.raises(
        ValueError, match=r"^network\.weights no longer fit X and Y after the callback"
    ):
        train_batches(net, [[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0], epochs=5, shuffle=False,
                      callback=callback)  # fmt: skip
    assert all(a is b for a, b in zip(net.weights, arrays, strict=True))
    assert bits(net) == before


@pytest.mark.parametrize("call", ["feed_forward", "train", "train_batches"])
def test_the_scale_warning_points_at_the_readers_own_line(call: str) -> None:
    # Found by a reader: after the refusal wrapper was added, the warning named
    # checks.py's wrapper as its source, which looks like a fault in the package.
    with pytest.warns(nn_from_scratch.InputScaleWarning) as caught:
        if call == "feed_forward":
            NeuralNetwork.random(0).feed_forward([128.0, 63.0])
        elif call == "train":
            train(NeuralNetwork.random(0), [[128.0, 63.0], [1.0, 2.0]], [1.0, 0.0], epochs=1)
        else:
            net = MatrixNetwork.random([2, 1], "sigmoid", rng=0)
            train_batches(net, [[128.0, 63.0], [1.0, 2.0]], [1.0, 0.0], epochs=1, rng=0)
    assert [Path(w.filename).name for w in caught] == ["test_boundary.py"]
