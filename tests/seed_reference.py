"""The original tutorial's network and training, re-typed as the tests' oracle.

This is the seed notebook's algorithm, line for line, with two changes that do
not touch the arithmetic: the starting parameters are passed in (the notebook
drew them from numpy's unseeded global generator), and the loss is returned
every 10 epochs instead of printed. Nothing here imports nn_from_scratch, so
the package is checked against an independent implementation.

It is also the one place the tests' reference math lives: a test that needs a
sigmoid, the notebook's example network, a seeded start or a slope of the loss
takes it from here. After the notebook's code come three additions, still
without the package: `math_sigmoid`, the sigmoid of one number with the standard
library alone, accurate where the notebook's formula overflows; `seed_start`, the
nine numbers `NeuralNetwork.random(seed)` is documented to draw; and
`loss_slopes`, the nine slopes of the notebook's loss by finite differences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

SEED_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")

# The notebook's example network: every neuron has weights [0, 1] and bias 0. For
# x = [2, 3] it prints 0.7216325609518421.
ZERO_ONE = {"w1": 0, "w2": 1, "w3": 0, "w4": 1, "w5": 0, "w6": 1, "b1": 0, "b2": 0, "b3": 0}


def sigmoid(x):  # type: ignore[no-untyped-def]
    return 1 / (1 + np.exp(-x))


def deriv_sigmoid(x):  # type: ignore[no-untyped-def]
    fx = sigmoid(x)
    return fx * (1 - fx)


def mse_loss(y_true, y_pred):  # type: ignore[no-untyped-def]
    return ((y_true - y_pred) ** 2).mean()


class SeedNetwork:
    def __init__(self, params: dict[str, float]) -> None:
        for name in SEED_NAMES:
            setattr(self, name, params[name])

    def params(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in SEED_NAMES}

    def feed_forward(self, x):  # type: ignore[no-untyped-def]
        h1 = sigmoid(self.w1 * x[0] + self.w2 * x[1] + self.b1)
        h2 = sigmoid(self.w3 * x[0] + self.w4 * x[1] + self.b2)
        o1 = sigmoid(self.w5 * h1 + self.w6 * h2 + self.b3)
        return o1

    def train(self, data, all_y_trues, learn_rate=0.1, epochs=1000):  # type: ignore[no-untyped-def]
        losses = {}
        for epoch in range(epochs):
            for x, y_true in zip(data, all_y_trues):  # noqa: B905 (as the notebook has it)
                sum_h1 = self.w1 * x[0] + self.w2 * x[1] + self.b1
                h1 = sigmoid(sum_h1)
                sum_h2 = self.w3 * x[0] + self.w4 * x[1] + self.b2
                h2 = sigmoid(sum_h2)
                sum_o1 = self.w5 * h1 + self.w6 * h2 + self.b3
                o1 = sigmoid(sum_o1)
                y_pred = o1

                d_L_d_y_pred = -2 * (y_true - y_pred)

                d_ypred_d_w5 = h1 * deriv_sigmoid(sum_o1)
                d_ypred_d_w6 = h2 * deriv_sigmoid(sum_o1)
                d_ypred_d_b3 = deriv_sigmoid(sum_o1)
                d_ypred_d_h1 = self.w5 * deriv_sigmoid(sum_o1)
                d_ypred_d_h2 = self.w6 * deriv_sigmoid(sum_o1)

                d_h1_d_w1 = x[0] * deriv_sigmoid(sum_h1)
                d_h1_d_w2 = x[1] * deriv_sigmoid(sum_h1)
                d_h1_d_b1 = deriv_sigmoid(sum_h1)

                d_h2_d_w3 = x[0] * deriv_sigmoid(sum_h2)
                d_h2_d_w4 = x[1] * deriv_sigmoid(sum_h2)
                d_h2_d_b2 = deriv_sigmoid(sum_h2)

                self.w1 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_w1
                self.w2 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_w2
                self.b1 -= learn_rate * d_L_d_y_pred * d_ypred_d_h1 * d_h1_d_b1

                self.w3 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_w3
                self.w4 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_w4
                self.b2 -= learn_rate * d_L_d_y_pred * d_ypred_d_h2 * d_h2_d_b2

                self.w5 -= learn_rate * d_L_d_y_pred * d_ypred_d_w5
                self.w6 -= learn_rate * d_L_d_y_pred * d_ypred_d_w6
                self.b3 -= learn_rate * d_L_d_y_pred * d_ypred_d_b3

            if epoch % 10 == 0:
                y_pred = np.apply_along_axis(self.feed_forward, 1, data)
                losses[epoch] = float(mse_loss(all_y_trues, y_pred))
        return losses


# The notebook's table, shifted by (-135 lb, -66 in), F = 1 and M = 0, typed in
# here again so that the package's own data module is checked too.
SEED_DATA = np.array([[-2, -1], [25, 6], [17, 4], [-15, -6]])
SEED_Y_TRUES = np.array([1, 0, 0, 1])


# --- Not in the notebook -------------------------------------------------------------------


def math_sigmoid(x: float) -> float:
    """The sigmoid of one float, with `math` alone and never overflowing.

    For x >= 0 it is the notebook's formula 1 / (1 + exp(-x)) (with `math.exp`);
    below 0 the same function written exp(x) / (1 + exp(x)), whose exp cannot
    overflow and whose few roundings keep it within an ulp or two of the true value.
    """
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def seed_start(seed: int) -> dict[str, float]:
    """The nine starting numbers of `NeuralNetwork.random(seed)`, drawn here with numpy.

    Documented as nine standard normals from `numpy.random.default_rng(seed)`, in
    the order w1, w2, ..., b3.
    """
    draws = np.random.default_rng(seed).standard_normal(9).tolist()
    return dict(zip(SEED_NAMES, draws, strict=True))


def loss_slopes(
    params: dict[str, float], x: Sequence[float], y_true: float, h: float = 1e-5
) -> dict[str, float]:
    """dL/d(name) for each of the nine parameters, by central finite differences.

    L is the notebook's loss on the one sample (x, y_true), (y_true - y_pred)**2,
    computed with `SeedNetwork`: no derivative is written out, so this checks the
    chain rule of the notebook and of the package alike.
    """

    def loss(p: dict[str, float]) -> float:
        y_pred = SeedNetwork(p).feed_forward(np.asarray(x, dtype=float))
        return float(mse_loss(np.array([y_true]), np.array([y_pred])))

    slopes = {}
    for name in SEED_NAMES:
        up, down = {**params, name: params[name] + h}, {**params, name: params[name] - h}
        slopes[name] = (loss(up) - loss(down)) / (2 * h)
    return slopes
