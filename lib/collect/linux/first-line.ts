import type { ParseResult, SkippedLine } from "@/lib/domain/rows";

/** For one-line commands: the line, and any further non-empty lines as skipped. */
export function firstLine(stdout: string): ParseResult<string | null> {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== "");
  const [first, ...rest] = lines;
  const skipped: SkippedLine[] = rest.map((line) => ({ line, reason: "expected a single line" }));
  if (first === undefined) return { value: null, skipped: [{ line: "", reason: "empty output" }] };
  return { value: first.trim(), skipped };
}
