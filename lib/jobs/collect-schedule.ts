import "server-only";
import { env } from "@/lib/env.js";
import { getSetting, setSetting } from "@/lib/queries/settings";
import { failInterruptedRuns } from "@/lib/queries/runs";
import { collectAll } from "./collect";

const LAST_RUN_KEY = "scheduler.lastCollectAllAt";

/** When the next scheduled collection is due; pure so restarts and tests agree. */
export function nextDueAt(lastIso: string | null, intervalMinutes: number, now: number): number {
  const last = lastIso ? Date.parse(lastIso) : NaN;
  if (Number.isNaN(last)) return now;
  return Math.max(now, last + intervalMinutes * 60_000);
}

type SchedulerState = { timer?: NodeJS.Timeout; started: boolean };
const state: SchedulerState = ((globalThis as { netdiagScheduler?: SchedulerState }).netdiagScheduler ??= {
  started: false,
});

async function tick(intervalMinutes: number) {
  try {
    await setSetting(LAST_RUN_KEY, new Date().toISOString());
    const runs = await collectAll();
    const failed = runs.filter((r) => r.status === "failed").length;
    console.log(`netdiag: scheduled collection of ${runs.length} host(s), ${failed} failed`);
  } catch (err) {
    console.error("netdiag: scheduled collection failed:", err instanceof Error ? err.message : err);
  } finally {
    schedule(intervalMinutes, Date.now());
  }
}

function schedule(intervalMinutes: number, now: number, lastIso?: string | null) {
  const due = lastIso === undefined ? now + intervalMinutes * 60_000 : nextDueAt(lastIso, intervalMinutes, now);
  state.timer = setTimeout(() => void tick(intervalMinutes), due - now);
  state.timer.unref();
}

/**
 * Started once per server process (instrumentation.ts). The last run time is stored, so a
 * restart resumes the cadence instead of collecting at once or waiting a full interval.
 */
export async function startScheduler(): Promise<void> {
  if (state.started) return;
  state.started = true;
  const interrupted = await failInterruptedRuns(new Date());
  if (interrupted > 0) console.log(`netdiag: marked ${interrupted} interrupted collection(s) as failed`);
  const interval = env().collectIntervalMinutes;
  if (interval === 0) {
    console.log("netdiag: scheduled collection disabled (NETDIAG_COLLECT_INTERVAL=0)");
    return;
  }
  schedule(interval, Date.now(), await getSetting(LAST_RUN_KEY));
  console.log(`netdiag: collecting every host every ${interval} minute(s)`);
}
