import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as esxcfgVswitch from "./esxcfg-vswitch";
import * as portgroupList from "./portgroup-list";
import * as routeList from "./route-list";
import * as vswitchList from "./vswitch-list";

describe("vSwitches, portgroups, routes", () => {
  test("esxcli network vswitch standard list: MTU, uplinks, portgroups with spaces", () => {
    expect(vswitchList.parse(readCapture("esxi/esxcli-network-vswitch-standard-list__gainanovrus-blog.txt"))).toEqual({
      value: [{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic2"], portgroups: ["WAN network", "Management"] }],
      skipped: [],
    });
  });

  test("esxcli network vswitch standard portgroup list: VLAN IDs", () => {
    expect(portgroupList.parse(readCapture("esxi/esxcli-network-vswitch-standard-portgroup-list__gainanovrus-blog.txt"))).toEqual({
      value: [
        { name: "Management", vswitch: "vSwitch0", vlanId: 0, activeClients: 1 },
        { name: "VM network", vswitch: "vSwitchLAN", vlanId: 0, activeClients: 1 },
        { name: "WAN network", vswitch: "vSwitch0", vlanId: 98, activeClients: 1 },
      ],
      skipped: [],
    });
  });

  test("esxcfg-vswitch -l: the switch table and its nested PortGroup table", () => {
    expect(esxcfgVswitch.parse(readCapture("esxi/esxcfg-vswitch-l__hpe-hpegl-readme.txt"))).toEqual({
      value: {
        vswitches: [{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic0"], portgroups: ["VM Network", "Management Network"] }],
        portgroups: [
          { name: "VM Network", vswitch: "vSwitch0", vlanId: 0, activeClients: 0 },
          { name: "Management Network", vswitch: "vSwitch0", vlanId: 0, activeClients: 1 },
        ],
      },
      skipped: [],
    });
  });

  test("esxcli network ip route ipv4 list: the default gateway", () => {
    expect(routeList.parse(readCapture("esxi/esxcli-network-ip-route-ipv4-list__hpe-hpegl-readme.txt"))).toEqual({
      value: [
        { network: "default", netmask: "0.0.0.0", gateway: "172.26.64.1", vmknic: "vmk0", source: "MANUAL" },
        { network: "172.26.64.0", netmask: "255.255.255.192", gateway: null, vmknic: "vmk0", source: "MANUAL" },
      ],
      skipped: [],
    });
  });
});
