"""Damaged, crafted and special files, and awkward paths, for `load` and `save`.

Everything here is deterministic (explicit loops, no random draws) and quick.
`load` must refuse every damaged, crafted or non-regular file with a
ValueError naming the path (never another exception, never blocking, never a
large allocation), and `save` must handle any valid path: bytes, long UTF-8
names, symbolic links, and folders where earlier saves were killed.
"""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import re
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import MatrixNetwork, NeuralNetwork
from nn_from_scratch.saving import load, save
from tests.helpers import THOROUGH

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and flock are POSIX")

NET = NeuralNetwork.random(42)
TEMPORARY_PREFIX = ".nn_from_scratch-"


def values_of(net: NeuralNetwork | MatrixNetwork) -> bytes:
    if isinstance(net, NeuralNetwork):
        return np.array(list(net.parameters().values())).tobytes()
    return b"".join(a.tobytes() for a in [*net.weights, *net.biases])


def outcome(path: pathlib.Path | str) -> str:
    """'loaded' or 'refused'; anything else fails the test that collects it."""
    try:
        copy = load(path)
    except ValueError as error:
        message = str(error)
        assert repr(os.fsdecode(path)) in message, message
        assert "MemoryError" not in message, message
        return "refused"
    assert isinstance(copy, NeuralNetwork)
    assert values_of(copy) == values_of(NET)
    return "loaded"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("saved") / "net.npz"
    save(NET, path)
    return path.read_bytes()


def temporary_files(folder: pathlib.Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(TEMPORARY_PREFIX))


# --- (a) damaged files -------------------------------------------------------------------


def test_every_single_byte_corruption_is_refused_or_harmless(
    tmp_path: pathlib.Path, saved: bytes
) -> None:
    """Each byte with its lowest bit flipped, with all its bits flipped, and set to 0.

    Every byte when thorough (as in CI), every third byte otherwise (tests/helpers.py).
    """
    path = tmp_path / "net.npz"
    results: dict[str, int] = {"loaded": 0, "refused": 0}
    unexpected = []
    for position in range(0, len(saved), 1 if THOROUGH else 6):
        byte = saved[position]
        for value in sorted({byte ^ 0x01, byte ^ 0xFF, 0x00} - {byte}):
            data = bytearray(saved)
            data[position] = value
            path.write_bytes(data)
            try:
                results[outcome(path)] += 1
            except Exception as error:
                unexpected.append((position, value, f"{type(error).__name__}: {error}"))
    assert unexpected == []
    # Some bytes are ignored by zipfile (timestamps, the local headers' copies of the sizes).
    assert results["refused"] > 4 * results["loaded"] > 0


def test_every_truncation_is_refused(tmp_path: pathlib.Path, saved: bytes) -> None:
    """Every length when thorough (as in CI), every fourth otherwise (tests/helpers.py)."""
    path = tmp_path / "net.npz"
    for length in range(0, len(saved), 1 if THOROUGH else 4):
        path.write_bytes(saved[:length])
        with pytest.raises(ValueError, match=r"net\.npz' (is damaged|is not a saved)"):
            load(path)


# --- (b) crafted files -------------------------------------------------------------------


def npy(shape: Any, descr: str = "<f8", data: bytes = b"", version: int = 1) -> bytes:
    """A .npy file: numpy's own header writer, then `data`."""
    file = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    writer = {1: np.lib.format.write_array_header_1_0, 2: np.lib.format.write_array_header_2_0}
    writer[version](file, header)
    return file.getvalue() + data


def raw_npy(header: bytes, major: int = 1) -> bytes:
    """A .npy file with a header written by hand (any text at all)."""
    size = struct.pack("<H" if major == 1 else "<I", len(header))
    return b"\x93NUMPY" + bytes([major, 0]) + size + header


def npz(*members: tuple[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    file = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(file, "w", compression) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name"
        for name, data in members:
            archive.writestr(name, data)
    return file.getvalue()


def patched(data: bytes, local: int, central: int, value: bytes) -> bytes:
    """`data` with `value` written at offset `local` of every local file header and
    at offset `central` of every central directory header."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        start = out.find(signature)
        while start != -1:
            out[start + offset : start + offset + len(value)] = value
            start = out.find(signature, start + 4)
    return bytes(out)


PARAMETERS = npy((9,), data=np.zeros(9).tobytes())
ZEROS = npy((2**20,)) + bytes(8 * 2**20)  # 8 MiB of zeros: deflates to about 8 KiB

CRAFTED: dict[str, Callable[[], bytes]] = {
    "shape-10**12": lambda: npz(("parameters.npy", npy((10**12,)))),
    "shape-10**12-squared": lambda: npz(("parameters.npy", npy((10**12, 10**12)))),
    "shape-negative": lambda: npz(("parameters.npy", npy((-1, -8), data=bytes(64)))),
    "dtype-huge": lambda: npz(("kind.npy", npy((1,), descr="<U1000000000"))),
    "dtype-empty": lambda: npz(("kind.npy", npy((10**12,), descr="<U0"))),
    "dtype-void-empty": lambda: npz(("kind.npy", npy((10**12,), descr="|V0"))),
    "dtype-object": lambda: npz(("parameters.npy", npy((9,), descr="|O", data=bytes(72)))),
    "dtype-nonsense": lambda: npz(("kind.npy", npy((1,), descr="<Q9999999999999999999"))),
    "npy-version-3": lambda: npz(("kind.npy", raw_npy(b"{}", major=3))),
    "npy-header-not-a-dict": lambda: npz(("kind.npy", raw_npy(b"[1, 2, 3]\n"))),
    "npy-header-unhashable": lambda: npz(("kind.npy", raw_npy(b"{[1]: 2}\n"))),
    "npy-header-deep": lambda: npz(("kind.npy", raw_npy(b"-" * 9000 + b"1\n"))),
    "npy-header-python-2": lambda: npz(
        ("kind.npy", raw_npy(b"{'descr': '<f8', 'fortran_order': False, 'shape': (1L,), }\n"))
    ),
    "npy-header-unclosed": lambda: npz(("kind.npy", raw_npy(b"{'descr': ('\n"))),
    "npy-header-4-GiB": lambda: npz(("kind.npy", b"\x93NUMPY\x02\x00\xff\xff\xff\xff{")),
    "npy-bad-magic": lambda: npz(("kind.npy", b"\x93NUMPX\x01\x00" + PARAMETERS[8:])),
    "zip-bomb": lambda: patched(
        npz(("parameters.npy", ZEROS), compression=zipfile.ZIP_DEFLATED),
        22,
        24,
        struct.pack("<I", 0xFFFFFFF0),
    ),
    "zip-bomb-within-1-GiB": lambda: patched(
        npz(("parameters.npy", ZEROS), compression=zipfile.ZIP_DEFLATED),
        22,
        24,
        struct.pack("<I", 2**29),
    ),
    "encrypted": lambda: patched(npz(("parameters.npy", PARAMETERS)), 6, 8, b"\x01"),
    "patch-data": lambda: patched(npz(("parameters.npy", PARAMETERS)), 6, 8, b"\x20"),
    "strong-encryption": lambda: patched(npz(("parameters.npy", PARAMETERS)), 6, 8, b"\x40"),
    "compression-shrunk": lambda: patched(npz(("parameters.npy", PARAMETERS)), 8, 10, b"\x01"),
    "compression-aes": lambda: patched(npz(("parameters.npy", PARAMETERS)), 8, 10, b"\x63"),
    "compression-bzip2": lambda: npz(("parameters.npy", PARAMETERS), compression=zipfile.ZIP_BZIP2),
    "compression-lzma": lambda: npz(("parameters.npy", PARAMETERS), compression=zipfile.ZIP_LZMA),
    "stored-size-lies": lambda: patched(
        npz(("parameters.npy", PARAMETERS)), 22, 24, struct.pack("<I", 10**6)
    ),
    "duplicate-names": lambda: npz(("parameters.npy", PARAMETERS), ("parameters.npy", PARAMETERS)),
    "name-traversal": lambda: npz(("../../etc/passwd.npy", PARAMETERS)),
    "name-long": lambda: npz(("a" * 5000 + ".npy", PARAMETERS)),
    "name-folder": lambda: npz(("W0/", b"")),
    "name-not-npy": lambda: npz(("parameters", PARAMETERS)),
    "name-unicode": lambda: npz(("paramètres.npy", PARAMETERS)),
    "name-empty": lambda: npz((".npy", PARAMETERS)),
    "central-directory-offset": lambda: (
        npz(("parameters.npy", PARAMETERS))[:-6] + struct.pack("<IH", 0xFFFFFFF0, 0)
    ),
    "central-directory-size": lambda: (lambda d: d[:-10] + struct.pack("<I", 0xFFFFFFF0) + d[-6:])(
        npz(("parameters.npy", PARAMETERS))
    ),
    "zip64-end-record": lambda: (
        lambda d: d[:-22] + b"PK\x06\x07" + bytes(4) + struct.pack("<Q", 10**15) + d[-26:]
    )(npz(("parameters.npy", PARAMETERS))),
}


@pytest.mark.parametrize("make", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_file_is_refused_quickly_and_without_a_large_allocation(
    tmp_path: pathlib.Path, make: Callable[[], bytes]
) -> None:
    path = tmp_path / "crafted.npz"
    path.write_bytes(make())
    message, elapsed, peak = refusal(path)
    assert repr(str(path)) in message
    assert "MemoryError" not in message and "Memory" not in message
    assert elapsed < 2.0
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def refusal(path: pathlib.Path) -> tuple[str, float, int]:
    """`load(path)`'s ValueError: its message, the seconds it took and the peak of memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValueError) as refused:
            load(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(refused.value), elapsed, peak


def test_the_crafted_file_of_the_report_is_refused_by_its_size(tmp_path: pathlib.Path) -> None:
    """The report's 262-byte file: its header claims 10**12 values, 7 TiB."""
    path = tmp_path / "crafted.npz"
    path.write_bytes(CRAFTED["shape-10**12"]())
    with pytest.raises(
        ValueError,
        match=r"crafted\.npz' is not a saved nn_from_scratch network: its array 'parameters' "
        r"claims shape \(1000000000000,\) of dtype float64 \(8000000000000 bytes\), "
        r"but its entry holds 0 bytes of data",
    ):
        load(path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted", r"its entry 'parameters\.npy' is encrypted or compressed"),
        ("compression-shrunk", r"its entry 'parameters\.npy' is encrypted or compressed"),
        ("zip-bomb", r"its entry 'parameters\.npy' claims 4294967280 bytes, stored in \d+"),
        ("duplicate-names", r"it holds more than one entry named 'parameters\.npy'"),
        ("name-traversal", r"it holds an entry named '\.\./\.\./etc/passwd\.npy', which is not"),
        ("dtype-object", r"its array 'parameters' holds pickled Python objects"),
    ],
)
def test_a_crafted_file_gets_a_message_saying_why(
    tmp_path: pathlib.Path, name: str, reason: str
) -> None:
    path = tmp_path / "crafted.npz"
    path.write_bytes(CRAFTED[name]())
    with pytest.raises(ValueError, match=rf"crafted\.npz' is not a saved .* network: {reason}"):
        load(path)


def test_a_compressed_file_still_loads(tmp_path: pathlib.Path) -> None:
    """np.savez_compressed's deflate is within bounds: a re-compressed file loads."""
    save(NET, tmp_path / "net.npz")
    with np.load(tmp_path / "net.npz") as npz_file:
        np.savez_compressed(tmp_path / "small.npz", **{k: npz_file[k] for k in npz_file.files})
    assert values_of(load(tmp_path / "small.npz")) == values_of(NET)


# --- (c) special files -------------------------------------------------------------------


def refused_within(path: Any, seconds: float = 10.0) -> str:
    """load(path)'s ValueError message; fails, instead of hanging, if load blocks."""
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            load(path)
        except BaseException as error:
            result.append(error)
        else:
            result.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():  # unblock a reader stuck on a FIFO, then fail
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"load({path!r}) blocked for {seconds} s")
    assert isinstance(result[0], ValueError), repr(result[0])
    assert repr(os.fsdecode(path)) in str(result[0])
    return str(result[0])


def test_a_fifo_is_refused_without_blocking(tmp_path: pathlib.Path) -> None:
    os.mkfifo(tmp_path / "pipe.npz")
    message = refused_within(tmp_path / "pipe.npz")
    assert message.endswith("it is a named pipe, not a regular file")
    (tmp_path / "link.npz").symlink_to(tmp_path / "pipe.npz")
    refused_within(tmp_path / "link.npz")
    refused_within(os.fsencode(tmp_path / "pipe.npz"))


def test_a_fifo_swapped_in_after_the_first_look_is_refused_without_blocking(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.stat sees a regular file, the opened descriptor a FIFO: os.fstat catches it."""
    (tmp_path / "file").write_bytes(b"PK\x03\x04")
    os.mkfifo(tmp_path / "pipe.npz")
    real_stat = os.stat
    monkeypatch.setattr(
        os,
        "stat",
        lambda p, *a, **k: real_stat(
            tmp_path / "file" if p == str(tmp_path / "pipe.npz") else p, *a, **k
        ),
    )
    message = refused_within(str(tmp_path / "pipe.npz"))
    assert message.endswith("it is a named pipe, not a regular file")


def test_a_folder_a_device_and_a_socket_are_refused(tmp_path: pathlib.Path) -> None:
    assert refused_within(tmp_path).endswith("it is a folder, not a regular file")
    assert refused_within("/dev/null").endswith(
        "it is a device or other special file, not a regular file"
    )
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.npz"))
        assert refused_within(tmp_path / "s.npz").endswith("it is a socket, not a regular file")


# --- (d) paths to save to ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["é" * 125 + "x.npz", "x" * 251 + ".npz", "ネットワーク" * 13 + "ネットワxxxxx.npz"],
    ids=["255-bytes-of-e-acute", "255-bytes-ascii", "255-bytes-of-katakana"],
)
def test_a_name_of_up_to_255_bytes_saves(tmp_path: pathlib.Path, name: str) -> None:
    assert len(name.encode()) <= 255
    save(NET, tmp_path / name)
    assert os.listdir(tmp_path) == [name]
    assert values_of(load(tmp_path / name)) == values_of(NET)


def test_bytes_paths_save_and_load(tmp_path: pathlib.Path) -> None:
    for name in [b"net.npz", b"\xff\xfe not UTF-8.npz"]:
        path = os.fsencode(tmp_path) + b"/" + name
        save(NET, path)
        assert values_of(load(path)) == values_of(NET)
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [b"net.npz", b"\xff\xfe not UTF-8.npz"]


@pytest.mark.parametrize("how", ["str", "bytes"])
def test_a_path_ending_in_a_separator_is_refused(tmp_path: pathlib.Path, how: str) -> None:
    path: Any = str(tmp_path / "newname") + os.sep
    if how == "bytes":
        path = os.fsencode(path)
    with pytest.raises(ValueError, match=r"path must name a file, got '.*newname/', which ends"):
        save(NET, path)
    assert os.listdir(tmp_path) == []


def test_a_nul_in_the_path_is_refused_naming_the_path(tmp_path: pathlib.Path) -> None:
    path = str(tmp_path / "net\0.npz")
    message = r"path must not contain a NUL character, got '.*net\\x00\.npz'"
    with pytest.raises(ValueError, match=message):
        save(NET, path)
    with pytest.raises(ValueError, match=message):
        load(path)
    with pytest.raises(ValueError, match=message):
        load(os.fsencode(path))
    assert os.listdir(tmp_path) == []


@pytest.fixture
def replaces(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every os.replace(source, target) that save makes."""
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        calls.append((os.fsdecode(source), os.fsdecode(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_saving_through_a_symlink_updates_its_target_and_keeps_the_link(
    tmp_path: pathlib.Path, replaces: list[tuple[str, str]]
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / "net.npz"
    save(NeuralNetwork.random(1), target)
    link = tmp_path / "links" / "net.npz"
    link.symlink_to(target)
    save(NET, link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert values_of(load(target)) == values_of(NET)
    # The temporary file was made beside the target, not the link: no rename across folders.
    source, destination = replaces[-1]
    assert os.path.dirname(source) == os.path.dirname(destination) == str(target.parent)
    assert os.listdir(tmp_path / "links") == ["net.npz"]


def test_saving_through_a_dangling_symlink_creates_its_target(tmp_path: pathlib.Path) -> None:
    (tmp_path / "link.npz").symlink_to(tmp_path / "made.npz")
    save(NET, tmp_path / "link.npz")
    assert (tmp_path / "link.npz").is_symlink()
    assert values_of(load(tmp_path / "made.npz")) == values_of(NET)


def test_saving_into_a_symlinked_folder(
    tmp_path: pathlib.Path, replaces: list[tuple[str, str]]
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "data")
    save(NET, tmp_path / "alias" / "net.npz")
    assert os.listdir(tmp_path / "data") == ["net.npz"]
    source, destination = replaces[-1]
    assert os.path.dirname(source) == os.path.dirname(destination) == str(tmp_path / "data")


def test_saving_through_a_symlink_to_a_folder_is_refused(tmp_path: pathlib.Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "data")
    with pytest.raises(
        ValueError, match=r"path must name a file, got '.*alias', which is a folder"
    ):
        save(NET, tmp_path / "alias")


def test_saving_onto_a_fifo_or_a_socket_is_refused_and_leaves_it(tmp_path: pathlib.Path) -> None:
    os.mkfifo(tmp_path / "pipe.npz")
    message = r"path must name a file, got '.*{}', which is a pipe, a socket or a device"
    with pytest.raises(ValueError, match=message.format("pipe.npz")):
        save(NET, tmp_path / "pipe.npz")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.npz"))
        with pytest.raises(ValueError, match=message.format("s.npz")):
            save(NET, tmp_path / "s.npz")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.npz").st_mode)
    assert sorted(os.listdir(tmp_path)) == ["pipe.npz", "s.npz"]


# --- killed and concurrent saves ---------------------------------------------------------

STALLED_SAVE = """
import sys, time
import numpy as np
from nn_from_scratch import NeuralNetwork
from nn_from_scratch.saving import save

def stall(file, *args, **kwargs):
    file.write(b"PK\\x03\\x04 half a network")
    file.flush()
    print("writing", flush=True)
    time.sleep(120)

np.savez = stall
save(NeuralNetwork.random(1), sys.argv[1])
"""


@contextlib.contextmanager
def stalled_save(path: pathlib.Path) -> Iterator[subprocess.Popen[str]]:
    """A save in another process, stopped halfway through writing its temporary file."""
    command = [sys.executable, "-c", STALLED_SAVE, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None and child.stdout.readline() == "writing\n"
            yield child
        finally:
            child.kill()


def test_a_killed_save_leaves_a_temporary_file_that_the_next_save_removes(
    tmp_path: pathlib.Path,
) -> None:
    with stalled_save(tmp_path / "net.npz") as child:
        left = temporary_files(tmp_path)
        assert len(left) == 1
        # A save running alongside leaves the other save's (locked) file alone.
        save(NET, tmp_path / "other.npz")
        assert temporary_files(tmp_path) == left
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert temporary_files(tmp_path) == left  # killed: nothing removed it yet
    (tmp_path / "notes.tmp").write_text("not ours")
    (tmp_path / f"{TEMPORARY_PREFIX}notes.tmp").write_text("not a name save makes")
    save(NET, tmp_path / "net.npz")
    assert temporary_files(tmp_path) == [f"{TEMPORARY_PREFIX}notes.tmp"]
    assert sorted(os.listdir(tmp_path))[-3:] == ["net.npz", "notes.tmp", "other.npz"]
    assert values_of(load(tmp_path / "net.npz")) == values_of(NET)


def test_a_temporary_file_removed_before_it_is_locked_is_made_again(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another save's clean-up can remove a temporary file between its creation and its
    lock; the save then notices and makes a new one."""
    import fcntl

    real_flock = fcntl.flock
    removed = []

    def flock(descriptor: int, operation: int) -> None:
        if not removed:
            removed.extend(temporary_files(tmp_path))
            for name in removed:
                os.remove(tmp_path / name)
        real_flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    save(NET, tmp_path / "net.npz")
    assert len(removed) == 1
    assert os.listdir(tmp_path) == ["net.npz"]
    assert values_of(load(tmp_path / "net.npz")) == values_of(NET)


def test_concurrent_saves_to_one_folder_all_succeed(tmp_path: pathlib.Path) -> None:
    errors: list[BaseException] = []

    def saves(i: int) -> None:
        try:
            for _ in range(15):
                save(NeuralNetwork.random(i), tmp_path / f"net{i % 2}.npz")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=saves, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(os.listdir(tmp_path)) == ["net0.npz", "net1.npz"]
    for name in ["net0.npz", "net1.npz"]:
        assert isinstance(load(tmp_path / name), NeuralNetwork)


def deflated_zeros(n_bytes: int) -> bytes:
    """A .npy of `n_bytes` of float64 zeros (a valid header), for a deflated member: about
    a thousandth of its size once compressed."""
    return npy((n_bytes // 8,), data=bytes(n_bytes))


# The outside fuzz round's files: each made `load` take gigabytes before refusing it.
# Each is refused by what the zip's directory declares, before any member is inflated.
BOMBS = {
    # One deflated 64 MiB member in a file of about 64 kB (the report's was 1 GiB).
    "one-deflated-member": lambda: npz(
        ("parameters.npy", deflated_zeros(2**26)), compression=zipfile.ZIP_DEFLATED
    ),
    # Five members of 8 MiB each, deflated, with a network's own key names.
    "five-deflated-members": lambda: npz(
        *((f"W{i}.npy", deflated_zeros(2**23)) for i in range(5)),
        compression=zipfile.ZIP_DEFLATED,
    ),
}


@pytest.mark.parametrize("make", BOMBS.values(), ids=BOMBS.keys())
def test_a_file_that_inflates_far_beyond_its_size_is_refused_before_inflating(
    tmp_path: pathlib.Path, make: Callable[[], bytes]
) -> None:
    path = tmp_path / "bomb.npz"
    path.write_bytes(make())
    assert path.stat().st_size < 2**20
    message, _, peak = refusal(path)
    assert re.search(r"claim \d+ bytes in all, in a file of \d+", message), message
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("start", [b"", b"PK\x03\x04"], ids=["zeros", "a-zip-start-then-zeros"])
def test_a_huge_sparse_file_is_refused_without_reading_it(
    tmp_path: pathlib.Path, start: bytes
) -> None:
    # Outside finding: load read the whole file first: a sparse 4 GB file took 15.5 s and
    # 3.8 GiB before being refused, a 100 GB one raised a bare MemoryError('').
    path = tmp_path / "huge.npz"
    with open(path, "wb") as file:
        file.write(start)
        file.truncate(100 * 2**30)  # 100 GiB, sparse: no disk used
    message, elapsed, peak = refusal(path)
    assert re.search(r"is not a saved nn_from_scratch network|is damaged", message), message
    assert elapsed < 2.0 and peak < 8 * 2**20, (elapsed, peak)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files in /proc")
def test_a_save_interrupted_at_any_moment_leaves_nothing_behind(tmp_path: pathlib.Path) -> None:
    # Outside finding: 1,500 saves, each interrupted at a random moment, leaked 12-32
    # file descriptors, left up to 5 locked temporary files that no later save could
    # remove, and a few interrupts came out as "ValueError: Can't close the ZIP file".
    path = tmp_path / "net.npz"
    net = MatrixNetwork.random([50, 200, 10], ["tanh", "sigmoid"], rng=0)
    save(net, path)

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    opened = len(os.listdir("/proc/self/fd"))
    rng = np.random.default_rng(0)
    outcomes: dict[str, int] = {}
    try:
        for delay in rng.uniform(0, 0.004, (THOROUGH and 1500) or 150):
            try:
                signal.setitimer(signal.ITIMER_REAL, delay)
                save(net, path)
                signal.setitimer(signal.ITIMER_REAL, 0)
                outcome = "saved"
            except BaseException as error:  # the interrupt, or anything else: counted
                outcome = type(error).__name__
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert set(outcomes) <= {"saved", "KeyboardInterrupt"}, outcomes
    assert outcomes.get("KeyboardInterrupt", 0) > 0  # the interrupts did land
    assert len(os.listdir("/proc/self/fd")) == opened
    assert [entry.name for entry in tmp_path.iterdir()] == ["net.npz"]
    assert all(np.array_equal(a, b) for a, b in zip(load(path).weights, net.weights, strict=True))
