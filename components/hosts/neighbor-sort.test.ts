import { expect, test } from "vitest";
import type { NeighborView } from "@/lib/domain/views";
import { distinct, filterNeighbors, sortNeighbors } from "./neighbor-sort";

const n = (ip: string, iface: string | null, state: string, router = false, mac: string | null = null): NeighborView => ({
  ip,
  mac,
  interface: iface,
  state,
  router,
});

const rows = [
  n("10.0.0.10", "eth0", "reachable"),
  n("fe80::1", "eth0", "stale", true, "aa:bb:cc:00:00:01"),
  n("10.0.0.9", "eth1", "failed"),
  n("192.168.1.1", "eth1", "reachable", true, "aa:bb:cc:00:00:02"),
];

test("IPv4 sorts numerically and before IPv6", () => {
  expect(sortNeighbors(rows, "ip", "asc").map((r) => r.ip)).toEqual(["10.0.0.9", "10.0.0.10", "192.168.1.1", "fe80::1"]);
  expect(sortNeighbors(rows, "ip", "desc").map((r) => r.ip)).toEqual(["fe80::1", "192.168.1.1", "10.0.0.10", "10.0.0.9"]);
});

test("ties on the sort column fall back to IP order", () => {
  expect(sortNeighbors(rows, "interface", "asc").map((r) => r.ip)).toEqual(["10.0.0.10", "fe80::1", "10.0.0.9", "192.168.1.1"]);
  expect(sortNeighbors(rows, "router", "asc").map((r) => r.ip)).toEqual(["192.168.1.1", "fe80::1", "10.0.0.9", "10.0.0.10"]);
});

test("missing MACs sort last", () => {
  expect(sortNeighbors(rows, "mac", "asc").map((r) => r.mac)).toEqual(["aa:bb:cc:00:00:01", "aa:bb:cc:00:00:02", null, null]);
});

test("filters by interface and state together; empty means any", () => {
  expect(filterNeighbors(rows, { iface: "eth1", state: "" })).toHaveLength(2);
  expect(filterNeighbors(rows, { iface: "eth1", state: "reachable" }).map((r) => r.ip)).toEqual(["192.168.1.1"]);
  expect(filterNeighbors(rows, { iface: "", state: "" })).toHaveLength(4);
});

test("distinct drops nulls and sorts", () => {
  expect(distinct(["b", null, "a", "b"])).toEqual(["a", "b"]);
});
