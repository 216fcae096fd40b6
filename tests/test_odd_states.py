"""Odd states and inputs an outside fuzz round reached, each once a crash or a quiet change.

A network changed by hand still has a repr and a clear `sizes` error; a loop of
symbolic links is refused by `load` and `save` (which once replaced the link with
a file); unsigned labels stay integers, and labels beyond int64 are refused, not
rounded; numpy's arrays and durations do not slip into a `Value`'s arithmetic
through their reflected operators.
"""

from __future__ import annotations

import os
import pathlib

import numpy as np
import pytest

from nn_from_scratch import MatrixNetwork, NeuralNetwork, Value, load, save, train_test_split


@pytest.mark.parametrize("junk", ["junk", None, [[1.0, 2.0]]], ids=["text", "None", "wrong-shape"])
def test_a_network_changed_by_hand_still_has_a_repr_and_a_clear_sizes(junk: object) -> None:
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    net.weights[0] = junk  # type: ignore[call-overload]
    assert repr(net).startswith("MatrixNetwork(")
    with pytest.raises((TypeError, ValueError), match=r"^network\.(weights|biases)"):
        _ = net.sizes


def test_sizes_reads_a_list_put_in_by_hand_as_forward_does() -> None:
    net = MatrixNetwork.random([2, 3, 1], "sigmoid", rng=0)
    net.weights[0] = net.weights[0].tolist()  # type: ignore[call-overload]
    assert net.sizes == [2, 3, 1] and repr(net).startswith("MatrixNetwork(sizes=[2, 3, 1]")


def test_a_loop_of_symbolic_links_is_refused_and_stays_a_link(tmp_path: pathlib.Path) -> None:
    loop = tmp_path / "loop.npz"
    os.symlink(loop, loop)
    with pytest.raises(ValueError, match=r"is a loop of symbolic links"):
        load(loop)
    with pytest.raises(ValueError, match=r"is a loop of symbolic links"):
        save(NeuralNetwork.random(0), loop)
    assert loop.is_symlink() and [entry.name for entry in tmp_path.iterdir()] == ["loop.npz"]


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16, np.uint64, np.int8, np.int32])
def test_integer_labels_of_any_width_come_back_as_int64(dtype: type) -> None:
    X, y = np.zeros((10, 2)), (np.arange(10) % 3).astype(dtype)
    _, _, y_train, y_test = train_test_split(X, y)
    assert y_train.dtype == y_test.dtype == np.int64
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == sorted(y.tolist())


def test_labels_beyond_int64_are_refused_not_rounded() -> None:
    with pytest.raises(ValueError, match=r"^y must hold labels below 2\*\*63"):
        train_test_split(np.zeros((3, 2)), np.array([0, 1, 2**63], dtype=np.uint64))


@pytest.mark.parametrize(
    "other", [np.timedelta64(1, "s"), np.array(0.5), np.array([0.5])], ids=repr
)
def test_numpy_objects_do_not_slip_into_value_arithmetic(other: object) -> None:
    for operation in (
        lambda: Value(0.5) + other,
        lambda: other + Value(0.5),
        lambda: Value(0.5) * other,
        lambda: other * Value(0.5),
    ):
        with pytest.raises(TypeError):
            operation()
    assert (np.float64(2.0) * Value(3.0)).data == 6.0  # a numpy number is a number
