#!/usr/bin/env python3
"""Turn roi-vectors.csv (a copy of ../shared/reference/roi-vectors.csv) into roi-cases.json: one
or more cases per row, each with explicit inputs for the economics API of every face and the
expected values read from the row. Standard library only; run from anywhere:

    python3 vectors/build_roi_cases.py

Every expected value records where in the row it comes from ("column", "column:KEY" for a
KEY=value list in a column, "list:column" or "notes@PHRASE"); core/tests/economics_vectors.rs re-reads the CSV through those pointers, so the
JSON cannot drift from the reference file. The inputs are this script's reading of each row
(the CSV's input columns are partly free text); they are written out below, row by row.
"""
import csv
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
NUM = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def lookup(row, pointer):
    """The expected number (or list) a pointer names in a CSV row."""
    if pointer.startswith(("other_outputs:", "payback:")):
        column, key = pointer.split(":", 1)
        for part in row[column].split(";"):
            k, _, v = part.rpartition("=")
            if k.strip() == key:
                return float(NUM.search(v).group())
        raise KeyError(pointer)
    if pointer.startswith("notes@"):
        phrase = pointer.split("@", 1)[1]
        text = row["notes"]
        return float(NUM.search(text[text.index(phrase) + len(phrase):]).group())
    if pointer.startswith("list:"):
        return [float(x) for x in row[pointer.split(":", 1)[1]].split(";")]
    return float(NUM.search(row[pointer]).group())


def flows(text):
    return [float(x) for x in text.split(";")]


def case(row, cid, kind, inputs, expected):
    return {
        "id": cid,
        "row": row["id"],
        "kind": kind,
        "input": inputs,
        "expected": {name: {"from": ptr, "value": lookup(row, ptr)} for name, ptr in expected.items()},
    }


def cba(costs, benefits, schedule, timing, value_type="fiscal_cashable"):
    return {
        "costs": [{"name": "costs", "by_year": costs}],
        "benefits": [{"name": "benefits", "value_type": value_type, "by_year": benefits}],
        "schedule": schedule,
        "timing": timing,
    }


def sroi(row, timing):
    return {
        "outcomes": [{
            "name": "outcome",
            "quantity": float(row["quantity"]),
            "financial_proxy": float(row["financial_proxy"]),
            "deadweight": float(row["deadweight"]),
            "displacement": float(row["displacement"] or 0),
            "attribution": float(row["attribution"]),
            "drop_off": float(row["drop_off"]),
            "duration_years": int(row["duration_years"]),
        }],
        "inputs": float(row["costs_by_year"]),
        "schedule": "flat_0.035",
        "timing": timing,
        "drop_off_start": "year2",
    }


CBA_OUT = {"pv_benefits": "pv_benefits", "pv_costs": "pv_costs", "net_present_value": "npv",
           "benefit_cost_ratio": "bcr", "net_roi": "roi_net"}


def build(rows):
    r = {row["id"]: row for row in rows}
    out = []
    for gid, schedule in (("GB01", "gb2022_standard"), ("GB02", "gb2022_standard"),
                          ("GB03", "gb2022_health")):
        years = [int(t) for t in r[gid]["other_inputs"].split("=", 1)[1].split(",")]
        out.append(case(r[gid], gid, "discount_factors", {"schedule": schedule, "years": years},
                        {f"D{t}": f"other_outputs:D{t}" for t in years}))
    gb04 = r["GB04"]
    out.append(case(gb04, "GB04", "present_value",
                    {"flows": flows(gb04["benefits_by_year"]), "schedule": "gb2022_health",
                     "timing": "year_zero"}, {"pv": "pv_benefits"}))
    out.append(case(gb04, "GB04-standard", "present_value",
                    {"flows": flows(gb04["benefits_by_year"]), "schedule": "gb2022_standard",
                     "timing": "year_zero"}, {"pv": "other_outputs:PV if wrongly discounted at 3.5%"}))
    out.append(case(r["CBA01"], "CBA01", "cost_benefit",
                    cba(flows(r["CBA01"]["costs_by_year"]), flows(r["CBA01"]["benefits_by_year"]),
                        "gb2022_standard", "year_zero"), CBA_OUT))
    out.append(case(r["CBA02"], "CBA02", "cost_benefit",
                    cba(flows(r["CBA02"]["costs_by_year"]), flows(r["CBA02"]["benefits_by_year"]),
                        "flat_0.035", "year_one"), CBA_OUT))
    for rid in ("ROI01", "ROI02"):
        out.append(case(r[rid], rid, "cost_benefit",
                        cba(flows(r[rid]["costs_by_year"]), flows(r[rid]["benefits_by_year"]),
                            "undiscounted", "year_zero"), CBA_OUT))
    roi3 = r["ROI03"]
    out.append(case(roi3, "ROI03", "reablement", {
        "people": float(roi3["quantity"]),
        "share_independent": float(roi3["other_inputs"].split("=")[1]),
        "deadweight": float(roi3["deadweight"]),
        "weekly_package_cost": 250.0, "weeks": 52.0,  # financial_proxy "250 per week x 52"
        "service_cost": float(roi3["costs_by_year"]),
        "schedule": "undiscounted", "timing": "year_zero"}, CBA_OUT))
    for rid, timing in (("SROI01", "year_zero"), ("SROI02", "year_one"), ("SROI03", "year_one")):
        exp = {"pv_impact": "pv_benefits", "inputs": "pv_costs", "net_present_value": "npv",
               "sroi_ratio": "sroi_ratio", "net_sroi_ratio": "net_sroi",
               "impact_by_year": "list:benefits_by_year"}
        if r[rid]["payback"]:
            exp["payback_months"] = "payback"
        out.append(case(r[rid], rid, "sroi", sroi(r[rid], timing), exp))
    s4 = dict(r["SROI04"])
    s4["deadweight"] = r["SROI01"]["deadweight"]
    out.append(case(r["SROI04"], "SROI04", "sroi_sensitivity",
                    {"model": sroi(s4, "year_zero"), "parameter": "deadweight",
                     "at": [0.2, 0.5], "low": 0.0, "high": 1.0},
                    {"d_star": "other_outputs:d_star", "SROI(d=0.2)": "other_outputs:SROI(d=0.2)",
                     "SROI(d=0.5)": "other_outputs:SROI(d=0.5)"}))
    g1 = r["GMCA01"]
    out.append(case(g1, "GMCA01", "cohort", {
        "cohort": float(g1["quantity"]), "engagement": 0.8, "success": 0.4,
        "deadweight": float(g1["deadweight"]),
        "unit_values": [{"value_type": "fiscal_cashable", "value": 2500.0},
                        {"value_type": "economic", "value": 1200.0},
                        {"value_type": "social", "value": 3000.0}],
        "persistence": [1.0, 0.8, 0.6],
        # costs_by_year lists 165000 = 150000 x (1 + OB 0.1): the base cost is 150000.
        "costs": [{"name": "programme", "by_year": [150000.0, 0.0, 0.0]}],
        "optimism_bias": {"rate": float(g1["optimism_bias"]), "mitigation": 0.0},
        "schedule": "gb2022_standard", "timing": "year_zero"},
        {"outcomes": "other_outputs:outcomes", "pv_fiscal": "other_outputs:PV_fiscal",
         "pv_economic": "other_outputs:PV_economic", "pv_social": "other_outputs:PV_social",
         "net_present_budget_impact": "other_outputs:net_present_budget_impact",
         "financial_roi": "other_outputs:financial_ROI",
         "public_value_roi": "other_outputs:public_value_ROI",
         "pv_benefits": "pv_benefits", "pv_costs": "pv_costs", "net_present_value": "npv",
         "benefit_cost_ratio": "bcr"}))
    g2 = r["GMCA02"]
    cash, non = (flows(p.split("=")[1]) for p in g2["benefits_by_year"].split(" | "))
    model = cba(flows(g2["costs_by_year"]), cash, "gb2022_standard", "year_zero")
    model["benefits"].append({"name": "noncashable", "value_type": "fiscal_non_cashable",
                              "by_year": non})
    out.append(case(g2, "GMCA02", "cost_benefit", model,
                    {"pv_benefits": "pv_benefits", "pv_costs": "pv_costs",
                     "net_present_budget_impact": "npv", "benefit_cost_ratio": "bcr",
                     "pv_fiscal_cashable": "other_outputs:PV_cashable",
                     "pv_fiscal_non_cashable": "other_outputs:PV_noncashable",
                     "cashable_net_present_budget_impact": "other_outputs:cashable_NPBI",
                     "cashable_roi": "other_outputs:cashable_only_ratio"}))
    p = r["PAY01"]
    out.append(case(p, "PAY01", "payback",
                    {"costs": flows(p["costs_by_year"]), "benefits": flows(p["benefits_by_year"]),
                     "schedule": "flat_0.035", "timing": "year_zero"},
                    {"simple_years": "payback:simple",
                     "discounted_years": "payback:discounted_3.5",
                     "simple_whole_years": "notes@would report"}))
    ob = r["OB01"]
    out.append(case(ob, "OB01", "optimism_bias",
                    {"base": float(ob["costs_by_year"]), "rate": float(ob["optimism_bias"]),
                     "mitigations": [0.0, 0.5]},
                    {"adjusted_0": "other_outputs:adjusted_no_mitigation",
                     "adjusted_0.5": "other_outputs:adjusted_50pct_mitigated"}))
    d = r["DEF01"]
    out.append(case(d, "DEF01", "deflator",
                    {"value": 1000.0, "from_year": 2019, "to_years": [2024, 2022]},
                    {"2024": "other_outputs:2024_prices", "2022": "other_outputs:2022_prices"}))
    re1 = r["REAL01"]
    out.append(case(re1, "REAL01", "real_vs_nominal",
                    {"flows": flows(re1["benefits_by_year"]), "inflation": 0.02,
                     "schedule": "gb2022_standard", "timing": "year_zero"},
                    {"pv_real": "pv_benefits",
                     "pv_nominal": "other_outputs:PV_nominal_at_5.57pct",
                     "pv_nominal_at_real_rate": "other_outputs:PV_nominal_wrongly_at_3.5pct"}))
    a = r["ANN01"]
    out.append(case(a, "ANN01", "annuity", {"amount": 50000.0, "years": 10,
                                            "schedule": "flat_0.035"},
                    {"year_one": "other_outputs:PV_years_1_to_10",
                     "year_zero": "other_outputs:PV_years_0_to_9"}))
    dr = r["DROP01"]
    out.append(case(dr, "DROP01", "drop_off",
                    {"first_year": float(dr["financial_proxy"]), "drop_off": float(dr["drop_off"]),
                     "years": int(dr["duration_years"]), "schedule": "flat_0.035",
                     "timing": "year_one"},
                    {"pv": "pv_benefits", "undiscounted": "other_outputs:undiscounted_total",
                     "profile": "list:benefits_by_year"}))
    e = r["EANC01"]
    out.append(case(e, "EANC01", "eanc", {"costs": flows(e["costs_by_year"]),
                                          "schedule": "gb2022_standard", "timing": "year_zero"},
                    {"pv_costs": "pv_costs", "eanc": "other_outputs:EANC"}))
    covered = {c["row"] for c in out}
    missing = [row["id"] for row in rows if row["id"] not in covered]
    assert not missing, f"rows without a case: {missing}"
    return out


def main():
    rows = list(csv.DictReader(open(HERE / "roi-vectors.csv", newline="")))
    doc = {
        "about": "Generated by vectors/build_roi_cases.py from roi-vectors.csv (spec-economics-spc.md §1.7). Match rule: |got - expected| <= 1e-9 |expected| (expected 0: exact).",
        "tolerance": 1e-9,
        "cases": build(rows),
    }
    (HERE / "roi-cases.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(doc['cases'])} cases from {len(rows)} rows")


if __name__ == "__main__":
    main()
