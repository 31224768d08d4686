// Detector 5c: RX/TX errors or drops that grew since the previous snapshot. Errors are
// never normal on a wired link (CRC/alignment: cable, port, duplex); drops only matter
// when they are a real share of the traffic, since a few come with ordinary bursts.
import type { InterfaceView } from "@/lib/domain/views";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { contextOf, describeNic, interfaceRow } from "./machines";
import { cmd, fix } from "./fix-text";

/** Errors (rx + tx) that must have grown between two snapshots to count. */
export const ERRORS_MIN = 10;
/** Drops in one direction that must have grown, and their share of that direction's packets. */
export const DROPS_MIN = 100;
export const DROPS_MIN_SHARE = 0.001;

type Counter = "rxErrors" | "txErrors" | "rxDropped" | "txDropped" | "rxPackets" | "txPackets";

/** null across a counter reset (reboot, driver reload) or when a counter is not reported. */
function delta(now: InterfaceView, before: InterfaceView, k: Counter): number | null {
  const a = now[k];
  const b = before[k];
  return a === null || b === null || a < b ? null : a - b;
}

export function detectLinkErrors(input: AnalysisInput): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const n of contextOf(input).nics) {
    const prev = n.machine.host.previous;
    const before = prev?.interfaces.find((i) => i.name === n.iface.name);
    if (!prev || !before || n.iface.state !== "up") continue;
    const minutes = (Date.parse(n.machine.host.latest.takenAt) - Date.parse(prev.takenAt)) / 60_000;
    if (!(minutes > 0)) continue;
    const d = (k: Counter) => delta(n.iface, before, k) ?? 0;
    const errors = d("rxErrors") + d("txErrors");
    const dropsBad = (drops: number, packets: number) => drops >= DROPS_MIN && drops >= DROPS_MIN_SHARE * Math.max(packets, 1);
    const rxDrops = dropsBad(d("rxDropped"), d("rxPackets"));
    const txDrops = dropsBad(d("txDropped"), d("txPackets"));
    if (errors < ERRORS_MIN && !rxDrops && !txDrops) continue;
    const perMin = (v: number) => Math.round((v / minutes) * 10) / 10;
    const parts = [
      ...(errors >= ERRORS_MIN ? [`${errors} errors (${perMin(errors)}/min)`] : []),
      ...(rxDrops ? [`${d("rxDropped")} received packets dropped (${perMin(d("rxDropped"))}/min)`] : []),
      ...(txDrops ? [`${d("txDropped")} sent packets dropped (${perMin(d("txDropped"))}/min)`] : []),
    ];
    const id = `${n.machine.hostIds[0]}:${n.iface.name}`;
    out.push({
      kind: "link-errors",
      severity: "warning",
      key: `link-errors:${id}`,
      hostIds: n.machine.hostIds,
      subject: { type: "interface", id, label: describeNic(n) },
      title: `${describeNic(n)}: ${parts.join(", ")}`,
      explanation:
        `Between the last two collections (${Math.round(minutes * 10) / 10} min) ${describeNic(n)} counted ${parts.join(", ")}. ` +
        "Errors on a wired link are damaged frames (CRC, alignment, carrier): a bad cable or port, a duplex mismatch, or interference. " +
        "Drops are packets the host had no room for: a too-small ring buffer, an overloaded CPU, or a full queue.",
      fix: [
        fix`Look at the detailed counters: ${cmd`ethtool -S ${n.iface.name}`} and ${cmd`ip -s -s link show ${n.iface.name}`} on ${n.machine.label}.`,
        "CRC/alignment/carrier errors: replace the cable, try another switch port, and check both ends autonegotiate (no forced duplex).",
        fix`RX drops: raise the ring buffer (${cmd`ethtool -g ${n.iface.name}`}, then ${cmd`ethtool -G ${n.iface.name} rx <max>`}) and check for CPU saturation (softirq).`,
        "TX drops: the queue is full; check for a shaper or qdisc limit, or a link slower than the traffic sent into it.",
      ].join("\n"),
      evidence: [
        interfaceRow(n, { rxErrors: d("rxErrors"), txErrors: d("txErrors"), rxDropped: d("rxDropped"), txDropped: d("txDropped"), minutes: Math.round(minutes * 10) / 10, errorsPerMinute: perMin(errors) }),
      ],
    });
  }
  return out;
}
