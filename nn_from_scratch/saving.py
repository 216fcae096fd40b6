"""Saving a network to a file, and loading it back.

`save` writes a `NeuralNetwork` or a `MatrixNetwork` to one ``.npz`` file
(numpy's zip of arrays, see `numpy.savez`); `load` reads it back into a network
that computes exactly what the saved one did: every weight and bias is the same
float64, bit for bit.

The file holds only plain arrays, never pickled Python objects, so
``numpy.load(path, allow_pickle=False)`` can open it and loading it cannot run
code. Its keys:

- ``format``: the text ``"nn_from_scratch network"``, so a stray ``.npz`` is told apart;
- ``version``: the format's version, the integer 1;
- ``kind``: ``"NeuralNetwork"`` or ``"MatrixNetwork"``;
- for a ``NeuralNetwork``: ``parameters``, a float64 array of shape (9,) in
  the order of `PARAMETER_NAMES` (w1, ..., w6, b1, b2, b3);
- for a ``MatrixNetwork``: ``n_layers`` (an integer L), ``W0`` ... ``W{L-1}``
  and ``b0`` ... ``b{L-1}`` (float64 arrays of shapes (n_in, n_out) and
  (n_out,)), and ``activations``, an array of L names from `ACTIVATIONS`;
- ``checksum``: the SHA-256, as 64 hex digits, of the kind and the parameters.

The checksum is taken over a sequence of byte strings, each preceded by its
length as an 8-byte little-endian integer: the kind (UTF-8), then for each
parameter array its key, its shape (such as ``"2,3"``) and its values as
little-endian float64 in row-major order; a ``MatrixNetwork`` gives, layer by
layer, ``W{i}``, then ``b{i}``, then the layer's activation name. It catches a
file changed after saving, by accident or by hand; it is not a signature, and
whoever edits a file on purpose can write a new checksum too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._checks import _describe
from .activation import ACTIVATIONS, Activation
from .matrix import MatrixNetwork
from .network import PARAMETER_NAMES, NeuralNetwork

__all__ = ["load", "save"]

Array = NDArray[np.float64]

_FORMAT = "nn_from_scratch network"
_VERSION = 1
_KINDS = ("MatrixNetwork", "NeuralNetwork")
_COMMON_KEYS = ("checksum", "format", "kind", "version")
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first entry; an empty zip


def save(network: NeuralNetwork | MatrixNetwork, path: str | os.PathLike[str]) -> None:
    """Save a network to one ``.npz`` file at `path`, replacing what was there.

    The file is written whole or not at all: it is first written to a new
    temporary file in the same folder, flushed to the disk, and only then
    renamed onto `path`. If anything fails on the way, the temporary file is
    removed and a file already at `path` is left as it was.

    Parameters
    ----------
    network : NeuralNetwork or MatrixNetwork
        The network to save. It is not changed.
    path : str or os.PathLike
        Where to write, exactly (no ``.npz`` is added to the name). The folder
        must exist.

    Raises
    ------
    TypeError
        If `network` is neither network, `path` is not a str or path, or a
        parameter is not a number.
    ValueError
        If a parameter is NaN or infinite, a `MatrixNetwork`'s shapes do not
        chain, or a layer's activation is not one of `ACTIVATIONS` (a file
        holds activation names, not code).
    FileNotFoundError
        If the folder of `path` does not exist.
    IsADirectoryError
        If `path` is a folder.

    See Also
    --------
    load : read the file back into a network.

    Examples
    --------
    >>> import os, tempfile
    >>> net = MatrixNetwork.random([2, 3, 1], ["tanh", "sigmoid"], rng=0)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "moons.npz")
    ...     save(net, path)
    ...     copy = load(path)
    >>> copy
    MatrixNetwork(sizes=[2, 3, 1], activations=['tanh', 'sigmoid'])
    >>> all(np.array_equal(a, b) for a, b in zip(copy.weights, net.weights))
    True
    """
    target = _check_path(path)
    arrays = _to_arrays(network)
    if os.path.isdir(target):
        raise IsADirectoryError(
            f"path must name a file, got {target!r}, which is a folder; "
            f"add a file name such as {os.path.join(target, 'network.npz')!r}"
        )
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"cannot save to {target!r}: the folder {folder!r} does not exist")
    _write_atomically(target, folder, arrays)


def load(path: str | os.PathLike[str]) -> NeuralNetwork | MatrixNetwork:
    """Load a network saved with `save`.

    Every part of the file is checked before the network is built, and built
    with the network's own constructor, so a damaged or edited file is refused
    with an error that says what is wrong, instead of giving a network that
    quietly computes something else.

    Parameters
    ----------
    path : str or os.PathLike
        The file `save` wrote.

    Returns
    -------
    NeuralNetwork or MatrixNetwork
        The saved network, with the same float64 weights and biases bit for
        bit, so it gives exactly the same outputs.

    Raises
    ------
    TypeError
        If `path` is not a str or path.
    FileNotFoundError
        If there is no file at `path`.
    IsADirectoryError
        If `path` is a folder.
    ValueError
        If the file is not a saved network (not an ``.npz`` file, an ``.npz``
        without this format's keys, or one holding pickled objects), is
        damaged or truncated, has a format version other than 1, an unknown
        kind, an array of the wrong shape or dtype (float64 is required), NaN
        or infinity, an unknown activation name, or a checksum that does not
        match (it was changed after saving).

    See Also
    --------
    save : write a network to a file.

    Examples
    --------
    >>> import os, tempfile
    >>> net = NeuralNetwork.random(42)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "network.npz")
    ...     save(net, path)
    ...     copy = load(path)
    >>> copy.parameters() == net.parameters()
    True
    >>> copy.feed_forward([-2, -1]) == net.feed_forward([-2, -1])
    True

    What a file that is not a saved network gets:

    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "notes.txt")
    ...     with open(path, "w") as file:
    ...         _ = file.write("w1 = 0.5")
    ...     load(path)
    Traceback (most recent call last):
    ...
    ValueError: '...notes.txt' is not a saved nn_from_scratch network: ...
    """
    source = _check_path(path)
    if os.path.isdir(source):
        raise IsADirectoryError(f"path must name a saved network, got {source!r}, a folder")
    if not os.path.exists(source):
        raise FileNotFoundError(f"no saved network at {source!r}: the file does not exist")
    arrays = _read_arrays(source)
    kind = _check_header(arrays, source)
    if kind == "NeuralNetwork":
        return _neural_network(arrays, source)
    return _matrix_network(arrays, source)


# --- saving ------------------------------------------------------------------------------


def _check_path(path: Any) -> str:
    """`path` as a str, refusing anything that is not a str or an os.PathLike of one."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"path must be a str or an os.PathLike such as pathlib.Path, got {_describe(path)}"
        )
    text = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(f"path must be a str or an os.PathLike of a str, got {_describe(text)}")
    if not text:
        raise ValueError("path must not be empty, got ''")
    return text


def _to_arrays(network: Any) -> dict[str, NDArray[Any]]:
    """The file's arrays for `network`, checked as its own methods would check it."""
    if isinstance(network, NeuralNetwork):
        network.check_parameters()
        values = np.array([float(getattr(network, name)) for name in PARAMETER_NAMES])
        parameters = {"parameters": values}
        return _with_header("NeuralNetwork", parameters, [])
    if isinstance(network, MatrixNetwork):
        names = _activation_names(network.activations)
        # Building a copy runs the constructor's checks on weights changed since.
        checked = MatrixNetwork(network.weights, network.biases, names)
        layers: dict[str, Array] = {}
        for i, (W, b) in enumerate(zip(checked.weights, checked.biases, strict=True)):
            layers[f"W{i}"] = W
            layers[f"b{i}"] = b
        return _with_header("MatrixNetwork", layers, names)
    raise TypeError(f"network must be a NeuralNetwork or a MatrixNetwork, got {_describe(network)}")


def _activation_names(activations: Any) -> list[str]:
    """Each layer's activation name, refusing an activation that is not in ACTIVATIONS."""
    if isinstance(activations, (str, bytes)) or not isinstance(activations, Sequence):
        raise TypeError(
            f"network.activations must be a list of Activation, got {_describe(activations)}"
        )
    names = []
    for i, activation in enumerate(activations):
        if not isinstance(activation, Activation):
            raise TypeError(
                f"network.activations[{i}] (layer {i}) must be an Activation, "
                f"got {_describe(activation)}"
            )
        if not any(activation is entry for entry in ACTIVATIONS.values()):
            raise ValueError(
                f"network.activations[{i}] (layer {i}) is a custom Activation named "
                f"{activation.name!r}, not an entry of ACTIVATIONS: only the named activations "
                f"{sorted(ACTIVATIONS)} can be saved, because the file holds their names, "
                f"not their code"
            )
        names.append(activation.name)
    return names


def _with_header(
    kind: str, parameters: dict[str, Array], activations: list[str]
) -> dict[str, NDArray[Any]]:
    """All of the file's arrays: the header keys, the parameters and the checksum."""
    arrays: dict[str, NDArray[Any]] = {
        "format": np.array(_FORMAT),
        "version": np.array(_VERSION, dtype=np.int64),
        "kind": np.array(kind),
    }
    if kind == "MatrixNetwork":
        arrays["n_layers"] = np.array(len(activations), dtype=np.int64)
        arrays["activations"] = np.array(activations, dtype=str)
    arrays.update(parameters)
    arrays["checksum"] = np.array(_checksum(kind, parameters, activations))
    return arrays


def _checksum(kind: str, parameters: dict[str, Array], activations: list[str]) -> str:
    """SHA-256 of the kind and the parameters, as the module's docstring defines it."""

    def pieces() -> Iterator[bytes]:
        yield kind.encode()
        if kind == "NeuralNetwork":
            yield from _array_pieces("parameters", parameters["parameters"])
            return
        for i, name in enumerate(activations):
            yield from _array_pieces(f"W{i}", parameters[f"W{i}"])
            yield from _array_pieces(f"b{i}", parameters[f"b{i}"])
            yield name.encode()

    digest = hashlib.sha256()
    for piece in pieces():
        digest.update(len(piece).to_bytes(8, "little"))
        digest.update(piece)
    return digest.hexdigest()


def _array_pieces(key: str, array: Array) -> Iterator[bytes]:
    yield key.encode()
    yield ",".join(str(n) for n in array.shape).encode()
    yield np.ascontiguousarray(array, dtype="<f8").tobytes()


def _write_atomically(target: str, folder: str, arrays: dict[str, NDArray[Any]]) -> None:
    """Write `arrays` to a temporary file in `folder`, fsync it, then rename it onto `target`."""
    temporary, descriptor = _new_temporary_file(folder, os.path.basename(target))
    try:
        with os.fdopen(descriptor, "wb") as file:
            # An open file, not a name: np.savez would add ".npz" to a name without it.
            contents: dict[str, Any] = dict(arrays)  # (Any: no key is savez's allow_pickle)
            np.savez(file, **contents)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(OSError):  # keep the mode of the file being replaced
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
    _fsync_folder(folder)


def _new_temporary_file(folder: str, name: str) -> tuple[str, int]:
    """Create a new, empty file next to `name`, as tempfile.mkstemp does, but with the
    permissions any new file gets (mode 0o666 less the umask), not mkstemp's 0o600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        # (The name cut to 200 characters, so the temporary name is not too long.)
        temporary = os.path.join(folder, f".{name[:200]}.{secrets.token_hex(6)}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# --- loading -----------------------------------------------------------------------------


def _not_a_network(source: str, reason: str) -> ValueError:
    return ValueError(f"{source!r} is not a saved nn_from_scratch network: {reason}")


def _damaged(source: str, error: BaseException) -> ValueError:
    return ValueError(
        f"{source!r} is damaged or truncated: it starts as an .npz (zip) file but cannot be "
        f"read as one ({type(error).__name__}: {error})"
    )


def _read_arrays(source: str) -> dict[str, NDArray[Any]]:
    """Every array in the file, read with allow_pickle=False."""
    with open(source, "rb") as file:
        start = file.read(4)
        if not start:
            raise _not_a_network(source, "the file is empty")
        if start not in _ZIP_STARTS:
            raise _not_a_network(source, f"it is not an .npz (zip) file, it starts with {start!r}")
        file.seek(0)
        try:
            npz = np.load(file, allow_pickle=False)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as error:
            raise _damaged(source, error) from None
        arrays: dict[str, NDArray[Any]] = {}
        with npz:
            for key in npz.files:
                try:
                    value = npz[key]
                except ValueError as error:
                    if "allow_pickle" in str(error):
                        raise _not_a_network(
                            source,
                            f"its array {key!r} holds pickled Python objects, which are never "
                            f"loaded (unpickling can run any code)",
                        ) from None
                    raise _damaged(source, error) from None
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
                    raise _damaged(source, error) from None
                if not isinstance(value, np.ndarray):
                    raise _not_a_network(source, f"its entry {key!r} is not a numpy array")
                arrays[key] = value
    return arrays


def _require(arrays: dict[str, NDArray[Any]], source: str, keys: list[str]) -> None:
    """Raise, naming them, if any of `keys` is missing."""
    missing = [key for key in keys if key not in arrays]
    if missing:
        found = ", ".join(repr(key) for key in sorted(arrays)) or "nothing"
        raise _not_a_network(
            source,
            f"it lacks the key(s) {', '.join(repr(key) for key in missing)} (it holds {found})",
        )


def _text(arrays: dict[str, NDArray[Any]], key: str, source: str) -> str:
    value = arrays[key]
    if value.dtype.kind != "U" or value.shape != ():
        raise ValueError(
            f"{key} in {source!r} must be a single string, "
            f"got an array of dtype {value.dtype} and shape {value.shape}"
        )
    return str(value)


def _integer(arrays: dict[str, NDArray[Any]], key: str, source: str) -> int:
    value = arrays[key]
    if value.dtype.kind not in "iu" or value.shape != ():
        raise ValueError(
            f"{key} in {source!r} must be a single integer, "
            f"got an array of dtype {value.dtype} and shape {value.shape}"
        )
    return int(value)


def _check_header(arrays: dict[str, NDArray[Any]], source: str) -> str:
    """Check the format, version and kind; return the kind."""
    _require(arrays, source, list(_COMMON_KEYS))
    marker = _text(arrays, "format", source)
    if marker != _FORMAT:
        raise _not_a_network(source, f"its format is {marker!r}, not {_FORMAT!r}")
    version = _integer(arrays, "version", source)
    if version != _VERSION:
        newer = " (it was written by a newer nn_from_scratch)" if version > _VERSION else ""
        raise ValueError(
            f"{source!r} has format version {version}{newer}, but this nn_from_scratch "
            f"can only load format version {_VERSION}"
        )
    kind = _text(arrays, "kind", source)
    if kind not in _KINDS:
        raise ValueError(f"kind in {source!r} must be one of {list(_KINDS)}, got {kind!r}")
    checksum = _text(arrays, "checksum", source)
    if len(checksum) != 64 or any(c not in "0123456789abcdef" for c in checksum):
        raise ValueError(
            f"checksum in {source!r} must be 64 lowercase hex digits (a SHA-256), "
            f"got {checksum[:70]!r}"
        )
    return kind


def _check_keys(arrays: dict[str, NDArray[Any]], source: str, keys: list[str]) -> None:
    """Raise if a key is missing, or if there is one more than a saved network has."""
    _require(arrays, source, keys)
    extra = sorted(set(arrays) - set(keys))
    if extra:
        raise ValueError(
            f"{source!r} holds unexpected key(s) {', '.join(repr(key) for key in extra)}: "
            f"a saved {_text(arrays, 'kind', source)} holds exactly {sorted(keys)}"
        )


def _floats(arrays: dict[str, NDArray[Any]], key: str, source: str) -> Array:
    """The array at `key`, refused unless it is float64 and finite."""
    value = arrays[key]
    if value.dtype.kind != "f" or value.dtype.itemsize != 8:
        raise ValueError(f"{key} in {source!r} must hold float64 values, got dtype {value.dtype}")
    array: Array = value.astype(np.float64)  # native byte order
    bad = int(np.count_nonzero(~np.isfinite(array)))
    if bad:
        raise ValueError(
            f"{key} in {source!r} must hold finite numbers, got {bad} NaN or infinite value(s)"
        )
    return array


def _verify_checksum(
    arrays: dict[str, NDArray[Any]],
    source: str,
    kind: str,
    parameters: dict[str, Array],
    activations: list[str],
) -> None:
    stored = _text(arrays, "checksum", source)
    computed = _checksum(kind, parameters, activations)
    if stored != computed:
        raise ValueError(
            f"{source!r} was changed after saving: its checksum {stored[:12]}... does not match "
            f"its contents, whose checksum is {computed[:12]}..."
        )


def _neural_network(arrays: dict[str, NDArray[Any]], source: str) -> NeuralNetwork:
    _check_keys(arrays, source, [*_COMMON_KEYS, "parameters"])
    values = _floats(arrays, "parameters", source)
    if values.shape != (len(PARAMETER_NAMES),):
        raise ValueError(
            f"parameters in {source!r} must have shape ({len(PARAMETER_NAMES)},), one value per "
            f"name in PARAMETER_NAMES, got shape {values.shape}"
        )
    _verify_checksum(arrays, source, "NeuralNetwork", {"parameters": values}, [])
    return NeuralNetwork(**dict(zip(PARAMETER_NAMES, values.tolist(), strict=True)))


def _matrix_network(arrays: dict[str, NDArray[Any]], source: str) -> MatrixNetwork:
    _require(arrays, source, ["n_layers"])
    n_layers = _integer(arrays, "n_layers", source)
    # Two arrays per layer: a larger count cannot be right, and is not worth listing.
    if not 1 <= n_layers <= len(arrays):
        raise ValueError(
            f"n_layers in {source!r} must be at least 1 and at most the number of layers the "
            f"file holds, got {n_layers} (the file holds {len(arrays)} arrays in all)"
        )
    layer_keys = [key for i in range(n_layers) for key in (f"W{i}", f"b{i}")]
    _check_keys(arrays, source, [*_COMMON_KEYS, "n_layers", "activations", *layer_keys])

    parameters: dict[str, Array] = {}
    for i in range(n_layers):
        W = parameters[f"W{i}"] = _floats(arrays, f"W{i}", source)
        b = parameters[f"b{i}"] = _floats(arrays, f"b{i}", source)
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(
                f"W{i} in {source!r} must have shape (n_in, n_out), both at least 1, "
                f"got shape {W.shape}"
            )
        n_previous = parameters[f"W{i - 1}"].shape[1] if i > 0 else W.shape[0]
        if W.shape[0] != n_previous:
            raise ValueError(
                f"W{i} in {source!r} must have {n_previous} rows, one per output of layer "
                f"{i - 1} (W{i - 1} has shape {parameters[f'W{i - 1}'].shape}), "
                f"got shape {W.shape}"
            )
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"b{i} in {source!r} must have shape ({W.shape[1]},), one bias per column "
                f"of W{i}, got shape {b.shape}"
            )

    names = arrays["activations"]
    if names.dtype.kind != "U" or names.shape != (n_layers,):
        raise ValueError(
            f"activations in {source!r} must be an array of {n_layers} name(s), one per layer, "
            f"got an array of dtype {names.dtype} and shape {names.shape}"
        )
    activations = [str(name) for name in names]
    for i, name in enumerate(activations):
        if name not in ACTIVATIONS:
            raise ValueError(
                f"activations in {source!r} must be names from {sorted(ACTIVATIONS)}, "
                f"got {name!r} for layer {i}"
            )
    _verify_checksum(arrays, source, "MatrixNetwork", parameters, activations)
    weights = [parameters[f"W{i}"] for i in range(n_layers)]
    biases = [parameters[f"b{i}"] for i in range(n_layers)]
    return MatrixNetwork(weights, biases, activations)
