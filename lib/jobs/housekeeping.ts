import "server-only";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { cutoffs, daysToRoll, hoursToRoll } from "@/lib/history/plan";
import {
  databaseBytes,
  dayWatermark,
  deleteDeliveriesBefore,
  deleteEventsBefore,
  deleteIperfDetailBefore,
  deleteProbesBefore,
  deleteResolvedFindingsBefore,
  deleteRollupsBefore,
  deleteRunsBefore,
  deleteSamplesBefore,
  firstTimes,
  hourWatermark,
  rollUpDay,
  rollUpHour,
  vacuumIncrementally,
} from "@/lib/queries/housekeeping";

// Rollups, retention and vacuum, once an hour from the scheduler. It runs beside collections,
// never in front of them: the scheduler starts it and goes on, and every statement it issues
// is a short one of its own (lib/queries/housekeeping.ts).

/** Hours and days rolled up per pass: a server that was off for weeks catches up over a few passes. */
const MAX_HOURS_PER_PASS = 24 * 14;
const MAX_DAYS_PER_PASS = 60;
/** Free pages returned to the disk per pass (4 KB each: 64 MB). */
const MAX_VACUUM_PAGES = 16_384;

export type HousekeepingReport = {
  hoursRolled: number;
  daysRolled: number;
  deleted: Record<"samples" | "hourly" | "daily" | "runs" | "probes" | "events" | "findings" | "iperfDetail" | "deliveries", number>;
  pagesVacuumed: number;
  bytes: number;
  ms: number;
};

/** One full pass at `now`; repeatable, and safe to stop anywhere (see lib/history/plan.ts). */
export async function runHousekeeping(now = new Date()): Promise<HousekeepingReport> {
  const started = Date.now();
  const t = now.getTime();
  const first = await firstTimes();
  const hours = hoursToRoll(await hourWatermark(), first.sample, t, MAX_HOURS_PER_PASS);
  for (const h of hours) await rollUpHour(h);
  const hourMark = await hourWatermark();
  const days = daysToRoll(await dayWatermark(), (await firstTimes()).hour, hourMark, MAX_DAYS_PER_PASS);
  for (const d of days) await rollUpDay(d);

  const c = cutoffs(t, env().retention, hourMark, await dayWatermark());
  const deleted: HousekeepingReport["deleted"] = {
    samples: Number.isFinite(c.samples) ? await deleteSamplesBefore(c.samples) : 0,
    hourly: Number.isFinite(c.hourly) ? await deleteRollupsBefore("hour", c.hourly) : 0,
    daily: c.daily === null ? 0 : await deleteRollupsBefore("day", c.daily),
    runs: await deleteRunsBefore(c.runs, c.failedRuns),
    probes: await deleteProbesBefore(c.probes),
    events: c.events === null ? 0 : await deleteEventsBefore(c.events),
    findings: c.resolved === null ? 0 : await deleteResolvedFindingsBefore(c.resolved),
    iperfDetail: await deleteIperfDetailBefore(c.iperfDetail),
    deliveries: await deleteDeliveriesBefore(t - env().retention.deliveriesDays * 24 * 60 * 60_000),
  };
  const pagesVacuumed = await vacuumIncrementally(MAX_VACUUM_PAGES);
  return { hoursRolled: hours.length, daysRolled: days.length, deleted, pagesVacuumed, bytes: await databaseBytes(), ms: Date.now() - started };
}

const state = singleton<{ running: Promise<HousekeepingReport> | null }>("housekeeping", () => ({ running: null }));

/** Starts a pass unless one is running; resolves when it ends (the scheduler does not wait). */
export function startHousekeeping(now = new Date()): Promise<HousekeepingReport> {
  state.running ??= runHousekeeping(now).finally(() => (state.running = null));
  return state.running;
}
