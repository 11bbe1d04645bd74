#!/usr/bin/env python3
"""Check that the Rust, Python and JS faces produced bit-identical outputs for every stats vector.

Each suite writes target/vectors/<face>.jsonl (one object per case: id, value, lower, upper,
reason, label; JSON null for null). Numbers are written as shortest round-trip decimals, so parsing
them back gives the exact f64 each face computed; this compares those bits.

    python3 vectors/compare_faces.py [rust python js]
"""
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIELDS = ("value", "lower", "upper", "reason", "label")


def load(face):
    path = ROOT / "target" / "vectors" / f"{face}.jsonl"
    if not path.exists():
        raise SystemExit(f"missing {path}: run the {face} test suite first")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return struct.pack("<d", float(a)) == struct.pack("<d", float(b))
    return a == b


def main():
    faces = sys.argv[1:] or ["rust", "python", "js"]
    outputs = {f: load(f) for f in faces}
    base = faces[0]
    cases = expected_cases()
    passed = failed = 0
    for face in faces:
        if len(outputs[face]) != cases:
            print(f"{face}: {len(outputs[face])} rows, expected {cases}")
            failed += 1
    for i, row in enumerate(outputs[base]):
        ok = True
        for face in faces[1:]:
            other = outputs[face][i] if i < len(outputs[face]) else {}
            if other.get("id") != row["id"]:
                print(f"row {i}: id {row['id']} ({base}) vs {other.get('id')} ({face})")
                ok = False
                continue
            for field in FIELDS:
                if not same(row.get(field), other.get(field)):
                    print(f"{row['id']} {field}: {base}={row.get(field)!r} {face}={other.get(field)!r}")
                    ok = False
        passed += ok
        failed += not ok
    print(f"bit-identical across {', '.join(faces)}: {passed} passed, {failed} failed")
    return 1 if failed else 0


def expected_cases():
    doc = json.loads((ROOT / "vectors" / "stats-cases.json").read_text())
    return len(doc["cases"])


if __name__ == "__main__":
    sys.exit(main())
