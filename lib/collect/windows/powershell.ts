import type { z } from "zod";
import type { SkippedLine } from "@/lib/domain/rows";
import { parseJsonArray } from "@/lib/collect/linux/json";

/*
 * Windows OpenSSH runs commands through cmd.exe, or PowerShell when that is the configured
 * default shell; `powershell -Command "…"` works from both as long as the script holds no
 * `"`, no `%` (cmd expands %VAR%) and no `$` (an outer PowerShell expands it inside double
 * quotes). So objects are reduced with Select-Object by plain property names, and enums come
 * out as Windows PowerShell 5.1 writes them, as numbers (State 0-6, AddressFamily 2/23), which
 * the parsers map; PowerShell 7 writes the same. None of it depends on the display language.
 * Output is forced to UTF-8 for non-ASCII adapter names.
 */
export function powershell(script: string): string {
  return `powershell -NoProfile -NonInteractive -Command "[Console]::OutputEncoding=[Text.Encoding]::UTF8; ${script}"`;
}

/** A cmdlet's default table view (Format-Table), the form the real captures show. */
export function powershellTable(cmdlet: string): string {
  return `powershell -NoProfile -NonInteractive -Command "${cmdlet}"`;
}

/**
 * ConvertTo-Json output: an array, or a bare object when the pipeline held exactly one item,
 * or nothing at all when it held none.
 */
export function parsePowerShellJson<T>(stdout: string, element: z.ZodType<T>): { items: T[]; skipped: SkippedLine[] } {
  const text = stdout.replace(/^\uFEFF/, "").trim();
  return parseJsonArray(text.startsWith("{") ? `[${text}]` : text, element);
}

/** A Windows MAC ("00-15-5D-25-01-8D"); all zeros is how Windows writes "not resolved". */
export function windowsMac(normalized: string | null): string | null {
  return normalized === "00:00:00:00:00:00" ? null : normalized;
}
