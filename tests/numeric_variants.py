"""Run every docs block, docstring example and prose number under other numeric environments.

    python -m tests.numeric_variants

A number the site shows must be a property of the algorithm, not of the last
bit of a float. Two things decide those last bits on a given machine, and both
can be changed for one process by environment variables read at import time:

- OpenBLAS picks a matrix-multiplication kernel for the CPU
  (``OPENBLAS_CORETYPE`` chooses another, ``OPENBLAS_NUM_THREADS`` the threads);
- numpy picks SIMD code for ``exp``, ``tanh``, ``log`` ... for the CPU
  (``NPY_DISABLE_CPU_FEATURES`` turns the faster paths off).

A third, the C library's ``exp`` behind ``math.exp``, cannot be switched on one
machine; ``tests/ulp_noise.py`` stands in for another one by moving every
``exp``, ``log`` and ``tanh`` result by one unit in the last place.

Each variant below runs ``pytest docs README.md nn_from_scratch
tests/test_docs_prose.py tests/test_boundary.py`` in its own process, and every
shown output must match exactly, as in the normal run; the boundary tests check that an overflow is
refused under every kernel (it comes out NaN under some and inf under others).
The variants are chosen for this machine: numpy refuses to disable a feature it
does not dispatch here. Besides the steered ones, two run the kernel a user
gets: ``OPENBLAS_CORETYPE`` and ``OPENBLAS_L2_SIZE`` unset (some machines set
them), and ``OPENBLAS_CORETYPE=SkylakeX``, the kernel OpenBLAS picks on a
processor with AVX-512, where this one has it (else the sweep says it was not
run). Before the tests, each variant's process reports the BLAS kernel and SIMD
features it really got, so a variable that was silently ignored cannot pass for
a variant.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "docs",
    "README.md",
    "nn_from_scratch",
    "tests/test_docs_prose.py",
    "tests/test_boundary.py",
]
STEERING = (
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "NPY_DISABLE_CPU_FEATURES",
)
# What the machine may set that a user's machine does not: unset for the native kernel.
MACHINE_SETTINGS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

# What a process reports about its numeric environment: the BLAS kernel and
# threads (threadpoolctl), and which of numpy's dispatched SIMD targets it uses.
PROBE = """
import json, numpy, threadpoolctl
try:
    from numpy._core import _multiarray_umath as umath
except ImportError:  # numpy 1.x
    from numpy.core import _multiarray_umath as umath
blas = [p for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"][0]
print(json.dumps({
    "numpy": numpy.__version__,
    "blas": blas.get("architecture"),
    "threads": blas["num_threads"],
    "simd": [f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)],
    "avx512f": bool(umath.__cpu_features__.get("AVX512F")),
}))
"""


def has_avx512(native: dict[str, object]) -> tuple[bool, str]:
    """Whether this processor has AVX-512 (where OpenBLAS runs SkylakeX), and how that is known.

    /proc/cpuinfo's flags where there is one (Linux), else numpy's report of the CPU.
    """
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return bool(native["avx512f"]), "numpy's CPU features"
    flags = {
        flag for line in cpuinfo.splitlines() if line.startswith("flags") for flag in line.split()
    }
    return "avx512f" in flags, "/proc/cpuinfo"


def probe(env: dict[str, str]) -> dict[str, object]:
    """The numeric environment a new Python process gets with `env`; ImportWarnings fail."""
    result = subprocess.run(
        [sys.executable, "-W", "error::ImportWarning", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the probe failed in {_describe(env)}:\n{result.stderr}")
    report: dict[str, object] = json.loads(result.stdout)
    return report


def _describe(env: dict[str, str]) -> str:
    shown = [f"{name}={env[name]}" for name in (*STEERING, "NN_ULP_NOISE") if name in env]
    if "OPENBLAS_CORETYPE" not in env:
        shown.insert(0, "OPENBLAS_CORETYPE unset")
    return " ".join(shown)


def variants(
    native: dict[str, str], native_simd: list[str], *, avx512: bool = False
) -> list[dict[str, str]]:
    """Three environments that differ from each other in both the BLAS kernel and the
    SIMD level (as far as this CPU has levels), and from the native one in the BLAS
    kernel; then the kernel a user gets (`MACHINE_SETTINGS` unset) and, with `avx512`,
    SkylakeX; then three seeds of last-bit noise in the native environment."""
    base = {name: value for name, value in native.items() if name not in STEERING}
    users = {name: value for name, value in native.items() if name not in MACHINE_SETTINGS}
    lowest_only = native_simd[1:]  # keep the lowest dispatched level, drop those above
    chosen = [
        {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1"}
        | ({"NPY_DISABLE_CPU_FEATURES": ",".join(native_simd)} if native_simd else {}),
        {"OPENBLAS_CORETYPE": "Sandybridge", "OPENBLAS_NUM_THREADS": "2"}
        | ({"NPY_DISABLE_CPU_FEATURES": ",".join(lowest_only)} if lowest_only else {}),
        {"OPENBLAS_CORETYPE": "Nehalem", "OPENBLAS_NUM_THREADS": "1"},
    ]
    kernels = [users] + ([users | {"OPENBLAS_CORETYPE": "SkylakeX"}] if avx512 else [])
    noise = [native | {"NN_ULP_NOISE": str(seed)} for seed in (1, 2, 3)]
    return [base | variant for variant in chosen] + kernels + noise


def run(env: dict[str, str]) -> tuple[bool, str]:
    """Run the docs tests in `env`; the pass/fail and a one-line summary."""
    # One process each (-n 0): two variants already run side by side on two cores.
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *TESTS]
    if "NN_ULP_NOISE" in env:
        command[3:3] = ["-p", "tests.ulp_noise"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else result.stderr.strip()
    if result.returncode != 0:
        return False, f"{summary}\n{result.stdout}{result.stderr}"
    return True, f"{summary} ({seconds:.1f} s wall)"


def main() -> int:
    native_env = {name: value for name, value in os.environ.items() if name != "NN_ULP_NOISE"}
    native = probe(native_env)
    print(f"native: BLAS {native['blas']}, {native['threads']} threads, SIMD {native['simd']}")
    native_simd = list(native["simd"])  # type: ignore[call-overload]

    avx512, known_from = has_avx512(native)
    chosen = variants(native_env, native_simd, avx512=avx512)
    if not avx512:
        print(f"SkylakeX was NOT run: this CPU has no AVX-512 (avx512f, from {known_from})")
    failures = 0
    seen = []
    for env in chosen:
        report = probe(env)
        seen.append(report)
        disabled = env.get("NPY_DISABLE_CPU_FEATURES", "")
        still_on = [f for f in disabled.split(",") if f and f in report["simd"]]  # type: ignore[operator]
        if still_on:
            print(f"FAILED {_describe(env)}: numpy still uses {still_on}")
            failures += 1
        if env.get("OPENBLAS_CORETYPE") == "SkylakeX" and report["blas"] != "SkylakeX":
            print(f"FAILED {_describe(env)}: OpenBLAS runs {report['blas']}, not SkylakeX")
            failures += 1
    kernels = {str(report["blas"]) for report in seen[:3]} - {str(native["blas"])}
    levels = {tuple(report["simd"]) for report in seen[:3]}  # type: ignore[call-overload]
    print(f"variants reach {len(kernels)} BLAS kernels {sorted(kernels)} and")
    print(f"{len(levels)} SIMD levels {sorted(levels)}")
    if len(kernels) < 3:
        print("FAILED: fewer than three BLAS kernels other than the native one")
        failures += 1

    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores
        results = list(pool.map(run, chosen))
    for env, report, (passed, summary) in zip(chosen, seen, results, strict=True):
        where = f"BLAS {report['blas']}, {report['threads']} threads, SIMD {report['simd']}"
        print(f"{'ok    ' if passed else 'FAILED'} {_describe(env)} [{where}]: {summary}")
        failures += not passed
    if failures:
        print(f"numeric variants FAILED: {failures} problem(s) above")
    else:
        print(f"numeric variants: all {len(chosen)} gave the outputs the pages show")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
