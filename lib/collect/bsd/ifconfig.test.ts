import { describe, expect, test } from "vitest";
import { emptyInterface } from "@/lib/collect/common/interface";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { parse } from "./ifconfig";

const row = (name: string, fields: Partial<ReturnType<typeof emptyInterface>>) => ({ ...emptyInterface(name), ...fields });

describe("ifconfig -a", () => {
  test("FreeBSD 12, MTU 9000, CIDR inet, negotiated 10Gbase-SR full duplex", () => {
    expect(parse(readCapture("freebsd/ifconfig-mtu9000__jc-freebsd12-extra2.txt"))).toEqual({
      value: [row("ix0", { kind: "ether", mac: "00:1b:21:8b:f8:2c", mtu: 9000, state: "up", speedMbps: 10000, duplex: "full", addresses: ["10.10.2.101/24"] })],
      skipped: [],
    });
  });

  test("FreeBSD 12, hex netmask, IPv6 with scope, fixed 100GBase-SR4 media, option lines ignored", () => {
    expect(parse(readCapture("freebsd/ifconfig-ipv6__jc-freebsd12-extra4.txt"))).toEqual({
      value: [
        row("mce0", {
          kind: "ether",
          mac: "0c:42:a1:2b:03:74",
          mtu: 1500,
          state: "up",
          speedMbps: 100000,
          duplex: "full",
          addresses: ["23.246.26.130/25", "fe80::e42:a1ff:fe2b:374/64", "2a00:86c0:1026:1026::130/64"],
        }),
      ],
      skipped: [],
    });
  });

  test("macOS 10.14: loopback, tunnels, MTU 0 devices, bridge, inactive ports", () => {
    const { value, skipped } = parse(readCapture("macos/ifconfig__jc-osx10146.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((i) => i.name)).toEqual([
      "lo0", "gif0", "stf0", "XHC1", "XHC0", "XHC20", "en5", "en0", "p2p0", "awdl0", "en1", "en2", "en3", "en4", "bridge0", "utun0", "utun1", "utun2", "utun3", "utun4",
    ]);
    const byName = new Map(value.map((i) => [i.name, i]));
    expect(byName.get("lo0")).toEqual(row("lo0", { kind: "loopback", mtu: 16384, state: "up", addresses: ["127.0.0.1/8", "::1/128", "fe80::1/64"] }));
    expect(byName.get("en0")).toEqual(
      row("en0", {
        kind: "ether",
        mac: "f0:18:98:03:d9:30",
        mtu: 1500,
        state: "up",
        addresses: ["fe80::8b7:1281:7499:b504/64", "192.168.1.72/24", "2600:1700:bab0:d40:bb:9ad:34c5:2e9a/64", "2600:1700:bab0:d40:4573:9380:5ecb:ef52/64", "2600:1700:bab0:d40::24/64"],
      }),
    );
    // "autoselect <full-duplex>" with status inactive: nothing negotiated
    expect(byName.get("en1")).toMatchObject({ state: "down", speedMbps: null, duplex: null, mac: "02:00:31:81:83:05" });
    expect(byName.get("bridge0")).toMatchObject({ kind: "bridge", state: "down", mac: "02:00:31:81:94:02" });
    expect(byName.get("XHC1")).toMatchObject({ mtu: null, state: "down", kind: null });
    expect(byName.get("utun1")).toMatchObject({ kind: "tun", mtu: 1380, state: "up" });
  });

  test("illumos (SmartOS): lo0 listed per family, hex mask without 0x, 'mtu1500' without a space, unpadded MACs", () => {
    expect(parse(readCapture("illumos/ifconfig-a__smartos-docs-nfs.txt"))).toEqual({
      value: [
        row("lo0", { kind: "loopback", mtu: 8232, state: "up", addresses: ["127.0.0.1/8", "::1/128"] }),
        row("e1000g0", { kind: "ether", mac: "08:00:27:24:cf:6a", mtu: 1500, state: "up", addresses: ["192.168.56.112/24"] }),
        row("nfs0", { kind: "ether", mac: "02:08:20:a6:87:71", mtu: 1500, state: "up", addresses: ["172.25.0.49/24"] }),
      ],
      skipped: [],
    });
  });

  test.each([
    // [capture, interface, ether (mac), hwaddr (permanentMac; undefined: no hwaddr line), mtu, kind, addresses]
    ["freebsd/ifconfig-jail-epair4b-hwaddr__illuria-jailerctl-readme.txt", "epair4b", "58:9c:fc:1d:e9:90", "02:02:f1:34:28:0b", 1500, "ether", ["172.16.100.106/24"]],
    ["freebsd/ifconfig-jail-epair0b-hwaddr__freenas-sftp-jail-id20284797584.txt", "epair0b", "ac:dd:20:2a:cc:08", "02:07:10:00:13:0b", 1500, "ether", ["172.16.58.76/24"]],
    ["freebsd/ifconfig-cxl3-hwaddr__jc-freebsd12-extra3.txt", "cxl3", "00:07:43:3d:b7:70", "00:07:43:3d:b7:88", 1500, "ether", []],
    // a lagg prints hwaddr 00:00:00:00:00:00: no hardware address, not a MAC
    ["freebsd/ifconfig-lagg0-lacp__freebsd15-hypar-blog-id59138529774.txt", "lagg0", "00:25:90:a9:39:8a", null, 1500, "bond", []],
    ["freebsd/ifconfig-vlan162__freebsd15-hypar-blog-id59138529774.txt", "vlan163", "58:9c:fc:1a:e1:4f", undefined, 1496, "vlan", ["10.12.13.14/26"]],
    ["freebsd/ifconfig-bridge-member__bastille-docs-scenarios.txt", "vtnet0bridge", "58:9c:fc:10:ff:90", undefined, 1460, "bridge", ["192.168.1.1/24"]],
  ] as const)("FreeBSD %s: %s keeps ether as mac, hwaddr as permanentMac", (file, name, mac, permanentMac, mtu, kind, addresses) => {
    const { value, skipped } = parse(readCapture(file));
    expect(skipped).toEqual([]);
    const row = value.find((i) => i.name === name);
    expect(row).toMatchObject({ mac, mtu, kind, state: "up", addresses });
    expect(row?.permanentMac).toBe(permanentMac);
    // bridge members, lagg ports and the STP "id"/"root id" lines are not interfaces or MACs of their own
    expect(value.map((i) => i.name).filter((n) => n !== "lo0")).toEqual([name]);
  });

  test("FreeNAS 11 jail host: every epair and the NIC print hwaddr equal to ether; bridge0 and lo0 print none", () => {
    const { value, skipped } = parse(readCapture("freebsd/ifconfig-bridge-epair-hwaddr__freenas-plex-dlna-post-id9005619043.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((i) => [i.name, i.kind, i.mac, i.permanentMac, i.state])).toEqual([
      ["re0", "ether", "fc:aa:14:20:6b:a2", "fc:aa:14:20:6b:a2", "up"],
      ["em0", "ether", "00:0e:0c:76:89:ed", "00:0e:0c:76:89:ed", "down"],
      ["lo0", "loopback", null, undefined, "up"],
      ["bridge0", "bridge", "02:1f:9c:73:9c:00", undefined, "up"],
      ...[1, 2, 4, 5, 6, 8, 3, 9, 7, 0].map((n) => {
        const mac = `02:b4:50:00:${(n + 5).toString(16).padStart(2, "0")}:0a`;
        return [`epair${n}a`, "ether", mac, mac, "up"];
      }),
    ]);
    expect(value.find((i) => i.name === "re0")).toMatchObject({ mtu: 1500, speedMbps: 100, duplex: "full", addresses: ["192.168.0.9/24", "fe80::feaa:14ff:fe20:6ba2/64", "2a02:8085:e0c0:2a80:feaa:14ff:fe20:6ba2/64"] });
    expect(value.find((i) => i.name === "epair0a")).toMatchObject({ mtu: 1500, speedMbps: 10000, duplex: "full" });
  });

  test("a hwaddr line that holds no MAC is reported, the interface kept", () => {
    const { value, skipped } = parse("em0: flags=8843<UP,BROADCAST,RUNNING> metric 0 mtu 1500\n\tether 00:0e:0c:76:89:ed\n\thwaddr garbage\n");
    expect(value[0]).toMatchObject({ name: "em0", mac: "00:0e:0c:76:89:ed" });
    expect(value[0]?.permanentMac).toBeUndefined();
    expect(skipped).toEqual([{ line: "\thwaddr garbage", reason: "expected 'hwaddr <MAC>'" }]);
  });

  test("a line outside any interface is skipped", () => {
    expect(parse("ifconfig: not found\n").skipped).toEqual([{ line: "ifconfig: not found", reason: "before the first interface" }]);
  });
});
