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
import io
import math
import os
import re
import secrets
import stat
import warnings
import zipfile
from collections.abc import Callable, Sequence
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from . import checks
from .activation import ACTIVATIONS, Activation
from .matrix import MatrixNetwork
from .network import PARAMETER_NAMES, NeuralNetwork

if os.name == "posix":
    import fcntl

__all__ = ["load", "save"]

Array = NDArray[np.float64]

_FORMAT = "nn_from_scratch network"
_VERSION = 1
_KINDS = ("MatrixNetwork", "NeuralNetwork")
_COMMON_KEYS = ("checksum", "format", "kind", "version")
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first entry; an empty zip
_MEMBER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\.npy")  # what np.savez writes for our keys
_MAX_BYTES = 2**30  # no array of a network this package trains comes near 1 GiB
_DEFLATE_MAX_RATIO = 1032  # the most one deflated byte can expand to
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # savez, savez_compressed
_UNSUPPORTED_FLAGS = 0x61  # zip flag bits: encrypted (0), patch data (5), strong encryption (6)
_TEMPORARY = re.compile(r"\.nn_from_scratch-[0-9a-f]{16}\.tmp")
_SEPARATORS = tuple(sep for sep in (os.sep, os.altsep) if sep)


def save(network: NeuralNetwork | MatrixNetwork, path: str | bytes | os.PathLike[Any]) -> None:
    """Save a network to one ``.npz`` file at `path`, replacing what was there.

    The file is written whole or not at all: to a temporary file in the same
    folder, flushed to the disk, then renamed onto `path`. If anything fails on
    the way, the temporary file is removed and the old file left as it was.

    Parameters
    ----------
    network : NeuralNetwork or MatrixNetwork
        The network to save. It is not changed. Its activations must be entries
        of `ACTIVATIONS`: the file holds their names, not their code.
    path : str, bytes or os.PathLike
        Where to write, exactly (no ``.npz`` is added to the name). The folder
        must exist. If `path` is a symbolic link, the file it points to is
        replaced and the link stays a link.

    Raises
    ------
    ValueError
        If `path` names a folder (or ends with a separator), a pipe, a device
        or a socket, or holds a NUL character, or `network` cannot be saved.
    FileNotFoundError
        If the folder of `path` does not exist.

    See Also
    --------
    load : read the file back into a network.

    Notes
    -----
    The temporary file, ``.nn_from_scratch-<16 hex digits>.tmp``, is made where
    the file lands (links resolved), so the rename never crosses file systems.
    A save locks it (`fcntl.flock`) until the rename; each save then removes
    those no one has locked, left by killed saves (POSIX only).

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
    target = checks.path(path)
    arrays = _to_arrays(network)
    real = os.path.realpath(target)  # through symbolic links, to where the file lands
    if target.endswith(_SEPARATORS) or os.path.isdir(real):
        what = "ends with a separator" if target.endswith(_SEPARATORS) else "is a folder"
        raise ValueError(
            f"path must name a file, got {target!r}, which {what}; "
            f"add a file name such as {os.path.join(target, 'network.npz')!r}"
        )
    if os.path.exists(real) and not os.path.isfile(real):
        raise ValueError(
            f"path must name a file, got {target!r}, which is a pipe, a socket or a device"
        )
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"cannot save to {target!r}: the folder {folder!r} does not exist")
    _write_atomically(real, folder, arrays)
    _remove_abandoned_temporary_files(folder)


def load(path: str | bytes | os.PathLike[Any]) -> NeuralNetwork | MatrixNetwork:
    """Load a network saved with `save`.

    Every part of the file is checked, and the network built by its own
    constructor, so a damaged or edited file is refused with an error saying
    what is wrong, instead of giving a network that computes something else.

    Parameters
    ----------
    path : str, bytes or os.PathLike
        The file `save` wrote.

    Returns
    -------
    NeuralNetwork or MatrixNetwork
        The saved network, with the same float64 weights and biases bit for
        bit, so it gives exactly the same outputs.

    Raises
    ------
    FileNotFoundError
        If there is no file at `path`.
    ValueError
        If `path` is not a regular file (a folder, a pipe, a device, a socket)
        or the file is not a saved network, is damaged, or was changed after
        saving. The message names `path` and says what is wrong.

    See Also
    --------
    save : write a network to a file.

    Notes
    -----
    `load` opens nothing but a regular file, so it cannot block on a pipe. It
    reads the file once, and an array only once its shape and dtype account
    for the bytes its zip entry holds (at most 1 GiB, and 1032 per compressed
    byte), so a crafted file cannot make it allocate much beyond its size.

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
    """
    source = checks.path(path)
    arrays = _read_arrays(source)
    kind = _check_header(arrays, source)
    activations: list[str] = []
    if kind == "NeuralNetwork":
        parameters = _neural_parameters(arrays, source)
    else:
        parameters, activations = _matrix_parameters(arrays, source)
    stored, computed = str(arrays["checksum"]), _checksum(kind, parameters, activations)
    if stored != computed:
        raise ValueError(
            f"{source!r} was changed after saving: its checksum {stored[:12]}... does not match "
            f"its contents, whose checksum is {computed[:12]}..."
        )
    try:  # the constructors' own checks: shapes, finite values, activation names
        if kind == "NeuralNetwork":
            values = parameters["parameters"].tolist()
            return NeuralNetwork(**dict(zip(PARAMETER_NAMES, values, strict=True)))
        layers = list(parameters.values())  # W0, b0, W1, b1, ...
        return MatrixNetwork(layers[::2], layers[1::2], activations)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{source!r} does not hold a valid {kind}: {error}") from None


# --- saving ------------------------------------------------------------------------------


def _to_arrays(network: Any) -> dict[str, NDArray[Any]]:
    """The file's arrays for `network`, checked as its own methods would check it."""
    names: list[str] = []
    if isinstance(network, NeuralNetwork):
        checks.neural_network(network)
        values = np.array([float(getattr(network, name)) for name in PARAMETER_NAMES])
        parameters = {"parameters": values}
    elif isinstance(network, MatrixNetwork):
        names = _activation_names(network.activations)
        checks.matrix_network(network)  # again: its arrays may have changed since it was made
        parameters = {}
        for i, (W, b) in enumerate(zip(network.weights, network.biases, strict=True)):
            parameters[f"W{i}"], parameters[f"b{i}"] = W, b
    else:
        raise TypeError(
            f"network must be a NeuralNetwork or a MatrixNetwork, got {checks.describe(network)}"
        )
    kind = "MatrixNetwork" if names else "NeuralNetwork"
    arrays: dict[str, NDArray[Any]] = {
        "format": np.array(_FORMAT),
        "version": np.array(_VERSION, dtype=np.int64),
        "kind": np.array(kind),
    }
    if names:
        arrays["n_layers"] = np.array(len(names), dtype=np.int64)
        arrays["activations"] = np.array(names, dtype=str)
    return {**arrays, **parameters, "checksum": np.array(_checksum(kind, parameters, names))}


def _activation_names(activations: Any) -> list[str]:
    """Each layer's activation name, refusing an activation that is not in ACTIVATIONS."""
    if isinstance(activations, (str, bytes)) or not isinstance(activations, Sequence):
        raise TypeError(
            f"network.activations must be a list of Activation, got {checks.describe(activations)}"
        )
    for i, activation in enumerate(activations):
        if not isinstance(activation, Activation):
            raise TypeError(
                f"network.activations[{i}] (layer {i}) must be an Activation, "
                f"got {checks.describe(activation)}"
            )
        if ACTIVATIONS.get(activation.name) is not activation:
            raise ValueError(
                f"network.activations[{i}] (layer {i}) is a custom Activation named "
                f"{activation.name!r}, not an entry of ACTIVATIONS: only the named activations "
                f"{sorted(ACTIVATIONS)} can be saved, because the file holds their names, "
                f"not their code"
            )
    return [activation.name for activation in activations]


def _checksum(kind: str, parameters: dict[str, Array], activations: list[str]) -> str:
    """SHA-256 of the kind and the parameters, as the module's docstring defines it."""
    pieces = [kind.encode()]
    for key in parameters:  # "parameters", or W0, b0, W1, b1, ...
        array = np.ascontiguousarray(parameters[key], dtype="<f8")
        pieces += [key.encode(), ",".join(map(str, array.shape)).encode(), array.tobytes()]
        if key[0] == "b":
            pieces.append(activations[int(key[1:])].encode())
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(len(piece).to_bytes(8, "little") + piece)
    return digest.hexdigest()


def _write_atomically(target: str, folder: str, arrays: dict[str, NDArray[Any]]) -> None:
    """Write `arrays` to a locked temporary file in `folder`, fsync it, rename it onto `target`."""
    temporary, descriptor = _new_temporary_file(folder)
    try:
        # The file stays open, so locked, until it is renamed: no clean-up can remove it.
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
    with contextlib.suppress(OSError):  # make the rename durable, where folders can be opened
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _new_temporary_file(folder: str) -> tuple[str, int]:
    """A new, locked, empty temporary file in `folder`, with a name short enough for any
    folder, and the mode any new file gets (0o666 less the umask; mkstemp gives 0o600)."""
    while True:
        temporary = os.path.join(folder, f".nn_from_scratch-{secrets.token_hex(8)}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        descriptor = os.open(temporary, flags, 0o666)
        if os.name != "posix":
            return temporary, descriptor
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: the file is saved unlocked
            return temporary, descriptor
        # Another save's clean-up may have removed the file before it was locked.
        with contextlib.suppress(OSError):
            if os.path.samestat(os.stat(temporary), os.fstat(descriptor)):
                return temporary, descriptor
        os.close(descriptor)


def _remove_abandoned_temporary_files(folder: str) -> None:
    """Remove the temporary files of killed saves: those whose lock nobody holds."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMPORARY.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                descriptor = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails if in use
                    os.remove(entry.path)
                finally:
                    os.close(descriptor)


# --- loading -----------------------------------------------------------------------------


class _RefusedError(Exception):
    """Why a file is not a saved network, found while reading it (load adds the path)."""


def _not_a_network(source: str, reason: str) -> ValueError:
    return ValueError(f"{source!r} is not a saved nn_from_scratch network: {reason}")


def _read_file(source: str) -> bytes:
    """The bytes of the regular file at `source`; anything else is refused before it is opened."""
    try:
        _check_regular(os.stat(source), source)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(
            f"no saved network at {source!r}: the file does not exist"
        ) from None
    # O_NONBLOCK: a pipe put there since os.stat does not block the open.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(source, flags), "rb") as file:
        size = _check_regular(os.fstat(file.fileno()), source)
        return file.read(size)


def _check_regular(info: os.stat_result, source: str) -> int:
    """The file's size, if it is a regular file."""
    if not stat.S_ISREG(info.st_mode):
        what = {"d": "a folder", "p": "a named pipe", "s": "a socket"}.get(
            stat.filemode(info.st_mode)[0], "a device or other special file"
        )
        raise _not_a_network(source, f"it is {what}, not a regular file")
    return info.st_size


def _read_arrays(source: str) -> dict[str, NDArray[Any]]:
    """Every array in the file, each checked against its zip entry before it is read."""
    data = _read_file(source)
    if not data:
        raise _not_a_network(source, "the file is empty")
    if data[:4] not in _ZIP_STARTS:
        raise _not_a_network(source, f"it is not an .npz (zip) file, it starts with {data[:4]!r}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            arrays: dict[str, NDArray[Any]] = {}
            for entry in archive.infolist():
                key = entry.filename.removesuffix(".npy")
                _check_entry(entry, key in arrays)
                arrays[key] = _read_entry(archive, entry, key)
            return arrays
    except _RefusedError as reason:
        raise _not_a_network(source, str(reason)) from None
    except Exception as error:  # zipfile and numpy's header reader raise many kinds
        raise ValueError(
            f"{source!r} is damaged or truncated: it starts as an .npz (zip) file but cannot "
            f"be read as one ({type(error).__name__}: {error})"
        ) from None


def _check_entry(entry: zipfile.ZipInfo, repeated: bool) -> None:
    """Refuse an entry np.savez would not write, or one that would expand beyond bounds."""
    name = entry.filename
    if not _MEMBER.fullmatch(name):
        raise _RefusedError(f"it holds an entry named {name[:80]!r}, which is not an array's name")
    if repeated:
        raise _RefusedError(f"it holds more than one entry named {name!r}")
    if entry.flag_bits & _UNSUPPORTED_FLAGS or entry.compress_type not in _COMPRESSIONS:
        raise _RefusedError(
            f"its entry {name!r} is encrypted or compressed in a way numpy never writes"
        )
    ratio = 1 if entry.compress_type == zipfile.ZIP_STORED else _DEFLATE_MAX_RATIO
    if entry.file_size > min(_MAX_BYTES, ratio * entry.compress_size):
        raise _RefusedError(
            f"its entry {name!r} claims {entry.file_size} bytes, stored in "
            f"{entry.compress_size}: more than it can hold"
        )


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, key: str) -> NDArray[Any]:
    """One ``.npy`` entry, read after its header's shape and dtype match the entry's size."""
    with archive.open(entry) as file, warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy warns about, then reads, headers from Python 2
        version = _read_magic(file)
        read_header = _HEADER_READERS.get(version)
        if read_header is None:
            raise _RefusedError(f"its array {key!r} is in .npy format version {version}")
        try:
            shape, fortran_order, dtype = read_header(file)
        except (MemoryError, RecursionError):  # how Python's parser says "nested too deeply"
            raise _RefusedError(f"the header of its array {key!r} is nested too deeply") from None
        if dtype.hasobject:
            raise _RefusedError(
                f"its array {key!r} holds pickled Python objects, which are never "
                f"loaded (unpickling can run any code)"
            )
        size = math.prod(shape) * dtype.itemsize
        if size != entry.file_size - file.tell():
            raise _RefusedError(
                f"its array {key!r} claims shape {shape} of dtype {dtype} ({size} bytes), "
                f"but its entry holds {entry.file_size - file.tell()} bytes of data"
            )
        data = file.read(size + 1)  # to the end, so that zipfile checks the CRC-32
    array = np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran_order else "C")
    return array.copy()


# numpy.lib.format's readers, with their types written here: numpy 1.26 ships none.
_Header = tuple[tuple[int, ...], bool, np.dtype[Any]]
_read_magic: Callable[[IO[bytes]], tuple[int, int]] = np.lib.format.read_magic
_HEADER_READERS: dict[tuple[int, int], Callable[[IO[bytes]], _Header]] = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}


def _require(arrays: dict[str, NDArray[Any]], source: str, keys: list[str], kind: str = "") -> None:
    """Raise, naming them, if any of `keys` is missing, or (given `kind`) one more is there."""
    missing = [key for key in keys if key not in arrays]
    if missing:
        found = ", ".join(repr(key) for key in sorted(arrays)) or "nothing"
        raise _not_a_network(
            source,
            f"it lacks the key(s) {', '.join(repr(key) for key in missing)} (it holds {found})",
        )
    extra = sorted(set(arrays) - set(keys)) if kind else []
    if extra:
        raise ValueError(
            f"{source!r} holds unexpected key(s) {', '.join(repr(key) for key in extra)}: "
            f"a saved {kind} holds exactly {sorted(keys)}"
        )


def _scalar(arrays: dict[str, NDArray[Any]], key: str, source: str, kinds: str) -> Any:
    """The single string ("U") or integer ("iu") at `key`."""
    value = arrays[key]
    if value.dtype.kind not in kinds or value.shape != ():
        what = "string" if kinds == "U" else "integer"
        raise ValueError(
            f"{key} in {source!r} must be a single {what}, "
            f"got an array of dtype {value.dtype} and shape {value.shape}"
        )
    return value.item()


def _check_header(arrays: dict[str, NDArray[Any]], source: str) -> str:
    """Check the format, version and kind; return the kind."""
    _require(arrays, source, list(_COMMON_KEYS))
    marker = _scalar(arrays, "format", source, "U")
    if marker != _FORMAT:
        raise _not_a_network(source, f"its format is {marker!r}, not {_FORMAT!r}")
    version = _scalar(arrays, "version", source, "iu")
    if version != _VERSION:
        newer = " (it was written by a newer nn_from_scratch)" if version > _VERSION else ""
        raise ValueError(
            f"{source!r} has format version {version}{newer}, but this nn_from_scratch "
            f"can only load format version {_VERSION}"
        )
    kind = _scalar(arrays, "kind", source, "U")
    if kind not in _KINDS:
        raise ValueError(f"kind in {source!r} must be one of {list(_KINDS)}, got {kind!r}")
    _scalar(arrays, "checksum", source, "U")  # compared with the contents' last
    return str(kind)


def _floats(arrays: dict[str, NDArray[Any]], key: str, source: str) -> Array:
    """The array at `key`, refused unless it is float64 (the constructors check the rest)."""
    value = arrays[key]
    if value.dtype.kind != "f" or value.dtype.itemsize != 8:
        raise ValueError(f"{key} in {source!r} must hold float64 values, got dtype {value.dtype}")
    return value.astype(np.float64)  # native byte order


def _neural_parameters(arrays: dict[str, NDArray[Any]], source: str) -> dict[str, Array]:
    _require(arrays, source, [*_COMMON_KEYS, "parameters"], "NeuralNetwork")
    values = _floats(arrays, "parameters", source)
    if values.shape != (len(PARAMETER_NAMES),):
        raise ValueError(
            f"parameters in {source!r} must have shape ({len(PARAMETER_NAMES)},), one value per "
            f"name in PARAMETER_NAMES, got shape {values.shape}"
        )
    return {"parameters": values}


def _matrix_parameters(
    arrays: dict[str, NDArray[Any]], source: str
) -> tuple[dict[str, Array], list[str]]:
    _require(arrays, source, ["n_layers"])
    n_layers = _scalar(arrays, "n_layers", source, "iu")
    # Two arrays per layer: a larger count cannot be right, and is not worth listing.
    if not 1 <= n_layers <= len(arrays):
        raise ValueError(
            f"n_layers in {source!r} must be at least 1 and at most the number of layers the "
            f"file holds, got {n_layers} (the file holds {len(arrays)} arrays in all)"
        )
    layer_keys = [key for i in range(n_layers) for key in (f"W{i}", f"b{i}")]
    keys = [*_COMMON_KEYS, "n_layers", "activations", *layer_keys]
    _require(arrays, source, keys, "MatrixNetwork")
    names = arrays["activations"]
    if names.dtype.kind != "U" or names.shape != (n_layers,):
        raise ValueError(
            f"activations in {source!r} must be an array of {n_layers} name(s), one per layer, "
            f"got an array of dtype {names.dtype} and shape {names.shape}"
        )
    return {key: _floats(arrays, key, source) for key in layer_keys}, names.tolist()
