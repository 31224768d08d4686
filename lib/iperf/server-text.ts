// The one-off server's text output (`iperf3 -s -1 -i 1 -f k --forceflush`): one line per
// interval, which is what netdiag streams live while a test runs (the client's JSON arrives
// only at its end on iperf3 < 3.17). Pure; a line that is not an interval gives null.
import type { Flow, IntervalPoint } from "@/lib/domain/iperf";
import { MIN_INTERVAL_SEC } from "./parse";

export type TextInterval = {
  /** Stream socket number, or "SUM" for the sum over parallel streams. */
  id: number | "SUM";
  /** With --bidir: RX = the server receives (client -> server), TX = it sends. */
  role: "RX" | "TX" | null;
  start: number;
  end: number;
  bytes: number;
  bitsPerSecond: number;
  retransmits: number | null;
  jitterMs: number | null;
  lostPercent: number | null;
  omitted: boolean;
  /** The closing "sender"/"receiver" lines that sum up the whole test. */
  summary: boolean;
};

const SCALE: Record<string, number> = { "": 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const BYTE_SCALE: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
// "[  5]   0.00-1.00   sec  1.09 GBytes  9354321 Kbits/sec    0   1.42 MBytes  (omitted)"
// "[SUM][RX-S]   1.00-2.00   sec  1.48 GBytes  12755581 Kbits/sec"
const TEXT_INTERVAL =
  /^\[\s*(\d+|SUM)\](?:\[(RX|TX)-[SC]\])?\s+(\d+(?:\.\d+)?)-\s*(\d+(?:\.\d+)?)\s+sec\s+(\d+(?:\.\d+)?)\s+([KMGT]?)Bytes\s+(\d+(?:\.\d+)?)\s+([KMGT]?)bits\/sec(.*)$/s;

/** One interval line of iperf3's text output (bits are decimal, bytes binary), or null. */
export function parseTextInterval(line: string): TextInterval | null {
  const m = TEXT_INTERVAL.exec(line.trim());
  if (!m) return null;
  const [, id, role, s, e, b, bu, r, ru, rest = ""] = m;
  const udp = /^\s+([\d.]+)\s+ms\s+(\d+)\/(\d+)\s+\(([\d.e+-]+)%\)/.exec(rest);
  // A TCP sender's line: retransmits, then the congestion window ("   14    767 KBytes").
  const tcp = udp ? null : /^\s+(\d+)\s+[\d.]+\s+[KMGT]?Bytes/.exec(rest);
  return {
    id: id === "SUM" ? "SUM" : Number(id),
    role: role === "RX" || role === "TX" ? role : null,
    start: Number(s),
    end: Number(e),
    bytes: Number(b) * (BYTE_SCALE[bu ?? ""] ?? 1),
    bitsPerSecond: Number(r) * (SCALE[ru ?? ""] ?? 1),
    retransmits: tcp ? Number(tcp[1]) : null,
    jitterMs: udp ? Number(udp[1]) : null,
    lostPercent: udp ? Number(udp[4]) : null,
    omitted: /\(omitted\)/.test(rest),
    summary: /\b(sender|receiver)\s*$/.test(rest),
  };
}

/**
 * Live points from the server's text intervals. With several streams only the [SUM] lines
 * count; the sliver iperf3 prints at the very end ("2.00-2.00", "2.00-2.01") is dropped.
 */
export function liveFromText(t: TextInterval, opts: { parallel: number; flow: Flow }): { flow: Flow; point: IntervalPoint } | null {
  if (t.summary || t.end - t.start < MIN_INTERVAL_SEC) return null;
  if (opts.parallel > 1 ? t.id !== "SUM" : t.id === "SUM") return null;
  const flow: Flow = t.role === "RX" ? "forward" : t.role === "TX" ? "reverse" : opts.flow;
  return {
    flow,
    point: {
      start: t.start,
      end: t.end,
      bitsPerSecond: t.bitsPerSecond,
      retransmits: t.retransmits,
      jitterMs: t.jitterMs,
      lostPercent: t.lostPercent,
      omitted: t.omitted,
    },
  };
}
