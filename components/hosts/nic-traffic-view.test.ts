import { describe, expect, test } from "vitest";
import { describeSource, fromInputValue, readTrafficView, toInputValue, trafficQuery, writeTrafficView, type TrafficView } from "./nic-traffic-view";

const sp = (q: string) => new URLSearchParams(q);
const at = (iso: string) => Date.parse(iso);

describe("readTrafficView", () => {
  test.each<[string, TrafficView]>([
    ["", { nic: null, range: "24h", from: null, to: null }],
    ["nic=eth0&range=7d", { nic: "eth0", range: "7d", from: null, to: null }],
    ["nic=Ethernet%202&range=1y", { nic: "Ethernet 2", range: "1y", from: null, to: null }],
    ["range=7d&from=2026-12-01T10:05Z&to=2026-12-02T00:00Z", { nic: null, range: "7d", from: at("2026-12-01T10:05Z"), to: at("2026-12-02T00:00Z") }],
    ["from=1764583500000&to=1764633600000", { nic: null, range: "24h", from: 1764583500000, to: 1764633600000 }],
  ])("%s", (q, view) => {
    expect(readTrafficView(sp(q))).toEqual(view);
  });

  test.each([
    ["an unknown range", "range=2w"],
    ["from after to", "from=2026-12-02T00:00Z&to=2026-12-01T00:00Z"],
    ["from without to", "from=2026-12-02T00:00Z"],
    ["a time that is not one", "from=yesterday&to=2026-12-01T00:00Z"],
  ])("%s falls back to the default view", (_why, q) => {
    expect(readTrafficView(sp(q))).toMatchObject({ range: "24h", from: null, to: null });
  });
});

describe("writeTrafficView", () => {
  test("defaults are left out and other parameters kept", () => {
    expect(writeTrafficView(sp("tab=x&nic=eth1"), { nic: null, range: "24h", from: null, to: null })).toBe("?tab=x");
    expect(writeTrafficView(sp(""), { nic: null, range: "24h", from: null, to: null })).toBe("");
  });

  test("a zoom keeps its range, in minutes", () => {
    const q = writeTrafficView(sp(""), { nic: "eth0", range: "7d", from: at("2026-12-01T10:05Z"), to: at("2026-12-02T00:00Z") });
    expect(q).toBe("?nic=eth0&range=7d&from=2026-12-01T10%3A05Z&to=2026-12-02T00%3A00Z");
  });

  test("round-trips through readTrafficView", () => {
    const v: TrafficView = { nic: "br-1a2b", range: "30d", from: at("2026-11-01T00:00Z"), to: at("2026-11-03T12:30Z") };
    expect(readTrafficView(sp(writeTrafficView(sp(""), v)))).toEqual(v);
  });
});

test("trafficQuery: the named range, or from/to in epoch ms", () => {
  expect(trafficQuery({ nic: "eth0", range: "30d", from: null, to: null })).toBe("range=30d");
  expect(trafficQuery({ nic: "eth0", range: "30d", from: 1000, to: 2000 })).toBe("from=1000&to=2000");
});

test("datetime-local values are UTC minutes", () => {
  expect(toInputValue(at("2026-12-05T10:05:59Z"))).toBe("2026-12-05T10:05");
  expect(fromInputValue("2026-12-05T10:05")).toBe(at("2026-12-05T10:05Z"));
  expect(fromInputValue("")).toBeNull();
  expect(fromInputValue("2026-13-45T99:00")).toBeNull();
});

test.each([
  ["samples", 300, "5-minute samples"],
  ["samples", 1500, "5-minute samples, averaged per 25 min with min–max"],
  ["hour", 3600, "hourly averages with min–max"],
  ["hour", 7200, "hourly averages, averaged per 2 h with min–max"],
  ["day", 86_400, "daily averages with min–max"],
] as const)("describeSource(%s, %i)", (source, bucket, text) => {
  expect(describeSource(source, bucket)).toBe(text);
});
