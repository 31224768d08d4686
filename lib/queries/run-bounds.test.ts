import { describe, expect, test } from "vitest";
import type { CommandOutcome, Snapshot } from "@/lib/domain/snapshot";
import type { InterfaceRow } from "@/lib/domain/rows";
import { boundOutcome, boundSnapshot, clip, MAX_INTERFACES, MAX_NEIGHBORS, MAX_STORED_OUTCOME_CHARS } from "./run-bounds";

const MIB = 1024 * 1024;
const size = (o: CommandOutcome) => JSON.stringify(o).length;

// What a hostile host's commands hand back to be stored on its run (see
// tests/integration/hostile.test.ts for the same through real SSH).
const hostile: [string, CommandOutcome][] = [
  ["an 8 MiB line not understood", { command: "ip neigh show", ok: true, durationMs: 5, skipped: [{ line: "A".repeat(8 * MIB), reason: "not a neighbor entry" }] }],
  [
    "50,000 lines not understood",
    { command: "ip neigh show", ok: true, durationMs: 5, skipped: Array.from({ length: 50_000 }, (_, i) => ({ line: `garbage ${i} ${"x".repeat(150)}`, reason: "not a neighbor entry" })) },
  ],
  ["an 8 MiB error", { command: "ip -j neigh show", ok: false, durationMs: 5, error: "\u0000\u001b]0;x\u0007".repeat(MIB) }],
  ["a 1 MiB command", { command: "echo ".repeat(200_000), ok: true, durationMs: 1 }],
  ["every field at once, in escapes", { command: "\u0001".repeat(MIB), ok: false, durationMs: 1, error: "\u0002".repeat(MIB), replacedBy: "\u0003".repeat(MIB), skipped: Array.from({ length: 60 }, () => ({ line: "\u0004".repeat(MIB / 8), reason: "\u0005".repeat(MIB / 8) })) }],
];

describe("boundOutcome", () => {
  test.each(hostile)("%s: stored under 64 KiB, marked truncated", (_, outcome) => {
    const bounded = boundOutcome(outcome);
    expect(size(bounded)).toBeLessThan(MAX_STORED_OUTCOME_CHARS);
    expect(size(bounded)).toBeLessThan(size(outcome));
    expect(JSON.stringify(bounded)).toMatch(/truncated/);
    expect(bounded.ok).toBe(outcome.ok);
    expect(bounded.durationMs).toBe(outcome.durationMs);
  });

  test("50,000 skipped lines keep the first 50 and count the rest", () => {
    const skipped = boundOutcome(hostile[1]![1]).skipped ?? [];
    expect(skipped).toHaveLength(51);
    expect(skipped[0]?.line).toMatch(/^garbage 0 /);
    expect(skipped.at(-1)?.reason).toBe("[truncated: 49950 more lines not understood]");
  });

  test("terminal escapes are stored written out, not as escapes", () => {
    const bounded = boundOutcome({ command: "uname -n", ok: false, durationMs: 1, error: "\u001b]0;owned\u0007evil\u0000host" });
    expect(bounded.error).toBe("\\u001b]0;owned\\u0007evil\\u0000host");
  });

  test("a normal outcome is stored as it is", () => {
    const outcome: CommandOutcome = { command: "ip -j neigh show", ok: true, durationMs: 12, skipped: [{ line: "10.0.0.1 dev eth0 weird", reason: "not a neighbor entry" }] };
    expect(boundOutcome(outcome)).toEqual(outcome);
  });
});

describe("clip", () => {
  test("says how many UTF-8 bytes it cut", () => {
    expect(clip("abcdef", 3)).toBe("abc… [truncated 3 bytes]");
    expect(clip("abc\u00e9\u00e9", 3)).toBe("abc… [truncated 4 bytes]");
    expect(clip("short", 10)).toBe("short");
  });
});

const iface = (over: Partial<InterfaceRow>): InterfaceRow => ({
  name: "eth0", kind: null, mac: "02:00:00:00:00:01", mtu: 1500, state: "up", speedMbps: 1000, duplex: "full", driver: "virtio_net", addresses: ["10.0.0.5/24"],
  rxBytes: 1n, txBytes: 2n, rxPackets: 3n, txPackets: 4n, rxErrors: 0n, txErrors: 0n, rxDropped: 0n, txDropped: 0n,
  ...over,
});
const snapshot = (over: Partial<Snapshot>): Snapshot => ({ platform: "linux", hostname: "web1", kernel: "Linux 6.1", interfaces: [], neighbors: [], commands: [], ...over });

describe("boundSnapshot", () => {
  test("a snapshot in range comes back equal, nothing dropped", () => {
    const s = snapshot({ interfaces: [iface({ rxBytes: 2n ** 63n - 1n })], neighbors: [{ ip: "10.0.0.1", mac: "02:00:00:00:00:02", interface: "eth0", state: "reachable", router: false }] });
    expect(boundSnapshot(s)).toEqual({ snapshot: { ...s, distribution: null }, dropped: [] });
  });

  test.each([
    ["2^64-1: a u64 the signed column cannot hold", 2n ** 64n - 1n, /above 2\^63-1/],
    ["2^64: no 64-bit counter", 2n ** 64n, /outside 0\.\.2\^64-1/],
    ["negative", -1n, /outside 0\.\.2\^64-1/],
  ])("counter %s: left out (null), named", (_, value, reason) => {
    const { snapshot: out, dropped } = boundSnapshot(snapshot({ interfaces: [iface({ txPackets: value })] }));
    expect(out.interfaces[0]).toMatchObject({ txPackets: null, rxBytes: 1n });
    expect(dropped).toEqual([{ line: `eth0: txPackets ${value}`, reason: expect.stringMatching(reason) }]);
  });

  test("50,000 neighbors and 3,000 interfaces: the rows findings need are kept up to the per-host limit, the rest counted", () => {
    const neighbors = Array.from({ length: 50_000 }, (_, i) => ({
      ip: `198.18.${i >> 8}.${i & 255}`,
      mac: i % 10 === 0 ? `02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}` : null,
      interface: "eth0",
      state: "reachable" as const,
      router: false,
    }));
    const interfaces = Array.from({ length: 3_000 }, (_, i) => iface({ name: `veth${i}`, state: i >= 2_000 ? "up" : "down", addresses: i >= 2_000 ? ["10.0.0.1/24"] : [] }));
    const { snapshot: out, dropped } = boundSnapshot(snapshot({ interfaces, neighbors }));
    expect([out.interfaces.length, out.neighbors.length]).toEqual([MAX_INTERFACES, MAX_NEIGHBORS]);
    // The 5,000 with a MAC before those without; the 1,000 with an address before the others.
    expect(out.neighbors.every((n) => n.mac !== null)).toBe(true);
    expect(out.interfaces.slice(0, 1_000).every((r) => r.addresses.length === 1)).toBe(true);
    expect(dropped).toEqual([
      { line: "3,000 interfaces", reason: "more than netdiag keeps per host (1,024): the first 1,024 are stored and checked, the other 1,976 are not" },
      { line: "50,000 neighbor entries", reason: "more than netdiag keeps per host (4,096): the first 4,096 are stored and checked, the other 45,904 are not" },
    ]);
  });

  test("an MTU or speed beyond 32 bits, a host name with escapes, an interface name of 10,000 characters", () => {
    const { snapshot: out, dropped } = boundSnapshot(
      snapshot({ hostname: "\u001b]0;owned\u0007evil", interfaces: [iface({ mtu: 2 ** 32, speedMbps: 1e20 }), iface({ name: "x".repeat(10_000) })] }),
    );
    expect(out.hostname).toBeNull();
    expect(out.interfaces).toHaveLength(1);
    expect(out.interfaces[0]).toMatchObject({ mtu: null, speedMbps: null });
    expect(dropped.map((d) => d.line.slice(0, 20))).toEqual(["eth0: mtu 4294967296", "eth0: speed (Mbit/s)", "interface \"xxxxxxxxx", "hostname: \"\\u001b]0;"]);
  });
});
