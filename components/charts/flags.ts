// Flags: events drawn as markers on a chart's time axis (a finding opened, a route changed), each
// with a tooltip and, when it has one, a link. Generic: the chart knows nothing of what they mean.

export type FlagSeverity = "critical" | "warning" | "info";

/**
 * One event at time `t` (the chart's x unit, ms since the epoch for time charts). `kind` is the
 * caller's own word for it (a finding kind, "route-change"); `label` the text the tooltip and the
 * list under the chart show; `href` where clicking the marker leads (the finding's page).
 */
export type ChartFlag = { t: number; kind: string; label: string; severity?: FlagSeverity; href?: string };

/** Flags whose markers would overlap are drawn as one marker listing them all. */
export type FlagGroup = { x: number; flags: ChartFlag[]; severity?: FlagSeverity };

/** A marker's hit target: 24 px (WCAG 2.5.8). Markers closer than that are one group. */
export const FLAG_MARKER_PX = 24;

const RANK: Record<FlagSeverity, number> = { critical: 3, warning: 2, info: 1 };

export function worstSeverity(flags: readonly ChartFlag[]): FlagSeverity | undefined {
  return flags.reduce<FlagSeverity | undefined>((w, f) => (f.severity && (!w || RANK[f.severity] > RANK[w]) ? f.severity : w), undefined);
}

/** The flags inside [lo, hi], oldest first: a flag off the axis is not drawn, nor listed. */
export function flagsInDomain(flags: readonly ChartFlag[], [lo, hi]: readonly [number, number]): ChartFlag[] {
  return flags.filter((f) => Number.isFinite(f.t) && f.t >= lo && f.t <= hi).sort((a, b) => a.t - b.t);
}

/**
 * Markers at pixel positions, merged left to right: a flag closer than `gapPx` to the first flag
 * of the current group joins it (measured from the first, so a run of flags 10 px apart does
 * not chain into one group across the whole chart). A group sits midway between its first and last.
 */
export function groupFlags(placed: readonly { x: number; flag: ChartFlag }[], gapPx = FLAG_MARKER_PX): FlagGroup[] {
  const sorted = [...placed].filter((p) => Number.isFinite(p.x)).sort((a, b) => a.x - b.x || a.flag.t - b.flag.t);
  const groups: { first: number; last: number; flags: ChartFlag[] }[] = [];
  for (const p of sorted) {
    const g = groups.at(-1);
    if (g && p.x - g.first < gapPx) {
      g.last = p.x;
      g.flags.push(p.flag);
    } else groups.push({ first: p.x, last: p.x, flags: [p.flag] });
  }
  return groups.map((g) => ({ x: (g.first + g.last) / 2, flags: g.flags, severity: worstSeverity(g.flags) }));
}

/** Marker colours (Tailwind red-500, amber-400, sky-400; zinc-300 for an event without a severity). */
export const FLAG_COLORS: Record<FlagSeverity | "none", string> = { critical: "#ef4444", warning: "#fbbf24", info: "#38bdf8", none: "#d4d4d8" };
