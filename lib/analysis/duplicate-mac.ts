// Detector 1: one MAC, several IPs (arpwatch's territory), classified with what netdiag knows
// about the collected hosts, and two NICs of collected hosts with one MAC even before any
// neighbor table shows it.
import type { DetectedFinding, Severity } from "@/lib/domain/finding";
import type { AnalysisInput } from "./input";
import { answeringNic, contextOf, hostIdsOf, interfaceRow, neighborRow, type Context, type Nic } from "./machines";
import { isStationMac, virtualMacKind } from "./mac";
import { inSubnet, ipKey, isEdgeOfSubnet } from "./net";
import { CONFIRMED, groupBy, sightingsOf, type Sighting } from "./neighbors";
import { duplicateMacText, seersOf, type MacCase } from "./duplicate-mac-text";
import { proving } from "./evidence";

/** A router answers for addresses off the observer's subnet (proxy ARP), or sits at .1/.254, or says so (NDP router flag). */
function routerLike(sightings: Sighting[]): boolean {
  return sightings.some(
    (s) =>
      s.row.router ||
      (s.observerCidrs.length > 0 && !s.observerCidrs.some((c) => inSubnet(s.ip, c))) ||
      s.observerCidrs.some((c) => isEdgeOfSubnet(s.ip, c)),
  );
}

function classify(mac: string, macNics: Nic[], sightings: Sighting[], ctx: Context): MacCase | null {
  const ips = groupBy(
    // IPv6 hosts have several addresses per NIC by design (SLAAC, privacy); only owned ones count.
    sightings.filter((s) => s.ip.family === 4 || ctx.owners.has(ipKey(s.ip))),
    (s) => ipKey(s.ip),
  );
  const owners = new Map<string, Nic[]>();
  for (const [k] of ips) {
    const all = ctx.owners.get(k) ?? [];
    // The same address on several machines (a host-local bridge): the one with this MAC answers.
    const own = all.filter((n) => n.mac === mac);
    owners.set(k, own.length > 0 ? own : all);
  }
  const parties = new Map<string, Nic>();
  for (const n of [...macNics, ...[...owners.values()].flat()]) if (!parties.has(n.nicId)) parties.set(n.nicId, n);
  const macParties = new Set(macNics.map((n) => n.nicId));
  if (ips.size < 2 && macParties.size < 2) return null;

  const base = { mac, ips, owners, parties: [...parties.values()], macNics, sightings };
  const virtual = virtualMacKind(mac);
  if (virtual) return { ...base, type: "virtual", severity: "info", virtual };
  if (parties.size >= 2) return { ...base, type: "shared", severity: "critical" };
  const [only] = parties.values();
  if (only) {
    const allOwned = [...owners.values()].every((o) => o.some((n) => n.nicId === only.nicId));
    if (allOwned && macParties.has(only.nicId)) return { ...base, type: "secondary", severity: "info" };
    if (routerLike(sightings)) return { ...base, type: "router", severity: "info" };
    // Not one of these entries was confirmed lately: caches from before an address was removed
    // or a NIC replaced (Linux keeps STALE entries until they are garbage-collected).
    const odd = sightings.filter((s) => !(s.mac === only.mac && (owners.get(ipKey(s.ip)) ?? []).some((n) => n.nicId === only.nicId)));
    return odd.some((s) => CONFIRMED.has(s.row.state)) ? { ...base, type: "foreign", severity: "warning" } : { ...base, type: "leftover", severity: "info" };
  }
  if (routerLike(sightings)) return { ...base, type: "router", severity: "info" };
  if ([...ips.values()].filter((g) => g[0]?.ip.family === 4).length < 2) return null;
  const networks = networksSeen(sightings);
  return networks.length >= 2 ? { ...base, type: "networks", severity: "warning", networks } : { ...base, type: "unknown", severity: "warning" };
}

/**
 * The interfaces through which one observer reaches this MAC for different addresses: two or
 * more mean the MAC answers on two networks (two VLANs, two bridges). That is how a vmknic that
 * kept an old NIC's MAC shows up when the ESXi host itself is not collected (only another host's
 * neighbor table sees it); the first observer with two is reported.
 */
function networksSeen(sightings: Sighting[]): Sighting[] {
  for (const seen of groupBy(sightings, (s) => String(s.machine.host.id)).values()) {
    const known = seen.filter((s) => s.row.interface !== null);
    const perInterface = [...groupBy(known, (s) => s.row.interface as string).values()].map((g) => g[0] as Sighting);
    if (perInterface.length >= 2 && new Set(perInterface.map((s) => ipKey(s.ip))).size >= 2) {
      return perInterface.sort((a, b) => (a.row.interface as string).localeCompare(b.row.interface as string));
    }
  }
  return [];
}

function firstPerAddress(sightings: Sighting[]): Set<Sighting> {
  return new Set([...groupBy(sightings, (s) => ipKey(s.ip)).values()].map((g) => g[0] as Sighting));
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function detectDuplicateMac(input: AnalysisInput): DetectedFinding[] {
  const ctx = contextOf(input);
  const nicsByMac = groupBy(
    ctx.nics.filter((n) => n.mac !== null && isStationMac(n.mac) && answeringNic(n)),
    (n) => n.mac as string,
  );
  const sightingsByMac = groupBy(sightingsOf(input, ctx), (s) => s.mac);
  const macs = new Set([...nicsByMac.keys(), ...sightingsByMac.keys()]);
  const out: DetectedFinding[] = [];
  for (const mac of [...macs].sort()) {
    const c = classify(mac, nicsByMac.get(mac) ?? [], sightingsByMac.get(mac) ?? [], ctx);
    if (!c) continue;
    const text = duplicateMacText(c);
    const culprits = c.parties.length > 0 ? c.parties.map((n) => n.machine) : c.sightings.map((s) => s.machine);
    const nicRows = new Map(c.parties.map((n) => [`${n.machine.host.id}/${n.iface.name}`, n]));
    for (const n of c.macNics) nicRows.set(`${n.machine.host.id}/${n.iface.name}`, n);
    // The tables that show one MAC for several of the addresses prove it: their hosts are
    // involved (not at fault), and their rows say what they show. With the NICs that carry the
    // MAC they are the proof; when no single table shows it twice, one sighting per address is.
    const seers = seersOf(c);
    const sightings = [...c.sightings].sort((a, b) => a.machine.host.name.localeCompare(b.machine.host.name) || a.row.ip.localeCompare(b.row.ip));
    const shows = new Set(seers.flat());
    const proof = shows.size > 0 ? shows : firstPerAddress(sightings);
    const carriers = new Set(c.macNics.map((n) => n.nicId));
    const culpritIds = new Set(hostIdsOf(culprits));
    out.push({
      kind: "duplicate-mac",
      severity: c.severity,
      key: `duplicate-mac:${mac}`,
      hostIds: hostIdsOf(culprits),
      involvedHostIds: hostIdsOf(seers.map((g) => g[0]!.machine)).filter((id) => !culpritIds.has(id)),
      subject: { type: "mac", id: mac, label: `MAC ${mac}` },
      ...text,
      evidence: [
        ...[...nicRows.values()].map((n) => (carriers.has(n.nicId) ? proving(interfaceRow(n)) : interfaceRow(n))),
        ...sightings.map((s) => {
          const row = proof.has(s) ? proving(neighborRow(s.machine, s.row)) : neighborRow(s.machine, s.row);
          if (!shows.has(s)) return row;
          const n = new Set(seers.find((g) => g.includes(s))!.map((x) => x.row.ip)).size;
          return { ...row, fields: { ...row.fields, shows: `one MAC for ${n} addresses` } };
        }),
      ],
    });
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
