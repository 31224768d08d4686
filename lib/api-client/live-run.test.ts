import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { LiveEvent } from "@/lib/domain/iperf";
import { openLiveRun, parseLiveEvent, type EventStream } from "./live-run";
import { intervalPoint, iperfRun, iperfRunDetail } from "./test-fixtures";

const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
beforeEach(() => warn.mockClear());
afterEach(() => vi.clearAllMocks());

const valid: LiveEvent[] = [
  { type: "state", run: { ...iperfRun, status: "queued", position: 2 } },
  { type: "progress", flow: "both", elapsedSec: 3.2, totalSec: 11, phaseIndex: 0, phaseCount: 1 },
  { type: "interval", flow: "forward", point: intervalPoint },
  { type: "done", run: iperfRunDetail },
];

test.each(valid)("a valid $type event passes", (event) => {
  expect(parseLiveEvent(event.type, JSON.stringify(event))).toEqual(event);
  expect(warn).not.toHaveBeenCalled();
});

test.each([
  ["a point of the wrong shape", "interval", { type: "interval", flow: "forward", point: { ...intervalPoint, bitsPerSecond: "98 Mbit/s" } }],
  ["an unknown flow", "progress", { type: "progress", flow: "sideways", elapsedSec: 1, totalSec: 10, phaseIndex: 0, phaseCount: 1 }],
  ["a done run without intervals", "done", { type: "done", run: iperfRun }],
  ["data of another event type", "state", { type: "done", run: iperfRunDetail }],
  ["data that is not JSON", "state", "{not json"],
] as const)("an event with %s is dropped with a warning", (_what, type, data) => {
  expect(parseLiveEvent(type, typeof data === "string" ? data : JSON.stringify(data))).toBeNull();
  expect(warn).toHaveBeenCalledOnce();
  expect(warn.mock.calls[0]?.[0]).toContain(`ignored a "${type}" event`);
});

function fakeStream() {
  const listeners = new Map<string, (m: { data: unknown }) => void>();
  const stream: EventStream & { url?: string; closed: boolean } = {
    closed: false,
    addEventListener: (type, listener) => listeners.set(type, listener),
    close: () => {
      stream.closed = true;
    },
  };
  const emit = (type: string, data: unknown) => listeners.get(type)?.({ data: JSON.stringify(data) });
  return { stream, emit };
}

test("openLiveRun follows the run's stream, passes valid events on and drops invalid ones", () => {
  const { stream, emit } = fakeStream();
  const seen: LiveEvent[] = [];
  const close = openLiveRun(9, (e) => seen.push(e), (url) => Object.assign(stream, { url }));
  expect(stream.url).toBe("/api/iperf/runs/9/events");

  emit("interval", { type: "interval", flow: "reverse", point: { ...intervalPoint, omitted: "no" } });
  emit("interval", { type: "interval", flow: "forward", point: intervalPoint });
  emit("done", { type: "done", run: iperfRunDetail });

  expect(seen).toEqual([
    { type: "interval", flow: "forward", point: intervalPoint },
    { type: "done", run: iperfRunDetail },
  ]);
  expect(warn).toHaveBeenCalledOnce();
  close();
  expect(stream.closed).toBe(true);
});
