// Detector 5b: a link slower than it could be. First from the NIC's own word (ethtool's
// advertised and link-partner modes): negotiated below the fastest mode both ends advertise
// is a warning (a cable or port fault: PHYs "downshift" over bad pairs); a NIC that can do
// more than its partner offers is an info (the switch holds it back). Only when the modes
// are unknown, the subnet heuristic: without knowing each NIC's capabilities, two signs are
// reliable: 100 Mbit/s or less among gigabit links (a damaged
// cable with two working pairs negotiates 100 Mbit/s), and a NIC running slower than another
// NIC with the same driver on the same subnet (a 2.5G NIC negotiated at 1G).
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { contextOf, describeNic, interfaceRow, type Nic } from "./machines";
import { segmentsOf } from "./segments";
import { proving } from "./evidence";
import { cmd, fix } from "./fix-text";
import { linkOffer } from "./link-modes";
import type { LinkModes } from "@/lib/domain/rows";
import { formatLinkSpeed } from "@/lib/domain/units";

const modeFields = (m: LinkModes) => ({
  advertised: m.advertised.join(" "),
  partnerAdvertises: m.partner?.join(" ") ?? null,
  supported: m.supported.join(" "),
  autoneg: m.autoneg === null ? null : m.autoneg ? "on" : "off",
});

/** The finding from the NIC's own modes, or null when they say nothing is wrong (or are unknown). */
function fromModes(n: Nic): DetectedFinding | null {
  const speed = n.iface.speedMbps ?? 0;
  const modes = n.iface.linkModes;
  const offer = linkOffer(modes);
  if (!offer || !modes || n.iface.state !== "up" || speed <= 0) return null;
  const id = `${n.machine.hostIds[0]}:${n.iface.name}`;
  const base = {
    kind: "link-speed" as const,
    key: `link-speed:${id}`,
    hostIds: n.machine.hostIds,
    subject: { type: "interface" as const, id, label: describeNic(n) },
    evidence: [interfaceRow(n, { speedMbps: speed, duplex: n.iface.duplex, driver: n.iface.driver, ...modeFields(modes) })],
  };
  const check = fix`Check ${cmd`ethtool ${n.iface.name}`} on ${n.machine.label}`;
  if (offer.bestCommon && speed < offer.bestCommon.speedMbps) {
    return {
      ...base,
      severity: "warning",
      title: `${describeNic(n)} links at ${formatLinkSpeed(speed)} although both ends advertise ${formatLinkSpeed(offer.bestCommon.speedMbps)}`,
      explanation:
        `${describeNic(n)} and its link partner (the switch port or the NIC at the other end) both advertise ${offer.bestCommon.text}, yet the link came up at ${formatLinkSpeed(speed)}. ` +
        "When both sides offer a speed and the link still settles lower, the cable or a connector is the usual cause: gigabit and faster need all four pairs, " +
        "and the NICs drop to a slower mode (“downshift”) when one pair is damaged. Everything works, at a fraction of the bandwidth.",
      fix: `${check}. Replace the patch cable (Cat5e or better; Cat6 for 2.5G/5G/10GBASE-T), reseat both connectors or try another switch port, then watch the speed come back with \`ethtool ${n.iface.name}\`.`,
    };
  }
  if (offer.bestOwn && offer.bestPartner && offer.bestPartner.speedMbps < offer.bestOwn.speedMbps && speed < offer.bestOwn.speedMbps) {
    return {
      ...base,
      severity: "info",
      title: `${describeNic(n)} could run at ${formatLinkSpeed(offer.bestOwn.speedMbps)}, its link partner offers at most ${formatLinkSpeed(offer.bestPartner.speedMbps)}`,
      explanation:
        `${describeNic(n)} advertises up to ${offer.bestOwn.text}, but its link partner (usually the switch port) advertises no more than ${offer.bestPartner.text}, so the link runs at ${formatLinkSpeed(speed)}. ` +
        "Nothing is broken; the NIC is faster than the port it is plugged into.",
      fix: `To get ${formatLinkSpeed(offer.bestOwn.speedMbps)}, plug it into a switch port that supports it (a 2.5G/10G port, or a multi-gig switch). Otherwise nothing to do: mute this finding.`,
    };
  }
  return null;
}

/** The speed most of the others run at; on a tie the faster one. */
function usualSpeed(speeds: number[]): number {
  const counts = new Map<number, number>();
  for (const s of speeds) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export function detectLinkSpeed(input: AnalysisInput): DetectedFinding[] {
  const out = new Map<string, DetectedFinding>();
  const ctx = contextOf(input);
  for (const n of ctx.nics) {
    const f = fromModes(n);
    if (f) out.set(f.key, f);
  }
  for (const seg of segmentsOf(ctx)) {
    const members = seg.members.filter((n) => (n.iface.speedMbps ?? 0) > 0 && n.iface.kind !== "bridge");
    for (const n of members) {
      // The NIC's own modes decided already (finding or not): the heuristic is for NICs that do not say.
      if (linkOffer(n.iface.linkModes) !== null) continue;
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
        title: `${describeNic(n)} links at ${formatLinkSpeed(speed)}, slower than the others on ${seg.network}`,
        explanation: degraded
          ? `${describeNic(n)} negotiated ${formatLinkSpeed(speed)} while the others on ${seg.network} run at ${formatLinkSpeed(usual)}. ` +
            "A gigabit link that comes up at 100 Mbit/s is usually a damaged cable or connector (gigabit needs all four pairs), a cheap patch cable, or a port forced to 100 Mbit/s."
          : `${describeNic(n)} (driver ${n.iface.driver}) negotiated ${formatLinkSpeed(speed)} while ${compare.map(describeNic).join(", ")} with the same driver run at ${formatLinkSpeed(Math.max(...compare.map((o) => o.iface.speedMbps as number)))}. ` +
            "The same NIC model linking slower usually means the cable, the switch port or a forced speed limits it.",
        fix:
          fix`Check ${cmd`ethtool ${n.iface.name}`} on ${n.machine.label}: "Supported link modes" against "Link partner advertised link modes" shows which side holds it back. ` +
          "Replace the patch cable (Cat5e or better, all four pairs), try another switch port, and set both ends to autonegotiation. " +
          "If this NIC or its transceiver cannot go faster, nothing is wrong: mute this finding.",
        // The slow link and one that runs faster prove it; the other faster ones repeat the second.
        evidence: [n, ...compare].map((m, i) => {
          const row = interfaceRow(m, { subnet: seg.network, speedMbps: m.iface.speedMbps, duplex: m.iface.duplex, driver: m.iface.driver });
          return i < 2 ? proving(row) : row;
        }),
      });
    }
  }
  return [...out.values()];
}
