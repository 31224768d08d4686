import { describe, expect, test } from "vitest";
import { describeLinkShare, describeParams, flowName, linkShare } from "./format";

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
])("%d bit/s on a %s Mbit/s link: %s", (bps, link, tone) => {
  expect(linkShare(bps, link)).toMatchObject({ kind: "share", tone });
});

test.each([null, 0, -1])("no percentage without a link speed (%s)", (link) => {
  expect(linkShare(287e6, link)).toEqual({ kind: "unknown" });
  expect(describeLinkShare(linkShare(287e6, link)).label).toBe("link speed unknown");
});

describe("a result above the reported link speed", () => {
  // iperf3 between two veth ends in the lab: 13.5 Gbit/s through a NIC that says 10 Gbit/s.
  test("is not a share: the reported speed is nominal", () => {
    expect(linkShare(13.5e9, 10000)).toEqual({ kind: "above", linkMbps: 10000 });
    const d = describeLinkShare(linkShare(13.5e9, 10000));
    expect(d.label).toBe("above reported link (10 Gbit/s)");
    expect(d.explanation).toContain("virtual NICs (veth, virtio, vmxnet3)");
    expect(d.label).not.toContain("%");
  });

  test("exactly the line rate is still 100% of it; a bit more is above", () => {
    expect(describeLinkShare(linkShare(10e9, 10000)).label).toBe("100% of link");
    expect(linkShare(10.01e9, 10000).kind).toBe("above");
  });

  test.each([0.9951e9, 0.999e9, 1e9, 1.001e9, 1.35e9, 40e9])("never more than 100%% printed (%d bit/s on 1G)", (bps) => {
    const printed = /(\d+)%/.exec(describeLinkShare(linkShare(bps, 1000)).label)?.[1];
    expect(Number(printed ?? 0)).toBeLessThanOrEqual(100);
  });
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
