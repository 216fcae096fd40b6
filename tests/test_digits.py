"""Chapter 11: the digits data file, its loader and the helpers, checked independently.

The expected facts about the data come from its sources, not from the loader:
the file's size and sha256 were taken from scikit-learn 1.9.1's copy
(``sklearn/datasets/data/digits.csv.gz``), and the per-digit counts from UCI's
description of the set (optdigits.names, "Class Distribution", testing set).
The file is also read again here with the standard library alone, and compared
with scikit-learn's own loader when scikit-learn is installed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import inspect
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nn_from_scratch import (
    MatrixNetwork,
    accuracy,
    confusion_matrix,
    load_digits,
    one_hot,
    predict,
    train_test_split,
)
from nn_from_scratch import matrix as matrix_module

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "nn_from_scratch" / "data_files" / "digits.csv.gz"
NOTE = ROOT / "nn_from_scratch" / "data_files" / "DIGITS_SOURCE.txt"
CHAPTER = ROOT / "docs" / "digits.md"

SIZE = 57_523
SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
# UCI optdigits.names, "Class Distribution", testing set: digit 0 to 9.
UCI_TEST_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def rows_by_stdlib() -> list[list[int]]:
    """The file's numbers, read with gzip and csv only."""
    with gzip.open(DATA, "rt", encoding="ascii") as text:
        return [[int(value) for value in row] for row in csv.reader(text)]


# --- the file ------------------------------------------------------------------------------


def test_the_data_file_is_the_known_file() -> None:
    content = DATA.read_bytes()
    assert len(content) == SIZE
    assert hashlib.sha256(content).hexdigest() == SHA256


def test_the_file_holds_1797_rows_of_64_pixels_and_a_label() -> None:
    rows = rows_by_stdlib()
    assert len(rows) == 1797
    assert {len(row) for row in rows} == {65}
    assert {value for row in rows for value in row[:64]} <= set(range(17))
    assert min(v for row in rows for v in row[:64]) == 0
    assert max(v for row in rows for v in row[:64]) == 16
    labels = [row[64] for row in rows]
    assert [labels.count(digit) for digit in range(10)] == UCI_TEST_COUNTS


def test_the_note_states_source_citation_licence_and_checksum() -> None:
    note = NOTE.read_text(encoding="utf-8")
    for needed in [
        "Optical Recognition of Handwritten Digits",
        "Alpaydin",
        "Kaynak",
        "https://doi.org/10.24432/C50P49",
        "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        SHA256,
        f"{SIZE:,} bytes",
    ]:
        assert needed in note, needed


def test_the_wheel_carries_the_file_and_its_note() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "nn_from_scratch.data_files" in setuptools["packages"]
    package_data = setuptools["package-data"]["nn_from_scratch.data_files"]
    assert sorted(package_data) == ["DIGITS_SOURCE.txt", "digits.csv.gz"]


def test_the_module_and_chapter_state_source_and_licence() -> None:
    from nn_from_scratch import digits

    for text in (digits.__doc__ or "", CHAPTER.read_text(encoding="utf-8")):
        assert "Alpaydin" in text and "Kaynak" in text
        assert "10.24432/C50P49" in text
        assert "CC BY 4.0" in text


# --- load_digits ---------------------------------------------------------------------------


def test_load_digits_gives_the_files_numbers() -> None:
    X, y = load_digits()
    rows = np.array(rows_by_stdlib())
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert np.array_equal(X, rows[:, :64])
    assert np.array_equal(y, rows[:, 64])
    assert X.min() == 0 and X.max() == 16 and (X == np.round(X)).all()
    assert np.bincount(y).tolist() == UCI_TEST_COUNTS


def test_load_digits_returns_fresh_arrays() -> None:
    X, y = load_digits()
    X[0, 0], y[0] = 99.0, 7
    X2, y2 = load_digits()
    assert X2[0, 0] == 0.0 and y2[0] == 0


def test_load_digits_equals_scikit_learns() -> None:
    datasets = pytest.importorskip("sklearn.datasets")
    theirs = datasets.load_digits()
    X, y = load_digits()
    assert np.array_equal(X, theirs.data)
    assert np.array_equal(y, theirs.target)
    assert np.array_equal(X.reshape(-1, 8, 8), theirs.images)


# --- the helpers, by hand -------------------------------------------------------------------


def test_train_test_split_by_hand() -> None:
    X = np.arange(20.0).reshape(10, 2)  # row i is [2i, 2i + 1]
    y = np.arange(10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.25, rng=3)
    # ceil(0.25 * 10) = 3 for the test, the first 3 of the seed's permutation.
    order = np.random.default_rng(3).permutation(10)
    assert y_test.tolist() == order[:3].tolist()
    assert y_train.tolist() == order[3:].tolist()
    assert np.array_equal(X_test, X[order[:3]]) and np.array_equal(X_train, X[order[3:]])
    assert y_train.dtype == np.int64 and X_train.dtype == np.float64


def test_train_test_split_keeps_every_sample_once_and_rows_together() -> None:
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, 0.25, rng=0)
    assert len(X_test) == 450 and len(X_train) == 1347  # ceil(1797 / 4) = 450
    together = np.vstack([X_train, X_test])
    labels = np.concatenate([y_train, y_test])
    # Every (image, label) pair of the data, each exactly once.
    key = np.column_stack([together, labels])
    original = np.column_stack([X, y])
    assert sorted(map(tuple, key.tolist())) == sorted(map(tuple, original.tolist()))


def test_train_test_split_is_seeded() -> None:
    X, y = load_digits()
    first = train_test_split(X, y, rng=5)
    again = train_test_split(X, y, rng=5)
    other = train_test_split(X, y, rng=6)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[3], other[3])


@pytest.mark.parametrize(("fraction", "n_test"), [(0.01, 1), (0.5, 2), (0.99, 3)])
def test_train_test_split_keeps_both_sets_non_empty(fraction: float, n_test: int) -> None:
    X = np.zeros((4, 1))
    _, X_test, _, _ = train_test_split(X, [0, 1, 2, 3], fraction, rng=0)
    assert len(X_test) == n_test


def test_one_hot_by_hand() -> None:
    assert one_hot([2, 0, 1], n_classes=3).tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    assert one_hot([3.0], n_classes=4).tolist() == [[0, 0, 0, 1]]
    assert one_hot([9]).shape == (1, 10)


def test_predict_picks_the_largest_output() -> None:
    # Identity outputs equal to the inputs: the prediction is the column of the largest.
    net = MatrixNetwork([np.eye(3)], [np.zeros(3)], "identity")
    X = [[0.1, 0.5, 0.2], [3.0, -1.0, 2.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    assert predict(net, X).tolist() == [1, 0, 2, 0]  # a tie: the first


def test_accuracy_by_hand() -> None:
    assert accuracy([3, 1, 4, 1], [3, 1, 4, 7]) == 0.75
    assert accuracy([0], [0]) == 1.0
    assert accuracy(np.array([1.0, 2.0]), np.array([2, 1])) == 0.0


def test_confusion_matrix_by_hand() -> None:
    # Exercise 11.3's first case: (0, 0), (0, 1), (1, 1), (1, 1), (1, 0).
    counts = confusion_matrix([0, 0, 1, 1, 1], [0, 1, 1, 1, 0], n_classes=2)
    assert counts.tolist() == [[1, 1], [1, 2]]
    assert counts.dtype == np.int64
    repeated = confusion_matrix([2, 2, 2], [0, 0, 0], n_classes=3)
    assert repeated.tolist() == [[0, 0, 0], [0, 0, 0], [3, 0, 0]]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: one_hot([0, 10]), "labels"),
        (lambda: one_hot([0.5]), "labels"),
        (lambda: one_hot([-1]), "labels"),
        (lambda: one_hot([0], n_classes=1), "n_classes"),
        (lambda: one_hot([0], n_classes=1001), "n_classes"),
        (lambda: accuracy([0, 1], [0]), "y_true"),
        (lambda: accuracy([0, 1.5], [0, 1]), "y_true"),
        (lambda: confusion_matrix([0, 3], [0, 1], n_classes=3), "y_true"),
        (lambda: confusion_matrix([0, 1], [0, -2], n_classes=3), "y_pred"),
        (lambda: train_test_split([[1.0]], [0]), "X"),
        (lambda: train_test_split([[1.0], [2.0]], [0, 1, 2]), "y"),
        (lambda: train_test_split([[1.0], [2.0]], [0, 1], test_fraction=0.0), "test_fraction"),
        (lambda: train_test_split([[1.0], [2.0]], [0, 1], test_fraction=1.0), "test_fraction"),
    ],
)
def test_bad_arguments_are_refused_by_name(call: object, argument: str) -> None:
    with pytest.raises(ValueError, match=rf"(?<!\w){argument}(?!\w)"):
        call()  # type: ignore[operator]


def test_cross_entropy_refuses_labels_and_says_how_to_make_rows() -> None:
    net = MatrixNetwork.random([4, 3], "softmax", rng=0)
    X = np.zeros((2, 4))
    with pytest.raises(ValueError, match=r"one_hot\(labels, n_classes\)"):
        net.loss(X, [0, 2], "cross_entropy")
    with pytest.raises(ValueError, match="rows that sum to 1"):
        net.loss(X, [[0.5, 0.0, 0.0], [0.0, 0.0, 1.0]], "cross_entropy")
    assert net.loss(X, one_hot([0, 2], 3), "cross_entropy") > 0


# --- the chapter ---------------------------------------------------------------------------


def test_the_chapter_quotes_output_deltas_softmax_shortcut_word_for_word() -> None:
    # "`MatrixNetwork.output_delta` ... computes it as `(P - Y) / len(Y)`": the right
    # side of the line that returns the softmax shortcut, quoted without its annotation.
    source = inspect.getsource(matrix_module.MatrixNetwork.output_delta)
    shortcut = re.search(r"softmax_shortcut: Array = (.+)", source)
    assert shortcut is not None
    chapter = CHAPTER.read_text(encoding="utf-8")
    assert f"computes it as `{shortcut.group(1)}`" in chapter


def test_softmax_with_cross_entropy_gives_p_minus_y_over_n() -> None:
    # The chapter's derivation, by numbers: the full chain (the Jacobian of softmax
    # times dL/dP) equals (P - Y) / n for one-hot rows.
    rng = np.random.default_rng(4)
    Z = rng.normal(0, 2, (5, 4))
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    Y = np.eye(4)[rng.integers(0, 4, 5)]
    d_L_d_P = -Y / P / 5
    chain = np.array([(np.diag(p) - np.outer(p, p)).T @ g for p, g in zip(P, d_L_d_P, strict=True)])
    np.testing.assert_allclose(chain, (P - Y) / 5, rtol=1e-12, atol=1e-15)
