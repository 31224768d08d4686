// The host page's traffic chart as a URL (pure): which NIC, which range, which zoom, so a view
// can be linked to and back/forward walk through the user's choices.
import { TRAFFIC_RANGES, type TrafficRange, type TrafficSource } from "@/lib/domain/traffic";

/**
 * `range` is the named range (24h by default); `from`/`to` a custom span or a zoom into it,
 * both set or neither. The range stays in the URL while zoomed: "Reset zoom" returns to it.
 */
export type TrafficView = { nic: string | null; range: TrafficRange; from: number | null; to: number | null };

const isRange = (v: string | null): v is TrafficRange => v !== null && (TRAFFIC_RANGES as readonly string[]).includes(v);

/** An ISO time or epoch ms (what the API takes); null for anything else. */
function time(v: string | null): number | null {
  if (!v) return null;
  const t = /^\d{10,13}$/.test(v) ? Number(v.length === 10 ? Number(v) * 1000 : v) : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Garbage in the URL (an unknown range, from after to) falls back to the default view, never an error page. */
export function readTrafficView(sp: URLSearchParams): TrafficView {
  const from = time(sp.get("from"));
  const to = time(sp.get("to"));
  const span = from !== null && to !== null && from < to;
  const range = sp.get("range");
  return { nic: sp.get("nic") || null, range: isRange(range) ? range : "24h", from: span ? from : null, to: span ? to : null };
}

/** "2026-12-05T10:05Z": minutes are what the custom inputs and a drag give. */
export const urlTime = (t: number) => `${new Date(t).toISOString().slice(0, 16)}Z`;

/** The page's query string with this view in it; other parameters are kept, defaults left out. */
export function writeTrafficView(current: URLSearchParams, v: TrafficView): string {
  const sp = new URLSearchParams(current);
  for (const k of ["nic", "range", "from", "to"]) sp.delete(k);
  if (v.nic) sp.set("nic", v.nic);
  if (v.range !== "24h") sp.set("range", v.range);
  if (v.from !== null && v.to !== null) {
    sp.set("from", urlTime(v.from));
    sp.set("to", urlTime(v.to));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/** The traffic API's query for this view. */
export const trafficQuery = (v: TrafficView) => (v.from !== null && v.to !== null ? `from=${v.from}&to=${v.to}` : `range=${v.range}`);

/** `<input type="datetime-local">` value of a time, in UTC as every time netdiag shows. */
export const toInputValue = (t: number) => new Date(t).toISOString().slice(0, 16);
export function fromInputValue(v: string): number | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(v)) return null;
  const t = Date.parse(`${v}Z`);
  return Number.isFinite(t) ? t : null;
}

const minutes = (s: number) => (s % 86_400 === 0 ? `${s / 86_400} day${s === 86_400 ? "" : "s"}` : s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`);

/** Where the points come from, in the words under the chart. */
export function describeSource(source: TrafficSource, bucketSeconds: number): string {
  switch (source) {
    case "samples":
      return bucketSeconds <= 300 ? "5-minute samples" : `5-minute samples, averaged per ${minutes(bucketSeconds)} with min–max`;
    case "hour":
      return bucketSeconds <= 3600 ? "hourly averages with min–max" : `hourly averages, averaged per ${minutes(bucketSeconds)} with min–max`;
    case "day":
      return bucketSeconds <= 86_400 ? "daily averages with min–max" : `daily averages, averaged per ${minutes(bucketSeconds)} with min–max`;
  }
}
