"""The tutorial's data: the seed notebook's table, the shift and the gender coding."""

import numpy as np
import pytest

from nn_from_scratch import (
    GENDER_CODES,
    HEIGHT_SHIFT,
    NEWCOMERS,
    PEOPLE,
    WEIGHT_SHIFT,
    decode_gender,
    encode_gender,
    shift,
    training_data,
)
from tests.seed_reference import SEED_DATA, SEED_Y_TRUES


def test_people_are_the_seed_notebooks_table() -> None:
    rows = [(p.name, p.weight, p.height, p.gender) for p in PEOPLE]
    assert rows == [
        ("Alice", 133, 65, "F"),
        ("Bob", 160, 72, "M"),
        ("Charlie", 152, 70, "M"),
        ("Diana", 120, 60, "F"),
    ]


def test_newcomers_are_emily_and_frank() -> None:
    rows = [(p.name, p.weight, p.height, p.gender) for p in NEWCOMERS]
    assert rows == [("Emily", 128, 63, "F"), ("Frank", 155, 68, "M")]


def test_the_shift_and_the_codes_are_the_seeds() -> None:
    assert (WEIGHT_SHIFT, HEIGHT_SHIFT) == (135, 66)
    assert GENDER_CODES == {"F": 1, "M": 0}


def test_training_data_is_the_seeds_shifted_table() -> None:
    data, all_y_trues = training_data()
    assert data.shape == (4, 2)
    assert all_y_trues.shape == (4,)
    assert data.dtype == np.float64
    assert all_y_trues.dtype == np.float64
    assert data.tolist() == SEED_DATA.tolist() == [[-2, -1], [25, 6], [17, 4], [-15, -6]]
    assert all_y_trues.tolist() == SEED_Y_TRUES.tolist() == [1, 0, 0, 1]


def test_training_data_returns_fresh_arrays() -> None:
    data, all_y_trues = training_data()
    data[0, 0] = 99.0
    all_y_trues[0] = 99.0
    again, labels = training_data()
    assert again.tolist() == SEED_DATA.tolist()
    assert labels.tolist() == SEED_Y_TRUES.tolist()


@pytest.mark.parametrize(
    ("weight", "height", "expected"),
    [
        (128, 63, [-7, -3]),  # Emily: 128 - 135, 63 - 66
        (155, 68, [20, 2]),  # Frank: 155 - 135, 68 - 66
        (133, 65, [-2, -1]),  # Alice
        (135, 66, [0, 0]),
        (135.5, 65.25, [0.5, -0.75]),
    ],
)
def test_shift(weight: float, height: float, expected: list) -> None:
    result = shift(weight, height)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    assert result.tolist() == expected


@pytest.mark.parametrize(("gender", "code"), [("F", 1), ("M", 0)])
def test_encode_gender(gender: str, code: int) -> None:
    assert encode_gender(gender) == code


@pytest.mark.parametrize(
    ("score", "gender"),
    [
        (0.0, "M"),
        (0.039, "M"),
        (0.4999999999, "M"),
        (0.5, "F"),  # the threshold itself reads as F
        (0.948, "F"),
        (1.0, "F"),
        (1, "F"),
        (0, "M"),
        (np.float64(0.75), "F"),
    ],
)
def test_decode_gender(score: float, gender: str) -> None:
    assert decode_gender(score) == gender


@pytest.mark.parametrize("gender", ["F", "M"])
def test_decode_undoes_encode(gender: str) -> None:
    assert decode_gender(encode_gender(gender)) == gender
