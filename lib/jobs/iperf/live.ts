import "server-only";
import { singleton } from "@/lib/singleton";
import type { LiveEvent } from "@/lib/domain/iperf";

// In-process fan-out of a running test's events to SSE subscribers, with a replay buffer so
// a page opened (or reloaded) mid-test draws the chart from the start. One per process
// (lib/singleton.ts): Next may load this module more than once (instrumentation vs. route bundles, dev reloads).

type Listener = (e: LiveEvent) => void;
type Hub = {
  listeners: Map<number, Set<Listener>>;
  intervals: Map<number, LiveEvent[]>;
  progress: Map<number, LiveEvent>;
};

const hub = singleton<Hub>("iperf-live", () => ({
  listeners: new Map(),
  intervals: new Map(),
  progress: new Map(),
}));

export function publish(runId: number, e: LiveEvent): void {
  if (e.type === "interval") {
    const list = hub.intervals.get(runId) ?? [];
    list.push(e);
    hub.intervals.set(runId, list);
  } else if (e.type === "progress") {
    hub.progress.set(runId, e);
  }
  for (const l of hub.listeners.get(runId) ?? []) {
    try {
      l(e);
    } catch {
      // a subscriber that throws (closed stream) must not stop the others
    }
  }
  if (e.type === "done") {
    hub.intervals.delete(runId);
    hub.progress.delete(runId);
  }
}

/** What a subscriber joining now has missed (intervals so far, latest progress). */
export function replay(runId: number): LiveEvent[] {
  const p = hub.progress.get(runId);
  return [...(hub.intervals.get(runId) ?? []), ...(p ? [p] : [])];
}

export function subscribe(runId: number, l: Listener): () => void {
  const set = hub.listeners.get(runId) ?? new Set<Listener>();
  set.add(l);
  hub.listeners.set(runId, set);
  return () => {
    set.delete(l);
    if (set.size === 0) hub.listeners.delete(runId);
  };
}
