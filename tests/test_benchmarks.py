"""The benchmark scripts run and report what they should: smoke tests, never timed.

Each script runs with ``--quick --repeats 1`` in a subprocess, as a reader would
run it. Only the shape of the report is checked: the numbers come from a noisy
machine, so no test compares a time or a ratio with anything. The competitors
(scikit-learn, PyTorch) are optional, so the scripts that use them are also run
with both made unimportable, where each must say so and carry on.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nn_from_scratch import Adam

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
HINT = "(pip install -e '.[bench]')"


def run_quick(script: str, env: dict[str, str] | None = None) -> str:
    """The script's output with --quick --repeats 1; fails the test if it does not exit 0."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--quick", "--repeats", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_seed_training_checks_agreement_then_reports_a_ratio() -> None:
    output = run_quick("seed_training.py")
    assert "machine: " in output
    assert f"numpy {np.__version__}" in output
    assert "parameters agree: after 1000 epochs the nine parameters differ by at most" in output
    assert "seed's code (numpy scalars):" in output
    assert "package train (Python floats):" in output
    assert "ratio: package train is " in output
    assert "target: at least 5x" in output


def test_seed_training_refuses_a_repeat_count_below_one() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "seed_training.py"), "--repeats", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--repeats must be at least 1" in result.stderr


def expect_competitor(output: str, module: str, package: str, name: str) -> None:
    """Either the competitor's rows and ratios, or the skip message."""
    if importlib.util.find_spec(module) is None:
        assert f"skipped: {package} not installed {HINT}" in output
        assert f"ratio nn_from_scratch / {name}: skipped" in output
    else:
        assert f"\n  {name} " in output  # its row in both tables
        assert output.count(f"ratio nn_from_scratch / {name}: ") == 2
        assert f"ratio nn_from_scratch / {name}: skipped" not in output


def expect_common_report(output: str) -> None:
    for line_start in (
        "machine: ",
        "  OPENBLAS_CORETYPE: ",
        "  OPENBLAS_L2_SIZE: ",
        "(a) small: 2-64-1, sigmoid hidden, sigmoid output, BCE, batch 32",
        "(b) wide: ",
        "  nn_from_scratch ",
        "  numpy matmul ",
        "  achieved: ",
    ):
        assert f"\n{line_start}" in "\n" + output, f"no line starting {line_start!r}"
    assert "% of the measured peak (target: at least 60%" in output
    assert "(target: at least 2.5x" in output or "scikit-learn: skipped" in output
    assert "(target: at least 5x" in output or "PyTorch: skipped" in output


def test_mlp_throughput_reports_both_networks() -> None:
    output = run_quick("mlp_throughput.py")
    expect_common_report(output)
    expect_competitor(output, "sklearn", "scikit-learn", "scikit-learn")
    expect_competitor(output, "torch", "torch", "PyTorch")


@pytest.fixture
def without_competitors(tmp_path: Path) -> dict[str, str]:
    """An environment in which `import sklearn` and `import torch` fail."""
    for module in ("sklearn", "torch"):
        (tmp_path / module).mkdir()
        (tmp_path / module / "__init__.py").write_text(
            f"raise ImportError('{module} is hidden by tests/test_benchmarks.py')\n"
        )
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def test_mlp_throughput_skips_missing_competitors(without_competitors: dict[str, str]) -> None:
    output = run_quick("mlp_throughput.py", env=without_competitors)
    expect_common_report(output)
    assert f"skipped: scikit-learn not installed {HINT}" in output
    assert f"skipped: torch not installed {HINT}" in output
    assert output.count("ratio nn_from_scratch / scikit-learn: skipped") == 2
    assert output.count("ratio nn_from_scratch / PyTorch: skipped") == 2


DIGITS_WORK = {
    "digits.py": "plain SGD at 1.0",
    "digits_adam.py": "Adam (learn rate 0.001, beta1 0.9, beta2 0.999, eps 1e-08)",
}


def expect_digits_report(output: str, script: str) -> None:
    for line_start in (
        "machine: ",
        "python ",
        f"work: 64-32-10, tanh hidden, softmax output, cross-entropy, {DIGITS_WORK[script]}, "
        "batches of 32, 5 epochs, on 1347 training digits; accuracy on 450 test digits",
        "  implementation ",
        "  nn_from_scratch ",
        "  (median of 1 interleaved runs each)",
    ):
        assert f"\n{line_start}" in "\n" + output, f"no line starting {line_start!r}"
    assert " of 450) " in output  # an accuracy, as a count of the test digits


def test_digits_reports_accuracy_and_time_side_by_side() -> None:
    output = run_quick("digits.py")
    expect_digits_report(output, "digits.py")
    if importlib.util.find_spec("sklearn") is None:
        assert f"skipped: scikit-learn not installed {HINT}" in output
    else:
        assert "\n  scikit-learn " in output
        assert output.count(" of 450) ") == 2
        assert "ratio nn_from_scratch / scikit-learn: nn_from_scratch trains " in output


def test_digits_adam_checks_both_learned_alike_then_reports_a_ratio() -> None:
    output = run_quick("digits_adam.py")
    expect_digits_report(output, "digits_adam.py")
    if importlib.util.find_spec("sklearn") is None:
        assert f"skipped: scikit-learn not installed {HINT}" in output
    else:
        assert "MLPClassifier(solver='adam')" in output
        # The check trains both for the full 30 epochs, even with --quick.
        assert "\nlearned alike: after 30 epochs, loss on the training digits " in output
        assert "\n  scikit-learn " in output
        assert output.count(" of 450) ") == 2
        assert "ratio nn_from_scratch / scikit-learn: nn_from_scratch trains " in output
        assert "(target: at least 1x: " in output


def test_digits_adam_runs_both_libraries_at_their_defaults() -> None:
    # docs/performance.md: "the settings both libraries start from".
    ours = {"learn_rate": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert Adam().hyperparameters() == ours
    if importlib.util.find_spec("sklearn") is not None:
        from sklearn.neural_network import MLPClassifier

        settings = MLPClassifier().get_params()
        theirs = {"learning_rate_init": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8}
        assert {name: settings[name] for name in theirs} == theirs


@pytest.mark.parametrize("script", list(DIGITS_WORK))
def test_digits_skips_a_missing_scikit_learn(
    script: str, without_competitors: dict[str, str]
) -> None:
    output = run_quick(script, env=without_competitors)
    expect_digits_report(output, script)
    assert f"skipped: scikit-learn not installed {HINT}" in output
    assert f"ratio nn_from_scratch / scikit-learn: skipped: scikit-learn not installed {HINT}" in (
        output
    )
    assert "\n  scikit-learn " not in output
    assert "learned alike" not in output


def test_convolution_checks_agreement_then_reports_a_ratio_and_the_cnn() -> None:
    output = run_quick("convolution.py")
    for line_start in (
        "machine: ",
        f"python {sys.version.split()[0]}, numpy {np.__version__}",
        "convolution: 20 digits of 8x8, 8 kernels of 3x3, stride 1: 8 maps of 6x6 per digit",
        "same numbers: the largest difference is ",
        "  convolve_loops   median ",
        "  convolve         median ",
        "ratio: convolve (im2col) is ",
        "cnn: ConvNet.random (conv 8x3x3, ReLU, 2x2 max pool, dense to 10, softmax), Adam "
        "(learn rate 0.03), batches of 32, 2 epochs, on 1347 training digits; accuracy on 450 "
        "test digits",
        "  training         median ",
        "  test accuracy    ",
        "  target: under 30 s: ",
    ):
        assert f"\n{line_start}" in "\n" + output, f"no line starting {line_start!r}"
    assert "x faster than convolve_loops (target: at least 10x: " in output
    assert " of 450)" in output  # the accuracy, as a count of the test digits
