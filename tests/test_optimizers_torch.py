"""Chapters 12-13: each update rule, weight decay and dropout give PyTorch's numbers, in float64.

Random networks (random sizes, activations and data) are trained for many steps
twice: once by `train_batches` with an optimizer, weight decay or dropout, and
once by ``torch.optim`` on float64 tensors, with autograd finding the gradients
(weight decay only on the weights, as `train_batches` applies it: a parameter
group of its own). Every weight and bias must agree to 1e-12 at the end.
Dropout's masks come from numpy: the same masks, drawn again from a copy of
the generator, are applied in torch's forward pass, so only the gradients'
arithmetic is compared.

torch is not a test dependency; CI installs it and sets ``NN_REQUIRE_TORCH=1``,
which turns the skip into an import error (.ci/run).
"""

from __future__ import annotations

import copy
import os
from typing import Any

import numpy as np
import pytest

from nn_from_scratch import LOSSES, SGD, Adam, MatrixNetwork, Momentum, train_batches
from nn_from_scratch.optimizers import Optimizer
from nn_from_scratch.regularization import dropout_backprop, dropout_mask

if os.environ.get("NN_REQUIRE_TORCH") == "1":
    import torch  # required: a missing torch is an error, not a skip
else:
    torch = pytest.importorskip("torch")

TORCH_ACTIVATIONS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}
SEEDS = range(8)
STEPS = 60


def random_problem(seed: int) -> tuple[MatrixNetwork, np.ndarray, np.ndarray, str]:
    """A random network of 1-3 hidden layers, its data and its loss."""
    rng = np.random.default_rng(seed)
    n_hidden = int(rng.integers(1, 4))
    sizes = [int(rng.integers(1, 6))] + [int(rng.integers(2, 9)) for _ in range(n_hidden)]
    hidden = [str(rng.choice(list(TORCH_ACTIVATIONS))) for _ in range(n_hidden)]
    X = rng.normal(size=(int(rng.integers(4, 13)), sizes[0]))
    if seed % 2:  # a softmax output with cross-entropy
        sizes.append(3)
        Y = np.eye(3)[rng.integers(0, 3, len(X))]
        return MatrixNetwork.random(sizes, [*hidden, "softmax"], rng), X, Y, "cross_entropy"
    sizes.append(2)  # sigmoid outputs with the squared error
    Y = rng.random((len(X), 2))
    return MatrixNetwork.random(sizes, [*hidden, "sigmoid"], rng), X, Y, "mse"


def torch_loss(outputs: Any, Y: Any, loss: str) -> Any:
    if loss == "mse":  # the mean over samples of the sum over outputs, as LOSSES["mse"]
        return ((outputs - Y) ** 2).sum(dim=1).mean()
    return -(Y * torch.log_softmax(outputs, dim=1)).sum(dim=1).mean()


def torch_forward(
    net: MatrixNetwork, Ws: list[Any], bs: list[Any], X: Any, masks: list[Any]
) -> Any:
    """The network's outputs (softmax: its totals); `masks` multiply the hidden layers' outputs."""
    a = X
    last = len(Ws) - 1
    for layer, (W, b, activation) in enumerate(zip(Ws, bs, net.activations, strict=True)):
        z = a @ W + b
        if layer == last:
            return z if activation.name == "softmax" else torch.sigmoid(z)
        a = TORCH_ACTIVATIONS[activation.name](z)
        if masks:
            a = a * masks[layer]
    raise AssertionError("unreachable")


def torch_optimizer(name: str, groups: list[dict[str, Any]], hyper: dict[str, float]) -> Any:
    if name == "adam":
        betas = (hyper["beta1"], hyper["beta2"])
        return torch.optim.Adam(groups, lr=hyper["learn_rate"], betas=betas, eps=hyper["eps"])
    momentum = hyper.get("beta", 0.0)
    return torch.optim.SGD(groups, lr=hyper["learn_rate"], momentum=momentum)


def train_in_torch(
    net: MatrixNetwork,
    X: np.ndarray,
    Y: np.ndarray,
    loss: str,
    name: str,
    hyper: dict[str, float],
    weight_decay: float,
    batch_size: int,
    epochs: int,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    Ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in net.biases]
    groups = [{"params": Ws, "weight_decay": weight_decay}, {"params": bs, "weight_decay": 0.0}]
    optimizer = torch_optimizer(name, groups, hyper)
    X_t, Y_t = torch.tensor(X), torch.tensor(Y)
    for _ in range(epochs):
        for first in range(0, len(X), batch_size):
            optimizer.zero_grad()
            outputs = torch_forward(net, Ws, bs, X_t[first : first + batch_size], [])
            torch_loss(outputs, Y_t[first : first + batch_size], loss).backward()
            optimizer.step()
    return [W.detach().numpy() for W in Ws], [b.detach().numpy() for b in bs]


def make(name: str, seed: int) -> Optimizer:
    rng = np.random.default_rng(1000 + seed)
    if name == "sgd":
        return SGD(learn_rate=float(rng.uniform(0.01, 0.5)))
    if name == "momentum":
        return Momentum(learn_rate=float(rng.uniform(0.01, 0.3)), beta=float(rng.uniform(0, 0.95)))
    return Adam(
        learn_rate=float(rng.uniform(0.001, 0.05)),
        beta1=float(rng.uniform(0.5, 0.95)),
        beta2=float(rng.uniform(0.9, 0.9999)),
        eps=float(rng.choice([1e-8, 1e-6])),
    )


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("seed", SEEDS)
def test_training_with_an_optimizer_and_weight_decay_matches_torch(name: str, seed: int) -> None:
    net, X, Y, loss = random_problem(seed)
    optimizer = make(name, seed)
    weight_decay = 0.0 if seed < 2 else float(np.random.default_rng(seed).uniform(0.001, 0.1))
    batch_size = 1 + seed % 4
    epochs = -(-STEPS // -(-len(X) // batch_size))  # at least STEPS steps in all
    hyper = optimizer.hyperparameters()
    start = [W.copy() for W in net.weights]
    expected_W, expected_b = train_in_torch(
        net, X, Y, loss, name, hyper, weight_decay, batch_size, epochs
    )
    train_batches(net, X, Y, loss=loss, optimizer=optimizer, weight_decay=weight_decay,
                  batch_size=batch_size, epochs=epochs, shuffle=False, every=None)  # fmt: skip
    for ours, theirs in zip(net.weights + net.biases, expected_W + expected_b, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    # And the parameters moved: the comparison is not of two untouched starts.
    assert all(np.abs(W - W0).max() > 1e-3 for W, W0 in zip(net.weights, start, strict=True))


@pytest.mark.parametrize("seed", SEEDS)
def test_dropout_gradients_match_torch_with_the_same_masks(seed: int) -> None:
    net, X, Y, loss = random_problem(seed)
    rate = float(np.random.default_rng(seed).uniform(0.1, 0.7))
    masks_from = np.random.default_rng(50 + seed)
    replay = copy.deepcopy(masks_from)
    d_W, d_b = dropout_backprop(net, X, Y, LOSSES[loss], rate, masks_from)
    masks = [
        torch.tensor(dropout_mask((len(X), n), rate, replay)) for n in net.sizes[1:-1]
    ]  # drawn in the same order: first hidden layer first
    Ws = [torch.tensor(W, requires_grad=True) for W in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    outputs = torch_forward(net, Ws, bs, torch.tensor(X), masks)
    torch_loss(outputs, torch.tensor(Y), loss).backward()
    assert any((m == 0).any() for m in masks)  # some neuron was dropped
    for ours, theirs in zip(d_W + d_b, Ws + bs, strict=True):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), rtol=1e-12, atol=1e-14)
