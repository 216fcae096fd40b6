"""scikit-learn's MLPClassifier set up as plain mini-batch SGD, the package's algorithm.

Both benchmarks that compare with scikit-learn train it this way: no momentum, no
weight penalty, a constant learning rate, and every epoch run (no early stop), so
that the two do the same work and only the speed of doing it differs.
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
    """An MLPClassifier trained for exactly `epochs` epochs: (the model, seconds to fit)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=hidden,
        activation=activation,
        solver="sgd",
        alpha=0.0,
        batch_size=batch_size,
        learning_rate="constant",
        learning_rate_init=learn_rate,
        momentum=0.0,
        nesterovs_momentum=False,
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
