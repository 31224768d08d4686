import type { NeighborRow } from "@/lib/domain/rows";

// Test-only: what the ndp- lab captures in __fixtures__ hold, shared by JSON and text tests.

export const LAB_ADDRESSES = {
  lo: ["127.0.0.1/8", "::1/128"],
  "ndp-va": ["fe80::e449:44ff:fe2e:e38b/64"],
  br0: ["10.77.0.1/24", "fd00:77::1/64", "fe80::e449:44ff:fe2e:e38b/64"],
  vx0: [],
  mv0: ["10.77.1.1/24", "fe80::983a:41ff:febe:4403/64"],
  "ndp-vd": [],
  "ndp-vc": ["10.77.3.1/24"],
};

/** The other namespace, with a point-to-point address (`peer`). */
export const LAB_PEER_ADDRESSES = {
  lo: ["127.0.0.1/8", "::1/128"],
  "ndp-vb": ["10.77.0.2/24", "10.77.2.1/32", "fd00:77::2/64", "fe80::1887:8cff:feb5:4d98/64"],
};

const PEER_MAC = "1a:87:8c:b5:4d:98";

export const LAB_NEIGHBORS: NeighborRow[] = [
  { ip: "10.77.0.2", mac: PEER_MAC, interface: "br0", state: "delay", router: false },
  { ip: "10.77.0.51", mac: null, interface: "br0", state: "failed", router: false },
  { ip: "10.77.0.50", mac: null, interface: "br0", state: "failed", router: false },
  { ip: "10.77.0.99", mac: "02:00:00:00:00:99", interface: "br0", state: "permanent", router: false },
  { ip: "10.77.0.52", mac: null, interface: "br0", state: "incomplete", router: false },
  { ip: "fe80::1887:8cff:feb5:4d98", mac: PEER_MAC, interface: "br0", state: "stale", router: false },
  { ip: "fd00:77::4", mac: "02:00:00:00:00:04", interface: "br0", state: "stale", router: false },
  { ip: "fd00:77::3", mac: "02:00:00:00:00:03", interface: "br0", state: "stale", router: true },
  { ip: "fd00:77::2", mac: PEER_MAC, interface: "br0", state: "delay", router: false },
];
