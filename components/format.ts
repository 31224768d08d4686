// Pure display formatting shared by server and client components. Callers pass `now` so
// server and client render the same text for the same instant.

import { NO_VALUE } from "@/lib/domain/units";

// Rates and sizes are formatted in lib/domain/units.ts, where finding texts (lib/analysis) can
// use the same wording; pages import everything from here.
export {
  formatBitsPerSecond,
  formatBitsPerSecondTick,
  formatBytes,
  formatBytesExact,
  formatLinkSpeed,
  formatMbitPerSecond,
} from "@/lib/domain/units";

const DASH = NO_VALUE;

export function formatCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat("en-US").format(value);
}

export function formatDurationMs(durationMs: number | null | undefined): string {
  if (durationMs == null || !Number.isFinite(durationMs) || durationMs < 0) return DASH;
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${Number((durationMs / 1000).toFixed(1))} s`;
  const minutes = Math.floor(durationMs / 60_000);
  const seconds = Math.round((durationMs % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

const STEPS: [limitSec: number, unitSec: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86_400, 3600, "h"],
  [30 * 86_400, 86_400, "d"],
];

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function formatRelativeTime(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return "never";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return DASH;
  const sec = Math.round((nowMs - t) / 1000);
  const abs = Math.abs(sec);
  if (abs < 5) return "just now";
  for (const [limit, unitSec, unit] of STEPS) {
    if (abs < limit) {
      const n = Math.floor(abs / unitSec);
      return sec >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
    }
  }
  return formatDateTime(iso);
}

/** Absolute UTC timestamp, stable across server and browser time zones. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return DASH;
  return `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
