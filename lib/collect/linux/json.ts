import { z } from "zod";
import type { SkippedLine } from "@/lib/domain/rows";

/*
 * JSON.parse turns integers above 2^53 into lossy doubles, and kernel counters are u64 that
 * pass that on busy links. Integer literals of 16+ digits (outside strings) are quoted before
 * parsing so `counter` below can read them exactly.
 */
const LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

function quoteLongIntegers(text: string): string {
  return text.replace(LONG_INTEGER, (token) => (token.startsWith('"') ? token : `"${token}"`));
}

export const counter = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((value) => BigInt(value));

const SAMPLE_CHARS = 200;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

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
  for (const entry of root) {
    // Older iproute2 leaves `{}` in place of entries its filter dropped
    // (e.g. `ip --json --brief addr show lo` -> `[{...}, {}, {}]`).
    if (isEmptyObject(entry)) continue;
    const result = element.safeParse(entry);
    if (result.success) items.push(result.data);
    else skipped.push({ line: JSON.stringify(entry).slice(0, SAMPLE_CHARS), reason: describeIssues(result.error) });
  }
  return { items, skipped };
}
