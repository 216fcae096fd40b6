"""The original tutorial's network and training, re-typed as the tests' oracle.

This is the seed notebook's algorithm, line for line, with two changes that do
not touch the arithmetic: the starting parameters are passed in (the notebook
drew them from numpy's unseeded global generator), and the loss is returned
every 10 epochs instead of printed. Nothing here imports nn_from_scratch, so
the package is checked against an independent implementation.
"""

from __future__ import annotations

import numpy as np

SEED_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")


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
