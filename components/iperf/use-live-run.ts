"use client";

import { useEffect, useState } from "react";
import type { Flow, IntervalPoint, IperfRunDetail, IperfRunView, LiveEvent } from "@/lib/domain/iperf";
import type { Progress } from "./run-progress";

const FINAL = new Set(["done", "failed", "cancelled"]);

export type LiveRun = {
  run: IperfRunView;
  detail: IperfRunDetail | null;
  points: Record<Flow, IntervalPoint[]>;
  progress: Progress | null;
};

const add = (list: IntervalPoint[], p: IntervalPoint) => (list.some((x) => x.start === p.start && x.end === p.end) ? list : [...list, p]);

/**
 * Follows a run over Server-Sent Events until it is done. EventSource reconnects by itself;
 * the server then replays the intervals so far, which are de-duplicated here.
 */
export function useLiveRun(initial: IperfRunDetail): LiveRun {
  const [state, setState] = useState<LiveRun>(() => ({
    run: initial,
    detail: FINAL.has(initial.status) ? initial : null,
    points: FINAL.has(initial.status) ? initial.intervals : { forward: [], reverse: [] },
    progress: null,
  }));
  const active = !FINAL.has(initial.status);
  useEffect(() => {
    if (!active) return;
    const es = new EventSource(`/api/iperf/runs/${initial.id}/events`);
    const on = (type: LiveEvent["type"], fn: (e: LiveEvent) => void) => es.addEventListener(type, (m) => fn(JSON.parse((m as MessageEvent<string>).data) as LiveEvent));
    on("state", (e) => e.type === "state" && setState((s) => ({ ...s, run: e.run })));
    on("interval", (e) => e.type === "interval" && setState((s) => ({ ...s, points: { ...s.points, [e.flow]: add(s.points[e.flow], e.point) } })));
    on("progress", (e) => {
      if (e.type !== "progress") return;
      const label = e.phaseCount > 1 ? `Direction ${e.phaseIndex + 1} of ${e.phaseCount}` : e.flow === "both" ? "Both directions at once" : "Measuring";
      setState((s) => ({ ...s, progress: { elapsedSec: e.elapsedSec, totalSec: e.totalSec, receivedAt: Date.now(), label } }));
    });
    on("done", (e) => {
      if (e.type !== "done") return;
      es.close();
      setState({ run: e.run, detail: e.run, points: e.run.intervals, progress: null });
    });
    return () => es.close();
  }, [active, initial.id]);
  return state;
}
