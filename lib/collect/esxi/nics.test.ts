import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as esxcfgNics from "./esxcfg-nics";
import * as nicList from "./nic-list";

describe("physical NICs", () => {
  test("esxcli network nic list (Admin Status + Link Status era): down links report no speed or duplex", () => {
    const { value, skipped } = nicList.parse(readCapture("esxi/esxcli-network-nic-list__gainanovrus-blog.txt"));
    expect(skipped).toEqual([]);
    expect(value).toEqual([
      { name: "vmnic0", pci: "0000:81:00.0", driver: "ixgben", adminUp: true, linkUp: true, speedMbps: 10000, duplex: "full", mac: "7c:d3:0a:00:00:00", mtu: 1500, description: "Intel Corporation 82599EB 10-Gigabit SFI/SFP+ Network Connection" },
      { name: "vmnic1", pci: "0000:81:00.1", driver: "ixgben", adminUp: true, linkUp: false, speedMbps: null, duplex: null, mac: "7c:d3:0a:00:00:00", mtu: 1500, description: "Intel Corporation 82599EB 10-Gigabit SFI/SFP+ Network Connection" },
      { name: "vmnic2", pci: "0000:01:00.0", driver: "igbn", adminUp: true, linkUp: true, speedMbps: 1000, duplex: "full", mac: "a0:36:9f:00:00:00", mtu: 1500, description: "Intel Corporation Ethernet Server Adapter I350-T2" },
      { name: "vmnic3", pci: "0000:01:00.1", driver: "igbn", adminUp: true, linkUp: false, speedMbps: null, duplex: null, mac: "a0:36:9f:00:00:00", mtu: 1500, description: "Intel Corporation Ethernet Server Adapter I350-T2" },
    ]);
  });

  test.each([
    [
      "esxi/esxcfg-nics-l__hpe-hpegl-readme.txt",
      [
        { name: "vmnic0", pci: "0000:0f:00.0", driver: "nmlx5_core", adminUp: null, linkUp: true, speedMbps: 25000, duplex: "full", mac: "88:e9:a4:6b:b8:54", mtu: 1500, description: "Mellanox Technologies MT27800 Family [ConnectX-5]" },
        { name: "vmnic1", pci: "0000:0f:00.1", driver: "nmlx5_core", adminUp: null, linkUp: true, speedMbps: 25000, duplex: "full", mac: "88:e9:a4:6b:b8:55", mtu: 1500, description: "Mellanox Technologies MT27800 Family [ConnectX-5]" },
      ],
    ],
    [
      // trailing spaces after the header's Description
      "esxi/esxcfg-nics-l__tunupgh-blog.txt",
      [{ name: "vmnic0", pci: "0000:06:00.00", driver: "r8168", adminUp: null, linkUp: true, speedMbps: 100, duplex: "full", mac: "6c:62:6d:a3:2e:c2", mtu: 1500, description: "Realtek Realtek 8168 Gigabit Ethernet" }],
    ],
  ])("esxcfg-nics -l %s", (file, expected) => {
    expect(esxcfgNics.parse(readCapture(file))).toEqual({ value: expected, skipped: [] });
  });

  test("a row that is not a NIC is skipped, the rest kept", () => {
    const { value, skipped } = esxcfgNics.parse(`${readCapture("esxi/esxcfg-nics-l__hpe-hpegl-readme.txt")}oops\n`);
    expect(value).toHaveLength(2);
    expect(skipped).toEqual([{ line: "oops", reason: expect.any(String) }]);
  });
});
