// Reading and writing CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
// Only text handling lives here: every number is computed by the care-outcomes core.

/** Parses CSV text into {header, records}: header names trimmed, records as arrays of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0].trim() === ""));
  const [header = [], ...records] = nonEmpty;
  return { header: header.map((h) => h.trim()), records };
}

/** Records as objects keyed by the header. */
export function toObjects({ header, records }) {
  return records.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""])));
}

/** A CSV cell read as a number: empty is null (missing); other text goes to the core as it
 * parses (`Number`), so a non-number reaches the core's own error. */
export function cellNumber(text) {
  const t = String(text ?? "").trim();
  return t === "" ? null : Number(t);
}

/** CSV text from a header and rows of values (null → empty). */
export function writeCsv(header, rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
