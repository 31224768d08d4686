// Pure: the history page's time range from its query string.
export const RANGES = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "1y": 365 * 86_400_000 } as const;
/** "fit" (the default): the span of the pair's runs, see fitTimeDomain. */
export type RangeKey = keyof typeof RANGES | "custom" | "fit";

/** The most a fitted range shows: the latest 30 days of runs, the "30d" view at most. */
export const FIT_MAX_MS = RANGES["30d"];
/** A fitted range is never narrower than this: one run shows as a point with an hour around it. */
export const FIT_MIN_MS = 3_600_000;
/** Room on each side of the first and last run, as a share of their span. */
const FIT_PAD = 0.05;

export function resolveRange(range: string | undefined, from: string | undefined, to: string | undefined, now: Date): { key: RangeKey; from: Date; to: Date } {
  if (range === "custom") {
    const f = from ? Date.parse(from) : NaN;
    const t = to ? Date.parse(to) : now.getTime();
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) return { key: "custom", from: new Date(f), to: new Date(t) };
  }
  if (range && range in RANGES) {
    const key = range as keyof typeof RANGES;
    return { key, from: new Date(now.getTime() - RANGES[key]), to: now };
  }
  // The window a fit looks for runs in; fitTimeDomain narrows it to the runs found.
  return { key: "fit", from: new Date(now.getTime() - FIT_MAX_MS), to: now };
}

/**
 * The x range that fits runs from firstMs to lastMs: padded by 5% each side, centred and an hour
 * wide when they are closer than that (a single run is a point in the middle, not a dot on the
 * right edge of a 7-day window), and never wider than FIT_MAX_MS plus its padding.
 */
export function fitTimeDomain(firstMs: number, lastMs: number): { from: Date; to: Date } {
  const first = Math.max(firstMs, lastMs - FIT_MAX_MS);
  const span = lastMs - first;
  if (span * (1 + 2 * FIT_PAD) < FIT_MIN_MS) {
    const mid = (first + lastMs) / 2;
    return { from: new Date(Math.round(mid - FIT_MIN_MS / 2)), to: new Date(Math.round(mid + FIT_MIN_MS / 2)) };
  }
  return { from: new Date(Math.round(first - span * FIT_PAD)), to: new Date(Math.round(lastMs + span * FIT_PAD)) };
}
