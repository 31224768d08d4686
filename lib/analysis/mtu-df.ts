import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import type { DetectedFinding, EvidenceRow, Severity } from "@/lib/domain/finding";
import { cmd, fix, raw } from "./fix-text";

// Detector 4: MTU mismatch proven by don't-fragment pings (lib/jobs/mtu-probes.ts). Input: the latest result
// of every planned probe. Per direction, the full-size probe (sender MTU - 28) and the one below:
//   full-size passes                       -> fine
//   probe could not run (error)            -> nothing: no evidence either way
//   both fail                              -> "broken": the path fails beyond MTU (critical)
//   full-size fails, receiver MTU smaller  -> "mismatch": the known consequence of unequal MTUs
//                                             (warning; the passive mtu-mismatch detector names
//                                             the same pair, this adds the proof)
//   full-size fails, receiver MTU as large -> "path": something in between is smaller (critical);
//                                             both ends at 9000 = jumbo frames do not pass
// One finding per host pair and path, the worse direction deciding.

export type DfProbeRecord = Omit<MtuProbeView, "id" | "batchId" | "command" | "output">;
export type MtuDfInput = { probes: DfProbeRecord[] };

type Verdict = "ok" | "unknown" | "mismatch" | "path" | "broken";
const RANK: Record<Verdict, number> = { ok: 0, unknown: 0, mismatch: 1, path: 2, broken: 3 };
const OVERHEAD = 28;

type Direction = { from: DfProbeRecord; big?: DfProbeRecord; below?: DfProbeRecord; verdict: Verdict };

const endpoint = (hostId: number, address: string) => `${hostId}/${address}`;
const capitalize = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
const latest = (a: DfProbeRecord | undefined, b: DfProbeRecord) => (a === undefined || b.at > a.at ? b : a);

function judge(big: DfProbeRecord | undefined, below: DfProbeRecord | undefined): Verdict {
  if (!big || big.error !== null) return "unknown";
  if (big.ok) return "ok";
  if (below && below.error === null && !below.ok) return "broken";
  if (big.peerMtu === null || big.peerMtu < big.expectedMtu) return "mismatch";
  return "path";
}

function directions(probes: DfProbeRecord[]): Map<string, Direction[]> {
  const byDirection = new Map<string, { big?: DfProbeRecord; below?: DfProbeRecord; from: DfProbeRecord }>();
  for (const p of probes) {
    const key = `${endpoint(p.fromHostId, p.fromAddress)}>${endpoint(p.toHostId, p.toAddress)}`;
    const d = byDirection.get(key) ?? { from: p };
    if (p.payloadBytes === p.expectedMtu - OVERHEAD) d.big = latest(d.big, p);
    else d.below = latest(d.below, p);
    byDirection.set(key, d);
  }
  const pairs = new Map<string, Direction[]>();
  for (const d of byDirection.values()) {
    const ends = [endpoint(d.from.fromHostId, d.from.fromAddress), endpoint(d.from.toHostId, d.from.toAddress)].sort();
    const key = ends.join("~");
    pairs.set(key, [...(pairs.get(key) ?? []), { ...d, verdict: judge(d.big, d.below) }]);
  }
  return pairs;
}

function evidence(dirs: Direction[]): EvidenceRow[] {
  return dirs
    .flatMap((d) => [d.big, d.below])
    .filter((p): p is DfProbeRecord => p !== undefined)
    .map((p) => ({
      hostId: p.fromHostId,
      hostName: p.fromHostName,
      at: p.at,
      source: "ping -M do",
      fields: {
        direction: `${p.fromHostName} → ${p.toHostName}`,
        from: p.fromAddress,
        to: p.toAddress,
        packetBytes: p.payloadBytes + OVERHEAD,
        payloadBytes: p.payloadBytes,
        senderMtu: p.expectedMtu,
        receiverMtu: p.peerMtu,
        result: p.error !== null ? "could not run" : p.ok ? "passed" : "failed",
        lossPercent: p.lossPercent,
        tooBig: p.tooBig,
        reportedMtu: p.reportedMtu,
        error: p.error,
      },
    }));
}

type Words = { severity: Severity; title: string; explanation: string; fix: string };

function describe(worst: Direction, dirs: Direction[], aName: string, bName: string, subnet: string): Words {
  const big = worst.big as DfProbeRecord;
  const { fromHostName: from, toHostName: to, toAddress } = big;
  const mtu = big.expectedMtu;
  const bothWays = dirs.filter((d) => d.verdict === worst.verdict).length > 1;
  const bigTo = `a ${mtu}-byte don't-fragment ping from ${from} to ${to}${bothWays ? " (and the other way)" : ""}`;
  const belowBytes = worst.below ? worst.below.payloadBytes + OVERHEAD : null;
  const belowPassed = worst.below?.ok === true;
  const pingCheck = cmd`ping -M do -s ${mtu - OVERHEAD} ${toAddress}`;
  if (worst.verdict === "broken") {
    return {
      severity: "critical",
      title: `Pings from ${from} to ${to} fail even at ${belowBytes} bytes: the path is broken beyond MTU`,
      explanation:
        `${capitalize(bigTo)} got no answer, and neither did one of ${belowBytes} bytes, which any working ` +
        `Ethernet path carries. This is not (only) an MTU problem: the hosts share ${subnet} but cannot exchange these packets at all.`,
      fix:
        fix`Check that ${to} answers ping at all (a firewall dropping ICMP echo shows the same), then the link and VLAN between ` +
        fix`${from} and ${to}: cabling, switch port VLAN membership, ARP (${cmd`ip neigh show ${toAddress}`} on ${from}).`,
    };
  }
  if (worst.verdict === "mismatch") {
    const peer = big.peerMtu === null ? "an unknown MTU" : `MTU ${big.peerMtu}`;
    return {
      severity: "warning",
      title: `${from} (MTU ${mtu}) cannot send full-size packets to ${to} (${peer})`,
      explanation:
        `${from} and ${to} share ${subnet} with different MTUs, and ${bigTo} proves it: the packet never arrived` +
        `${belowPassed ? `, while ${belowBytes}-byte ones did` : ""}. Whatever ${from} sends larger than ${to}'s MTU is dropped: ` +
        `TCP usually recovers through its MSS, but UDP (NFS, VXLAN, WireGuard, DNS) and paths where ICMP is filtered stall.`,
      fix:
        fix`Give every interface on ${subnet} the same MTU. Usually that means setting ${from}'s interface back to ` +
        fix`${big.peerMtu ?? 1500} (${cmd`ip link set dev ${big.fromInterface ?? raw("<nic>")} mtu ${big.peerMtu ?? 1500}`} and in its network config); ` +
        fix`only raise ${to} instead if every switch and bridge port on the segment carries ${mtu}. Check with ${pingCheck} on ${from}.`,
    };
  }
  const jumbo = mtu > 1500;
  const hop = big.reportedMtu !== null ? `is at ${big.reportedMtu}` : belowPassed && belowBytes === 1500 ? "is at 1500" : "has a smaller MTU";
  return {
    severity: "critical",
    title: jumbo
      ? `Jumbo frames do not pass between ${aName} and ${bName} (a switch or bridge in between ${hop})`
      : `Full ${mtu}-byte packets do not pass between ${aName} and ${bName} (something in between ${hop})`,
    explanation:
      `${from} has MTU ${mtu} and ${to} ${big.peerMtu}, so ${subnet} should carry ${mtu}-byte packets between them, yet ` +
      `${bigTo} got no answer${belowPassed ? ` while a ${belowBytes}-byte one did` : ""}. A hop in between silently drops the big ` +
      `frames. Comparing interface MTUs cannot see this, since both ends agree; large transfers (NFS, iSCSI, backups, VM ` +
      `migration) stall or crawl while ping and SSH look fine.`,
    fix: jumbo
      ? fix`Raise every hop between ${aName} and ${bName} to MTU ${mtu}: the switch ports and VLAN (jumbo frames are often a ` +
        `global switch setting), Linux/Proxmox bridges and their member ports or bonds (\`ip link set dev <port> mtu ${mtu}\`), ` +
        `ESXi vSwitches (\`esxcli network vswitch standard set -v vSwitch1 -m ${mtu}\`). Or, if jumbo frames are not needed, ` +
        fix`set both ends back to 1500. Check with ${pingCheck} on ${from}.`
      : fix`Find the hop between ${aName} and ${bName} with the smaller MTU (a tunnel, PPPoE link, VLAN sub-interface or ` +
        `bridge port) and raise it, or lower both ends to what the path carries${big.reportedMtu !== null ? ` (${big.reportedMtu})` : ""}. ` +
        fix`Check with ${pingCheck} on ${from}.`,
  };
}

export function detectMtuDfFailures({ probes }: MtuDfInput): DetectedFinding[] {
  const findings: DetectedFinding[] = [];
  for (const [key, dirs] of directions(probes)) {
    const worst = dirs.reduce((w, d) => (RANK[d.verdict] > RANK[w.verdict] ? d : w));
    if (RANK[worst.verdict] === 0) continue;
    const first = dirs[0]?.from as DfProbeRecord;
    // Pair order: the end with the lower "hostId/address" first, stable whichever way it failed.
    const forward = endpoint(first.fromHostId, first.fromAddress) === key.split("~")[0];
    const a = forward ? { id: first.fromHostId, name: first.fromHostName, addr: first.fromAddress } : { id: first.toHostId, name: first.toHostName, addr: first.toAddress };
    const b = forward ? { id: first.toHostId, name: first.toHostName, addr: first.toAddress } : { id: first.fromHostId, name: first.fromHostName, addr: first.fromAddress };
    const words = describe(worst, dirs, a.name, b.name, first.subnet);
    findings.push({
      kind: "mtu-df-failure",
      key: `mtu-df-failure:${key}`,
      hostIds: [a.id, b.id],
      subject: { type: "pair", id: key, label: `${a.name} (${a.addr}) ↔ ${b.name} (${b.addr})` },
      ...words,
      evidence: evidence(dirs),
    });
  }
  return findings.sort((x, y) => x.key.localeCompare(y.key));
}
