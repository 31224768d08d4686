import "server-only";
import { listDueIperfSchedules, markIperfScheduleRan, nextIperfScheduleDueAt, scheduleHasActiveRun } from "@/lib/queries/iperf";
import { startIperfRuntime, submitIperfRun } from "./iperf/queue";
import { nextDueAfter } from "@/lib/iperf/schedule-time";

// Scheduled tests, run by the server process. Each schedule's next due time is stored, so a
// restart resumes the cadence. Due runs go through the same queue as manual ones, so the two
// never overlap on a host; a schedule whose previous run is still queued or running skips a
// slot instead of piling up.

type State = { timer?: NodeJS.Timeout; started: boolean; ticking: Promise<void> | null };
const state: State = ((globalThis as { netdiagIperfScheduler?: State }).netdiagIperfScheduler ??= { started: false, ticking: null });

const MAX_SLEEP_MS = 60_000;

/** Queues a run for every due schedule; returns the ids of the runs queued. */
export async function runDueIperfSchedules(now = new Date()): Promise<number[]> {
  const queued: number[] = [];
  for (const s of await listDueIperfSchedules(now)) {
    const next = new Date(nextDueAfter(Date.parse(s.nextDueAt), s.intervalMinutes, now.getTime()));
    if (await scheduleHasActiveRun(s.id)) {
      await markIperfScheduleRan(s.id, null, next);
      continue;
    }
    try {
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
      queued.push(run.id);
    } catch (err) {
      console.error(`netdiag: iperf schedule ${s.id} could not queue its run:`, err instanceof Error ? err.message : err);
    }
    await markIperfScheduleRan(s.id, now, next);
  }
  return queued;
}

async function tick() {
  try {
    await runDueIperfSchedules();
  } catch (err) {
    console.error("netdiag: iperf schedules:", err instanceof Error ? err.message : err);
  }
  await arm();
}

async function arm() {
  clearTimeout(state.timer);
  const next = await nextIperfScheduleDueAt().catch(() => null);
  const wait = next ? Math.min(MAX_SLEEP_MS, Math.max(250, next.getTime() - Date.now())) : MAX_SLEEP_MS;
  state.timer = setTimeout(() => {
    state.ticking = tick().finally(() => (state.ticking = null));
  }, wait);
  state.timer.unref();
}

/** A schedule was created or changed: look again now rather than at the next minute. */
export function pokeIperfScheduler(): void {
  if (!state.started || state.ticking) return;
  void arm();
}

/** Once per server process (instrumentation.ts): recover the queue, then run schedules. */
export async function startIperf(): Promise<void> {
  await startIperfRuntime();
  if (state.started) return;
  state.started = true;
  await arm();
}
