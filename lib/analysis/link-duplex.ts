// Detector 5a: an up link running half duplex. On switched Ethernet that almost always
// means one end was forced (speed/duplex set by hand) and the other fell back to half
// duplex while autonegotiating: late collisions and CRC errors under load.
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { contextOf, describeNic, interfaceRow } from "./machines";
import { cmd, fix } from "./fix-text";
import { linkOffer } from "./link-modes";
import { formatLinkSpeed } from "@/lib/domain/units";

export function detectLinkDuplex(input: AnalysisInput): DetectedFinding[] {
  return contextOf(input)
    .nics.filter((n) => n.iface.state === "up" && n.iface.duplex === "half")
    .map((n): DetectedFinding => {
      // Both ends advertise full duplex and it still came up half: a forced end or a fault, not a choice.
      const bothFull = linkOffer(n.iface.linkModes)?.fullOnBoth === true;
      const forced = n.iface.linkModes?.autoneg === false;
      return {
        kind: "link-duplex",
        severity: bothFull ? "critical" : "warning",
        key: `link-duplex:${n.machine.hostIds[0]}:${n.iface.name}`,
        hostIds: n.machine.hostIds,
        subject: { type: "interface", id: `${n.machine.hostIds[0]}:${n.iface.name}`, label: describeNic(n) },
        title: `${describeNic(n)} runs half duplex`,
        explanation:
          `${describeNic(n)} negotiated half duplex${n.iface.speedMbps ? ` at ${formatLinkSpeed(n.iface.speedMbps)}` : ""}` +
          (bothFull ? ", although both it and its link partner advertise full duplex" : "") +
          (forced ? ", with autonegotiation off on this end" : "") +
          ". " +
          "Switched Ethernet is full duplex; half duplex usually means one end has speed and duplex forced while the other autonegotiates, " +
          "which gives late collisions, CRC errors and a fraction of the bandwidth as soon as traffic flows both ways.",
        fix:
          fix`Let both ends autonegotiate: on ${n.machine.label} ${cmd`ethtool -s ${n.iface.name} autoneg on`} (persist it in the interface config), ` +
          "and set the switch port back to auto. If it still comes up half duplex, replace the cable or try another port.",
        evidence: [
          interfaceRow(n, {
            speedMbps: n.iface.speedMbps,
            duplex: n.iface.duplex,
            ...(n.iface.linkModes
              ? {
                  advertised: n.iface.linkModes.advertised.join(" "),
                  partnerAdvertises: n.iface.linkModes.partner?.join(" ") ?? null,
                  autoneg: n.iface.linkModes.autoneg === null ? null : n.iface.linkModes.autoneg ? "on" : "off",
                }
              : {}),
          }),
        ],
      };
    });
}
