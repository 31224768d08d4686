import type { ParseResult } from "@/lib/collect/types";

/*
 * Which FreeBSD: pfSense writes "pfSense" to /etc/platform and its release to /etc/version;
 * TrueNAS CORE / FreeNAS write "TrueNAS-13.0-U6.1 (hash)" to /etc/version; OPNsense has
 * opnsense-version ("OPNsense 24.1.5_3 (amd64)"). Plain FreeBSD has none of them and prints
 * nothing. Always exits 0: not knowing the distribution is not a failure. No real capture of
 * any of these files is in ../shared/fixtures, so only the empty (plain FreeBSD) case is proven.
 */
export const FREEBSD_DISTRIBUTION_COMMAND = "sh -c 'cat /etc/platform /etc/version 2>/dev/null; opnsense-version 2>/dev/null; exit 0'";

/** macOS: sw_vers ("ProductName: macOS", "ProductVersion: 14.2.1"); same best-effort contract. */
export const DARWIN_DISTRIBUTION_COMMAND = "sh -c 'sw_vers 2>/dev/null; exit 0'";

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
