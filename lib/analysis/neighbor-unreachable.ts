// Detector 5e: a neighbor entry stuck FAILED/INCOMPLETE (no ARP/NDP answer) for an address
// a collected host holds on an interface that is up: the two are not reaching each other
// at layer 2. "Stuck" means in the last two snapshots of the asking host, so one lost
// answer during a reboot is not a finding; an address nobody collected owns (a device
// that is off) is not one either.
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { contextOf, describeNic, hostIdsOf, interfaceRow, listWords, neighborRow, ownersOf, type Machine } from "./machines";
import { ipKey, parseIp } from "./net";
import { isFresh } from "./neighbors";
import type { NeighborView } from "@/lib/domain/views";
import { proving, provingFirstOf } from "./evidence";
import { cmd, fix, raw } from "./fix-text";

const UNANSWERED = new Set(["failed", "incomplete"]);

export function detectNeighborUnreachable(input: AnalysisInput): DetectedFinding[] {
  const ctx = contextOf(input);
  const byIp = new Map<string, { ip: string; rows: { m: Machine; row: NeighborView }[] }>();
  for (const m of ctx.machines) {
    const prev = m.host.previous;
    if (!prev || !isFresh(input, m)) continue;
    for (const row of m.host.latest.neighbors) {
      const ip = parseIp(row.ip);
      if (!ip || !UNANSWERED.has(row.state)) continue;
      const before = prev.neighbors.find((p) => p.ip === row.ip && p.interface === row.interface);
      if (!before || !UNANSWERED.has(before.state)) continue;
      const g = byIp.get(ipKey(ip)) ?? { ip: row.ip, rows: [] };
      g.rows.push({ m, row });
      byIp.set(ipKey(ip), g);
    }
  }
  const out: DetectedFinding[] = [];
  for (const { ip, rows } of byIp.values()) {
    const owners = ownersOf(ctx, ip).filter((n) => n.iface.state === "up" && !rows.some((r) => r.m === n.machine));
    if (owners.length === 0) continue;
    const askers = listWords([...new Set(rows.map((r) => `${r.m.label}${r.row.interface ? ` (${r.row.interface})` : ""}`))]);
    const holders = listWords(owners.map(describeNic));
    out.push({
      kind: "neighbor-unreachable",
      severity: "warning",
      key: `neighbor-unreachable:${ip}`,
      hostIds: hostIdsOf([...owners.map((n) => n.machine), ...rows.map((r) => r.m)]),
      subject: { type: "ip", id: ip, label: `IP ${ip}` },
      title: `${ip} (${holders}) does not answer ARP/NDP from ${askers}`,
      explanation:
        `${askers} asked for ${ip}'s MAC in two collections in a row and got no answer (FAILED/INCOMPLETE), although ${holders} holds that address and is up. ` +
        "The two are not on the same layer-2 segment as far as the network is concerned, or the answer is filtered.",
      fix: [
        fix`Check that ${holders} and ${askers} are in the same VLAN/bridge (switch port VLAN membership, \`bridge link\` on Linux bridges).`,
        fix`On ${listWords([...new Set(owners.map((n) => n.machine.label))])}: check \`sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_filter\` and firewall rules for ARP (\`nft list ruleset\`, arptables).`,
        fix`From the asking host, ${cmd`arping -I ${raw("<if>")} ${ip}`} shows whether any answer comes back.`,
      ].join("\n"),
      // The holders of the address and one failed entry per asking host prove it.
      evidence: [
        ...owners.map((n) => proving(interfaceRow(n))),
        ...provingFirstOf(
          rows.map((r) => neighborRow(r.m, r.row)),
          (r) => String(r.hostId),
        ),
      ],
    });
  }
  return out;
}
