import "server-only";
import { singleton } from "@/lib/singleton";
import { ConflictError, ValidationError } from "@/lib/errors";
import { assertCancellable, cancelQueuedIperfRun, createIperfRun, finishIperfRun, getIperfRun, getIperfRunDetail, listIperfRuns, listQueuedIperfRuns, markIperfRunRunning, type IperfRunFilter } from "@/lib/queries/iperf-runs";
import { syncFindingsAndNotify } from "@/lib/jobs/notify";
import { assertServedHere } from "@/lib/jobs/collector-process";
import { iperfPairId } from "@/lib/analysis/iperf-verdicts";
import { executeRun, type ExecutedRun, type RunControl } from "./execute";
import { publish } from "./live";
import { planQueue, type QueueEntry } from "@/lib/iperf/queue-policy";
import type { IperfParams, IperfRunView } from "@/lib/domain/iperf";

// The queue: a host takes part in one test at a time; later runs wait (with their position)
// and start in order per host (lib/iperf/queue-policy.ts). Manual and scheduled runs share it. All
// state is one per process (lib/singleton.ts), so route handlers, the scheduler (instrumentation.ts) and dev
// reloads see one queue per server process. Runs are rows first (status "queued"), so a
// restart finds and re-queues them (startIperfQueue).

type Runtime = {
  queue: QueueEntry[];
  running: Map<number, RunControl>;
  positions: Map<number, number>;
  finished: Map<number, { promise: Promise<void>; resolve: () => void }>;
  started: boolean;
};

const rt = singleton<Runtime>("iperf-queue", () => ({
  queue: [],
  running: new Map(),
  positions: new Map(),
  finished: new Map(),
  started: false,
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

/** Resolves when the run is done, failed or cancelled (at once if it is not active here). */
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
  const busy = new Set([...rt.running.values()].flatMap((c) => c.hosts));
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
  rt.running.set(entry.id, ctrl);
  void run(ctrl).finally(() => {
    rt.running.delete(entry.id);
    settle(entry.id);
    pump();
  });
}

async function run(ctrl: RunControl) {
  const id = ctrl.id;
  let outcome: ExecutedRun;
  try {
    await markIperfRunRunning(id, new Date());
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
    await finishIperfRun(id, { ...stored, verdictKeys: verdicts.map((v) => v.key) });
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

/** Queues a test (it starts at once when both hosts are free). Validates the hosts exist. */
export async function submitIperfRun(p: IperfParams, scheduleId: number | null = null): Promise<IperfRunView> {
  if (p.clientHostId === p.serverHostId) throw new ValidationError("Client and server must be two different hosts", { serverHostId: "Pick another host than the client" });
  // Both ends are reached over SSH from here: not a host another site's collector is responsible for.
  await assertServedHere(p.clientHostId);
  await assertServedHere(p.serverHostId);
  const created = await createIperfRun(p, scheduleId);
  enqueue({ id: created.id, hosts: [p.clientHostId, p.serverHostId] });
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
  // Not in this process's queue: a queued row left by another process, or already finished.
  const status = await assertCancellable(id);
  if (status === "queued") await cancelQueuedIperfRun(id, new Date());
  else throw new ConflictError(`iperf run ${id} is running in another netdiag process and cannot be cancelled from here`);
  return getIperfRunView(id);
}

/**
 * Once per server process (lib/jobs/scheduler.ts, after interrupted runs were marked failed):
 * runs still queued in the database are queued again, in their order.
 */
export async function startIperfQueue(): Promise<void> {
  if (rt.started) return;
  rt.started = true;
  const queued = await listQueuedIperfRuns();
  for (const q of queued) if (!isActive(q.id)) enqueue({ id: q.id, hosts: [q.clientHostId, q.serverHostId] });
  if (queued.length > 0) console.log(`netdiag: re-queued ${queued.length} iperf test(s)`);
}
