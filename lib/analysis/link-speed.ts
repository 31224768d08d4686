// Detector 5b: a link slower than the others on its subnet. Without knowing each NIC's
// capabilities, two signs are reliable: 100 Mb/s or less among gigabit links (a damaged
// cable with two working pairs negotiates 100 Mb/s), and a NIC running slower than another
// NIC with the same driver on the same subnet (a 2.5G NIC negotiated at 1G).
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { contextOf, describeNic, interfaceRow, type Nic } from "./machines";
import { segmentsOf } from "./segments";
import { cmd, fix } from "./fix-text";

const fmt = (mbps: number) => (mbps >= 1000 ? `${mbps / 1000} Gb/s` : `${mbps} Mb/s`);

/** The speed most of the others run at; on a tie the faster one. */
function usualSpeed(speeds: number[]): number {
  const counts = new Map<number, number>();
  for (const s of speeds) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export function detectLinkSpeed(input: AnalysisInput): DetectedFinding[] {
  const out = new Map<string, DetectedFinding>();
  for (const seg of segmentsOf(contextOf(input))) {
    const members = seg.members.filter((n) => (n.iface.speedMbps ?? 0) > 0 && n.iface.kind !== "bridge");
    for (const n of members) {
      const speed = n.iface.speedMbps ?? 0;
      const others = members.filter((o) => o.nicId !== n.nicId);
      if (others.length === 0) continue;
      const usual = usualSpeed(others.map((o) => o.iface.speedMbps ?? 0));
      const sameDriver = others.filter((o) => n.iface.driver && o.iface.driver === n.iface.driver && (o.iface.speedMbps ?? 0) > speed);
      const degraded = speed <= 100 && usual >= 1000;
      if (!degraded && sameDriver.length === 0) continue;
      const key = `link-speed:${n.machine.hostIds[0]}:${n.iface.name}`;
      if (out.has(key)) continue;
      const compare: Nic[] = degraded ? others.filter((o) => o.iface.speedMbps === usual) : sameDriver;
      out.set(key, {
        kind: "link-speed",
        severity: "warning",
        key,
        hostIds: n.machine.hostIds,
        subject: { type: "interface", id: `${n.machine.hostIds[0]}:${n.iface.name}`, label: describeNic(n) },
        title: `${describeNic(n)} links at ${fmt(speed)}, slower than the others on ${seg.network}`,
        explanation: degraded
          ? `${describeNic(n)} negotiated ${fmt(speed)} while the others on ${seg.network} run at ${fmt(usual)}. ` +
            "A gigabit link that comes up at 100 Mb/s is usually a damaged cable or connector (gigabit needs all four pairs), a cheap patch cable, or a port forced to 100 Mb/s."
          : `${describeNic(n)} (driver ${n.iface.driver}) negotiated ${fmt(speed)} while ${compare.map(describeNic).join(", ")} with the same driver run at ${fmt(Math.max(...compare.map((o) => o.iface.speedMbps as number)))}. ` +
            "The same NIC model linking slower usually means the cable, the switch port or a forced speed limits it.",
        fix:
          fix`Check ${cmd`ethtool ${n.iface.name}`} on ${n.machine.label}: "Supported link modes" against "Link partner advertised link modes" shows which side holds it back. ` +
          "Replace the patch cable (Cat5e or better, all four pairs), try another switch port, and set both ends to autonegotiation. " +
          "If this NIC or its transceiver cannot go faster, nothing is wrong: mute this finding.",
        evidence: [n, ...compare].map((m) => interfaceRow(m, { subnet: seg.network, speedMbps: m.iface.speedMbps, duplex: m.iface.duplex, driver: m.iface.driver })),
      });
    }
  }
  return [...out.values()];
}
