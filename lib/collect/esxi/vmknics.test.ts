import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as esxcfgVmknic from "./esxcfg-vmknic";
import * as vmknicList from "./ip-interface-list";
import * as ipv4 from "./ipv4-get";
import * as ipv6 from "./ipv6-address-list";

describe("VMkernel NICs and their addresses", () => {
  test.each([
    ["esxi/esxcli-network-ip-interface-list__gainanovrus-blog.txt", { name: "vmk0", mac: "00:50:56:6c:01:11", mtu: 1500, enabled: true, portset: "vSwitch0", portgroup: "Management", netstack: "defaultTcpipStack" }],
    // 5.x: no Netstack Instance line
    ["esxi/esxcli-network-ip-interface-list__tunupgh-blog.txt", { name: "vmk0", mac: "6c:62:6d:a3:2e:c2", mtu: 1500, enabled: true, portset: "vSwitch0", portgroup: "Management Network", netstack: "defaultTcpipStack" }],
  ])("esxcli network ip interface list %s", (file, vmk0) => {
    expect(vmknicList.parse(readCapture(file))).toEqual({ value: [vmk0], skipped: [] });
  });

  test.each([
    ["esxi/esxcli-network-ip-interface-ipv4-get__gainanovrus-blog.txt", { interface: "vmk0", address: "192.168.1.11/24", type: "STATIC", gateway: "192.168.1.1" }],
    ["esxi/esxcli-network-ip-interface-ipv4-get__tunupgh-blog.txt", { interface: "vmk0", address: "172.16.0.10/24", type: "STATIC", gateway: null }],
  ])("esxcli network ip interface ipv4 get %s (with and without the Gateway column)", (file, row) => {
    expect(ipv4.parse(readCapture(file))).toEqual({ value: [row], skipped: [] });
  });

  test("esxcfg-vmknic -l: multi-word columns, an IPv6 row with empty Broadcast", () => {
    expect(esxcfgVmknic.parse(readCapture("esxi/esxcfg-vmknic-l__hpe-hpegl-readme.txt"))).toEqual({
      value: [
        { name: "vmk0", portgroup: "Management Network", family: "ipv4", address: "172.26.64.10/26", mac: "88:e9:a4:6b:b8:54", mtu: 1500, enabled: true, netstack: "defaultTcpipStack" },
        { name: "vmk0", portgroup: "Management Network", family: "ipv6", address: "fe80::8ae9:a4ff:fe6b:b854/64", mac: "88:e9:a4:6b:b8:54", mtu: 1500, enabled: true, netstack: "defaultTcpipStack" },
      ],
      skipped: [],
    });
  });

  test("esxcli network ip interface ipv6 address list: no real capture; malformed input is skipped, not thrown", () => {
    expect(ipv6.parse("")).toEqual({ value: [], skipped: [] });
    const { value, skipped } = ipv6.parse("Error: Unknown command or namespace network ip interface ipv6 address list\n");
    expect(value).toEqual([]);
    expect(skipped).toHaveLength(1);
  });

  test("key/value blocks with a stray line: the line is skipped, the block kept", () => {
    const out = readCapture("esxi/esxcli-network-ip-interface-list__tunupgh-blog.txt").replace("   MTU: 1500", "   MTU: 1500\n   this line has no colon");
    const { value, skipped } = vmknicList.parse(out);
    expect(value[0]?.mtu).toBe(1500);
    expect(skipped).toEqual([{ line: "   this line has no colon", reason: "expected Key: Value" }]);
  });
});
