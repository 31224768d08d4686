import "server-only";
import { singleton } from "@/lib/singleton";
import { env } from "@/lib/env";
import { SshChannelError, SshError } from "@/lib/ssh/errors";
import { coalescingExec } from "@/lib/ssh/coalesce";
import type { SshSession } from "@/lib/ssh/session";
import { getHostCredentials, type HostCredentials } from "@/lib/queries/hosts";
import { collectorId, servedHostIds } from "./collector-process";
import { withHostSession } from "./host-session";
import { mapLimit } from "./map-limit";
import { boundSnapshot, finishRun, MAX_RUN_ERROR_CHARS, sweepFinished, sweepHostsDone, OUT_OF_RANGE_COMMAND, startRun, type RunOutcome } from "@/lib/queries/runs";
import { failExpiredSweepRun, failRunsOf } from "@/lib/queries/lifecycle";
import { collectJobKeyFor } from "@/lib/domain/collectors";
import { countJobs, queueRunning, sendJobs, workWhile, type JobTerms, type QueuedJob } from "./boss";
import { duringSweep, reevaluateCollectionFindings } from "./evaluate-findings";
import { probeAfterCollection } from "@/lib/jobs/mtu-probes";
import type { RunSummary } from "@/lib/domain/views";
import type { Exec, Snapshot } from "@/lib/domain/snapshot";
import type { Platform } from "@/lib/domain/platform";
import { DETECT_COMMAND, detectPlatform as detect, unsupportedMessage } from "@/lib/collect/detect";
import { getCollector, supportedPlatforms } from "@/lib/collect/registry";
import { memoExec } from "@/lib/collect/common/memo-exec";

class CollectError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Typed errors from lib/ssh and the collectors carry a stable string code; anything else is ours. */
function errorCode(err: unknown): string {
  if (err instanceof SshError || err instanceof CollectError) return err.code;
  const code = err instanceof Error && "code" in err ? err.code : undefined;
  return typeof code === "string" && /^[a-z][a-z-]*$/.test(code) ? code : "internal";
}

/** The run's error in words; a collector's command failure names the command it came from. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return "Unknown error";
  const command = err instanceof SshError || !("command" in err) ? undefined : err.command;
  return typeof command === "string" && !err.message.includes(command) ? `${command}: ${err.message}` : err.message;
}

async function detectPlatform(exec: Exec): Promise<Platform> {
  const { platform, seen } = await detect(exec);
  if (!platform) throw new CollectError("unsupported-platform", unsupportedMessage(seen, supportedPlatforms()));
  return platform;
}

/**
 * A run that read neither interfaces nor neighbors replaces nothing: it fails and the last good
 * snapshot stays. A neighbor table alone is kept (partial): another host's fault can show only there.
 */
// A JSON command replaced by its text fallback is not a problem: the fallback's own outcome counts.
const isProblem = (c: Snapshot["commands"][number]) => !c.replacedBy && (!c.ok || Boolean(c.skipped?.length));

function judge(snapshot: Snapshot): RunOutcome["status"] {
  const clean = !snapshot.commands.some(isProblem);
  if (clean) return "ok";
  return snapshot.interfaces.length > 0 || snapshot.neighbors.length > 0 ? "partial" : "failed";
}

/** Each problem in a sentence of its own size: a host's garbage quoted in an error stays a sample. */
function describeProblems(snapshot: Snapshot): string {
  const bad = snapshot.commands.filter(isProblem);
  const budget = Math.floor(MAX_RUN_ERROR_CHARS / Math.max(1, bad.length)) - 100;
  return bad
    .map((c) => {
      if (c.command === OUT_OF_RANGE_COMMAND) {
        const values = c.skipped ?? [];
        const more = values.length > 5 ? `, and ${values.length - 5} more (listed with the run's commands)` : "";
        return `${c.command}: ${values.slice(0, 5).map((s) => `${s.line} (${s.reason})`).join(", ")}${more}`;
      }
      const said = c.error ?? `${c.skipped?.length ?? 0} line(s) not understood`;
      return `${c.command}: ${said.length > budget ? `${said.slice(0, budget)}…` : said}`;
    })
    .join("; ");
}

/**
 * The snapshot within what the database holds (lib/queries/runs.ts boundSnapshot): values left
 * out are listed on the run as one more outcome, so the run is "partial" and says which values.
 */
function storable(snapshot: Snapshot): Snapshot {
  const { snapshot: bounded, dropped } = boundSnapshot(snapshot);
  if (dropped.length === 0) return bounded;
  return { ...bounded, commands: [...bounded.commands, { command: OUT_OF_RANGE_COMMAND, ok: true, durationMs: 0, skipped: dropped }] };
}

/**
 * The Exec a collection runs on. POSIX hosts: commands asked for together go to the host as
 * one script in one shell (lib/ssh/batch.ts), so a login shell's rc files, banners and PAM
 * session happen once, whatever the login shell. The expected platform's first round is asked
 * for with detection's `uname -a`, so the common case is one shell; a fallback round or a
 * platform seen for the first time adds one. Windows hosts run one channel per command: the
 * PowerShell script dialect exists (lib/ssh/script.ts) but no Windows host here can prove it.
 */
function collectionExec(s: SshSession, host: HostCredentials): { exec: Exec; plain: Exec; detectExec: Exec } {
  const plain = memoExec(s.exec);
  const expected = host.platform === "auto" ? host.detectedPlatform : host.platform;
  if (expected === "windows") return { exec: plain, plain, detectExec: plain };
  const exec = memoExec(coalescingExec((commands) => s.startBatch(commands)));
  for (const command of [...(host.platform === "auto" ? [DETECT_COMMAND] : []), ...(expected ? (getCollector(expected)?.firstRound ?? []) : [])]) {
    exec(command).catch(() => undefined); // answered (or failed) when the collector asks for it
  }
  // A shell that cannot run the script at all (cmd.exe on a Windows host not detected yet, a
  // restricted shell) answers detection on one channel per command instead.
  const detectExec: Exec = (command) => exec(command).catch((err: unknown) => (err instanceof SshChannelError ? plain(command) : Promise.reject(err)));
  return { exec, plain, detectExec };
}

/** Null: `sweep` is shared, and another process has this host in it already. */
async function collectOnce(hostId: number, sweep?: string): Promise<RunSummary | null> {
  const runId = await startRun(hostId, new Date(), collectorId(), sweep);
  if (runId === null) return null;
  try {
    // Inside the try: a credential that does not decrypt fails this host's run, not the sweep.
    const host = await getHostCredentials(hostId);
    const { result: collected, stats } = await withHostSession(host, async (s) => {
      const { exec, plain, detectExec } = collectionExec(s, host);
      const platform = host.platform === "auto" ? await detectPlatform(detectExec) : host.platform;
      const collector = getCollector(platform);
      if (!collector) {
        throw new CollectError(
          "unsupported-platform",
          `netdiag cannot collect ${platform} hosts yet; supported: ${supportedPlatforms().join(", ")}`,
        );
      }
      return collector.collect(platform === "windows" ? plain : exec);
    });
    const snapshot = storable(collected);
    const status = judge(snapshot);
    const summary = await finishRun(runId, {
      status,
      finishedAt: new Date(),
      errorCode: status === "ok" ? null : status === "partial" ? "partial" : "parse",
      error: status === "ok" ? null : describeProblems(snapshot),
      commands: snapshot.commands,
      snapshot: status === "failed" ? undefined : snapshot,
      shellStarts: stats.execRequests,
      channels: stats.channels,
    });
    // An MTU changed: re-prove the paths with DF pings, without holding up the collection.
    if (status !== "failed") void probeAfterCollection(hostId);
    return summary;
  } catch (err) {
    return finishRun(runId, { status: "failed", finishedAt: new Date(), errorCode: errorCode(err), error: describeError(err) });
  }
}

// One collection per host at a time: a second request joins the one in flight.
const inFlight = singleton("collections-in-flight", () => new Map<number, Promise<RunSummary | null>>());

function collectJoined(hostId: number, sweep?: string): Promise<RunSummary | null> {
  const running = inFlight.get(hostId);
  if (running) return running;
  const p = collectOnce(hostId, sweep).finally(() => inFlight.delete(hostId));
  inFlight.set(hostId, p);
  return p;
}

/**
 * One host. The findings over every host's latest snapshots follow in the background (they
 * never fail the run, and the answer does not wait for them: see findingsSettled).
 */
export async function collectHost(hostId: number): Promise<RunSummary> {
  const run = await collectJoined(hostId);
  void reevaluateCollectionFindings();
  // Only a sweep's claim can be refused, and this is none (or joined one that was not).
  if (!run) throw new Error(`host ${hostId}: its collection was claimed by another process`);
  return run;
}

export function isCollecting(hostId: number): boolean {
  return inFlight.has(hostId);
}

/**
 * Every host this process collects (every host, unless sites have collectors of their own:
 * lib/jobs/collector-process.ts), at most `concurrency` at once; one host's failure never
 * stops the others. In a shared sweep, only the hosts no other process has claimed in it.
 */
export function collectAll(concurrency = env().collectConcurrency, sweep?: SharedSweep): Promise<RunSummary[]> {
  // Findings once for the whole batch, when it ends, in the background like collectHost's.
  let ids: number[] = [];
  return duringSweep(async () => {
    // A dead process's collections in flight: failed as interrupted (finishRun writes a snapshot
    // in one transaction, so none was half-written) and released, to be claimed again here.
    const interrupted = sweep?.takeoverFrom ? await failRunsOf(sweep.takeoverFrom, new Date()) : 0;
    ids = await servedHostIds();
    const { runs, retaken } =
      sweep && queueRunning()
        ? await sweepThroughQueue(ids, concurrency, sweep)
        : { runs: (await mapLimit(ids, concurrency, (id) => collectJoined(id, sweep?.key))).filter((r): r is RunSummary => r !== null), retaken: 0 };
    if (sweep?.takeoverFrom || retaken > 0) {
      console.log(`netdiag: took over the sweep of a stopped process: ${interrupted + retaken} interrupted; ${ids.length - runs.length} host(s) were done, ${runs.length} collected now`);
    } else if (sweep && runs.length < ids.length) {
      console.log(`netdiag: shared the sweep with another process: ${runs.length} host(s) collected here, ${ids.length - runs.length} there`);
    }
    return runs;
  }, async () => !sweep || (await sweepFinished(sweep.key, ids)));
}

/**
 * A scheduled sweep that several processes of a site may share (lib/jobs/scheduler.ts): `key`
 * names it in Run.sweep; `takeoverFrom`, the process that began it and died; `joined`, this
 * process helps a sweep another one began (and queued).
 */
export type SharedSweep = { key: string; takeoverFrom?: string; joined?: boolean };

type CollectJob = { hostId: number; sweep: string };

/**
 * How long one host's collection may take before its job counts as lost: a login, and a few
 * rounds of commands, each bounded by the SSH timeouts, plus the write.
 */
export const collectionBoundSeconds = (): number => {
  const e = env();
  return Math.ceil((e.sshConnectTimeoutMs + 4 * e.sshCommandTimeoutMs) / 1000) + 5;
};
const collectJobTerms = (): JobTerms => ({ expireInSeconds: collectionBoundSeconds(), retryLimit: 2 });

// Hosts this process collected per sweep, for the sweep's summary (a job may be of any sweep).
const queuedDone = singleton("collections-queued-done", () => new Map<string, Map<number, RunSummary>>());

/**
 * One host's queued collection. A job offered again (its process died, or took longer than the
 * job's expiry) finds that process's run still "running": it is failed as interrupted and the
 * host is collected here. Run.sweep keeps the host to one collection per sweep either way.
 */
async function collectQueued(job: QueuedJob<CollectJob>, served: Set<number>, retaken: () => void): Promise<void> {
  const { hostId, sweep } = job.data;
  // A host deleted, or moved to another site, since it was queued (`served`: read once per sweep).
  if (!served.has(hostId)) return;
  inHand.count++;
  try {
    let run = await collectJoined(hostId, sweep);
    if (run === null && job.retryCount > 0 && (await failExpiredSweepRun(hostId, sweep, collectorId(), new Date())) > 0) {
      retaken();
      run = await collectJoined(hostId, sweep);
    }
    if (run) queuedDone.get(sweep)?.set(hostId, run);
  } finally {
    inHand.count--;
  }
}

const inHand = singleton("collections-queued-in-hand", () => ({ count: 0 }));

/**
 * A sweep on PostgreSQL: one job per host in the site's queue (pg-boss), worked by every
 * process of the site that is in the sweep, `concurrency` at a time each. Returns once every
 * host has a finished collection in it, or once its jobs' retries are surely spent.
 */
async function sweepThroughQueue(ids: number[], concurrency: number, sweep: SharedSweep): Promise<{ runs: RunSummary[]; retaken: number }> {
  const queue = collectJobKeyFor(env().site);
  const terms = collectJobTerms();
  const here = new Map<number, RunSummary>();
  const served = new Set(ids);
  queuedDone.set(sweep.key, here);
  let retaken = 0;
  try {
    // The process that began the sweep queues it; one that joins works the same jobs.
    if (!sweep.joined) await sendJobs<CollectJob>(queue, ids.map((hostId) => ({ hostId, sweep: sweep.key })), terms);
    // No host finished for this long: every job left has spent its retries (or was lost).
    const patience = (terms.retryLimit + 2) * terms.expireInSeconds * 1000;
    await workWhile<CollectJob, void>(queue, concurrency, (job) => collectQueued(job, served, () => retaken++), async () => {
      let done = 0;
      let progressAt = Date.now();
      for (;;) {
        // Hosts collected here and not in the sweep joined a collection already in flight (a button).
        const now = new Set([...(await sweepHostsDone(sweep.key, ids)), ...here.keys()]).size;
        if (now >= ids.length) return;
        // A process that joined helps while there are jobs to take, and leaves the rest (a job
        // in another process's hands) to the one that began the sweep. If that one died, its
        // lease lapses and this process takes the sweep over at its next look (scheduler.ts).
        if (sweep.joined && inHand.count === 0) {
          const jobs = await countJobs(queue, "sweep", sweep.key);
          if (jobs.total > 0 && jobs.waiting === 0) return;
        }
        if (now > done) [done, progressAt] = [now, Date.now()];
        else if (Date.now() - progressAt > patience) {
          console.error(`netdiag: sweep ${sweep.key}: ${ids.length - now} host(s) were never collected (their jobs failed or were lost)`);
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    });
  } finally {
    queuedDone.delete(sweep.key);
  }
  return { runs: [...here.values()], retaken };
}
