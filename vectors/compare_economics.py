#!/usr/bin/env python3
"""Check that the Rust, Python and JS faces produced bit-identical economics outputs: every case of
roi-cases.json plus a fixed seeded Monte Carlo run (MC-ROI03).

Each suite writes target/vectors/economics-<face>.jsonl (one object per case: id and outputs by
name, numbers or lists of numbers, as shortest round-trip decimals); this compares the f64 bits.

    python3 vectors/compare_economics.py [rust python js]
"""
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load(face):
    path = ROOT / "target" / "vectors" / f"economics-{face}.jsonl"
    if not path.exists():
        raise SystemExit(f"missing {path}: run the {face} test suite first")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def bits(v):
    if isinstance(v, list):
        return [bits(x) for x in v]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return struct.pack("<d", float(v))
    return v


def main():
    faces = sys.argv[1:] or ["rust", "python", "js"]
    outputs = {f: load(f) for f in faces}
    expected = len(json.loads((ROOT / "vectors" / "roi-cases.json").read_text())["cases"]) + 1
    passed = failed = 0
    for face in faces:
        if len(outputs[face]) != expected:
            print(f"{face}: {len(outputs[face])} rows, expected {expected}")
            failed += 1
    base = faces[0]
    for i, row in enumerate(outputs[base]):
        ok = True
        for face in faces[1:]:
            other = outputs[face][i] if i < len(outputs[face]) else {}
            if other.get("id") != row["id"]:
                print(f"row {i}: id {row['id']} ({base}) vs {other.get('id')} ({face})")
                ok = False
                continue
            if set(other["outputs"]) != set(row["outputs"]):
                print(f"{row['id']}: outputs {sorted(row['outputs'])} vs {sorted(other['outputs'])}")
                ok = False
                continue
            for name, value in row["outputs"].items():
                if bits(value) != bits(other["outputs"][name]):
                    print(f"{row['id']} {name}: {base}={value!r} {face}={other['outputs'][name]!r}")
                    ok = False
        passed += ok
        failed += not ok
    print(f"economics bit-identical across {', '.join(faces)}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
