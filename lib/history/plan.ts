// What housekeeping may do at a given moment (pure; lib/jobs/housekeeping.ts carries it out).
// Rollups go hour by hour behind a watermark, and nothing raw is deleted before it has been
// rolled up, so a server stopped halfway resumes where it stopped and never loses a chart.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/**
 * A collection is stored with its start time and may finish a few minutes later: an hour is
 * rolled up only this long after it ended, so its last samples are in.
 */
export const ROLLUP_GRACE_MS = 15 * 60_000;

export const hourStart = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
export const dayStart = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

/**
 * The hours to roll up now: from the watermark (the first hour not yet rolled up; the first
 * sample's hour when there is none) up to the last complete one, at most `max` of them.
 */
export function hoursToRoll(watermark: number | null, firstSampleAt: number | null, now: number, max: number): number[] {
  const from = watermark ?? (firstSampleAt === null ? null : hourStart(firstSampleAt));
  if (from === null) return [];
  const out: number[] = [];
  for (let h = from; h + HOUR_MS + ROLLUP_GRACE_MS <= now && out.length < max; h += HOUR_MS) out.push(h);
  return out;
}

/** Days whose every hour is rolled up (hour watermark past the day's end), from the day watermark. */
export function daysToRoll(dayWatermark: number | null, firstHourAt: number | null, hourWatermark: number | null, max: number): number[] {
  const from = dayWatermark ?? (firstHourAt === null ? null : dayStart(firstHourAt));
  if (from === null || hourWatermark === null) return [];
  const out: number[] = [];
  for (let d = from; d + DAY_MS <= hourWatermark && out.length < max; d += DAY_MS) out.push(d);
  return out;
}

export type Retention = {
  samplesDays: number;
  hourlyDays: number;
  dailyDays: number;
  runsDays: number;
  failedRunsDays: number;
  probesDays: number;
  eventsDays: number;
  resolvedDays: number;
  iperfDetailDays: number;
};

/** Older than these goes (null: keep everything of that kind). */
export type Cutoffs = {
  samples: number;
  hourly: number;
  daily: number | null;
  runs: number;
  failedRuns: number;
  probes: number;
  events: number | null;
  resolved: number | null;
  iperfDetail: number;
};

/**
 * Cut-offs at `now`. Samples and hourly rollups never go before they are rolled up into the
 * next level, whatever the retention says (a server that was off for a month rolls up first).
 */
export function cutoffs(now: number, r: Retention, hourWatermark: number | null, dayWatermark: number | null): Cutoffs {
  const ago = (days: number) => now - days * DAY_MS;
  const keepAll = (days: number) => (days === 0 ? null : ago(days));
  return {
    samples: Math.min(ago(r.samplesDays), hourWatermark ?? -Infinity),
    hourly: Math.min(ago(r.hourlyDays), dayWatermark ?? -Infinity),
    daily: keepAll(r.dailyDays),
    runs: ago(r.runsDays),
    failedRuns: ago(r.failedRunsDays),
    probes: ago(r.probesDays),
    events: keepAll(r.eventsDays),
    resolved: keepAll(r.resolvedDays),
    iperfDetail: ago(r.iperfDetailDays),
  };
}
