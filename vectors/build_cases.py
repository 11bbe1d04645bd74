#!/usr/bin/env python3
"""Turn stats-vectors.csv (a copy of ../shared/reference/stats-vectors.csv) into stats-cases.json:
one case per row, with explicit inputs for the public API of every face and the expected values
chosen by the conformance rule of spec-statistics.md §5.3 (ref_* where present, else the
row's own exact columns). Standard library only; run from anywhere:

    python3 vectors/build_cases.py

The Rust, Python and JS suites all read stats-cases.json and each writes the bits of its outputs
to target/vectors/<face>.jsonl, which vectors/compare_faces.py checks are identical.
"""
import csv
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
ESP_BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
             "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]


def num(s):
    s = s.strip()
    if s == "" or s == "NA":
        return None
    return float(s)


def parse_other(text):
    """'notes; k=v | k=1;2;NA | ...' -> dict of lists / scalars / strings."""
    out = {}
    for seg in text.split(" | "):
        for part in seg.split("; "):
            if "=" not in part:
                continue
            k, v = part.split("=", 1)
            k = k.strip()
            items = v.split(";")
            try:
                vals = [num(x) for x in items]
                out[k] = vals if len(vals) > 1 else vals[0]
            except ValueError:
                out[k] = v.strip()
    return out


def expected(row):
    if row["ref_value"] or row["ref_lower"] or row["ref_upper"]:
        keys = ("ref_value", "ref_lower", "ref_upper")
    else:
        keys = ("value", "lower", "upper")
    return dict(zip(("value", "lower", "upper"), (num(row[k]) for k in keys)))


def main():
    rows = list(csv.DictReader(open(HERE / "stats-vectors.csv", newline="")))
    cases = []
    for i, r in enumerate(rows, start=1):
        kind = r["method"]
        other = parse_other(r["other_inputs"])
        case = {"id": f"{kind}-{i:03d}", "row": i, "kind": kind,
                "confidence": float(r["confidence"]), "expected": expected(r),
                "reason": None, "extras": {}}
        m = num(r["multiplier"])
        if kind == "proportion_wilson":
            case["input"] = {"numerator": num(r["numerator"]), "denominator": num(r["denominator"]),
                             "multiplier": m}
        elif kind in ("rate_exact", "rate_byars"):
            case["input"] = {"count": num(r["numerator"]), "population": num(r["denominator"]),
                             "multiplier": m, "method": "exact" if kind == "rate_exact" else "byar"}
        elif kind == "count_exact_poisson":
            case["input"] = {"count": num(r["numerator"]), "population": 1.0, "multiplier": 1.0,
                             "method": "exact"}
        elif kind == "count_byars_raw":
            case["input"] = {"count": num(r["numerator"]), "population": 1.0, "multiplier": 1.0,
                             "method": "byar_unswitched"}
        elif kind == "dsr_dobson_esp2013":
            case["input"] = {"bands": ESP_BANDS, "counts": other["counts"],
                             "populations": other["pops"], "multiplier": m, "standard": "esp2013"}
            if case["expected"]["value"] is None:
                case["reason"] = "small_count"
            case["extras"]["total_count"] = sum(c or 0.0 for c in other["counts"])
        elif kind == "dsr_dobson_nonindependent":
            bands, pops, freqs, persons = [], [], [], []
            for f in (1, 2, 3, 4):
                for b, p, y in zip(ESP_BANDS, other["pops"], other[f"f{f}"]):
                    bands.append(b); pops.append(p); freqs.append(float(f)); persons.append(y)
            case["input"] = {"bands": bands, "populations": pops, "frequencies": freqs,
                             "persons": persons, "multiplier": m, "standard": "esp2013"}
        elif kind in ("isratio", "israte"):
            case["input"] = {"bands": ESP_BANDS, "counts": other["counts"],
                             "populations": other["pops"], "ref_counts": other["refcount"],
                             "ref_populations": other["refpop"], "multiplier": m}
            case["extras"]["expected_events"] = num(r["denominator"])
        elif kind == "mean_t":
            case["input"] = {"values": other["values"]}
        elif kind == "funnel_proportion_limit":
            case["input"] = {"average": other["average_proportion"],
                             "population": num(r["denominator"]), "multiplier": m}
        elif kind == "funnel_ratio_limit":
            case["input"] = {"observed": num(r["numerator"])}
            case["extras"]["peer"] = {"lower": num(r["lower"]), "upper": num(r["upper"])}
        elif kind == "funnel_ratio_significance_ci":
            case["input"] = {"observed": num(r["numerator"]), "expected": num(r["denominator"])}
            note = r["other_inputs"]
            label = note.split("R test expects: ", 1)[1][:-1] if "R test expects: " in note else None
            case["extras"]["label"] = "Low (0.025)" if label in (None, "n/a") else label
        elif kind == "life_expectancy_chiang_silcocks":
            case["input"] = {"start_ages": other["startage"], "populations": other["pops"],
                             "deaths": other["deaths"], "age": other["le_age"]}
        else:
            raise SystemExit(f"unknown vector kind {kind!r} in row {i}")
        cases.append(case)
    doc = {"about": "Generated by vectors/build_cases.py from stats-vectors.csv "
                    "(spec-statistics.md §5). Match rule: |got - t| <= 1e-12 |t|; t = 0 exactly.",
           "tolerance": 1e-12, "cases": cases}
    (HERE / "stats-cases.json").write_text(json.dumps(doc, indent=1) + "\n")
    print(f"{len(cases)} cases written to {HERE / 'stats-cases.json'}")


if __name__ == "__main__":
    main()
