import { describe, expect, test } from "vitest";
import type { NeighborRow } from "@/lib/domain/rows";
import { parse } from "./ip-neigh-text";
import { LAB_NEIGHBORS } from "./lab-expected";
import { readCapture, readOwn } from "./test-fixtures";

describe("ip neigh show (text), captured in the ndp- lab namespace", () => {
  test("reads the same rows as the JSON capture", () => {
    // iproute2 6.1 ends each line with a space, and prints no lladdr on FAILED/INCOMPLETE
    expect(parse(readOwn("ip-neigh-show.txt"))).toEqual({ value: LAB_NEIGHBORS, skipped: [] });
  });

  test("a line that is not a neighbor entry is skipped with a reason", () => {
    const { value, skipped } = parse(`${readOwn("ip-neigh-show.txt")}Dump was interrupted and may be inconsistent.\n`);
    expect(value).toHaveLength(LAB_NEIGHBORS.length);
    expect(skipped).toEqual([{ line: "Dump was interrupted and may be inconsistent.", reason: "not a neighbor entry" }]);
  });
});

describe("captures from public sources (tests/fixtures)", () => {
  test.each<[string, number, Record<number, NeighborRow>]>([
    [
      "ip-neigh-show__nokia-moler.txt",
      31,
      {
        0: { ip: "0.83.200.2", mac: "00:50:56:95:09:24", interface: "eth0", state: "stale", router: false },
        // "192.168.255.245 dev LMT_153  FAILED": no lladdr, double space
        3: { ip: "192.168.255.245", mac: null, interface: "LMT_153", state: "failed", router: false },
        14: { ip: "10.83.207.254", mac: "84:c1:c1:c3:04:00", interface: "eth0", state: "delay", router: false },
        30: { ip: "fe80::250:56ff:fe95:c9e7", mac: "00:50:56:95:c9:e7", interface: "eth0", state: "stale", router: false },
      },
    ],
    [
      // OpenWrt prints -s style "used/probes" by default; `router` sits before them
      "ip-neigh-openwrt-router-flag__openwisp-issue3.txt",
      9,
      {
        3: { ip: "192.168.1.1", mac: "cc:d4:a1:06:dd:0a", interface: "eth2", state: "reachable", router: false },
        5: { ip: "fe80::9a9c:57ff:fe8b:4f67", mac: "98:9c:57:8b:4f:67", interface: "eth2", state: "delay", router: false },
        7: { ip: "fe80::ced4:a1ff:fe06:dd0a", mac: "cc:d4:a1:06:dd:0a", interface: "eth2", state: "stale", router: true },
      },
    ],
    [
      "ip-s-s-neigh-show__sosreport-pr1069.txt",
      4,
      {
        1: { ip: "172.16.11.5", mac: "d0:50:99:19:29:eb", interface: "enp0s25", state: "reachable", router: false },
        3: { ip: "172.16.11.113", mac: null, interface: "enp0s25", state: "failed", router: false },
      },
    ],
    [
      // `ip neigh show dev br0.10` leaves dev out; extern_valid flag
      "ip-neigh-show-dev-filter-extern_valid__iproute2-commit-1ac42adc.txt",
      1,
      { 0: { ip: "192.0.2.1", mac: "00:11:22:33:44:55", interface: null, state: "stale", router: false } },
    ],
  ])("%s", (file, count, rows) => {
    const { value, skipped } = parse(readCapture(file));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(count);
    for (const [index, row] of Object.entries(rows)) expect(value[Number(index)]).toEqual(row);
  });
});
