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

  test("a line outside any interface is skipped", () => {
    expect(parse("ifconfig: not found\n").skipped).toEqual([{ line: "ifconfig: not found", reason: "before the first interface" }]);
  });
});
