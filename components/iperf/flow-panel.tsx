import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { LogAxis } from "@/components/charts/scale";
import { COLORS } from "@/components/charts/series";
import { formatBitsPerSecond, formatBitsPerSecondTick, formatBytes } from "@/components/format";
import type { Flow, FlowResult, IntervalPoint, IperfProtocol, IperfRunView } from "@/lib/domain/iperf";
import { flowName, flowRole, secondsAxis } from "./format";

type Props = {
  run: Pick<IperfRunView, "clientHostName" | "serverHostName">;
  flow: Flow;
  protocol: IperfProtocol;
  result: FlowResult | null;
  points: IntervalPoint[];
  yMax: number;
  /** The run's shared log axis, when its directions differ >10x (see RunView). */
  log: LogAxis | null;
  /** Seconds measured (after the omitted ones): the x axis spans the whole test from the start. */
  durationSec: number;
  live: boolean;
};

const pct = (v: number | null) => (v === null ? "—" : `${Number(v.toFixed(v < 10 ? 1 : 0))}%`);

/** One direction: its figure, the details iperf3 reported, and its per-second chart. */
export function FlowPanel({ run, flow, protocol, result, points, yMax, log, durationSec, live }: Props) {
  const name = flowName(run, flow);
  const last = points.at(-1);
  const headline = result?.bitsPerSecond ?? (live ? last?.bitsPerSecond : undefined) ?? null;
  const headingId = `flow-${flow}-heading`;
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2 rounded-md border border-zinc-800 bg-zinc-950/40 p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <h3 id={headingId} className="min-w-0 break-words text-sm font-semibold text-zinc-100">
          {name} <span className="font-normal text-zinc-400">· {flowRole(flow)}</span>
        </h3>
        <p className="text-2xl font-semibold tabular-nums" style={{ color: flow === "forward" ? COLORS.tx : COLORS.rx }} aria-label={`${name} throughput`}>
          {formatBitsPerSecond(headline)}
        </p>
      </div>
      {result ? (
        <dl className="grid grid-cols-3 gap-x-3 gap-y-1 text-xs">
          <Stat label="Received" value={formatBitsPerSecond(result.bitsPerSecond)} />
          <Stat label="Sent" value={formatBitsPerSecond(result.sentBitsPerSecond)} />
          <Stat label="Transferred" value={formatBytes(result.bytes)} />
          {protocol === "tcp" ? <Stat label="Retransmits" value={result.retransmits === null ? "not reported" : String(result.retransmits)} /> : <Stat label="Jitter" value={result.jitterMs === null ? "—" : `${result.jitterMs.toFixed(3)} ms`} />}
          {protocol === "udp" && <Stat label="Lost" value={pct(result.lostPercent)} />}
          <Stat label="CPU client / server" value={`${pct(result.cpuClientPercent)} / ${pct(result.cpuServerPercent)}`} />
        </dl>
      ) : (
        <p className="text-xs text-zinc-400" role="status">
          {live ? `${points.length} interval${points.length === 1 ? "" : "s"} so far${last ? `, last ${formatBitsPerSecond(last.bitsPerSecond)}` : ""}` : "Not measured"}
        </p>
      )}
      <TimeSeriesChart
        label={`${name}: throughput per second`}
        height={180}
        series={[{ key: flow, name, color: flow === "forward" ? COLORS.tx : COLORS.rx, points: points.map((p) => ({ t: p.end, value: p.bitsPerSecond })) }]}
        yMax={yMax}
        log={log}
        xDomain={[0, durationSec]}
        formatX={secondsAxis}
        formatY={formatBitsPerSecondTick}
        formatValue={formatBitsPerSecond}
      />
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-400">{label}</dt>
      <dd className="tabular-nums text-zinc-200">{value}</dd>
    </div>
  );
}
