"""co.records.derive on the same synthetic extract handed over four ways: a CSV path (the core
reads the file), a pyarrow Table and a polars DataFrame (imported through the Arrow PyCapsule
interface and read in place), and the string-column path the Python face used before (every
cell turned into a Python str, then copied into Rust). Derivations are checked equal; times are
the median of `repeats` runs of derive alone (the tables are loaded once, outside the timing).

    .venv/bin/python benches/python/records_arrow.py [rows] [repeats] [mode]

`mode` (csv, pyarrow, polars or strings) runs one way only and loads only the table it needs, so
`/usr/bin/time -v` gives that way's peak memory.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

import care_outcomes as co
from care_outcomes import _care_outcomes as _ext


def _median(f: Callable[[], Any], repeats: int) -> "tuple[float, Any]":
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _memory(key: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process in MB, from /proc (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover
        pass
    return float("nan")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    only = sys.argv[3] if len(sys.argv) > 3 else None
    path = os.path.join(tempfile.gettempdir(), f"cld-arrow-bench-{rows}.csv")
    co.records.synthetic(events=rows, seed=1, path=path)
    table = pacsv.read_csv(path) if only in (None, "pyarrow", "strings") else None
    # The start dates include impossible ones (rejected rows): strings there, the rest typed.
    frame = (
        pl.read_csv(path, try_parse_dates=True, schema_overrides={"event_start_date": pl.String})
        if only in (None, "polars")
        else None
    )
    print(f"{rows} events, {os.path.getsize(path) / 1e6:.0f} MB CSV")
    print(f"resident after loading the tables: {_memory('VmRSS'):.0f} MB")
    if table is not None:
        print("pyarrow schema:", ", ".join(f"{f.name}:{f.type}" for f in table.schema))

    def old_string_columns() -> Dict[str, Any]:
        # What co.records.derive did for a table before the Arrow import: cast every column to
        # strings, turn it into a Python list and copy that into Rust.
        names: List[str] = []
        cols: List[List[Optional[str]]] = []
        assert table is not None
        for name, column in zip(table.column_names, table.columns):
            names.append(name)
            cols.append(column.cast(pa.string()).to_pylist())
        raw = _ext.records_derive_columns(
            names, cols, "2024-25", "2024-25", "{}", None, None, None, None
        )
        return co.records.Derivation(__import__("json").loads(raw)).to_dict()

    every = {
        "csv": ("CSV path", lambda: co.records.derive(path, period="2024-25").to_dict()),
        "pyarrow": (
            "pyarrow Table (Arrow import)",
            lambda: co.records.derive(table, period="2024-25").to_dict(),
        ),
        "polars": (
            "polars DataFrame (Arrow import)",
            lambda: co.records.derive(frame, period="2024-25").to_dict(),
        ),
        "strings": ("string columns (old table path)", old_string_columns),
    }
    runs = dict(v for k, v in every.items() if only in (None, k))
    results: Dict[str, Any] = {}
    for name, f in runs.items():
        seconds, out = _median(f, repeats)
        results[name] = out
        print(f"{name:34s} {seconds:7.3f} s  ({rows / seconds / 1e6:.2f}M rows/s)")
    print(f"peak resident: {_memory('VmHWM'):.0f} MB")
    first = next(iter(results.values()))
    assert all(r == first for r in results.values()), "derivations differ"
    print("derivations equal; ledger:", {k: first["ledger"][k] for k in ("read", "used")})
    os.remove(path)


if __name__ == "__main__":
    main()
