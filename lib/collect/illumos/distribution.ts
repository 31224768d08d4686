import type { ParseResult } from "@/lib/domain/rows";

/**
 * Which illumos or Solaris: the first line of /etc/release, centred with leading spaces
 * ("OmniOS v11 r151012", "Oracle Solaris 11.4 SPARC", "SmartOS 20160330T234717Z x86_64",
 * "OpenIndiana Development oi_151.1.9 X86 (powered by illumos)"). Solaris and the illumos
 * distributions all ship the file (tests/fixtures has Solaris 10 and 11.4, OpenSolaris, OmniOS,
 * OpenIndiana, a SmartOS global zone and a zone), so plain `cat` runs: its failure is a real
 * problem and shows on the run like any failed command, not swallowed by a shell wrapper.
 * The copyright and build lines after the first are not a distribution and are not reported.
 */
export const ILLUMOS_DISTRIBUTION_COMMAND = "cat /etc/release";

export function parse(stdout: string): ParseResult<string | null> {
  const first = stdout.split(/\r?\n/).map((line) => line.trim()).find(Boolean);
  return { value: first ?? null, skipped: [] };
}
