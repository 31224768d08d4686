import { describe, expect, test } from "vitest";
import { readShared, sharedMissingReason } from "@/lib/collect/common/test-fixtures";
import { parse } from "./arp";

describe.skipIf(sharedMissingReason !== null)("arp -an (FreeBSD, macOS, OpenBSD)", () => {
  test.each([
    [
      "freebsd/arp-an__chef-ohai.txt",
      [
        { ip: "140.211.10.91", mac: "fa:16:3e:ba:3e:25", interface: "vtnet0", state: "permanent", router: false },
        { ip: "140.211.10.65", mac: "c0:d6:82:36:03:2b", interface: "vtnet0", state: "reachable", router: false },
        { ip: "140.211.10.66", mac: "fa:16:3e:7f:19:ef", interface: "vtnet0", state: "reachable", router: false },
      ],
    ],
    [
      "freebsd/arp-a__jc-freebsd12.txt",
      [
        { ip: "192.168.71.163", mac: "00:0c:29:1a:4e:3b", interface: "em0", state: "permanent", router: false },
        { ip: "192.168.71.2", mac: "00:50:56:f7:4a:fc", interface: "em0", state: "reachable", router: false },
        { ip: "192.168.71.1", mac: "00:50:56:c0:00:08", interface: "em0", state: "reachable", router: false },
      ],
    ],
    [
      "openbsd/arp-an__getmac-openbsd6.txt",
      [
        { ip: "10.0.2.2", mac: "52:54:00:12:35:02", interface: "em0", state: "reachable", router: false },
        { ip: "10.0.2.3", mac: "52:54:00:12:35:03", interface: "em0", state: "stale", router: false },
        { ip: "10.0.2.15", mac: "08:00:27:18:64:56", interface: "em0", state: "permanent", router: false },
      ],
    ],
  ])("%s", (file, expected) => {
    expect(parse(readShared(file))).toEqual({ value: expected, skipped: [] });
  });

  test.each([
    ["macos/arp-a__jc-osx10146.txt", 12, { ip: "192.168.1.74", mac: "f0:18:98:05:d8:39", interface: "en0", state: "reachable", router: false }],
    ["macos/arp-a__jc-osx10146-2.txt", 20, { ip: "192.168.1.80", mac: "00:90:a9:ed:f4:3f", interface: "en0", state: "reachable", router: false }],
  ])("macOS %s: names resolved, octets not zero-padded, ifscope", (file, count, row) => {
    const { value, skipped } = parse(readShared(file));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(count);
    expect(value).toContainEqual(row);
  });

  test("macOS broadcast and multicast entries are noarp, the own address permanent", () => {
    const { value } = parse(readShared("macos/arp-a__jc-osx10146-2.txt"));
    expect(value.filter((n) => n.state === "noarp").map((n) => n.ip)).toEqual(["192.168.1.255", "192.168.71.255", "192.168.101.255", "224.0.0.251", "239.255.255.250"]);
    expect(value.find((n) => n.ip === "192.168.1.221")).toMatchObject({ mac: "a4:83:e7:2e:f2:8f", state: "permanent" });
  });

  test("(incomplete) and expired; garbage is skipped", () => {
    const { value, skipped } = parse("? (10.0.0.9) at (incomplete) on em0 expired [ethernet]\n? (10.0.0.8) at 0:1:2:3:4:5 on em0 expired [ethernet]\nnot arp\n");
    expect(value.map((n) => [n.mac, n.state])).toEqual([
      [null, "incomplete"],
      ["00:01:02:03:04:05", "stale"],
    ]);
    expect(skipped.map((s) => s.line)).toEqual(["not arp"]);
  });
});
