// Detector 3: interfaces in one subnet with different MTUs (passive: from the NIC lists only).
// Small packets and TCP (which clamps its segment size) still work, so the fault shows up
// as hangs on big transfers, NFS/iSCSI stalls and broken tunnels, not as an outage.
import type { DetectedFinding } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { proving } from "./evidence";
import { contextOf, describeNic, hostIdsOf, interfaceRow, listWords, type Nic } from "./machines";
import { segmentsOf } from "./segments";
import { cmd, fix } from "./fix-text";
import { mtuProbeEvidence, probesProvingMismatch, type DfProbeRecord } from "./mtu-df";
import { icmpOverhead } from "@/lib/mtu/ping";
import { parseCidr } from "./net";

/** hostId/address → the MTU of the interface holding that address in the latest snapshot. */
function mtuByAddress(input: AnalysisInput): (hostId: number, address: string) => number | null {
  const map = new Map<string, number | null>();
  for (const h of input.hosts) {
    for (const i of h.latest.interfaces) {
      for (const a of i.addresses) {
        const c = parseCidr(a);
        if (c) map.set(`${h.id}/${c.address}`, i.mtu);
      }
    }
  }
  return (hostId, address) => map.get(`${hostId}/${address}`) ?? null;
}

/** One sentence on what the don't-fragment pings showed, or "" when none ran. */
function probeWords(probes: DfProbeRecord[]): string {
  const big = probes.filter((p) => p.error === null && p.payloadBytes === p.expectedMtu - icmpOverhead(p.toAddress) && p.expectedMtu > (p.peerMtu ?? 0));
  const lost = big.filter((p) => !p.ok);
  if (lost.length === 0) return "";
  const senders = listWords([...new Set(lost.map((p) => p.fromHostName))]);
  const receivers = [...new Set(lost.map((p) => p.toHostName))];
  const sizes = [...new Set(lost.map((p) => p.payloadBytes + icmpOverhead(p.toAddress)))].join("/");
  return (
    ` Don't-fragment pings prove it: ${sizes}-byte packets from ${senders} to ${receivers.length === 1 ? receivers[0] : `${receivers.length} hosts`} ` +
    `never arrived (${lost.length} of ${big.length} full-size probes lost).`
  );
}

/** The MTU most members use; on a tie the smaller one, since lowering an MTU never needs the switch's help. */
export function segmentMtu(mtus: number[]): number {
  const counts = new Map<number, number>();
  for (const m of mtus) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1500;
}

function fixFor(n: Nic, mtu: number): string {
  const name = n.iface.name;
  if (n.machine.host.platform === "esxi") {
    return (
      fix`${describeNic(n)} (ESXi): set ${mtu} on the vSwitch (\`esxcli network vswitch standard set -v <vSwitch> -m ${mtu}\`), ` +
      fix`on the portgroup (for a distributed switch, in vCenter) and on the vmknic (${cmd`esxcli network ip interface set -i ${name} -m ${mtu}`}).`
    );
  }
  return fix`${describeNic(n)}: ${cmd`ip link set dev ${name} mtu ${mtu}`}, and persist it (netplan \`mtu: ${mtu}\`, systemd-networkd \`MTUBytes=${mtu}\`, NetworkManager \`nmcli connection modify <con> 802-3-ethernet.mtu ${mtu}\`).`;
}

export function detectMtuMismatch(input: AnalysisInput): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  const mtuOf = mtuByAddress(input);
  for (const seg of segmentsOf(contextOf(input))) {
    const members = seg.members.filter((n): n is Nic & { iface: { mtu: number } } => n.iface.mtu !== null);
    const mtus = [...new Set(members.map((n) => n.iface.mtu))];
    if (mtus.length < 2) continue;
    const common = segmentMtu(members.map((n) => n.iface.mtu));
    const odd = members.filter((n) => n.iface.mtu !== common);
    const oddWords = listWords(odd.map((n) => `${describeNic(n)} uses ${n.iface.mtu}`));
    const highest = Math.max(...mtus);
    const proof = probesProvingMismatch(input.mtuProbes ?? [], seg.network, mtuOf);
    const oddIds = hostIdsOf(odd.map((n) => n.machine));
    const firstFailed = firstFailurePerPair(proof);
    out.push({
      kind: "mtu-mismatch",
      severity: "warning",
      key: `mtu-mismatch:${seg.network}`,
      hostIds: oddIds,
      involvedHostIds: [...new Set(proof.flatMap((p) => [p.fromHostId, p.toHostId]))].filter((id) => !oddIds.includes(id)).sort((a, b) => a - b),
      subject: { type: "subnet", id: seg.network, label: `subnet ${seg.network}` },
      title: `MTU mismatch on ${seg.network}: ${oddWords}, the others ${common}`,
      explanation:
        `Interfaces in ${seg.network} disagree on the MTU (${mtus.sort((a, b) => a - b).join(" vs ")}). ` +
        `Frames bigger than the smallest MTU on the path are dropped without an error: ping and SSH work, but big UDP datagrams, ` +
        `NFS/iSCSI, tunnels and anything that disables path-MTU discovery stall or time out.` +
        probeWords(proof),
      fix: [
        fix`Make every interface in ${seg.network} use ${common}:`,
        ...odd.map((n) => `- ${fixFor(n, common)}`),
        fix`Or, to use ${highest} everywhere, raise every member below it and every switch port and bridge between them first.`,
      ].join("\n"),
      evidence: [
        // The odd ones out and one interface with the common MTU show the disagreement; the other
        // members repeat it. Per pair of hosts, the first failed probe proves it in practice.
        ...markOdd(members, common).map(({ n, proves }) => {
          const row = interfaceRow(n, { subnet: seg.network, segmentMtu: common });
          return proves ? proving(row) : row;
        }),
        ...mtuProbeEvidence(proof, (p) => firstFailed.has(p)),
      ],
    });
  }
  return out;
}

function markOdd<N extends { iface: { mtu: number } }>(members: N[], common: number): { n: N; proves: boolean }[] {
  const firstCommon = members.find((n) => n.iface.mtu === common);
  return members.map((n) => ({ n, proves: n.iface.mtu !== common || n === firstCommon }));
}

function firstFailurePerPair(probes: DfProbeRecord[]): Set<DfProbeRecord> {
  const pairs = new Set<string>();
  const out = new Set<DfProbeRecord>();
  for (const p of probes) {
    const pair = [p.fromHostId, p.toHostId].sort((a, b) => a - b).join("-");
    if (p.ok || p.error !== null || pairs.has(pair)) continue;
    pairs.add(pair);
    out.add(p);
  }
  return out;
}
