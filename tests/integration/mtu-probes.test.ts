import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { detectMtuDfFailures } from "@/lib/analysis/mtu-df";
import { collectHost } from "@/lib/jobs/collect";
import { mtuProbesIdle, verifyMtu } from "@/lib/jobs/mtu-probes";
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

    // Everything else passes
    const rest = all.filter((p) => p.fromHostId !== idOf(jumbo) && p.subnet !== `${segC}0/24`);
    expect(rest.filter((p) => !p.ok).map(line)).toEqual([]);
  });

  test("the detector: critical for the jumbo pair, a warning per 1500 peer of the jumbo host, nothing for clean pairs", async () => {
    const findings = detectMtuDfFailures({ probes: all });
    const [p7, p8] = pair as [LabHost, LabHost];
    const critical = findings.filter((f) => f.severity === "critical");
    expect(critical.map((f) => [f.title, f.hostIds])).toEqual([
      [`Jumbo frames do not pass between mtu-${p7.name} and mtu-${p8.name} (a switch or bridge in between is at 1500)`, [idOf(p7), idOf(p8)]],
    ]);
    expect(critical[0]!.evidence).toHaveLength(4);
    const warnings = findings.filter((f) => f.severity === "warning");
    const plain = l.hosts.filter((h) => h !== jumbo);
    expect(warnings.map((f) => f.title).sort()).toEqual(
      plain.map((h) => `mtu-${jumbo.name} (MTU 9000) cannot send full-size packets to mtu-${h.name} (MTU 1500)`).sort(),
    );
    // Clean pairs (neither end is the jumbo host, not the pair's segment C): no finding at all
    const flagged = new Set(findings.flatMap((f) => f.hostIds.map(String).sort().join("-")));
    const cleanPairs = plain.flatMap((x, i) => plain.slice(i + 1).map((y) => [idOf(x), idOf(y)].map(String).sort().join("-")));
    expect(cleanPairs.filter((k) => flagged.has(k) && k !== [idOf(p7), idOf(p8)].map(String).sort().join("-"))).toEqual([]);

    // ...and the same findings were stored, tracked in their own scope
    initialFindings = await openProbeFindings();
    expect(initialFindings).toEqual(findings.map((f) => `${f.key} ${f.severity}`).sort());
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
    // segment A peers + the pair partner on C, 4 probes each
    expect(ours).toHaveLength((l.hosts.length - 1) * 4 + 4);
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
