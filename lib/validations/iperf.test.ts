import { describe, expect, test } from "vitest";
import { ValidationError } from "@/lib/errors";
import { parseHistoryQuery, parseRunInput, parseRunListQuery, parseScheduleInput } from "./iperf";

const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.fields;
    throw e;
  }
  throw new Error("no error");
};

describe("POST /api/iperf/runs body", () => {
  test("defaults: 10 s, 1 stream, TCP, both directions, 1 s omitted", () => {
    expect(parseRunInput({ clientHostId: 1, serverHostId: 2 })).toEqual({
      clientHostId: 1,
      serverHostId: 2,
      serverAddress: undefined,
      durationSec: 10,
      parallel: 1,
      protocol: "tcp",
      bitrateMbps: undefined,
      direction: "both",
      omitSec: 1,
      simultaneous: false,
    });
  });

  test("the server address is an IP literal, stored canonical; empty or null means 'choose'", () => {
    expect(parseRunInput({ clientHostId: 1, serverHostId: 2, serverAddress: " FD00::1 " }).serverAddress).toBe("fd00::1");
    expect(parseRunInput({ clientHostId: 1, serverHostId: 2, serverAddress: "" }).serverAddress).toBeUndefined();
    expect(parseRunInput({ clientHostId: 1, serverHostId: 2, serverAddress: null }).serverAddress).toBeUndefined();
  });

  test.each([
    [{ serverAddress: "10.0.0.1; reboot" }, "serverAddress"],
    [{ serverAddress: "nas.lan" }, "serverAddress"],
    [{ serverAddress: "fe80::1%eth0" }, "serverAddress"],
    [{ durationSec: 61 }, "durationSec"],
    [{ durationSec: 0 }, "durationSec"],
    [{ durationSec: "10" }, "durationSec"],
    [{ parallel: 17 }, "parallel"],
    [{ parallel: 2.5 }, "parallel"],
    [{ protocol: "udp" }, "bitrateMbps"],
    [{ protocol: "sctp" }, "protocol"],
    [{ bitrateMbps: -5 }, "bitrateMbps"],
    [{ direction: "sideways" }, "direction"],
    [{ serverHostId: 1 }, "serverHostId"],
    [{ extra: 1 }, "extra"],
  ])("refused: %j", (over, field) => {
    expect(fields(() => parseRunInput({ clientHostId: 1, serverHostId: 2, ...over }))).toHaveProperty(field);
  });

  test("UDP with a target bitrate", () => {
    expect(parseRunInput({ clientHostId: 1, serverHostId: 2, protocol: "udp", bitrateMbps: 500 })).toMatchObject({ protocol: "udp", bitrateMbps: 500 });
  });
});

describe("schedules and query strings", () => {
  test("a schedule needs an interval of at least 5 minutes", () => {
    expect(fields(() => parseScheduleInput({ clientHostId: 1, serverHostId: 2, intervalMinutes: 1 }))).toHaveProperty("intervalMinutes");
    expect(parseScheduleInput({ clientHostId: 1, serverHostId: 2, intervalMinutes: 360 })).toMatchObject({ intervalMinutes: 360, enabled: true, durationSec: 10 });
  });

  test("run list filters", () => {
    const q = parseRunListQuery(new URLSearchParams("client=1&server=2&status=done,failed&from=2026-01-01T00:00:00Z&limit=10"));
    expect(q).toMatchObject({ clientHostId: 1, serverHostId: 2, status: ["done", "failed"], limit: 10 });
    expect(q.from?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(fields(() => parseRunListQuery(new URLSearchParams("status=weird")))).toHaveProperty("status");
  });

  test("history: both hosts required, 7 days by default, from before to", () => {
    const now = new Date("2026-11-22T12:00:00Z");
    expect(parseHistoryQuery(new URLSearchParams("client=1&server=2"), now)).toEqual({ clientHostId: 1, serverHostId: 2, from: new Date("2026-11-15T12:00:00Z"), to: now });
    expect(fields(() => parseHistoryQuery(new URLSearchParams("client=1"), now))).toHaveProperty("server");
    expect(fields(() => parseHistoryQuery(new URLSearchParams("client=1&server=2&from=2026-12-01T00:00:00Z"), now))).toHaveProperty("from");
  });
});
