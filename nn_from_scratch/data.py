"""The tutorial's data: four people, how their numbers are shifted, how gender is coded.

The network learns from the weight (lb) and height (in) of Alice, Bob, Charlie
and Diana, and is then asked about Emily and Frank, whom it has never seen.
Two conventions turn the raw table into numbers the network can use:

- **The shift.** 135 lb is subtracted from every weight and 66 in from every
  height, so the inputs are small numbers around zero. Raw numbers such as 160
  would push the sigmoid far into its flat tails, where it learns slowly.
- **The coding.** F is 1 and M is 0; an output of 0.5 or more reads as F.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from . import checks

__all__ = [
    "GENDER_CODES",
    "HEIGHT_SHIFT",
    "NEWCOMERS",
    "PEOPLE",
    "WEIGHT_SHIFT",
    "Person",
    "decode_gender",
    "encode_gender",
    "shift",
    "training_data",
]


class Person(NamedTuple):
    """One row of the table: a name, weight in pounds, height in inches, and gender.

    Attributes
    ----------
    name : str
        The person's first name.
    weight : float
        Weight in pounds, as measured (not shifted).
    height : float
        Height in inches, as measured (not shifted).
    gender : str
        ``"F"`` or ``"M"``.

    Examples
    --------
    >>> PEOPLE[0]
    Person(name='Alice', weight=133, height=65, gender='F')
    >>> PEOPLE[0].weight
    133
    """

    name: str
    weight: float
    height: float
    gender: str


PEOPLE = (
    Person("Alice", 133, 65, "F"),
    Person("Bob", 160, 72, "M"),
    Person("Charlie", 152, 70, "M"),
    Person("Diana", 120, 60, "F"),
)
"""The four people the network is trained on, as `Person` rows.
"""

NEWCOMERS = (
    Person("Emily", 128, 63, "F"),
    Person("Frank", 155, 68, "M"),
)
"""Two people the network never sees in training, used to test its predictions.
"""

WEIGHT_SHIFT = 135
"""Pounds subtracted from every weight before it goes into the network.

Examples
--------
>>> PEOPLE[0].weight - WEIGHT_SHIFT  # Alice
-2
"""

HEIGHT_SHIFT = 66
"""Inches subtracted from every height before it goes into the network.

Examples
--------
>>> PEOPLE[0].height - HEIGHT_SHIFT  # Alice
-1
"""

GENDER_CODES = {"F": 1, "M": 0}
"""How gender is written as a number for the network: F is 1, M is 0.
"""


def shift(weight: float, height: float) -> NDArray[np.float64]:
    """Turn a raw weight and height into the network's two inputs.

    Parameters
    ----------
    weight : float
        Weight in pounds.
    height : float
        Height in inches.

    Returns
    -------
    ndarray of shape (2,)
        ``[weight - WEIGHT_SHIFT, height - HEIGHT_SHIFT]``.

    Examples
    --------
    >>> shift(128, 63)  # Emily
    array([-7., -3.])
    """
    return np.array(
        [checks.real(weight, "weight") - WEIGHT_SHIFT, checks.real(height, "height") - HEIGHT_SHIFT]
    )


def encode_gender(gender: str) -> int:
    """The number the network is trained to output for a gender: 1 for "F", 0 for "M".

    Parameters
    ----------
    gender : str
        ``"F"`` or ``"M"``.

    Returns
    -------
    int
        ``GENDER_CODES[gender]``.

    Examples
    --------
    >>> encode_gender("F"), encode_gender("M")
    (1, 0)
    """
    return GENDER_CODES[checks.one_of(gender, "gender", tuple(GENDER_CODES))]


def decode_gender(score: Any) -> str:
    """Read the network's output as a gender: "F" if it is 0.5 or more, else "M".

    Parameters
    ----------
    score : float
        The network's output, between 0 and 1.

    Returns
    -------
    str
        ``"F"`` or ``"M"``.

    Examples
    --------
    >>> decode_gender(0.948), decode_gender(0.039)
    ('F', 'M')
    """
    return "F" if checks.in_range(score, "score", 0, 1) >= 0.5 else "M"


def training_data() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The four people as arrays ready for training: shifted inputs and coded genders.

    Returns
    -------
    data : ndarray of shape (4, 2)
        One row per person (Alice, Bob, Charlie, Diana): shifted weight and height.
    all_y_trues : ndarray of shape (4,)
        1.0 for F, 0.0 for M, in the same order.

    Examples
    --------
    >>> data, all_y_trues = training_data()
    >>> data
    array([[ -2.,  -1.],
           [ 25.,   6.],
           [ 17.,   4.],
           [-15.,  -6.]])
    >>> all_y_trues
    array([1., 0., 0., 1.])
    """
    data = np.array([shift(p.weight, p.height) for p in PEOPLE])
    all_y_trues = np.array([float(encode_gender(p.gender)) for p in PEOPLE])
    return data, all_y_trues
