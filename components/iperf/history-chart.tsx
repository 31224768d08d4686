"use client";

import { useMemo } from "react";
import { ScaleToggle, useYScale } from "@/components/charts/scale-toggle";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { COLORS } from "@/components/charts/series";
import { formatBitsPerSecond, formatBitsPerSecondTick } from "@/components/format";
import type { ChartFlag } from "@/components/charts/flags";
import type { IperfHistory, IperfHistoryFlag } from "@/lib/domain/iperf";

const pad = (n: number) => String(n).padStart(2, "0");
const fullTime = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A verdict's flag opens its finding; a route change opens the run, whose page shows both routes. */
const toChartFlag = (f: IperfHistoryFlag): ChartFlag => ({
  t: f.t,
  kind: f.phase ? `${f.kind}-${f.phase}` : f.kind,
  label: f.label,
  severity: f.severity ?? undefined,
  href: f.findingId !== null ? `/findings/${f.findingId}` : f.kind === "route-change" ? `/iperf/runs/${f.runId}` : undefined,
});

/** TX and RX of one pair over time on one chart (log when they differ >10x); aggregated points carry a min–max band. */
export function HistoryChart({ history, clientName, serverName }: { history: IperfHistory; clientName: string; serverName: string }) {
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  const long = to - from > 2 * 86_400_000;
  // UTC, as everywhere in netdiag: server and browser render the same text.
  const formatX = (t: number) => {
    const d = new Date(t);
    return long ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const series = useMemo(() => {
    const banded = history.bucketMs > 0;
    return [
      { key: "tx", name: `TX ${clientName} → ${serverName}`, color: COLORS.tx, data: history.forward },
      { key: "rx", name: `RX ${serverName} → ${clientName}`, color: COLORS.rx, data: history.reverse },
    ].map((s) => ({
      key: s.key,
      name: s.name,
      color: s.color,
      points: s.data.map((p) => ({ t: p.t, value: p.avg })),
      band: banded ? s.data.map((p) => ({ t: p.t, min: p.min, max: p.max })) : undefined,
    }));
  }, [history, clientName, serverName]);
  const flags = useMemo(() => history.flags.map(toChartFlag), [history.flags]);
  const scale = useYScale(series);
  return (
    <div className="flex flex-col gap-2">
      <ScaleToggle scale={scale} what="the two directions" formatFloor={formatBitsPerSecond} />
      <TimeSeriesChart
        label={`Throughput history ${clientName} ↔ ${serverName}: ${history.forward.length} TX and ${history.reverse.length} RX points`}
        series={series}
        height={300}
        xDomain={[from, to]}
        log={scale.log}
        formatX={formatX}
        formatY={formatBitsPerSecondTick}
        formatValue={formatBitsPerSecond}
        dots={history.forward.length + history.reverse.length < 80}
        legend
        flags={flags}
        formatFlagTime={fullTime}
      />
      {history.flagsOmitted > 0 && <p className="text-xs text-zinc-400">{history.flagsOmitted} earlier events not shown: pick a shorter range to see them.</p>}
    </div>
  );
}
