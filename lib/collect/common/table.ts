import type { SkippedLine } from "@/lib/domain/rows";

/*
 * Reads the fixed-width tables of esxcli, esxcfg-*, dladm, ipadm, netsh and PowerShell's
 * Format-Table. Columns are located from the header (or from the dash line under it), then each
 * word of a row goes to the column it overlaps most. That keeps multi-word values ("Management
 * Network", "1199 sec", "Intel Corporation 82599EB ...") together, copes with right-aligned
 * numbers, and leaves a column empty when a row has nothing under it (ESXi's blank State).
 */

export type Column = { name: string; start: number };
export type TableRow = { line: string; cells: Map<string, string> };

type Word = { text: string; start: number; end: number };

function words(line: string): Word[] {
  const out: Word[] = [];
  for (const match of line.matchAll(/\S+/g)) {
    out.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** Columns from a header line, given the column titles in order (titles may contain spaces). */
export function columnsFromHeader(header: string, titles: readonly string[]): Column[] | null {
  const columns: Column[] = [];
  let from = 0;
  for (const title of titles) {
    const at = header.indexOf(title, from);
    if (at < 0) return null;
    columns.push({ name: title, start: at });
    from = at + title.length;
  }
  return columns;
}

/** Columns from a dash line ("----  ------------  ------"), named by the header above it. */
export function columnsFromDashes(header: string, dashes: string): Column[] {
  return words(dashes).map((run, i, all) => {
    const next = all[i + 1];
    const name = header.slice(run.start, next ? next.start : undefined).trim();
    return { name: name === "" ? `#${i}` : name, start: run.start };
  });
}

export const isDashLine = (line: string) => /^\s*-{2,}(?:\s+-{2,})*\s*$/.test(line);

/** Cells of one row, keyed by column name; a column with no word under it is "". */
export function cellsOf(line: string, columns: readonly Column[]): Map<string, string> {
  const buckets: string[][] = columns.map(() => []);
  for (const word of words(line)) {
    let best = -1;
    let bestOverlap = 0;
    columns.forEach((column, i) => {
      const end = columns[i + 1]?.start ?? Number.POSITIVE_INFINITY;
      const overlap = Math.min(word.end, end) - Math.max(word.start, column.start);
      if (overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    // A word left of every column (less indented than the header) belongs to the first.
    if (best < 0) best = word.end <= (columns[0]?.start ?? 0) ? 0 : columns.length - 1;
    buckets[best]?.push(word.text);
  }
  return new Map(columns.map((column, i) => [column.name, (buckets[i] ?? []).join(" ")]));
}

export type ParsedTable = { columns: Column[]; rows: TableRow[]; skipped: SkippedLine[] };

/**
 * More columns than any table netdiag reads has (the widest capture, `esxcli network nic list`,
 * has 10). Every row costs one cell per column, so a hostile dash line of 300,000 runs under a
 * real header made each row cost that much, and the table quadratic in the output's size.
 */
const MAX_COLUMNS = 64;

/**
 * A table whose header is the first line containing every title, optionally followed by a dash
 * line. Lines before the header are returned as skipped (unless blank); blank lines inside the
 * table are ignored. Returns null columns when no header is found.
 */
export function readTable(lines: readonly string[], titles: readonly string[]): ParsedTable {
  const skipped: SkippedLine[] = [];
  let columns: Column[] | null = null;
  const rows: TableRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (columns === null) {
      const found = columnsFromHeader(line, titles);
      if (found) {
        const next = lines[i + 1];
        const dashed = next !== undefined && isDashLine(next) ? columnsFromDashes(line, next) : null;
        columns = dashed && dashed.length <= MAX_COLUMNS ? dashed.map(renameTo(found)) : found;
        if (dashed && dashed.length > MAX_COLUMNS) skipped.push({ line: next ?? "", reason: `a dash line of ${dashed.length} columns is not this table's: columns read from the header` });
        if (dashed) i++;
      } else {
        skipped.push({ line, reason: `before the table header (${titles.join(", ")})` });
      }
      continue;
    }
    rows.push({ line, cells: cellsOf(line, columns) });
  }
  if (columns === null) return { columns: [], rows: [], skipped };
  return { columns, rows, skipped };
}

/** Dash-line columns keep the titles the caller asked for, matched by position. */
function renameTo(titles: readonly Column[]) {
  return (column: Column): Column => {
    const title = titles.find((t) => t.start >= column.start - 1 && t.start <= column.start + 1);
    return title ? { name: title.name, start: column.start } : column;
  };
}

/**
 * Columns for a header whose titles vary between releases: every known title found in the line
 * (longest spelling first, no overlaps), in the order they appear. Null without the required ones.
 */
export function columnsFromKnownTitles(header: string, known: readonly string[], required: readonly string[]): Column[] | null {
  const taken: [number, number][] = [];
  const found: Column[] = [];
  for (const title of [...known].sort((a, b) => b.length - a.length)) {
    const re = new RegExp(`(?<=^|\\s)${title.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?=\\s|$)`, "g");
    for (const match of header.matchAll(re)) {
      const start = match.index;
      const end = start + title.length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      found.push({ name: title, start });
      break;
    }
  }
  if (!required.every((title) => found.some((column) => column.name === title))) return null;
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A header-led table whose titles vary by release; rows keyed by the titles found. When a dash
 * line follows the header, its runs give the column starts (values are aligned to the dashes,
 * not to titles centred above them, as in Solaris' arp -an), named by the title inside each run.
 */
export function readKnownTable(lines: readonly string[], known: readonly string[], required: readonly string[]): ParsedTable {
  const skipped: SkippedLine[] = [];
  const rows: TableRow[] = [];
  let columns: Column[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (columns === null) {
      columns = columnsFromKnownTitles(line, known, required);
      if (columns === null) {
        skipped.push({ line, reason: `before the table header (${required.join(", ")})` });
        continue;
      }
      const dashes = lines[i + 1];
      if (dashes !== undefined && isDashLine(dashes)) {
        columns = namedRuns(columns, dashes);
        i++;
      }
      continue;
    }
    rows.push({ line, cells: cellsOf(line, columns) });
  }
  return { columns: columns ?? [], rows, skipped };
}

function namedRuns(titles: readonly Column[], dashes: string): Column[] {
  const runs = words(dashes);
  if (runs.length !== titles.length) return [...titles];
  return runs.map((run, i) => {
    const title = titles.find((t) => t.start >= run.start && t.start < run.end) ?? titles[i];
    return { name: title?.name ?? `#${i}`, start: run.start };
  });
}
