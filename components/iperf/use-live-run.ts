"use client";

import { useEffect, useState } from "react";
import { openLiveRun } from "@/lib/api-client";
import type { Flow, IntervalPoint, IperfRunDetail, IperfRunView } from "@/lib/domain/iperf";
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
 * Follows a run over Server-Sent Events until it is done (events checked in lib/api-client/live-run.ts).
 * EventSource reconnects by itself; the server then replays the intervals so far, de-duplicated here.
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
    const close = openLiveRun(initial.id, (e) => {
      switch (e.type) {
        case "state":
          return setState((s) => ({ ...s, run: e.run }));
        case "interval":
          return setState((s) => ({ ...s, points: { ...s.points, [e.flow]: add(s.points[e.flow], e.point) } }));
        case "progress": {
          const label = e.phaseCount > 1 ? `Direction ${e.phaseIndex + 1} of ${e.phaseCount}` : e.flow === "both" ? "Both directions at once" : "Measuring";
          return setState((s) => ({ ...s, progress: { elapsedSec: e.elapsedSec, totalSec: e.totalSec, receivedAt: Date.now(), label } }));
        }
        case "done":
          close();
          return setState({ run: e.run, detail: e.run, points: e.run.intervals, progress: null });
      }
    });
    return close;
  }, [active, initial.id]);
  return state;
}
