import { describe, expect, test } from "vitest";
import { interfaceChanges, snapshotChanged, type StoredNeighbor, type StoredNic, type StoredState } from "./snapshot-change";

const nic = (o: Partial<StoredNic> = {}): StoredNic => ({
  name: "eth0", kind: "ether", mac: "02:00:00:00:00:01", mtu: 1500, state: "up", speedMbps: 1000, duplex: "full", driver: "e1000e",
  permanentMac: null, linkModes: null, addresses: '["10.0.0.5/24"]', ...o,
});
const nb = (o: Partial<StoredNeighbor> = {}): StoredNeighbor => ({ ip: "10.0.0.1", mac: "02:00:00:00:00:99", interface: "eth0", state: "reachable", router: true, ...o });
const state = (o: Partial<StoredState> = {}): StoredState => ({ interfaces: [nic()], neighbors: [nb()], topology: null, ...o });

describe("snapshotChanged", () => {
  test("nothing stored yet: store it", () => {
    expect(snapshotChanged(null, state())).toBe(true);
  });
  test("neighbor entries aging REACHABLE -> STALE -> DELAY, in another order, store nothing", () => {
    const before = state({ neighbors: [nb(), nb({ ip: "10.0.0.7", mac: "02:00:00:00:00:07", router: false, state: "stale" })] });
    const now = state({ neighbors: [nb({ ip: "10.0.0.7", mac: "02:00:00:00:00:07", router: false, state: "delay" }), nb({ state: "stale" })] });
    expect(snapshotChanged(before, now)).toBe(false);
  });
  test("a MAC written in another case is the same MAC", () => {
    expect(snapshotChanged(state(), state({ neighbors: [nb({ mac: "02:00:00:00:00:99".toUpperCase() })] }))).toBe(false);
  });
  test("a new neighbor, a neighbor's MAC change and an entry that stops answering each store a snapshot", () => {
    expect(snapshotChanged(state(), state({ neighbors: [nb(), nb({ ip: "10.0.0.8", mac: "02:00:00:00:00:08" })] }))).toBe(true);
    expect(snapshotChanged(state(), state({ neighbors: [nb({ mac: "02:00:00:00:00:aa" })] }))).toBe(true);
    expect(snapshotChanged(state(), state({ neighbors: [nb({ mac: null, state: "failed" })] }))).toBe(true);
  });
  test("an MTU change, a MAC change, a link going down or a new address each store a snapshot", () => {
    expect(snapshotChanged(state(), state({ interfaces: [nic({ mtu: 9000 })] }))).toBe(true);
    expect(snapshotChanged(state(), state({ interfaces: [nic({ mac: "02:00:00:00:00:02" })] }))).toBe(true);
    expect(snapshotChanged(state(), state({ interfaces: [nic({ state: "down" })] }))).toBe(true);
    expect(snapshotChanged(state(), state({ interfaces: [nic({ addresses: '["10.0.0.5/24","10.0.0.6/24"]' })] }))).toBe(true);
  });
  test("a changed platform structure (ESXi chain) stores a snapshot", () => {
    expect(snapshotChanged(state({ topology: '{"vmknics":[]}' }), state({ topology: '{"vmknics":[{"name":"vmk1"}]}' }))).toBe(true);
  });
});

describe("interfaceChanges", () => {
  test("an MTU and a MAC change are named with before and after", () => {
    expect(interfaceChanges([nic()], [nic({ mtu: 9000, mac: "02:00:00:00:00:02" })])).toEqual([
      { name: "eth0", kind: "mtu", before: "1500", after: "9000" },
      { name: "eth0", kind: "mac", before: "02:00:00:00:00:01", after: "02:00:00:00:00:02" },
    ]);
  });
  test("a NIC that appeared and one that went away", () => {
    expect(interfaceChanges([nic()], [nic({ name: "eth1" })])).toEqual([
      { name: "eth1", kind: "appeared", before: null, after: "02:00:00:00:00:01" },
      { name: "eth0", kind: "gone", before: "02:00:00:00:00:01", after: null },
    ]);
  });
  test("the first snapshot is the baseline: no changes", () => {
    expect(interfaceChanges(null, [nic()])).toEqual([]);
  });
});
