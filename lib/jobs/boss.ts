import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";

// The one place that touches pg-boss: the job queue several netdiag processes share on
// PostgreSQL (its own schema, "pgboss", in netdiag's database). A job is fetched by one
// process at a time (SELECT … FOR UPDATE SKIP LOCKED); one whose process dies is failed by
// pg-boss's maintenance once it has been active longer than its expiry, and offered again
// to any process working the queue (retryLimit). On SQLite there is no queue: one process
// owns the database, and the work runs in process (lib/jobs/collect.ts).

type State = { boss: PgBoss | null; starting: Promise<PgBoss | null> | null; queues: Set<string>; holders: Map<string, () => void> };
const state = singleton<State>("pg-boss", () => ({ boss: null, starting: null, queues: new Set(), holders: new Map() }));

/** A job as a handler sees it: its data and how many times it was offered before. */
export type QueuedJob<T> = { id: string; data: T; retryCount: number };

/** How long a job may stay active before it counts as lost: tests shorten it with the job lease. */
export type JobTerms = { expireInSeconds: number; retryLimit: number };

/** A job lease in whole seconds (NETDIAG_JOB_LEASE_SECONDS): how long a silent process keeps its jobs. */
const leaseSeconds = (): number => Math.ceil(env().jobLeaseMs / 1000);

/** The terms of a job worked with `hold`: it lapses a lease after its holder stopped renewing it. */
export const heldJobTerms = (): JobTerms => ({ expireInSeconds: leaseSeconds(), retryLimit: 2 });

/** Whether jobs go through pg-boss in this process (PostgreSQL, and the scheduler started it). */
export const queueRunning = (): boolean => state.boss !== null;

/** Starts pg-boss on PostgreSQL (creating or upgrading its schema); a no-op on SQLite. */
export async function startQueue(): Promise<void> {
  const e = env();
  if (e.databaseProvider !== "postgresql" || state.boss) return;
  state.starting ??= (async () => {
    const { default: Boss } = await import("pg-boss");
    const lease = leaseSeconds();
    const boss = new Boss({
      connectionString: e.databaseUrl,
      schema: "pgboss",
      application_name: "netdiag-jobs",
      // Its own small pool next to Prisma's: a fetch or a completion is one statement.
      max: 3,
      // Lost jobs are found by maintenance, which one process runs per interval (an advisory
      // lock in the database): as often as a lease, so a dead process's work moves on soon.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, lease)),
      // netdiag's own rows (Run, ScheduledJob) are the history; pg-boss keeps its jobs a day.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 1,
      // Cadences live in ScheduledJob rows (minutes from Settings, editable live), not cron.
      schedule: false,
    });
    // Without a listener an 'error' event would end the process; a lost connection is retried by pg.
    boss.on("error", (err: Error) => console.error("netdiag: job queue:", err.message));
    await boss.start();
    state.boss = boss;
    return boss;
  })().finally(() => (state.starting = null));
  await state.starting;
}

/** A clean stop: jobs in hand finish (or are left to expire and be offered again). */
export async function stopQueue(): Promise<void> {
  const boss = state.boss;
  if (!boss) return;
  state.boss = null;
  state.queues.clear();
  for (const wake of state.holders.values()) wake();
  state.holders.clear();
  await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
}

function running(): PgBoss {
  if (!state.boss) throw new Error("the job queue is not running (PostgreSQL only, started with the scheduler)");
  return state.boss;
}

async function ensureQueue(name: string, policy?: "short"): Promise<void> {
  if (state.queues.has(name)) return;
  const boss = running();
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await boss.getQueue(name))) await boss.createQueue(name, policy ? { name, policy } : undefined);
      break;
    } catch (err) {
      // Two processes creating one queue at once (a site's collectors at its first sweep) can
      // deadlock inside pg-boss, which attaches a partition to its job table while the other
      // inserts: PostgreSQL aborts one of them (40P01), and that one tries again.
      if ((err as { code?: unknown }).code !== "40P01" || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
  state.queues.add(name);
}

/** Queues one job per item, in one statement. */
export async function sendJobs<T extends object>(queue: string, items: T[], terms: JobTerms): Promise<void> {
  if (items.length === 0) return;
  await ensureQueue(queue);
  await running().insert(items.map((data) => ({ name: queue, data, expireInSeconds: terms.expireInSeconds, retryLimit: terms.retryLimit, retryDelay: 0 })));
}

/**
 * Which of `values` have a job (data `field`) still to do, waiting, in hand or to be retried, in
 * queue `family` or any `family:<site>`.
 */
export async function openJobs(family: string, field: string, values: string[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const { rows } = await running()
    .getDb()
    .executeSql(`SELECT DISTINCT data->>$2 AS v FROM pgboss.job WHERE (name = $1 OR name LIKE $1 || ':%') AND state < 'completed' AND data->>$2 = ANY($3::text[])`, [family, field, values]);
  return new Set((rows as { v: string }[]).map((r) => r.v));
}

/**
 * Queues a job unless one with the same `key` is already waiting in `queue` (pg-boss's "short"
 * policy: one waiting job per key), to start no earlier than `startAfter`.
 */
export async function sendOnce(queue: string, key: string, terms: JobTerms & { startAfter?: Date }): Promise<void> {
  await ensureQueue(queue, "short");
  await running().send(queue, {}, { singletonKey: key, expireInSeconds: terms.expireInSeconds, retryLimit: terms.retryLimit, ...(terms.startAfter ? { startAfter: terms.startAfter } : {}) });
}

/** Jobs of `queue` whose data has `field` = `value`: all of them, and those not fetched yet. */
export async function countJobs(queue: string, field: string, value: string): Promise<{ total: number; waiting: number }> {
  const { rows } = await running()
    .getDb()
    .executeSql(`SELECT count(*)::int AS total, (count(*) FILTER (WHERE state < 'active'))::int AS waiting FROM pgboss.job WHERE name = $1 AND data->>$2 = $3`, [queue, field, value]);
  const row = rows[0] as { total: number; waiting: number } | undefined;
  return { total: row?.total ?? 0, waiting: row?.waiting ?? 0 };
}

/**
 * Works `queue` with `concurrency` jobs at once for as long as `during` runs, then stops
 * fetching: a process only polls a queue while it has a reason to (a sweep it is part of).
 * A handler that throws fails its job, which pg-boss offers again while retries remain.
 */
export async function workWhile<T extends object, R>(queue: string, concurrency: number, handle: (job: QueuedJob<T>) => Promise<void>, during: () => Promise<R>): Promise<R> {
  await ensureQueue(queue);
  const boss = running();
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, concurrency); i++) {
    let self = "";
    self = await boss.work<T>(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      await handle({ id: job.id, data: job.data, retryCount: job.retryCount });
      // A worker waits out the rest of its polling second after each job; one that just had a
      // job looks again at once instead (in a sweep there is usually another waiting).
      boss.notifyWorker(self);
    });
    ids.push(self);
  }
  try {
    return await during();
  } finally {
    for (const id of ids) await boss.offWork({ id }).catch(() => undefined);
  }
}

/** What became of a request (see `request`): its handler's answer, or why there is none. */
export type Answer = { state: "answered"; output: unknown } | { state: "failed" } | { state: "unanswered"; taken: boolean };

/**
 * Sends one job and waits for the process that takes it to answer (the job's output): up to
 * `pickupMs` for someone to take it, then up to `waitMs` in all. A job nobody took in time is
 * cancelled, so it never runs after the caller gave up.
 */
export async function request<T extends object>(queue: string, data: T, terms: JobTerms, pickupMs: number, waitMs: number): Promise<Answer> {
  await ensureQueue(queue);
  const boss = running();
  const id = await boss.send(queue, data, { expireInSeconds: terms.expireInSeconds, retryLimit: terms.retryLimit });
  if (!id) throw new Error(`the job queue refused a job for ${queue}`);
  const start = Date.now();
  for (;;) {
    const job = await boss.getJobById(queue, id);
    if (job?.state === "completed") return { state: "answered", output: job.output };
    if (!job || job.state === "failed" || job.state === "cancelled") return { state: "failed" };
    const taken = job.state === "active";
    if (Date.now() - start > (taken ? waitMs : pickupMs)) {
      if (!taken) await boss.cancel(queue, id);
      return { state: "unanswered", taken };
    }
    // Product code waiting on another process: the database is the only channel between them.
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Works `queue` until the queue stops: a process's standing duty (its site's requests), one
 * fetch per worker every `pollSeconds` while idle.
 */
export async function serve<T extends object>(queue: string, terms: { concurrency: number; pollSeconds: number }, handle: (data: T) => Promise<object>): Promise<void> {
  await ensureQueue(queue);
  const boss = running();
  for (let i = 0; i < Math.max(1, terms.concurrency); i++) {
    await boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds: terms.pollSeconds }, async ([job]) => (job ? handle(job.data) : {}));
  }
}

/**
 * Works `queue` until the queue stops, holding up to `capacity` jobs at once for as long as
 * their handlers take, which is unbounded (an iperf test waiting its turn on a host). pg-boss 10
 * has no heartbeat, so this process renews the jobs in its hand three times per job lease
 * (their start time moves on, and their expiry becomes this process's lease, whatever the sender
 * set): one whose process died is no longer renewed, expires a lease later, and is offered
 * again. A handler that throws fails its job (offered again while retries remain).
 */
export async function hold<T extends object>(queue: string, terms: { capacity: number; pollSeconds: number }, handle: (job: QueuedJob<T>) => Promise<void>): Promise<void> {
  await ensureQueue(queue);
  const boss = running();
  const lease = leaseSeconds();
  const held = new Set<string>();
  let woken = false;
  let resume = () => {};
  const wake = () => {
    woken = true;
    resume();
  };
  state.holders.set(queue, wake);
  const renewIds = (ids: string[]) =>
    ids.length === 0 || state.boss !== boss
      ? Promise.resolve()
      : boss
          .getDb()
          .executeSql(`UPDATE pgboss.job SET started_on = now(), expire_in = make_interval(secs => $3) WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`, [queue, ids, lease])
          .then(
            () => undefined,
            (err: unknown) => console.error(`netdiag: job queue: renewing ${queue}:`, err instanceof Error ? err.message : err),
          );
  const renew = setInterval(() => void renewIds([...held]), Math.max(1, Math.floor(lease / 3)) * 1000);
  renew.unref();
  const finish = async (id: string, err: unknown) => {
    held.delete(id);
    wake();
    if (state.boss !== boss) return; // stopped: the job expires and is offered again
    const message = err instanceof Error ? err.message : err === undefined ? null : String(err);
    await (message === null ? boss.complete(queue, id) : boss.fail(queue, id, { message })).catch((e: unknown) =>
      console.error(`netdiag: job queue: ${queue} job ${id}:`, e instanceof Error ? e.message : e),
    );
  };
  void (async () => {
    while (state.boss === boss) {
      if (held.size < terms.capacity) {
        const jobs = await boss.fetch<T>(queue, { batchSize: terms.capacity - held.size, includeMetadata: true }).catch((err: unknown) => {
          console.error(`netdiag: job queue: ${queue}:`, err instanceof Error ? err.message : err);
          return [];
        });
        await renewIds((jobs ?? []).map((j) => j.id));
        for (const job of jobs ?? []) {
          held.add(job.id);
          handle({ id: job.id, data: job.data, retryCount: job.retryCount }).then(
            () => finish(job.id, undefined),
            (err: unknown) => finish(job.id, err ?? "failed"),
          );
        }
        if (jobs && jobs.length > 0) continue;
      }
      // Idle (or full): the next look at the poll interval, or at once when woken (a job sent
      // from this process, or a job in hand finished).
      if (!woken)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, terms.pollSeconds * 1000);
          resume = () => {
            clearTimeout(t);
            resolve();
          };
        });
      woken = false;
    }
    clearInterval(renew);
  })();
}

/** A job was sent to `queue` from this process: its holder here looks at once instead of at its next poll. */
export function wakeHolder(queue: string): void {
  state.holders.get(queue)?.();
}
