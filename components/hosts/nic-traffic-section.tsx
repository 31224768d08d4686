"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { api, type ApiResult } from "@/lib/api-client";
import type { InterfaceTraffic } from "@/lib/domain/traffic";
import { NicTrafficCharts, fullTime } from "./nic-traffic-charts";
import { NicTrafficControls } from "./nic-traffic-controls";
import { readTrafficView, trafficQuery, writeTrafficView, type TrafficView } from "./nic-traffic-view";

type Props = {
  hostId: number;
  /** NICs with counters, in the interfaces table's order. */
  nics: string[];
  defaultNic: string;
  /** First counter sample kept per NIC (ms), for the words under an empty chart. */
  since: Record<string, number>;
  /** Changes with each collection, so "Collect now" redraws the chart. */
  version: string;
};

/** Why a chart has nothing to draw: a range before the NIC's first collection, or a single reading. */
function noData(t: InterfaceTraffic, first: number | undefined): string {
  if (first === undefined) return `No counters for ${t.interface} yet: rates appear after its second collection.`;
  if (first <= Date.parse(t.to) && first >= Date.parse(t.from)) return `No rates for ${t.interface} in this range yet: its counters were first read at ${fullTime(first)}, and rates need a second collection.`;
  return `No counters for ${t.interface} in this range: collections since ${fullTime(first)}.`;
}

/**
 * The traffic charts' state lives in the URL (?nic=&range=&from=&to=): linkable, and back and
 * forward walk through it. Changes go through history.pushState, which Next.js's router follows
 * without rendering the page on the server again; only the chart's data is fetched.
 */
export function NicTrafficSection({ hostId, nics, defaultNic, since, version }: Props) {
  const params = useSearchParams();
  const read = readTrafficView(new URLSearchParams(params.toString()));
  const view = { ...read, nic: read.nic ?? defaultNic };
  const key = `${view.nic}|${trafficQuery(view)}|${version}`;
  const [loaded, setLoaded] = useState<{ key: string; result: ApiResult<InterfaceTraffic> } | null>(null);
  useEffect(() => {
    let current = true;
    const [nic, query] = key.split("|") as [string, string];
    void api.hosts.traffic(hostId, nic, query).then((result) => current && setLoaded({ key, result }));
    return () => {
      current = false;
    };
  }, [hostId, key]);
  const change = (next: TrafficView) => {
    const nic = next.nic === defaultNic && read.nic === null ? null : next.nic;
    window.history.pushState(null, "", `${window.location.pathname}${writeTrafficView(new URLSearchParams(params.toString()), { ...next, nic })}`);
  };
  // The span on screen: the last answer's, or until one arrives a custom one asked for.
  const result = loaded?.result;
  const shown = result?.ok ? { from: Date.parse(result.data.from), to: Date.parse(result.data.to) } : view.from !== null && view.to !== null ? { from: view.from, to: view.to } : null;
  const busy = loaded?.key !== key;
  return (
    <div>
      <NicTrafficControls nics={nics} view={view} shown={shown} onChange={change} />
      <div className="border-t border-zinc-800 p-4" aria-busy={busy}>
        {!result ? (
          <Skeleton className="h-[420px] w-full" />
        ) : !result.ok ? (
          <p role="alert" className="text-sm text-red-300">
            Could not load the traffic of {view.nic}: {result.error.message}
          </p>
        ) : result.data.points.some((p) => p.rx !== null || p.tx !== null) ? (
          <div className={busy ? "opacity-60 transition-opacity" : undefined}>
            <NicTrafficCharts traffic={result.data} onZoom={(from, to) => change({ ...view, from, to })} />
          </div>
        ) : (
          <p className="text-sm text-zinc-400">{noData(result.data, since[result.data.interface])}</p>
        )}
      </div>
    </div>
  );
}
