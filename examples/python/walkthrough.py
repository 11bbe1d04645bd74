# %% [markdown]
# # care-outcomes: a walkthrough in Python
#
# From tables of counts to a published, disclosure-controlled table, on the bundled sample data:
#
# 1. the official ASCOF 2020-21 counts (`examples/data/ascof-2020-21-sample.csv`) as a **pandas**
#    and a **polars** table, resolved through the catalogue and evaluated into the framework
#    table (95% intervals, published rounding, England benchmark, comparator group, quartiles);
# 2. Leeds' **Better Lives** framework on `examples/data/better-lives-sample.csv`;
# 3. a **synthetic Client Level Data** extract: measures derived with their row ledger, fed into
#    the same evaluation;
# 4. an **SPC chart** (XmR, Making Data Count rules) and a **funnel plot**, shown inline and
#    written as SVG files;
# 5. the **return on investment** of a reablement service;
# 6. a **published CSV** with disclosure control on.
#
# Every rule, default and rounding is the Rust core's; this notebook only moves tables in and
# out. It is generated from `walkthrough.py` (the script CI runs, which asserts its key outputs)
# by `make_notebook.py`: edit the script, then run `python make_notebook.py`.

# %%
from __future__ import annotations

import argparse
import csv
import pathlib
import sys
import tempfile
from typing import Any

import pandas as pd
import polars as pl

import care_outcomes as co


def find_data() -> pathlib.Path:
    """The bundled sample data (examples/data), next to this script or below the working dir."""
    here = pathlib.Path(__file__).resolve().parent if "__file__" in globals() else pathlib.Path.cwd()
    for base in (here, *here.parents):
        if (base / "examples" / "data" / "ascof-2020-21-sample.csv").is_file():
            return base / "examples" / "data"
        if (base / "data" / "ascof-2020-21-sample.csv").is_file():
            return base / "data"
    raise SystemExit("cannot find examples/data/ascof-2020-21-sample.csv")


def show(obj: Any) -> None:
    """Displays rich output (tables, SVG charts) in a notebook; prints it in a terminal."""
    try:
        from IPython import get_ipython
        from IPython.display import display

        in_notebook = get_ipython() is not None
    except ImportError:
        in_notebook = False
    if in_notebook:
        display(obj)
    else:
        print(repr(obj) if hasattr(obj, "_repr_svg_") else obj)


def check(condition: bool, what: str) -> None:
    """Stops with a non-zero exit status when an expected output is not met."""
    if not condition:
        raise SystemExit(f"walkthrough check failed: {what}")
    print(f"ok: {what}")


# `--out DIR` (default: a new temporary directory); unknown arguments (a kernel's `-f ...`) are
# ignored so that the same cell runs in a notebook.
parser = argparse.ArgumentParser(description="care-outcomes walkthrough")
parser.add_argument("--out", type=pathlib.Path, default=None, help="output directory")
args, _ = parser.parse_known_args()
OUT = args.out or pathlib.Path(tempfile.mkdtemp(prefix="care-outcomes-walkthrough-"))
OUT.mkdir(parents=True, exist_ok=True)
DATA = find_data()
pd.set_option("display.width", 160)
pd.set_option("display.max_columns", 20)
print(f"care_outcomes {co.__version__}; data {DATA}; output {OUT}")

# %% [markdown]
# ## 1. ASCOF 2020-21 from a pandas table of counts
#
# The open-data file names each measure by its NHS measure code (`2B185OV` is 2B(1) for people
# aged 85 and over). `co.resolve_open_data_code` finds the catalogue definition and breakdown
# suffix of each code; area names are shortened to the council's name.

# %%
raw = pd.read_csv(DATA / "ascof-2020-21-sample.csv", dtype={"value": str})
resolved = [co.resolve_open_data_code("legacy", m) for m in raw["measure"]]
check(all(r is not None for r in resolved), "every open-data code resolves in the catalogue")
counts = pd.DataFrame(
    {
        "area": raw["area"].str.split(" (", n=1, regex=False).str[0],
        "period": raw["year"],
        "indicator": [r[0] for r in resolved if r is not None],
        "breakdown": [r[1] for r in resolved if r is not None],
        "numerator": raw["numerator"],
        "denominator": raw["denominator"],
    }
)
show(counts.head(8))

# %% [markdown]
# `co.evaluate` gives one result row per input row: the value with its 95% interval, the
# published value (rounded by the definition's rule), and comparisons with England, with a
# comparator group (its summed counts; here Leeds and Coventry, two of Birmingham's CIPFA
# nearest neighbours) and among the councils (quartile 1 is best, MAD band).

# %%
ascof = co.evaluate(counts, benchmark="England", comparators=["Leeds", "Coventry"])
columns = ["area", "code", "breakdown_label", "numerator", "denominator", "lower", "upper",
           "published", "benchmark_comparison", "comparator_comparison", "quartile", "mad_band"]
show(ascof[ascof["code"] == "2B(1)"][columns])

# %%
two_b1 = ascof[(ascof["code"] == "2B(1)") & ascof["breakdown"].isna()].set_index("area")
check(two_b1.loc["Leeds", "published"] == "81.4", "Leeds 2B(1) 2020-21 publishes 81.4")
check(two_b1.loc["Birmingham", "published"] == "48.8", "Birmingham 2B(1) 2020-21 publishes 48.8")
check(list(ascof["published"]) == list(raw["value"]),
      "all 44 recomputed published values equal the official ones")
check(two_b1.loc["Birmingham", "benchmark_comparison"] == "worse",
      "Birmingham's 2B(1) is worse than England's")

# %% [markdown]
# The same from a **polars** table: polars in, polars out, the same numbers.

# %%
raw_pl = pl.read_csv(DATA / "ascof-2020-21-sample.csv", schema_overrides={"value": pl.Utf8})
codes = [co.resolve_open_data_code("legacy", m) for m in raw_pl["measure"]]
counts_pl = pl.DataFrame(
    {
        "area": raw_pl["area"].str.split(" (").list.first(),
        "period": raw_pl["year"],
        "indicator": [c[0] for c in codes if c is not None],
        "breakdown": [c[1] for c in codes if c is not None],
        "numerator": raw_pl["numerator"],
        "denominator": raw_pl["denominator"],
    }
)
ascof_pl = co.evaluate(counts_pl, benchmark="England", comparators=["Leeds", "Coventry"])
show(ascof_pl.filter(pl.col("code") == "2D").select(columns))
check(isinstance(ascof_pl, pl.DataFrame), "a polars table evaluates to a polars table")
check(ascof_pl["published"].to_list() == ascof["published"].tolist()
      and ascof_pl["value"].to_list() == ascof["value"].tolist()
      and ascof_pl["quartile"].to_list() == ascof["quartile"].astype(object).where(
          ascof["quartile"].notna(), None).tolist(),
      "pandas and polars give the same values, published values and quartiles")

# %% [markdown]
# ## 2. Leeds' Better Lives framework
#
# A built-in framework (five domains, provisional definitions) evaluated on a few counts: the
# BC3 and BV2 rows are official ASCOF counts for Leeds, the others are illustrative (see
# `examples/data/README.md`). There is no England benchmark for local indicators; the direction
# of travel compares each period with the previous one.

# %%
better_lives = co.framework("better-lives", "2022-27")
print(better_lives)
for domain in better_lives.domains:
    print(f"  {domain.id}: {domain.title} ({', '.join(domain.indicators)})")
local = pd.read_csv(DATA / "better-lives-sample.csv")
bl = co.evaluate(local, better_lives, benchmark=None)
show(bl[["period", "code", "domain", "numerator", "denominator", "published", "direction",
         "flags"]])
bc4 = bl[bl["code"] == "BC4"].set_index("period")
check(list(bc4["published"]) == ["27.0", "18.0"], "BC4 publishes 27.0 then 18.0")
check(bc4.loc["2023-24", "direction"] == "improved",
      "fewer contacts leading to an assessment is an improvement")

# %% [markdown]
# ## 3. A synthetic Client Level Data extract
#
# `co.records.synthetic` writes a seeded, deterministic CLD extract (requests, assessments,
# reablement, long-term services, carers; with duplicates, cancellations and invalid rows) and
# `co.records.derive` computes the measures from it. The ledger accounts for every row:
# read = used + excluded + rejected.

# %%
cld = co.records.synthetic(events=60_000, seed=11, areas=12)
cld_path = OUT / "cld-synthetic.csv"
cld_path.write_text(cld, encoding="utf-8")
populations = {f"LA{i:03d}": {"18-64": 300_000 + 20_000 * i, "65+": 80_000 + 5_000 * i}
               for i in range(1, 13)}
derived = co.records.derive(cld_path, period="2024-25", method="2024-25",
                            populations=populations)
ledger = derived.ledger
print(derived)
print({k: v for k, v in ledger.items() if k != "rejected"}, f"rejected: {len(ledger['rejected'])}")
show(pd.DataFrame(ledger["rejected"]).groupby("reason").size().rename("rows"))
check(ledger["read"] == cld.count("\n") - 1, "the ledger reads every data row of the extract")
check(ledger["read"] == ledger["used"] + sum(ledger["excluded"].values()) + len(ledger["rejected"]),
      "ledger identity: read = used + excluded + rejected")

# %% [markdown]
# Each derived row is a count for one measure, area and breakdown (the admissions rates 2B and 2C
# take the populations given to `derive` as their denominators). `derived.input_rows()` links each
# count to the catalogue definition it is the numerator and denominator of — the core's link, by
# framework version and code, with the open-data suffix of an age band — or to None where the
# catalogue has none; `derived.input_table()` gives the linked rows as the columns `co.evaluate`
# takes. The link also knows what a join on framework and code would miss: 2E's two parts are
# `2E1` (learning disability) and `2E2` (all), and the local reablement rate is
# `reablement/independent_at_end`. The totals are evaluated like the official counts above; the
# councils are ranked into quartiles per indicator.

# %%
measures = derived.to_pandas()
show(measures.head(6))
linked = derived.input_rows()
print("derived measures with no catalogue definition (not evaluated):",
      sorted({m["measure"] for m, row in zip(derived.measures, linked)
              if row is None and not m["breakdown"]}))
feed = pd.DataFrame(derived.input_table())
feed = feed[feed["breakdown"].isna()]
check({"ascof-2024-25/2E1", "ascof-2024-25/2E2", "reablement/independent_at_end"}
      <= set(feed["indicator"]), "the core links 2E's two parts and the reablement rate too")
cld_table = co.evaluate(feed, benchmark=None)
show(cld_table[cld_table["area"] == "LA001"][
    ["indicator", "numerator", "denominator", "published", "lower", "upper", "method",
     "quartile", "flags"]])
check(len(cld_table) == len(feed) and cld_table["published"].notna().all(),
      "every derived total with a catalogue definition evaluates to a published value")

# %% [markdown]
# ## 4. SPC chart and funnel plot
#
# The monthly share of requests followed by an assessment within 28 days (BC4) in one council,
# derived month by month from the same extract, as an XmR chart under Making Data Count rules
# (lower is better for BC4), shown inline and written as SVG.

# %%
months = pd.date_range("2023-01-01", "2025-03-01", freq="MS")
bc4_monthly: list[dict[str, Any]] = []
for start in months:
    end = (start + pd.offsets.MonthEnd(0)).date()
    d = co.records.derive(cld_path, period=f"{start.date()}..{end}")
    bc4_monthly += [r for r in d.input_rows() if r is not None and r["area"] == "LA001"
                    and r["indicator"] == "better-lives/BC4" and r.get("breakdown") is None]
bc4_values = co.evaluate(
    {k: [r.get(k) for r in bc4_monthly]
     for k in ("area", "period", "indicator", "numerator", "denominator")}, benchmark=None)["value"]
chart = co.spc.xmr(bc4_values, improvement_direction="decrease")
(OUT / "spc-bc4-la001.svg").write_text(
    chart.svg(title="LA001: requests leading to an assessment within 28 days (%)",
              labels=[m.strftime("%b %Y") for m in months]), encoding="utf-8")
show(chart)
check(len(chart.points) == len(months) and chart.limits is not None,
      f"XmR chart of {len(months)} months with limits")

# %% [markdown]
# A funnel plot of the councils' 2A (the share of new clients whose short-term support needed no
# long-term support after it) against their denominators, with 95% and 99.8% limits.

# %%
two_a = cld_table[cld_table["indicator"] == "ascof-2024-25/2A"].sort_values("area")
funnel = co.funnel(two_a["numerator"], two_a["denominator"])
(OUT / "funnel-2a.svg").write_text(
    funnel.svg(title="2A by council, 2024-25 (synthetic)", labels=list(two_a["area"]),
               x_label="new clients after short-term support (denominator)", y_label="%"),
    encoding="utf-8")
show(funnel)
check(len(funnel.units) == 12, "a funnel of 12 councils")
for name in ("spc-bc4-la001.svg", "funnel-2a.svg"):
    check((OUT / name).read_text(encoding="utf-8").startswith("<svg"), f"{name} is an SVG")

# %% [markdown]
# ## 5. The return on investment of a reablement service
#
# A published claim — "£1m net savings in year one", "£7.78 for every £1" — recomputed with its
# assumptions explicit: a £150,000 service, £1,167,000 gross avoided spend on long-term support,
# one year, undiscounted. The outputs are named apart: the benefit–cost ratio is "£x for every
# £1"; the net ROI is (B − C) / C.

# %%
claim = co.economics.cost_benefit(
    costs=[{"name": "short-term reablement service", "by_year": [150_000]}],
    benefits=[{"name": "gross avoided spend on long-term support", "by_year": [1_167_000],
               "value_type": "fiscal_cashable"}],
    schedule="undiscounted")
print(f"benefit_cost_ratio {claim.benefit_cost_ratio:.2f}, net_roi {claim.net_roi:.2f}, "
      f"net_present_value £{claim.net_present_value:,.0f}")
check(abs(claim.benefit_cost_ratio - 7.78) < 1e-12, "benefit-cost ratio 7.78")
check(abs(claim.net_roi - 6.78) < 1e-12, "net ROI 6.78")

# %% [markdown]
# The same kind of service built up from outcomes: 400 people, 30% leaving independent, 35%
# deadweight, a £250 weekly package for 52 weeks, a £900,000 service; then how the ratio moves
# with each assumption (a tornado) and where it breaks even.

# %%
model = {"kind": "reablement", "people": 400, "share_independent": 0.3, "deadweight": 0.35,
         "weekly_package_cost": 250, "weeks": 52, "service_cost": 900_000,
         "schedule": "undiscounted"}
service = co.economics.evaluate(model)
print(f"people independent {service.people_independent:.0f}; net saving "
      f"£{service.net_saving:,.0f}; BCR {service.cost_benefit.benefit_cost_ratio:.4f}")
tornado = co.economics.one_way(model, "benefit_cost_ratio",
                               [{"parameter": "deadweight", "low": 0.2, "high": 0.5},
                                {"parameter": "weekly_package_cost", "low": 200, "high": 300}])
show(tornado.to_pandas("bars"))
even = co.economics.break_even(model, "deadweight", metric="benefit_cost_ratio", target=1.0,
                               low=0.0, high=1.0)
print(f"break-even deadweight: {even.value:.4f}")
check(abs(service.cost_benefit.benefit_cost_ratio - 1.1266666666666667) < 1e-12,
      "the outcome model gives BCR 1.1267 (vector ROI03)")

# %% [markdown]
# ## 6. A published CSV with disclosure control
#
# A monthly management table: the CLD-derived 2A counts for March 2025 by council and age band
# (18-64, 65+ and their total), published under disclosure control, which is on by default. A
# cell with a denominator below the rule's threshold is withheld (`[c]`, primary) and so is a
# partner in each of its sums (secondary), so that no withheld cell can be worked out from the
# published total and the other band. Only the published columns go into the CSV.

# %%
march = co.records.derive(cld_path, period="2025-03-01..2025-03-31").to_pandas()
by_age = march[march["code"] == "2A"].assign(
    age=lambda m: m["breakdown"].map(lambda b: b.get("age", "Total")),
    denominator=lambda m: m["denominator"].astype("int64"))
table = by_age[["area", "age", "numerator", "denominator"]].sort_values(["area", "age"])
published = co.publish(table.reset_index(drop=True), dimensions=["area", "age"])
for line in published.attrs["care_outcomes.publish"]["log"]:
    print(line)
release = published[["area", "age", "published_numerator", "published_denominator",
                     "value_text", "symbol", "reason"]]
check(all(str(release[c].dtype) == "Int64" for c in ("published_numerator", "published_denominator")),
      "the published counts are whole numbers, null where withheld (pandas Int64)")
published_csv = OUT / "published-2a-by-age-2025-03.csv"
release.to_csv(published_csv, index=False)
show(release[release["area"].isin(release.loc[release["symbol"].notna(), "area"])])
print(f"written {published_csv}")

# %% [markdown]
# What disclosure control does not hide: where a published total is 100.0 (or 0.0), every band
# has that value too, withheld or not (`docs/disclosure.md`, "What is not claimed").
#
# Checks on the file as written: withheld cells carry `[c]` and no count, and none can be
# recovered by the sums (total − the other band needs two published cells of the three).

# %%
with published_csv.open(encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
check("numerator" not in rows[0] and "denominator" not in rows[0],
      "the CSV holds only published columns")
withheld = [r for r in rows if r["reason"] in ("primary", "secondary")]
check(any(r["reason"] == "primary" for r in withheld)
      and any(r["reason"] == "secondary" for r in withheld),
      f"the published table withholds cells by the rule and to protect them ({len(withheld)})")
check(all(r["value_text"] == "[c]" and r["symbol"] == "[c]" and r["published_numerator"] == ""
          and r["published_denominator"] == "" for r in withheld),
      "every withheld cell carries [c] and no count")
areas = sorted({r["area"] for r in rows})
lone = [a for a in areas if sum(r in withheld for r in rows if r["area"] == a) == 1]
check(lone == [], f"in none of the {len(areas)} sums total = 18-64 + 65+ is a withheld cell alone")
check(published.attrs["care_outcomes.publish"]["unprotected"] == [],
      "the core's audit recovers no withheld cell")

# %%
print(f"walkthrough finished; outputs in {OUT}:")
for p in sorted(OUT.iterdir()):
    print(f"  {p.name} ({p.stat().st_size:,} bytes)")
sys.stdout.flush()
