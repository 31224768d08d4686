import { expect, test } from "vitest";
import { diffNeighbors } from "./neighbor-history";

const A = "02:aa:00:00:00:01";
const B = "02:bb:00:00:00:02";
const e = (ip: string, mac: string | null, iface = "eth0") => ({ ip, mac, interface: iface });

test.each([
  { name: "first snapshot: a baseline, no events", before: null, now: [e("10.0.0.1", A)], want: [] },
  { name: "unchanged (case of the MAC does not matter)", before: [e("10.0.0.1", A.toUpperCase())], now: [e("10.0.0.1", A)], want: [] },
  { name: "appeared", before: [], now: [e("10.0.0.1", A)], want: [["appeared", "10.0.0.1", A, null]] },
  { name: "changed ethernet address", before: [e("10.0.0.1", A)], now: [e("10.0.0.1", B)], want: [["changed", "10.0.0.1", B, A]] },
  { name: "gone", before: [e("10.0.0.1", A)], now: [], want: [["gone", "10.0.0.1", null, A]] },
  { name: "resolved to FAILED (no MAC) counts as gone", before: [e("10.0.0.1", A)], now: [e("10.0.0.1", null)], want: [["gone", "10.0.0.1", null, A]] },
  { name: "the same IP on two interfaces is two entries", before: [e("10.0.0.1", A, "eth0")], now: [e("10.0.0.1", A, "eth0"), e("10.0.0.1", B, "eth1")], want: [["appeared", "10.0.0.1", B, null]] },
])("$name", ({ before, now, want }) => {
  expect(diffNeighbors(before, now).map((c) => [c.kind, c.ip, c.mac, c.previousMac])).toEqual(want);
});
