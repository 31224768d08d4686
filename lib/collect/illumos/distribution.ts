import type { ParseResult } from "@/lib/collect/types";

/**
 * Which illumos or Solaris: the first line of /etc/release ("OmniOS v11 r151046",
 * "OpenIndiana Hipster 2023.10 (powered by illumos)", "SmartOS 20240104T000534Z x86_64",
 * "Oracle Solaris 11.4 X86"). Exits 0 without the file: not knowing is not a failure. No real
 * capture of /etc/release is in ../shared/fixtures; only the empty case is proven.
 */
export const ILLUMOS_DISTRIBUTION_COMMAND = "sh -c 'head -n 1 /etc/release 2>/dev/null; exit 0'";

export function parse(stdout: string): ParseResult<string | null> {
  const first = stdout.split(/\r?\n/).map((line) => line.trim()).find(Boolean);
  return { value: first ?? null, skipped: [] };
}
