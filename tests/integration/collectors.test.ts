import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as collectRoute } from "@/app/api/hosts/[id]/collect/route";
import { getDb } from "@/lib/db";
import { collectAll } from "@/lib/jobs/collect";
import { cancelIperfRun, submitIperfRun } from "@/lib/jobs/iperf/queue";
import { createHost } from "@/lib/queries/hosts";
import { listSites } from "@/lib/queries/sites";
import type { IperfParams } from "@/lib/domain/iperf";
import { Collector, stopCollectors, until } from "./collector-child";
import { hostWithRole, labKey, readLab, startWithNoHosts, type LabHost } from "./lab";

// A second netdiag process, `npm run collector` for site "far", on the suite's database and
// against the lab over real SSH, next to this process (an unscoped server). The collector
// collects its site's host and never touches the other one (the lab's sshd logs say who
// logged in); this process leaves the far host alone, also after the collector stops.
let near: { id: number; host: LabHost };
let far: { id: number; host: LabHost };

/** Logins the lab host's sshd accepted so far: the command audit of who touched it. */
const logins = (h: LabHost) => (fs.readFileSync(path.join(path.dirname(h.shellStartsPath), `${h.name}.sshd.log`), "utf8").match(/Accepted /g) ?? []).length;

let collector: Collector;

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  const plain = l.hosts.filter((h) => h.roles.length === 0);
  const [a, b] = plain.length >= 2 ? plain : l.hosts;
  const privateKey = labKey(l);
  const h1 = await createHost({ name: `near-${a!.name}`, address: a!.address, port: a!.port, username: a!.username, platform: "auto", privateKey });
  const h2 = await createHost({ name: `far-${b!.name}`, address: b!.address, port: b!.port, username: b!.username, platform: "auto", privateKey, site: "far" });
  near = { id: h1.id, host: a! };
  far = { id: h2.id, host: b! };
});

afterAll(async () => {
  stopCollectors();
  // Other files start from no hosts; the collector's rows would otherwise keep "far" a site.
  await (await getDb()).collector.deleteMany({ where: { site: { in: ["far", "away"] } } });
});

test("a collector of site far collects only its site's host; the server collects the rest and refuses the far host", async () => {
  const before = { near: logins(near.host), far: logins(far.host) };
  // A five-minute cadence whose first slot is now.
  collector = new Collector({ NETDIAG_SITE: "far", NETDIAG_COLLECT_INTERVAL: "5" });
  await collector.until(/scheduled collection: 1 host\(s\) collected/);
  expect(collector.output).toContain('collector for site "far" started');

  const db = await getDb();
  const runsOf = (hostId: number) => db.run.findMany({ where: { hostId }, select: { status: true } });
  expect(await runsOf(far.id)).toEqual([{ status: "ok" }]);
  expect(await runsOf(near.id)).toEqual([]);
  expect(logins(far.host)).toBeGreaterThan(before.far);
  expect(logins(near.host)).toBe(before.near);

  // This process (unscoped) collects every site without a collector of its own: not far.
  const mine = await collectAll();
  expect(mine.map((r) => r.hostId)).toEqual([near.id]);
  const refused = await collectRoute(new Request(`http://localhost/api/hosts/${far.id}/collect`, { method: "POST" }), { params: Promise.resolve({ id: String(far.id) }) });
  expect(refused.status).toBe(409);
  expect((await refused.json()).error).toEqual({
    code: "remote_site",
    message: `far-${far.host.name} is at site "far", which its own collector collects: it runs there, where the host can be reached`,
  });

  const site = (await listSites()).find((s) => s.name === "far");
  expect(site).toMatchObject({ hosts: 1, uncovered: false, collectors: [{ role: "collector", site: "far", live: true, version: "0.1.0" }], lagSeconds: 0 });
  expect(Date.parse(site!.lastSweepAt!)).toBeGreaterThan(Date.now() - 60_000);
  expect(site!.collectors[0]!.jobsDone).toBeGreaterThanOrEqual(1);
});

test("a collector stopped with SIGTERM says so at once: its site is flagged and its collections wait rather than run from here", async () => {
  expect(await collector.stop("SIGTERM")).toBe(0);
  expect(collector.output).toContain("collector stopping (SIGTERM)");
  const site = (await listSites()).find((s) => s.name === "far");
  expect(site).toMatchObject({ hosts: 1, uncovered: true, collectors: [{ site: "far", live: false }] });
  const before = logins(far.host);
  expect((await collectAll()).map((r) => r.hostId)).toEqual([near.id]);
  expect(logins(far.host)).toBe(before);
});

// Every lab host but the two above, at site "away", collected one at a time by its collectors:
// sweeps long enough to share, and to cut.
const AWAY_ENV = { NETDIAG_SITE: "away", NETDIAG_COLLECT_INTERVAL: "5", NETDIAG_COLLECT_CONCURRENCY: "1", NETDIAG_JOB_LEASE_SECONDS: "3" };
const awayIds: number[] = [];
async function awayHosts(): Promise<number[]> {
  if (awayIds.length > 0) return awayIds;
  const l = readLab();
  const privateKey = labKey(l);
  const hosts = [...l.hosts, ...l.profileHosts].filter((h) => h.name !== near.host.name && h.name !== far.host.name);
  for (const h of hosts) awayIds.push((await createHost({ name: `away-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey, site: "away" })).id);
  return awayIds;
}

test("two collectors of one site share its sweep: each host is collected once, by one or the other", async () => {
  const ids = await awayHosts();
  const db = await getDb();
  // The site's next slot, a little ahead: both processes are up and asleep until it.
  const slot = new Date(Date.now() + 10_000);
  await db.scheduledJob.create({ data: { key: "collect-all:away", nextDueAt: slot } });
  const pair = [new Collector(AWAY_ENV), new Collector(AWAY_ENV)];
  await Promise.all(pair.map((c) => c.until(/scheduled collection: \d+ host\(s\) collected/)));
  const runs = await db.run.findMany({ where: { hostId: { in: ids } } });
  expect(runs.every((r) => r.sweep === `collect-all:away@${slot.toISOString()}` && r.status !== "running")).toBe(true);
  expect(runs.map((r) => r.hostId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  const by = new Map<string, number>();
  for (const r of runs) by.set(r.collectorId!, (by.get(r.collectorId!) ?? 0) + 1);
  expect(by.size).toBe(2);
  expect(pair.some((c) => /shared the sweep with another process/.test(c.output))).toBe(true);
  for (const c of pair) expect(await c.stop("SIGTERM")).toBe(0);
  // The next test's first collector starts the site's sweep afresh.
  await db.scheduledJob.delete({ where: { key: "collect-all:away" } });
});

test("two collectors of one site: the one sweeping is killed with SIGKILL mid-sweep, the other takes the sweep over; every host is collected once, none twice, no snapshot half-written", async () => {
  const ids = await awayHosts();
  const env = AWAY_ENV;
  const db = await getDb();
  const since = new Date();
  const runs = () => db.run.findMany({ where: { hostId: { in: ids }, startedAt: { gte: since } }, orderBy: { id: "asc" } });
  const finished = async () => (await runs()).filter((r) => r.status !== "running");

  const first = new Collector(env);
  // Killed with a host done and the next one being collected.
  await until(async () => {
    const rs = await runs();
    return rs.some((r) => r.status === "running") && rs.some((r) => r.status !== "running");
  }, "the first collector to finish a host and start the next");
  expect(await first.stop("SIGKILL")).toBeNull();
  const cut = await finished();
  expect(cut.length).toBeLessThan(ids.length);
  const firstId = cut[0]!.collectorId!;
  // What it had in flight stays "running" now that it is gone (almost always one host).
  const inFlight = (await runs()).filter((r) => r.status === "running").map((r) => r.id);

  const second = new Collector(env);
  // It may first join the sweep while the lease has not lapsed yet (the hosts nobody claimed),
  // then takes it over (the dead one's collection in flight).
  const out = await second.until(/took over the sweep of a stopped process: .*\n(.*\n)*.*scheduled collection: \d+ host\(s\) collected/);
  const interrupted = Number(/took over the sweep of a stopped process: (\d+) interrupted/.exec(out)![1]);
  expect(interrupted).toBe(inFlight.length);

  const all = await runs();
  expect(all.filter((r) => r.status === "running")).toEqual([]);
  const cutShort = all.filter((r) => r.errorCode === "interrupted");
  expect(cutShort.map((r) => r.id)).toEqual(inFlight);
  for (const r of cutShort) {
    // Killed mid-collection: nothing of it was stored, and its host was collected again.
    expect(r).toMatchObject({ collectorId: firstId, hasSnapshot: false });
    expect(await db.interface.count({ where: { runId: r.id } })).toBe(0);
    expect(await db.neighbor.count({ where: { runId: r.id } })).toBe(0);
  }
  // Each host exactly once, by one process or the other.
  const kept = all.filter((r) => r.errorCode !== "interrupted");
  expect(kept.map((r) => r.hostId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  const byFirst = new Set(kept.filter((r) => r.collectorId === firstId).map((r) => r.hostId));
  expect(byFirst.size).toBe(cut.length);
  expect(kept.filter((r) => r.collectorId !== firstId).every((r) => !byFirst.has(r.hostId))).toBe(true);
  expect(await second.stop("SIGTERM")).toBe(0);
});


test("iperf tests between hosts of a site with collectors are queued for them; two collectors take turns on a shared host instead of colliding; one running there is cancelled from here", async () => {
  await awayHosts(); // collected by the tests above: the runner knows their addresses
  const db = await getDb();
  const l = readLab();
  const idOf = async (h: LabHost) => (await db.host.findFirstOrThrow({ where: { name: `away-${h.name}` } })).id;
  const x = await idOf(hostWithRole(l, "shaped"));
  const y = await idOf(hostWithRole(l, "dupmac-observer"));
  const test = (clientHostId: number, serverHostId: number): IperfParams => ({ clientHostId, serverHostId, durationSec: 2, parallel: 1, protocol: "tcp", direction: "forward", omitSec: 0, simultaneous: false });

  // No periodic collection: these processes only look for tests to run.
  const pair = [new Collector({ ...AWAY_ENV, NETDIAG_COLLECT_INTERVAL: "0" }), new Collector({ ...AWAY_ENV, NETDIAG_COLLECT_INTERVAL: "0" })];
  await Promise.all(pair.map((c) => c.until(/collector for site "away" started/)));
  // From here (the web server's side), a test between the near host and an away host has no
  // process that reaches both ends.
  await expect(submitIperfRun(test(near.id, x))).rejects.toMatchObject({
    code: "remote_site",
    status: 409,
    message: expect.stringMatching(/^away-\S+ is at site "away", which its own collector reaches, and near-\S+ is at site "default": no one netdiag process reaches both ends of this test$/),
  });
  // Both tests use both hosts; each collector sees both queued and wants to run them.
  const queued = [await submitIperfRun(test(x, y)), await submitIperfRun(test(y, x))];
  for (const r of queued) expect(r).toMatchObject({ status: "queued", position: null });
  const ids = queued.map((r) => r.id);
  await until(async () => (await db.iperfRun.count({ where: { id: { in: ids }, status: { in: ["queued", "running"] } } })) === 0, "both tests to finish");

  const runs = await db.iperfRun.findMany({ where: { id: { in: ids } }, orderBy: { startedAt: "asc" } });
  expect(runs.map((r) => [r.status, r.error])).toEqual([
    ["done", null],
    ["done", null],
  ]);
  const collectors = (await db.collector.findMany({ where: { pid: { in: pair.map((c) => c.proc.pid!) } } })).map((c) => c.id);
  expect(collectors).toHaveLength(2);
  for (const r of runs) expect(collectors).toContain(r.runningBy);
  // One after the other: the second started once the first had finished, whichever process ran it.
  expect(runs[1]!.startedAt!.getTime()).toBeGreaterThanOrEqual(runs[0]!.finishedAt!.getTime());
  expect(await db.iperfHostClaim.count()).toBe(0);

  // A minute-long test there, cancelled from here: the collector running it stops both ends.
  const long = await submitIperfRun({ ...test(x, y), durationSec: 60 });
  await until(async () => (await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } })).status === "running", "the long test to start");
  expect(await cancelIperfRun(long.id)).toMatchObject({ status: "cancelled", errorCode: "cancelled" });
  const stopped = await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } });
  expect(stopped.finishedAt!.getTime() - stopped.startedAt!.getTime()).toBeLessThan(60_000);
  expect(await db.iperfHostClaim.count()).toBe(0);
  for (const c of pair) expect(await c.stop("SIGTERM")).toBe(0);
});
