#!/usr/bin/env python3
"""Times the Python face of care-outcomes against its peers on the same inputs, in one run.

Usage (from the repository root, in the venv that has care_outcomes built with
``maturin develop --release`` and the peers installed; see benches/python/README.md)::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/python/compare.py
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/python/compare.py \
        --write docs/benchmarks.md

What is compared (inputs are whole numbers drawn uniformly and independently per row with numpy's
PCG64 generator, seed 20261123; the same distributions as the criterion benches):

* **Wilson**, 1,000,000 rows, n in 50..=5000 and x in 0..=n, 95%:
  ``co.stats.proportion`` against statsmodels ``proportion_confint(method="wilson")`` and the
  plain numpy formula. Neither peer clamps or pins the ends (statsmodels gives about 1e-18 instead
  of 0 at x = 0, and both can give 1 + 1 ulp at x = n), so rows where our limit is exactly 0 are
  compared by absolute difference instead.
* **Exact Poisson**, 1,000,000 rows, counts in 0..=1000, populations in 1000..=200000, 95%:
  ``co.stats.rate(x, n, per=1, method="exact")`` against scipy ``chi2.ppf`` (½χ² limits) and scipy
  ``special.gammaincinv``/``gammainccinv``. The core caches the exact limits of integer counts
  below 4096 within one call, so at most 1001 count values are inverted here.
* **Exact Poisson, uncached**, 10,000 rows, counts in 4096..=1000000 (which the cache never holds):
  the same calls, timing the gamma-quantile inversion itself.
* **152 rows** (one per council), the first rows of the Wilson and Poisson inputs: the per-call
  overhead that dominates a typical indicator table.
* **PHStatsMethods** (slow, pandas row-wise), the first 10,000 rows of the Wilson inputs
  (``ph_proportion``) and of the Poisson inputs without zero counts (``ph_rate``, exact below 10
  and Byar from 10, as our default ``method="byar"``; it raises ValueError on a zero count).

Each timing is the best of several repeats (``time.perf_counter``). Every peer's limits are
checked against ours: the maximum relative difference is printed and must be <= 1e-9.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from statistics import NormalDist
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

SEED = 20261123
SMALL = 152  # one row per council with adult social services responsibilities in England
CONFIDENCE = 0.95
TOLERANCE = 1e-9
# Below this our limit is "exactly 0 by rule" and the peer's tiny non-zero value is compared by
# absolute difference (statsmodels gives ~3.5e-18 at x = 0).
ZERO_ABS_TOLERANCE = 1e-15

BEGIN = "<!-- compare.py:begin -->"
END = "<!-- compare.py:end -->"

Limits = Tuple[np.ndarray, np.ndarray]


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def proportion_inputs(rng: np.random.Generator, rows: int) -> Tuple[np.ndarray, np.ndarray]:
    """n uniform in 50..=5000, x uniform in 0..=n (whole numbers as float64)."""
    n = rng.integers(50, 5000, size=rows, endpoint=True)
    x = rng.integers(0, n, endpoint=True)
    return x.astype(np.float64), n.astype(np.float64)


def rate_inputs(
    rng: np.random.Generator, rows: int, lo: int, hi: int
) -> Tuple[np.ndarray, np.ndarray]:
    """count uniform in lo..=hi, population uniform in 1000..=200000."""
    x = rng.integers(lo, hi, size=rows, endpoint=True)
    n = rng.integers(1000, 200_000, size=rows, endpoint=True)
    return x.astype(np.float64), n.astype(np.float64)


# ------------------------------------------------------------------------------------------------
# Implementations: each returns (lower, upper) on the scale of its comparison
# ------------------------------------------------------------------------------------------------


def ours_proportion(co: Any) -> Callable[[np.ndarray, np.ndarray], Limits]:
    def run(x: np.ndarray, n: np.ndarray) -> Limits:
        est = co.stats.proportion(x, n, confidence=CONFIDENCE)
        return est.lower, est.upper

    return run


def ours_proportion_labels(co: Any) -> Callable[[np.ndarray, np.ndarray], Limits]:
    """Ours, also building the per-row object arrays of labels (``.method`` and ``.reason`` are
    decoded from one-byte codes on first access)."""

    def run(x: np.ndarray, n: np.ndarray) -> Limits:
        est = co.stats.proportion(x, n, confidence=CONFIDENCE)
        est.method, est.reason  # noqa: B018 -- the access builds them
        return est.lower, est.upper

    return run


def statsmodels_wilson(x: np.ndarray, n: np.ndarray) -> Limits:
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(x, n, alpha=1 - CONFIDENCE, method="wilson")
    return np.asarray(lo), np.asarray(hi)


def numpy_wilson(x: np.ndarray, n: np.ndarray) -> Limits:
    """The textbook "∓" form, unclamped (as the peers write it)."""
    z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)
    k = z * z
    centre = 2 * x + k
    root = z * np.sqrt(k + 4 * x * (n - x) / n)
    denom = 2 * (n + k)
    return (centre - root) / denom, (centre + root) / denom


def ours_rate_exact(co: Any) -> Callable[[np.ndarray, np.ndarray], Limits]:
    def run(x: np.ndarray, n: np.ndarray) -> Limits:
        est = co.stats.rate(x, n, per=1, confidence=CONFIDENCE, method="exact")
        return est.lower, est.upper

    return run


def scipy_chi2_exact(x: np.ndarray, n: np.ndarray) -> Limits:
    """½·χ² quantiles: lower χ²_{α/2}(2x)/2 (0 at x = 0), upper χ²_{1−α/2}(2x + 2)/2."""
    from scipy.stats import chi2

    tail = (1 - CONFIDENCE) / 2
    positive = x > 0
    lower = np.zeros_like(x)
    lower[positive] = chi2.ppf(tail, 2 * x[positive]) / 2
    upper = chi2.ppf(1 - tail, 2 * x + 2) / 2
    return lower / n, upper / n


def scipy_gammaincinv_exact(x: np.ndarray, n: np.ndarray) -> Limits:
    """The same limits from scipy's incomplete-gamma inverses (no distribution wrapper)."""
    from scipy.special import gammainccinv, gammaincinv

    tail = (1 - CONFIDENCE) / 2
    positive = x > 0
    lower = np.zeros_like(x)
    lower[positive] = gammaincinv(x[positive], tail)
    upper = gammainccinv(x + 1, tail)
    return lower / n, upper / n


def ours_rate_default(co: Any) -> Callable[[np.ndarray, np.ndarray], Limits]:
    def run(x: np.ndarray, n: np.ndarray) -> Limits:
        est = co.stats.rate(x, n, confidence=CONFIDENCE)  # per 100,000, exact below 10, Byar from 10
        return est.lower, est.upper

    return run


def ph_proportion(x: np.ndarray, n: np.ndarray) -> Limits:
    import pandas as pd
    from PHStatsMethods import ph_proportion as ph

    out = ph(pd.DataFrame({"x": x, "n": n}), "x", "n", metadata=False, confidence=CONFIDENCE)
    return out["lower_95_ci"].to_numpy(np.float64), out["upper_95_ci"].to_numpy(np.float64)


def ph_rate(x: np.ndarray, n: np.ndarray) -> Limits:
    import pandas as pd
    from PHStatsMethods import ph_rate as ph

    out = ph(pd.DataFrame({"x": x, "n": n}), "x", "n", metadata=False, confidence=CONFIDENCE)
    return out["lower_95_ci"].to_numpy(np.float64), out["upper_95_ci"].to_numpy(np.float64)


# ------------------------------------------------------------------------------------------------
# Timing and agreement
# ------------------------------------------------------------------------------------------------


def best_of(fn: Callable[[], Limits], repeats: int) -> Tuple[float, Limits]:
    best = float("inf")
    out: Optional[Limits] = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    assert out is not None
    return best, out


def max_rel_diff(ours: Limits, peer: Limits) -> Tuple[float, int, float]:
    """(max relative difference, rows where ours is exactly 0, max |peer| on those rows)."""
    worst = 0.0
    zero_rows = 0
    zero_abs = 0.0
    for a, b in zip(ours, peer):
        a = np.asarray(a, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        if a.shape != b.shape:
            raise AssertionError(f"shape {a.shape} vs {b.shape}")
        if np.isnan(a).any() or np.isnan(b).any():
            raise AssertionError("a limit is NaN")
        zero = a == 0.0
        zero_rows += int(zero.sum())
        if zero.any():
            zero_abs = max(zero_abs, float(np.abs(b[zero]).max()))
        nz = ~zero
        if nz.any():
            rel = np.abs(a[nz] - b[nz]) / np.abs(a[nz])
            worst = max(worst, float(rel.max()))
    return worst, zero_rows, zero_abs


@dataclass
class Row:
    case: str
    rows: int
    name: str
    seconds: float
    ours: bool
    rel_diff: Optional[float] = None
    note: str = ""


@dataclass
class Case:
    title: str
    rows: int
    ours: Callable[[np.ndarray, np.ndarray], Limits]
    peers: Sequence[Tuple[str, Callable[[np.ndarray, np.ndarray], Limits]]]
    inputs: Tuple[np.ndarray, np.ndarray]
    repeats: int
    results: List[Row] = field(default_factory=list)


def run_case(case: Case) -> None:
    x, n = case.inputs
    print(f"  {case.title}: {case.rows:,} rows", flush=True)
    t_ours, ours = best_of(lambda: case.ours(x, n), case.repeats)
    case.results.append(Row(case.title, case.rows, "care-outcomes (Python face)", t_ours, True))
    for name, fn in case.peers:
        t, peer = best_of(lambda: fn(x, n), case.repeats)
        rel, zero_rows, zero_abs = max_rel_diff(ours, peer)
        note = ""
        if zero_rows:
            note = f"{zero_rows} limits exactly 0 in ours; peer within {zero_abs:.1e} there"
            if zero_abs > ZERO_ABS_TOLERANCE:
                raise AssertionError(f"{case.title} / {name}: {note}")
        if not rel <= TOLERANCE:
            raise AssertionError(
                f"{case.title} / {name}: max relative difference {rel:.3e} > {TOLERANCE:.0e}"
            )
        case.results.append(Row(case.title, case.rows, name, t, False, rel, note))
        print(f"    {name}: {t * 1e3:.1f} ms (ours {t_ours * 1e3:.1f} ms), max rel diff {rel:.1e}")


# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------


def fmt_ms(s: float) -> str:
    ms = s * 1e3
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    return f"{ms:.3g}"


def table(cases: Sequence[Case]) -> str:
    lines = [
        "| comparison | rows | implementation | best time (ms) | rows/s | ours faster by | max rel. diff vs ours |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        ours = next(r for r in case.results if r.ours)
        for r in case.results:
            ratio = "—" if r.ours else f"{r.seconds / ours.seconds:.1f}×"
            diff = "—" if r.rel_diff is None else f"{r.rel_diff:.1e}"
            name = f"**{r.name}**" if r.ours else r.name
            lines.append(
                f"| {r.case} | {r.rows:,} | {name} | {fmt_ms(r.seconds)} | "
                f"{r.rows / r.seconds:,.0f} | {ratio} | {diff} |"
            )
    return "\n".join(lines)


def ratio(cases: Sequence[Case], title: str, peer: str) -> float:
    case = next(c for c in cases if c.title == title)
    ours = next(r for r in case.results if r.ours)
    other = next(r for r in case.results if r.name == peer)
    return other.seconds / ours.seconds


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    m = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return m.group(1).strip() if m else "unknown"


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def git_commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "core", "bindings-python"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        return head + (" (core/ or bindings-python/ modified in the work tree)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def elf_section_names(data: bytes) -> List[str]:
    """Section names of a little-endian ELF64 file (empty for anything else)."""
    import struct

    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if not shoff or shstrndx >= shnum:
        return []

    def header(i: int) -> Tuple[int, int, int]:
        base = shoff + i * shentsize
        name = struct.unpack_from("<I", data, base)[0]
        offset, size = struct.unpack_from("<QQ", data, base + 0x18)
        return name, offset, size

    _, str_off, str_size = header(shstrndx)
    table = data[str_off : str_off + str_size]
    names = []
    for i in range(shnum):
        name = header(i)[0]
        names.append(table[name : table.index(b"\0", name)].decode("ascii", "replace"))
    return names


def extension_build(co: Any) -> str:
    """'release' unless the extension has a .debug_info section (a `maturin develop` debug build;
    release builds strip debug info)."""
    ext = getattr(co.stats, "_ext", None)
    path = getattr(ext, "__file__", None)
    if not path:
        return "unknown"
    try:
        with open(path, "rb") as f:
            names = elf_section_names(f.read())
    except OSError:
        return "unknown"
    if not names:
        return "unknown"
    return "debug (timings not representative)" if ".debug_info" in names else "release"


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    parts = []
    for lib in threadpool_info():
        if lib.get("user_api") == "blas":
            parts.append(
                f"{lib.get('internal_api')} {lib.get('version')} kernel {lib.get('architecture')}"
            )
    return "; ".join(parts) or "no BLAS loaded"


def environment(co: Any, root: Path) -> Dict[str, str]:
    openblas = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{len(os.sched_getaffinity(0))} cores (nproc), {cpu_model()}, "
        f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(
            f"{d} {version(d)}"
            for d in ("care-outcomes", "numpy", "scipy", "statsmodels", "pandas", "PHStatsMethods")
        ),
        "care-outcomes build": f"{extension_build(co)}, commit {git_commit(root)}",
        "BLAS": blas_info(),
        "OpenBLAS variables": ", ".join(
            f"{k}={'unset' if v is None else v}" for k, v in openblas.items()
        ),
    }


def report(cases: Sequence[Case], env: Dict[str, str], command: str) -> str:
    wilson = ratio(cases, "Wilson", "statsmodels proportion_confint")
    exact = ratio(cases, "Exact Poisson", "scipy chi2.ppf")
    met = lambda r: "met" if r >= 5 else "**not met**"  # noqa: E731
    out = [
        f"Command: `{command}`",
        "",
        *(f"* {k}: {v}" for k, v in env.items()),
        "",
        table(cases),
        "",
        "Targets (issue): Wilson ≥ 5× faster than statsmodels, exact Poisson ≥ 5× faster than scipy "
        "on 1M rows.",
        "",
        f"* Wilson vs statsmodels: {wilson:.1f}× — {met(wilson)}",
        f"* Exact Poisson vs scipy chi2.ppf: {exact:.1f}× — {met(exact)}",
        "",
        "\"ours faster by\" is the peer's time over ours (below 1× the peer is faster). Times "
        "include everything a caller pays: for ours the conversion of the numpy inputs, the Rust "
        "batch and the building of the result object (value, lower and upper columns and the "
        "per-row method and reason as one-byte codes; the object arrays of labels behind "
        "`.method` and `.reason` are built on first access, timed separately in the row "
        "\"care-outcomes, reading .method and .reason too\"); for the peers their whole public "
        "call. Relative differences are over both "
        "limits of every row; where our limit is exactly 0 by rule (x = 0) the peer is checked "
        f"by absolute difference (≤ {ZERO_ABS_TOLERANCE:.0e}) instead.",
    ]
    return "\n".join(out)


def write_section(path: Path, body: str) -> None:
    section = f"{BEGIN}\n{body}\n{END}"
    if path.exists():
        text = path.read_text()
        if BEGIN in text and END in text:
            start = text.index(BEGIN)
            end = text.index(END) + len(END)
            text = text[:start] + section + text[end:]
        else:
            text = text.rstrip("\n") + "\n\n## Python face against its peers\n\n" + section + "\n"
    else:
        text = (
            "# Benchmarks\n\n## Python face against its peers\n\n"
            "Written by `benches/python/compare.py --write`.\n\n" + section + "\n"
        )
    path.write_text(text)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows of the fast comparisons")
    ap.add_argument("--ph-rows", type=int, default=10_000, help="rows of the PHStatsMethods ones")
    ap.add_argument("--uncached-rows", type=int, default=10_000, help="rows of the uncached one")
    ap.add_argument("--repeats", type=int, default=5, help="repeats of the fast comparisons")
    ap.add_argument("--slow-repeats", type=int, default=3, help="repeats of the slow ones")
    ap.add_argument("--small-repeats", type=int, default=200, help="repeats of the 152-row ones")
    ap.add_argument("--write", type=Path, help="also write the report into this Markdown file")
    args = ap.parse_args(argv)

    import care_outcomes as co

    build_at_import = extension_build(co)  # the module loaded now is the one timed
    root = Path(__file__).resolve().parents[2]
    rng = np.random.default_rng(SEED)
    px, pn = proportion_inputs(rng, args.rows)
    rx, rn = rate_inputs(rng, args.rows, 0, 1000)
    ux, un = rate_inputs(rng, args.uncached_rows, 4096, 1_000_000)
    k = args.ph_rows
    keep = rx[:k] > 0  # PHStatsMethods raises ValueError on a zero count
    phx, phn = rx[:k][keep], rn[:k][keep]

    cases = [
        Case(
            "Wilson", args.rows, ours_proportion(co),
            [
                ("statsmodels proportion_confint", statsmodels_wilson),
                ("numpy formula", numpy_wilson),
                ("care-outcomes, reading .method and .reason too", ours_proportion_labels(co)),
            ],
            (px, pn), args.repeats,
        ),
        Case(
            "Exact Poisson", args.rows, ours_rate_exact(co),
            [("scipy chi2.ppf", scipy_chi2_exact), ("scipy gammaincinv", scipy_gammaincinv_exact)],
            (rx, rn), args.repeats,
        ),
        Case(
            "Exact Poisson, uncached counts", args.uncached_rows, ours_rate_exact(co),
            [("scipy chi2.ppf", scipy_chi2_exact), ("scipy gammaincinv", scipy_gammaincinv_exact)],
            (ux, un), args.slow_repeats,
        ),
        Case(
            "Wilson, 152 rows", SMALL, ours_proportion(co),
            [("statsmodels proportion_confint", statsmodels_wilson), ("numpy formula", numpy_wilson)],
            (px[:SMALL], pn[:SMALL]), args.small_repeats,
        ),
        Case(
            "Exact Poisson, 152 rows", SMALL, ours_rate_exact(co),
            [("scipy chi2.ppf", scipy_chi2_exact), ("scipy gammaincinv", scipy_gammaincinv_exact)],
            (rx[:SMALL], rn[:SMALL]), args.small_repeats,
        ),
        Case(
            "Wilson (PHStatsMethods)", k, ours_proportion(co),
            [("PHStatsMethods ph_proportion", ph_proportion)],
            (px[:k], pn[:k]), args.slow_repeats,
        ),
        Case(
            "Rate, exact < 10, Byar ≥ 10 (PHStatsMethods)", len(phx), ours_rate_default(co),
            [("PHStatsMethods ph_rate", ph_rate)],
            (phx, phn), args.slow_repeats,
        ),
    ]  # fmt: skip

    print("care-outcomes against its peers", flush=True)
    for case in cases:
        run_case(case)

    env = environment(co, root)
    if extension_build(co) != build_at_import:
        env["care-outcomes build"] += (
            f" (replaced during the run; the timed one was {build_at_import})"
        )
    command = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    body = report(cases, env, command)
    print()
    print(body)
    if args.write:
        write_section(args.write, body)
        print(f"\nwrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
