/** Output lines without their CR (Windows, and captures pasted from Windows consoles). */
export function splitLines(stdout: string): string[] {
  const text = stdout.startsWith("\uFEFF") ? stdout.slice(1) : stdout;
  return text.split(/\r?\n/).map((line) => line.replace(/\r$/, ""));
}

/** Lines that hold something (tables and key/value outputs end with blank lines). */
export function nonBlank(lines: readonly string[]): string[] {
  return lines.filter((line) => line.trim() !== "");
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * "Key: value" split at the first colon at or after `from`, which must end the line or be
 * followed by whitespace; `value` is what follows that one whitespace character. Null when the
 * line is not of that form (or holds a line break, as `.` refused to cross one). A string
 * search on purpose: the regex it replaces, /^\s+([^:]+?):(?:\s(.*))?$/, had overlapping
 * quantifiers and took seconds on one hostile 40,000-character line.
 */
export function splitAtColon(line: string, from = 0): { key: string; value: string } | null {
  const colon = line.indexOf(":", from);
  if (colon < 0) return null;
  const after = line.slice(colon + 1);
  if ((after !== "" && !/^\s/.test(after)) || LINE_BREAK.test(after)) return null;
  return { key: line.slice(0, colon), value: after.slice(1) };
}
