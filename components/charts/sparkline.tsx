"use client";

import { Line, LineChart, XAxis, YAxis } from "recharts";
import type { Series } from "./series";

/** A tiny trend line without axes; the numbers beside it carry the meaning. */
export function Sparkline({ series, label, width = 120, height = 28 }: { series: Series[]; label: string; width?: number; height?: number }) {
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value)));
  return (
    <div role="img" aria-label={label} style={{ width, height }}>
      <LineChart width={width} height={height} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <XAxis dataKey="t" type="number" hide domain={["dataMin", "dataMax"]} allowDuplicatedCategory={false} />
        <YAxis hide domain={[0, max]} />
        {series.map((s) => (
          <Line key={s.key} data={s.points} dataKey="value" stroke={s.color} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
}
