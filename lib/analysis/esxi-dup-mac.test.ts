import { describe, expect, test } from "vitest";
import type { EsxiTopology } from "@/lib/domain/esxi-topology";
import { classifyEsxiMac, detectEsxiVmknicMac, esxiVmknicMacFix } from "./esxi-dup-mac";
import { chain, esxiHost, vmknic, vmnic, vswitch } from "./esxi-test-builders";
import { input, summary } from "./test-builders";

const HW = "88:e9:a4:6b:b8:54";
const switches = [vswitch("vSwitch0", 1500, ["vmnic0"])];

describe("ESXi vmknic MACs", () => {
  test.each<{ name: string; topology: EsxiTopology; expected: [string, string, string][] }>([
    {
      name: "fault: two vmknics share one MAC",
      topology: chain({
        vmnics: [vmnic("vmnic0", HW)],
        vswitches: switches,
        vmknics: [
          vmknic("vmk0", HW, 1500, "vSwitch0", "Management Network", ["172.26.64.10/26"]),
          vmknic("vmk1", HW, 1500, "vSwitch0", "vMotion", ["172.26.65.10/26"]),
        ],
      }),
      expected: [["duplicate-mac", "critical", `duplicate-mac:${HW}`]],
    },
    {
      name: "fault: vmk0 kept the MAC of a NIC that was swapped out",
      topology: chain({
        vmnics: [vmnic("vmnic0", "88:e9:a4:00:00:99")],
        vswitches: switches,
        vmknics: [vmknic("vmk0", HW, 1500, "vSwitch0", "Management Network", ["172.26.64.10/26"])],
      }),
      expected: [["duplicate-mac", "warning", `duplicate-mac:${HW}`]],
    },
    {
      name: "benign: vmk0 uses its uplink vmnic0's MAC (as ESXi sets it at install)",
      topology: chain({
        vmnics: [vmnic("vmnic0", HW), vmnic("vmnic1", "88:e9:a4:6b:b8:55")],
        vswitches: switches,
        vmknics: [vmknic("vmk0", HW, 1500, "vSwitch0", "Management Network", ["172.26.64.10/26", "fe80::8ae9:a4ff:fe6b:b854/64"])],
      }),
      expected: [],
    },
    {
      name: "benign: VMware-generated vmknic MACs one digit apart",
      topology: chain({
        vmnics: [vmnic("vmnic0", HW)],
        vswitches: switches,
        vmknics: [
          vmknic("vmk1", "00:50:56:6c:01:11", 1500, "vSwitch0", "vMotion", ["172.22.2.11/24"]),
          vmknic("vmk2", "00:50:56:6c:01:12", 1500, "vSwitch0", "vSAN", ["172.22.1.11/24"]),
        ],
      }),
      expected: [],
    },
    {
      name: "edge: no NIC list collected (esxcli nic list failed): a hardware-looking vmknic MAC is not judged",
      topology: chain({ vmknics: [vmknic("vmk0", HW, 1500, null, "Management Network", ["172.26.64.10/26"])] }),
      expected: [],
    },
  ])("$name", ({ topology, expected }) => {
    expect(summary(detectEsxiVmknicMac(input([esxiHost(3, topology)])))).toEqual(expected);
  });

  test("the shared-MAC fix names the second vmknic, FollowHardwareMac and the recreate commands", () => {
    const topology = chain({
      vmnics: [vmnic("vmnic0", HW)],
      vmknics: [vmknic("vmk0", HW, 1500, "vSwitch0", "Management Network", ["172.26.64.10/26"]), vmknic("vmk1", HW, 1500, "vSwitch0", "vMotion", ["172.26.65.10/26"])],
    });
    const [f] = detectEsxiVmknicMac(input([esxiHost(3, topology)]));
    expect(f?.fix).toContain("esxcfg-advcfg -s 1 /Net/FollowHardwareMac");
    expect(f?.fix).toContain("esxcli network ip interface remove -i vmk1");
    expect(f?.fix).toContain("esxcli network ip interface add -i vmk1 -p vMotion");
    expect(f?.fix).toContain("-I 172.26.65.10");
    expect(f?.evidence.map((e) => e.fields.vmknic)).toEqual(["vmk0", "vmk1"]);
  });

  test("classification for the generic duplicate-MAC text", () => {
    const topology = chain({ vmnics: [vmnic("vmnic0", HW)], vmknics: [vmknic("vmk0", HW, 1500, "vSwitch0", "Management Network")] });
    expect(classifyEsxiMac(topology, HW)).toEqual({ type: "follows-nic", vmknic: "vmk0", vmnic: "vmnic0" });
    expect(classifyEsxiMac(topology, "00:11:22:33:44:55")).toEqual({ type: "none" });
    expect(esxiVmknicMacFix("esx1", { name: "vmk3", portgroup: null, addresses: [] })).toContain("-p <portgroup>");
    // Names the host reported reach a pasted command as one quoted word, never as shell code.
    expect(esxiVmknicMacFix("esx1", { name: "vmk3", portgroup: "VM Network$(reboot)", addresses: [] })).toContain("-p 'VM Network$(reboot)'");
  });
});
