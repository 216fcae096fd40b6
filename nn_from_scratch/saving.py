"""Saving a network to one ``.npz`` file, and loading it back bit for bit.

The file (numpy's zip of arrays, see `numpy.savez`) holds only plain arrays,
never pickled objects, so ``numpy.load(path, allow_pickle=False)`` opens it
and loading it cannot run code. Its keys:

- ``format``: ``"nn_from_scratch network"``; ``version``: the integer 1;
  ``kind``: ``"NeuralNetwork"`` or ``"MatrixNetwork"``;
- for a ``NeuralNetwork``: ``parameters``, float64 of shape (9,) in the order
  of `PARAMETER_NAMES` (w1, ..., w6, b1, b2, b3);
- for a ``MatrixNetwork``: ``n_layers`` (an integer L), float64 ``W0`` ...
  ``W{L-1}`` of shapes (n_in, n_out) and ``b0`` ... ``b{L-1}`` of shapes
  (n_out,), and ``activations``, L names from `ACTIVATIONS`;
- ``checksum``: 64 hex digits, the SHA-256 of byte strings, each preceded by
  its length as an 8-byte little-endian integer: the kind (UTF-8), then for
  each parameter array its key, its shape (such as ``"2,3"``) and its values
  as little-endian float64 in row-major order (for a ``MatrixNetwork``, layer
  by layer: ``W{i}``, ``b{i}``, then the layer's activation name). It catches
  a file changed after saving, by accident or by hand; it is no signature:
  whoever edits a file on purpose can write a new checksum too.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import math
import os
import re
import secrets
import signal
import stat
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterator
from types import FrameType
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

from . import checks
from .activation import ACTIVATIONS, Activation
from .matrix import KINDS, MatrixNetwork
from .network import PARAMETER_NAMES, NeuralNetwork

if os.name == "posix":
    import fcntl

__all__ = ["load", "save"]

Array = NDArray[np.float64]

_FORMAT = "nn_from_scratch network"
_VERSION = 1
_COMMON_KEYS = ["checksum", "format", "kind", "version"]
_MEMBER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\.npy")  # what np.savez writes for our keys
_TEMPORARY = re.compile(r"\.nn_from_scratch-[0-9a-f]{16}\.tmp")
_MAX_BYTES = 2**30  # no array of a network this package trains comes near 1 GiB
_MAX_RATIO = 4  # the most all arrays may claim per byte of the file (float64 barely compresses)
_SMALL = 2**24  # ...or this many bytes, for a small file of very compressible arrays (zeros)
_SPECIAL = {"d": "a folder", "p": "a named pipe", "s": "a socket"}  # by stat.filemode's letter


@checks.unchanged_if_refused
def save(network: NeuralNetwork | MatrixNetwork, path: str | bytes | os.PathLike[Any]) -> None:
    """Save a network to one ``.npz`` file at `path`, replacing what was there.

    The file is written whole or not at all: to a temporary file,
    ``.nn_from_scratch-<16 hex digits>.tmp`` where the file lands (links
    resolved, so the rename never crosses file systems), locked
    (`fcntl.flock`) and flushed to the disk, then renamed onto it. If anything
    fails on the way, the temporary file is removed and the old file left as
    it was; the next save to the folder removes those of killed saves (POSIX
    only). Ctrl-C (or another signal) while the file is written is held
    until it is written or removed, then raised as usual.

    Parameters
    ----------
    network : NeuralNetwork or MatrixNetwork
        The network to save; its values are not changed. Its activations must be
        entries of `ACTIVATIONS`: the file holds their names, not their code.
    path : str, bytes or os.PathLike
        Where to write, exactly (no ``.npz`` is added to the name), in a folder
        that exists. If `path` is a symbolic link, the file it points to is
        replaced and the link stays a link.

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
    _no_link_loop(target)
    real = os.path.realpath(target)  # through symbolic links, to where the file lands
    folder = os.path.dirname(real)
    for problem, found in [
        ("ends with a separator", target.endswith((os.sep, os.altsep or os.sep))),
        ("is a folder", os.path.isdir(real)),
        ("is a pipe, a socket or a device", os.path.exists(real) and not os.path.isfile(real)),
    ]:
        if found:
            raise ValueError(f"path must name a file, got {target!r}, which {problem}")
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"cannot save to {target!r}: the folder {folder!r} does not exist")
    with _signals_held():
        _write(real, folder, arrays)
        _remove_abandoned_temporary_files(folder)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold signals back (Ctrl-C's SIGINT, a timer's SIGALRM) while files are written.

    A KeyboardInterrupt raised in the middle of writing could come between opening a
    file and closing it, or inside zipfile's own clean-up (which then reports "Can't
    close the ZIP file" instead): open descriptors, and locked temporary files no later
    save can remove, would be left behind. So each signal with a Python handler gets one
    that notes it, and the real handlers run as soon as the file is written or removed:
    Ctrl-C stops the program there, as usual. (Python handles signals in its main
    thread only; in another thread nothing is held, nor needed.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[tuple[int, FrameType | None]] = []
    handlers: dict[int, Any] = {}
    try:
        for number in signal.valid_signals():
            handler = signal.getsignal(number)
            if callable(handler):
                handlers[number] = handler
                signal.signal(number, lambda *caught: arrived.append(caught))
        yield
    finally:
        for held, handler in handlers.items():
            signal.signal(held, handler)
        for caught, frame in arrived:
            handlers[caught](caught, frame)


def _no_link_loop(target: str) -> None:
    """Refuse a path whose symbolic links lead round in a loop (to no file at all)."""
    try:
        os.stat(target)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ValueError(
                f"path {target!r} is a loop of symbolic links: it leads to no file"
            ) from None


def load(path: str | bytes | os.PathLike[Any]) -> NeuralNetwork | MatrixNetwork:
    """Load a network saved with `save`, checking every part of the file.

    Only a regular file is opened, so `load` cannot block on a pipe. It reads
    the zip's directory first and refuses the file if its entries claim more
    bytes than it can hold (all together at most four times the file's size,
    or 16 MiB); then each array, only once its shape and dtype account for the
    bytes its entry holds, straight into the array. So a crafted file cannot
    make it allocate much beyond its size, nor read a huge file it will refuse.

    Parameters
    ----------
    path : str, bytes or os.PathLike
        The file `save` wrote.

    Returns
    -------
    NeuralNetwork or MatrixNetwork
        The saved network, built by its own constructor, with the same float64
        weights and biases bit for bit, so it gives exactly the same outputs.

    Raises
    ------
    FileNotFoundError
        If there is no file at `path`.
    ValueError
        If `path` is not a regular file (a folder, a pipe, a device, a socket)
        or holds no saved network, a damaged one or one changed after saving.
        The message names `path` and says what is wrong.

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
    _no_link_loop(source)
    try:
        return _network(_read_arrays(source), source)
    except _RefusedError as reason:
        raise ValueError(f"{source!r} is not a saved nn_from_scratch network: {reason}") from None


def _checksum(kind: str, parameters: dict[str, Array], activations: list[str]) -> str:
    """SHA-256 of the kind and the parameters, as the module's docstring defines it."""
    pieces = [kind.encode()]
    for key, array in parameters.items():  # "parameters", or W0, b0, W1, b1, ...
        values = np.ascontiguousarray(array, dtype="<f8")
        pieces += [key.encode(), ",".join(map(str, values.shape)).encode(), values.tobytes()]
        if key[0] == "b":
            pieces.append(activations[int(key[1:])].encode())
    return hashlib.sha256(b"".join(len(p).to_bytes(8, "little") + p for p in pieces)).hexdigest()


def _to_arrays(network: Any) -> dict[str, Any]:  # Any: no key is np.savez's allow_pickle
    """The file's arrays for `network`, checked as every public call checks it."""
    parameters: dict[str, Array] = {}
    if isinstance(network, NeuralNetwork):
        checks.neural_network(network, NeuralNetwork, PARAMETER_NAMES)
        kind, names = "NeuralNetwork", []
        parameters["parameters"] = np.array([getattr(network, n) for n in PARAMETER_NAMES])
    elif isinstance(network, MatrixNetwork):
        activations = network.activations
        if not checks.is_list(activations):
            got = checks.describe(activations)
            raise TypeError(f"network.activations must be a list of Activation, got {got}")
        for i, activation in enumerate(activations):
            where = f"network.activations[{i}] (layer {i})"
            if not isinstance(activation, Activation):
                raise TypeError(f"{where} must be an Activation, got {checks.describe(activation)}")
            if ACTIVATIONS.get(activation.name) is not activation:
                raise ValueError(
                    f"{where} is a custom Activation named {activation.name!r}, not an entry of "
                    f"ACTIVATIONS: only the named activations {sorted(ACTIVATIONS)} can be saved, "
                    f"because the file holds their names, not their code"
                )
        kind, names = "MatrixNetwork", [activation.name for activation in activations]
        checks.matrix_network(network, KINDS)
        for i, (W, b) in enumerate(zip(network.weights, network.biases, strict=True)):
            parameters |= {f"W{i}": W, f"b{i}": b}
    else:
        got = checks.describe(network)
        raise TypeError(f"network must be a NeuralNetwork or a MatrixNetwork, got {got}")
    layers = {"n_layers": np.int64(len(names)), "activations": np.array(names)} if names else {}
    header = {"format": _FORMAT, "version": np.int64(_VERSION), "kind": kind, **layers}
    return {**header, **parameters, "checksum": _checksum(kind, parameters, names)}


def _write(target: str, folder: str, arrays: dict[str, Any]) -> None:
    """Write `arrays` to a new temporary file in `folder`, locked until renamed onto `target`,
    with the mode any new file gets (0o666 less the umask; tempfile.mkstemp gives 0o600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = os.path.join(folder, f".nn_from_scratch-{secrets.token_hex(8)}.tmp")
        descriptor = os.open(temporary, flags, 0o666)
        if os.name == "posix":
            with contextlib.suppress(OSError):  # a file system without locks: saved unlocked
                fcntl.flock(descriptor, fcntl.LOCK_EX)
        with contextlib.suppress(OSError):  # unless another save's clean-up removed it first
            if os.path.samestat(os.stat(temporary), os.fstat(descriptor)):
                break
        os.close(descriptor)
    try:
        # Open, so locked, until renamed. A file, not a name: np.savez adds ".npz" to names.
        with os.fdopen(descriptor, "wb") as file:
            np.savez(file, **arrays)
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


def _remove_abandoned_temporary_files(folder: str) -> None:
    """Remove the temporary files of killed saves: those whose lock nobody holds."""
    if os.name != "posix":
        return
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if _TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError), os.fdopen(os.open(entry.path, flags)) as file:
                    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while a save runs
                    os.remove(entry.path)


class _RefusedError(Exception):
    """Why a file is not a saved network (`load` adds its path)."""


def _regular_size(info: os.stat_result) -> int:
    """The file's size, if it is a regular file."""
    if not stat.S_ISREG(info.st_mode):
        what = _SPECIAL.get(stat.filemode(info.st_mode)[0], "a device or other special file")
        raise _RefusedError(f"it is {what}, not a regular file")
    return info.st_size


def _read_arrays(source: str) -> dict[str, NDArray[Any]]:
    """Every array in the regular file at `source` (anything else is refused unopened)."""
    try:
        _regular_size(os.stat(source))
    except (FileNotFoundError, NotADirectoryError):
        message = f"no saved network at {source!r}: the file does not exist"
        raise FileNotFoundError(message) from None
    # O_NONBLOCK: a pipe put there since os.stat does not block the open.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(source, flags), "rb") as file:
        size = _regular_size(os.fstat(file.fileno()))
        start = file.read(4)  # only this, before the file is known to be a zip
        if start not in (b"PK\x03\x04", b"PK\x05\x06"):  # a zip's first entry; an empty zip
            message = f"it is not an .npz (zip) file, it starts with {start!r}"
            raise _RefusedError(message if start else "the file is empty")
        file.seek(0)
        return _read_archive(file, size, source)


def _read_archive(file: IO[bytes], size: int, source: str) -> dict[str, NDArray[Any]]:
    """Every array of the zip `file` (`size` bytes), each entry's name and size checked first."""
    arrays: dict[str, NDArray[Any]] = {}
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            _check_entries(entries, size)  # all of them, before any is read
            for entry in entries:
                key = entry.filename.removesuffix(".npy")
                arrays[key] = _read_entry(archive, entry, repeated=key in arrays)
    except _RefusedError:
        raise
    except Exception as error:  # zipfile and numpy's header reader raise many kinds
        raise ValueError(
            f"{source!r} is damaged or truncated: it starts as an .npz (zip) file but cannot "
            f"be read as one ({type(error).__name__}: {error})"
        ) from None
    return arrays


def _check_entries(entries: list[zipfile.ZipInfo], size: int) -> None:
    """Refuse, by what the zip's directory declares and before any entry is read, a file
    whose entries `save` never writes: other names, encryption, or more bytes than a file of
    `size` bytes can hold. Stored, an entry holds at most its own size; deflated (as
    ``np.savez_compressed`` writes), at most 1032 bytes per byte, but a network's float64
    values barely compress, so all of them together are held to `_MAX_RATIO` times the
    file's size (or `_SMALL` bytes): a crafted file cannot make `load` allocate much more
    than it holds."""
    declared = 0
    for entry in entries:
        name = entry.filename
        if not _MEMBER.fullmatch(name):
            why = "which is not an array's name"
            raise _RefusedError(f"it holds an entry named {name[:80]!r}, {why}")
        ratio = {zipfile.ZIP_STORED: 1, zipfile.ZIP_DEFLATED: 1032}.get(entry.compress_type, 0)
        if entry.flag_bits & 0x61 or not ratio:  # flag bits 0, 5, 6: encrypted, patch, strong
            raise _RefusedError(
                f"its entry {name!r} is encrypted or compressed in a way numpy never writes"
            )
        if entry.file_size > min(_MAX_BYTES, ratio * entry.compress_size):
            raise _RefusedError(
                f"its entry {name!r} claims {entry.file_size} bytes, stored in "
                f"{entry.compress_size}: more than it can hold"
            )
        declared += entry.file_size
    if declared > max(_MAX_RATIO * size, _SMALL):
        raise _RefusedError(
            f"its entries claim {declared} bytes in all, in a file of {size}: far more than "
            f"a network's values take, even compressed"
        )


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, repeated: bool) -> NDArray[Any]:
    """One ``.npy`` entry such as np.savez writes (`_check_entry` has bounded its size), read
    once its header's shape and dtype account for its bytes, straight into its array."""
    name, key = entry.filename, entry.filename.removesuffix(".npy")
    if repeated:
        raise _RefusedError(f"it holds more than one entry named {name!r}")
    # numpy warns about, then reads, headers from Python 2: an error here.
    with archive.open(entry) as file, warnings.catch_warnings(action="error"):
        version = _read_magic(file)
        read_header = _HEADER_READERS.get(version)
        if read_header is None:
            raise _RefusedError(f"its array {key!r} is in .npy format version {version}")
        try:
            shape, fortran_order, dtype = read_header(file)
        except (MemoryError, RecursionError):  # how Python's parser says "nested too deeply"
            raise _RefusedError(f"the header of its array {key!r} is nested too deeply") from None
        if dtype.itemsize == 0:
            raise _RefusedError(f"its array {key!r} has a dtype of no size, {dtype}")
        if dtype.hasobject:
            raise _RefusedError(
                f"its array {key!r} holds pickled Python objects, which are never "
                f"loaded (unpickling can run any code)"
            )
        size, held = math.prod(shape) * dtype.itemsize, entry.file_size - file.tell()
        if size != held:
            raise _RefusedError(
                f"its array {key!r} claims shape {shape} of dtype {dtype} ({size} bytes), "
                f"but its entry holds {held} bytes of data"
            )
        array = np.empty(math.prod(shape), dtype=dtype)  # read straight into: no copy
        assert isinstance(file, io.BufferedIOBase)  # zipfile's reader, which has readinto
        if file.readinto(array.data.cast("B")) != size or file.read(1):  # read(): the CRC
            raise _RefusedError(f"its array {key!r} is shorter or longer than it claims")
    return array.reshape(shape, order="F" if fortran_order else "C")


# numpy.lib.format's readers, with their types written here: numpy 1.26 ships none.
_Header = tuple[tuple[int, ...], bool, np.dtype[Any]]
_read_magic: Callable[[IO[bytes]], tuple[int, int]] = np.lib.format.read_magic
_HEADER_READERS: dict[tuple[int, int], Callable[[IO[bytes]], _Header]] = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}


def _network(arrays: dict[str, NDArray[Any]], source: str) -> NeuralNetwork | MatrixNetwork:
    """The network in a file's `arrays`, checked for what the constructors leave out (they
    check shapes, finite values and activation names), the checksum last."""

    def require(keys: list[str], kind: str = "") -> None:
        """Refuse the file if any of `keys` is missing, or (given `kind`) one more is there."""
        missing, extra = [key for key in keys if key not in arrays], set(arrays) - set(keys)
        if missing:
            found = ", ".join(map(repr, sorted(arrays))) or "nothing"
            raise _RefusedError(
                f"it lacks the key(s) {', '.join(map(repr, missing))} (it holds {found})"
            )
        if kind and extra:
            raise ValueError(
                f"{source!r} holds unexpected key(s) {', '.join(map(repr, sorted(extra)))}: "
                f"a saved {kind} holds exactly {sorted(keys)}"
            )

    def check(key: str, ok: bool, wanted: str, got: str = "") -> None:
        if not ok:
            got = got or f"an array of dtype {arrays[key].dtype} and shape {arrays[key].shape}"
            raise ValueError(f"{key} in {source!r} must {wanted}, got {got}")

    def single(key: str, what: str) -> Any:
        value, kinds = arrays[key], {"string": "U", "integer": "iu"}[what]
        check(key, value.dtype.kind in kinds and value.shape == (), f"be a single {what}")
        return value.item()

    def floats(key: str) -> Array:
        dtype = arrays[key].dtype
        check(key, dtype.str[1:] == "f8", "hold float64 values", f"dtype {dtype}")
        return arrays[key].astype(np.float64)  # in native byte order

    require(_COMMON_KEYS)
    marker = single("format", "string")
    if marker != _FORMAT:
        raise _RefusedError(f"its format is {marker!r}, not {_FORMAT!r}")
    version = single("version", "integer")
    if version != _VERSION:
        newer = " (it was written by a newer nn_from_scratch)" if version > _VERSION else ""
        raise ValueError(
            f"{source!r} has format version {version}{newer}, but this nn_from_scratch "
            f"can only load format version {_VERSION}"
        )
    kind, kinds = single("kind", "string"), ["MatrixNetwork", "NeuralNetwork"]
    check("kind", kind in kinds, f"be one of {kinds}", repr(kind))
    stored, names = single("checksum", "string"), []
    if kind == "NeuralNetwork":
        require([*_COMMON_KEYS, "parameters"], kind)
        parameters = {"parameters": floats("parameters")}
        shape, wanted = parameters["parameters"].shape, (len(PARAMETER_NAMES),)
        why = f"have shape {wanted}, one value per name in PARAMETER_NAMES"
        check("parameters", shape == wanted, why, f"shape {shape}")
    else:
        require(["n_layers"])
        n_layers = single("n_layers", "integer")
        # Two arrays per layer: a larger count cannot be right, and is not worth listing.
        why = "be at least 1 and at most the number of layers the file holds"
        got = f"{n_layers} (the file holds {len(arrays)} arrays in all)"
        check("n_layers", 1 <= n_layers <= len(arrays), why, got)
        layer_keys = [f"{letter}{i}" for i in range(n_layers) for letter in "Wb"]
        require([*_COMMON_KEYS, "n_layers", "activations", *layer_keys], kind)
        given = arrays["activations"]
        why = f"be an array of {n_layers} name(s), one per layer"
        check("activations", given.dtype.kind == "U" and given.shape == (n_layers,), why)
        parameters, names = {key: floats(key) for key in layer_keys}, given.tolist()
    computed = _checksum(kind, parameters, names)
    if stored != computed:
        raise ValueError(
            f"{source!r} was changed after saving: its checksum {stored[:12]}... does not match "
            f"its contents, whose checksum is {computed[:12]}..."
        )
    try:
        if kind == "NeuralNetwork":
            values = parameters["parameters"].tolist()
            return NeuralNetwork(**dict(zip(PARAMETER_NAMES, values, strict=True)))
        layers = list(parameters.values())  # W0, b0, W1, b1, ...
        return MatrixNetwork(layers[::2], layers[1::2], names)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{source!r} does not hold a valid {kind}: {error}") from None
