import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as collectRoute } from "@/app/api/hosts/[id]/collect/route";
import { POST as verifyMtuRoute } from "@/app/api/hosts/[id]/verify-mtu/route";
import { DELETE as channelDelete } from "@/app/api/notifications/channels/[id]/route";
import { POST as channelsPost } from "@/app/api/notifications/channels/route";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { startQueue, stopQueue } from "@/lib/jobs/boss";
import { HOUSEKEEPING, runDueJobs, serveHousekeeping } from "@/lib/jobs/scheduler";
import { collectorId } from "@/lib/jobs/collector-process";
import { startNotifier } from "@/lib/jobs/notify";
import { submitIperfRun } from "@/lib/jobs/iperf/queue";
import type { IperfParams } from "@/lib/domain/iperf";
import { createHost } from "@/lib/queries/hosts";
import { Collector, stopCollectors, until } from "./collector-child";
import { hostWithRole, labKey, readLab, startWithNoHosts } from "./lab";
import { WEBHOOK_SECRET, startHttpReceiver } from "./receivers";

// On PostgreSQL a sweep's hosts are jobs in pg-boss, in the database the processes share. Two
// `npm run collector` processes of one site work one sweep; the one that did not begin it is
// killed with SIGKILL holding a host. The process that began the sweep keeps its lease the whole
// time, so no takeover of the sweep happens: the host comes back because pg-boss expires the
// dead process's job and offers it again, and the survivor collects it. Run.sweep keeps every
// host to one collection.

const SITE = "queue";
const JOB = `collect-all:${SITE}`;
// One host at a time each, and short SSH bounds: a job counts as lost after 2 + 4 × 3 + 5 = 19 s.
const ENV = {
  NETDIAG_SITE: SITE,
  NETDIAG_COLLECT_INTERVAL: "5",
  NETDIAG_COLLECT_CONCURRENCY: "1",
  NETDIAG_JOB_LEASE_SECONDS: "3",
  NETDIAG_SSH_CONNECT_TIMEOUT_MS: "2000",
  NETDIAG_SSH_COMMAND_TIMEOUT_MS: "3000",
};
const ids: number[] = [];

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  const privateKey = labKey(l);
  for (const h of [...l.hosts, ...l.profileHosts]) {
    ids.push((await createHost({ name: `q-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey, site: SITE })).id);
  }
});

afterAll(async () => {
  stopCollectors();
  await stopQueue();
  await (await getDb()).collector.deleteMany({ where: { site: SITE } });
});

test("a process killed holding a host of a shared sweep: pg-boss offers its job again and the other process collects the host; every host once, nothing half-written", async () => {
  const db = await getDb();
  const slot = new Date(Date.now() + 8_000);
  await db.scheduledJob.create({ data: { key: JOB, nextDueAt: slot } });
  const sweep = `${JOB}@${slot.toISOString()}`;
  const pair = [new Collector(ENV), new Collector(ENV)];
  const runs = () => db.run.findMany({ where: { hostId: { in: ids } }, orderBy: { id: "asc" } });

  // The process that did not begin the sweep, caught mid-collection.
  let victim: { collectorId: string; pid: number } | null = null;
  await until(async () => {
    const job = await db.scheduledJob.findUnique({ where: { key: JOB } });
    if (!job?.runningBy) return false;
    const held = (await runs()).find((r) => r.status === "running" && r.collectorId !== null && r.collectorId !== job.runningBy);
    if (!held) return false;
    const c = await db.collector.findUnique({ where: { id: held.collectorId! } });
    victim = c && { collectorId: c.id, pid: c.pid };
    return victim !== null;
  }, "the process that joined the sweep to be collecting a host");
  const { collectorId: victimId, pid } = victim!;
  const dead = pair.find((c) => c.proc.pid === pid)!;
  const survivor = pair.find((c) => c !== dead)!;
  expect(await dead.stop("SIGKILL")).toBeNull();
  const held = (await runs()).filter((r) => r.status === "running" && r.collectorId === victimId).map((r) => r.id);
  expect(held.length).toBe(1);

  const out = await survivor.until(/scheduled collection: \d+ host\(s\) collected/);
  expect(out).toMatch(/took over the sweep of a stopped process: 1 interrupted/);

  const all = await runs();
  expect(all.filter((r) => r.status === "running")).toEqual([]);
  const cut = all.filter((r) => r.errorCode === "interrupted");
  expect(cut.map((r) => r.id)).toEqual(held);
  for (const r of cut) {
    expect(r).toMatchObject({ collectorId: victimId, hasSnapshot: false, sweep: null });
    expect(await db.interface.count({ where: { runId: r.id } })).toBe(0);
    expect(await db.neighbor.count({ where: { runId: r.id } })).toBe(0);
  }
  const kept = all.filter((r) => r.errorCode !== "interrupted");
  expect(kept.every((r) => r.sweep === sweep)).toBe(true);
  expect(kept.map((r) => r.hostId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  // The survivor collected the interrupted host again.
  const again = kept.find((r) => r.hostId === cut[0]!.hostId)!;
  expect(again.collectorId).not.toBe(victimId);

  // It was pg-boss that offered the dead process's job again (the survivor began the sweep and
  // held its lease throughout, so there was no takeover): one job per host, every one completed,
  // and only the interrupted host's job was fetched a second time, after it expired.
  const client = new pg.Client({ connectionString: env().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ host: number; retries: number; state: string; output: unknown }>(
      `SELECT (data->>'hostId')::int AS host, retry_count AS retries, state, output FROM pgboss.job WHERE name = $1 AND data->>'sweep' = $2`,
      [JOB, sweep],
    );
    expect(rows.map((r) => r.host).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(rows.every((r) => r.state === "completed")).toBe(true);
    const retried = rows.filter((r) => r.retries > 0);
    expect(retried.map((r) => r.host)).toEqual([cut[0]!.hostId]);
  } finally {
    await client.end();
  }
  expect(await survivor.stop("SIGTERM")).toBe(0);
}, 150_000);

const post = (handler: typeof collectRoute, id: number, what: string) =>
  handler(new Request(`http://localhost/api/hosts/${id}/${what}`, { method: "POST" }), { params: Promise.resolve({ id: String(id) }) });

test("Collect now and Verify MTU on hosts only a site's collector reaches: this process hands them to it through pg-boss and answers with what it found; a collector that does not answer is a 503 naming the site", async () => {
  const db = await getDb();
  // This process is the web server: on PostgreSQL its scheduler starts the queue.
  await startQueue();
  const site = new Collector({ ...ENV, NETDIAG_COLLECT_INTERVAL: "0" });
  await site.until(/collector for site "queue" started/);
  const siteCollector = await db.collector.findFirstOrThrow({ where: { site: SITE, stoppedAt: null }, orderBy: { startedAt: "desc" } });
  const l = readLab();
  // Two of the profile hosts (login shells, PAM, banners…) on one bridge: one subnet, so each
  // is the other's MTU peer.
  const [a, b] = l.profileHosts.slice(0, 2).map((h) => ids[l.hosts.length + l.profileHosts.indexOf(h)]!);

  for (const id of [a!, b!]) {
    const res = await post(collectRoute, id, "collect");
    const summary = await res.json();
    expect(res.status).toBe(200);
    expect(summary).toMatchObject({ hostId: id, status: "ok", errorCode: null });
    const run = await db.run.findUniqueOrThrow({ where: { id: summary.runId } });
    // Run by the site's collector, not by this process.
    expect(run.collectorId).toBe(siteCollector.id);
    expect(run.collectorId).not.toBe(collectorId());
  }

  const verified = await post(verifyMtuRoute, a!, "verify-mtu");
  expect(verified.status).toBe(200);
  const batch = await verified.json();
  // Both directions to the peer, each a real don't-fragment ping from the site's collector.
  const toPeer = batch.probes.filter((p: { fromHostId: number; toHostId: number }) => [p.fromHostId, p.toHostId].includes(b!));
  expect(toPeer.length).toBeGreaterThanOrEqual(2);
  expect(toPeer.every((p: { ok: boolean; error: string | null }) => p.ok && p.error === null)).toBe(true);
  expect(await db.mtuProbe.count({ where: { batchId: batch.batchId } })).toBe(batch.probes.length);

  // Stopped (SIGSTOP), the collector still looks alive by its heartbeat but takes nothing.
  site.proc.kill("SIGSTOP");
  try {
    const res = await post(collectRoute, a!, "collect");
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({
      code: "remote_unanswered",
      message: 'No collector of site "queue" took this collection within 15 s: is it running, and is its link to the database up?',
    });
  } finally {
    site.proc.kill("SIGCONT");
  }
  // The request it never took was cancelled: it does not run when the collector wakes up.
  const before = await db.run.count({ where: { hostId: a! } });
  expect(await site.stop("SIGTERM")).toBe(0);
  expect(await db.run.count({ where: { hostId: a! } })).toBe(before);
}, 150_000);

test("iperf tests on PostgreSQL are pg-boss jobs: two tests on one pair run one after the other; the process running a test is killed with SIGKILL, its job lapses and the other process runs the test again from the start", async () => {
  const db = await getDb();
  // This process is the web server: the tests are asked for here and run by the site's collectors.
  await startQueue();
  const l = readLab();
  // Collected by the first test of this file: the collectors know their addresses.
  const x = ids[l.hosts.indexOf(hostWithRole(l, "shaped"))]!;
  const y = ids[l.hosts.indexOf(hostWithRole(l, "dupmac-observer"))]!;
  const test = (clientHostId: number, serverHostId: number, durationSec: number): IperfParams => ({ clientHostId, serverHostId, durationSec, parallel: 1, protocol: "tcp", direction: "forward", omitSec: 0, simultaneous: false });
  const pair = [new Collector({ ...ENV, NETDIAG_COLLECT_INTERVAL: "0" }), new Collector({ ...ENV, NETDIAG_COLLECT_INTERVAL: "0" })];
  await Promise.all(pair.map((c) => c.until(/collector for site "queue" started/)));
  const client = new pg.Client({ connectionString: env().databaseUrl });
  await client.connect();
  const jobsOf = async (runId: number) =>
    (await client.query<{ state: string; retries: number }>(`SELECT state, retry_count AS retries FROM pgboss.job WHERE name = $1 AND data->>'runId' = $2`, [`iperf:${SITE}`, String(runId)])).rows;
  try {
    // Two tests sharing both hosts: one job each; whichever processes take them, they never overlap.
    const two = [await submitIperfRun(test(x, y, 2)), await submitIperfRun(test(y, x, 2))];
    const twoIds = two.map((r) => r.id);
    await until(async () => (await db.iperfRun.count({ where: { id: { in: twoIds }, status: { in: ["queued", "running"] } } })) === 0, "both tests to finish");
    const done = await db.iperfRun.findMany({ where: { id: { in: twoIds } }, orderBy: { startedAt: "asc" } });
    expect(done.map((r) => [r.status, r.error])).toEqual([
      ["done", null],
      ["done", null],
    ]);
    expect(done[1]!.startedAt!.getTime()).toBeGreaterThanOrEqual(done[0]!.finishedAt!.getTime());
    // Each job is completed by the process that held it, once its test has been stored.
    const completed = async (id: number) => (await jobsOf(id)).every((j) => j.state === "completed");
    for (const id of twoIds) await until(() => completed(id), `the job of test ${id} to complete`);
    for (const id of twoIds) expect(await jobsOf(id)).toEqual([{ state: "completed", retries: 0 }]);

    // A longer test; the process running it is killed mid-test.
    const long = await submitIperfRun(test(x, y, 8));
    await until(async () => (await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } })).status === "running", "the test to start");
    const first = await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } });
    const runner = await db.collector.findUniqueOrThrow({ where: { id: first.runningBy! } });
    const dead = pair.find((c) => c.proc.pid === runner.pid)!;
    const survivor = pair.find((c) => c !== dead)!;
    expect(await dead.stop("SIGKILL")).toBeNull();
    const killedAt = Date.now();

    await until(async () => !["queued", "running"].includes((await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } })).status), "the test to finish again");
    const again = await db.iperfRun.findUniqueOrThrow({ where: { id: long.id } });
    // Run again, from the start, by the survivor, with a full result: not failed "interrupted".
    expect(again).toMatchObject({ status: "done", errorCode: null, error: null });
    expect(again.runningBy).not.toBe(runner.id);
    expect(await db.collector.findUniqueOrThrow({ where: { id: again.runningBy! } })).toMatchObject({ pid: survivor.proc.pid });
    expect(again.startedAt!.getTime()).toBeGreaterThanOrEqual(killedAt);
    expect(again.fwdBitsPerSecond).toBeGreaterThan(0);
    expect(await db.iperfOutput.count({ where: { runId: long.id } })).toBe(1);
    expect(survivor.output).toMatch(new RegExp(`iperf run ${long.id}: the process running it stopped; running it again from the start`));
    // pg-boss offered the dead process's job again: one job, fetched twice, completed.
    await until(() => completed(long.id), "the job of the test run again to complete");
    expect(await jobsOf(long.id)).toEqual([{ state: "completed", retries: 1 }]);
    expect(await db.iperfHostClaim.count()).toBe(0);
    expect(await survivor.stop("SIGTERM")).toBe(0);
  } finally {
    await client.end();
  }
}, 150_000);

test("notifications on PostgreSQL are pg-boss jobs: a finding a site's collector raises in its sweep is sent by the web server, which holds the notify queue", async () => {
  const db = await getDb();
  // This process is the web server: its notifier works the "notify" queue; the collector has none.
  await startQueue();
  await startNotifier();
  const rx = await startHttpReceiver();
  const created = await channelsPost(
    new Request("http://localhost/api/notifications/channels", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "webhook", name: "queue hook", url: `${rx.url}/webhook`, secret: WEBHOOK_SECRET }) }),
    undefined as never,
  );
  expect(created.status).toBe(201);
  const channelId = ((await created.json()) as { id: number }).id;
  const client = new pg.Client({ connectionString: env().databaseUrl });
  await client.connect();
  try {
    // The duplicate MAC (found by the first test's sweep) is forgotten: the next sweep opens it again.
    await db.finding.deleteMany({ where: { kind: "duplicate-mac" } });
    const slot = new Date(Date.now() + 1000);
    await db.scheduledJob.upsert({ where: { key: JOB }, create: { key: JOB, nextDueAt: slot }, update: { nextDueAt: slot, runningBy: null } });
    const sweeper = new Collector({ ...ENV, NETDIAG_COLLECT_CONCURRENCY: "4" });
    await sweeper.until(/scheduled collection: \d+ host\(s\) collected/);
    await until(async () => rx.on("/webhook").length > 0, "the webhook to be called");
    const [msg] = rx.on("/webhook");
    expect(msg!.problems).toEqual([]);
    const body = msg!.json as { event: string; findings: { kind: string; transition: string }[] };
    expect(body.event).toBe("findings");
    expect(body.findings).toContainEqual(expect.objectContaining({ kind: "duplicate-mac", transition: "opened" }));
    await until(async () => (await db.notificationDelivery.count({ where: { channelId, status: "sent" } })) === 1, "the delivery to be recorded sent");
    // The collector's sweep queued a pass instead of sending; this process took it and completed it.
    const { rows } = await client.query<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'notify' UNION ALL SELECT state FROM pgboss.archive WHERE name = 'notify'`);
    expect(rows.some((r) => r.state === "completed")).toBe(true);
    expect(sweeper.output).not.toMatch(/sending notifications/);
    expect(await sweeper.stop("SIGTERM")).toBe(0);
  } finally {
    await client.end();
    await channelDelete(new Request("http://localhost/x", { method: "DELETE" }), { params: Promise.resolve({ id: String(channelId) }) });
    await rx.close();
  }
}, 150_000);

test("housekeeping on PostgreSQL is a pg-boss job: the due slot queues one pass, a web server's worker runs it, its report is the job's output", async () => {
  const db = await getDb();
  await startQueue();
  await serveHousekeeping();
  const due = new Date(Date.now() - 1000);
  await db.scheduledJob.upsert({ where: { key: HOUSEKEEPING }, create: { key: HOUSEKEEPING, nextDueAt: due }, update: { nextDueAt: due, runningBy: null } });
  const results = await runDueJobs(new Date());
  expect(results.filter((r) => r.key === HOUSEKEEPING)).toHaveLength(1);
  // The slot is spent: looking again queues nothing more.
  expect((await runDueJobs(new Date())).filter((r) => r.key === HOUSEKEEPING)).toEqual([]);
  const job = await db.scheduledJob.findUniqueOrThrow({ where: { key: HOUSEKEEPING } });
  expect(job.nextDueAt.getTime()).toBeGreaterThan(Date.now());

  const client = new pg.Client({ connectionString: env().databaseUrl });
  await client.connect();
  try {
    const slot = `${HOUSEKEEPING}@${due.toISOString()}`;
    const passes = () => client.query<{ state: string; output: Record<string, unknown> | null }>(`SELECT state, output FROM pgboss.job WHERE name = $1 AND data->>'slot' = $2`, [HOUSEKEEPING, slot]);
    await until(async () => {
      const { rows } = await passes();
      return rows.length > 0 && rows.every((r) => r.state === "completed");
    }, "the housekeeping pass to complete");
    const { rows } = await passes();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.output).toMatchObject({ hoursRolled: expect.any(Number), daysRolled: expect.any(Number), bytes: expect.any(Number), deleted: expect.objectContaining({ runs: expect.any(Number) }) });
    expect(Number(rows[0]!.output!.bytes)).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
});
