import { describe, expect, test } from "vitest";
import type { EsxiTopology } from "@/lib/domain/esxi-topology";
import { detectEsxiInHostMtu } from "./esxi-mtu";
import { chain, esxiHost, vmknic, vmnic, vswitch } from "./esxi-test-builders";
import { input, summary } from "./test-builders";

const base = {
  vmnics: [vmnic("vmnic0", "7c:d3:0a:00:00:10"), vmnic("vmnic1", "7c:d3:0a:00:00:11", 9000)],
  portgroups: [
    { name: "Management Network", vswitch: "vSwitch0", vlanId: 0 },
    { name: "vMotion", vswitch: "vSwitch1", vlanId: 20 },
  ],
};

describe("ESXi in-host MTU (vmnic -> vSwitch -> portgroup -> vmknic)", () => {
  test.each<{ name: string; topology: EsxiTopology; expected: [string, string, string][] }>([
    {
      name: "fault: vmknic at 9000 on a vSwitch at 1500 (jumbo frames dropped inside the host)",
      topology: chain({
        ...base,
        vswitches: [vswitch("vSwitch0", 1500, ["vmnic0"]), vswitch("vSwitch1", 1500, ["vmnic1"])],
        vmknics: [vmknic("vmk0", "7c:d3:0a:00:00:10", 1500, "vSwitch0", "Management Network"), vmknic("vmk1", "00:50:56:6a:00:01", 9000, "vSwitch1", "vMotion")],
      }),
      expected: [
        ["mtu-mismatch", "critical", "mtu-mismatch:esxi:1:vmk1"],
        ["mtu-mismatch", "warning", "mtu-mismatch:esxi:1:vmnic1"],
      ],
    },
    {
      name: "fault, the reverse: vmknic at 1500 on a jumbo vSwitch",
      topology: chain({
        ...base,
        vswitches: [vswitch("vSwitch0", 1500, ["vmnic0"]), vswitch("vSwitch1", 9000, ["vmnic1"])],
        vmknics: [vmknic("vmk1", "00:50:56:6a:00:01", 1500, "vSwitch1", "vMotion")],
      }),
      expected: [["mtu-mismatch", "warning", "mtu-mismatch:esxi:1:vmk1"]],
    },
    {
      name: "benign: two vSwitches at different MTUs, each vmknic matching its own",
      topology: chain({
        ...base,
        vswitches: [vswitch("vSwitch0", 1500, ["vmnic0"]), vswitch("vSwitch1", 9000, ["vmnic1"])],
        vmknics: [vmknic("vmk0", "7c:d3:0a:00:00:10", 1500, "vSwitch0", "Management Network"), vmknic("vmk1", "00:50:56:6a:00:01", 9000, "vSwitch1", "vMotion")],
      }),
      expected: [],
    },
    {
      name: "benign: a jumbo vmknic on a distributed switch (no standard vSwitch to compare) and an unused 1500 NIC",
      topology: chain({
        vmnics: [vmnic("vmnic0", "7c:d3:0a:00:00:10", 9000), vmnic("vmnic3", "7c:d3:0a:00:00:13", 1500)],
        vswitches: [vswitch("vSwitch0", 9000, ["vmnic0"])],
        vmknics: [vmknic("vmk2", "00:50:56:6a:00:02", 9000, null, "dvPG-vSAN")],
      }),
      expected: [],
    },
    {
      name: "edge: MTUs not reported (a vmknic whose esxcli row had no MTU) raise nothing",
      topology: chain({
        ...base,
        vswitches: [vswitch("vSwitch1", null, ["vmnic1"])],
        vmknics: [vmknic("vmk1", "00:50:56:6a:00:01", null, "vSwitch1", "vMotion"), vmknic("vmk2", "00:50:56:6a:00:02", 9000, "vSwitch1", "vMotion")],
      }),
      expected: [],
    },
  ])("$name", ({ topology, expected }) => {
    expect(summary(detectEsxiInHostMtu(input([esxiHost(1, topology)])))).toEqual(expected);
  });

  test("the finding names the vmknic, its portgroup, VLAN and vSwitch, and gives both esxcli fixes", () => {
    const topology = chain({
      ...base,
      vswitches: [vswitch("vSwitch1", 1500, ["vmnic1"])],
      vmknics: [vmknic("vmk1", "00:50:56:6a:00:01", 9000, "vSwitch1", "vMotion", ["172.22.2.11/24"])],
    });
    const [f] = detectEsxiInHostMtu(input([esxiHost(7, topology)]));
    expect(f).toMatchObject({ hostIds: [7], subject: { type: "interface", id: "7/vmk1", label: "esx7 vmk1" } });
    expect(f?.evidence[0]?.fields).toEqual({ vmknic: "vmk1", vmknicMtu: 9000, portgroup: "vMotion", vlan: 20, vswitch: "vSwitch1", vswitchMtu: 1500, uplinks: "vmnic1" });
    expect(f?.fix).toContain("esxcli network ip interface set -i vmk1 -m 1500");
    expect(f?.fix).toContain("esxcli network vswitch standard set -v vSwitch1 -m 9000");
    expect(f?.fix).toContain("vmkping -I vmk1 -d -s 1472");
  });

  test("not ESXi, or no chain stored: nothing", () => {
    const topology = chain({ vswitches: [vswitch("vSwitch1", 1500, [])], vmknics: [vmknic("vmk1", "00:50:56:6a:00:01", 9000, "vSwitch1", "vMotion")] });
    expect(detectEsxiInHostMtu(input([esxiHost(1, topology, { platform: "linux" })]))).toEqual([]);
    expect(detectEsxiInHostMtu(input([esxiHost(1, topology, { topology: { kind: "something-else" } })]))).toEqual([]);
  });
});
