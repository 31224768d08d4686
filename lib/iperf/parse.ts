// Pure readers of the client's `-J` report (or its `--json-stream` events); the server's text
// intervals are read in server-text.ts, `iperf3 --version` in version.ts. Real outputs
// are messy (tests/fixtures/README.md): a `^C` or a warning before the JSON, CRLF endings,
// a report cut mid-number, an `error` beside a populated `end`. The readers return what they
// could read plus what they skipped, and never throw.
import type { SkippedLine } from "@/lib/domain/rows";
import { parseLenientJson } from "./lenient-json";
import type { Flow, FlowSummary, IntervalPoint, IperfProtocol } from "@/lib/domain/iperf";

export type IperfReport = {
  format: "json" | "json-stream" | "none";
  version: string | null;
  protocol: IperfProtocol | null;
  reverse: boolean;
  bidir: boolean;
  streams: number | null;
  durationSec: number | null;
  omitSec: number | null;
  tcpMssBytes: number | null;
  connected: { localHost: string; localPort: number | null; remoteHost: string; remotePort: number | null } | null;
  /** Keyed by data direction: forward = client -> server. */
  flows: Record<Flow, FlowSummary | null>;
  intervals: Record<Flow, IntervalPoint[]>;
  /** From the report's writer's point of view (netdiag reads the client's): local = client. */
  cpu: { localPercent: number | null; remotePercent: number | null };
  error: string | null;
  /** The report's `end` held the final sums. */
  complete: boolean;
  truncated: boolean;
  skipped: SkippedLine[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj | null => (isObj(v) ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const flag = (v: unknown): boolean => v === true || v === 1;
/** u64, as iperf3 counts bytes, packets and retransmits. */
const MAX_COUNT = 2 ** 64;

/**
 * A byte, packet or retransmit count: null when absent, and null and reported when it is not a
 * whole number from 0 to 2^64-1 (a hostile or corrupt report), rather than a wrong count.
 */
function count(v: unknown, what: string, skipped: SkippedLine[] | undefined): number | null {
  const n = num(v);
  if (n === null) return null;
  if (Number.isInteger(n) && n >= 0 && n < MAX_COUNT) return n;
  skipped?.push({ line: `${what} ${String(n)}`, reason: "not a count (a whole number up to 2^64-1): unknown" });
  return null;
}

/** What the runner asked for, used when the report was cut before `start.test_start`. */
export type ReportHint = { reverse?: boolean; bidir?: boolean; protocol?: IperfProtocol };

export function parseIperfJson(text: string, hint: ReportHint = {}): IperfReport {
  const clean = text.replace(/^\uFEFF/, "");
  // [ \t]*, not \s*: with /m, \s* ran from every line start across all the blank lines after it
  // (quadratic: 4 s for 80,000 newlines).
  if (/^[ \t]*\{"event":/m.test(clean)) return fromStream(clean, hint);
  const skipped: SkippedLine[] = [];
  const at = reportStart(clean);
  if (at === null) {
    for (const line of nonEmptyLines(clean)) skipped.push({ line, reason: "not iperf3 JSON" });
    return normalize({}, "none", false, skipped, hint);
  }
  for (const line of nonEmptyLines(clean.slice(0, at.lineStart))) skipped.push({ line, reason: "before the JSON report" });
  if (at.prefix) skipped.push({ line: at.prefix, reason: "before the JSON report" });
  const read = parseLenientJson(clean, at.brace);
  if (read.error) skipped.push({ line: excerpt(clean, read.end), reason: read.error });
  if (!read.truncated) {
    for (const line of nonEmptyLines(clean.slice(read.end))) skipped.push({ line, reason: "after the JSON report" });
  } else {
    skipped.push({ line: excerpt(clean, clean.length), reason: "the report was cut short; kept what was complete" });
  }
  return normalize(obj(read.value) ?? {}, "json", read.truncated, skipped, hint);
}

/** Where the report's `{` is: the first line that starts with it, after any `^C` echoes. */
function reportStart(text: string): { lineStart: number; brace: number; prefix: string } | null {
  const re = /^((?:\^C)*)[ \t]*\{/gm;
  const m = re.exec(text);
  if (!m) return null;
  return { lineStart: m.index, brace: m.index + m[0].length - 1, prefix: m[1] ?? "" };
}

const nonEmptyLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");

const excerpt = (s: string, end: number) => s.slice(Math.max(0, end - 60), end).replace(/\s+/g, " ").trim();

/** `--json-stream`: one `{"event": ..., "data": ...}` per line; reassembled into a `-J` report. */
function fromStream(text: string, hint: ReportHint): IperfReport {
  const skipped: SkippedLine[] = [];
  const report: Obj = { intervals: [] as unknown[] };
  let sawEnd = false;
  let truncated = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const ev = parseJsonStreamLine(line);
    if (!ev) {
      skipped.push({ line: line.trim(), reason: "not a --json-stream event" });
      truncated ||= /^\s*\{/.test(line);
      continue;
    }
    if (ev.event === "start") report.start = ev.data;
    else if (ev.event === "interval") (report.intervals as unknown[]).push(ev.data);
    else if (ev.event === "end") {
      report.end = ev.data;
      sawEnd = true;
    } else if (ev.event === "error") report.error = typeof ev.data === "string" ? ev.data : shown(ev.data);
    else if (ev.event === "server_output_json" || ev.event === "server_output_text") continue;
    else skipped.push({ line: line.trim().slice(0, 120), reason: `unknown event "${ev.event}"` });
  }
  return normalize(report, "json-stream", truncated || !sawEnd, skipped, hint);
}

/** JSON.parse reads any depth; JSON.stringify recurses and throws RangeError some 10,000 deep. */
function shown(data: unknown): string {
  try {
    return JSON.stringify(data) ?? String(data);
  } catch {
    return "(an error event nested too deeply to show)";
  }
}

/** One `--json-stream` line, or null when it is not a complete event. */
export function parseJsonStreamLine(line: string): { event: string; data: unknown } | null {
  const t = line.trim();
  if (!t.startsWith("{")) return null;
  try {
    const v = JSON.parse(t) as unknown;
    if (isObj(v) && typeof v.event === "string") return { event: v.event, data: v.data };
  } catch {
    return null;
  }
  return null;
}

function normalize(r: Obj, format: IperfReport["format"], truncated: boolean, skipped: SkippedLine[], hint: ReportHint): IperfReport {
  const start = obj(r.start);
  const testStart = obj(start?.test_start);
  const end = obj(r.end);
  const intervals = Array.isArray(r.intervals) ? r.intervals.map(obj).filter((x): x is Obj => x !== null) : [];
  const protocol = str(testStart?.protocol)?.toLowerCase() ?? hint.protocol;
  const endBidir = end !== null && ("sum_sent_bidir_reverse" in end || "sum_bidir_reverse" in end);
  const isBidir =
    (testStart ? flag(testStart.bidir) : hint.bidir === true) || endBidir || intervals.some((iv) => "sum_bidir_reverse" in iv);
  const reverse = !isBidir && (testStart ? flag(testStart.reverse) : hint.reverse === true);
  // Old iperf3 UDP reports have only `sum` in `end`.
  const udp = protocol === "udp" || (protocol === undefined && end !== null && "sum" in end && !("sum_sent" in end));
  const main: Flow = reverse ? "reverse" : "forward";

  const flows: Record<Flow, FlowSummary | null> = { forward: null, reverse: null };
  const series: Record<Flow, IntervalPoint[]> = { forward: [], reverse: [] };
  if (end) {
    flows[isBidir ? "forward" : main] = summary(end, "", udp, skipped);
    if (isBidir) flows.reverse = summary(end, "_bidir_reverse", udp, skipped);
  }
  for (const iv of intervals) {
    const p = intervalPoint(obj(iv.sum), skipped);
    if (p) series[isBidir ? "forward" : main].push(p);
    if (isBidir) {
      const q = intervalPoint(obj(iv.sum_bidir_reverse), skipped);
      if (q) series.reverse.push(q);
    }
  }
  const cpu = obj(end?.cpu_utilization_percent);
  const c0 = Array.isArray(start?.connected) ? obj(start.connected[0]) : null;
  const complete = Boolean(flows.forward?.bitsPerSecond != null || flows.reverse?.bitsPerSecond != null);
  return {
    format,
    version: str(start?.version)?.replace(/^iperf\s+/, "") ?? null,
    protocol: protocol === "tcp" || protocol === "udp" ? protocol : udp && end ? "udp" : null,
    reverse,
    bidir: isBidir,
    streams: num(testStart?.num_streams),
    durationSec: num(testStart?.duration),
    omitSec: num(testStart?.omit),
    tcpMssBytes: num(start?.tcp_mss_default) ?? num(start?.tcp_mss),
    connected:
      c0 && typeof c0.local_host === "string" && typeof c0.remote_host === "string"
        ? { localHost: c0.local_host, localPort: num(c0.local_port), remoteHost: c0.remote_host, remotePort: num(c0.remote_port) }
        : null,
    flows,
    intervals: series,
    cpu: { localPercent: num(cpu?.host_total), remotePercent: num(cpu?.remote_total) },
    error: str(r.error),
    complete,
    truncated,
    skipped,
  };
}

/**
 * TCP: `sum_sent` is the sender's side (bytes, retransmits), `sum_received` the receiver's.
 * UDP: iperf3 >= 3.7 adds sum_sent/sum_received; older ones have only `sum`. Jitter and loss
 * are the receiver's, in `sum` (sum_sent carries zeros there).
 */
function summary(end: Obj, suffix: "" | "_bidir_reverse", udp: boolean, skipped: SkippedLine[]): FlowSummary | null {
  const sent = obj(end[`sum_sent${suffix}`]);
  const received = obj(end[`sum_received${suffix}`]);
  const sum = obj(end[`sum${suffix}`]);
  if (!sent && !received && !sum) return null;
  const lossSource = udp ? (sum ?? received) : null;
  return {
    bitsPerSecond: num(received?.bits_per_second) ?? (udp ? num(sum?.bits_per_second) : null),
    sentBitsPerSecond: num(sent?.bits_per_second) ?? (udp ? num(sum?.bits_per_second) : null),
    bytes: count(received?.bytes, `sum_received${suffix}.bytes`, skipped) ?? (udp ? count(sum?.bytes, `sum${suffix}.bytes`, skipped) : null),
    sentBytes: count(sent?.bytes, `sum_sent${suffix}.bytes`, skipped) ?? (udp ? count(sum?.bytes, `sum${suffix}.bytes`, undefined) : null),
    seconds: num(received?.seconds) ?? num(sent?.seconds) ?? num(sum?.seconds),
    retransmits: udp ? null : count(sent?.retransmits, `sum_sent${suffix}.retransmits`, skipped),
    jitterMs: lossSource ? num(lossSource.jitter_ms) : null,
    lostPercent: lossSource ? num(lossSource.lost_percent) : null,
    lostPackets: lossSource ? count(lossSource.lost_packets, `sum${suffix}.lost_packets`, skipped) : null,
    packets: lossSource ? count(lossSource.packets, `sum${suffix}.packets`, skipped) : null,
  };
}

/**
 * iperf3 ends a test with a sliver of an interval ("2.00-2.01 sec") whose rate is noise, and
 * a killed test with a partial one: neither is a point worth charting.
 */
export const MIN_INTERVAL_SEC = 0.5;

export function intervalPoint(sum: Obj | null, skipped?: SkippedLine[]): IntervalPoint | null {
  if (!sum) return null;
  const start = num(sum.start);
  const end = num(sum.end);
  const bps = num(sum.bits_per_second);
  if (start === null || end === null || bps === null || end - start < MIN_INTERVAL_SEC) return null;
  return {
    start,
    end,
    bitsPerSecond: bps,
    retransmits: count(sum.retransmits, "interval retransmits", skipped),
    jitterMs: num(sum.jitter_ms),
    lostPercent: num(sum.lost_percent),
    omitted: flag(sum.omitted),
  };
}

/** Live intervals from one `--json-stream` interval event (client side). */
export function streamEventIntervals(data: unknown, reverse: boolean): { flow: Flow; point: IntervalPoint }[] {
  const d = obj(data);
  if (!d) return [];
  const out: { flow: Flow; point: IntervalPoint }[] = [];
  const bidir = "sum_bidir_reverse" in d;
  const p = intervalPoint(obj(d.sum));
  if (p) out.push({ flow: bidir || !reverse ? "forward" : "reverse", point: p });
  const q = bidir ? intervalPoint(obj(d.sum_bidir_reverse)) : null;
  if (q) out.push({ flow: "reverse", point: q });
  return out;
}
