import { describe, expect, test } from "vitest";
import { replayCaptures } from "@/lib/collect/common/test-exec";
import { ESXI_COMMANDS, esxiCollector } from "./index";
import { asEsxiTopology } from "@/lib/domain/esxi-topology";

// Captures from several real hosts (the sources differ; see lab/replay/esxi-*/manifest.tsv).
const ESXCLI = {
  "esxcli network nic list": "esxi/esxcli-network-nic-list__gainanovrus-blog.txt",
  "esxcli network ip interface list": "esxi/esxcli-network-ip-interface-list__gainanovrus-blog.txt",
  "esxcli network ip interface ipv4 get": "esxi/esxcli-network-ip-interface-ipv4-get__gainanovrus-blog.txt",
  "esxcli network vswitch standard list": "esxi/esxcli-network-vswitch-standard-list__gainanovrus-blog.txt",
  "esxcli network vswitch standard portgroup list": "esxi/esxcli-network-vswitch-standard-portgroup-list__gainanovrus-blog.txt",
  "esxcli network ip neighbor list": "esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt",
  "esxcli network ip route ipv4 list": "esxi/esxcli-network-ip-route-ipv4-list__hpe-hpegl-readme.txt",
  "esxcfg-vmknic -l": "esxi/esxcfg-vmknic-l__hpe-hpegl-readme.txt",
};

describe("esxiCollector.collect", () => {
  test("esxcli forms: vmnics and vmknics as interfaces, the vmnic -> vSwitch -> portgroup -> vmknic chain", async () => {
    const exec = replayCaptures(ESXCLI);
    const s = await esxiCollector.collect(exec);
    expect(s.platform).toBe("esxi");
    expect(s.interfaces.map((i) => [i.name, i.kind, i.mtu, i.state])).toEqual([
      ["vmnic0", "ether", 1500, "up"],
      ["vmnic1", "ether", 1500, "down"],
      ["vmnic2", "ether", 1500, "up"],
      ["vmnic3", "ether", 1500, "down"],
      ["vmk0", "vmknic", 1500, "up"],
    ]);
    // an uplink's MAC is its own; a vmknic's MAC is virtual and has no hardware address behind it
    expect(s.interfaces.map((i) => [i.name, i.mac, i.permanentMac])).toEqual([
      ["vmnic0", "7c:d3:0a:00:00:00", "7c:d3:0a:00:00:00"],
      ["vmnic1", "7c:d3:0a:00:00:00", "7c:d3:0a:00:00:00"],
      ["vmnic2", "a0:36:9f:00:00:00", "a0:36:9f:00:00:00"],
      ["vmnic3", "a0:36:9f:00:00:00", "a0:36:9f:00:00:00"],
      ["vmk0", "00:50:56:6c:01:11", undefined],
    ]);
    // IPv6 came from esxcfg-vmknic -l when the esxcli ipv6 command had no answer
    expect(s.interfaces.find((i) => i.name === "vmk0")?.addresses).toEqual(["192.168.1.11/24", "fe80::8ae9:a4ff:fe6b:b854/64"]);
    expect(s.neighbors).toHaveLength(7);
    const topology = asEsxiTopology(s.topology);
    expect(topology?.vswitches).toEqual([{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic2"] }]);
    expect(topology?.portgroups.map((p) => [p.name, p.vswitch, p.vlanId])).toEqual([
      ["Management", "vSwitch0", 0],
      ["VM network", "vSwitchLAN", 0],
      ["WAN network", "vSwitch0", 98],
    ]);
    expect(topology?.vmknics).toEqual([
      { name: "vmk0", mac: "00:50:56:6c:01:11", mtu: 1500, enabled: true, portgroup: "Management", vswitch: "vSwitch0", netstack: "defaultTcpipStack", addresses: ["192.168.1.11/24", "fe80::8ae9:a4ff:fe6b:b854/64"] },
    ]);
    const failed = s.commands.filter((c) => !c.ok && !c.replacedBy).map((c) => c.command);
    expect(failed.sort()).toEqual(["uname -a", "vmware -vl"]);
    expect(s).toMatchObject({ hostname: null, kernel: null, distribution: null });
    expect(s.commands.find((c) => c.command === "esxcli network ip interface ipv6 address list")).toMatchObject({ ok: false, replacedBy: "esxcfg-vmknic -l" });
    // esxcfg-vmknic -l ran once although two chains fall back to it
    expect(exec.calls.filter((c) => c === "esxcfg-vmknic -l")).toHaveLength(1);
    expect(exec.calls.every((c) => ESXI_COMMANDS.includes(c))).toBe(true);
  });

  test("esxcli missing: esxcfg-nics, esxcfg-vmknic and esxcfg-vswitch fill in", async () => {
    // all from the HPE bare-metal ESXi 7.0.3 host, uname -a and vmware -vl included
    const s = await esxiCollector.collect(
      replayCaptures({
        "esxcfg-nics -l": "esxi/esxcfg-nics-l__hpe-hpegl-readme.txt",
        "esxcfg-vmknic -l": "esxi/esxcfg-vmknic-l__hpe-hpegl-readme.txt",
        "esxcfg-vswitch -l": "esxi/esxcfg-vswitch-l__hpe-hpegl-readme.txt",
        "esxcli network ip route ipv4 list": "esxi/esxcli-network-ip-route-ipv4-list__hpe-hpegl-readme.txt",
        "uname -a": "esxi/uname-a__hpegl-metal-os-esxi-iso.txt",
        "vmware -vl": "esxi/vmware-vl__hpegl-metal-os-esxi-iso.txt",
      }),
    );
    expect(s).toMatchObject({ hostname: "esxi.esxi.localdomain", kernel: "VMkernel 7.0.3 x86_64", distribution: "VMware ESXi 7.0.3 build-22348816" });
    expect(s.commands.filter((c) => c.command === "uname -a" || c.command === "vmware -vl").map((c) => c.ok)).toEqual([true, true]);
    expect(s.interfaces.map((i) => [i.name, i.mac, i.permanentMac, i.speedMbps])).toEqual([
      ["vmnic0", "88:e9:a4:6b:b8:54", "88:e9:a4:6b:b8:54", 25000],
      ["vmnic1", "88:e9:a4:6b:b8:55", "88:e9:a4:6b:b8:55", 25000],
      // vmk0 took vmnic0's address at install: the same MAC on the vmknic and its uplink
      ["vmk0", "88:e9:a4:6b:b8:54", undefined, null],
    ]);
    const topology = asEsxiTopology(s.topology);
    expect(topology?.vmknics[0]).toMatchObject({ name: "vmk0", portgroup: "Management Network", vswitch: "vSwitch0" });
    expect(topology?.portgroups.map((p) => p.name)).toEqual(["VM Network", "Management Network"]);
    expect(s.commands.find((c) => c.command === "esxcli network nic list")).toMatchObject({ replacedBy: "esxcfg-nics -l" });
  });

  test("nothing answers: the collection fails with the first command's error", async () => {
    await expect(esxiCollector.collect(replayCaptures({}))).rejects.toThrow(/exit 127/);
  });
});
