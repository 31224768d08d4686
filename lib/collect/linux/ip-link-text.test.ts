import { describe, expect, test } from "vitest";
import { parse as parseJson } from "./ip-link";
import { parse } from "./ip-link-text";
import { readCapture, readOwn } from "./test-fixtures";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";

describe("ip -s -d link show (text), captured in the ndp- lab namespace", () => {
  const { value, skipped } = parse(readOwn("ip-s-d-link-show.txt"));

  test("strips the @peer suffix from names and skips nothing", () => {
    // printed as ndp-va@if2, mv0@br0, ndp-vd@ndp-vc
    expect(value.map((row) => row.name)).toEqual(["lo", "ndp-va", "br0", "vx0", "mv0", "ndp-vd", "ndp-vc"]);
    expect(skipped).toEqual([]);
  });

  test("reads the same rows as the JSON capture taken at the same moment", () => {
    // Both captures were taken back to back with no traffic in between.
    expect(value).toEqual(parseJson(readOwn("ip-j-s-d-link-show.txt")).value);
  });

  test.each([
    // kind from the -d detail line ("veth", "bridge ...", "vxlan id 5 ..."), else link/<type>
    { name: "lo", kind: "loopback", mtu: 65536, state: "up", rxBytes: 224n },
    { name: "ndp-va", kind: "veth", mac: "e6:49:44:2e:e3:8b", mtu: 9000, master: "br0", txPackets: 55n },
    { name: "vx0", kind: "vxlan", state: "down" },
    { name: "ndp-vc", kind: "veth", state: "down", txDropped: 7n, rxDropped: 0n },
  ])("$name", (expected) => {
    expect(value.find((row) => row.name === expected.name)).toMatchObject(expected);
  });
});

describe("permaddr (tests/fixtures)", () => {
  test("a bond slave keeps its burned-in address beside the bond's (plain `ip link show`)", () => {
    const { value, skipped } = parse(readCapture("ip-link-show-bond-permaddr__chuckstack-incus-netbird.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((row) => row.name)).toEqual(["lo", "enp1s0f0", "enp1s0f1", "bond0", "bond0.2", "bond0.5", "wt0", "incusbr0", "veth67f1bc68"]);
    // Both slaves carry the bond's MAC; only the one whose own address differs prints permaddr.
    expect(value.find((row) => row.name === "enp1s0f0")).toMatchObject({ mac: "3c:ec:ef:b1:ff:de", permanentMac: null, master: "bond0", mtu: 9000 });
    expect(value.find((row) => row.name === "enp1s0f1")).toMatchObject({ mac: "3c:ec:ef:b1:ff:de", permanentMac: "3c:ec:ef:b1:ff:df", master: "bond0" });
    expect(value.filter((row) => row.permanentMac !== null)).toHaveLength(1);
    // "prog/xdp id 270" under lo is neither a kind nor a problem
    expect(value[0]).toMatchObject({ kind: "loopback", permanentMac: null });
  });

  test("with -d the detail words follow on the same line (derived from the lab capture)", () => {
    // iproute2's print_linkinfo() writes permaddr right after brd, before link-netns and -d's
    // "promiscuity …"; the lab's veths have none, so the bond capture's slave address is put in.
    const lab = readOwn("ip-s-d-link-show.txt");
    const withPermaddr = lab.replace(
      "link/ether e6:49:44:2e:e3:8b brd ff:ff:ff:ff:ff:ff link-netns ndp-b",
      "link/ether e6:49:44:2e:e3:8b brd ff:ff:ff:ff:ff:ff permaddr 3c:ec:ef:b1:ff:df link-netns ndp-b",
    );
    expect(withPermaddr).not.toBe(lab);
    const { value, skipped } = parse(withPermaddr);
    expect(skipped).toEqual([]);
    expect(value.find((row) => row.name === "ndp-va")).toMatchObject({ kind: "veth", mac: "e6:49:44:2e:e3:8b", permanentMac: "3c:ec:ef:b1:ff:df" });
    expect(value.filter((row) => row.permanentMac !== null)).toHaveLength(1);
  });
});

describe("older text layouts", () => {
  // Shape of iproute2 3.x (RHEL 6) `ip -s link`: no "state"/"mode" in the header, counters
  // left-aligned under "RX: bytes  packets ...". Written by hand: no old iproute2 to capture from.
  const old = [
    "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000",
    "    link/ether 00:16:3e:00:1e:51 brd ff:ff:ff:ff:ff:ff",
    "    RX: bytes  packets  errors  dropped overrun mcast   ",
    "    3641655380 62027099 0       3       0       0      ",
    "    TX: bytes  packets  errors  dropped carrier collsns",
    "    6155236    89160    1       0       0       0      ",
  ].join("\n");

  test("state comes from the flags and counters from the named columns", () => {
    const { value, skipped } = parse(old);
    expect(skipped).toEqual([]);
    expect(value).toEqual([
      expect.objectContaining({
        name: "eth0",
        kind: "ether",
        mac: "00:16:3e:00:1e:51",
        state: "up",
        rxBytes: 3641655380n,
        rxPackets: 62027099n,
        rxDropped: 3n,
        txErrors: 1n,
      }),
    ]);
  });

  test("lines outside any interface block are skipped with a reason", () => {
    const { value, skipped } = parse(`Error: something odd\n${old}`);
    expect(value).toHaveLength(1);
    expect(skipped).toEqual([{ line: "Error: something odd", reason: "not part of an interface block" }]);
  });

  test("human-readable counters (ip -h) are skipped, not misread", () => {
    const { value, skipped } = parse(old.replace("3641655380 62027099", "3.64G      62.0M   "));
    expect(value[0]?.rxBytes).toBeNull();
    expect(skipped).toHaveLength(1);
  });
});

describe("hostile output", () => {
  // The old STATS_HEADER, /^\s+(RX|TX):\s+(.+?)\s*$/, rescanned the blanks after every character
  // of the lazy group once a CR inside the line stopped `.` (quadratic).
  test("a stats header of blanks and a CR is read in linear time", () => {
    const hostile = (n: number) => `1: lo: <UP> mtu 65536\n    RX: bytes${" ".repeat(n)}\rx\n    1 2\n`;
    expect(growth(parse, hostile)).toBeLessThan(LINEAR);
    expect(parse(hostile(10)).value.map((row) => row.name)).toEqual(["lo"]);
  });
});
