// Generic series shapes for the chart wrappers: plain numbers, one point per sample.
/** `raw`: what was measured, when `value` had to be moved to be drawn (a 0 on a log axis's floor). */
export type Point = { t: number; value: number; raw?: number };
export type BandPoint = { t: number; min: number; max: number; rawMin?: number; rawMax?: number };
export type Series = {
  key: string;
  name: string;
  /** Any CSS colour; Tailwind's palette values keep charts in the app's look. */
  color: string;
  points: Point[];
  /** Optional min/max band drawn behind the line (aggregated history). */
  band?: BandPoint[];
};

export const COLORS = { tx: "#38bdf8", rx: "#f59e0b", grid: "#27272a", axis: "#a1a1aa" } as const;
