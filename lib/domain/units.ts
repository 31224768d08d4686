// The one place rates and sizes become text, for pages and for finding texts alike.
// Rates are bits per second with SI prefixes (1 Gbit/s = 10^9 bit/s, as ethtool, switches and
// iperf3 count them); sizes are bytes with IEC prefixes (1 KiB = 1024 B, as `ip -s -h link`).
// The units are spelled out ("Mbit/s", never "Mb/s" or "Mbps") because "Mb" and "MB" differ by
// a factor of 8 and the difference vanishes as soon as anything upper-cases the text.

/** What every formatter answers for a value that is unknown, not a number, or not reported. */
export const NO_VALUE = "—";

export const RATE_UNITS = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"] as const;
export const SIZE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** Three significant digits ("9.41", "28.7", "287"); whole numbers in the base unit. */
const digitsFor = (v: number, step: number) => (step === 0 || v >= 100 ? 0 : v >= 10 ? 1 : 2);

function scaled(value: number, base: number, units: readonly string[]): string {
  let v = Math.abs(value);
  let step = 0;
  while (v >= base && step < units.length - 1) {
    v /= base;
    step++;
  }
  let rounded = Number(v.toFixed(digitsFor(v, step)));
  // 999,999 bit/s rounds to "1000 kbit/s": say "1 Mbit/s" instead.
  if (rounded >= base && step < units.length - 1) {
    v /= base;
    step++;
    rounded = Number(v.toFixed(digitsFor(v, step)));
  }
  // No "-0 bit/s" for a value that rounds to zero.
  const sign = value < 0 && rounded !== 0 ? "-" : "";
  return `${sign}${rounded} ${units[step]}`;
}

const known = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/** 287_000_000 -> "287 Mbit/s", 9.41e9 -> "9.41 Gbit/s". */
export function formatBitsPerSecond(bitsPerSecond: number | null | undefined): string {
  return known(bitsPerSecond) ? scaled(bitsPerSecond, 1000, RATE_UNITS) : NO_VALUE;
}

/** A rate kept in Mbit/s (iperf3 bitrates, thresholds, evidence fields): 2500 -> "2.5 Gbit/s". */
export function formatMbitPerSecond(mbitPerSecond: number | null | undefined): string {
  return known(mbitPerSecond) ? formatBitsPerSecond(mbitPerSecond * 1e6) : NO_VALUE;
}

/**
 * Negotiated link speed as sysfs/ethtool report it, in Mbit/s: 1000 -> "1 Gbit/s",
 * 2500 -> "2.5 Gbit/s". Zero or -1 (sysfs' "unknown") means the NIC did not report one.
 */
export function formatLinkSpeed(speedMbps: number | null | undefined): string {
  return known(speedMbps) && speedMbps > 0 ? formatMbitPerSecond(speedMbps) : NO_VALUE;
}

/**
 * Chart axis ticks: "0" for the baseline (a unit on it says nothing), the real unit elsewhere,
 * joined by a no-break space: recharts wraps tick text at spaces when it guesses the label
 * wider than the axis, which put "3.5" and "Gbit/s" on two lines beside two different ticks.
 */
export function formatBitsPerSecondTick(bitsPerSecond: number): string {
  return bitsPerSecond === 0 ? "0" : formatBitsPerSecond(bitsPerSecond).replace(" ", "\u00a0");
}

/** Byte counters: 1023 -> "1023 B", 1536 -> "1.5 KiB", 1.5 * 2^30 -> "1.5 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  return known(bytes) ? scaled(bytes, 1024, SIZE_UNITS) : NO_VALUE;
}

/** Sizes that must stay exact, such as packets compared with an MTU: 9000 -> "9000 B". */
export function formatBytesExact(bytes: number | null | undefined): string {
  return known(bytes) ? `${Math.round(bytes)} B` : NO_VALUE;
}

// Suffixes of numeric field names (the data's own unit, see CONVENTIONS "units in names") and
// the unit a reader sees beside them. Longest first: "BitsPerSecond" before "Second"-like tails.
const FIELD_UNITS: [suffix: string, unit: string][] = [
  ["BitsPerSecond", "bit/s"],
  ["Mbps", "Mbit/s"],
  ["Bytes", "bytes"],
  ["Percent", "%"],
  ["Ms", "ms"],
  ["Sec", "s"],
];

/**
 * Splits a camelCase field name into its words and its unit: "receivedMbps" ->
 * { name: "received", unit: "Mbit/s" }; "mtu" -> { name: "mtu", unit: null }. Sizes are
 * "bytes" in words, so a header cannot be read as bits.
 */
export function splitFieldUnit(key: string): { name: string; unit: string | null } {
  for (const [suffix, unit] of FIELD_UNITS) {
    if (key.length > suffix.length && key.endsWith(suffix)) return { name: key.slice(0, -suffix.length), unit };
  }
  return { name: key, unit: null };
}
