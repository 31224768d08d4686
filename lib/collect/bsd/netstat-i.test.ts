import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./netstat-i";

const nulls = { rxPackets: null, rxErrors: null, rxDropped: null, rxBytes: null, txPackets: null, txErrors: null, txBytes: null, txDropped: null };

describe("netstat -i (link rows carry the counters)", () => {
  test("FreeBSD netstat -ibdn (chef/ohai): bytes and drops; the heredoc marker left in the capture is skipped", () => {
    const { value, skipped } = parse(readCapture("freebsd/netstat-ibdn__chef-ohai.txt"));
    expect(value).toEqual([
      { name: "vtnet0", down: false, mtu: 1500, mac: "fa:16:3e:ba:3e:25", rxPackets: 579n, rxErrors: 0n, rxDropped: 0n, rxBytes: 46746n, txPackets: 210n, txErrors: 0n, txBytes: 26242n, txDropped: 0n },
      { name: "lo0", down: false, mtu: 16384, mac: null, rxPackets: 0n, rxErrors: 0n, rxDropped: 0n, rxBytes: 0n, txPackets: 0n, txErrors: 0n, txBytes: 0n, txDropped: 0n },
    ]);
    expect(skipped).toEqual([{ line: "    FREEBSD_NETSTAT", reason: expect.any(String) }]);
  });

  test.each([
    ["freebsd/netstat-ib__jc-freebsd12.txt", { rxBytes: 372538087n, txBytes: 198573339n, rxPackets: 372717n, txPackets: 213821n }],
    ["freebsd/netstat-i__jc-freebsd12.txt", { rxBytes: null, txBytes: null, rxPackets: 189449n, txPackets: 211310n }],
  ])("FreeBSD %s (truncated address rows ignored)", (file, counters) => {
    const { value, skipped } = parse(readCapture(file));
    expect(skipped).toEqual([]);
    expect(value.map((r) => r.name)).toEqual(["em0", "lo0"]);
    expect(value[0]).toMatchObject({ mtu: 1500, mac: "00:0c:29:1a:4e:3b", rxErrors: 0n, txErrors: 0n, rxDropped: 0n, ...counters });
  });

  test("macOS netstat -i -d -l -b -n (chef/ohai): link rows without Drop, an 8-byte FireWire address", () => {
    const { value, skipped } = parse(readCapture("macos/netstat-ibdn__chef-ohai.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((r) => [r.name, r.down])).toEqual([
      ["lo0", false], ["gif0", true], ["stf0", true], ["en1", false], ["p2p0", false], ["en0", false], ["fw0", true], ["utun0", false],
    ]);
    expect(value[3]).toEqual({ ...nulls, name: "en1", down: false, mtu: 1500, mac: "b8:8d:12:3a:32:de", rxPackets: 5921903n, rxErrors: 0n, rxBytes: 2530556736n, txPackets: 14314573n, txErrors: 0n, txBytes: 18228234970n });
    expect(value[6]).toMatchObject({ name: "fw0", mac: null, mtu: 4078, txBytes: 1038n });
  });

  test("macOS netstat -i: names cut to 5 characters, rows without an address", () => {
    const { value, skipped } = parse(readCapture("macos/netstat-i__jc-osx10146.txt"));
    expect(skipped).toEqual([]);
    expect(value.filter((r) => r.name === "vmnet").map((r) => r.mac)).toEqual(["00:50:56:c0:00:01", "00:50:56:c0:00:08"]);
    expect(value.find((r) => r.name === "bridg")).toMatchObject({ mac: "ea:00:fd:08:57:01", mtu: 1500 });
    expect(value.find((r) => r.name === "en0")).toMatchObject({ rxPackets: 23300545n, txPackets: 26448755n, txErrors: 464n, rxBytes: null });
    expect(value.find((r) => r.name === "XHC1")).toMatchObject({ down: true, mtu: null });
  });

  test("Solaris 10 netstat -i: one row per interface, no link rows", () => {
    expect(parse(readCapture("illumos/netstat-i-solaris10__getmac.txt"))).toEqual({
      value: [
        { ...nulls, name: "lo0", down: false, mtu: 8232, mac: null, rxPackets: 253n, rxErrors: 0n, txPackets: 253n, txErrors: 0n },
        { ...nulls, name: "e1000g0", down: false, mtu: 1500, mac: null, rxPackets: 27630n, rxErrors: 0n, txPackets: 14952n, txErrors: 0n },
      ],
      skipped: [],
    });
  });
});
