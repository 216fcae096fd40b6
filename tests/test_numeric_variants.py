"""The machinery that reruns the docs under other numeric environments can catch a fragile output.

The sweep itself (``python -m tests.numeric_variants``) runs from ``.ci/run``:
it takes several processes and about 15 s. These tests check, in a second or
so, that its pieces do what it relies on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.numeric_variants import MACHINE_SETTINGS, STEERING, variants

ROOT = Path(__file__).resolve().parent.parent

# In a process with the noise plugin: what `math.exp`, `numpy.exp` and the package's
# sigmoid give, next to the true functions saved before the plugin was imported.
NOISY = """
import json, math, sys
import numpy as np
true_exp, true_np_exp = math.exp, np.exp
import tests.ulp_noise
from nn_from_scratch import sigmoid
xs = [i / 7 for i in range(-300, 300)]
print(json.dumps({
    "math": [[true_exp(x), math.exp(x), math.exp(x)] for x in xs],
    "numpy": [true_np_exp(np.array(xs)).tolist(), np.exp(np.array(xs)).tolist()],
    "sigmoid_minus_7": repr(sigmoid(-7)),
}))
"""


def noisy(seed: int) -> dict[str, object]:
    env = {**os.environ, "NN_ULP_NOISE": str(seed)}
    result = subprocess.run(
        [sys.executable, "-c", NOISY], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def ulps_apart(a: float, b: float) -> int:
    import numpy as np

    return abs(int(np.float64(a).view(np.int64)) - int(np.float64(b).view(np.int64)))


def test_noise_moves_results_by_at_most_one_unit_in_the_last_place_and_always_the_same() -> None:
    report = noisy(1)
    steps = [ulps_apart(true, first) for true, first, _ in report["math"]]  # type: ignore[union-attr]
    assert set(steps) == {0, 1}  # some moved, none by more than one unit
    assert all(first == again for _, first, again in report["math"])  # type: ignore[union-attr]
    true_np, noisy_np = report["numpy"]  # type: ignore[misc]
    assert {ulps_apart(a, b) for a, b in zip(true_np, noisy_np, strict=True)} == {0, 1}


def test_noise_reaches_the_package_and_changes_a_sixteen_digit_output() -> None:
    # Chapter 1 once showed sigmoid(-7) as 0.0009110511944006454: a digit that
    # depends on exp(7)'s last bit. The noise must be able to change it.
    shown = {noisy(seed)["sigmoid_minus_7"] for seed in (1, 2, 3)}
    assert shown - {"0.0009110511944006454"}


def test_the_variants_differ_in_blas_kernel_and_simd_level() -> None:
    native = {"PATH": "/bin", "OPENBLAS_CORETYPE": "Haswell"}
    chosen = variants(native, ["X86_V3", "X86_V4", "AVX512_ICL"])
    steered = chosen[:3]
    kernels = [env["OPENBLAS_CORETYPE"] for env in steered]
    assert len(set(kernels)) == len(kernels)
    assert "Haswell" not in kernels
    simd_off = [env.get("NPY_DISABLE_CPU_FEATURES", "") for env in steered]
    assert simd_off[:2] == ["X86_V3,X86_V4,AVX512_ICL", "X86_V4,AVX512_ICL"]
    assert len(set(simd_off)) == len(simd_off)
    # The noise runs keep the machine's own settings and change nothing else.
    for env in chosen:
        if "NN_ULP_NOISE" in env:
            assert {name: env[name] for name in env if name != "NN_ULP_NOISE"} == native
        else:
            assert set(env) - set(STEERING) == {"PATH"}


def test_on_a_processor_with_one_simd_level_nothing_is_switched_off_twice() -> None:
    steered = [env for env in variants({}, ["X86_V3"]) if "NN_ULP_NOISE" not in env]
    assert [env.get("NPY_DISABLE_CPU_FEATURES") for env in steered] == ["X86_V3", None, None, None]


def test_the_kernel_a_user_gets_runs_with_the_machines_settings_unset() -> None:
    # Issue 17: this machine sets OPENBLAS_CORETYPE; a user's does not, and on an
    # AVX-512 processor gets SkylakeX, whose fused multiply-add turned an overflow
    # into inf, not NaN. Both run beside the steered kernels, each in its own process.
    native = {"PATH": "/bin", "OPENBLAS_CORETYPE": "Haswell", "OPENBLAS_L2_SIZE": "524288"}
    with_avx512 = variants(native, ["X86_V3"], avx512=True)
    without = variants(native, ["X86_V3"], avx512=False)
    assert with_avx512[3:5] == [{"PATH": "/bin"}, {"PATH": "/bin", "OPENBLAS_CORETYPE": "SkylakeX"}]
    assert without[3:4] == [{"PATH": "/bin"}] and len(without) == len(with_avx512) - 1
    assert all(name not in env for env in with_avx512[:5] for name in MACHINE_SETTINGS[1:])
    assert all(env["OPENBLAS_L2_SIZE"] == "524288" for env in with_avx512 if "NN_ULP_NOISE" in env)
