// Pure display formatting shared by server and client components. Callers pass `now` so
// server and client render the same text for the same instant.

const DASH = "—";

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.abs(value);
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  const digits = i === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  const sign = value < 0 ? "-" : "";
  return `${sign}${Number(v.toFixed(digits))} ${units[i]}`;
}

/** Link and traffic rates are decimal (1 Gb/s = 10^9 bits/s), as ethtool and switches show them. */
export function formatBitsPerSecond(bitsPerSecond: number | null | undefined): string {
  if (bitsPerSecond == null || !Number.isFinite(bitsPerSecond)) return DASH;
  return scaled(bitsPerSecond, 1000, ["b/s", "kb/s", "Mb/s", "Gb/s", "Tb/s"]);
}

/** Byte counters in binary units (KiB, MiB…), matching `ip -s link` with `-h`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH;
  return scaled(bytes, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]);
}

/** Negotiated link speed in Mb/s (sysfs/ethtool unit); unknown or -1 means not reported. */
export function formatSpeedMbps(speedMbps: number | null | undefined): string {
  if (speedMbps == null || !Number.isFinite(speedMbps) || speedMbps <= 0) return DASH;
  if (speedMbps >= 1000) return `${Number((speedMbps / 1000).toFixed(1))} Gb/s`;
  return `${speedMbps} Mb/s`;
}

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
