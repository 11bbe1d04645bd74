// The dashboard's evaluation of its table through co.evaluateColumns, the fastest form of
// evaluate for large tables: input rows go in as columns (each distinct text once, counts as a
// Float64Array) and the result columns come back as row objects of exactly the shape
// co.evaluate returns. Conversions only: every figure is the core's.

/** A text column being coded: each distinct text (or null) once, a code per row. */
class TextCodes {
  constructor(n) {
    this.index = new Map();
    this.values = [];
    this.codes = new Uint32Array(n);
    this.last = undefined;
    this.lastCode = -1;
  }

  set(i, v) {
    // Rows often repeat the previous row's text (one period, one indicator in a run).
    if (this.lastCode < 0 || v !== this.last) {
      let c = this.index.get(v);
      if (c === undefined) {
        c = this.values.length;
        this.values.push(v);
        this.index.set(v, c);
      }
      this.last = v;
      this.lastCode = c;
    }
    this.codes[i] = this.lastCode;
  }

  column() {
    return { values: this.values, codes: this.codes };
  }
}

/**
 * Input rows as the columns of `evaluateColumns`, read in one pass. A count column is a
 * Float64Array (NaN = missing) when every count is a number or missing, and is left out when
 * every row lacks it (the core reads no column as missing in every row); otherwise it is the
 * values as they are, so that the core refuses them with its own error instead of a silent
 * coercion.
 */
export function inputColumns(rows) {
  const n = rows.length;
  const area = new TextCodes(n);
  const period = new TextCodes(n);
  const indicator = new TextCodes(n);
  const breakdown = new TextCodes(n);
  const counts = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const given = [false, false, false];
  const plain = [true, true, true];
  const count = (k, i, v) => {
    if (typeof v === "number") {
      counts[k][i] = v;
      given[k] = true;
    } else if (v === null || v === undefined) {
      counts[k][i] = NaN;
    } else {
      plain[k] = false;
    }
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    area.set(i, r.area ?? null);
    period.set(i, r.period ?? null);
    indicator.set(i, r.indicator ?? null);
    breakdown.set(i, r.breakdown ?? null);
    count(0, i, r.numerator);
    count(1, i, r.denominator);
    count(2, i, r.population);
  }
  const column = (k, key, optional) => {
    if (!plain[k]) return rows.map((r) => r[key] ?? null);
    return optional && !given[k] ? undefined : counts[k];
  };
  return {
    area: area.column(), period: period.column(), indicator: indicator.column(), breakdown: breakdown.column(),
    numerator: column(0, "numerator", false), denominator: column(1, "denominator", true), population: column(2, "population", true),
  };
}

/** The result columns of `evaluateColumns` as the row objects `evaluate` returns. */
export function resultRows(c) {
  // Every column and dictionary is read once here, so that the loop makes no call per field:
  // fast from the first call, before V8 has optimised the function. A number column holds NaN
  // for null (NaN is the one value not equal to itself).
  const [area, areaC] = [c.area.values, c.area.codes];
  const [period, periodC] = [c.period.values, c.period.codes];
  const [indicator, indicatorC] = [c.indicator.values, c.indicator.codes];
  const [code, codeC] = [c.code.values, c.code.codes];
  const [breakdown, breakdownC] = [c.breakdown.values, c.breakdown.codes];
  const [breakdownLabel, breakdownLabelC] = [c.breakdownLabel.values, c.breakdownLabel.codes];
  const [domain, domainC] = [c.domain.values, c.domain.codes];
  const [version, versionC] = [c.version.values, c.version.codes];
  const [confidence, confidenceC] = [c.confidence.values, c.confidence.codes];
  const [method, methodC] = [c.method.values, c.method.codes];
  const [reason, reasonC] = [c.reason.values, c.reason.codes];
  const [published, publishedC] = [c.published.values, c.published.codes];
  const [symbol, symbolC] = [c.symbol.values, c.symbol.codes];
  const [flags, flagsC] = [c.flags.values, c.flags.codes];
  const [benchmark, benchmarkC] = [c.benchmark.values, c.benchmark.codes];
  const [benchmarkComparison, benchmarkComparisonC] = [c.benchmarkComparison.values, c.benchmarkComparison.codes];
  const [comparatorComparison, comparatorComparisonC] = [c.comparatorComparison.values, c.comparatorComparison.codes];
  const [madBand, madBandC] = [c.madBand.values, c.madBand.codes];
  const [direction, directionC] = [c.direction.values, c.direction.codes];
  const [previousPeriod, previousPeriodC] = [c.previousPeriod.values, c.previousPeriod.codes];
  const { revision, numerator, denominator, value, lower, upper, benchmarkValue, comparatorValue, quartile } = c;
  const out = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const d = denominator[i], v = value[i], lo = lower[i], up = upper[i], bv = benchmarkValue[i], cv = comparatorValue[i];
    out[i] = {
      area: area[areaC[i]], period: period[periodC[i]], indicator: indicator[indicatorC[i]], code: code[codeC[i]],
      breakdown: breakdown[breakdownC[i]], breakdownLabel: breakdownLabel[breakdownLabelC[i]], domain: domain[domainC[i]],
      version: version[versionC[i]], revision: revision[i], numerator: numerator[i], denominator: d === d ? d : null,
      value: v === v ? v : null, lower: lo === lo ? lo : null, upper: up === up ? up : null, confidence: confidence[confidenceC[i]],
      method: method[methodC[i]], reason: reason[reasonC[i]], published: published[publishedC[i]], symbol: symbol[symbolC[i]],
      flags: flags[flagsC[i]].slice(), benchmark: benchmark[benchmarkC[i]], benchmarkValue: bv === bv ? bv : null,
      benchmarkComparison: benchmarkComparison[benchmarkComparisonC[i]], comparatorValue: cv === cv ? cv : null,
      comparatorComparison: comparatorComparison[comparatorComparisonC[i]], quartile: quartile[i] || null,
      madBand: madBand[madBandC[i]], direction: direction[directionC[i]], previousPeriod: previousPeriod[previousPeriodC[i]],
    };
  }
  return out;
}

/** `co.evaluate(rows, options)`, the same rows, through the columns. */
export function evaluateTable(co, rows, options) {
  return resultRows(co.evaluateColumns(inputColumns(rows), options));
}
