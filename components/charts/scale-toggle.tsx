"use client";

import { useMemo, useState } from "react";
import { chooseScale, formatRatio, logAxis, type LogAxis } from "./scale";
import type { Series } from "./series";

export type YScale = {
  /** The log axis in use; null when the chart draws linearly. */
  log: LogAxis | null;
  /** Typical values more than LOG_THRESHOLD apart: the chart offers (and starts with) a log axis. */
  ratio: number | null;
  linear: boolean;
  setLinear: (linear: boolean) => void;
  zeros: number;
};

/**
 * Log or linear for charts that share one y axis (one chart, or side-by-side charts of the same
 * run): log when the series' typical values differ by more than 10x, until the user asks for linear.
 */
export function useYScale(series: readonly Series[]): YScale {
  const [linear, setLinear] = useState(false);
  const { choice, axis, zeros } = useMemo(() => {
    const values = series.map((s) => s.points.map((p) => p.value));
    const bands = series.flatMap((s) => s.band?.flatMap((b) => [b.min, b.max]) ?? []);
    return { choice: chooseScale(values), axis: logAxis([...values.flat(), ...bands]), zeros: values.flat().filter((v) => v <= 0).length };
  }, [series]);
  const offered = choice.log && axis !== null;
  return { log: offered && !linear ? axis : null, ratio: offered ? choice.ratio : null, linear, setLinear, zeros };
}

/** Says which scale the chart uses and why, with the switch back to linear. Nothing when linear reads fine. */
export function ScaleToggle({ scale, what, formatFloor }: { scale: YScale; what: string; formatFloor: (v: number) => string }) {
  if (scale.ratio === null) return null;
  const ratio = formatRatio(scale.ratio);
  const text = scale.log
    ? `Log scale: ${what} differ ${ratio}.${scale.zeros > 0 ? ` ${scale.zeros} reading${scale.zeros === 1 ? "" : "s"} of 0 drawn on the ${formatFloor(scale.log.domain[0])} floor.` : ""}`
    : `Linear scale: ${what} differ ${ratio}, so the slower one sits near zero.`;
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs text-zinc-400">
      <p aria-live="polite">{text}</p>
      <button
        type="button"
        aria-pressed={scale.linear}
        onClick={() => scale.setLinear(!scale.linear)}
        className={`h-6 rounded border px-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400 ${scale.linear ? "border-zinc-500 bg-zinc-800 text-zinc-50" : "border-zinc-700 text-zinc-300 hover:bg-zinc-800"}`}
      >
        Linear scale
      </button>
    </div>
  );
}
