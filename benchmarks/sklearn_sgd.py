"""scikit-learn's MLPClassifier set up to train as the package does: plain mini-batch SGD, or Adam.

The benchmarks that compare with scikit-learn train it this way: no weight
penalty, the same update rule as the package's, and every epoch run (no early
stop), so that the two do the same work and only the speed of doing it differs.
"""

from __future__ import annotations

import time
import warnings
from typing import Any

import numpy as np


def fit_plain_sgd(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    hidden: tuple[int, ...],
    activation: str,
    batch_size: int,
    learn_rate: float,
    epochs: int,
) -> tuple[Any, float]:
    """Plain SGD (no momentum, a constant rate) for exactly `epochs` epochs: (model, seconds)."""
    return fit_every_epoch(
        X,
        Y,
        epochs,
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        batch_size=batch_size,
        learning_rate="constant",
        learning_rate_init=learn_rate,
        momentum=0.0,
        nesterovs_momentum=False,
    )


def fit_adam(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    hidden: tuple[int, ...],
    activation: str,
    batch_size: int,
    learn_rate: float,
    beta1: float,
    beta2: float,
    eps: float,
    epochs: int,
) -> tuple[Any, float]:
    """Adam for exactly `epochs` epochs: (model, seconds)."""
    return fit_every_epoch(
        X,
        Y,
        epochs,
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="adam",
        batch_size=batch_size,
        learning_rate_init=learn_rate,
        beta_1=beta1,
        beta_2=beta2,
        epsilon=eps,
    )


def fit_every_epoch(
    X: np.ndarray, Y: np.ndarray, epochs: int, **settings: Any
) -> tuple[Any, float]:
    """An MLPClassifier with `settings`, no weight penalty, trained for exactly `epochs` epochs."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        **settings,
        alpha=0.0,
        max_iter=epochs,
        shuffle=True,
        random_state=0,
        tol=0.0,
        n_iter_no_change=epochs + 1,  # never stop early: run every epoch
        early_stopping=False,
    )
    with warnings.catch_warnings():
        # It warns that max_iter was reached "without converging": that is the plan.
        warnings.simplefilter("ignore", ConvergenceWarning)
        began = time.perf_counter()
        model.fit(X, Y)
        took = time.perf_counter() - began
    if model.n_iter_ != epochs:
        raise RuntimeError(f"scikit-learn ran {model.n_iter_} epochs, not {epochs}")
    return model, took
