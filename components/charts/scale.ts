import type { Series } from "./series";

// Pure: when a chart's y axis should be logarithmic, and what that axis looks like. On a linear
// axis from 0, 287 Mbit/s next to 14 Gbit/s is 2% of the height: the slow direction, usually
// the fault, reads as "nothing". A log axis keeps both readable and still orders them.

/** Series whose typical values differ by more than this factor get a log axis by default. */
export const LOG_THRESHOLD = 10;

/** The median of the positive values: a series' typical level, blind to dips to 0 and single spikes. */
export function typical(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** How far apart the series' typical values are (max/min), and whether that calls for a log axis. */
export function chooseScale(valuesPerSeries: readonly (readonly number[])[], threshold = LOG_THRESHOLD): { log: boolean; ratio: number | null } {
  const levels = valuesPerSeries.map(typical).filter((t): t is number => t !== null);
  if (levels.length < 2) return { log: false, ratio: null };
  const ratio = Math.max(...levels) / Math.min(...levels);
  return { log: ratio > threshold, ratio };
}

export type LogAxis = { domain: [number, number]; ticks: number[] };

// Exact decimal values: 2 * 10 ** -1 is 0.20000000000000004, Number("2e-1") is 0.2.
const round = (mantissa: number, exponent: number) => Number(`${mantissa}e${exponent}`);
const MANTISSAS = [1, 2, 5];

/** The smallest 1-2-5 value at or above v (15e9 -> 20e9). */
function ceil125(v: number): number {
  const e = Math.floor(Math.log10(v));
  for (const m of [...MANTISSAS, 10]) if (round(m, e) >= v) return round(m, e);
  return round(1, e + 1);
}

/**
 * Tick values for a log axis over [lo, hi]: 1-2-5 steps when they fit in maxTicks, else powers
 * of ten (every decade, or every second one), which the rate formatter writes as round SI
 * values ("100 Mbit/s", "1 Gbit/s", "10 Gbit/s").
 */
export function logTicks(lo: number, hi: number, maxTicks = 6): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const fine: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of MANTISSAS) if (inside(round(m, e))) fine.push(round(m, e));
  if (fine.length <= maxTicks) return fine;
  const powers: number[] = [];
  for (let e = e0; e <= e1; e++) if (inside(round(1, e))) powers.push(round(1, e));
  const step = Math.ceil(powers.length / maxTicks);
  return powers.filter((_, i) => i % step === 0);
}

/**
 * A log axis for these values: the top is the next 1-2-5 value above the largest, the floor the
 * power of ten at least 3x below the smallest. That margin keeps the slowest line clear of the
 * axis, and keeps readings of 0 (which a log axis cannot place, so they are drawn on the floor)
 * apart from real low readings.
 */
export function logAxis(values: readonly number[], maxTicks = 6): LogAxis | null {
  const v = values.filter((x) => Number.isFinite(x) && x > 0);
  if (v.length === 0) return null;
  const lo = round(1, Math.floor(Math.log10(Math.min(...v) / 3)));
  const hi = ceil125(Math.max(...v));
  return { domain: [lo, hi], ticks: logTicks(lo, hi, maxTicks) };
}

/**
 * The series as a log axis can draw them: values below the floor (readings of 0) are lifted
 * onto it; `raw` keeps what was measured, for the tooltip.
 */
export function onLogFloor(series: readonly Series[], floor: number): Series[] {
  const lift = (v: number) => Math.max(v, floor);
  return series.map((s) => ({
    ...s,
    points: s.points.map((p) => (p.value < floor ? { ...p, value: floor, raw: p.value } : p)),
    band: s.band?.map((b) => ({ ...b, min: lift(b.min), max: lift(b.max), rawMin: b.min, rawMax: b.max })),
  }));
}

/** "52×": the factor as a reader compares it, no false precision. */
export function formatRatio(ratio: number): string {
  return `${ratio < 10 ? Number(ratio.toFixed(1)) : Math.round(ratio)}×`;
}
