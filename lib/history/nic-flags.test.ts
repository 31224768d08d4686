import { describe, expect, test } from "vitest";
import { nicFlags } from "./nic-flags";

const T = Date.parse("2026-12-05T10:00:00Z");
const MIN = 60_000;

describe("nicFlags", () => {
  test("an MTU change, the finding it caused and its resolution, in time order, the findings linked", () => {
    const flags = nicFlags(
      "eth1",
      T - 60 * MIN,
      T + 600 * MIN,
      [{ at: T, kind: "mtu", before: "1500", after: "9000" }],
      [{ id: 7, title: "MTU mismatch on 10.0.3.0/24", severity: "warning", openedAt: T + 5 * MIN, resolvedAt: T + 300 * MIN }],
      [],
    );
    expect(flags.map((f) => [f.t - T, f.label, f.href ?? null])).toEqual([
      [0, "eth1: MTU 1500 → 9000", null],
      [5 * MIN, "Found: MTU mismatch on 10.0.3.0/24", "/findings/7"],
      [300 * MIN, "Resolved: MTU mismatch on 10.0.3.0/24", "/findings/7"],
    ]);
  });
  test("an outage of failed collections is one flag; a failure hours later is another", () => {
    const fail = (m: number) => ({ at: T + m * MIN, errorCode: "connect", error: "connection refused" });
    const flags = nicFlags("eth0", T - MIN, T + 1000 * MIN, [], [], [fail(0), fail(5), fail(10), fail(600)]);
    expect(flags.map((f) => f.label)).toEqual(["Collection failed 3 times in a row: connection refused", "Collection failed: connection refused"]);
  });
  test("events outside the range are left out; link speed in words", () => {
    const flags = nicFlags("eth0", T, T + 10 * MIN, [
      { at: T - MIN, kind: "mtu", before: "1500", after: "9000" },
      { at: T + MIN, kind: "speed", before: "1000", after: "100" },
    ], [], []);
    expect(flags.map((f) => f.label)).toEqual(["eth0: link speed 1 Gbit/s → 100 Mbit/s"]);
  });
});
