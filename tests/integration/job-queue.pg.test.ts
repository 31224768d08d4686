import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createHost } from "@/lib/queries/hosts";
import { Collector, stopCollectors, until } from "./collector-child";
import { labKey, readLab, startWithNoHosts } from "./lab";

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
