import { expect, test } from "vitest";
import { describeParams, flowName, linkShare } from "./format";

test("flow names say who sends", () => {
  const run = { clientHostName: "h1", serverHostName: "h4" };
  expect(flowName(run, "forward")).toBe("h1 → h4");
  expect(flowName(run, "reverse")).toBe("h4 → h1");
});

test.each([
  [9.4e9, 10000, "good"],
  [941e6, 1000, "good"],
  [500e6, 1000, "fair"],
  [287e6, 10000, "poor"],
  [287e6, null, "unknown"],
  [287e6, 0, "unknown"],
])("%d bit/s on a %s Mbit/s link: %s", (bps, link, tone) => {
  expect(linkShare(bps, link).tone).toBe(tone);
});

test("parameters in words", () => {
  expect(describeParams({ protocol: "udp", durationSec: 10, parallel: 4, direction: "both", omitSec: 1, bitrateMbps: 500, simultaneous: false })).toBe(
    "UDP · 10 s · 4 streams · both directions · target 500 Mbit/s · first 1 s omitted",
  );
});

test("a target bitrate in Mbit/s is written with the prefix it needs", () => {
  const run = { protocol: "tcp", durationSec: 10, parallel: 1, direction: "forward", omitSec: 0, simultaneous: false } as const;
  expect(describeParams({ ...run, bitrateMbps: 2500 })).toBe("TCP · 10 s · 1 stream · forward only · target 2.5 Gbit/s");
  expect(describeParams({ ...run, bitrateMbps: 0.5 })).toBe("TCP · 10 s · 1 stream · forward only · target 500 kbit/s");
});
