import type { ParseResult } from "@/lib/collect/types";
import { firstLine } from "@/lib/collect/linux/first-line";

/**
 * "VMware ESXi 7.0.3 build-20036589" (and "VMware ESXi 7.0 Update 3" on a second line). No real
 * capture of it is in ../shared/fixtures; only its first line is used, as the distribution.
 */
export const VMWARE_VERSION_COMMAND = "vmware -vl";

export function parse(stdout: string): ParseResult<string | null> {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== "");
  const { value, skipped } = firstLine(lines[0] ?? "");
  return { value, skipped: skipped.length && lines.length === 0 ? skipped : [] };
}
