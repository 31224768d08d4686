import { describe, expect, test } from "vitest";
import { decode } from "./codec";

// Stored TEXT columns read back: what an older version, a hand edit or a crash may have left.
describe("decode", () => {
  test("enum columns: known values pass, anything else falls back", () => {
    expect(decode.runStatus("partial")).toBe("partial");
    expect(decode.runStatus("exploded")).toBe("failed");
    expect(decode.platform("esxi")).toBe("esxi");
    expect(decode.platform(null)).toBeNull();
    expect(decode.platform("plan9")).toBeNull();
    expect(decode.configuredPlatform("auto")).toBe("auto");
    expect(decode.findingKind("duplicate-mac")).toBe("duplicate-mac");
    expect(decode.findingKind("from-the-future")).toBeNull();
    expect(decode.iperfDirection("reverse")).toBe("reverse");
  });

  test("JSON columns: valid rows kept, broken text and wrong shapes fall back", () => {
    expect(decode.addresses('["10.0.0.5/24","fe80::1/64"]')).toEqual(["10.0.0.5/24", "fe80::1/64"]);
    expect(decode.addresses("not json")).toEqual([]);
    expect(decode.addresses('{"a":1}')).toEqual([]);
    // one bad element does not hide the others
    expect(decode.addresses('["10.0.0.5/24",5,null]')).toEqual(["10.0.0.5/24"]);
    expect(decode.commands('[{"command":"ip -j link show","ok":true,"durationMs":12},{"command":1}]')).toEqual([
      { command: "ip -j link show", ok: true, durationMs: 12 },
    ]);
    expect(decode.verdictKeys('["iperf-asymmetry:1-4"]')).toEqual(["iperf-asymmetry:1-4"]);
    expect(decode.subject('{"type":"mac","id":"02:00:00:00:00:01","label":"MAC"}', "k")).toEqual({ type: "mac", id: "02:00:00:00:00:01", label: "MAC" });
    expect(decode.subject("{}", "duplicate-mac:x")).toEqual({ type: "host", id: "", label: "duplicate-mac:x" });
    expect(decode.intervals('{"forward":[{"start":0,"end":1,"bitsPerSecond":1e9,"retransmits":0,"jitterMs":null,"lostPercent":null,"omitted":false}]}').forward).toHaveLength(1);
    expect(decode.topology(null)).toBeNull();
    expect(decode.topology('{"kind":"esxi"}')).toEqual({ kind: "esxi" });
  });
});
