import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./arp";

describe("arp -an (FreeBSD, macOS, OpenBSD)", () => {
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
    expect(parse(readCapture(file))).toEqual({ value: expected, skipped: [] });
  });

  test.each([
    ["macos/arp-a__jc-osx10146.txt", 12, { ip: "192.168.1.74", mac: "f0:18:98:05:d8:39", interface: "en0", state: "reachable", router: false }],
    ["macos/arp-a__jc-osx10146-2.txt", 20, { ip: "192.168.1.80", mac: "00:90:a9:ed:f4:3f", interface: "en0", state: "reachable", router: false }],
  ])("macOS %s: names resolved, octets not zero-padded, ifscope", (file, count, row) => {
    const { value, skipped } = parse(readCapture(file));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(count);
    expect(value).toContainEqual(row);
  });

  test("macOS broadcast and multicast entries are noarp, the own address permanent", () => {
    const { value } = parse(readCapture("macos/arp-a__jc-osx10146-2.txt"));
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

test("arp -an on macOS (same host as its ndp -an capture): unresolved, ifscope permanent, bridges, group entries", () => {
  const { value, skipped } = parse(readCapture("macos/arp-an__macos-rust-comment-id55060280610.txt"));
  expect(skipped).toEqual([]);
  expect(value).toHaveLength(17);
  expect(value[0]).toEqual({ ip: "169.254.169.254", mac: null, interface: "en0", state: "incomplete", router: false });
  // the gateway, whose IPv6 neighbor row carries the router flag; ARP cannot tell
  expect(value.find((n) => n.ip === "192.168.0.1")).toEqual({ ip: "192.168.0.1", mac: "f8:ce:21:39:5b:f4", interface: "en0", state: "reachable", router: false });
  // "6:69:3c:a5:6a:3e", "42:6c:f:e9:a8:65", "0:c:29:65:2d:9b": octets padded
  expect(value.filter((n) => ["192.168.0.108", "192.168.0.110", "192.168.5.78"].includes(n.ip)).map((n) => n.mac)).toEqual(["06:69:3c:a5:6a:3e", "42:6c:0f:e9:a8:65", "00:0c:29:65:2d:9b"]);
  // the Mac's own addresses, on en0 and on its three bridges
  expect(value.filter((n) => n.state === "permanent").map((n) => [n.ip, n.interface])).toEqual([
    ["172.16.86.1", "bridge102"],
    ["192.168.0.105", "en0"],
    ["192.168.5.1", "bridge101"],
    ["192.168.62.1", "bridge100"],
  ]);
  // broadcast per subnet and multicast, "permanent" or not, are never a host's MAC
  expect(value.filter((n) => n.state === "noarp").map((n) => n.ip)).toEqual(["172.16.86.255", "192.168.0.255", "192.168.5.255", "192.168.62.255", "224.0.0.251", "232.215.218.197"]);
});
