"""Chapter 9: make_moons, checked against the circles it is defined by."""

import numpy as np
import pytest

from nn_from_scratch import MatrixNetwork, make_moons, train_batches


@pytest.mark.parametrize("n_samples", [2, 3, 10, 201, 400])
def test_shapes_and_balanced_labels(n_samples: int) -> None:
    X, y = make_moons(n_samples, noise=0.1, rng=0)
    assert X.shape == (n_samples, 2)
    assert y.shape == (n_samples,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert set(y.tolist()) == {0.0, 1.0}
    # Odd n: class 0 gets the extra point, e.g. 201 -> 101 and 100.
    assert (y == 0).sum() == n_samples - n_samples // 2
    assert (y == 1).sum() == n_samples // 2


@pytest.mark.parametrize("n_samples", [6, 51, 400])
def test_without_noise_the_points_lie_on_the_two_half_circles(n_samples: int) -> None:
    X, y = make_moons(n_samples, noise=0.0, rng=3)
    upper, lower = X[y == 0], X[y == 1]
    # class 0: (cos t, sin t), t in [0, pi] -> x**2 + y**2 = 1 with y >= 0
    np.testing.assert_allclose(upper[:, 0] ** 2 + upper[:, 1] ** 2, 1.0, rtol=0, atol=1e-12)
    assert (upper[:, 1] >= -1e-12).all()
    # class 1: (1 - cos t, 0.5 - sin t) -> (x - 1)**2 + (y - 0.5)**2 = 1 with y <= 0.5
    np.testing.assert_allclose(
        (lower[:, 0] - 1) ** 2 + (lower[:, 1] - 0.5) ** 2, 1.0, rtol=0, atol=1e-12
    )
    assert (lower[:, 1] <= 0.5 + 1e-12).all()
    # The half circles are covered end to end: x spans [-1, 1] and [0, 2].
    assert upper[:, 0].min() == pytest.approx(-1) and upper[:, 0].max() == pytest.approx(1)
    assert lower[:, 0].min() == pytest.approx(0) and lower[:, 0].max() == pytest.approx(2)


def test_the_noise_is_normal_with_the_given_standard_deviation() -> None:
    # The distance from the circle's centre moves (to first order) by the noise's
    # component along the radius: normal, with the same standard deviation.
    X, y = make_moons(20000, noise=0.05, rng=1)
    radius = np.hypot(X[y == 0, 0], X[y == 0, 1])
    assert np.std(radius - 1) == pytest.approx(0.05, rel=0.05)
    assert abs(np.mean(radius - 1)) < 0.005


def test_the_same_seed_gives_the_same_data() -> None:
    X1, y1 = make_moons(100, noise=0.2, rng=5)
    X2, y2 = make_moons(100, noise=0.2, rng=5)
    X3, y3 = make_moons(100, noise=0.2, rng=np.random.default_rng(5))
    X4, _ = make_moons(100, noise=0.2, rng=6)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert np.array_equal(X1, X3) and np.array_equal(y1, y3)
    assert not np.array_equal(X1, X4)


def test_without_noise_the_seed_only_shuffles() -> None:
    (X1, y1), (X2, y2) = make_moons(30, noise=0.0, rng=1), make_moons(30, noise=0.0, rng=2)
    assert not np.array_equal(X1, X2)
    rows1 = sorted(zip(X1.tolist(), y1.tolist(), strict=True))
    rows2 = sorted(zip(X2.tolist(), y2.tolist(), strict=True))
    assert rows1 == rows2


def test_no_straight_line_separates_the_moons() -> None:
    # The best least-squares line, sign(w . [x, y, 1]) against labels -1 / +1.
    X, y = make_moons(400, noise=0.1, rng=0)
    A = np.column_stack([X, np.ones(len(X))])
    w = np.linalg.lstsq(A, 2 * y - 1, rcond=None)[0]
    accuracy = np.mean((A @ w > 0) == (y == 1))
    assert 0.6 < accuracy < 0.95


def test_a_small_network_separates_them() -> None:
    X, y = make_moons(400, noise=0.1, rng=0)
    net = MatrixNetwork.random([2, 16, 1], ["tanh", "sigmoid"], rng=0)
    history = train_batches(net, X, y, loss="bce", learn_rate=0.5, epochs=100, batch_size=16, rng=0)
    assert history[-1] < history[0]
    assert np.mean((net.forward(X)[:, 0] > 0.5) == (y == 1)) > 0.95
    X_new, y_new = make_moons(400, noise=0.1, rng=1)  # points it has never seen
    assert np.mean((net.forward(X_new)[:, 0] > 0.5) == (y_new == 1)) > 0.95
