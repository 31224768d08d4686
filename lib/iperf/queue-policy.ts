// Pure: which queued runs may start now. A host takes part in one test at a time, and runs
// start in the order they were queued per host: a later run never overtakes an earlier one
// that shares a host with it (or a busy pair would starve). Runs on disjoint pairs go ahead
// side by side.

export type QueueEntry = { id: number; hosts: readonly [number, number] };

export type QueuePlan = {
  /** Start these now, in this order. */
  start: number[];
  /** For the ones left waiting: 1 = next for its hosts. */
  positions: Map<number, number>;
};

export function planQueue(queue: readonly QueueEntry[], busyHosts: ReadonlySet<number>): QueuePlan {
  const claimed = new Set(busyHosts);
  const start: number[] = [];
  const positions = new Map<number, number>();
  const waiting: QueueEntry[] = [];
  for (const e of queue) {
    const [a, b] = e.hosts;
    if (!claimed.has(a) && !claimed.has(b)) {
      start.push(e.id);
    } else {
      const ahead = waiting.filter((w) => w.hosts.includes(a) || w.hosts.includes(b)).length;
      positions.set(e.id, ahead + 1);
      waiting.push(e);
    }
    claimed.add(a);
    claimed.add(b);
  }
  return { start, positions };
}
