/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF line ends, a field quoted when
 * it holds a comma, quote, CR or LF, quotes doubled. Pure; no I/O.
 *
 * Formula injection (OWASP "CSV Injection"): host names, NIC names and error texts come from
 * the user's hosts, so a text field starting with = + - @ or a tab/CR would be run as a formula
 * by Excel or LibreOffice when the export is opened. Such a field gets a leading apostrophe,
 * which spreadsheets show as text. Numbers are written as numbers (a negative one stays -5).
 */

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** A table to export: column names, and how to turn one item into its cells. */
export type Table<T> = { columns: readonly string[]; row: (item: T) => Cell[] };

/** Header line, then one line per item: chunks to write one after the other. */
export async function* csvChunks<T>(table: Table<T>, items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<string> {
  // A byte order mark so that Excel reads UTF-8 (host names in other scripts) as UTF-8.
  yield `\uFEFF${csvLine(table.columns)}`;
  for await (const item of items) yield csvLine(table.row(item));
}

/** A JSON array written item by item, so that a long export is never one string in memory. */
export async function* jsonChunks<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const item of items) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}
