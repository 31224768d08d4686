import { describe, expect, test } from "vitest";
import { replayCaptures } from "@/lib/collect/common/test-exec";
import { WINDOWS_COMMANDS, windowsCollector } from "./index";
import { GET_NETADAPTERSTATISTICS_COMMAND } from "./get-netadapterstatistics";
import { GET_NETIPADDRESS_COMMAND } from "./get-netipaddress";
import { GET_NETIPADDRESS_TEXT_COMMAND } from "./get-netipaddress-list";
import { GET_NETIPINTERFACE_COMMAND } from "./get-netipinterface";
import { GET_NETNEIGHBOR_COMMAND } from "./get-netneighbor";
import { GET_NETADAPTER_TEXT_COMMAND, GET_NETADAPTERSTATISTICS_TEXT_COMMAND, GET_NETIPINTERFACE_TEXT_COMMAND } from "./text-tables";

describe("windowsCollector.collect", () => {
  test("no PowerShell JSON: the text commands (real captures) fill interfaces, MTUs and neighbors", async () => {
    const exec = replayCaptures({
      'powershell -NoProfile -NonInteractive -Command "Get-NetAdapter"': "windows/get-netadapter__ms-windows-itpro-docs.txt",
      "netsh interface ipv4 show subinterfaces": "windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt",
      "netsh interface ipv4 show neighbors": "windows/netsh-int-ipv4-show-neigh__getmac-win10.txt",
      "arp -a": "windows/arp-a-multi-interface__getmac-win10.txt",
    });
    const s = await windowsCollector.collect(exec);
    expect(s.platform).toBe("windows");
    expect(s.interfaces.map((i) => [i.name, i.kind, i.mac, i.mtu, i.speedMbps, i.rxBytes])).toEqual([
      ["Ethernet 2", "ether", "00:15:5d:83:26:06", null, 1000, null],
      ["Ethernet", "ether", "00:15:5d:83:26:05", null, 10000, null],
      ["Loopback Pseudo-Interface 1", "loopback", null, null, null, 0n],
      ["Ethernet0", null, null, 1500, null, 191869171301n],
      ["Ethernet1", null, null, 9000, null, 7686n],
      ["Ethernet2", null, null, 9000, null, 21864n],
      ["Ethernet3", null, null, 9000, null, 39867n],
      ["Ethernet4", null, null, 9000, null, 88169n],
      ["Ethernet5", null, null, 9000, null, 55453n],
    ]);
    // netsh (before arp -a): named interfaces and NUD states
    expect(s.neighbors.filter((n) => n.state !== "noarp").map((n) => [n.ip, n.interface, n.state])).toEqual([
      ["10.0.0.1", "Ethernet 4", "reachable"],
      ["10.0.0.175", "Ethernet 4", "stale"],
      ["10.0.0.187", "Ethernet 4", "stale"],
      ["10.0.0.198", "Ethernet 4", "stale"],
      ["192.168.17.1", "VMware Network Adapter VMnet1", "failed"],
    ]);
    expect(s.commands.find((c) => c.command === GET_NETNEIGHBOR_COMMAND)).toMatchObject({ ok: false, replacedBy: "netsh interface ipv4 show neighbors" });
    expect(exec.calls).toContain("netsh interface ipv6 show neighbors");
    expect(exec.calls.every((c) => WINDOWS_COMMANDS.includes(c))).toBe(true);
  });

  test("without netsh: arp -a, with interfaces named by index where an adapter has it", async () => {
    const s = await windowsCollector.collect(replayCaptures({ "arp -a": "windows/arp-a-multi-interface__getmac-win10.txt" }));
    expect(s.neighbors.filter((n) => n.state === "reachable").map((n) => n.interface)).toEqual(["10.0.0.185", "10.0.0.185", "10.0.0.185", "10.0.0.185"]);
    expect(s.commands.map((c) => [c.command.slice(0, 40), c.ok])).toContainEqual(["arp -a", true]);
  });
});

// Each test replays outputs of one host (the captures' provenance lines say which are the same host).
describe("windowsCollector.collect with PowerShell's default views (tests/fixtures)", () => {
  test("no ConvertTo-Json: Get-NetAdapter, Get-NetIPInterface and Get-NetIPAddress text give states, MTUs and addresses", async () => {
    const exec = replayCaptures({
      [GET_NETADAPTER_TEXT_COMMAND]: "windows/get-netadapter__rsmith7712-powershell-scripts.txt",
      [GET_NETIPINTERFACE_TEXT_COMMAND]: "windows/get-netipinterface__rsmith7712-powershell-scripts.txt",
      [GET_NETIPADDRESS_TEXT_COMMAND]: "windows/get-netipaddress__rsmith7712-powershell-scripts.txt",
    });
    const s = await windowsCollector.collect(exec);
    expect(s.interfaces.map((i) => [i.name, i.kind, i.state, i.mac, i.mtu, i.speedMbps, i.addresses])).toEqual([
      ["Npcap Loopback Adapter", "loopback", "down", "02:00:4c:4f:4f:50", null, null, []],
      ["Wi-Fi", "ether", "down", "c2:23:d0:6c:7a:92", 1500, null, ["169.254.194.117/16"]],
      ["Ethernet", "ether", "up", "48:2a:e3:13:e8:34", 1500, 1000, ["192.168.150.176/24"]],
      ["Local Area Connection* 12", null, "unknown", null, 1500, null, ["fe80::91ad:582d:e51c:e315/64", "169.254.39.11/16"]],
      ["Local Area Connection* 1", null, "unknown", null, 1500, null, ["fe80::3541:9671:a62f:1558/64", "169.254.246.245/16"]],
      ["Loopback Pseudo-Interface 1", "loopback", "unknown", null, 1500, null, ["::1/128", "127.0.0.1/8"]],
    ]);
    expect(s.commands.find((c) => c.command === GET_NETIPADDRESS_COMMAND)).toMatchObject({ ok: false, replacedBy: GET_NETIPADDRESS_TEXT_COMMAND });
    expect(s.commands.find((c) => c.command === GET_NETIPINTERFACE_COMMAND)).toMatchObject({ ok: false, replacedBy: GET_NETIPINTERFACE_TEXT_COMMAND });
    expect(s.commands.find((c) => c.command === GET_NETIPADDRESS_TEXT_COMMAND)).toMatchObject({ ok: true });
    // the table answered, so netsh's subinterfaces view is not needed
    expect(exec.calls).not.toContain("netsh interface ipv4 show subinterfaces");
    expect(exec.calls.every((c) => WINDOWS_COMMANDS.includes(c))).toBe(true);
  });

  test("no ConvertTo-Json: Get-NetAdapterStatistics' table gives the byte and packet counters", async () => {
    const s = await windowsCollector.collect(
      replayCaptures({
        [GET_NETADAPTER_TEXT_COMMAND]: "windows/get-netadapter__brenocrs-blog.txt",
        [GET_NETADAPTERSTATISTICS_TEXT_COMMAND]: "windows/get-netadapterstatistics__brenocrs-blog.txt",
      }),
    );
    expect(s.interfaces.map((i) => [i.name, i.kind, i.state, i.rxBytes, i.txBytes, i.rxPackets, i.txPackets, i.rxErrors])).toEqual([
      ["Ethernet 3", "ether", "up", 0n, 0n, 0n, 0n, null],
      ["Ethernet", "ether", "down", 0n, 0n, 0n, 0n, null],
      ["vEthernet (WSL)", "bridge", "up", 137032651n, 64972669n, 73436n, 84576n, null],
      ["Wi-Fi", "ether", "up", 548825411n, 29951278n, 437865n, 124685n, null],
      // disabled: Get-NetAdapterStatistics does not list it
      ["Ethernet 2", "ether", "down", null, null, null, null, null],
    ]);
    expect(s.commands.find((c) => c.command === GET_NETADAPTERSTATISTICS_COMMAND)).toMatchObject({ ok: false, replacedBy: GET_NETADAPTERSTATISTICS_TEXT_COMMAND });
  });
});
