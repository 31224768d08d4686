"use client";

import { useMemo } from "react";
import { ScaleToggle, useYScale } from "@/components/charts/scale-toggle";
import { formatBitsPerSecond } from "@/components/format";
import { SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import type { IperfRunDetail } from "@/lib/domain/iperf";
import { CancelRunButton } from "./cancel-run-button";
import { FlowPanel } from "./flow-panel";
import { describeParams, measuredFlows } from "./format";
import { RunDetails } from "./run-details";
import { RunProgress } from "./run-progress";
import { IperfStatusBadge } from "./status-badge";
import { useLiveRun } from "./use-live-run";
import { VerdictList } from "./verdict-list";

/** A run, live while it runs: both directions side by side, then the verdicts and details. */
export function RunView({ initial }: { initial: IperfRunDetail }) {
  const { run, detail, points, progress } = useLiveRun(initial);
  const active = run.status === "queued" || run.status === "running";
  const flows = measuredFlows(run);
  const peak = Math.max(1, ...flows.flatMap((f) => [...points[f].map((p) => p.bitsPerSecond), run[f]?.bitsPerSecond ?? 0]));
  // One y axis for both panels, so their heights compare; log once the second direction is >10x off.
  const scale = useYScale(useMemo(() => flows.map((f) => ({ key: f, name: f, color: "", points: points[f].map((p) => ({ t: p.end, value: p.bitsPerSecond })) })), [flows, points]));
  return (
    <div className="flex flex-col gap-4">
      <SectionCard
        id="result"
        title="Throughput"
        meta={describeParams(run)}
        explain={<Explain term="iperf" />}
        actions={
          <>
            <IperfStatusBadge status={run.status} position={run.position} />
            {active && <CancelRunButton runId={run.id} />}
          </>
        }
      >
        <div className="flex flex-col gap-3 p-4">
          {run.status === "queued" && (
            <p role="status" className="text-sm text-zinc-300">
              {run.position
                ? `Waiting for ${run.clientHostName} and ${run.serverHostName} to be free (position ${run.position} in line): a host takes part in one test at a time.`
                : `Queued: the netdiag process that reaches ${run.clientHostName} and ${run.serverHostName} (their site's collector, when the site has one) starts it once both are free.`}
            </p>
          )}
          {run.status === "running" && progress && <RunProgress progress={progress} />}
          {run.error && (
            <p role="alert" className="rounded border border-red-500/40 bg-red-950/30 px-3 py-2 text-sm text-red-200">
              {run.error}
            </p>
          )}
          <ScaleToggle scale={scale} what="the two directions" formatFloor={formatBitsPerSecond} />
          <div className={`grid grid-cols-1 gap-3 ${flows.length > 1 ? "lg:grid-cols-2" : ""}`}>
            {flows.map((f) => (
              <FlowPanel key={f} run={run} flow={f} protocol={run.protocol} result={run[f]} points={points[f]} yMax={peak * 1.1} log={scale.log} durationSec={run.durationSec} live={active} />
            ))}
          </div>
        </div>
      </SectionCard>
      {detail && (
        <SectionCard id="verdicts" title="Verdicts" meta={detail.findings.length > 0 ? `${detail.findings.length}` : undefined}>
          <VerdictList findings={detail.findings} emptyText={detail.status === "done" ? "Nothing wrong: the directions agree and the link delivers." : "No verdict: the test did not finish."} />
        </SectionCard>
      )}
      <SectionCard id="details" title="Details" explain={<Explain term="path" />}>
        <RunDetails run={run} />
      </SectionCard>
    </div>
  );
}
