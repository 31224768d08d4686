import { expect, test } from "vitest";
import { planQueue } from "./queue-policy";

const q = (...pairs: [number, number, number][]) => pairs.map(([id, a, b]) => ({ id, hosts: [a, b] as const }));

test("disjoint pairs start side by side", () => {
  expect(planQueue(q([1, 1, 2], [2, 3, 4]), new Set())).toEqual({ start: [1, 2], positions: new Map() });
});

test("a second run on a busy host waits, first in line", () => {
  expect(planQueue(q([2, 2, 3]), new Set([1, 2]))).toEqual({ start: [], positions: new Map([[2, 1]]) });
});

test("strict order per host: a later run never overtakes an earlier one sharing a host", () => {
  // 1-2 running; queued: 2-3 (waits for host 2), then 3-4 (would be free, but 2-3 is ahead on host 3).
  const plan = planQueue(q([5, 2, 3], [6, 3, 4], [7, 5, 6]), new Set([1, 2]));
  expect(plan.start).toEqual([7]);
  expect(plan.positions).toEqual(new Map([[5, 1], [6, 2]]));
});

test("positions count only the runs ahead that share a host", () => {
  const plan = planQueue(q([1, 1, 2], [2, 1, 3], [3, 2, 4], [4, 1, 2]), new Set());
  expect(plan.start).toEqual([1]);
  expect(plan.positions).toEqual(new Map([[2, 1], [3, 1], [4, 3]]));
});
