"""A polars pipeline for part of the Client Level Data rules, timed against co.records.derive on
the same synthetic CSV, with outputs checked equal.

Covered (the same rules as core/src/records, 2024-25 method): reading, cancelled rows, person
identity (NHS number, else LA id unless linked to an NHS number), de-duplication (key and
retention order), and the measures BC2 (assessments within 28 days), BC4 (requests leading to an
assessment within 28 days) and 2B/2C (new permanent admissions, 365-day rule, self-funded
excluded, age at admission). Not covered: ST-Max clusters and sequels (2A, RI, BN2), 2E, 3D and
BC1 — so the timing compares a subset of the work, which favours polars.

    .venv/bin/python benches/python/records_polars.py [rows]
"""

from __future__ import annotations

import sys
import time
from typing import Dict, Tuple

import polars as pl

import care_outcomes as co

PERIOD_START = pl.date(2024, 4, 1)
PERIOD_END = pl.date(2025, 3, 31)
PLACEMENTS = ["Nursing Care", "Residential Care", "Long Term Support: Nursing Care",
              "Long Term Support: Residential Care"]
SELF_FUNDED = "NFA – Self-funded client (inc. 12wk disregard)"
TO_ASSESSMENT = ["Progress to Assessment", "Progress to Re-assessment / Unplanned Review"]


def polars_measures(path: str) -> Dict[Tuple[str, str], Tuple[int, int]]:
    df = pl.read_csv(path, infer_schema=False).with_row_index("row", offset=1)
    date = lambda c: pl.col(c).str.strptime(pl.Date, "%Y-%m-%d", strict=False)  # noqa: E731
    df = df.with_columns(start=date("event_start_date"), end=date("event_end_date"),
                         birth=date("date_of_birth"), submitted=date("reporting_period_end_date"))
    # Rejected: an invalid start date (the only invalid rows the generator writes).
    df = df.filter(pl.col("start").is_not_null())
    # Excluded: cancelled.
    df = df.filter(pl.col("event_outcome").fill_null("").str.to_lowercase() != "cancelled")
    # Person identity.
    la = pl.col("la_code").fill_null("")
    df = df.with_columns(
        nkey=pl.when(pl.col("nhs_number").is_not_null())
        .then(la + "\x1fN" + pl.col("nhs_number")),
        lkey=pl.when(pl.col("la_person_unique_identifier").is_not_null())
        .then(la + "\x1fL" + pl.col("la_person_unique_identifier")),
    )
    linked = df.filter(pl.col("nkey").is_not_null() & pl.col("lkey").is_not_null()).select("lkey").unique()
    df = df.join(linked.with_columns(linked=pl.lit(True)), on="lkey", how="left")
    df = df.filter(pl.col("nkey").is_not_null() | pl.col("linked").is_null())
    df = df.with_columns(person=pl.coalesce("nkey", "lkey"))
    # De-duplication: key, then latest submission, open end first, latest end, outcome rank, row.
    # (Synthetic duplicates are exact copies apart from the submission, so the outcome rank
    # never decides between them; it is omitted here.)
    key = ["la_code", "person", "start", "client_type", "event_type", "request_route_of_access",
           "assessment_type", "service_type", "service_component"]
    df = (
        df.sort(["submitted", "end", "row"], descending=[True, True, True], nulls_last=[True, False, False])
        .unique(subset=key, keep="first", maintain_order=False)
    )
    out: Dict[Tuple[str, str], Tuple[int, int]] = {}

    # BC2: assessments completed in the period within 28 days.
    a = df.filter((pl.col("event_type") == "Assessment") & pl.col("end").is_between(PERIOD_START, PERIOD_END))
    for r in a.group_by("la_code").agg(
        num=((pl.col("end") - pl.col("start")).dt.total_days() <= 28).sum(), den=pl.len()
    ).iter_rows(named=True):
        out[("assessments_within_28_days", r["la_code"])] = (r["num"], r["den"])

    # BC4: requests in the period followed by an assessment within 28 days.
    req = df.filter((pl.col("event_type") == "Request") & pl.col("end").is_between(PERIOD_START, PERIOD_END))
    ass = df.filter(pl.col("event_type") == "Assessment").select("person", astart="start", arow="row")
    hit = (
        req.select("person", "row", "start", "end").join(ass, on="person")
        .filter((pl.col("astart") >= pl.col("start")) & (pl.col("astart") <= pl.col("end") + pl.duration(days=28))
                & (pl.col("arow") != pl.col("row")))
        .select("row").unique().with_columns(hit=pl.lit(True))
    )
    req = req.join(hit, on="row", how="left").with_columns(
        assessed=pl.col("hit").fill_null(False) | pl.col("event_outcome").is_in(TO_ASSESSMENT)
    )
    for r in req.group_by("la_code").agg(num=pl.col("assessed").sum(), den=pl.len()).iter_rows(named=True):
        out[("requests_to_assessment", r["la_code"])] = (r["num"], r["den"])

    # 2B / 2C: new permanent admissions.
    p = df.filter(
        (pl.col("event_type") == "Service") & pl.col("service_type").is_in(PLACEMENTS)
        & ~pl.col("service_component").fill_null("").str.to_lowercase().str.contains("short term")
    )
    adm = p.filter((pl.col("client_type") == "Service User") & pl.col("start").is_between(PERIOD_START, PERIOD_END))
    prior = p.select("person", pstart="start", pend="end", prow="row")
    readm = (
        adm.select("person", "row", "start").join(prior, on="person")
        .filter((pl.col("prow") != pl.col("row"))
                & ((pl.col("pstart") < pl.col("start")) | ((pl.col("pstart") == pl.col("start")) & (pl.col("prow") < pl.col("row"))))
                & (pl.col("pend").is_null() | (pl.col("pend") > pl.col("start") - pl.duration(days=365))))
        .select("row").unique().with_columns(readmission=pl.lit(True))
    )
    adm = adm.join(readm, on="row", how="left").with_columns(
        age=(4 * (pl.col("start") - pl.col("birth")).dt.total_days()) // 1461
    ).filter(
        pl.col("birth").is_not_null() & (pl.col("age") >= 18)
        & (pl.col("event_outcome").fill_null("") != SELF_FUNDED) & pl.col("readmission").is_null()
    ).with_columns(band=pl.when(pl.col("age") < 65).then(pl.lit("admissions_18_64")).otherwise(pl.lit("admissions_65_plus")))
    for r in adm.group_by("la_code", "band").agg(num=pl.len()).iter_rows(named=True):
        out[(r["band"], r["la_code"])] = (r["num"], 0)
    return out


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = "/tmp/cld-polars-bench.csv"
    co.records.synthetic(events=rows, seed=1, path=path)
    t = time.perf_counter()
    ours = co.records.derive(path, period="2024-25")
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    theirs = polars_measures(path)
    t_polars = time.perf_counter() - t
    mismatches = 0
    for (measure, area), (num, den) in sorted(theirs.items()):
        m = [x for x in ours.measures if x["measure"] == measure and x["area"] == area and not x["breakdown"]]
        got = (m[0]["numerator"], m[0]["denominator"] or 0) if m else None
        want = (num, den if measure.startswith(("assess", "requests")) else 0)
        if measure.startswith("admissions") and got is not None:
            got = (got[0], 0)
        if got != want:
            mismatches += 1
            print(f"MISMATCH {measure} {area}: co.records {got}, polars {want}")
    print(f"{rows} rows: co.records.derive (all measures) {t_ours:.2f} s; polars (subset) {t_polars:.2f} s; "
          f"{len(theirs)} measure rows compared, {mismatches} mismatches")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
