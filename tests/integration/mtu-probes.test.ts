import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { detectMtuDfFailures } from "@/lib/analysis/mtu-df";
import { collectHost } from "@/lib/jobs/collect";
import { mtuProbesIdle, verifyMtu } from "@/lib/jobs/mtu-probes";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import { createHost, deleteHost, listHostIds } from "@/lib/queries/hosts";
import { listFindings } from "@/lib/queries/findings";
import { listLatestMtuProbes } from "@/lib/queries/probes";
import { hostWithRole, lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Detector 4 against the lab's real hosts: DF pings over SSH between every pair sharing a subnet.

let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => {
  const id = ids.get(h.name);
  if (id === undefined) throw new Error(`${h.name} was not registered`);
  return id;
};
/** "h3>h1 8972 failed" for compact, readable assertions. */
const short = (name: string) => name.replace(/^.*-/, "");
const line = (p: MtuProbeView) =>
  `${short(p.fromHostName)}>${short(p.toHostName)} ${p.payloadBytes} ${p.error ? `error ${p.errorCode}` : p.ok ? "passed" : "failed"}`;

let jumbo: LabHost;
let pair: LabHost[];
let segA: string;
let segC: string;
let segC6: string;
/** "key severity" of every open finding of the probes' scope, sorted. */
const openProbeFindings = async () =>
  (await listFindings({ scope: "mtu-probe", status: "open" })).map((f) => `${f.key} ${f.severity}`).sort();
let initialFindings: string[];

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  jumbo = hostWithRole(l, "jumbo");
  pair = l.hosts.filter((h) => h.roles.includes("jumbo-pair"));
  if (pair.length !== 2) throw new Error(`The lab needs the jumbopair fault (two jumbo-pair hosts); faults on: ${l.faults.join(",")}`);
  segA = `10.${l.octet}.1.`;
  segC = `10.${l.octet}.20.`;
  segC6 = `fd00:${l.octet}:20::/64`;
  // Probes cover every collected pair in the database: hosts earlier files registered for the
  // same lab addresses would multiply them (and their findings), so this file starts alone.
  for (const id of await listHostIds()) await deleteHost(id);
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: `mtu-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  const runs = await Promise.all(l.hosts.map((h) => collectHost(idOf(h))));
  expect(runs.map((r) => r.status)).toEqual(l.hosts.map(() => "ok"));
});

afterAll(async () => {
  await mtuProbesIdle();
});

describe("DF probes between lab hosts over real SSH", () => {
  let all: MtuProbeView[];

  test("every pair sharing a subnet is probed both ways; only the jumbo faults fail, at the full size only", async () => {
    const batch = await verifyMtu();
    const ours = new Set(ids.values());
    all = batch.probes.filter((p) => ours.has(p.fromHostId) && ours.has(p.toHostId));
    expect(all.filter((p) => p.error !== null).map(line)).toEqual([]);

    const a = l.hosts.filter((h) => h.interfaces.some((i) => i.addresses.some((x) => x.startsWith(segA))));
    const plain = a.filter((h) => h !== jumbo);
    // segment A: every pair, 4 probes each (two directions x two sizes); plus h5-h6 on B and the pair on C
    expect(all.filter((p) => p.subnet === `${segA}0/24`)).toHaveLength(((a.length * (a.length - 1)) / 2) * 4);

    // The 9000-MTU host on the 1500 segment: 8972 toward every 1500 host is lost, 1472 passes
    const fromJumbo = all.filter((p) => p.fromHostId === idOf(jumbo) && p.subnet === `${segA}0/24`);
    expect(fromJumbo.map(line).sort()).toEqual(
      plain.flatMap((h) => [`${short(jumbo.name)}>${short(h.name)} 8972 failed`, `${short(jumbo.name)}>${short(h.name)} 1472 passed`]).sort(),
    );
    // ...and the other way, 1500 hosts reach it at their full 1472 (and 1372)
    const toJumbo = all.filter((p) => p.toHostId === idOf(jumbo));
    expect(toJumbo.every((p) => p.ok && p.expectedMtu === 1500)).toBe(true);

    // The jumbo pair: both at 9000 on segment C, bridge ports at 1500: 8972 fails both ways
    const [p7, p8] = pair as [LabHost, LabHost];
    const onC = all.filter((p) => p.subnet === `${segC}0/24`);
    expect(onC.map(line).sort()).toEqual(
      [`${short(p7.name)}>${short(p8.name)} 8972 failed`, `${short(p7.name)}>${short(p8.name)} 1472 passed`, `${short(p8.name)}>${short(p7.name)} 8972 failed`, `${short(p8.name)}>${short(p7.name)} 1472 passed`].sort(),
    );
    expect(onC.every((p) => p.expectedMtu === 9000 && p.peerMtu === 9000)).toBe(true);
    expect(onC.find((p) => p.payloadBytes === 8972)).toMatchObject({ transmitted: 3, received: 0, lossPercent: 100 });

    // ...and over IPv6 (segment C carries unique-local addresses too): 8952 + 48 header bytes
    const onC6 = all.filter((p) => p.subnet === segC6);
    expect(onC6.map(line).sort()).toEqual(
      [`${short(p7.name)}>${short(p8.name)} 8952 failed`, `${short(p7.name)}>${short(p8.name)} 1452 passed`, `${short(p8.name)}>${short(p7.name)} 8952 failed`, `${short(p8.name)}>${short(p7.name)} 1452 passed`].sort(),
    );
    expect(onC6.find((p) => p.payloadBytes === 8952)!.command).toMatch(/^LC_ALL=C ping -6 -n -M do -s 8952 -c 3 -i 0\.2 -W 1 fd00:/);

    // Everything else passes
    const rest = all.filter((p) => p.fromHostId !== idOf(jumbo) && p.subnet !== `${segC}0/24` && p.subnet !== segC6);
    expect(rest.filter((p) => !p.ok).map(line)).toEqual([]);
  });

  test("the detector: one critical for the jumbo pair; the jumbo host's failures prove the passive mismatch instead of one warning per peer", async () => {
    const findings = detectMtuDfFailures({ probes: all });
    const [p7, p8] = pair as [LabHost, LabHost];
    expect(findings.map((f) => [f.severity, f.title, f.hostIds])).toEqual([
      ["critical", `Jumbo frames do not pass between mtu-${p7.name} and mtu-${p8.name} (a switch or bridge in between is at 1500)`, [idOf(p7), idOf(p8)]],
    ]);
    // two directions x two sizes, over IPv4 and IPv6
    expect(findings[0]!.evidence).toHaveLength(8);

    // ...and the same findings were stored, tracked in their own scope
    initialFindings = await openProbeFindings();
    expect(initialFindings).toEqual(findings.map((f) => `${f.key} ${f.severity}`).sort());

    // The jumbo host on the 1500 segment: one finding (the passive mismatch), carrying every
    // peer's failed 8972-byte probe as its proof, the peers involved rather than at fault.
    await mtuProbesIdle();
    await findingsSettled();
    const plain = l.hosts.filter((h) => h !== jumbo && h.interfaces.some((i) => i.addresses.some((x) => x.startsWith(segA))));
    const [mismatch, ...more] = await listFindings({ status: "open", kind: "mtu-mismatch" });
    expect(more).toEqual([]);
    expect(mismatch!.hostIds).toEqual([idOf(jumbo)]);
    const failed = mismatch!.evidence.filter((r) => r.source === "ping -M do" && r.fields.result === "failed");
    expect(failed.map((r) => r.fields.direction).sort()).toEqual(plain.map((h) => `mtu-${jumbo.name} → mtu-${h.name}`).sort());
    expect(failed.every((r) => r.fields.packetBytes === 9000)).toBe(true);
    expect(mismatch!.explanation).toContain(`Don't-fragment pings prove it: 9000-byte packets from mtu-${jumbo.name} to ${plain.length} hosts never arrived`);
    expect(mismatch!.involvedHostIds.sort((a, b) => a - b)).toEqual(plain.map(idOf).sort((a, b) => a - b));
  });

  test("the results are stored and listed per host, newest per path", async () => {
    const listed = await listLatestMtuProbes(idOf(jumbo));
    expect(listed.length).toBe(all.filter((p) => p.fromHostId === idOf(jumbo) || p.toHostId === idOf(jumbo)).length);
    const big = listed.find((p) => p.fromHostId === idOf(jumbo) && p.payloadBytes === 8972);
    expect(big).toMatchObject({ ok: false, expectedMtu: 9000, peerMtu: 1500, fromInterface: "eth0", error: null });
    expect(big!.command).toMatch(/^LC_ALL=C ping -n -M do -s 8972 -c 3 -i 0\.2 -W 1 10\.\d+\.1\.\d+$/);
    expect(big!.output).toContain("100% packet loss");
  });

  test("Verify MTU on one host probes only the paths from and to it", async () => {
    const [p7] = pair as [LabHost];
    const batch = await verifyMtu(idOf(p7));
    const ours = batch.probes;
    expect(ours.every((p) => p.fromHostId === idOf(p7) || p.toHostId === idOf(p7))).toBe(true);
    // segment A peers + the pair partner on C over IPv4 and IPv6, 4 probes each
    expect(ours).toHaveLength((l.hosts.length - 1) * 4 + 4 + 4);
  });

  test("a source host whose sshd is down: its probes are stored as errors, the other direction still proves the fault", async () => {
    const [p7, p8] = pair as [LabHost, LabHost];
    lab("sshd-stop", p8.name);
    try {
      const batch = await verifyMtu(idOf(p8));
      const fromDown = batch.probes.filter((p) => p.fromHostId === idOf(p8));
      expect(fromDown.length).toBeGreaterThan(0);
      expect(new Set(fromDown.map((p) => p.errorCode))).toEqual(new Set(["refused"]));
      expect(fromDown.every((p) => !p.ok && p.transmitted === null)).toBe(true);
      const onC = batch.probes.filter((p) => p.subnet === `${segC}0/24`);
      const findings = detectMtuDfFailures({ probes: onC });
      expect(findings.map((f) => [f.severity, f.hostIds])).toEqual([["critical", [idOf(p7), idOf(p8)]]]);
      expect(findings[0]!.evidence.filter((e) => e.fields.result === "could not run")).toHaveLength(2);
      // A probe that could not run is no evidence that the fault went away: still open
      expect(await openProbeFindings()).toEqual(initialFindings);
    } finally {
      lab("sshd-start", p8.name);
    }
  });

  test("after a collection that sees an MTU change, the host's paths are probed by themselves", async () => {
    const h = l.hosts.find((x) => x.roles.length === 0) as LabHost;
    const peer = l.hosts.find((x) => x !== h && x !== jumbo && x.interfaces[0]?.mtu === 1500) as LabHost;
    const before = new Date().toISOString();
    lab("exec", h.name, "ip", "link", "set", "dev", "eth0", "mtu", "9000");
    try {
      await collectHost(idOf(h));
      await mtuProbesIdle();
      const listed = await listLatestMtuProbes(idOf(h));
      const big = listed.find((p) => p.fromHostId === idOf(h) && p.toHostId === idOf(peer) && p.payloadBytes === 8972);
      expect(big).toMatchObject({ ok: false, expectedMtu: 9000, peerMtu: 1500, error: null });
      expect(big!.at > before).toBe(true);
      // h and the jumbo host are both at 9000 now, on a 1500 bridge: critical while it lasts
      const both = (await listFindings({ scope: "mtu-probe", status: "open", hostId: idOf(h) })).filter((f) => f.hostIds.includes(idOf(jumbo)));
      expect(both.map((f) => f.severity)).toEqual(["critical"]);
    } finally {
      lab("exec", h.name, "ip", "link", "set", "dev", "eth0", "mtu", "1500");
    }
    const restored = new Date().toISOString();
    await collectHost(idOf(h));
    await mtuProbesIdle();
    // Back at 1500: the full-size probe is 1472 again, re-run after the change, and it passes
    const listed = await listLatestMtuProbes(idOf(h));
    const full = listed.find((p) => p.fromHostId === idOf(h) && p.toHostId === idOf(peer) && p.payloadBytes === 1472);
    expect(full!.at > restored).toBe(true);
    expect(full).toMatchObject({ ok: true, expectedMtu: 1500, peerMtu: 1500 });

    // A collection with the same MTUs probes nothing
    const quiet = new Date().toISOString();
    await collectHost(idOf(h));
    await mtuProbesIdle();
    expect((await listLatestMtuProbes(idOf(h))).filter((p) => p.at > quiet)).toEqual([]);
    // What the 9000 interval opened (h vs. the 1500 hosts, h vs. the jumbo host) has resolved again
    expect(await openProbeFindings()).toEqual(initialFindings);
  });
});
