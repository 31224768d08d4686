import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as esxcfgNics from "./esxcfg-nics";
import * as esxcfgVswitch from "./esxcfg-vswitch";
import * as ipv4 from "./ipv4-get";
import * as neighbors from "./neighbor-list";
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

  test("VCF 9.0 NSX docs (transport node): the whole output indented by the markdown list, the doc's '...' elisions reported", () => {
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__vcf9-nsx-docs-transport-node.txt"))).toEqual({
      value: [{ name: "vmk10", mac: "00:50:56:64:63:4c", mtu: 1700, enabled: true, portset: "DvsPortset-1", portgroup: null, netstack: "vxlan" }],
      skipped: [
        { line: "    ...", reason: "expected Key: Value" },
        { line: "...", reason: "expected a vmknic block with Name, MAC Address, MTU" },
      ],
    });
    expect(ipv4.parse(read("esxcli-network-ip-interface-ipv4-get__vcf9-nsx-docs-transport-node.txt"))).toEqual({
      value: [
        { interface: "vmk0", address: "192.168.210.53/24", type: "STATIC", gateway: null },
        { interface: "vmk1", address: "10.20.20.53/24", type: "STATIC", gateway: null },
        { interface: "vmk10", address: "192.168.250.3/24", type: "STATIC", gateway: null },
      ],
      skipped: [],
    });
  });

  test("vesxi (NSX-T 2.1 lab, ESXi 6.5u1): a markdown indented code block, titles at column 4 and fields at 6", () => {
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__navinrio-nsxt-pks-lab.txt"))).toEqual({
      value: [
        { name: "vmk10", mac: "00:50:56:61:f0:f3", mtu: 1600, enabled: true, portset: "DvsPortset-1", portgroup: null, netstack: "vxlan" },
        { name: "vmk50", mac: "00:50:56:68:e4:33", mtu: 1500, enabled: true, portset: "DvsPortset-1", portgroup: null, netstack: "hyperbus" },
      ],
      skipped: [],
    });
    expect(ipv4.parse(read("esxcli-network-ip-interface-ipv4-get__navinrio-nsxt-pks-lab.txt")).value.map((a) => [a.interface, a.address])).toEqual([
      ["vmk0", "192.168.1.83/24"],
      ["vmk10", "10.20.30.30/24"],
      ["vmk50", "169.254.1.1/16"],
    ]);
  });

  test("esxi-dell-m (VCF 9.0 vSAN docs): vmk0 cut by the doc, vmk1 on a VDS at 9000; a row off its columns; neighbors on vmk1", () => {
    expect(vmknics.parse(read("esxcli-network-ip-interface-list__vcf9-vsan-docs-esxi-dell-m.txt"))).toEqual({
      value: [
        { name: "vmk0", mac: null, mtu: null, enabled: null, portset: null, portgroup: null, netstack: "defaultTcpipStack" },
        { name: "vmk1", mac: "00:50:56:69:96:f0", mtu: 9000, enabled: true, portset: "DvsPortset-0", portgroup: null, netstack: "defaultTcpipStack" },
      ],
      skipped: [{ line: "   <<truncated>>", reason: "expected Key: Value" }],
    });
    expect(ipv4.parse(read("esxcli-network-ip-interface-ipv4-get__vcf9-vsan-docs-esxi-dell-m.txt"))).toEqual({
      value: [{ interface: "vmk1", address: "172.40.0.9/24", type: "STATIC", gateway: null }],
      skipped: [],
    });
    expect(neighbors.parse(read("esxcli-network-ip-neighbor-list-i-vmk1__vcf9-vsan-docs-esxi-dell-m.txt"))).toEqual({
      value: [
        { ip: "172.40.0.12", mac: "00:50:56:61:ce:22", interface: "vmk1", state: "reachable", router: false },
        { ip: "172.40.0.10", mac: "00:50:56:67:1d:b2", interface: "vmk1", state: "reachable", router: false },
        { ip: "172.40.0.11", mac: "00:50:56:6c:fe:c5", interface: "vmk1", state: "reachable", router: false },
      ],
      skipped: [],
    });
  });
});

describe("esxcli key/value blocks: the title is told by indentation, not by column 0", () => {
  const vcf9 = read("esxcli-network-ip-interface-list__ogelbric-vcf9-notes.txt");
  const lines = vcf9.split("\n");

  test.each([
    ["indented by 4 (a markdown code block)", lines.map((l) => (l === "" ? l : `    ${l}`)).join("\n")],
    ["indented by a tab", lines.map((l) => (l === "" ? l : `\t${l}`)).join("\n")],
    ["every line at column 0 (a page that lost the indentation)", lines.map((l) => l.trimStart()).join("\n")],
    ["every line at column 1 (a PDF copy)", lines.map((l) => (l === "" ? l : ` ${l.trimStart()}`)).join("\n")],
  ])("vcf-esxi1 %s reads as published", (_layout, text) => {
    expect(vmknics.parse(text)).toEqual(vmknics.parse(vcf9));
  });

  test("vSwitch blocks share the reader: hp's two vSwitches indented by 3 read alike", () => {
    const hp = read("esxcli-network-vswitch-standard-list__elatov-hp.txt");
    const indented = hp.split("\n").map((l) => (l === "" ? l : `   ${l}`)).join("\n");
    expect(vswitches.parse(indented)).toEqual(vswitches.parse(hp));
  });

  test("a 'Key: Value' line at column 0 after indented fields still opens a block (an esxcli error is not a field)", () => {
    const out = `${vcf9.trimEnd()}\nError: Unknown command or namespace network ip interface list\n`;
    expect(vmknics.parse(out)).toEqual({
      value: vmknics.parse(vcf9).value,
      skipped: [{ line: "Error: Unknown command or namespace network ip interface list", reason: "expected a vmknic block with Name, MAC Address, MTU" }],
    });
  });
});
