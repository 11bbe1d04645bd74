// The dashboard's evaluation of its table through co.evaluateColumns, the fastest form of
// evaluate for large tables: input rows go in as columns (each distinct text once, counts as a
// Float64Array) and the result columns come back as row objects of exactly the shape
// co.evaluate returns. Conversions only: every figure is the core's.

/** Input rows as the columns of `evaluateColumns`. */
export function inputColumns(rows) {
  const n = rows.length;
  const text = (key) => {
    const index = new Map();
    const values = [];
    const codes = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][key] ?? null;
      let c = index.get(v);
      if (c === undefined) {
        c = values.length;
        values.push(v);
        index.set(v, c);
      }
      codes[i] = c;
    }
    return { values, codes };
  };
  // A Float64Array (NaN = missing) when every count is a number or missing; otherwise the values
  // as they are, so that the core refuses them with its own error instead of a silent coercion.
  const count = (key) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][key];
      if (typeof v === "number") out[i] = v;
      else if (v === null || v === undefined) out[i] = NaN;
      else return rows.map((r) => r[key] ?? null);
    }
    return out;
  };
  return {
    area: text("area"), period: text("period"), indicator: text("indicator"), breakdown: text("breakdown"),
    numerator: count("numerator"), denominator: count("denominator"), population: count("population"),
  };
}

/** The result columns of `evaluateColumns` as the row objects `evaluate` returns. */
export function resultRows(c) {
  const t = (col, i) => col.values[col.codes[i]];
  const x = (col, i) => (Number.isNaN(col[i]) ? null : col[i]);
  const out = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    out[i] = {
      area: t(c.area, i), period: t(c.period, i), indicator: t(c.indicator, i), code: t(c.code, i),
      breakdown: t(c.breakdown, i), breakdownLabel: t(c.breakdownLabel, i), domain: t(c.domain, i),
      version: t(c.version, i), revision: c.revision[i], numerator: c.numerator[i], denominator: x(c.denominator, i),
      value: x(c.value, i), lower: x(c.lower, i), upper: x(c.upper, i), confidence: t(c.confidence, i),
      method: t(c.method, i), reason: t(c.reason, i), published: t(c.published, i), symbol: t(c.symbol, i),
      flags: [...t(c.flags, i)], benchmark: t(c.benchmark, i), benchmarkValue: x(c.benchmarkValue, i),
      benchmarkComparison: t(c.benchmarkComparison, i), comparatorValue: x(c.comparatorValue, i),
      comparatorComparison: t(c.comparatorComparison, i), quartile: c.quartile[i] || null,
      madBand: t(c.madBand, i), direction: t(c.direction, i), previousPeriod: t(c.previousPeriod, i),
    };
  }
  return out;
}

/** `co.evaluate(rows, options)`, the same rows, through the columns. */
export function evaluateTable(co, rows, options) {
  return resultRows(co.evaluateColumns(inputColumns(rows), options));
}
