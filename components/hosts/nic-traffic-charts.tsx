"use client";

import { useMemo } from "react";
import { ScaleToggle, useYScale } from "@/components/charts/scale-toggle";
import { COLORS, type Series } from "@/components/charts/series";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { formatBitsPerSecond, formatBitsPerSecondTick, formatCount } from "@/components/format";
import type { InterfaceTraffic, TrafficPoint } from "@/lib/domain/traffic";
import { describeSource } from "./nic-traffic-view";

const pad = (n: number) => String(n).padStart(2, "0");
/** UTC, as everywhere in netdiag: server and browser render the same text. */
export const fullTime = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const ERRORS = "#ef4444";
const DROPS = "#a78bfa";

type Key = "rx" | "tx" | "errors" | "drops";
const line = (points: TrafficPoint[], key: Key) => points.flatMap((p) => (p[key] === null ? [] : [{ t: p.t, value: p[key] }]));
const band = (points: TrafficPoint[], min: "rxMin" | "txMin", max: "rxMax" | "txMax") =>
  points.flatMap((p) => (p[min] === null || p[max] === null ? [] : [{ t: p.t, min: p[min], max: p[max] }]));

/** RX and TX of one NIC on one axis (a one-way bottleneck shows as two lines apart), and its errors and drops below. */
export function NicTrafficCharts({ traffic, onZoom }: { traffic: InterfaceTraffic; onZoom: (from: number, to: number) => void }) {
  const nic = traffic.interface;
  const from = Date.parse(traffic.from);
  const to = Date.parse(traffic.to);
  const long = to - from > 2 * 86_400_000;
  const formatX = (t: number) => {
    const d = new Date(t);
    return long ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  // A point that averages several readings carries their min–max band; one 5-minute sample has none.
  const banded = traffic.source !== "samples" || traffic.bucketSeconds > 300;
  const { rates, counts } = useMemo(() => {
    const p = traffic.points;
    const rates: Series[] = [
      { key: "rx", name: `RX (received by ${nic})`, color: COLORS.rx, points: line(p, "rx"), band: banded ? band(p, "rxMin", "rxMax") : undefined },
      { key: "tx", name: `TX (sent by ${nic})`, color: COLORS.tx, points: line(p, "tx"), band: banded ? band(p, "txMin", "txMax") : undefined },
    ];
    const counts: Series[] = [
      { key: "errors", name: "Errors (RX + TX)", color: ERRORS, points: line(p, "errors") },
      { key: "drops", name: "Drops (RX + TX)", color: DROPS, points: line(p, "drops") },
    ];
    return { rates, counts };
  }, [traffic.points, nic, banded]);
  const scale = useYScale(rates);
  const n = rates[0]!.points.length + rates[1]!.points.length;
  const total = (s: Series) => s.points.reduce((sum, x) => sum + x.value, 0);
  const common = { xDomain: [from, to] as [number, number], formatX, flags: traffic.flags, formatFlagTime: fullTime, onZoom, dots: n < 80 };
  return (
    <div className="flex flex-col gap-2">
      <ScaleToggle scale={scale} what="RX and TX" formatFloor={formatBitsPerSecond} />
      <TimeSeriesChart
        {...common}
        label={`RX and TX of ${nic}, bits per second, ${fullTime(from)} to ${fullTime(to)}: ${rates[0]!.points.length} points`}
        series={rates}
        height={260}
        log={scale.log}
        formatY={formatBitsPerSecondTick}
        formatValue={formatBitsPerSecond}
        legend
      />
      <p className="text-xs text-zinc-400">
        From {describeSource(traffic.source, traffic.bucketSeconds)}. Drag across a chart to zoom in.
      </p>
      <TimeSeriesChart
        {...common}
        label={`Errors and drops of ${nic} per point: ${formatCount(total(counts[0]!))} errors, ${formatCount(total(counts[1]!))} drops in this range`}
        series={counts}
        height={130}
        formatY={(v) => formatCount(v)}
        legend
        flagList={false}
      />
    </div>
  );
}
