import "server-only";
import { singleton } from "@/lib/singleton";
import { ConflictError, ValidationError } from "@/lib/errors";
import {
  assertCancellable,
  cancelQueuedIperfRun,
  claimIperfRun,
  createIperfRun,
  finishIperfRun,
  getIperfRun,
  getIperfRunDetail,
  getIperfRunState,
  listCancelRequests,
  listIperfRunners,
  listIperfRuns,
  listQueuedIperfRuns,
  requestIperfCancel,
  requeueLostIperfRun,
  type IperfClaim,
  type IperfRunFilter,
} from "@/lib/queries/iperf-runs";
import { failIperfRunsOfDead } from "@/lib/queries/lifecycle";
import { syncFindingsAndNotify } from "@/lib/jobs/notify";
import { collectorId, iperfRunsWhere, liveCollectorIds, servedHostIds, siteElsewhere } from "@/lib/jobs/collector-process";
import { heldJobTerms, hold, openJobs, queueRunning, sendJobs, wakeHolder, type QueuedJob } from "@/lib/jobs/boss";
import { env } from "@/lib/env";
import { iperfPairId } from "@/lib/analysis/iperf-verdicts";
import { executeRun, type ExecutedRun, type RunControl } from "./execute";
import { publish } from "./live";
import { planQueue, type QueueEntry } from "@/lib/iperf/queue-policy";
import type { IperfParams, IperfRunView } from "@/lib/domain/iperf";

// The queue: a host takes part in one test at a time; later runs wait (with their position)
// and start in order per host (lib/iperf/queue-policy.ts). Manual and scheduled runs share it. All
// state is one per process (lib/singleton.ts), so route handlers, the scheduler (instrumentation.ts) and dev
// reloads see one queue per server process. Runs are rows first (status "queued"): every process
// (the web server, each `npm run collector`) looks for queued runs it can reach every few seconds,
// so a restart finds its runs again and a site's collector runs the tests queued from the web UI.
// Across processes, a run starts only by claiming both its hosts in the database
// (claimIperfRun): one test per host holds between processes too, and a run starts once.

/** How often each process looks for runs queued elsewhere, and for hosts another process released. */
const LOOK_MS = 3_000;

// On PostgreSQL each test is also a pg-boss job (lib/jobs/boss.ts), on the queue of the
// processes that reach both its hosts: "iperf" for processes of no particular site, "iperf:<site>"
// for a site's own collectors. The process that takes the job holds it while the test waits its
// turn and runs (renewing it), and completes it when the test has ended. One that dies stops
// renewing: its job expires after a lease and is offered again, and the process that takes it
// queues the test again and runs it from the start (requeueLostIperfRun).
const JOBS = "iperf";
const jobQueueOf = (site: string | null): string => (site === null ? JOBS : `${JOBS}:${site}`);
type IperfJob = { runId: string };
/** How many tests a process holds at once (waiting their turn or running). */
const HELD = 32;
/** A queued row with no job this long after it was created gets one (a row from a process without the queue). */
const ORPHAN_MS = 2 * LOOK_MS;

async function sendIperfJobs(site: string | null, ids: number[]): Promise<void> {
  const queue = jobQueueOf(site);
  await sendJobs<IperfJob>(queue, ids.map((id) => ({ runId: String(id) })), heldJobTerms());
  wakeHolder(queue);
}

/** A test's job, taken by this process: it joins this process's queue, and the job is held until the test has ended. */
async function takeJob(job: QueuedJob<IperfJob>): Promise<void> {
  const id = Number(job.data.runId);
  if (!rt.started) throw new Error("this netdiag process is stopping");
  let run = await getIperfRunState(id);
  if (run?.status === "running" && !rt.running.has(id) && job.retryCount > 0 && (await requeueLostIperfRun(id, run.runningBy))) {
    console.log(`netdiag: iperf run ${id}: the process running it stopped; running it again from the start`);
    run = await getIperfRunState(id);
  }
  if (!run || run.status !== "queued") return;
  if (!isActive(id)) enqueue({ id, hosts: [run.clientHostId, run.serverHostId] });
  await waitForIperfRun(id);
  // Still queued: this process stopped before its turn came. Failing the job offers it to another.
  if ((await getIperfRunState(id))?.status === "queued") throw new Error(`iperf run ${id} was left queued by a stopping process`);
}
/** How long a cancel from another process waits for the process running the test to stop it. */
const CANCEL_WAIT_MS = 4 * LOOK_MS;

type Runtime = {
  queue: QueueEntry[];
  running: Map<number, RunControl>;
  positions: Map<number, number>;
  finished: Map<number, { promise: Promise<void>; resolve: () => void }>;
  /** Hosts in another process's test (a claim came back busy): waited on until the next look. */
  foreign: Set<number>;
  started: boolean;
  looking: boolean;
  timer?: NodeJS.Timeout;
};

const rt = singleton<Runtime>("iperf-queue", () => ({
  queue: [],
  running: new Map(),
  positions: new Map(),
  finished: new Map(),
  foreign: new Set(),
  started: false,
  looking: false,
}));

function track(id: number) {
  if (rt.finished.has(id)) return;
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  rt.finished.set(id, { promise, resolve });
}

function settle(id: number) {
  rt.finished.get(id)?.resolve();
  rt.finished.delete(id);
}

export function positionOf(id: number): number | null {
  return rt.positions.get(id) ?? (rt.queue.some((e) => e.id === id) ? 1 : null);
}

export function isActive(id: number): boolean {
  return rt.running.has(id) || rt.queue.some((e) => e.id === id);
}

/** Resolves when the run is done, failed or cancelled, or another process started it (at once if it is not active here). */
export function waitForIperfRun(id: number): Promise<void> {
  return rt.finished.get(id)?.promise ?? Promise.resolve();
}

/** The stored run with its live queue position. */
export async function getIperfRunView(id: number): Promise<IperfRunView> {
  const run = await getIperfRun(id);
  return run.status === "queued" ? { ...run, position: positionOf(id) } : run;
}

/** Stored runs with the live queue positions of the queued ones. */
export async function listIperfRunViews(filter: IperfRunFilter): Promise<IperfRunView[]> {
  return (await listIperfRuns(filter)).map((r) => (r.status === "queued" ? { ...r, position: positionOf(r.id) } : r));
}

async function publishState(id: number) {
  try {
    publish(id, { type: "state", run: await getIperfRunView(id) });
  } catch (err) {
    console.error(`netdiag: iperf run ${id}: could not publish its state:`, err instanceof Error ? err.message : err);
  }
}

function pump() {
  const busy = new Set([...[...rt.running.values()].flatMap((c) => c.hosts), ...rt.foreign]);
  const plan = planQueue(rt.queue, busy);
  for (const id of plan.start) {
    const i = rt.queue.findIndex((e) => e.id === id);
    const [entry] = rt.queue.splice(i, 1);
    if (entry) launch(entry);
  }
  for (const [id, pos] of plan.positions) {
    if (rt.positions.get(id) === pos) continue;
    rt.positions.set(id, pos);
    void publishState(id);
  }
  for (const id of rt.positions.keys()) if (!plan.positions.has(id)) rt.positions.delete(id);
}

function launch(entry: QueueEntry) {
  const ctrl: RunControl = { id: entry.id, hosts: [entry.hosts[0], entry.hosts[1]], cancelled: false, procs: new Set() };
  // Its hosts count as busy here from now on, while the claim is on its way.
  rt.running.set(entry.id, ctrl);
  void claim(ctrl).then(async (claimed) => {
    if (claimed === "started") await run(ctrl);
    rt.running.delete(entry.id);
    if (claimed === "busy") {
      // A host is in another process's test: wait for it (the next look), in this run's place.
      for (const h of entry.hosts) rt.foreign.add(h);
      const at = rt.queue.findIndex((e) => e.id > entry.id);
      rt.queue.splice(at < 0 ? rt.queue.length : at, 0, entry);
    } else settle(entry.id);
    pump();
  });
}

async function claim(ctrl: RunControl): Promise<IperfClaim> {
  try {
    return await claimIperfRun(ctrl.id, ctrl.hosts, collectorId(), new Date());
  } catch (err) {
    console.error(`netdiag: iperf run ${ctrl.id}: could not start it (tried again shortly):`, err instanceof Error ? err.message : err);
    return "busy";
  }
}

async function run(ctrl: RunControl) {
  const id = ctrl.id;
  let outcome: ExecutedRun;
  try {
    await publishState(id);
    outcome = await executeRun(ctrl, await getIperfRun(id), (e) => publish(id, e));
  } catch (err) {
    console.error(`netdiag: iperf run ${id} failed unexpectedly:`, err);
    outcome = { status: "failed", finishedAt: new Date(), errorCode: "internal", error: "netdiag hit an internal error while running this test; see the server log" };
  }
  const { verdicts = [], ...stored } = outcome;
  try {
    // Verdicts are stored once, as findings of the pair; the run keeps their keys. Only a run
    // that measured both directions may resolve the pair's findings (a one-way run has no
    // evidence about the other direction); a failed run touches none.
    if (stored.status === "done") {
      const both = stored.forward?.bitsPerSecond != null && stored.reverse?.bitsPerSecond != null;
      const run = await getIperfRun(id);
      await syncFindingsAndNotify(`iperf:${iperfPairId(run.clientHostId, run.serverHostId)}`, verdicts, stored.finishedAt, { resolveMissing: both }).catch((err: unknown) =>
        console.error(`netdiag: iperf run ${id}: storing its findings failed:`, err instanceof Error ? err.message : err),
      );
    }
    if (!(await finishIperfRun(id, collectorId(), { ...stored, verdictKeys: verdicts.map((v) => v.key) }))) {
      console.error(`netdiag: iperf run ${id}: its result was not stored: the run was taken to be lost (its job lapsed) and queued again`);
      return;
    }
    publish(id, { type: "done", run: await getIperfRunDetail(id) });
  } catch (err) {
    console.error(`netdiag: iperf run ${id}: storing its result failed:`, err);
  }
}

function enqueue(e: QueueEntry) {
  track(e.id);
  rt.queue.push(e);
  pump();
}

/**
 * Queues a test (it starts at once when both hosts are free). Validates the hosts exist. A test
 * between hosts of a site with its own collector is run by that collector (it waits for it).
 */
export async function submitIperfRun(p: IperfParams, scheduleId: number | null = null): Promise<IperfRunView> {
  if (p.clientHostId === p.serverHostId) throw new ValidationError("Client and server must be two different hosts", { serverHostId: "Pick another host than the client" });
  // Both ends are reached over SSH by the process that runs it: this one, or their site's collector.
  const where = await iperfRunsWhere(p.clientHostId, p.serverHostId);
  const created = await createIperfRun(p, scheduleId);
  if (queueRunning()) await sendIperfJobs(where === "here" ? env().site : await siteElsewhere(p.clientHostId), [created.id]);
  else if (where === "here") enqueue({ id: created.id, hosts: [p.clientHostId, p.serverHostId] });
  return getIperfRunView(created.id);
}

/**
 * Cancel: a queued run leaves the queue; a running one has both ends' iperf3 killed by pid
 * (a second SSH command: OpenSSH ignores channel signals for root) and ends as "cancelled".
 */
export async function cancelIperfRun(id: number): Promise<IperfRunView> {
  const queued = rt.queue.findIndex((e) => e.id === id);
  if (queued >= 0) {
    rt.queue.splice(queued, 1);
    await cancelQueuedIperfRun(id, new Date());
    settle(id);
    publish(id, { type: "done", run: await getIperfRunDetail(id) });
    pump();
    return getIperfRunView(id);
  }
  const ctrl = rt.running.get(id);
  if (ctrl) {
    ctrl.cancelled = true;
    await ctrl.stop?.();
    await waitForIperfRun(id);
    return getIperfRunView(id);
  }
  // Not in this process's queue: a queued row left by another process, one running in another
  // process (asked to stop; it does at its next look), or already finished.
  const status = await assertCancellable(id);
  if (status === "queued" && (await cancelQueuedIperfRun(id, new Date()))) return getIperfRunView(id);
  if (!(await requestIperfCancel(id, new Date()))) return getIperfRunView(id);
  const end = Date.now() + CANCEL_WAIT_MS;
  for (;;) {
    const run = await getIperfRunView(id);
    if (run.status !== "running") return run;
    if (Date.now() > end) throw new ConflictError(`iperf run ${id} runs in another netdiag process, which was asked to stop it and has not yet: it stops at that process's next look, or is marked failed if that process is gone`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Runs queued in the database that this process reaches and does not have yet (left by a
 * restart, queued by the web UI for this site's collector) join its queue, in their order. Tests
 * of processes that are gone are failed, which frees their hosts.
 */
async function look(): Promise<number> {
  if (rt.looking) return 0;
  rt.looking = true;
  rt.foreign.clear();
  let added = 0;
  try {
    // Tests of this process that a cancel in another process asked to stop.
    if (rt.running.size > 0) for (const id of await listCancelRequests([...rt.running.keys()])) if (!rt.running.get(id)?.cancelled) void cancelIperfRun(id).catch(() => undefined);
    const queued = queueRunning();
    const runners = (await listIperfRunners()).filter((r) => !rt.running.has(r.id));
    if (runners.length > 0) {
      // With the job queue, a test whose job is still open is pg-boss's to offer again.
      const pending = queued ? await openJobs(JOBS, "runId", runners.map((r) => String(r.id))) : new Set<string>();
      const failed = await failIperfRunsOfDead(await liveCollectorIds(), new Date(), runners.filter((r) => pending.has(String(r.id))).map((r) => r.id));
      if (failed > 0) console.log(`netdiag: marked ${failed} iperf test(s) of a stopped process as failed`);
    }
    const rows = await listQueuedIperfRuns();
    await forgetEnded(new Set(rows.map((q) => q.id)));
    const fresh = rows.filter((q) => !isActive(q.id));
    if (fresh.length > 0) {
      const served = new Set(await servedHostIds());
      const ours = fresh.filter((q) => served.has(q.clientHostId) && served.has(q.serverHostId));
      if (queued) {
        // Rows queued by a process without the job queue, or whose job ran out of retries.
        const old = ours.filter((q) => Date.now() - q.createdAt.getTime() > ORPHAN_MS).map((q) => String(q.id));
        const open = await openJobs(JOBS, "runId", old);
        const orphans = old.filter((id) => !open.has(id)).map(Number);
        if (orphans.length > 0) await sendIperfJobs(env().site, orphans);
        added += orphans.length;
      } else {
        for (const q of ours) {
          track(q.id);
          rt.queue.push({ id: q.id, hosts: [q.clientHostId, q.serverHostId] });
          added++;
        }
        rt.queue.sort((a, b) => a.id - b.id);
      }
    }
  } catch (err) {
    console.error("netdiag: iperf queue:", err instanceof Error ? err.message : err);
  } finally {
    rt.looking = false;
  }
  pump();
  return added;
}

/** Tests waiting here that were cancelled or started by another process since: they leave this queue. */
async function forgetEnded(queuedIds: ReadonlySet<number>): Promise<void> {
  // Entries added after the rows were read are checked on their own row.
  for (const e of rt.queue.filter((q) => !queuedIds.has(q.id))) {
    if ((await getIperfRunState(e.id))?.status === "queued") continue;
    const i = rt.queue.indexOf(e);
    if (i >= 0) rt.queue.splice(i, 1);
    settle(e.id);
  }
}

/**
 * Once per process (lib/jobs/scheduler.ts, after interrupted runs were marked failed): runs
 * still queued are queued again, then the process keeps looking for runs it can take.
 */
export async function startIperfQueue(): Promise<void> {
  if (rt.started) return;
  rt.started = true;
  if (queueRunning()) {
    await hold<IperfJob>(jobQueueOf(env().site), { capacity: HELD, pollSeconds: 1 }, takeJob);
  }
  const found = await look();
  if (found > 0) console.log(`netdiag: re-queued ${found} iperf test(s)`);
  rt.timer = setInterval(() => void look(), LOOK_MS);
  rt.timer.unref();
}

/** A clean stop (npm run collector on SIGTERM): no new tests; the ones running are stopped and recorded. */
export async function stopIperfQueue(): Promise<void> {
  clearInterval(rt.timer);
  rt.started = false;
  for (const e of rt.queue.splice(0)) settle(e.id);
  await Promise.all([...rt.running.keys()].map((id) => cancelIperfRun(id).catch(() => undefined)));
}
