import { z } from "zod";
import type { SkippedLine } from "@/lib/domain/rows";
import { counterOf } from "@/lib/collect/common/interface";

/*
 * JSON.parse turns integers above 2^53 into lossy doubles, and kernel counters are u64 that
 * pass that on busy links. Integer literals of 16+ digits (outside strings) are quoted before
 * parsing so `counter` below can read them exactly. The closing quote of a string is optional:
 * with it required, every `"` of an unterminated run of `"\"\"\"…` started a scan to the end of
 * the text (quadratic: 2 s for 80,000 characters); now a string that never closes is one token
 * to the end, and JSON.parse reports it.
 */
// The string alternative is written as an unrolled loop ("[^"\\]*(\\.[^"\\]*)*"): one step per run
// of plain characters rather than one alternation per character, 15x faster on a 3 MiB string.
const LONG_INTEGER = /"[^"\\]*(?:\\.[^"\\]*)*"?|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

function quoteLongIntegers(text: string): string {
  // The replace calls back once per string token (200,000 of them in a 50,000-entry neighbor
  // table: a quarter of a second); most outputs have no 16-digit run at all.
  if (!/\d{16}/.test(text)) return text;
  return text.replace(LONG_INTEGER, (token) => (token.startsWith('"') ? token : `"${token}"`));
}

/**
 * A u64 counter, as a number or as a long integer quoted above. Null when the field is there but
 * holds no u64 (negative, fractional, a double past 2^53 that lost its digits, a value above
 * 2^64-1, text): the counter is unknown rather than wrong, and the caller reports it with
 * `notACounter`. An absent field stays undefined.
 */
export const counter = z.unknown().transform((value): bigint | null => {
  if (typeof value === "string") return counterOf(value);
  // JSON.parse reads 1e400 as Infinity, which z.number() refuses: the whole entry was lost.
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
});

/** Reports a counter `counter` read as null (present, not a u64) as skipped; returns it as a row field. */
export function notACounter(value: bigint | null | undefined, subject: string, skipped: SkippedLine[]): bigint | null {
  if (value === null) skipped.push({ line: subject, reason: "not a counter (a whole number up to 2^64-1): unknown" });
  return value ?? null;
}

const SAMPLE_CHARS = 200;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * The start of an entry for a skipped line. JSON.parse reads any depth, but JSON.stringify
 * recurses and throws RangeError on an entry nested some 10,000 deep: such an entry is described
 * instead of shown.
 */
function sample(entry: unknown): string {
  try {
    return (JSON.stringify(entry) ?? String(entry)).slice(0, SAMPLE_CHARS);
  } catch {
    return "(an entry nested too deeply to show)";
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

export const MAX_JSON_ENTRIES = 8192;

/**
 * Reads a top-level JSON array (iproute2's `-j` form). Never throws: output that is not JSON
 * at all (e.g. cut off mid-stream) yields no items and one skipped entry with its start;
 * elements that fail `element` are skipped one by one.
 */
export function parseJsonArray<T>(
  stdout: string,
  element: z.ZodType<T>,
): { items: T[]; skipped: SkippedLine[] } {
  const text = stdout.trim();
  if (text === "") return { items: [], skipped: [] };
  let root: unknown;
  try {
    root = JSON.parse(quoteLongIntegers(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { items: [], skipped: [{ line: text.slice(0, SAMPLE_CHARS), reason: `not valid JSON: ${reason}` }] };
  }
  if (!Array.isArray(root)) {
    return { items: [], skipped: [{ line: text.slice(0, SAMPLE_CHARS), reason: "expected a JSON array" }] };
  }
  const items: T[] = [];
  const skipped: SkippedLine[] = [];
  // Checking an entry costs microseconds; 50,000 of them (a hostile or broken neighbor table)
  // held the server for half a second. More than this is never stored anyway (run-bounds.ts).
  if (root.length > MAX_JSON_ENTRIES) {
    skipped.push({
      line: `${(root.length - MAX_JSON_ENTRIES).toLocaleString("en-US")} more entries`,
      reason: `not read: netdiag reads at most ${MAX_JSON_ENTRIES.toLocaleString("en-US")} entries of one command`,
    });
  }
  for (const entry of root.slice(0, MAX_JSON_ENTRIES)) {
    // Older iproute2 leaves `{}` in place of entries its filter dropped
    // (e.g. `ip --json --brief addr show lo` -> `[{...}, {}, {}]`).
    if (isEmptyObject(entry)) continue;
    const result = element.safeParse(entry);
    if (result.success) items.push(result.data);
    else skipped.push({ line: sample(entry), reason: describeIssues(result.error) });
  }
  return { items, skipped };
}
