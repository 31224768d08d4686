import "server-only";
import { env } from "@/lib/env";
import { COLLECT_ALL, collectJobKeyFor } from "@/lib/domain/collectors";
import { singleton } from "@/lib/singleton";
import { getIperfSchedule, listIperfSchedules, scheduleHasActiveRun, scheduleIdOfJob, scheduleJobKey } from "@/lib/queries/iperf-schedules";
import { failInterruptedWork } from "@/lib/queries/lifecycle";
import { claimJob, deleteJobs, ensureJob, finishJob, listDueJobs, listScheduledJobs, recordJobError, renewJob, setJobDueAt, type ScheduledJobRow } from "@/lib/queries/scheduled-jobs";
import { getAppSettings } from "@/lib/queries/settings";
import { collectAll, type SharedSweep } from "./collect";
import { collectorId, countJob, liveCollectorIds, servedHostIds, startHeartbeat, stopHeartbeat } from "./collector-process";
import { queueRunning, sendJobs, serve, startQueue, stopQueue } from "./boss";
import { startHousekeeping, type HousekeepingReport } from "./housekeeping";
import { startIperfQueue, stopIperfQueue, submitIperfRun } from "./iperf/queue";
import { startNotifier } from "./notify";
import { serveSiteRequests } from "./site-requests";
import { nextDueAfter, sleepMs } from "./schedule-policy";

// The one scheduler for everything periodic. Each job is a ScheduledJob row ("collect-all",
// "iperf-schedule:<id>") holding when it is due next, so a restart resumes every cadence. A
// due slot is claimed with a compare-and-set on that row before it runs, so it runs once even
// if two ticks (or two processes) see it. Jobs hand their work to the same code paths as the
// user's buttons: collectAll, the iperf queue.

/** This process's collection job (lib/domain/collectors.ts: collectJobKeyFor). */
export const collectJobKey = (site = env().site): string => collectJobKeyFor(site);

/** The web server runs everything; a collector (NETDIAG_ROLE=collector) its site's collections and iperf tests. */
const isWeb = () => env().role === "web";

/** What running one due job did (the iperf queue's run id, when it queued one). */
export type JobResult = { key: string; queuedRunId?: number; skipped?: string };

type Kind = {
  owns: (key: string) => boolean;
  /** Whether this process runs the job; another process's job is left alone, never deleted. */
  mine: (key: string) => boolean;
  /** Minutes between slots, or why there is no next slot (disabled, deleted). */
  cadence: (key: string) => Promise<{ minutes: number } | { gone: true } | { paused: number }>;
  /** Several processes may work on one slot at once (each host claimed once: lib/jobs/collect.ts). */
  shared?: boolean;
  /** `sweep`: the slot's name, and the process that began it and died, if one did. */
  run: (key: string, now: Date, sweep: SharedSweep) => Promise<Omit<JobResult, "key">>;
};

const collection: Kind = {
  owns: (key) => key === COLLECT_ALL || key.startsWith(`${COLLECT_ALL}:`),
  mine: (key) => key === collectJobKey(),
  cadence: async () => {
    const minutes = await collectIntervalMinutes();
    return minutes > 0 ? { minutes } : { gone: true };
  },
  shared: true,
  run: async (_key, _now, sweep) => {
    const runs = await collectAll(undefined, sweep);
    const failed = runs.filter((r) => r.status === "failed").length;
    // "0 host(s) collected" on a fresh install read like a fault.
    if (runs.length === 0) console.log("netdiag: scheduled collection: no hosts registered yet");
    else console.log(`netdiag: scheduled collection: ${runs.length} host(s) collected${failed ? `, ${failed} failed` : ""}`);
    return {};
  },
};

const iperfSchedule: Kind = {
  owns: (key) => scheduleIdOfJob(key) !== null,
  mine: isWeb,
  cadence: async (key) => {
    const s = await getIperfSchedule(scheduleIdOfJob(key) ?? -1).catch(() => null);
    if (!s) return { gone: true };
    return s.enabled ? { minutes: s.intervalMinutes } : { paused: s.intervalMinutes };
  },
  // A slow pair never piles up runs: a schedule whose previous run is still queued or running skips a slot.
  run: async (key) => {
    const s = await getIperfSchedule(scheduleIdOfJob(key) ?? -1);
    if (await scheduleHasActiveRun(s.id)) return { skipped: "the previous run has not finished" };
    const run = await submitIperfRun(
      {
        clientHostId: s.clientHostId,
        serverHostId: s.serverHostId,
        serverAddress: s.serverAddress ?? undefined,
        durationSec: s.durationSec,
        parallel: s.parallel,
        protocol: s.protocol,
        bitrateMbps: s.bitrateMbps ?? undefined,
        direction: s.direction,
        omitSec: s.omitSec,
        simultaneous: s.simultaneous,
      },
      s.id,
    );
    return { queuedRunId: run.id };
  },
};

export const HOUSEKEEPING = "housekeeping";

/** A pass over a year of history takes minutes: one still active after an hour is lost. */
const HOUSEKEEPING_TERMS = { expireInSeconds: 3600, retryLimit: 2 };

/** One housekeeping pass, logged; a failure is recorded on the job's row. */
async function housekeepingPass(): Promise<HousekeepingReport> {
  try {
    const r = await startHousekeeping();
    const gone = Object.entries(r.deleted).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
    if (r.hoursRolled + r.daysRolled + gone.length > 0) {
      console.log(
        `netdiag: housekeeping: ${r.hoursRolled} hour(s) and ${r.daysRolled} day(s) rolled up` +
          `${gone.length ? `, deleted ${gone.join(", ")}` : ""}; database ${(r.bytes / 1e6).toFixed(1)} MB (${r.ms} ms)`,
      );
    }
    return r;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error("netdiag: housekeeping failed:", message);
    await recordJobError(HOUSEKEEPING, message).catch(() => undefined);
    throw err;
  }
}

const housekeeping: Kind = {
  owns: (key) => key === HOUSEKEEPING,
  mine: isWeb,
  cadence: async () => (env().housekeepingMinutes > 0 ? { minutes: env().housekeepingMinutes } : { gone: true }),
  run: async (_key, _now, slot) => {
    // PostgreSQL: a job any web server takes, offered again if the one running it dies.
    if (queueRunning()) await sendJobs(HOUSEKEEPING, [{ slot: slot.key }], HOUSEKEEPING_TERMS);
    // Started, not awaited: a long catch-up must not hold the collection due in the same tick.
    else void housekeepingPass().catch(() => undefined);
    return {};
  },
};

/** A web server on PostgreSQL takes housekeeping passes from the queue, whichever server's slot queued them. */
export async function serveHousekeeping(): Promise<void> {
  // Hourly work: a pass may start up to 10 s after its slot.
  if (isWeb() && queueRunning()) await serve(HOUSEKEEPING, { concurrency: 1, pollSeconds: 10 }, housekeepingPass);
}

const KINDS: Kind[] = [collection, iperfSchedule, housekeeping];

/** Takes and runs every job due at `now` (each slot once); what each did, in due order. */
export async function runDueJobs(now = new Date()): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of await listDueJobs(now)) {
    const kind = KINDS.find((k) => k.owns(job.key));
    if (kind && !kind.mine(job.key)) continue;
    const cadence = kind ? await kind.cadence(job.key) : ({ gone: true } as const);
    if (!kind || "gone" in cadence) {
      await deleteJobs([job.key]);
      continue;
    }
    const minutes = "paused" in cadence ? cadence.paused : cadence.minutes;
    const me = collectorId();
    const lease = env().jobLeaseMs;
    // Due with a process on it: that process stopped renewing its lease (killed, cut off).
    const takeoverFrom = job.runningBy ?? undefined;
    if (!(await claimJob(job, me, new Date(Date.now() + lease), now))) {
      // Another process of the site took this slot a moment ago: help it with the sweep.
      const [fresh] = await listScheduledJobs([job.key]);
      const joined = fresh ? await joinSweep(fresh, me) : null;
      if (joined) results.push(joined);
      continue;
    }
    const slot = (takeoverFrom ? job.slotDueAt : null) ?? job.nextDueAt;
    const nextSlot = () => new Date(nextDueAfter(slot.getTime(), minutes, Date.now()));
    if ("paused" in cadence) {
      await finishJob(job.key, me, nextSlot(), null);
      continue;
    }
    const renew = setInterval(() => {
      void renewJob(job.key, me, new Date(Date.now() + lease)).catch((err: unknown) => console.error(`netdiag: renewing ${job.key}:`, err instanceof Error ? err.message : err));
    }, lease / 3);
    renew.unref();
    let error: string | null = null;
    try {
      results.push({ key: job.key, ...(await kind.run(job.key, now, { key: sweepKey(job.key, slot), takeoverFrom })) });
      await countJob();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      console.error(`netdiag: scheduled job ${job.key} failed:`, error);
    } finally {
      clearInterval(renew);
    }
    await finishJob(job.key, me, nextSlot(), error);
  }
  // A sweep another process of this site is running: one it began before this process started
  // or while it slept, or one whose slot it claimed a moment before this process looked (read
  // afresh, after the due ones: at a shared slot time the other may have claimed it first).
  for (const job of await listScheduledJobs()) {
    const joined = await joinSweep(job, collectorId());
    if (joined) results.push(joined);
  }
  return results;
}

/** Names one slot of a job: what Run.sweep holds for the collections of that sweep. */
const sweepKey = (key: string, slot: Date) => `${key}@${slot.toISOString()}`;

// Slots this process has joined already (a process joins a slot once): the last few.
const joinedSlots = singleton("scheduler-joined-slots", () => new Set<string>());

/**
 * A slot of a shared job (a site's sweep) that another process is running: this process claims
 * hosts in it too, so the processes of a site share each sweep. Null when there is nothing to join.
 */
async function joinSweep(job: ScheduledJobRow, me: string): Promise<JobResult | null> {
  const kind = KINDS.find((k) => k.owns(job.key));
  if (!kind?.shared || !kind.mine(job.key) || !job.runningBy || job.runningBy === me || !job.slotDueAt) return null;
  const slot = sweepKey(job.key, job.slotDueAt);
  if (joinedSlots.has(slot)) return null;
  joinedSlots.add(slot);
  if (joinedSlots.size > 32) joinedSlots.delete(joinedSlots.values().next().value!);
  let ran: Omit<JobResult, "key">;
  try {
    ran = await kind.run(job.key, new Date(), { key: slot, joined: true });
  } catch (err) {
    // A join cut short (the database busy, a deadlock) may join again at the next look.
    joinedSlots.delete(slot);
    throw err;
  }
  const out = { key: job.key, ...ran };
  await countJob();
  return out;
}

/** Every job that should exist does (a restart after a schedule was added, a changed interval). */
async function reconcile(now: Date): Promise<void> {
  if ((await collectIntervalMinutes()) > 0) await ensureJob(collectJobKey(), now);
  else await deleteJobs([collectJobKey()]);
  if (!isWeb()) return;
  // A few minutes after start: the first collections go first.
  if (env().housekeepingMinutes > 0) await ensureJob(HOUSEKEEPING, new Date(now.getTime() + 5 * 60_000));
  else await deleteJobs([HOUSEKEEPING]);
  const schedules = await listIperfSchedules();
  const have = new Set((await listScheduledJobs()).map((j) => j.key));
  for (const s of schedules) if (!have.has(scheduleJobKey(s.id))) await ensureJob(scheduleJobKey(s.id), new Date(now.getTime() + s.intervalMinutes * 60_000));
}

type State = { started: boolean; timer?: NodeJS.Timeout; ticking: Promise<void> | null };
const state = singleton<State>("scheduler", () => ({ started: false, ticking: null }));

async function tick() {
  try {
    await runDueJobs(new Date());
  } catch (err) {
    console.error("netdiag: scheduler:", err instanceof Error ? err.message : err);
  }
  await arm();
}

/** Jobs of another process (another site's collections) are not ours to wake up for. */
const isMine = (key: string) => KINDS.find((k) => k.owns(key))?.mine(key) ?? true;

async function arm() {
  clearTimeout(state.timer);
  if (!state.started) return;
  const next = (await listScheduledJobs().catch(() => [])).find((j) => isMine(j.key))?.nextDueAt ?? null;
  state.timer = setTimeout(() => {
    state.ticking = tick().finally(() => (state.ticking = null));
  }, sleepMs(next?.getTime() ?? null, Date.now()));
  state.timer.unref();
}

/** A collector's clean stop (npm run collector on SIGTERM): no further ticks or tests, the heartbeat says stopped. */
export async function stopScheduler(): Promise<void> {
  state.started = false;
  clearTimeout(state.timer);
  await state.ticking;
  await stopIperfQueue();
  await stopQueue();
  await stopHeartbeat();
}

/** A job was added or moved (a schedule created or edited): look again now, not at the next minute. */
export function pokeScheduler(): void {
  if (!state.started || state.ticking) return;
  void arm();
}

/**
 * Once per server process (instrumentation.ts): work a stopped server left "running" is marked
 * failed, the iperf queue is recovered, then every periodic job runs on its stored cadence.
 */
export async function startScheduler(): Promise<void> {
  if (state.started) return;
  state.started = true;
  const now = new Date();
  // Registered first: the collections marked interrupted below are only this process's hosts'.
  await startHeartbeat();
  // PostgreSQL: the queue the processes of a site share each sweep's hosts through.
  await startQueue();
  // A process of one site answers "Collect now" and "Verify MTU" on its hosts for the web server.
  await serveSiteRequests();
  await serveHousekeeping();
  const interrupted = await failInterruptedWork(now, { hostIds: await servedHostIds(), liveCollectorIds: await liveCollectorIds() });
  if (interrupted.collections > 0) console.log(`netdiag: marked ${interrupted.collections} interrupted collection(s) as failed`);
  if (interrupted.iperfRuns > 0) console.log(`netdiag: marked ${interrupted.iperfRuns} interrupted iperf test(s) as failed`);
  // Every process runs the iperf tests of the hosts it reaches; schedules queue them from the web server.
  await startIperfQueue();
  if (isWeb()) await startNotifier();
  await reconcile(now);
  const interval = await collectIntervalMinutes();
  console.log(
    interval > 0
      ? `netdiag: collecting every host every ${interval} minute(s)`
      : "netdiag: automatic collection is off (Settings, or NETDIAG_COLLECT_INTERVAL=0); collect from the dashboard",
  );
  // A first look now, not awaited: what is due runs, and a sweep of this site already under way joins.
  state.ticking = tick().finally(() => (state.ticking = null));
}

/** Minutes between scheduled collections: Settings, else NETDIAG_COLLECT_INTERVAL. 0: off. */
async function collectIntervalMinutes(): Promise<number> {
  return (await getAppSettings()).values.collectIntervalMinutes;
}

/**
 * The collection interval changed on the Settings page: the next collection is one new
 * interval from now (not at the old slot, which may be an hour away), or none when turned off.
 */
export async function collectIntervalChanged(now = new Date()): Promise<void> {
  const minutes = await collectIntervalMinutes();
  if (minutes > 0) await setJobDueAt(collectJobKey(), new Date(now.getTime() + minutes * 60_000));
  else await deleteJobs([collectJobKey()]);
  if (state.started && !state.ticking) await arm();
}
