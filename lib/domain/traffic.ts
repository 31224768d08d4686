// NIC traffic over time (lib/queries/traffic.ts), as the API and the host page's charts get it.
import { z } from "zod";

export const TRAFFIC_RANGES = ["24h", "7d", "30d", "1y"] as const;
export type TrafficRange = (typeof TRAFFIC_RANGES)[number];
export const RANGE_MS: Record<TrafficRange, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "1y": 365 * 86_400_000 };
/** Points per series at most, whatever the range: enough for a chart as wide as a screen. */
export const MAX_TRAFFIC_POINTS = 500;

/** Where the points come from: raw samples, or hourly or daily min/avg/max rollups. */
export type TrafficSource = "samples" | "hour" | "day";

/** One bucket: average bits/s (time-weighted), its min and max, and the errors and drops counted in it. */
export const trafficPointSchema = z.object({
  t: z.number(),
  rx: z.number().nullable(),
  tx: z.number().nullable(),
  rxMin: z.number().nullable(),
  rxMax: z.number().nullable(),
  txMin: z.number().nullable(),
  txMax: z.number().nullable(),
  errors: z.number().nullable(),
  drops: z.number().nullable(),
});
export type TrafficPoint = z.infer<typeof trafficPointSchema>;

/** An event drawn on a chart's time axis: a finding opened or resolved, a NIC change, a failed collection. */
export const chartFlagSchema = z.object({
  t: z.number(),
  kind: z.string(),
  label: z.string(),
  severity: z.enum(["critical", "warning", "info"]).optional(),
  href: z.string().optional(),
});
export type ChartFlagView = z.infer<typeof chartFlagSchema>;

export const interfaceTrafficSchema = z.object({
  hostId: z.number(),
  interface: z.string(),
  from: z.string(),
  to: z.string(),
  source: z.enum(["samples", "hour", "day"]),
  bucketSeconds: z.number(),
  points: z.array(trafficPointSchema),
  flags: z.array(chartFlagSchema),
});
export type InterfaceTraffic = z.infer<typeof interfaceTrafficSchema>;

/** A small RX/TX series for a sparkline (bits/s), newest last. */
export type TrafficSpark = { name: string; points: { t: number; rx: number | null; tx: number | null }[] };
