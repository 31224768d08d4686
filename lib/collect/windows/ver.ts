import type { ParseResult } from "@/lib/domain/rows";

/**
 * "Microsoft Windows [Version 10.0.20348.2227]" ("[versión …]", "[version …]" in other
 * languages), after an empty line. `cmd /c ver` works whether the SSH default shell is cmd.exe or
 * PowerShell. Real capture: tests/fixtures/windows/ver__tringi-winver-readme.txt.
 */
export const VER_COMMAND = "cmd /c ver";

const VERSION = /^Microsoft Windows \[[^\]\d]*(\d+\.\d+\.\d+(?:\.\d+)?)\]$/;

export function parse(stdout: string): ParseResult<string | null> {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const line = lines.find((l) => VERSION.test(l));
  if (line) return { value: line, skipped: lines.filter((l) => l !== line).map((l) => ({ line: l, reason: "not the version line" })) };
  const first = stdout.trim().split(/\r?\n/)[0] ?? "";
  return { value: null, skipped: [{ line: first, reason: "expected 'Microsoft Windows [Version N.N.N]'" }] };
}

/** Windows build from the ver line, e.g. "10.0.20348.2227". */
export function windowsBuild(verLine: string): string | null {
  return VERSION.exec(verLine.trim())?.[1] ?? null;
}
