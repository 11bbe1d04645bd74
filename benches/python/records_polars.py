"""Client Level Data: co.records.derive against an equivalent polars pipeline of the same rules,
on the same CSV file, with every output checked equal (issue 5's benchmark).

The polars pipeline (``polars_derive``) restates the 2024-25 rules of ``core/src/records``
(docs/records.md, spec-ascof.md §3.2, §5.4, §8, §9.2) with lazy and eager frames, joins,
``join_asof``, window expressions and ``group_by`` — no Python loop over rows:

* reading: header aliases, trimming, blank = missing, Release 1 / Release 2 spellings of every
  defined list (normalised, from the same data files ``core/data/records/*.csv``), dates
  ``YYYY-MM-DD`` (trailing time ignored) or ``DD/MM/YYYY``, proxy date of birth (1st of the
  month, or ``der_birth_year`` + ``der_birth_month``), and every rejection reason in the
  engine's order (``missing:``, ``unknown_value:``, ``invalid_date:``, ``end_before_start``,
  ``missing:service_type``, ``missing:person_id``);
* cancelled rows; person identity (NHS number, else LA id unless it co-occurs with an NHS number
  in the LA: ``person_id_conflict``);
* de-duplication: key (person, start, client type, event type, route | assessment type |
  service type + component), kept record by latest submission, open end first,
  the 2024-25 outcome hierarchy, latest row; ``superseded_open_service`` vs ``duplicate``;
* person facts: latest known date of birth and primary support reason, date of death, latest
  known accommodation status with conflicts → unknown; age ``floor(4·days / 1461)``;
* ST-Max clusters (≤ 7 days, overlaps and open events merge), clusters ending in the period,
  18+, died before the start, death in the 7-day window, the service hierarchy, later
  outcomes, the ST-Max's own outcome (member ending last), nested assessment/review outcomes,
  the 2024-25 denominator / numerator sets, the 91-day new-client look-back:
  2A (total, by age), RI (reablement independence) and BN2 (completions);
* 2B/2C: permanent placements started in the period, age at start, self-funded, the 365-day
  admission rule; BV3/BV4 (the same with self-funded / 12-week-disregard admissions counted); 2E (long-term clients in the year, accommodation inferred from the top
  setting, learning-disability part); 3D1A/3D2A (top setting at period end, DP / PB);
  3D1B/3D2B (carer support by DP / PB / commissioned, other delivery excluded; else the
  information-and-advice / no-direct-support exclusion);
  BC1 (new requests resolved, and resolved by information and advice), BC2, BC4;
* every exclusion count of every measure row, and the row ledger (read, used, excluded by rule,
  every rejected row with its reason).

Each side runs in its own subprocess (``os.wait4`` gives that child's peak RSS): ours is
``co.records.derive(path, period="2024-25", method="2024-25")``, polars is ``pl.read_csv`` +
the pipeline. The parent compares the two results (measure, area, breakdown → numerator,
denominator, exclusions; ledger) and prints the times, peak memory and the ratio.

    .venv/bin/python benches/python/records_polars.py --rows 1000000
    .venv/bin/python benches/python/records_polars.py --csv /tmp/cld.csv --repeats 1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

DATA = Path(__file__).resolve().parents[2] / "core" / "data" / "records"
PERIOD = ("2024-04-01", "2025-03-31")

# ---------------------------------------------------------------------------------------------
# The polars pipeline
# ---------------------------------------------------------------------------------------------

# Header aliases (normalised: lower case, runs of non-alphanumerics → "_"), canonical first.
ALIASES = {
    "la_code": ["la_code", "la", "cassr_code", "local_authority_code"],
    "nhs_number": ["nhs_number", "der_nhs_number_traced_pseudo"],
    "la_person_unique_identifier": [
        "la_person_unique_identifier", "der_la_person_unique_identifier_pseudo", "la_person_id"],
    "date_of_birth": ["date_of_birth", "dob"],
    "der_birth_year": ["der_birth_year", "birth_year"],
    "der_birth_month": ["der_birth_month", "birth_month"],
    "date_of_death": ["date_of_death"],
    "client_type": ["client_type"],
    "primary_support_reason": ["primary_support_reason"],
    "accommodation_status": ["accommodation_status"],
    "event_type": ["event_type"],
    "event_start_date": ["event_start_date"],
    "event_end_date": ["event_end_date"],
    "event_outcome": ["event_outcome"],
    "event_description": ["event_description"],
    "request_route_of_access": ["request_route_of_access", "route_of_access"],
    "assessment_type": ["assessment_type"],
    "service_type": ["service_type"],
    "service_component": ["service_component"],
    "delivery_mechanism": ["delivery_mechanism"],
    "reporting_period_end_date": ["reporting_period_end_date", "reporting_period_end"],
}
# Defined-list columns: (column, list name in spellings.csv).
LISTS = [
    ("event_type", "event_type"),
    ("client_type", "client_type"),
    ("service_type", "service_type"),
    ("delivery_mechanism", "delivery_mechanism"),
    ("request_route_of_access", "route_of_access"),
    ("accommodation_status", "accommodation_status"),
    ("primary_support_reason", "primary_support_reason"),
    ("event_outcome", "event_outcome"),
]
LONG_TERM = ["nursing", "residential", "community", "prison"]
SETTLED = ["owner_occupier", "tenant_social", "tenant_private", "with_family_friends",
           "supported_accommodation", "shared_lives", "approved_premises",
           "sheltered_extra_care", "mobile_accommodation"]
# 2024-25 2A numerator outcomes (§3.2).
NUM_OUTCOMES = ["nfa_information_advice", "support_ended_as_planned", "nfa_moved_to_another_la",
                "nfa_other", "nfa_no_services_other", "nfa_support_ended_other",
                "nfa_referral_other_la_service"]
SERVICE_SEQUEL = ["service:nursing", "service:residential", "service:community", "service:prison",
                  "service:st_residential_nursing", "service:ongoing_low_level",
                  "service:other_short_term"]
BLANK = "<blank>"
ASCII_WS = " \t\n\x0c\r"  # Rust's is_ascii_whitespace (the defined lists are trimmed with it)
Key = Tuple[str, str, Tuple[Tuple[str, str], ...]]


def _header_key(h: str) -> str:
    out = []
    for ch in h.strip().lstrip("\ufeff"):
        if ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        elif not out or out[-1] != "_":
            out.append("_")
    return "".join(out).strip("_")


def polars_derive(path: str) -> Dict[str, Any]:
    """Reads the CSV with polars and derives every 2024-25 measure and the ledger."""
    import polars as pl

    p_start, p_end = (pl.lit(d).str.to_date() for d in PERIOD)
    t0 = [time.perf_counter()]

    def trace(what: str) -> None:
        if os.environ.get("RECORDS_POLARS_TRACE"):
            now = time.perf_counter()
            print(f"  polars {what}: {now - t0[0]:.2f} s", file=sys.stderr)
            t0[0] = now

    def normalise(e: pl.Expr) -> pl.Expr:
        return (e.str.to_lowercase()
                .str.replace_all(r"[–—:\-]", " - ")
                .str.replace_all("/", " / ", literal=True)
                .str.replace_all("&", " and ", literal=True)
                .str.replace_all(r"\s+", " ")
                .str.strip_chars())

    # Spellings (data, as the engine embeds them): (list, normalised spelling) → code.
    sp = pl.read_csv(DATA / "spellings.csv")
    oc = pl.read_csv(DATA / "event-outcomes.csv", schema_overrides={"r1_spelling": pl.String,
                                                                      "r2_spelling": pl.String})
    spell = pl.concat([
        sp.select("list", "code", s="spelling"),
        sp.select("list", "code", s="code"),
        *(oc.select(pl.lit("event_outcome").alias("list"), "code", s=c) for c in
          ("code", "r1_spelling", "r2_spelling")),
    ]).drop_nulls("s").with_columns(norm=normalise(pl.col("s"))).unique(["list", "norm"], keep="last")
    rank = oc.select("code", orank=pl.col("rank_2024_25").cast(pl.Int32), nfa=pl.col("nfa"))

    # ---- reading ----
    df = pl.read_csv(path, infer_schema=False)
    names: Dict[str, str] = {}
    for c in df.columns:
        k = _header_key(c)
        for canon, al in ALIASES.items():
            if k in al and canon not in names.values():
                names[c] = canon
                break
    df = df.select([pl.col(c).alias(n) for c, n in names.items()])
    present = set(df.columns)
    df = df.with_columns([pl.lit(None, pl.String).alias(c) for c in ALIASES if c not in present])
    df = df.with_row_index("row", offset=1)
    trace("read_csv")
    read = df.height

    def table(col: str, make: Any, dtype: Any) -> pl.Expr:
        """`col` mapped through a table computed on its distinct values only."""
        u = df.select(pl.col(col).unique().drop_nulls().alias("raw")).lazy()
        t = make(u).collect()
        return pl.col(col).replace_strict(t["raw"], t["v"], default=None, return_dtype=dtype)

    def coded(col: str, lst: str) -> pl.Expr:
        # An Enum of the list's codes; BLANK = blank (ASCII whitespace only), null = unknown.
        s = spell.filter(pl.col("list") == lst).select("norm", v="code")
        enum = pl.Enum(sorted(s["v"].unique()) + [BLANK])
        return table(col, lambda u: u.with_columns(t=pl.col("raw").str.strip_chars(ASCII_WS))
                     .with_columns(norm=normalise(pl.col("t")))
                     .join(s.lazy(), on="norm", how="left")
                     .with_columns(v=pl.when(pl.col("t") == "").then(pl.lit(BLANK)).otherwise("v")),
                     enum)

    def text(col: str) -> pl.Expr:
        t = pl.col(col).str.strip_chars()
        return pl.when(t != "").then(t)

    def date(col: str) -> pl.Expr:
        def make(u: pl.LazyFrame) -> pl.LazyFrame:
            t = pl.col("raw").str.strip_chars()
            iso = t.str.slice(0, 10)
            return u.with_columns(v=pl.when(t == "").then(None).when(
                iso.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
                & ((t.str.len_bytes() == 10) | t.str.slice(10, 1).is_in([" ", "T"]))
            ).then(iso.str.to_date("%Y-%m-%d", strict=False)).when(
                t.str.contains(r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$")
            ).then(t.str.to_date("%d/%m/%Y", strict=False)))
        return table(col, make, pl.Date)

    def is_cancelled(col: str) -> pl.Expr:
        # The distinct spellings of "cancelled" in the column (trimmed, any case).
        u = df.get_column(col).unique().drop_nulls()
        return pl.col(col).is_in(u.filter(u.str.strip_chars(ASCII_WS).str.to_lowercase() == "cancelled").implode())\
            .fill_null(False)

    lists = {c: coded(c, lst) for c, lst in LISTS}
    dates = {c: date(c) for c in ("event_start_date", "event_end_date", "date_of_birth",
                                  "date_of_death", "reporting_period_end_date")}
    xl = df.lazy().with_columns(
        cancelled=pl.any_horizontal(is_cancelled(c) for c in ("event_outcome", "event_description")),
        **{f"{c}_c": e for c, e in lists.items()},
        **{f"{c}_d": e for c, e in dates.items()},
        by=pl.col("der_birth_year").str.strip_chars(), bm=pl.col("der_birth_month").str.strip_chars(),
        la=text("la_code").fill_null(""), nhs=text("nhs_number"), lid=text("la_person_unique_identifier"),
        assessment=text("assessment_type"), component=text("service_component"),
    )
    bad_date = {c: pl.col(f"{c}_d").is_null() & text(c).is_not_null() for c in dates}
    unknown = {c: pl.col(f"{c}_c").is_null() & pl.col(c).is_not_null() for c, _ in LISTS}
    blank = {c: pl.col(c).is_null() | (pl.col(f"{c}_c") == BLANK) for c, _ in LISTS}
    code = {c: pl.when(pl.col(f"{c}_c") != BLANK).then(pl.col(f"{c}_c")) for c, _ in LISTS}
    by_int = pl.col("by").cast(pl.Int32, strict=False)
    bm_int = pl.col("bm").cast(pl.Int32, strict=False)
    ym_ok = pl.date(by_int, bm_int.clip(1, 12), 1).is_not_null() & bm_int.is_between(1, 12)
    use_ym = pl.col("date_of_birth_d").is_null() & (pl.col("by") != "") & (pl.col("bm") != "")
    reason: Any = pl.when(blank["event_type"]).then(pl.lit("missing:event_type"))
    reason = reason.when(unknown["event_type"]).then(pl.lit("unknown_value:event_type"))
    reason = reason.when(bad_date["event_start_date"]).then(pl.lit("invalid_date:event_start_date"))
    reason = reason.when(pl.col("event_start_date_d").is_null()).then(pl.lit("missing:event_start_date"))
    reason = reason.when(bad_date["event_end_date"]).then(pl.lit("invalid_date:event_end_date"))
    reason = reason.when(pl.col("event_end_date_d") < pl.col("event_start_date_d")).then(pl.lit("end_before_start"))
    if "client_type" in present:
        reason = reason.when(blank["client_type"]).then(pl.lit("missing:client_type"))
        reason = reason.when(unknown["client_type"]).then(pl.lit("unknown_value:client_type"))
    reason = reason.when(unknown["service_type"]).then(pl.lit("unknown_value:service_type"))
    reason = reason.when((code["event_type"] == "service") & code["service_type"].is_null()).then(
        pl.lit("missing:service_type"))
    for c, lst in [("delivery_mechanism", "delivery_mechanism"), ("request_route_of_access", "route_of_access"),
                   ("accommodation_status", "accommodation_status"),
                   ("primary_support_reason", "primary_support_reason"), ("event_outcome", "event_outcome")]:
        reason = reason.when(unknown[c]).then(pl.lit(f"unknown_value:{c}"))
    reason = reason.when(bad_date["date_of_birth"]).then(pl.lit("invalid_date:date_of_birth"))
    reason = reason.when(use_ym & by_int.is_null()).then(pl.lit("invalid_value:der_birth_year"))
    reason = reason.when(use_ym & (bm_int.is_null() | ~ym_ok)).then(pl.lit("invalid_value:der_birth_month"))
    reason = reason.when(bad_date["date_of_death"]).then(pl.lit("invalid_date:date_of_death"))
    reason = reason.when(bad_date["reporting_period_end_date"]).then(pl.lit("invalid_date:reporting_period_end_date"))
    reason = reason.when(pl.col("nhs").is_null() & pl.col("lid").is_null()).then(pl.lit("missing:person_id"))
    # Service component flags, computed on its distinct values: 1 short term, 2 short-term
    # residential/nursing, 4 direct payment.
    def flags(u: pl.LazyFrame) -> pl.LazyFrame:
        n = normalise(pl.col("raw"))
        short = n.str.contains("short term", literal=True)
        return u.with_columns(v=short.cast(pl.UInt8) + 2 * (short & n.str.contains("residential|nursing")).cast(
            pl.UInt8) + 4 * n.str.contains("direct payment", literal=True).cast(pl.UInt8))
    comp = table("service_component", flags, pl.UInt8).fill_null(0)
    # Only the typed columns are kept: the raw text is dropped as soon as it is parsed.
    x = xl.with_columns(comp=comp, reason=pl.when(~pl.col("cancelled")).then(reason.otherwise(None))).select(
        "row", "cancelled", "reason", "la", "nhs", "lid", "assessment", "component",
        et=code["event_type"],
        ct=code["client_type"].fill_null("service_user"),
        start="event_start_date_d", end="event_end_date_d",
        outcome=code["event_outcome"], route=code["request_route_of_access"],
        st=code["service_type"], delivery=code["delivery_mechanism"],
        acc=code["accommodation_status"], psr=code["primary_support_reason"],
        birth=pl.coalesce(pl.col("date_of_birth_d").dt.month_start(),
                          pl.when(use_ym).then(pl.date(by_int, bm_int, 1))),
        death="date_of_death_d", sub="reporting_period_end_date_d",
        c_short=(pl.col("comp") & 1) > 0, c_st_res=(pl.col("comp") & 2) > 0, c_dp=(pl.col("comp") & 4) > 0,
    ).collect()
    del df, xl  # (the lazy frame holds the raw frame too)
    trace("validate")

    rejected = x.filter(pl.col("reason").is_not_null()).select("row", "reason").sort("row")
    cancelled = int(x["cancelled"].sum())
    vl = x.lazy().filter(~pl.col("cancelled") & pl.col("reason").is_null()).drop("cancelled", "reason")

    # ---- person identity ----
    # Strings are dictionary-encoded (Categorical codes) so that keys are integers:
    # person = (LA, N | L, NHS number | LA id), exactly, as one Int64.
    cat = lambda c: pl.col(c).cast(pl.Categorical).to_physical().cast(pl.Int64)  # noqa: E731
    v = vl.with_columns(
        la_k=cat("la") * 2**33,
    ).with_columns(
        nkey=pl.col("la_k") + cat("nhs"),
        lkey=pl.col("la_k") + 2**32 + cat("lid"),
        assessment=cat("assessment"), k2=cat("component"),
    ).collect()
    linked = v.filter(pl.col("nhs").is_not_null() & pl.col("lid").is_not_null())["lkey"].unique()
    conflict = pl.col("nhs").is_null() & pl.col("lkey").is_in(linked.implode())
    n_conflict = int(v.select(conflict.sum()).item())
    trace("identity")
    rank = rank.with_columns(pl.col("code").cast(x.schema["outcome"]))
    del x, vl
    ev = v.lazy().filter(~conflict).with_columns(person=pl.coalesce("nkey", "lkey")).drop(
        "nkey", "lkey", "la_k", "nhs", "lid").join(rank.lazy(), left_on="outcome", right_on="code", how="left")

    # ---- de-duplication ----
    phys = lambda c: pl.col(c).to_physical().cast(pl.Int64)  # noqa: E731
    k1 = (pl.when(pl.col("et") == "request").then(phys("route"))
          .when(pl.col("et") == "assessment").then(pl.col("assessment"))
          .when(pl.col("et") == "service").then(phys("st")))
    k2 = pl.when(pl.col("et") == "service").then(pl.col("k2"))
    keys = ["person", "start", "ct", "et", "k1", "k2"]
    ranked = ev.with_columns(k1=k1, k2=k2, open=pl.col("end").is_null()).sort(
        ["sub", "open", "orank", "row"],
        descending=[True, True, False, True], nulls_last=[True, False, True, False],
    ).with_columns(win=pl.struct(keys).is_first_distinct()).collect()
    del v, ev
    E = ranked.filter("win").drop("win", "open", "k1", "k2", "assessment")
    losers = ranked.lazy().filter(~pl.col("win")).select(*keys, "end", "sub").join(
        ranked.lazy().filter("win").select(*keys, w_end="end", w_sub="sub"), on=keys, nulls_equal=True)
    sup = (pl.col("et") == "service") & pl.col("end").is_null() & pl.col("w_end").is_not_null() & \
        pl.col("w_sub").is_not_null() & (pl.col("sub").is_null() | (pl.col("w_sub") > pl.col("sub")))
    dup = losers.select(sup=sup.sum(), n=pl.len()).collect()
    n_sup, n_dup = int(dup["sup"][0]), int(dup["n"][0] - dup["sup"][0])
    del ranked, losers
    trace("dedup")

    # ---- person facts ----
    Et = E.lazy()
    sub_o = pl.col("sub").cast(pl.Int32).fill_null(-(2**31))
    facts = Et.with_columns(sub_o=sub_o).sort(["sub_o", "start", "row"])
    known = pl.col("acc").is_not_null() & (pl.col("acc") != "unknown")
    acc = (facts.filter(known).group_by("person", "sub_o", "start")
           .agg(a=pl.col("acc").first(), nu=pl.col("acc").n_unique())
           .sort("sub_o", "start").group_by("person").agg(pl.col("a").last(), pl.col("nu").last())
           .select("person", accommodation=pl.when(pl.col("nu") > 1).then(pl.lit("unknown")).otherwise("a")))
    P = facts.group_by("person").agg(
        area=pl.col("la").first(),
        birth=pl.col("birth").drop_nulls().last(),
        death=pl.col("death").max(),
        psr=pl.col("psr").drop_nulls().last(),
    ).join(acc, on="person", how="left").collect().lazy()
    trace("person facts")

    def age(at: pl.Expr) -> pl.Expr:
        return (4 * (at - pl.col("birth")).dt.total_days()) // 1461

    band = pl.when(pl.col("age") < 65).then(pl.lit("18-64")).otherwise(pl.lit("65+"))
    adds: List[pl.LazyFrame] = []
    excls: List[pl.LazyFrame] = []

    def add(lf: pl.LazyFrame, measure: str, num: Optional[pl.Expr], bd: Optional[Tuple[str, pl.Expr]] = None,
            den: bool = True, total: bool = True) -> None:
        """Tally units of `lf` (one row each) into `measure`: total, and by `bd` when given;
        `num` None counts every unit into the numerator."""
        for b in ([None] if total else []) + ([bd] if bd else []):
            g = lf.with_columns(bk=pl.lit(b[0] if b else ""), bv=b[1] if b else pl.lit(""))
            adds.append(g.group_by("area", "bk", "bv").agg(
                num=pl.len() if num is None else num.cast(pl.Int64).sum(), den=pl.len() if den else pl.lit(0, pl.UInt32))
                .with_columns(measure=pl.lit(measure)))

    def exclude(lf: pl.LazyFrame, measures: List[str], why: pl.Expr) -> None:
        g = lf.group_by("area", why.alias("why")).agg(n=pl.len())
        for m in measures:
            excls.append(g.with_columns(measure=pl.lit(m)))

    ev_ = Et
    svc = pl.col("et") == "service"
    lt_su = svc & pl.col("st").is_in(LONG_TERM) & (pl.col("ct") == "service_user")

    # ---- 2A, RI, BN2: ST-Max clusters ----
    st = ev_.filter(svc & (pl.col("st") == "st_max")).select(
        "person", "start", "end", "row", "outcome").sort("person", "start", "row")
    end_i = pl.col("end").cast(pl.Int64).fill_null(2**40)
    prev = end_i.cum_max().shift(1).over("person")
    st = st.with_columns(cid=(prev.is_null() | (pl.col("start").cast(pl.Int64) > prev + 7)).cum_sum())
    C = st.group_by("cid").agg(
        person=pl.col("person").first(), start=pl.col("start").first(),
        end=pl.when(pl.col("end").null_count() == 0).then(pl.col("end").max()),
        own=pl.col("outcome").sort_by("end", "row").last(),
    ).filter(pl.col("end").is_between(p_start, p_end)).join(P, on="person").with_columns(age=age(pl.col("end")))
    c_why = (pl.when(pl.col("birth").is_null()).then(pl.lit("missing_age"))
             .when(pl.col("age") < 18).then(pl.lit("under_18"))
             .when(pl.col("death") < pl.col("start")).then(pl.lit("died_before_start")))
    C = C.with_columns(why=c_why).collect().lazy()
    exclude(C.filter(pl.col("why").is_not_null()), ["st_max_sequel", "reablement_independence"], pl.col("why"))
    V = C.filter(pl.col("why").is_null())
    win = V.select("cid", "person", c_start="start", c_end="end")
    in_window = pl.col("start").is_between(pl.col("c_end"), pl.col("c_end") + pl.duration(days=7))
    srank = (pl.when(pl.col("st") == "nursing").then(0).when(pl.col("st") == "residential").then(1)
             .when(pl.col("st") == "community").then(2).when(pl.col("st") == "prison").then(3)
             .when(pl.col("st").is_in(["other_short_term", "ongoing_low_level"]) & pl.col("c_st_res")).then(4)
             .when(pl.col("st") == "ongoing_low_level").then(5).when(pl.col("st") == "other_short_term").then(6))
    services = (ev_.filter(svc).with_columns(srank=srank).filter(pl.col("srank").is_not_null())
                .select("person", "start", "srank").join(win, on="person").filter(in_window)
                .group_by("cid").agg(pl.col("srank").min()))

    def best_outcome(lf: pl.LazyFrame, cond: pl.Expr, name: str) -> pl.LazyFrame:
        # min_by_key on the rank: the first of equal ranks in (start, row) order.
        return (lf.filter(pl.col("orank").is_not_null()).select("person", "start", "row", "orank", "outcome")
                .join(win, on="person").filter(cond).sort("orank", "start", "row")
                .group_by("cid").agg(pl.col("outcome").first().alias(name)))

    later = best_outcome(ev_.filter(~svc), in_window, "later")
    nested = best_outcome(ev_.filter(pl.col("et").is_in(["assessment", "review"])),
                          pl.col("start").is_between(pl.col("c_start"), pl.col("c_end")), "nested")
    not_new = (ev_.filter(svc & pl.col("st").is_in(LONG_TERM)).select("person", l_start="start", l_end="end")
               .join(win, on="person")
               .filter((pl.col("l_start") < pl.col("c_start"))
                       & (pl.col("l_end").is_null() | (pl.col("l_end") > pl.col("c_start") - pl.duration(days=91))))
               .select("cid").unique().with_columns(not_new=pl.lit(True)))
    deceased = pl.col("death").is_between(pl.col("start"), pl.col("end") + pl.duration(days=7))
    out = pl.coalesce("later", "own", "nested")
    V = (V.join(services, on="cid", how="left").join(later, on="cid", how="left")
         .join(nested, on="cid", how="left").join(not_new, on="cid", how="left")
         .with_columns(
             deceased=deceased.fill_null(False), age=pl.col("age"),
             label=pl.when(deceased).then(pl.lit("deceased"))
             .when(pl.col("srank").is_not_null()).then(
                 pl.col("srank").replace_strict(list(range(7)), SERVICE_SEQUEL, return_dtype=pl.String))
             .when(out.is_not_null()).then(pl.lit("outcome:") + out).otherwise(pl.lit("none")))
         .with_columns(
             ok=~pl.col("deceased") & (pl.col("srank").is_not_null() | out.is_in(NUM_OUTCOMES)).fill_null(False),
             num=~pl.col("deceased") & (pl.col("srank").is_in([5, 6])
                                        | (pl.col("srank").is_null() & out.is_in(NUM_OUTCOMES))).fill_null(False),
             bv=band))
    V = V.collect().lazy()
    trace("clusters+sequels")
    for m, units in [("reablement_independence", V), ("st_max_sequel", V.filter(pl.col("not_new").is_null()))]:
        add(units.filter("ok"), m, pl.col("num"), ("age", pl.col("bv")))
        exclude(units.filter(~pl.col("ok")), [m], pl.col("label"))
    exclude(V.filter(pl.col("not_new")), ["st_max_sequel"], pl.lit("not_new_client"))
    add(V.select("person", "area").unique(), "reablement_completions", None, den=False)

    # ---- 2B / 2C admissions ----
    placement = svc & pl.col("st").is_in(["nursing", "residential"]) & ~pl.col("c_short")
    pl_all = ev_.filter(placement).select("person", p_start="start", p_end="end", p_row="row")
    A = (ev_.filter(placement & (pl.col("ct") == "service_user") & pl.col("start").is_between(p_start, p_end))
         .select("person", "start", "row", "outcome").join(P, on="person").with_columns(age=age(pl.col("start"))))
    readm = (A.select("person", "start", "row").join(pl_all, on="person")
             .filter((pl.col("p_row") != pl.col("row"))
                     & ((pl.col("p_start") < pl.col("start"))
                        | ((pl.col("p_start") == pl.col("start")) & (pl.col("p_row") < pl.col("row"))))
                     & (pl.col("p_end").is_null() | (pl.col("p_end") > pl.col("start") - pl.duration(days=365))))
             .select("row").unique().with_columns(readm=pl.lit(True)))
    A = A.join(readm, on="row", how="left").with_columns(
        m=pl.when(pl.col("age") < 65).then(pl.lit("admissions_18_64")).otherwise(pl.lit("admissions_65_plus")),
        why=pl.when(pl.col("outcome") == "nfa_self_funded").then(pl.lit("self_funded"))
        .when(pl.col("readm")).then(pl.lit("readmission_within_365_days"))).collect().lazy()
    a_bad = pl.when(pl.col("birth").is_null()).then(pl.lit("missing_age")).when(pl.col("age") < 18).then(pl.lit("under_18"))
    exclude(A.filter(a_bad.is_not_null()), ["admissions_18_64", "admissions_65_plus"], a_bad)
    for m in ("admissions_18_64", "admissions_65_plus"):
        ok = A.filter(a_bad.is_null() & (pl.col("m") == m))
        exclude(ok.filter(pl.col("why").is_not_null()), [m], pl.col("why"))
        add(ok.filter(pl.col("why").is_null()), m, None, den=False)
    # BV3/BV4: the same admissions, self-funded (12-week disregard) ones counted.
    bv = {"admissions_18_64": "admissions_with_disregard_18_64",
          "admissions_65_plus": "admissions_with_disregard_65_plus"}
    exclude(A.filter(a_bad.is_not_null()), list(bv.values()), a_bad)
    for m, b in bv.items():
        ok = A.filter(a_bad.is_null() & (pl.col("m") == m))
        exclude(ok.filter(pl.col("readm").fill_null(False)), [b], pl.lit("readmission_within_365_days"))
        add(ok.filter(~pl.col("readm").fill_null(False)), b, None, den=False)

    # ---- 2E home or family; 3D users ----
    lt = ev_.filter(lt_su)
    setting = pl.col("st").replace_strict(LONG_TERM, [0, 1, 2, 3], return_dtype=pl.Int8)
    top = (lt.filter((pl.col("start") <= p_end) & (pl.col("end").is_null() | (pl.col("end") >= p_start)))
           .group_by("person").agg(top=setting.min()).join(P, on="person").with_columns(age=age(p_end)))
    inferred = pl.col("top").replace_strict([0, 1, 2, 3], ["registered_nursing_home", "registered_care_home",
                                                           "with_family_friends", "prison_yoi"],
                                            return_dtype=pl.String)
    top = top.with_columns(settled=pl.coalesce("accommodation", inferred).is_in(SETTLED), bv=band)
    e_bad = pl.when(pl.col("birth").is_null()).then(pl.lit("missing_age")).when(pl.col("age") < 18).then(pl.lit("under_18"))
    exclude(top.filter(e_bad.is_not_null()), ["home_or_family_all", "home_or_family_ld"], e_bad)
    adult = top.filter(e_bad.is_null())
    add(adult, "home_or_family_all", pl.col("settled"), ("age", pl.col("bv")))
    ld = adult.filter(pl.col("psr") == "learning_disability")
    add(ld.filter(pl.col("bv") == "18-64"), "home_or_family_ld", pl.col("settled"))
    exclude(ld.filter(pl.col("bv") != "18-64"), ["home_or_family_ld"], pl.lit("aged_65_plus"))

    community = pl.col("st") == "community"
    users = (lt.filter((pl.col("start") <= p_end) & (pl.col("end").is_null() | (pl.col("end") >= p_end)))
             .group_by("person").agg(
                 top=setting.min(),
                 dp=(community & ((pl.col("delivery") == "direct_payment") | pl.col("c_dp"))).any(),
                 pb=(community & (pl.col("delivery") == "cassr_managed_pb")).any())
             .join(P, on="person").with_columns(age=age(p_end)).with_columns(bv=band))
    u_bad = (pl.when(pl.col("birth").is_null()).then(pl.lit("missing_age")).when(pl.col("age") < 18).then(pl.lit("under_18"))
             .when(pl.col("top") != 2).then(pl.lit("top_setting:") + pl.col("top").replace_strict(
                 [0, 1, 2, 3], LONG_TERM, return_dtype=pl.String)))
    exclude(users.filter(u_bad.is_not_null()), ["sds_users", "dp_users"], u_bad)
    cu = users.filter(u_bad.is_null())
    add(cu, "sds_users", pl.col("dp") | pl.col("pb"), ("age", pl.col("bv")))
    add(cu, "dp_users", pl.col("dp"), ("age", pl.col("bv")))

    # ---- 3D carers ----
    carer = pl.col("ct") != "service_user"
    cs = (ev_.filter(svc & pl.col("st").is_in(["carer_direct", "carer_with_cared_for"]) & carer
                     & (pl.col("start") <= p_end) & (pl.col("end").is_null() | (pl.col("end") >= p_start)))
          .group_by("person").agg(
              dp=((pl.col("delivery") == "direct_payment") | pl.col("c_dp")).any(),
              pb=(pl.col("delivery") == "cassr_managed_pb").any(),
              cm=(pl.col("delivery") == "cassr_commissioned").any())
          .join(P.select("person", "area"), on="person"))
    in_den = pl.col("dp") | pl.col("pb") | pl.col("cm")
    add(cs.filter(in_den), "sds_carers", pl.col("dp") | pl.col("pb"))
    add(cs.filter(in_den), "dp_carers", pl.col("dp"))
    exclude(cs.filter(~in_den), ["sds_carers", "dp_carers"], pl.lit("no_delivery_mechanism"))
    other = (ev_.filter(carer & pl.col("end").is_between(p_start, p_end)).join(cs, on="person", how="anti")
             .group_by("person").agg(
                 ia=((pl.col("et") == "request") & (pl.col("outcome") == "nfa_information_advice")).any(),
                 ar=pl.col("et").is_in(["assessment", "review"]).any())
             .join(P.select("person", "area"), on="person"))
    c_why = pl.when(pl.col("ia")).then(pl.lit("information_advice")).when(pl.col("ar")).then(pl.lit("no_direct_support"))
    exclude(other.filter(c_why.is_not_null()), ["sds_carers", "dp_carers"], c_why)

    # ---- Better Conversations ----
    R = (ev_.filter((pl.col("et") == "request") & pl.col("end").is_between(p_start, p_end))
         .select("person", "ct", "start", "end", "row", "outcome", "nfa", area="la").with_columns(w_end=pl.col("end") + pl.duration(days=28)).sort("start"))

    def next_start(kinds: List[str], name: str) -> pl.LazyFrame:
        """Each request's first event of `kinds` starting on or after the request's start."""
        f = ev_.filter(pl.col("et").is_in(kinds)).select("person", pl.col("start").alias(name)).sort(name)
        return f

    R = R.join_asof(next_start(["assessment"], "a_start"), left_on="start", right_on="a_start", by="person",
                    strategy="forward", check_sortedness=False)
    R = R.join_asof(next_start(["assessment", "service"], "f_start"), left_on="start", right_on="f_start",
                    by="person", strategy="forward", check_sortedness=False)
    R = R.with_columns(
        assessed=(pl.col("a_start") <= pl.col("w_end")).fill_null(False)
        | pl.col("outcome").is_in(["progress_to_assessment", "progress_to_reassessment"]).fill_null(False),
        followed=(pl.col("f_start") <= pl.col("w_end")).fill_null(False),
    ).collect().lazy()
    add(R, "requests_to_assessment", pl.col("assessed"))
    trace("requests")
    Rsu = R.filter(pl.col("ct") == "service_user")
    existing = (Rsu.select("row", "person", r_start="start").join(lt.select("person", "start", "end"), on="person")
                .filter((pl.col("start") <= pl.col("r_start")) & (pl.col("end").is_null() | (pl.col("end") >= pl.col("r_start"))))
                .select("row").unique())
    exclude(Rsu.join(existing, on="row", how="semi"), ["front_door_resolved"], pl.lit("existing_long_term_client"))
    new_r = Rsu.join(existing, on="row", how="anti").with_columns(
        resolved=pl.col("nfa").fill_null(False) & ~pl.col("followed"))
    add(new_r, "front_door_resolved", pl.col("resolved"))
    add(new_r, "front_door_resolved", pl.col("resolved") & (pl.col("outcome") == "nfa_information_advice"),
        ("resolved_by", pl.lit("information_advice")), total=False)
    assess = ev_.filter((pl.col("et") == "assessment") & pl.col("end").is_between(p_start, p_end)).rename({"la": "area"})
    add(assess, "assessments_within_28_days", (pl.col("end") - pl.col("start")).dt.total_days() <= 28)

    # ---- collect ----
    cols = ["measure", "area", "bk", "bv", "num", "den"]
    trace("lazy plans")
    add_df, excl_df = pl.collect_all([
        pl.concat([a.select(cols).with_columns(pl.col("den").cast(pl.Int64), pl.col("num").cast(pl.Int64))
                   for a in adds]),
        pl.concat([e.select("measure", "area", "why", pl.col("n").cast(pl.Int64)) for e in excls]),
    ])
    trace("collect_all")
    return {
        "measures": _rows(add_df, excl_df),
        "ledger": {
            "read": read, "used": E.height,
            "excluded": {k: n for k, n in [("cancelled", cancelled), ("person_id_conflict", n_conflict),
                                           ("duplicate", n_dup), ("superseded_open_service", n_sup)] if n},
            "rejected": [[r, s] for r, s in rejected.iter_rows()],
        },
    }


def _rows(add_df: Any, excl_df: Any) -> List[Dict[str, Any]]:
    """Measure rows from the (small) aggregated tallies: numerator, denominator and exclusions
    per (measure, area, breakdown); a key exists once any unit was added or excluded."""
    out: Dict[Key, Dict[str, Any]] = {}
    for m, area, bk, bv, num, den in add_df.group_by("measure", "area", "bk", "bv").agg(
            pl_sum("num"), pl_sum("den")).iter_rows():
        k = (m, area, ((bk, bv),) if bk else ())
        out[k] = {"numerator": num, "denominator": den, "exclusions": {}}
    for m, area, why, n in excl_df.group_by("measure", "area", "why").agg(pl_sum("n")).iter_rows():
        r = out.setdefault((m, area, ()), {"numerator": 0, "denominator": 0, "exclusions": {}})
        r["exclusions"][why] = n
    rows = []
    for (m, area, bd), r in sorted(out.items()):
        if m in ("reablement_completions", "admissions_18_64", "admissions_65_plus",
                 "admissions_with_disregard_18_64", "admissions_with_disregard_65_plus"):
            r["denominator"] = None  # a count; rates without a supplied population
        rows.append({"measure": m, "area": area, "breakdown": dict(bd), **r})
    return rows


def pl_sum(c: str) -> Any:
    import polars as pl
    return pl.col(c).sum()


# ---------------------------------------------------------------------------------------------
# Our side, the runner and the comparison
# ---------------------------------------------------------------------------------------------

def ours_derive(path: str) -> Dict[str, Any]:
    import care_outcomes as co

    d = co.records.derive(path, period="2024-25", method="2024-25")
    return {
        "measures": [{"measure": m["measure"], "area": m["area"], "breakdown": m["breakdown"],
                      "numerator": m["numerator"], "denominator": m["denominator"],
                      "exclusions": m["exclusions"]} for m in d.measures],
        "ledger": {"read": d.ledger["read"], "used": d.ledger["used"],
                   "excluded": {k: n for k, n in d.ledger["excluded"].items() if n},
                   "rejected": [[r["row"], r["reason"]] for r in d.ledger["rejected"]]},
    }


def child(side: str, path: str, out: str) -> None:
    if side == "polars":
        import polars  # noqa: F401  (imports are not timed on either side)
    else:
        import care_outcomes  # noqa: F401
    t = time.perf_counter()
    result = polars_derive(path) if side == "polars" else ours_derive(path)
    result["seconds"] = time.perf_counter() - t
    Path(out).write_text(json.dumps(result))


def run_side(side: str, path: str) -> Tuple[Dict[str, Any], float]:
    """Runs one side in a fresh interpreter; returns its result and its peak RSS in MB."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    p = subprocess.Popen([sys.executable, __file__, "--side", side, "--csv", path, "--out", out])
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise SystemExit(f"{side} side failed with status {p.returncode}")
    result = json.loads(Path(out).read_text())
    os.unlink(out)
    return result, usage.ru_maxrss / 1024  # Linux: kilobytes


def compare(ours: Dict[str, Any], theirs: Dict[str, Any]) -> List[str]:
    def index(r: Dict[str, Any]) -> Dict[Any, Any]:
        return {(m["measure"], m["area"], tuple(sorted(m["breakdown"].items()))):
                (m["numerator"], m["denominator"], dict(sorted(m["exclusions"].items())))
                for m in r["measures"]}
    a, b = index(ours), index(theirs)
    bad = [f"{k}: ours {a.get(k)}, polars {b.get(k)}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    for k in ("read", "used", "excluded"):
        if ours["ledger"][k] != theirs["ledger"][k]:
            bad.append(f"ledger {k}: ours {ours['ledger'][k]}, polars {theirs['ledger'][k]}")
    if ours["ledger"]["rejected"] != theirs["ledger"]["rejected"]:
        bad.append(f"ledger rejected: ours {len(ours['ledger']['rejected'])} rows, "
                   f"polars {len(theirs['ledger']['rejected'])} rows (lists differ)")
    return bad


# Vocabularies of the adversarial check: R1 and R2 spellings, odd case and spacing, unknown and
# blank values, cancelled rows.
FUZZ = {
    "event_type": ["Request", "Assessment", "Service", "Review", "service ", " REVIEW", "Lunch", ""],
    "client_type": ["Service User", "Carer", "Carer known by association only", "service user", ""],
    "primary_support_reason": ["Learning Disability Support", "Physical support: personal care", "Unknown", "",
                               "bogus"],
    "accommodation_status": ["Owner occupier / shared ownership", "Registered care home", "Unknown", "",
                             "Tenant - private", "Rough sleeper", "Settled mainstream housing with family/friends"],
    "event_outcome": [
        "", "NFA – Information & Advice / Signposting only", "NFA: Information and advice or signposting",
        "Service ended as planned", "NFA: Support ended as planned", "NFA – Deceased",
        "NFA – Self-funded client (inc. 12wk disregard)", "NFA – Support declined", "Progress to Assessment",
        "Progress to Re-assessment / Unplanned Review", "Progress to End of Life Care", "Provision of service",
        "Admitted to Hospital", "NFA – Other", "NFA: Referral to other service within the local authority",
        "NFA – Moved to another LA", "No change in package", "Cancelled", " cancelled ", "Whatever",
        "NFA – 100% NHS-funded care", "Progress to Reablement/ST-Max"],
    "request_route_of_access": ["", "Community / Other route", "Discharge from Hospital", "Self-Funder", "nope"],
    "assessment_type": ["", "Long Term Support Assessment", "Carer Assessment"],
    "service_type": ["ST-Max", "Short Term Support: ST-Max", "Community", "Long Term Support: Community",
                     "Residential Care", "Nursing Care", "Prison", "Ongoing Low Level", "Other Short Term",
                     "Direct to Carer", "Unpaid carer support: Support involving the person cared-for", "", "Meals"],
    "service_component": ["", "Home care", "Short Term Residential Care", "Short-term nursing", "Direct Payment",
                          "Short Term: day care", "Reablement"],
    "delivery_mechanism": ["", "Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned Support", "x"],
}


def fuzz_csv(seed: int, path: str, people: int = 80, dirty: bool = True) -> None:
    """A small adversarial CLD file: dense overlapping histories, near-duplicates that differ in
    submission, end date and outcome, mixed date formats, and (when `dirty`) invalid values."""
    import csv
    import datetime as dt
    import random

    r = random.Random(seed)
    base = dt.date(2023, 10, 1)

    def day(lo: int = -200, hi: int = 600) -> dt.date:
        return base + dt.timedelta(r.randint(lo, hi))

    def pick(col: str) -> str:
        invalid = ["Lunch", "bogus", "nope", "x", "Meals", "Whatever"]
        if col in ("event_type", "client_type"):
            invalid.append("")
        vals = FUZZ[col] if dirty or r.random() < 0.05 else [x for x in FUZZ[col] if x not in invalid]
        return r.choice(vals)

    def fmt(d: dt.date) -> str:
        x = r.random()
        return (d.isoformat() if x < 0.9 else d.strftime("%d/%m/%Y") if x < 0.95
                else d.isoformat() + " 00:00:00" if x < 0.98 else r.choice(["2024-02-30", "31/02/2024", " "]))

    head = ["la_code", "nhs_number", "la_person_unique_identifier", "date_of_birth", "date_of_death",
            "client_type", "primary_support_reason", "accommodation_status", "event_type", "event_start_date",
            "event_end_date", "event_outcome", "request_route_of_access", "assessment_type", "service_type",
            "service_component", "delivery_mechanism", "reporting_period_end_date"]
    subs = ["", "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"]
    rows = []
    for p in range(people):
        la, nhs, lid = r.choice(["LA1", "LA2", " LA1"]), str(9000 + p) if r.random() < 0.8 else "", f"L{p % 50}"
        dob = r.choice(["", day(-30000, -3000).isoformat(), day(-8000, -5000).isoformat(),
                        day(-36000, -20000).isoformat()])
        death = r.choice(["", "", "", day().isoformat(), day(-10, 250).isoformat()])
        if r.random() < 0.2:
            dob = (base + dt.timedelta(r.randint(-2, 2)) - dt.timedelta(days=int(r.choice([18, 65]) * 365.25))).isoformat()
        prev = day()
        for _ in range(r.randint(1, 12)):
            # Often exactly at a rule's boundary from the previous event (7, 28, 91, 365 days).
            s = day() if r.random() < 0.4 else prev + dt.timedelta(
                r.choice([0, 1, 6, 7, 8, 27, 28, 29, 90, 91, 92, 364, 365, 366]))
            e = r.choice(["", (s + dt.timedelta(r.randint(0, 60))).isoformat(),
                          (s + dt.timedelta(r.randint(0, 8))).isoformat()])
            row = [la, nhs if r.random() < 0.95 else "", lid, dob, death, pick("client_type"),
                   pick("primary_support_reason"), pick("accommodation_status"), pick("event_type"), fmt(s),
                   e if r.random() < 0.97 else fmt(s - dt.timedelta(3)), pick("event_outcome"),
                   pick("request_route_of_access"), pick("assessment_type"), pick("service_type"),
                   pick("service_component"), pick("delivery_mechanism"), r.choice(subs)]
            rows.append(row)
            prev = dt.date.fromisoformat(e) if e else s
            if r.random() < 0.3:
                copy = list(row)
                copy[10] = r.choice(["", row[10], (s + dt.timedelta(5)).isoformat()])
                copy[11], copy[17] = r.choice([row[11], pick("event_outcome")]), r.choice([row[17], *subs])
                copy[16], copy[6] = pick("delivery_mechanism"), pick("primary_support_reason")
                rows.append(copy)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(rows)


def fuzz(seeds: int) -> None:
    """Checks the two sides equal on `seeds` clean and `seeds` dirty adversarial files."""
    labels: Dict[str, set] = {}
    bad_runs = 0
    for seed in range(seeds):
        for dirty in (False, True):
            with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as f:
                path = f.name
            fuzz_csv(seed, path, dirty=dirty)
            ours, theirs = ours_derive(path), polars_derive(path)
            os.unlink(path)
            for m in ours["measures"]:
                labels.setdefault(m["measure"], set()).update(m["exclusions"])
            bad = compare(ours, theirs)
            if bad:
                bad_runs += 1
                print(f"seed {seed} dirty={dirty}: {len(bad)} differences")
                for line in bad[:10]:
                    print("  DIFF", line)
    print(f"{2 * seeds} adversarial files, {bad_runs} with differences; exclusion reasons exercised: "
          f"{sum(len(v) for v in labels.values())} across {len(labels)} measures")
    sys.exit(1 if bad_runs else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="synthetic rows to write (seed 1)")
    ap.add_argument("--csv", help="an existing CSV (then nothing is generated or deleted)")
    ap.add_argument("--repeats", type=int, default=3, help="runs of each side (best time, max RSS)")
    ap.add_argument("--keep", action="store_true", help="keep the generated CSV")
    ap.add_argument("--fuzz", type=int, metavar="SEEDS",
                    help="instead: check both sides equal on 2 x SEEDS small adversarial files")
    ap.add_argument("--side", choices=["ours", "polars"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        child(args.side, args.csv, args.out)
        return
    if args.fuzz:
        fuzz(args.fuzz)
    path = args.csv
    if path is None:
        import care_outcomes as co

        path = f"/tmp/cld-polars-bench-{args.rows}.csv"
        t = time.perf_counter()
        co.records.synthetic(events=args.rows, seed=1, path=path)
        print(f"wrote {path} ({os.path.getsize(path) / 1e9:.2f} GB) in {time.perf_counter() - t:.1f} s")
    try:
        best: Dict[str, Tuple[float, float]] = {}
        results: Dict[str, Dict[str, Any]] = {}
        for i in range(args.repeats):
            for side in ("ours", "polars"):
                r, rss = run_side(side, path)
                results[side] = r
                s, m = best.get(side, (float("inf"), 0.0))
                best[side] = (min(s, r["seconds"]), max(m, rss))
                print(f"run {i + 1} {side:6}: {r['seconds']:.2f} s, peak RSS {rss:.0f} MB", flush=True)
        bad = compare(results["ours"], results["polars"])
        led = results["ours"]["ledger"]
        print(f"ledger: read {led['read']} = used {led['used']} + excluded {led['excluded']} "
              f"+ rejected {len(led['rejected'])}")
        print(f"{len(results['ours']['measures'])} measure rows (numerator, denominator, exclusions) "
              f"and the ledger compared: {len(bad)} differences")
        for line in bad[:40]:
            print("  DIFF", line)
        (s_o, m_o), (s_p, m_p) = best["ours"], best["polars"]
        print(f"co.records.derive: {s_o:.2f} s, peak RSS {m_o:.0f} MB; polars: {s_p:.2f} s, "
              f"peak RSS {m_p:.0f} MB; polars / ours = {s_p / s_o:.2f}x time, {m_p / m_o:.2f}x memory")
        sys.exit(1 if bad else 0)
    finally:
        if args.csv is None and not args.keep:
            os.unlink(path)


if __name__ == "__main__":
    main()
