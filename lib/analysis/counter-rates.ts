// Rates from NIC counters read at two collections. Counters only grow, except when they wrap
// (32-bit counters on old drivers, ESXi and SNMP-style sources pass 2^32 every 34 s at 1 Gbit/s)
// or reset (reboot, driver reload, interface re-created). A wrap is told from a reset the way
// RRDtool and LibreNMS do: the wrapped delta must be a rate the link could carry; anything else
// is a reset, and the interval gets no rate rather than a made-up one.

import type { InterfaceRow } from "@/lib/domain/rows";

const TWO_32 = 2n ** 32n;
const TWO_64 = 2n ** 64n;
/** Without a reported speed, no NIC netdiag meets carries more than this. */
export const MAX_UNKNOWN_LINK_BPS = 400e9;
/** Smallest Ethernet frame on the wire (64 bytes + 20 of preamble and gap): packets/s ceiling. */
const MIN_FRAME_BITS = 84 * 8;

export type CounterSet = Pick<InterfaceRow, "rxBytes" | "txBytes" | "rxPackets" | "txPackets" | "rxErrors" | "txErrors" | "rxDropped" | "txDropped">;

/** What one sample adds to the previous one of the same NIC. */
export type SampleRates = {
  seconds: number | null;
  rxBps: number | null;
  txBps: number | null;
  /** rx + tx errors counted in the interval; null when either side is unknown or reset. */
  errors: number | null;
  drops: number | null;
};

/**
 * How much a counter grew, across one wrap of a 32- or 64-bit counter if that is plausible
 * (at most `maxDelta`); null when either reading is missing or the counter was reset.
 */
export function counterDelta(now: bigint | null, before: bigint | null, maxDelta: number): number | null {
  if (now === null || before === null) return null;
  if (now >= before) return Number(now - before);
  for (const width of [TWO_32, TWO_64]) {
    if (before >= width) continue;
    const wrapped = width - before + now;
    if (wrapped >= 0n && Number(wrapped) <= maxDelta) return Number(wrapped);
  }
  return null;
}

const sumOrNull = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** Rates of `now` against `before` taken `seconds` earlier on a link of `speedMbps` (null: unknown). */
export function sampleRates(now: CounterSet, before: CounterSet | null, seconds: number | null, speedMbps: number | null): SampleRates {
  if (!before || seconds === null || !(seconds > 0)) return { seconds: before ? seconds : null, rxBps: null, txBps: null, errors: null, drops: null };
  // A link's speed bounds one direction; 10% over it for counters that include framing.
  const maxBits = (speedMbps && speedMbps > 0 ? speedMbps * 1e6 * 1.1 : MAX_UNKNOWN_LINK_BPS) * seconds;
  const maxBytes = maxBits / 8;
  const maxPackets = maxBits / MIN_FRAME_BITS;
  const bps = (n: bigint | null, b: bigint | null) => {
    const d = counterDelta(n, b, maxBytes);
    return d === null ? null : (d * 8) / seconds;
  };
  const count = (k: keyof CounterSet) => counterDelta(now[k], before[k], maxPackets);
  return {
    seconds,
    rxBps: bps(now.rxBytes, before.rxBytes),
    txBps: bps(now.txBytes, before.txBytes),
    errors: sumOrNull(count("rxErrors"), count("txErrors")),
    drops: sumOrNull(count("rxDropped"), count("txDropped")),
  };
}

export const hasCounters = (c: CounterSet) => Object.values(c).some((v) => v !== null);
