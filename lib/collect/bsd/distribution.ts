import type { ParseResult } from "@/lib/domain/rows";

/*
 * Which FreeBSD: pfSense writes "pfSense" to /etc/platform and its release to /etc/version;
 * TrueNAS CORE / FreeNAS write "TrueNAS-13.0-U6.1 (hash)" to /etc/version; OPNsense has
 * opnsense-version ("OPNsense 24.1.5_3 (amd64)"). Plain FreeBSD has none of them and prints
 * nothing. Always exits 0: not knowing the distribution is not a failure. No real capture of
 * any of these files exists (tests/fixtures), so only the empty (plain
 * FreeBSD) case is proven.
 */
export const FREEBSD_DISTRIBUTION_COMMAND = "sh -c 'cat /etc/platform /etc/version 2>/dev/null; opnsense-version 2>/dev/null; exit 0'";

/**
 * macOS: "ProductName:<TAB>macOS" (one or two TABs), "ProductVersion:<TAB>14.0"; before macOS 11
 * the name was "Mac OS X" (or "Mac OS X Server"). /usr/bin/sw_vers is part of every macOS, so it
 * runs bare: unlike the FreeBSD files above, its failure is a real problem and shows on the run.
 */
export const DARWIN_DISTRIBUTION_COMMAND = "sw_vers";

export function parse(stdout: string): ParseResult<string | null> {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const product = field("ProductName");
  if (product) return { value: [product, field("ProductVersion")].filter(Boolean).join(" "), skipped: [] };
  const opnsense = lines.find((l) => /^OPNsense\s+\S+/.test(l));
  if (opnsense) return { value: opnsense.split(/\s+/).slice(0, 2).join(" "), skipped: [] };
  const nas = lines.find((l) => /^(TrueNAS|FreeNAS)-\S+/.test(l));
  if (nas) return { value: nas.split(/\s+/)[0] ?? nas, skipped: [] };
  if (lines.some((l) => /^pfSense$/i.test(l))) {
    const release = lines.find((l) => /^\d+\.\d+/.test(l));
    return { value: release ? `pfSense ${release}` : "pfSense", skipped: [] };
  }
  return { value: null, skipped: [] };
}
