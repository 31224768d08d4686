// Detector 5d: an interface that is down now and was up in an earlier snapshot. It stays
// open until the interface comes back (or is removed); an interface that was never seen up
// (an unused port) is not a finding.
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { addressWords, contextOf, describeNic, interfaceRow, isSegmentInterface } from "./machines";
import { cmd, fix } from "./fix-text";

export function detectLinkDown(input: AnalysisInput): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  for (const n of contextOf(input).nics) {
    const wasUp = n.machine.host.lastUpAt[n.iface.name];
    if (n.iface.state !== "down" || !wasUp || !isSegmentInterface(n.iface)) continue;
    const id = `${n.machine.hostIds[0]}:${n.iface.name}`;
    out.push({
      kind: "link-down",
      severity: "warning",
      key: `link-down:${id}`,
      hostIds: n.machine.hostIds,
      subject: { type: "interface", id, label: describeNic(n) },
      title: `${describeNic(n)} is down`,
      explanation:
        `${describeNic(n)} was up in an earlier collection (${wasUp}) and is down now` +
        `${addressWords(n.iface) ? `, so ${addressWords(n.iface)} cannot be reached through it` : ""}. ` +
        "Either it was shut down (by hand or by a service), or it lost its carrier: cable unplugged, switch port down, or the peer turned off.",
      fix:
        fix`On ${n.machine.label}: ${cmd`ip link show ${n.iface.name}`} tells "state DOWN" with NO-CARRIER (cable/peer) from an administratively down link; ` +
        fix`${cmd`ip link set dev ${n.iface.name} up`} brings the latter back. For NO-CARRIER, check the cable and the switch port. ` +
        "If the interface was taken out of service on purpose, mute this finding.",
      evidence: [interfaceRow(n, { lastUpAt: wasUp })],
    });
  }
  return out;
}
