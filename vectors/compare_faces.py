#!/usr/bin/env python3
"""Check that the Rust, Python and JS faces produced bit-identical outputs for every stats vector
and every evaluate result row.

Each suite writes target/vectors/<face>.jsonl (one object per case: id, value, lower, upper,
reason, label; JSON null for null) and target/vectors/evaluate-<face>.jsonl (one object per result
row of vectors/evaluate-cases.json: case, row and the row's fields, snake_case). Numbers are
written as shortest round-trip decimals, so parsing them back gives the exact f64 each face
computed; this compares those bits. A null is only the same as a null (a count measure's
denominator is null in every face, never 0).

    python3 vectors/compare_faces.py [rust python js]
"""
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIELDS = ("value", "lower", "upper", "reason", "label")


def load(face, prefix=""):
    path = ROOT / "target" / "vectors" / f"{prefix}{face}.jsonl"
    if not path.exists():
        raise SystemExit(f"missing {path}: run the {face} test suite first")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return struct.pack("<d", float(a)) == struct.pack("<d", float(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def compare_evaluate(faces):
    """Every evaluate result row, field by field; returns (passed, failed)."""
    outputs = {f: load(f, "evaluate-") for f in faces}
    doc = json.loads((ROOT / "vectors" / "evaluate-cases.json").read_text())
    rows = sum(len(c["expected"]) for c in doc["cases"])
    base = faces[0]
    passed = failed = 0
    for face in faces:
        if len(outputs[face]) != rows:
            print(f"evaluate {face}: {len(outputs[face])} rows, expected {rows}")
            failed += 1
    for i, row in enumerate(outputs[base]):
        ok = True
        for face in faces[1:]:
            other = outputs[face][i] if i < len(outputs[face]) else {}
            if (other.get("case"), other.get("row")) != (row["case"], row["row"]):
                print(f"evaluate row {i}: {row['case']}#{row['row']} ({base}) vs "
                      f"{other.get('case')}#{other.get('row')} ({face})")
                ok = False
                continue
            mine, theirs = row["result"], other["result"]
            for field in sorted(set(mine) | set(theirs)):
                if field not in mine or field not in theirs or not same(mine[field], theirs[field]):
                    print(f"evaluate {row['case']}#{row['row']} {field}: {base}={mine.get(field, '<absent>')!r} "
                          f"{face}={theirs.get(field, '<absent>')!r}")
                    ok = False
        passed += ok
        failed += not ok
    return passed, failed


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
    ev_passed, ev_failed = compare_evaluate(faces)
    print(f"evaluate rows identical across {', '.join(faces)}: {ev_passed} passed, {ev_failed} failed")
    return 1 if failed or ev_failed else 0


def expected_cases():
    doc = json.loads((ROOT / "vectors" / "stats-cases.json").read_text())
    return len(doc["cases"])


if __name__ == "__main__":
    sys.exit(main())
