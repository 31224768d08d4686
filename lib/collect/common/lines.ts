/** Output lines without their CR (Windows, and captures pasted from Windows consoles). */
export function splitLines(stdout: string): string[] {
  const text = stdout.startsWith("\uFEFF") ? stdout.slice(1) : stdout;
  return text.split(/\r?\n/).map((line) => line.replace(/\r$/, ""));
}

/** Lines that hold something (tables and key/value outputs end with blank lines). */
export function nonBlank(lines: readonly string[]): string[] {
  return lines.filter((line) => line.trim() !== "");
}
