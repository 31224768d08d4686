// Which stored series answers a chart's time range, and in buckets of what width, so that a
// chart gets at most MAX_TRAFFIC_POINTS points whatever the range (pure).
import { MAX_TRAFFIC_POINTS, type TrafficSource } from "@/lib/domain/traffic";

export const PERIOD_SEC: Record<TrafficSource, number> = { samples: 300, hour: 3600, day: 86_400 };

/** Oldest raw sample, hourly and daily rollup kept, ms (null: none yet). */
export type Coverage = { samplesFrom: number | null; hoursFrom: number | null; daysFrom: number | null };

/**
 * The finest series that covers as much of the range as the next coarser one and gives at
 * most four times the points wanted (they are averaged into buckets); then the bucket width,
 * a whole number of that series' periods.
 */
export function chooseSeries(from: number, to: number, c: Coverage): { source: TrafficSource; bucketSeconds: number } {
  const spanSec = Math.max(1, (to - from) / 1000);
  const fits = (s: TrafficSource) => spanSec / PERIOD_SEC[s] <= MAX_TRAFFIC_POINTS * 6;
  // "Covers as much": starts no later than the coarser series (or the range) does. A coarser
  // row starts at its period's boundary, before its first reading: a day rolled up from 23:00
  // on starts at midnight, and covers no more than the hours it came from.
  const asMuch = (fine: number | null, coarse: number | null, coarsePeriod: TrafficSource) =>
    fine !== null && fine <= Math.max(from, coarse === null ? fine : coarse + PERIOD_SEC[coarsePeriod] * 1000);
  const source: TrafficSource =
    fits("samples") && (c.hoursFrom !== null ? asMuch(c.samplesFrom, c.hoursFrom, "hour") : asMuch(c.samplesFrom, c.daysFrom, "day"))
      ? "samples"
      : fits("hour") && (asMuch(c.hoursFrom, c.daysFrom, "day") || (c.hoursFrom === null && c.daysFrom === null))
        ? "hour"
        : "day";
  const period = PERIOD_SEC[source];
  return { source, bucketSeconds: Math.max(period, Math.ceil(spanSec / MAX_TRAFFIC_POINTS / period) * period) };
}

/** Start of the bucket holding `t`, buckets counted from `from`. */
export const bucketOf = (t: number, from: number, bucketSeconds: number) => from + Math.floor((t - from) / (bucketSeconds * 1000)) * bucketSeconds * 1000;
