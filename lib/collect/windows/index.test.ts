import { describe, expect, test } from "vitest";
import { replayShared } from "@/lib/collect/common/test-exec";
import { sharedMissingReason } from "@/lib/collect/common/test-fixtures";
import { WINDOWS_COMMANDS, windowsCollector } from "./index";
import { GET_NETNEIGHBOR_COMMAND } from "./get-netneighbor";

describe.skipIf(sharedMissingReason !== null)("windowsCollector.collect", () => {
  test("no PowerShell JSON: the text commands (real captures) fill interfaces, MTUs and neighbors", async () => {
    const exec = replayShared({
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
    const s = await windowsCollector.collect(replayShared({ "arp -a": "windows/arp-a-multi-interface__getmac-win10.txt" }));
    expect(s.neighbors.filter((n) => n.state === "reachable").map((n) => n.interface)).toEqual(["10.0.0.185", "10.0.0.185", "10.0.0.185", "10.0.0.185"]);
    expect(s.commands.map((c) => [c.command.slice(0, 40), c.ok])).toContainEqual(["arp -a", true]);
  });
});
