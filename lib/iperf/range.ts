// Pure: the history page's time range from its query string.
export const RANGES = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "1y": 365 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES | "custom";

export function resolveRange(range: string | undefined, from: string | undefined, to: string | undefined, now: Date): { key: RangeKey; from: Date; to: Date } {
  if (range === "custom") {
    const f = from ? Date.parse(from) : NaN;
    const t = to ? Date.parse(to) : now.getTime();
    if (Number.isFinite(f) && Number.isFinite(t) && f < t) return { key: "custom", from: new Date(f), to: new Date(t) };
  }
  const key = range && range in RANGES ? (range as keyof typeof RANGES) : "7d";
  return { key, from: new Date(now.getTime() - RANGES[key]), to: now };
}
