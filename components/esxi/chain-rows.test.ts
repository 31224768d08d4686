import { expect, test } from "vitest";
import { chainRows } from "./chain-rows";

const topology = {
  kind: "esxi" as const,
  vmnics: [{ name: "vmnic2", mac: "a0:36:9f:00:00:00", mtu: 1500, speedMbps: 1000, linkUp: true, driver: "igbn" }],
  vswitches: [{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic2"] }],
  portgroups: [
    { name: "Management", vswitch: "vSwitch0", vlanId: 0 },
    { name: "VM network", vswitch: "vSwitchLAN", vlanId: 0 },
    { name: "WAN network", vswitch: "vSwitch0", vlanId: 98 },
  ],
  vmknics: [
    { name: "vmk0", mac: "00:50:56:6c:01:11", mtu: 1500, enabled: true, portgroup: "Management", vswitch: "vSwitch0", netstack: null, addresses: ["192.168.1.11/24"] },
    { name: "vmk1", mac: "00:50:56:6c:01:12", mtu: 9000, enabled: true, portgroup: "WAN network", vswitch: "vSwitch0", netstack: null, addresses: [] },
    { name: "vmk5", mac: "00:50:56:6c:01:15", mtu: 9000, enabled: true, portgroup: "dvPG-vSAN", vswitch: null, netstack: null, addresses: [] },
  ],
};

test("one row per portgroup, uplinks on the switch's first row, mismatched MTUs marked, other switches after", () => {
  expect(chainRows(topology).map((r) => [r.vswitch, r.uplinks?.map((u) => u.name) ?? null, r.portgroup, r.vlanId, r.vmknics.map((k) => [k.name, k.mtuDiffers])])).toEqual([
    ["vSwitch0", ["vmnic2"], "Management", 0, [["vmk0", false]]],
    ["vSwitch0", null, "WAN network", 98, [["vmk1", true]]],
    ["vSwitchLAN", null, "VM network", 0, []],
    [null, null, "dvPG-vSAN", null, [["vmk5", false]]],
  ]);
});
