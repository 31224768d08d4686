import type { ParseResult } from "@/lib/domain/rows";
import { firstLine } from "@/lib/collect/linux/first-line";

/**
 * "VMware ESXi 7.0.3 build-22348816", then "VMware ESXi 7.0 Update 3" (tests/fixtures). The first
 * line, which carries the build, is the distribution; the second only restates the release.
 */
export const VMWARE_VERSION_COMMAND = "vmware -vl";

export function parse(stdout: string): ParseResult<string | null> {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== "");
  const { value, skipped } = firstLine(lines[0] ?? "");
  return { value, skipped: skipped.length && lines.length === 0 ? skipped : [] };
}
