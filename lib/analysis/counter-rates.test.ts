import { describe, expect, test } from "vitest";
import { counterDelta, sampleRates, type CounterSet } from "./counter-rates";

const counters = (o: Partial<CounterSet>): CounterSet => ({
  rxBytes: null, txBytes: null, rxPackets: null, txPackets: null, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null, ...o,
});

describe("counterDelta", () => {
  test("a counter that grew gives its growth", () => {
    expect(counterDelta(1_500n, 1_000n, 1e12)).toBe(500);
  });
  test("a 32-bit counter that wrapped gives the growth across the wrap", () => {
    // 4,294,000,000 -> 2,000,000: 967,296 bytes to 2^32, then 2,000,000 more.
    expect(counterDelta(2_000_000n, 4_294_000_000n, 1e9)).toBe(2_967_296);
  });
  test("a 64-bit counter that wrapped past 2^64", () => {
    expect(counterDelta(10n, 2n ** 64n - 6n, 1e9)).toBe(16);
  });
  test("a drop the link could not explain is a reset (reboot): no delta", () => {
    // 64-bit counter at 5 TB falls to 1 MB: not a wrap, the host rebooted.
    expect(counterDelta(1_000_000n, 5_000_000_000_000n, 1e12)).toBeNull();
    // A 32-bit-sized value that fell, but the wrapped delta is more than the link carries.
    expect(counterDelta(3_000_000_000n, 3_500_000_000n, 1e9)).toBeNull();
  });
  test("a missing reading gives nothing", () => {
    expect(counterDelta(null, 5n, 1e9)).toBeNull();
    expect(counterDelta(5n, null, 1e9)).toBeNull();
  });
});

describe("sampleRates", () => {
  test("bits per second in both directions, errors and drops of both directions summed", () => {
    const before = counters({ rxBytes: 0n, txBytes: 1_000n, rxErrors: 1n, txErrors: 0n, rxDropped: 0n, txDropped: 2n });
    const now = counters({ rxBytes: 37_500_000n, txBytes: 1_000n + 3_750_000n, rxErrors: 4n, txErrors: 2n, rxDropped: 7n, txDropped: 2n });
    expect(sampleRates(now, before, 300, 1000)).toEqual({ seconds: 300, rxBps: 1_000_000, txBps: 100_000, errors: 5, drops: 7 });
  });
  test("a wrap on a 1 Gbit/s link within 30 s is counted; the same fall on a 10 Mbit/s link is a reset", () => {
    const before = counters({ rxBytes: 4_000_000_000n });
    const now = counters({ rxBytes: 1_000_000_000n });
    // 1,294,967,296 bytes in 30 s = 345 Mbit/s: plausible at 1 Gbit/s.
    expect(sampleRates(now, before, 30, 1000).rxBps).toBeCloseTo(345_324_612, 0);
    expect(sampleRates(now, before, 30, 10).rxBps).toBeNull();
  });
  test("the first sample of a NIC has no rates", () => {
    expect(sampleRates(counters({ rxBytes: 5n }), null, null, 1000)).toEqual({ seconds: null, rxBps: null, txBps: null, errors: null, drops: null });
  });
  test("unknown error counters on one side leave errors unknown, not zero", () => {
    const r = sampleRates(counters({ rxErrors: 5n, txErrors: null }), counters({ rxErrors: 1n, txErrors: null }), 300, null);
    expect(r.errors).toBeNull();
  });
});
