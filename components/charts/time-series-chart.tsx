"use client";

import { useMemo, useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { FlagLayer, FlagList } from "./chart-flags";
import { FLAG_MARKER_PX, flagsInDomain, type ChartFlag } from "./flags";
import { onLogFloor, type LogAxis } from "./scale";
import { COLORS, type Series } from "./series";
import { ZoomLayer } from "./zoom-layer";

type Props = {
  series: Series[];
  /** Accessible name of the chart (it is an image to assistive tech; pages give the numbers as text too). */
  label: string;
  height?: number;
  xDomain?: [number, number];
  yMax?: number;
  /** A log y axis (see scale.ts); readings of 0 are drawn on its floor. Overrides yMax. */
  log?: LogAxis | null;
  formatX: (t: number) => string;
  /** Axis ticks: compact, but with the unit ("0", "200 Mbit/s", "1 Gbit/s"). */
  formatY: (v: number) => string;
  /** Values in the tooltip, in full ("0 bit/s", "287 Mbit/s"); the axis format when not given. */
  formatValue?: (v: number) => string;
  /** Draw every point as a dot (sparse data such as a few runs). */
  dots?: boolean;
  legend?: boolean;
  /**
   * Events drawn as markers on the time axis (see flags.ts), each with a tooltip and its link,
   * and listed as text under the chart. Those outside the x domain are left out.
   */
  flags?: ChartFlag[];
  /** Times of the flags in full (the axis format, "12-05", may leave out the hour); formatX when not given. */
  formatFlagTime?: (t: number) => string;
  /** List the flags under the chart (default). Off for a second chart of the same subject, whose first chart lists them. */
  flagList?: boolean;
  /** Drag across the plot to select a time range (see zoom-layer.tsx); the caller decides what to show next. */
  onZoom?: (from: number, to: number) => void;
};

const extent = (series: readonly Series[]): [number, number] => {
  const ts = series.flatMap((s) => s.points.map((p) => p.t));
  return ts.length ? [Math.min(...ts), Math.max(...ts)] : [0, 0];
};

/** Lines over a numeric x axis (time or seconds), each with an optional min/max band. */
export function TimeSeriesChart(props: Props) {
  const { series: measured, label, height = 220, xDomain, yMax, log, formatX, formatY, formatValue = formatY, dots = false, legend = false, formatFlagTime = formatX, flagList = true, onZoom } = props;
  const series = log ? onLogFloor(measured, log.domain[0]) : measured;
  const flags = useMemo(() => flagsInDomain(props.flags ?? [], xDomain ?? extent(measured)), [props.flags, xDomain, measured]);
  // The markers' layer: state, so the chart re-renders its portal once the element exists.
  const [overlay, setOverlay] = useState<HTMLDivElement | null>(null);
  const chart = (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      {/* Room above the plot for the markers, so they never cover the lines' tops. */}
      <ComposedChart responsive style={{ width: "100%", height: "100%" }} margin={{ top: flags.length ? FLAG_MARKER_PX + 4 : 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          domain={xDomain ?? ["dataMin", "dataMax"]}
          allowDuplicatedCategory={false}
          allowDecimals={false}
          tickFormatter={formatX}
          stroke={COLORS.axis}
          fontSize={11}
        />
        {/* Wide enough for "12.5 Gbit/s" at 11 px: a unit cut off would be as misleading as a wrong one. */}
        {log ? (
          <YAxis scale="log" domain={log.domain} ticks={log.ticks} allowDataOverflow tickFormatter={formatY} stroke={COLORS.axis} fontSize={11} width={76} />
        ) : (
          <YAxis domain={[0, yMax ?? "auto"]} tickFormatter={formatY} stroke={COLORS.axis} fontSize={11} width={76} />
        )}
        <Tooltip
          contentStyle={{ background: "#18181b", border: "1px solid #3f3f46", fontSize: 12 }}
          labelFormatter={(t) => formatX(Number(t))}
          formatter={(v, _name, item) => {
            // The measured value, not the one lifted onto a log axis's floor.
            const shown: unknown = item.payload?.raw ?? v;
            return Array.isArray(shown) ? shown.map((x) => formatValue(Number(x))).join(" – ") : formatValue(Number(shown));
          }}
        />
        {series.map((s) =>
          s.band && s.band.length > 0 ? (
            <Area
              key={`${s.key}-band`}
              data={s.band.map((b) => ({ t: b.t, range: [b.min, b.max], raw: [b.rawMin ?? b.min, b.rawMax ?? b.max] }))}
              dataKey="range"
              name={`${s.name} min–max`}
              stroke="none"
              fill={s.color}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          ) : null,
        )}
        {series.map((s) => (
          <Line
            key={s.key}
            data={s.points}
            dataKey="value"
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={dots ? { r: 3, fill: s.color } : false}
            isAnimationActive={false}
            type="monotone"
          />
        ))}
        {onZoom && <ZoomLayer onZoom={onZoom} />}
        {flags.length > 0 && <FlagLayer flags={flags} overlay={overlay} formatTime={formatFlagTime} />}
      </ComposedChart>
    </div>
  );
  if (!legend && flags.length === 0) return chart;
  return (
    <div>
      <div className="relative">
        {chart}
        {flags.length > 0 && <div ref={setOverlay} className="pointer-events-none absolute inset-0" />}
      </div>
      {legend && <Legend series={series} />}
      {flagList && <FlagList flags={flags} formatTime={formatFlagTime} />}
    </div>
  );
}

// An HTML legend, not recharts' SVG one: host names can be 64 characters without a break
// opportunity, and only text in the page flow can wrap inside a 390 px screen.
function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-300">
      {series.map((s) => (
        <li key={s.key} className="flex min-w-0 max-w-full items-center gap-1.5">
          <span aria-hidden className="inline-block h-0.5 w-3 shrink-0" style={{ background: s.color }} />
          <span className="min-w-0 [overflow-wrap:anywhere]">{s.name}</span>
        </li>
      ))}
    </ul>
  );
}
