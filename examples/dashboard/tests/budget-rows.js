// The rows of the dashboard's speed budget (issue 8): every ASCOF definition of the catalogue ×
// England and 153 councils, with deterministic illustrative counts in each unit's range (not real
// data), and the evaluate options (benchmark England, the first 15 councils as comparators).
// Loaded in the page by the dashboard test and by benches/js/parts.mjs, so both time the same
// rows; `dashboard_inputs()` in benches/src/lib.rs builds them natively for callgrind.

/** `{defs, councils, rows, options}` for the package `co` (any part with `catalogue`). */
export function budgetRows(co) {
  const defs = co.catalogue({ framework: "ascof" });
  const councils = Array.from({ length: 153 }, (_, i) => `Council ${String(i + 1).padStart(3, "0")}`);
  const rows = [];
  defs.forEach((d, j) => ["England", ...councils].forEach((area, i) => {
    const k = (i * 7919 + j * 104729) % 1000;
    const den = d.unit === "per100000" ? 50000 + k * 900 : 200 + k * 5;
    const per = { score0_to24: 18 + k / 500, score0_to12: 7 + k / 500, adjusted_score: 0.4 + k / 5000, per100000: (200 + k) / 100000 }[d.unit] ?? 0.3 + k / 2000;
    rows.push({ area, period: "2024-25", indicator: d.id, numerator: Math.round(den * per), denominator: den });
  }));
  return { defs, councils, rows, options: { benchmark: "England", comparators: councils.slice(0, 15) } };
}
