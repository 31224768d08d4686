import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Platform } from "@/lib/collect/collector";
import { listShared, readShared, sharedMissingReason } from "@/lib/collect/common/test-fixtures";
import { ESXI_COMMANDS } from "@/lib/collect/esxi";
import { bsdCommands } from "@/lib/collect/bsd";
import { ILLUMOS_COMMANDS } from "@/lib/collect/illumos";
import { LINUX_COMMANDS } from "@/lib/collect/linux";
import { WINDOWS_COMMANDS } from "@/lib/collect/windows";
import { findParser } from "./parse-commands";
import { run } from "./parse";

// Every capture of the non-Linux platforms in ../shared/fixtures, with the command it was
// captured from (as its source shows it) and the platform it ran on.
const CAPTURED_WITH: Record<string, [Platform, string]> = {
  "esxi/esxcfg-nics-l__hpe-hpegl-readme.txt": ["esxi", "esxcfg-nics -l"],
  "esxi/esxcfg-nics-l__tunupgh-blog.txt": ["esxi", "esxcfg-nics -l"],
  "esxi/esxcfg-vmknic-l__hpe-hpegl-readme.txt": ["esxi", "esxcfg-vmknic -l"],
  "esxi/esxcfg-vswitch-l__hpe-hpegl-readme.txt": ["esxi", "esxcfg-vswitch -l"],
  "esxi/esxcli-network-ip-interface-ipv4-get__gainanovrus-blog.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  "esxi/esxcli-network-ip-interface-ipv4-get__tunupgh-blog.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  "esxi/esxcli-network-ip-interface-list__gainanovrus-blog.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-list__tunupgh-blog.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-neighbor-list-type-dynamic__unresolved-ru-homework.txt": ["esxi", "esxcli network ip neighbor list"],
  "esxi/esxcli-network-ip-neighbor-list__tunupgh-blog.txt": ["esxi", "esxcli network ip neighbor list"],
  "esxi/esxcli-network-ip-route-ipv4-list__hpe-hpegl-readme.txt": ["esxi", "esxcli network ip route ipv4 list"],
  "esxi/esxcli-network-nic-list__gainanovrus-blog.txt": ["esxi", "esxcli network nic list"],
  "esxi/esxcli-network-vswitch-standard-list__gainanovrus-blog.txt": ["esxi", "esxcli network vswitch standard list"],
  "esxi/esxcli-network-vswitch-standard-portgroup-list__gainanovrus-blog.txt": ["esxi", "esxcli network vswitch standard portgroup list"],
  "esxi/vmkping-d-s1500-fail__ogelbric-vcf9.txt": ["esxi", "vmkping -d -s 1500 192.168.6.1"],
  "esxi/vmkping__hpe-hpegl-readme.txt": ["esxi", "vmkping 172.26.64.1"],
  "freebsd/arp-a__jc-freebsd12.txt": ["freebsd", "arp -a"],
  "freebsd/arp-an__chef-ohai.txt": ["freebsd", "arp -an"],
  "freebsd/ifconfig-ipv6__jc-freebsd12-extra4.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-mtu9000__jc-freebsd12-extra2.txt": ["freebsd", "ifconfig"],
  "freebsd/netstat-i__jc-freebsd12.txt": ["freebsd", "netstat -i"],
  "freebsd/netstat-ib__jc-freebsd12.txt": ["freebsd", "netstat -ib"],
  "freebsd/netstat-ibdn__chef-ohai.txt": ["freebsd", "netstat -ibdn"],
  "openbsd/arp-an__getmac-openbsd6.txt": ["freebsd", "arp -an"],
  "macos/arp-a__jc-osx10146-2.txt": ["darwin", "arp -a"],
  "macos/arp-a__jc-osx10146.txt": ["darwin", "arp -a"],
  "macos/ifconfig__jc-osx10146.txt": ["darwin", "ifconfig"],
  "macos/netstat-i__jc-osx10146.txt": ["darwin", "netstat -i"],
  "macos/netstat-ibdn__chef-ohai.txt": ["darwin", "netstat -i -d -l -b -n"],
  "macos/ping-s1400__jc-osx10146.txt": ["darwin", "ping -s 1400 127.0.0.1"],
  "macos/ping-unreachable__jc-osx10146.txt": ["darwin", "ping 192.168.1.220"],
  "illumos/arp-an-solaris__chef-ohai.txt": ["illumos", "arp -an"],
  "illumos/dladm-show-ether__oxide-helios-engvm.txt": ["illumos", "dladm show-ether"],
  "illumos/dladm-show-link-vnic__smartos-docs-nfs.txt": ["illumos", "dladm show-link"],
  "illumos/dladm-show-link-xde-vnic__oxide-opte-xde-readme.txt": ["illumos", "dladm"],
  "illumos/dladm-show-phys-m__oxide-helios-engvm.txt": ["illumos", "dladm show-phys -m"],
  "illumos/dladm-show-vnic__smartos-docs-nfs.txt": ["illumos", "dladm show-vnic"],
  "illumos/ifconfig-a__smartos-docs-nfs.txt": ["illumos", "ifconfig -a"],
  "illumos/ipadm-show-addr-dhcp__oxide-helios-engvm.txt": ["illumos", "ipadm show-addr"],
  "illumos/netstat-i-solaris10__getmac.txt": ["illumos", "netstat -i"],
  "windows/arp-a-multi-interface__getmac-win10.txt": ["windows", "arp -a"],
  "windows/get-netadapter__ms-windows-itpro-docs.txt": ["windows", "Get-NetAdapter"],
  "windows/get-netneighbor-linklayer-filter__antoinemartin-alpine-openstack-vm.txt": ["windows", "Get-NetNeighbor -LinkLayerAddress 00-15-5d-*"],
  "windows/netsh-int-ipv4-show-neigh__getmac-win10.txt": ["windows", "netsh int ipv4 show neigh"],
  "windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt": ["windows", "netsh interface ipv4 show subinterfaces"],
  "windows/ping-f-l1500-df-fail__cpp-icmplib-issue7.txt": ["windows", "ping -f -l 1500 -n 1 1.1.1.1"],
};

const DIRS = ["esxi", "freebsd", "openbsd", "macos", "illumos", "windows"];

describe.skipIf(sharedMissingReason !== null)("npm run parse over every shared capture of the non-Linux platforms", () => {
  test("every capture is listed with the command it came from", () => {
    expect(DIRS.flatMap(listShared).sort()).toEqual(Object.keys(CAPTURED_WITH).sort());
  });

  test.each(Object.entries(CAPTURED_WITH))("%s", (file, [platform, command]) => {
    const result = run([platform, command], readShared(file));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { value: unknown; skipped: unknown[] };
    expect(out.value).not.toEqual([]);
    expect(out.value).not.toBeNull();
  });
});

describe("the command table", () => {
  test.each<[Platform, string[]]>([
    ["linux", LINUX_COMMANDS],
    ["esxi", ESXI_COMMANDS],
    ["freebsd", bsdCommands("freebsd")],
    ["darwin", bsdCommands("darwin")],
    ["illumos", ILLUMOS_COMMANDS],
    ["windows", WINDOWS_COMMANDS],
  ])("every command the %s collector runs has a parser", (platform, commands) => {
    for (const command of commands) expect(findParser(platform, command), command).not.toBeNull();
  });

  test("ping and iperf3 are accepted under any platform", () => {
    for (const platform of ["linux", "esxi", "windows"] as const) {
      expect(findParser(platform, "ping -n -M do -s 1472 -c 3 10.0.0.1")?.command).toMatch(/^ping/);
      expect(findParser(platform, "iperf3 -c 10.0.0.2 -t 5 -J")?.command).toMatch(/^iperf3/);
    }
  });

  test("an unknown command lists the valid ones; an unknown platform lists the platforms", () => {
    const unknown = run(["illumos", "kstat -p"], "");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("dladm show-phys -m");
    expect(unknown.stderr).toContain("ipadm show-addr");
    expect(run(["solaris", "arp -an"], "").stderr).toBe('unknown platform "solaris"; valid platforms: linux, esxi, freebsd, darwin, illumos, windows\n');
  });
});

// The script itself, as `npm run parse` starts it.
const ROOT = path.resolve(__dirname, "..");
function spawnParse(args: string[], input: string) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/parse.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
}

describe("scripts/parse.ts as a process", () => {
  test.skipIf(sharedMissingReason !== null)("prints the parser's JSON for a capture on stdin", () => {
    const r = spawnParse(["windows", "netsh interface ipv4 show subinterfaces"], readShared("windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt"));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { value: { alias: string; mtu: number | null; rxBytes: string }[] };
    expect(out.value[1]).toEqual({ alias: "Ethernet0", mtu: 1500, rxBytes: "191869171301", txBytes: "4133843676" });
  });

  test("unparseable input exits non-zero with the line it choked on", () => {
    const r = spawnParse(["linux", "ip -j neigh show"], "Segmentation fault (core dumped)\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Segmentation fault (core dumped)");
  });

  test("a Linux capture from the lab (the same parsers the collector uses)", () => {
    const input = readFileSync(path.join(ROOT, "lib/collect/linux/__fixtures__/ip-j-neigh-show.txt"), "utf8");
    const r = spawnParse(["linux", "ip -j neigh show"], input);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { value: unknown[] }).value.length).toBeGreaterThan(0);
  });
});
