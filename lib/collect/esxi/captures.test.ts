import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as esxcfgNics from "./esxcfg-nics";
import * as esxcfgVswitch from "./esxcfg-vswitch";
import * as ipv4 from "./ipv4-get";
import * as vmknics from "./ip-interface-list";
import * as nicList from "./nic-list";
import * as portgroups from "./portgroup-list";
import * as routes from "./route-list";
import * as vswitches from "./vswitch-list";

// Real outputs this project collected (tests/fixtures/esxi, sources in each file's first line).
const read = (name: string) => readCapture(`esxi/${name}`);

describe("ESXi captures from one host each", () => {
  test("vcf-esxi1 (nested VCF 9): vmk0 raised to MTU 9000 on vSwitch0; vmnics at 9000 and 1500", () => {
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__ogelbric-vcf9-notes.txt"))).toEqual({
      value: [{ name: "vmk0", mac: "00:50:56:9f:78:3b", mtu: 9000, enabled: true, portset: "vSwitch0", portgroup: "Management Network", netstack: "defaultTcpipStack" }],
      skipped: [],
    });
    const nics = esxcfgNics.parse(read("esxcfg-nics-l__ogelbric-vcf9-notes.txt"));
    expect(nics.skipped).toEqual([]);
    expect(nics.value.map((n) => [n.name, n.mac, n.mtu, n.speedMbps, n.linkUp])).toEqual([
      ["vmnic0", "00:50:56:9f:78:3b", 9000, 10000, true],
      ["vmnic1", "00:50:56:9f:1c:73", 1500, 10000, true],
      ["vmnic2", "00:50:56:9f:3c:f8", 1500, 10000, true],
      ["vmnic3", "00:50:56:9f:e8:59", 9000, 10000, true],
      ["vmnic4", "00:50:56:9f:8c:8a", 9000, 10000, true],
      ["vmnic5", "00:50:56:9f:25:3f", 9000, 10000, true],
    ]);
  });

  test("hp (homelab): vSwitch0 at 1500 and a storage vSwitch at 9000, with their portgroups and VLANs", () => {
    expect(vswitches.parse(read("esxcli-network-vswitch-standard-list__elatov-hp.txt"))).toEqual({
      value: [
        { name: "vSwitch0", mtu: 1500, uplinks: ["vmnic0"], portgroups: ["VM_VLAN1", "VM Network", "VM_VLAN3", "Management Network"] },
        { name: "storage", mtu: 9000, uplinks: ["vmnic32"], portgroups: ["nfs-for-vm", "iscsi"] },
      ],
      skipped: [],
    });
    const pgs = portgroups.parse(read("esxcli-network-vswitch-standard-portgroup-list__elatov-hp.txt"));
    expect(pgs.skipped).toEqual([]);
    expect(pgs.value.map((p) => [p.name, p.vswitch, p.vlanId])).toEqual([
      ["Management Network", "vSwitch0", 0],
      ["VM Network", "vSwitch0", 0],
      ["VM_VLAN1", "vSwitch0", 0],
      ["VM_VLAN3", "vSwitch0", 3],
      ["iscsi", "storage", 0],
      ["nfs-for-vm", "storage", 0],
    ]);
  });

  test("esx01 on an NSX-T N-VDS: the N-VDS table has no MTU column, vmk0 sits on a DVS portset", () => {
    expect(esxcfgVswitch.parse(read("esxcfg-vswitch-l__apnex-nsx-verify.txt"))).toEqual({
      value: {
        vswitches: [
          { name: "vSwitch0", mtu: 1500, uplinks: [], portgroups: ["VM Network", "external"] },
          { name: "hs-fabric", mtu: null, uplinks: ["vmnic0"], portgroups: [] },
        ],
        portgroups: [
          { name: "VM Network", vswitch: "vSwitch0", vlanId: 0, activeClients: 0 },
          { name: "external", vswitch: "vSwitch0", vlanId: 0, activeClients: 0 },
        ],
      },
      skipped: [],
    });
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__apnex-nsx-verify.txt")).value).toEqual([
      { name: "vmk0", mac: "00:de:ad:be:ef:11", mtu: 1500, enabled: true, portset: "DvsPortset-0", portgroup: null, netstack: "defaultTcpipStack" },
    ]);
    expect(nicList.parse(read("esxcli-network-nic-list__apnex-nsx-verify.txt")).value.map((n) => [n.name, n.mac, n.mtu, n.adminUp, n.linkUp])).toEqual([
      ["vmnic0", "00:de:ad:be:ef:11", 9000, true, true],
      ["vmnic1", "00:de:ad:be:ef:12", 1500, true, true],
    ]);
    expect(routes.parse(read("esxcli-network-ip-route-ipv4-list__apnex-nsx-verify.txt")).value).toEqual([
      { network: "default", netmask: "0.0.0.0", gateway: "172.16.10.1", vmknic: "vmk0", source: "MANUAL" },
      { network: "172.16.10.0", netmask: "255.255.255.0", gateway: null, vmknic: "vmk0", source: "MANUAL" },
    ]);
  });

  test("VSAN03 (ESXi 7): management and vSAN vmknics with their addresses", () => {
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__halcyon098-study-VSAN03.txt")).value.map((k) => [k.name, k.mac, k.portset, k.portgroup])).toEqual([
      ["vmk0", "34:40:b5:b0:08:28", "vSwitch0", "Management Network"],
      ["vmk2", "00:50:56:62:76:bd", "vSwitch1", "VSAN"],
    ]);
    expect(ipv4.parse(read("esxcli-network-ip-interface-ipv4-get__halcyon098-study-VSAN03.txt"))).toEqual({
      value: [
        { interface: "vmk0", address: "10.65.17.33/24", type: "STATIC", gateway: null },
        { interface: "vmk2", address: "192.168.17.33/24", type: "STATIC", gateway: null },
      ],
      skipped: [],
    });
  });
});
