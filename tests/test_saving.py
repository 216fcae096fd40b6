"""Saving and loading networks: exact round trips, atomic writes, and bad files refused.

A loaded network must compute exactly what the saved one did (the same float64
parameters, bit for bit). A failed save must leave an existing file as it was
and no temporary file behind. Every kind of bad file gets a ValueError (or
FileNotFoundError) that says what is wrong with it.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import (
    ACTIVATIONS,
    PARAMETER_NAMES,
    Activation,
    MatrixNetwork,
    NeuralNetwork,
    make_moons,
    train,
    train_batches,
    training_data,
)
from nn_from_scratch.saving import load, save

Network = NeuralNetwork | MatrixNetwork

X_MOONS, Y_MOONS = make_moons(60, rng=3)


# --- helpers -----------------------------------------------------------------------------


def trained_neural_network() -> NeuralNetwork:
    net = NeuralNetwork.random(42)
    data, all_y_trues = training_data()
    train(net, data, all_y_trues, epochs=50)
    return net


def trained_matrix_network() -> MatrixNetwork:
    net = MatrixNetwork.random([2, 8, 1], ["tanh", "sigmoid"], rng=7)
    train_batches(net, X_MOONS, Y_MOONS, loss="bce", epochs=20, batch_size=8, rng=1, every=None)
    return net


NETWORKS: dict[str, Callable[[], Network]] = {
    "neural-fixed": lambda: NeuralNetwork(w1=0, w2=1, w3=0, w4=1, w5=0, w6=1, b1=0, b2=0, b3=0),
    "neural-awkward-floats": lambda: NeuralNetwork(
        w1=0.1, w2=-0.0, w3=1e-300, w4=-1e300, w5=5e-324, w6=1 / 3, b1=2**52 + 0.5, b2=-7.0, b3=1
    ),
    "neural-random-42": lambda: NeuralNetwork.random(42),
    "neural-trained": trained_neural_network,
    "matrix-one-neuron": lambda: MatrixNetwork([[[0.5]]], [[-0.25]], "identity"),
    "matrix-from-neural": lambda: MatrixNetwork.from_neural_network(NeuralNetwork.random(42)),
    "matrix-2-3-1": lambda: MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0),
    "matrix-deep-relu": lambda: MatrixNetwork.random(
        [4, 16, 8, 8, 3], ["relu", "relu", "tanh", "identity"], rng=1, init="he"
    ),
    "matrix-normal-init": lambda: MatrixNetwork.random([3, 5, 2], "sigmoid", rng=2, init="normal"),
    "matrix-trained": trained_matrix_network,
}


def parameters_of(net: Network) -> list[np.ndarray]:
    if isinstance(net, NeuralNetwork):
        return [np.array(list(net.parameters().values()))]
    return [*net.weights, *net.biases]


def bit_identical(a: np.ndarray, b: np.ndarray) -> bool:
    """Same dtype, same shape, same bytes (so -0.0 and 0.0 differ)."""
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def outputs_of(net: Network) -> np.ndarray:
    if isinstance(net, NeuralNetwork):
        data, _ = training_data()
        return np.array([net.feed_forward(x) for x in data])
    rng = np.random.default_rng(0)
    return net.forward(rng.normal(size=(25, net.sizes[0])) * 3)


def checksum(kind: str, arrays: dict[str, np.ndarray]) -> str:
    """The checksum as saving's module docstring defines it, written out independently."""
    pieces = [kind.encode()]

    def add(key: str) -> None:
        array = arrays[key]
        pieces.extend(
            [key.encode(), ",".join(map(str, array.shape)).encode(), array.astype("<f8").tobytes()]
        )

    if kind == "NeuralNetwork":
        add("parameters")
    else:
        for i, name in enumerate(arrays["activations"].tolist()):
            add(f"W{i}")
            add(f"b{i}")
            pieces.append(name.encode())
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(len(piece).to_bytes(8, "little") + piece)
    return digest.hexdigest()


def read(path: pathlib.Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def write(path: pathlib.Path, arrays: dict[str, Any]) -> None:
    with open(path, "wb") as file:  # a file object: np.savez adds no ".npz"
        np.savez(file, **arrays)


def edited(
    tmp_path: pathlib.Path, net: Network, *, fix_checksum: bool = True, **changes: Any
) -> pathlib.Path:
    """A saved `net`, then re-written by numpy with `changes` (None deletes a key).

    With `fix_checksum`, the checksum is recomputed where it can be (the arrays
    it covers are all there), so only the change itself can be what load() refuses.
    """
    path = tmp_path / "edited.npz"
    save(net, path)
    arrays = read(path)
    for key, value in changes.items():
        if value is None:
            del arrays[key]
        else:
            arrays[key] = value
    if fix_checksum and "checksum" not in changes:
        try:
            arrays["checksum"] = np.array(checksum(str(arrays["kind"]), arrays))
        except (KeyError, ValueError, TypeError):
            pass  # an array the checksum covers is missing or not numbers: keep the old one
    write(path, arrays)
    return path


def load_neural(path: Any) -> NeuralNetwork:
    net = load(path)
    assert isinstance(net, NeuralNetwork)
    return net


def small() -> MatrixNetwork:
    return MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)


def listing(folder: pathlib.Path) -> list[str]:
    return sorted(os.listdir(folder))


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("make", NETWORKS.values(), ids=NETWORKS.keys())
def test_round_trip_is_bit_identical(tmp_path: pathlib.Path, make: Callable[[], Network]) -> None:
    net = make()
    path = tmp_path / "net.npz"
    save(net, path)
    copy = load(path)
    assert type(copy) is type(net)
    before, after = parameters_of(net), parameters_of(copy)
    assert len(before) == len(after)
    assert all(bit_identical(a, b) for a, b in zip(before, after, strict=True))
    assert np.array_equal(outputs_of(copy), outputs_of(net))
    assert outputs_of(copy).tobytes() == outputs_of(net).tobytes()
    if isinstance(net, MatrixNetwork):
        assert isinstance(copy, MatrixNetwork)
        assert [a.name for a in copy.activations] == [a.name for a in net.activations]
        assert all(a is ACTIVATIONS[a.name] for a in copy.activations)
    else:
        assert isinstance(copy, NeuralNetwork)
        assert copy.parameters() == net.parameters()


def test_a_loaded_network_shares_nothing_with_the_file_or_the_original(
    tmp_path: pathlib.Path,
) -> None:
    net = small()
    save(net, tmp_path / "net.npz")
    copy = load(tmp_path / "net.npz")
    assert isinstance(copy, MatrixNetwork)
    copy.weights[0][0, 0] += 1.0
    assert not np.array_equal(copy.weights[0], net.weights[0])
    again = load(tmp_path / "net.npz")
    assert isinstance(again, MatrixNetwork)
    assert np.array_equal(again.weights[0], net.weights[0])


def test_saving_does_not_change_the_network(tmp_path: pathlib.Path) -> None:
    net = small()
    before = [p.copy() for p in parameters_of(net)]
    save(net, tmp_path / "net.npz")
    assert all(bit_identical(a, b) for a, b in zip(before, parameters_of(net), strict=True))


def test_neural_network_file_is_plain_arrays(tmp_path: pathlib.Path) -> None:
    net = NeuralNetwork.random(42)
    save(net, tmp_path / "net.npz")
    with np.load(tmp_path / "net.npz", allow_pickle=False) as npz:
        assert sorted(npz.files) == ["checksum", "format", "kind", "parameters", "version"]
        assert str(npz["format"]) == "nn_from_scratch network"
        assert npz["version"].dtype.kind == "i" and int(npz["version"]) == 1
        assert str(npz["kind"]) == "NeuralNetwork"
        parameters = npz["parameters"]
        assert parameters.dtype == np.float64 and parameters.shape == (9,)
        assert parameters.tolist() == [getattr(net, name) for name in PARAMETER_NAMES]
        assert str(npz["checksum"]) == checksum("NeuralNetwork", {"parameters": parameters})


def test_matrix_network_file_is_plain_arrays(tmp_path: pathlib.Path) -> None:
    net = MatrixNetwork.random([4, 5, 3, 2], ["relu", "tanh", "identity"], rng=5)
    save(net, tmp_path / "net.npz")
    with np.load(tmp_path / "net.npz", allow_pickle=False) as npz:
        arrays = {key: npz[key] for key in npz.files}
    assert sorted(arrays) == [
        "W0", "W1", "W2", "activations", "b0", "b1", "b2",
        "checksum", "format", "kind", "n_layers", "version",
    ]  # fmt: skip
    assert str(arrays["kind"]) == "MatrixNetwork"
    assert int(arrays["n_layers"]) == 3
    assert arrays["activations"].dtype.kind == "U"
    assert arrays["activations"].tolist() == ["relu", "tanh", "identity"]
    for i in range(3):
        assert arrays[f"W{i}"].dtype == np.float64 and arrays[f"b{i}"].dtype == np.float64
        assert np.array_equal(arrays[f"W{i}"], net.weights[i])
        assert np.array_equal(arrays[f"b{i}"], net.biases[i])
    assert all(not a.dtype.hasobject for a in arrays.values())
    assert str(arrays["checksum"]) == checksum("MatrixNetwork", arrays)


def test_saving_the_same_network_twice_gives_the_same_arrays(tmp_path: pathlib.Path) -> None:
    save(small(), tmp_path / "a.npz")
    save(small(), tmp_path / "b.npz")
    a, b = read(tmp_path / "a.npz"), read(tmp_path / "b.npz")
    assert a.keys() == b.keys()
    assert all(np.array_equal(a[key], b[key]) for key in a)


@pytest.mark.parametrize("name", ["net", "net.txt", "net.npz.bak", "with space.npz"])
def test_save_writes_exactly_the_given_path(tmp_path: pathlib.Path, name: str) -> None:
    save(small(), str(tmp_path / name))
    assert listing(tmp_path) == [name]
    assert isinstance(load(str(tmp_path / name)), MatrixNetwork)


def test_path_may_be_any_os_pathlike(tmp_path: pathlib.Path) -> None:
    class Where:
        def __fspath__(self) -> str:
            return str(tmp_path / "net")

    save(NeuralNetwork.random(1), Where())
    assert load_neural(Where()).parameters() == NeuralNetwork.random(1).parameters()


def test_save_replaces_an_existing_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "net.npz"
    save(NeuralNetwork.random(1), path)
    save(NeuralNetwork.random(2), path)
    assert load_neural(path).parameters() == NeuralNetwork.random(2).parameters()
    assert listing(tmp_path) == ["net.npz"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_saved_file_gets_ordinary_permissions(tmp_path: pathlib.Path) -> None:
    umask = os.umask(0o022)
    try:
        save(small(), tmp_path / "new.npz")
        assert os.stat(tmp_path / "new.npz").st_mode & 0o777 == 0o644  # not mkstemp's 0o600
        (tmp_path / "old.npz").write_bytes(b"")
        os.chmod(tmp_path / "old.npz", 0o640)
        save(small(), tmp_path / "old.npz")
        assert os.stat(tmp_path / "old.npz").st_mode & 0o777 == 0o640  # the replaced file's
    finally:
        os.umask(umask)


# --- atomic saving -----------------------------------------------------------------------


class InjectedError(Exception):
    """The failure the tests inject."""


def fail(*args: Any, **kwargs: Any) -> None:
    raise InjectedError("injected failure")


def write_half_then_fail(file: Any, *args: Any, **kwargs: Any) -> None:
    file.write(b"PK\x03\x04 half a file")
    raise InjectedError("injected failure")


def test_a_save_that_fails_midway_leaves_the_old_file_and_no_temporary_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "net.npz"
    save(NeuralNetwork.random(1), path)
    old = path.read_bytes()
    monkeypatch.setattr(np, "savez", write_half_then_fail)
    with pytest.raises(InjectedError, match="injected failure"):
        save(NeuralNetwork.random(2), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert listing(tmp_path) == ["net.npz"]
    assert load_neural(path).parameters() == NeuralNetwork.random(1).parameters()


@pytest.mark.parametrize("attribute", ["fsync", "replace"])
def test_a_failed_os_call_leaves_the_old_file_and_no_temporary_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, attribute: str
) -> None:
    path = tmp_path / "net.npz"
    save(NeuralNetwork.random(1), path)
    old = path.read_bytes()
    monkeypatch.setattr(os, attribute, fail)
    with pytest.raises(InjectedError, match="injected failure"):
        save(NeuralNetwork.random(2), path)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert listing(tmp_path) == ["net.npz"]


def test_an_interrupted_save_of_a_new_file_leaves_nothing(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save(small(), tmp_path / "net.npz")
    monkeypatch.undo()
    assert listing(tmp_path) == []


# --- what save refuses -------------------------------------------------------------------


def test_save_refuses_a_custom_activation(tmp_path: pathlib.Path) -> None:
    swish = Activation("swish", lambda z: z / (1 + np.exp(-z)), lambda a: np.ones_like(a))
    net = MatrixNetwork.random([2, 3, 1], ["tanh", swish], rng=0)
    path = tmp_path / "net.npz"
    save(small(), path)
    old = path.read_bytes()
    with pytest.raises(ValueError, match=r"layer 1.*only the named activations .* can be saved"):
        save(net, path)
    assert path.read_bytes() == old
    assert listing(tmp_path) == ["net.npz"]


def test_save_refuses_a_look_alike_of_a_named_activation(tmp_path: pathlib.Path) -> None:
    fake_relu = Activation("relu", lambda z: np.maximum(z, 0.0), lambda a: (a > 0) * 1.0)
    net = MatrixNetwork.random([2, 2], fake_relu, rng=0)
    with pytest.raises(ValueError, match=r"layer 0.*'relu'.*only the named activations"):
        save(net, tmp_path / "net.npz")
    assert listing(tmp_path) == []


def test_save_refuses_activations_that_are_not_activation_objects(
    tmp_path: pathlib.Path,
) -> None:
    net = small()
    net.activations[0] = "tanh"  # type: ignore[call-overload]
    with pytest.raises(
        TypeError, match=r"network\.activations\[0\] \(layer 0\) must be an Activation"
    ):
        save(net, tmp_path / "net.npz")
    net.activations = None  # type: ignore[assignment]
    with pytest.raises(TypeError, match=r"network\.activations must be a list of Activation"):
        save(net, tmp_path / "net.npz")
    assert listing(tmp_path) == []


@pytest.mark.parametrize("network", [None, "net.npz", [[1.0]], {"w1": 0.5}])
def test_save_refuses_what_is_not_a_network(tmp_path: pathlib.Path, network: Any) -> None:
    with pytest.raises(TypeError, match=r"network must be a NeuralNetwork or a MatrixNetwork"):
        save(network, tmp_path / "net.npz")
    assert listing(tmp_path) == []


def test_save_refuses_a_network_with_a_bad_parameter(tmp_path: pathlib.Path) -> None:
    net = NeuralNetwork.random(0)
    net.w3 = float("nan")
    with pytest.raises(ValueError, match=r"w3 must be a finite number"):
        save(net, tmp_path / "net.npz")
    matrix = small()
    matrix.weights[1] = np.ones((2, 1))
    with pytest.raises(ValueError, match=r"weights\[1\] must have 3 rows"):
        save(matrix, tmp_path / "net.npz")
    assert listing(tmp_path) == []


@pytest.mark.parametrize("path", [None, 3, ["net.npz"]], ids=str)
def test_a_path_of_the_wrong_type_is_refused(path: Any) -> None:
    message = r"path must be a str, bytes or an os.PathLike"
    with pytest.raises(TypeError, match=message):
        save(small(), path)
    with pytest.raises(TypeError, match=message):
        load(path)


def test_an_empty_path_is_refused() -> None:
    with pytest.raises(ValueError, match=r"path must not be empty"):
        save(small(), "")
    with pytest.raises(ValueError, match=r"path must not be empty"):
        load("")


def test_save_into_a_missing_folder_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "no such folder" / "net.npz"
    with pytest.raises(FileNotFoundError, match=r"the folder .*no such folder' does not exist"):
        save(small(), path)
    assert listing(tmp_path) == []


def test_save_onto_a_folder_is_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match=r"path must name a file, got .*, which is a folder"):
        save(small(), tmp_path)
    assert listing(tmp_path) == []


# --- what load refuses -------------------------------------------------------------------


def test_load_of_a_missing_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no saved network at .*missing\.npz'"):
        load(tmp_path / "missing.npz")


def test_load_of_a_folder(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match=rf"{NOT_A_NETWORK}: it is a folder, not a regular file"):
        load(tmp_path)


NOT_A_NETWORK = r"is not a saved nn_from_scratch network"
VALID_MATRIX = r"does not hold a valid MatrixNetwork: "  # then the constructor's own message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"w1 = 0.5\nw2 = -1.0\n", r"it is not an \.npz \(zip\) file, it starts with b'w1 ='"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"it is not an \.npz \(zip\) file"),
        (b"", r"the file is empty"),
        (b"\x93NUMPY\x01\x00", r"it is not an \.npz \(zip\) file"),  # np.save's .npy
    ],
    ids=["text", "png", "empty", "npy"],
)
def test_load_of_a_file_that_is_not_an_npz(
    tmp_path: pathlib.Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "file"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=rf"{NOT_A_NETWORK}: {reason}"):
        load(path)


def test_load_of_a_truncated_file(tmp_path: pathlib.Path) -> None:
    save(small(), tmp_path / "net.npz")
    data = (tmp_path / "net.npz").read_bytes()
    (tmp_path / "half.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=r"half\.npz' is damaged or truncated"):
        load(tmp_path / "half.npz")


def test_load_of_a_file_with_a_corrupted_byte(tmp_path: pathlib.Path) -> None:
    net = small()
    save(net, tmp_path / "net.npz")
    data = bytearray((tmp_path / "net.npz").read_bytes())
    where = bytes(data).index(net.weights[0].tobytes())
    data[where + 5] ^= 0x10  # one bit of W0, under the zip's own CRC
    (tmp_path / "net.npz").write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"is damaged or truncated: .*Bad CRC-32"):
        load(tmp_path / "net.npz")


def test_load_of_an_npz_from_elsewhere(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "data.npz", {"X": X_MOONS, "Y": Y_MOONS})
    with pytest.raises(
        ValueError,
        match=rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'checksum', 'format', 'kind', 'version' "
        r"\(it holds 'X', 'Y'\)",
    ):
        load(tmp_path / "data.npz")


def test_load_of_an_empty_zip(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "empty.npz", {})
    with pytest.raises(ValueError, match=rf"{NOT_A_NETWORK}: it lacks .*\(it holds nothing\)"):
        load(tmp_path / "empty.npz")


def test_load_refuses_pickled_objects(tmp_path: pathlib.Path) -> None:
    arrays = read(save_and_path(tmp_path, small()))
    arrays["W0"] = np.array([[1.0, 2.0, 3.0], {"payload": "not a float"}], dtype=object)
    write(tmp_path / "pickled.npz", arrays)
    with pytest.raises(ValueError, match=rf"{NOT_A_NETWORK}: its array 'W0' holds pickled"):
        load(tmp_path / "pickled.npz")


def test_load_refuses_an_npz_of_only_pickles(tmp_path: pathlib.Path) -> None:
    write(tmp_path / "pickled.npz", {"network": np.array([NeuralNetwork.random(0)], dtype=object)})
    with pytest.raises(ValueError, match=rf"{NOT_A_NETWORK}: its array 'network' holds pickled"):
        load(tmp_path / "pickled.npz")


def save_and_path(tmp_path: pathlib.Path, net: Network) -> pathlib.Path:
    path = tmp_path / "net.npz"
    save(net, path)
    return path


def test_load_detects_a_tampered_weight(tmp_path: pathlib.Path) -> None:
    path = save_and_path(tmp_path, small())
    arrays = read(path)
    arrays["W1"] = arrays["W1"].copy()
    arrays["W1"][2, 0] = np.nextafter(arrays["W1"][2, 0], np.inf)  # the smallest change
    write(path, arrays)  # the old checksum kept
    with pytest.raises(ValueError, match=r"net\.npz' was changed after saving: its checksum"):
        load(path)


def test_load_detects_a_tampered_neural_network_parameter(tmp_path: pathlib.Path) -> None:
    path = save_and_path(tmp_path, NeuralNetwork.random(42))
    arrays = read(path)
    arrays["parameters"] = arrays["parameters"] * 1.001
    write(path, arrays)
    with pytest.raises(ValueError, match=r"was changed after saving"):
        load(path)


def test_load_detects_a_changed_activation(tmp_path: pathlib.Path) -> None:
    path = edited(tmp_path, small(), fix_checksum=False, activations=np.array(["relu", "sigmoid"]))
    with pytest.raises(ValueError, match=r"was changed after saving"):
        load(path)


MATRIX_EDITS: dict[str, tuple[dict[str, Any], str]] = {
    "format-marker": (
        {"format": np.array("something else")},
        rf"{NOT_A_NETWORK}: its format is 'something else', not 'nn_from_scratch network'",
    ),
    "version-newer": (
        {"version": np.array(2)},
        r"has format version 2 \(it was written by a newer nn_from_scratch\), but this "
        r"nn_from_scratch can only load format version 1",
    ),
    "version-zero": (
        {"version": np.array(0)},
        r"has format version 0, but this nn_from_scratch can only load format version 1",
    ),
    "version-float": (
        {"version": np.array(1.0)},
        r"version in .* must be a single integer, got an array of dtype float64 and shape \(\)",
    ),
    "kind-unknown": (
        {"kind": np.array("ConvNetwork")},
        r"kind in .* must be one of \['MatrixNetwork', 'NeuralNetwork'\], got 'ConvNetwork'",
    ),
    "kind-not-text": (
        {"kind": np.array([1.0])},
        r"kind in .* must be a single string, got an array of dtype float64 and shape \(1,\)",
    ),
    "checksum-missing": (
        {"checksum": None},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'checksum'",
    ),
    "checksum-not-hex": (
        {"checksum": np.array("not a checksum")},
        r"was changed after saving: its checksum not a checks\.\.\. does not match",
    ),
    "W1-missing": (
        {"W1": None},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'W1'",
    ),
    "activations-missing": (
        {"activations": None},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'activations'",
    ),
    "extra-key": (
        {"W2": np.ones((1, 1))},
        r"holds unexpected key\(s\) 'W2': a saved MatrixNetwork holds exactly \[",
    ),
    "n_layers-zero": (
        {"n_layers": np.array(0)},
        r"n_layers in .* must be at least 1 and at most the number of layers the file holds, "
        r"got 0",
    ),
    "n_layers-huge": (
        {"n_layers": np.array(10**12)},
        r"n_layers in .* must be at least 1 .*got 1000000000000",
    ),
    "n_layers-one-too-many": (
        {"n_layers": np.array(3)},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'W2', 'b2'",
    ),
    "W1-rows": (
        {"W1": np.ones((2, 1))},
        rf"{VALID_MATRIX}weights\[1\] must have 3 rows, one per output of layer 0, "
        r"got shape \(2, 1\)",
    ),
    "W0-one-axis": (
        {"W0": np.ones(6)},
        rf"{VALID_MATRIX}weights\[0\] must have shape \(n_in, n_out\), got \(6,\)",
    ),
    "W0-empty": (
        {"W0": np.ones((2, 0))},
        rf"{VALID_MATRIX}weights\[0\] must have shape \(n_in, n_out\), got \(2, 0\)",
    ),
    "b0-shape": (
        {"b0": np.zeros(2)},
        rf"{VALID_MATRIX}biases\[0\] must have shape \(3,\), got \(2,\)",
    ),
    "W0-int": (
        {"W0": np.ones((2, 3), dtype=np.int64)},
        r"W0 in .* must hold float64 values, got dtype int64",
    ),
    "W0-float32": (
        {"W0": np.ones((2, 3), dtype=np.float32)},
        r"W0 in .* must hold float64 values, got dtype float32",
    ),
    "W0-text": (
        {"W0": np.array([["1", "2", "3"], ["4", "5", "6"]])},
        r"W0 in .* must hold float64 values, got dtype <U1",
    ),
    "b1-nan": (
        {"b1": np.array([np.nan])},
        rf"{VALID_MATRIX}biases\[1\] must not contain NaN or infinite values",
    ),
    "W0-inf": (
        {"W0": np.array([[np.inf, 0.0, -np.inf], [0.0, 1.0, 2.0]])},
        rf"{VALID_MATRIX}weights\[0\] must not contain NaN or infinite values",
    ),
    "activation-unknown": (
        {"activations": np.array(["tanh", "swish"])},
        rf"{VALID_MATRIX}activations must be names from "
        r"\['identity', 'relu', 'sigmoid', 'softmax', 'tanh'\], got 'swish'",
    ),
    "activations-count": (
        {"activations": np.array(["tanh", "sigmoid", "relu"])},
        r"activations in .* must be an array of 2 name\(s\), one per layer, got an array of "
        r"dtype <U7 and shape \(3,\)",
    ),
}


@pytest.mark.parametrize(
    ("changes", "message"), MATRIX_EDITS.values(), ids=list(MATRIX_EDITS.keys())
)
def test_load_refuses_an_edited_matrix_network_file(
    tmp_path: pathlib.Path, changes: dict[str, Any], message: str
) -> None:
    path = edited(tmp_path, small(), **changes)
    with pytest.raises(ValueError, match=message):
        load(path)


NEURAL_EDITS: dict[str, tuple[dict[str, Any], str]] = {
    "parameters-missing": (
        {"parameters": None},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'parameters'",
    ),
    "parameters-short": (
        {"parameters": np.zeros(8)},
        r"parameters in .* must have shape \(9,\), one value per name in PARAMETER_NAMES, "
        r"got shape \(8,\)",
    ),
    "parameters-2d": (
        {"parameters": np.zeros((3, 3))},
        r"parameters in .* must have shape \(9,\), .*got shape \(3, 3\)",
    ),
    "parameters-int": (
        {"parameters": np.arange(9)},
        r"parameters in .* must hold float64 values, got dtype int64",
    ),
    "parameters-bool": (
        {"parameters": np.ones(9, dtype=bool)},
        r"parameters in .* must hold float64 values, got dtype bool",
    ),
    "parameters-nan": (
        {"parameters": np.array([0.0] * 8 + [np.nan])},
        r"does not hold a valid NeuralNetwork: b3 must be a finite number, got nan",
    ),
    "kind-swapped": (
        {"kind": np.array("MatrixNetwork")},
        rf"{NOT_A_NETWORK}: it lacks the key\(s\) 'n_layers'",
    ),
    "extra-key": (
        {"W0": np.ones((2, 2))},
        r"holds unexpected key\(s\) 'W0': a saved NeuralNetwork holds exactly "
        r"\['checksum', 'format', 'kind', 'parameters', 'version'\]",
    ),
}


@pytest.mark.parametrize(
    ("changes", "message"), NEURAL_EDITS.values(), ids=list(NEURAL_EDITS.keys())
)
def test_load_refuses_an_edited_neural_network_file(
    tmp_path: pathlib.Path, changes: dict[str, Any], message: str
) -> None:
    path = edited(tmp_path, NeuralNetwork.random(42), **changes)
    with pytest.raises(ValueError, match=message):
        load(path)


def test_the_checks_apply_even_with_a_correct_checksum(tmp_path: pathlib.Path) -> None:
    """The shape and value checks do not lean on the checksum: a file written
    with a matching checksum is still refused when its contents are wrong."""
    path = edited(tmp_path, small(), b1=np.array([np.nan]))
    arrays = read(path)
    assert str(arrays["checksum"]) == checksum("MatrixNetwork", arrays)
    with pytest.raises(ValueError, match=rf"{VALID_MATRIX}biases\[1\] must not contain NaN"):
        load(path)


def test_a_refused_load_leaves_the_file_alone(tmp_path: pathlib.Path) -> None:
    path = edited(tmp_path, small(), fix_checksum=False, W1=np.ones((3, 1)))
    before = path.read_bytes()
    with pytest.raises(ValueError, match=r"was changed after saving"):
        load(path)
    assert path.read_bytes() == before
