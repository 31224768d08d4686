import { describe, expect, test } from "vitest";
import { classifyIperfError } from "./errors";
import { liveFromText, parseTextInterval, type TextInterval } from "./server-text";
import { parseIperfJson, parseJsonStreamLine, streamEventIntervals } from "./parse";
import { parseIperfVersion, supportsBidir, supportsJsonStream } from "./version";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { readOwn } from "./test-fixtures";

const mbps = (v: number | null | undefined) => (v == null ? null : Math.round(v / 1e5) / 10);

describe("iperf3 -J from the lab (iperf 3.12, Debian 12)", () => {
  test("TCP to the shaped host: forward only, receiver and sender figures, CPU on both ends, 1 omitted + 3 intervals", () => {
    const r = parseIperfJson(readOwn("tcp-forward-shaped-h1-to-h4.client.json"));
    expect(r).toMatchObject({ format: "json", version: "3.12", protocol: "tcp", reverse: false, bidir: false, streams: 1, durationSec: 3, omitSec: 1, tcpMssBytes: 1448, error: null, complete: true, truncated: false, skipped: [] });
    expect(r.connected).toEqual({ localHost: "10.219.1.11", localPort: expect.any(Number), remoteHost: "10.219.1.14", remotePort: 5201 });
    expect(r.flows.reverse).toBeNull();
    expect(mbps(r.flows.forward?.bitsPerSecond)).toBe(9226.8);
    expect(mbps(r.flows.forward?.sentBitsPerSecond)).toBe(9226.4);
    expect(r.flows.forward).toMatchObject({ retransmits: expect.any(Number), jitterMs: null, lostPercent: null });
    expect(r.flows.forward?.bytes).toBeGreaterThan(3e9);
    expect(r.cpu.localPercent).toBeGreaterThan(0);
    expect(r.cpu.remotePercent).toBeGreaterThan(0);
    expect(r.intervals.forward.map((p) => p.omitted)).toEqual([true, false, false, false]);
    expect(r.intervals.reverse).toEqual([]);
  });

  test("-R from the shaped host: the flow is 'reverse' (server -> client), ~287 Mbit/s, retransmits are the server's", () => {
    const r = parseIperfJson(readOwn("tcp-reverse-shaped-h4-to-h1.client.json"));
    expect(r).toMatchObject({ reverse: true, bidir: false, error: null, complete: true });
    expect(r.flows.forward).toBeNull();
    expect(mbps(r.flows.reverse?.bitsPerSecond)).toBe(287);
    expect(mbps(r.flows.reverse?.sentBitsPerSecond)).toBe(287.5);
    expect(r.flows.reverse?.retransmits).toEqual(expect.any(Number));
    expect(r.intervals.reverse.filter((p) => !p.omitted)).toHaveLength(3);
  });

  test("4 parallel streams: the sums, not a stream", () => {
    const r = parseIperfJson(readOwn("tcp-forward-p4-h1-to-h2.client.json"));
    expect(r.streams).toBe(4);
    expect(mbps(r.flows.forward?.bitsPerSecond)).toBe(11453.5);
    expect(r.intervals.forward[0]?.bitsPerSecond).toBeGreaterThan(5e9);
  });

  test("UDP forward: the receiver's rate (195.9 of 199.9 Mbit/s sent), jitter and loss from the receiver, no retransmits", () => {
    const r = parseIperfJson(readOwn("udp-forward-h1-to-h2.client.json"));
    expect(r.protocol).toBe("udp");
    expect(r.flows.forward).toMatchObject({ retransmits: null, lostPackets: 615, packets: 34516 });
    expect(mbps(r.flows.forward?.bitsPerSecond)).toBe(195.9);
    expect(mbps(r.flows.forward?.sentBitsPerSecond)).toBe(199.9);
    expect(r.flows.forward?.jitterMs).toBeCloseTo(0.0153, 3);
    expect(r.flows.forward?.lostPercent).toBeCloseTo(1.78, 2);
  });

  test("UDP -R from the shaped host at 500M: 12% lost at the tbf", () => {
    const r = parseIperfJson(readOwn("udp-reverse-h1-from-h4.client.json"));
    expect(r.flows.reverse?.lostPercent).toBeCloseTo(11.93, 2);
    expect(mbps(r.flows.reverse?.bitsPerSecond)).toBe(257.4);
  });

  test("--bidir -P 2: both flows from one report, intervals per flow", () => {
    const r = parseIperfJson(readOwn("tcp-bidir-p2-h1-h4.client.json"));
    expect(r).toMatchObject({ bidir: true, reverse: false, streams: 2 });
    expect(mbps(r.flows.forward?.bitsPerSecond)).toBe(1078.2);
    expect(mbps(r.flows.reverse?.bitsPerSecond)).toBe(286.8);
    expect(r.intervals.forward).toHaveLength(r.intervals.reverse.length);
    expect(r.intervals.reverse[0]?.bitsPerSecond).toBeLessThan(4e8);
  });

  test("a client killed with SIGTERM: the 'netdiag-pid' line is skipped, the partial end and the interrupt error both kept", () => {
    const r = parseIperfJson(readOwn("tcp-killed-client-h1-to-h2.client.json"));
    expect(r.error).toBe("interrupt - the client has terminated");
    expect(r.complete).toBe(true);
    expect(r.flows.forward?.sentBitsPerSecond).toBeGreaterThan(1e9);
    expect(r.skipped).toEqual([{ line: expect.stringMatching(/^netdiag-pid \d+$/), reason: "before the JSON report" }]);
  });

  test.each([
    ["error-refused.client.json", "unable to connect to server: Connection refused", "refused"],
    ["error-no-answer.client.json", "unable to connect to server: Connection timed out", "filtered"],
  ])("%s: error, nothing measured", (file, error, code) => {
    const r = parseIperfJson(readOwn(file));
    expect(r).toMatchObject({ error, complete: false, flows: { forward: null, reverse: null } });
    expect(classifyIperfError(error)).toBe(code);
  });

  test("a report cut anywhere never throws and never invents a number", () => {
    const full = readOwn("tcp-forward-shaped-h1-to-h4.client.json");
    const final = parseIperfJson(full).flows.forward?.bitsPerSecond;
    for (let cut = 0; cut < full.length; cut += 97) {
      const r = parseIperfJson(full.slice(0, cut));
      const bps = r.flows.forward?.bitsPerSecond;
      if (bps != null) expect(bps).toBe(final);
      for (const p of r.intervals.forward) expect(p.bitsPerSecond).toBeGreaterThan(1e8);
    }
  });

  test("cut mid-interval: the complete intervals are kept and the report is marked truncated", () => {
    const full = readOwn("tcp-forward-shaped-h1-to-h4.client.json");
    const at = full.indexOf('"bits_per_second"', full.indexOf('"intervals"') + 2000);
    const r = parseIperfJson(full.slice(0, at + 25));
    expect(r.truncated).toBe(true);
    expect(r.complete).toBe(false);
    expect(r.intervals.forward.length).toBeGreaterThanOrEqual(1);
    expect(r.skipped.at(-1)?.reason).toMatch(/cut short/);
  });
});

describe("iperf captures from public sources (tests/fixtures)", () => {
  test("Linux 3.9 with -O 3: omitted intervals flagged, receiver figure from sum_received", () => {
    const r = parseIperfJson(readCapture("iperf3/iperf3-J-tcp-linux-omit3__cloudpilot.txt"));
    expect(r).toMatchObject({ version: "3.9", protocol: "tcp", omitSec: 3, durationSec: 10, error: null, complete: true, truncated: false });
    expect(r.flows.forward?.bitsPerSecond).toBeCloseTo(464786288.6, 0);
    expect(r.flows.forward?.sentBitsPerSecond).toBeCloseTo(464521026.08, 0);
    expect(r.flows.forward?.retransmits).toBe(0);
    expect(r.intervals.forward.filter((p) => p.omitted)).toHaveLength(3);
    expect(r.cpu.remotePercent).toBeCloseTo(0.0325, 3);
  });

  test("macOS 3.14 sender: no retransmits reported (null, not 0), no trailing newline", () => {
    const r = parseIperfJson(readCapture("iperf3/iperf3-J-tcp-macos__oxide-opte-sender.txt"));
    expect(r).toMatchObject({ version: "3.14", bidir: false, reverse: false, complete: true, skipped: [] });
    expect(r.flows.forward?.retransmits).toBeNull();
    expect(r.flows.forward?.bitsPerSecond).toBeCloseTo(204737447.44, 0);
    expect(r.intervals.forward).toHaveLength(10);
  });

  test("^C before the JSON, CRLF endings, error beside a populated end: both the error and the numbers", () => {
    const r = parseIperfJson(readCapture("iperf3/iperf3-J-tcp-interrupted-with-end-and-error__cloudpilot.txt"));
    expect(r.error).toBe("interrupt - the client has terminated");
    expect(r.skipped).toEqual([{ line: "^C", reason: "before the JSON report" }]);
    expect(r.flows.forward?.sentBitsPerSecond).toBeCloseTo(160287232.33, 0);
    expect(r.flows.forward?.bitsPerSecond).toBe(0);
    // 10 one-second intervals; the 0.44 s tail after the interrupt is not a point.
    expect(r.intervals.forward).toHaveLength(10);
    expect(r.cpu.localPercent).toBeCloseTo(4.058, 3);
  });

  test("3.0.11 'No route to host': error, empty end, nothing measured", () => {
    const r = parseIperfJson(readCapture("iperf3/iperf3-J-error-noroute__esnet-iperf-issue545.txt"));
    expect(r).toMatchObject({ version: "3.0.11", error: "error - unable to connect to server: No route to host", complete: false });
    expect(r.flows).toEqual({ forward: null, reverse: null });
    expect(classifyIperfError(r.error ?? "")).toBe("no-route");
  });

  test("--json-stream busy server: error event then an empty end", () => {
    const text = readCapture("iperf3/iperf3-json-stream-error-busy__omnt-issue34.txt");
    const r = parseIperfJson(text);
    expect(r).toMatchObject({ format: "json-stream", error: "the server is busy running a test. try again later", complete: false, truncated: false });
    expect(classifyIperfError(r.error ?? "")).toBe("busy");
  });

  test("--json-stream bidir interval events: one point per flow", () => {
    const line = readCapture("iperf3/iperf3-json-stream-bidir-interval__omnt-docs.txt").trim();
    const ev = parseJsonStreamLine(line);
    expect(ev?.event).toBe("interval");
    const pts = streamEventIntervals(ev?.data, false);
    expect(pts.map((p) => [p.flow, Math.round(p.point.bitsPerSecond / 1e6)])).toEqual([
      ["forward", 31473],
      ["reverse", 29514],
    ]);
    // A stream cut before its end event: intervals kept, marked truncated.
    const r = parseIperfJson(line + "\n");
    expect(r).toMatchObject({ format: "json-stream", bidir: true, truncated: true, complete: false });
    expect(r.intervals.reverse).toHaveLength(1);
  });

  test("--json-stream UDP bidir interval: jitter and loss on the receiving flow", () => {
    const line = readCapture("iperf3/iperf3-json-stream-udp-bidir-interval__omnt-docs.txt").trim();
    const pts = streamEventIntervals(parseJsonStreamLine(line)?.data, false);
    expect(pts[1]).toMatchObject({ flow: "reverse", point: { lostPercent: 0, jitterMs: expect.closeTo(0.0217, 3) } });
  });

  test("iperf2 text is not iperf3 JSON: nothing read, every line skipped", () => {
    const text = readCapture("iperf2/iperf2-c-i1-tcp-client__nokia-moler.txt");
    const r = parseIperfJson(text);
    expect(r).toMatchObject({ format: "none", complete: false, flows: { forward: null, reverse: null } });
    expect(r.skipped.length).toBeGreaterThan(10);
  });
});

describe("server text intervals (live)", () => {
  const lines = (file: string) =>
    readOwn(file)
      .split("\n")
      .map(parseTextInterval)
      .filter((x): x is TextInterval => x !== null);

  test("forward to the shaped host, -f k: per-second receiver rates, the omitted one flagged, the summary line marked", () => {
    const t = lines("tcp-forward-shaped-h1-to-h4.server.txt");
    expect(t.filter((x) => x.omitted)).toHaveLength(1);
    expect(t.at(-1)).toMatchObject({ summary: true, start: 0, end: 3 });
    const live = t.map((x) => liveFromText(x, { parallel: 1, flow: "forward" })).filter((x) => x !== null);
    expect(live.map((x) => x.flow)).toEqual(["forward", "forward", "forward", "forward"]);
    expect(live.every((x) => x.point.bitsPerSecond > 1e9)).toBe(true);
  });

  test("reverse: the server is the sender, its lines carry retransmits and cwnd", () => {
    const t = lines("tcp-reverse-shaped-h4-to-h1.server.txt").filter((x) => !x.summary);
    expect(t[1]).toMatchObject({ retransmits: expect.any(Number), jitterMs: null });
    expect(t[1]?.bitsPerSecond).toBeGreaterThan(2.5e8);
    expect(t[1]?.bitsPerSecond).toBeLessThan(3.1e8);
  });

  test("4 streams: only the [SUM] lines count", () => {
    const live = lines("tcp-forward-p4-h1-to-h2.server.txt")
      .map((x) => liveFromText(x, { parallel: 4, flow: "forward" }))
      .filter((x) => x !== null);
    expect(live).toHaveLength(2);
    expect(live[0]?.point.bitsPerSecond).toBe(9920226e3);
  });

  test("UDP: the receiver's jitter and loss; the sender's datagram count is not a retransmit count", () => {
    const rx = lines("udp-forward-h1-to-h2.server.txt").filter((x) => !x.summary);
    expect(rx[0]).toMatchObject({ jitterMs: expect.any(Number), lostPercent: expect.any(Number), retransmits: null });
    const tx = lines("udp-reverse-h1-from-h4.server.txt").filter((x) => !x.summary);
    expect(tx[0]).toMatchObject({ retransmits: null, jitterMs: null, bitsPerSecond: 293257e3 });
  });

  test("--bidir: RX-S is the client -> server flow, TX-S the other", () => {
    const live = lines("tcp-bidir-p2-h1-h4.server.txt")
      .map((x) => liveFromText(x, { parallel: 2, flow: "forward" }))
      .filter((x) => x !== null);
    expect(new Set(live.map((x) => x.flow))).toEqual(new Set(["forward", "reverse"]));
    for (const x of live.filter((y) => y.flow === "reverse")) expect(x.point.bitsPerSecond).toBeLessThan(4e8);
  });

  test("the zero-length tail interval and non-interval lines are ignored", () => {
    expect(parseTextInterval("Server listening on 5201 (test #1)")).toBeNull();
    expect(parseTextInterval("iperf3: error - unable to start listener for connections: Address already in use")).toBeNull();
    const tail = parseTextInterval("[  5]   2.00-2.00   sec  1.00 MBytes  12521577 Kbits/sec");
    expect(tail && liveFromText(tail, { parallel: 1, flow: "forward" })).toBeNull();
  });
});

describe("versions and errors", () => {
  test.each([
    ["iperf 3.12 (cJSON 1.7.15)\nLinux vm 6.18 ...", "3.12", true, false],
    ["iperf 3.1.3", "3.1.3", false, false],
    ["iperf 3.17.1 (cJSON 1.7.15)", "3.17.1", true, true],
  ])("%s", (out, text, bidir, stream) => {
    const v = parseIperfVersion(out);
    expect(v?.text).toBe(text);
    expect(supportsBidir(v)).toBe(bidir);
    expect(supportsJsonStream(v)).toBe(stream);
  });

  test("iperf2 is not iperf3", () => {
    expect(parseIperfVersion("iperf version 2.1.9 (14 March 2023) pthreads")).toBeNull();
  });

  test.each([
    ["iperf3: error - unable to start listener for connections: Address already in use", "port-busy"],
    ["the server is busy running a test. try again later", "busy"],
    ["unable to connect to server: Connection refused", "refused"],
    ["unable to connect to server - server may have stopped running or use a different port, firewall issue, etc.: Connection timed out", "filtered"],
    ["error - control socket has closed unexpectedly", "server-gone"],
    ["interrupt - the server has terminated", "interrupted"],
    ["unable to receive parameters from client", "iperf3"],
  ])("%s -> %s", (msg, code) => {
    expect(classifyIperfError(msg)).toBe(code);
  });
});
