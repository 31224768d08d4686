import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import type { DetectedFinding, EvidenceRow, Severity } from "@/lib/domain/finding";
import { cmd, fix } from "./fix-text";
import { listWords } from "./machines";
import { icmpOverhead } from "@/lib/mtu/ping";

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
// One finding per root cause, not per pair:
//   - "mismatch" raises nothing here: it is the passive mtu-mismatch finding of that subnet
//     (collection scope), which lists these probes as its proof (mtuProbeEvidence).
//   - "path" and "broken" pairs are grouped per subnet: one finding names every pair that
//     fails, and the common element when it can be told (one host in every failing pair: its
//     own port; else the segment).

export type DfProbeRecord = Omit<MtuProbeView, "id" | "batchId" | "command" | "output">;
export type MtuDfInput = { probes: DfProbeRecord[] };

type Verdict = "ok" | "unknown" | "mismatch" | "path" | "broken";
const RANK: Record<Verdict, number> = { ok: 0, unknown: 0, mismatch: 1, path: 2, broken: 3 };

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
    if (p.payloadBytes === p.expectedMtu - icmpOverhead(p.toAddress)) d.big = latest(d.big, p);
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


/** Evidence rows for stored probes, as both the probe findings and the passive mismatch show them. */
export function mtuProbeEvidence(probes: DfProbeRecord[], proves: (p: DfProbeRecord) => boolean = () => false): EvidenceRow[] {
  return probes.map((p) => ({
      ...(proves(p) ? { proves: true } : {}),
      hostId: p.fromHostId,
      hostName: p.fromHostName,
      at: p.at,
      source: "ping -M do",
      fields: {
        direction: `${p.fromHostName} → ${p.toHostName}`,
        from: p.fromAddress,
        to: p.toAddress,
        packetBytes: p.payloadBytes + icmpOverhead(p.toAddress),
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
  const belowBytes = worst.below ? worst.below.payloadBytes + icmpOverhead(toAddress) : null;
  const belowPassed = worst.below?.ok === true;
  const pingCheck = toAddress.includes(":")
    ? cmd`ping -6 -M do -s ${mtu - icmpOverhead(toAddress)} ${toAddress}`
    : cmd`ping -M do -s ${mtu - icmpOverhead(toAddress)} ${toAddress}`;
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

type End = { id: number; name: string; addr: string };
type PairResult = { key: string; a: End; b: End; dirs: Direction[]; worst: Direction; subnet: string };

function pairResult(key: string, dirs: Direction[]): PairResult {
  const worst = dirs.reduce((w, d) => (RANK[d.verdict] > RANK[w.verdict] ? d : w));
  const first = dirs[0]?.from as DfProbeRecord;
  // Pair order: the end with the lower "hostId/address" first, stable whichever way it failed.
  const forward = endpoint(first.fromHostId, first.fromAddress) === key.split("~")[0];
  const from = { id: first.fromHostId, name: first.fromHostName, addr: first.fromAddress };
  const to = { id: first.toHostId, name: first.toHostName, addr: first.toAddress };
  return { key, a: forward ? from : to, b: forward ? to : from, dirs, worst, subnet: first.subnet };
}

/** The one host in every failing pair, when there are several pairs and exactly one such host. */
function commonHost(pairs: PairResult[]): End | null {
  if (pairs.length < 2) return null;
  let common = new Map([pairs[0]!.a, pairs[0]!.b].map((e) => [e.id, e]));
  for (const p of pairs.slice(1)) common = new Map([...common].filter(([id]) => id === p.a.id || id === p.b.id));
  return common.size === 1 ? ([...common.values()][0] as End) : null;
}

const hostPairOf = (p: PairResult) => [p.a.id, p.b.id].sort((x, y) => x - y).join("-");

function describeGroup(all: PairResult[], broken: boolean, subnet: string): Words {
  // A pair failing over IPv4 and IPv6 is one pair of hosts.
  const pairs = all.filter((p, i) => all.findIndex((q) => hostPairOf(q) === hostPairOf(p)) === i);
  const [one] = pairs as [PairResult];
  const bothFamilies = all.some((p) => p.subnet.includes(":")) && all.some((p) => !p.subnet.includes(":"));
  if (pairs.length === 1) {
    const words = describe(one.worst, one.dirs, one.a.name, one.b.name, subnet);
    return bothFamilies ? { ...words, explanation: `${words.explanation} IPv6 between them fails the same way.` } : words;
  }
  const example = describe(one.worst, one.dirs, one.a.name, one.b.name, subnet);
  const common = commonHost(pairs);
  const pairWords = listWords(pairs.map((p) => `${p.a.name} ↔ ${p.b.name}`));
  const big = one.worst.big as DfProbeRecord;
  const mtu = big.expectedMtu;
  if (broken) {
    return {
      severity: "critical",
      title: common
        ? `${common.name} cannot exchange pings with ${pairs.length} hosts on ${subnet}, even at standard size`
        : `Pings fail even at standard size between ${pairs.length} pairs of hosts on ${subnet}`,
      explanation:
        `Don't-fragment pings between ${pairWords} got no answer, and neither did smaller ones that any working Ethernet path carries. ` +
        (common
          ? `${common.name} is in every failing pair, so the problem is on its side: its firewall (dropping ICMP echo), its link, or its switch port's VLAN.`
          : `The hosts share ${subnet} but cannot exchange these packets at all: check the segment's switch or bridge, VLAN membership and firewalls.`),
      fix: example.fix,
    };
  }
  return {
    severity: "critical",
    title: common
      ? `Jumbo frames do not reach ${common.name} from ${pairs.length} hosts on ${subnet} (its switch or bridge port is smaller)`
      : `Jumbo frames do not pass on ${subnet}: ${pairs.length} pairs of hosts with MTU ${mtu} fail (a switch or bridge on that segment is smaller)`,
    explanation:
      `Both ends of ${pairWords} use an MTU above 1500, yet full-size don't-fragment pings between them got no answer while standard-size ones did. ` +
      (common
        ? `${common.name} is in every failing pair, so the hop that drops them is its own: its switch port, bridge port or the vSwitch/portgroup it sits on. `
        : `Several pairs fail, so the hop that drops them is shared: the segment's switch (jumbo frames are often a global switch setting) or bridge. `) +
      `Large transfers (NFS, iSCSI, backups, VM migration) stall or crawl while ping and SSH look fine.`,
    fix: example.fix,
  };
}

/**
 * Every probe of the pairs, the proof marked: per pair of hosts, the full-size probe of its worst
 * direction (failed), and once the smaller probe sent the same way, which tells a smaller hop
 * (passed) from a broken path (failed). The other directions, the other smaller probes and the
 * IPv6 twins repeat them: context (a subnet of failing pairs has dozens of rows).
 */
function evidence(pairs: PairResult[]): EvidenceRow[] {
  const proof = new Set<DfProbeRecord>();
  const hostPairs = new Set<string>();
  for (const p of pairs) {
    if (hostPairs.has(hostPairOf(p))) continue;
    hostPairs.add(hostPairOf(p));
    if (p.worst.big) proof.add(p.worst.big);
    if (hostPairs.size === 1 && p.worst.below) proof.add(p.worst.below);
  }
  const probes = pairs.flatMap((p) => p.dirs.flatMap((d) => [d.big, d.below])).filter((p): p is DfProbeRecord => p !== undefined);
  return mtuProbeEvidence(probes, (p) => proof.has(p));
}

export function detectMtuDfFailures({ probes }: MtuDfInput): DetectedFinding[] {
  const groups = new Map<string, PairResult[]>();
  for (const [key, dirs] of directions(probes)) {
    const pair = pairResult(key, dirs);
    if (pair.worst.verdict !== "path" && pair.worst.verdict !== "broken") continue;
    const g = `${pair.worst.verdict === "broken" ? "broken:" : ""}${pair.subnet}`;
    groups.set(g, [...(groups.get(g) ?? []), pair]);
  }
  // The same two hosts failing over IPv4 and IPv6 on one link is one fault: an IPv6 group whose
  // host pairs all fail the same way over IPv4 joins that finding.
  for (const [g6, pairs6] of [...groups].filter(([, ps]) => ps[0]!.subnet.includes(":"))) {
    const broken6 = g6.startsWith("broken:");
    const into = [...groups].find(
      ([g4, ps]) => !ps[0]!.subnet.includes(":") && g4.startsWith("broken:") === broken6 && pairs6.every((p6) => ps.some((p4) => hostPairOf(p4) === hostPairOf(p6))),
    );
    if (!into) continue;
    into[1].push(...pairs6);
    groups.delete(g6);
  }
  const findings: DetectedFinding[] = [];
  for (const [g, pairs] of groups) {
    // IPv4 first: the subnet, title and key come from the IPv4 pair when both fail.
    const v6 = (p: PairResult) => (p.subnet.includes(":") ? 1 : 0);
    pairs.sort((x, y) => v6(x) - v6(y) || x.key.localeCompare(y.key));
    const single = new Set(pairs.map(hostPairOf)).size === 1;
    const broken = g.startsWith("broken:");
    const subnet = pairs[0]!.subnet;
    const hosts = new Map(pairs.flatMap((p) => [p.a, p.b]).map((e) => [e.id, e]));
    findings.push({
      kind: "mtu-df-failure",
      key: `mtu-df-failure:${g}`,
      hostIds: [...hosts.keys()].sort((x, y) => x - y),
      subject: single
          ? { type: "pair", id: pairs[0]!.key, label: `${pairs[0]!.a.name} (${pairs[0]!.a.addr}) ↔ ${pairs[0]!.b.name} (${pairs[0]!.b.addr})` }
          : { type: "subnet", id: subnet, label: `subnet ${subnet}` },
      ...describeGroup(pairs, broken, subnet),
      evidence: evidence(pairs),
    });
  }
  return findings.sort((x, y) => x.key.localeCompare(y.key));
}

/**
 * The newest probes that prove (or disprove) an MTU mismatch on `subnet` for the given
 * current MTUs: a probe counts only while both ends still have the MTUs it was sent with.
 */
export function probesProvingMismatch(probes: DfProbeRecord[], subnet: string, mtuOf: (hostId: number, address: string) => number | null): DfProbeRecord[] {
  return probes.filter(
    (p) =>
      p.subnet === subnet &&
      p.peerMtu !== null &&
      p.expectedMtu !== p.peerMtu &&
      mtuOf(p.fromHostId, p.fromAddress) === p.expectedMtu &&
      mtuOf(p.toHostId, p.toAddress) === p.peerMtu,
  );
}

