import type { Tone } from "@/components/ui/badge";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";

/** How one probe reads in the table: passed, failed (too big / no reply), or could not run. */
export function probeResult(p: Pick<MtuProbeView, "ok" | "error" | "tooBig" | "received" | "transmitted">): { label: string; tone: Tone } {
  if (p.error !== null) return { label: "could not run", tone: "neutral" };
  if (p.ok) return { label: p.received === p.transmitted ? "passed" : `passed (${p.received}/${p.transmitted})`, tone: "ok" };
  return { label: p.tooBig ? "too big" : "no reply", tone: "bad" };
}

/** "8972 B payload → 9000 B packet" in short: the packet size is what MTUs are compared with. */
export const packetBytes = (payloadBytes: number) => payloadBytes + 28;

/** Counts for the "Verify MTU" status line. */
export function summarize(probes: Pick<MtuProbeView, "ok" | "error">[]): string {
  const failed = probes.filter((p) => p.error === null && !p.ok).length;
  const skipped = probes.filter((p) => p.error !== null).length;
  if (probes.length === 0) return "No peer shares a subnet with this host";
  const parts = [`${probes.length - failed - skipped} passed`, `${failed} failed`];
  if (skipped > 0) parts.push(`${skipped} could not run`);
  return `${probes.length} probes: ${parts.join(", ")}`;
}
