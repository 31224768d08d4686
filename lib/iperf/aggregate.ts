import type { HistoryPoint } from "@/lib/domain/iperf";

// Pure: a history series of at most `maxPoints` points. Up to that many samples are returned
// as they are; beyond, the range is cut into equal buckets and each bucket with samples
// becomes one point: mean time, average, min and max (the band the chart draws).

export const MAX_HISTORY_POINTS = 500;

export type Sample = { t: number; value: number };

export function aggregate(samples: Sample[], fromMs: number, toMs: number, maxPoints = MAX_HISTORY_POINTS): { bucketMs: number; points: HistoryPoint[] } {
  const inRange = samples.filter((s) => s.t >= fromMs && s.t <= toMs && Number.isFinite(s.value)).sort((a, b) => a.t - b.t);
  if (inRange.length <= maxPoints) {
    return { bucketMs: 0, points: inRange.map((s) => ({ t: s.t, avg: s.value, min: s.value, max: s.value, n: 1 })) };
  }
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / maxPoints));
  const buckets = new Map<number, { tSum: number; sum: number; min: number; max: number; n: number }>();
  for (const s of inRange) {
    const k = Math.min(maxPoints - 1, Math.floor((s.t - fromMs) / bucketMs));
    const b = buckets.get(k);
    if (b) {
      b.tSum += s.t;
      b.sum += s.value;
      b.min = Math.min(b.min, s.value);
      b.max = Math.max(b.max, s.value);
      b.n++;
    } else buckets.set(k, { tSum: s.t, sum: s.value, min: s.value, max: s.value, n: 1 });
  }
  const points = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, b]) => ({ t: Math.round(b.tSum / b.n), avg: b.sum / b.n, min: b.min, max: b.max, n: b.n }));
  return { bucketMs, points };
}
