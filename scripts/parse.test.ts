import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { Platform } from "@/lib/domain/platform";
import { listCaptures, readCapture } from "@/lib/collect/common/test-fixtures";
import { ESXI_COMMANDS } from "@/lib/collect/esxi";
import { bsdCommands } from "@/lib/collect/bsd";
import { ILLUMOS_COMMANDS } from "@/lib/collect/illumos";
import { LINUX_COMMANDS } from "@/lib/collect/linux";
import { WINDOWS_COMMANDS } from "@/lib/collect/windows";
import { findParser } from "./parse-commands";
import { run } from "./parse";

// Captures of the non-Linux platforms' network tables and DF pings (tests/fixtures), with the
// command each was captured from (as its source shows it) and the platform it ran on.
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
  "esxi/esxcfg-nics-l__ogelbric-vcf9-notes.txt": ["esxi", "esxcfg-nics -l"],
  "esxi/esxcfg-vswitch-l__apnex-nsx-verify.txt": ["esxi", "esxcfg-vswitch -l"],
  "esxi/esxcli-network-ip-interface-ipv4-get__halcyon098-study-VSAN03.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  "esxi/esxcli-network-ip-interface-list__apnex-nsx-verify.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-list__halcyon098-study-VSAN03.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-list__ogelbric-vcf9-notes.txt": ["esxi", "esxcli network ip interface list"],
  // the blog's "--> … <--" highlights stay in the capture: two lines skipped, the rest read
  "esxi/esxcli-network-ip-neighbor-list__gomesjj-usb-ethernet-post.txt": ["esxi", "esxcli network ip neighbor list"],
  "esxi/esxcli-network-ip-neighbor-list__halcyon098-study-VSAN03.txt": ["esxi", "esxcli network ip neighbor list"],
  "esxi/esxcli-network-ip-route-ipv4-list__apnex-nsx-verify.txt": ["esxi", "esxcli network ip route ipv4 list"],
  "esxi/esxcli-network-nic-list__apnex-nsx-verify.txt": ["esxi", "esxcli network nic list"],
  "esxi/esxcli-network-vswitch-standard-list__elatov-hp.txt": ["esxi", "esxcli network vswitch standard list"],
  "esxi/esxcli-network-vswitch-standard-portgroup-list__elatov-hp.txt": ["esxi", "esxcli network vswitch standard portgroup list"],
  // published indented (a markdown list item, an indented code block); the VCF 9.0 doc's own "..." lines skipped
  "esxi/esxcli-network-ip-interface-list__vcf9-nsx-docs-transport-node.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-ipv4-get__vcf9-nsx-docs-transport-node.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  "esxi/esxcli-network-ip-interface-list__navinrio-nsxt-pks-lab.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-ipv4-get__navinrio-nsxt-pks-lab.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  // the doc's "<<truncated>>" line skipped; ipv4 get and neighbor list were run with -i vmk1
  "esxi/esxcli-network-ip-interface-list__vcf9-vsan-docs-esxi-dell-m.txt": ["esxi", "esxcli network ip interface list"],
  "esxi/esxcli-network-ip-interface-ipv4-get__vcf9-vsan-docs-esxi-dell-m.txt": ["esxi", "esxcli network ip interface ipv4 get"],
  "esxi/esxcli-network-ip-neighbor-list-i-vmk1__vcf9-vsan-docs-esxi-dell-m.txt": ["esxi", "esxcli network ip neighbor list"],
  "freebsd/arp-a__jc-freebsd12.txt": ["freebsd", "arp -a"],
  "freebsd/arp-an__chef-ohai.txt": ["freebsd", "arp -an"],
  "freebsd/ifconfig-ipv6__jc-freebsd12-extra4.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-mtu9000__jc-freebsd12-extra2.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-bridge-epair-hwaddr__freenas-plex-dlna-post-id9005619043.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-bridge-member__bastille-docs-scenarios.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-cxl3-hwaddr__jc-freebsd12-extra3.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-jail-epair0b-hwaddr__freenas-sftp-jail-id20284797584.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-jail-epair4b-hwaddr__illuria-jailerctl-readme.txt": ["freebsd", "ifconfig"],
  // captured as `ifconfig lagg0` and `ifconfig vlan162`: one interface each
  "freebsd/ifconfig-lagg0-lacp__freebsd15-hypar-blog-id59138529774.txt": ["freebsd", "ifconfig"],
  "freebsd/ifconfig-vlan162__freebsd15-hypar-blog-id59138529774.txt": ["freebsd", "ifconfig"],
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

describe("npm run parse over the network tables and DF pings of the non-Linux platforms", () => {
  test.each(Object.entries(CAPTURED_WITH))("%s", (file, [platform, command]) => {
    const result = run([platform, command], readCapture(file));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { value: unknown; skipped: unknown[] };
    expect(out.value).not.toEqual([]);
    expect(out.value).not.toBeNull();
  });
});

// The Windows PowerShell views and localized outputs and the macOS DF pings (tests/fixtures),
// with the command as each source shows it.
const WINDOWS_CAPTURED_WITH: Record<string, [Platform, string]> = {
  ...Object.fromEntries(listCaptures("windows", "arp-a__").map((file) => [file, ["windows", "arp -a"]])),
  "windows/get-netadapter__brenocrs-blog.txt": ["windows", "Get-NetAdapter"],
  "windows/get-netadapter__antrea-issue3636-ws2019-aws.txt": ["windows", "Get-NetAdapter"],
  "windows/get-netadapter__rsmith7712-powershell-scripts.txt": ["windows", "Get-NetAdapter"],
  "windows/get-netadapterstatistics-mana__microsoftdocs-azure-docs.txt": [
    "windows",
    'Get-NetAdapter | Where-Object InterfaceDescription -Like "*Microsoft Azure Network Adapter*" | Get-NetAdapterStatistics',
  ],
  "windows/get-netadapterstatistics__brenocrs-blog.txt": ["windows", "Get-NetAdapterStatistics"],
  "windows/get-netipaddress__rsmith7712-powershell-scripts.txt": ["windows", "Get-NetIPAddress"],
  "windows/get-netipinterface__rsmith7712-powershell-scripts.txt": ["windows", "Get-NetIPInterface"],
  "windows/get-netneighbor-ipaddress__griffeth-barker-blog.txt": ["windows", "Get-NetNeighbor -IPAddress '172.16.30.1'"],
  "windows/get-netneighbor-plain__spanish-jekyll-blog-unidentified.txt": ["windows", "Get-NetNeighbor"],
  "windows/ping-f-l-1452-success__kyberdrb-windows-tutorials.txt": ["windows", "ping /f github.com /l 1452 /n 1"],
  "windows/ping-f-l-1463-frag-reply__kyberdrb-windows-tutorials.txt": ["windows", "ping /f github.com /l 1463 /n 1"],
  "windows/ping-f-l-1472-success__prokop-dev-blog.txt": ["windows", "ping www.yahoo.com -f -l 1472"],
  "windows/ping-f-l-1500-fail__kyberdrb-windows-tutorials.txt": ["windows", "ping /f github.com /l 1500 /n 1"],
  "windows/ping-f-l2000-fail__de-rechnernetze-rnlabor-id45268397624.txt": ["windows", "ping -n 1 -l 2000 -f 192.168.31.16"],
  "windows/ver__tringi-winver-readme.txt": ["windows", "ver"],
  "macos/ping-D-s1500-toobig__macos-darwin25.5-FragglePacket.txt": ["darwin", "ping -D -s 1500 -c 2 1.1.1.1"],
  "macos/ping-c1-D-s1400-ok__macos-ren-id16157735129.txt": ["darwin", "ping -c 1 -D -s 1400 www.baidu.com"],
  "macos/ping-c1-D-s1500-toobig__macos-ren-id16157735129.txt": ["darwin", "ping -c 1 -D -s 1500 www.baidu.com"],
  "macos/ping-ok__macos-darwin25.5-FragglePacket.txt": ["darwin", "ping -c 4 1.1.1.1"],
};

describe("npm run parse over the Windows views and localized outputs and the macOS DF pings", () => {
  test.each(Object.entries(WINDOWS_CAPTURED_WITH))("%s", (file, [platform, command]) => {
    const result = run([platform, command], readCapture(file));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { value: unknown; skipped: unknown[] };
    expect(out.value).not.toEqual([]);
    expect(out.value).not.toBeNull();
  });

  test("the text fallbacks are found under their collector command lines", () => {
    expect(findParser("windows", 'powershell -NoProfile -NonInteractive -Command "Get-NetIPAddress"')?.command).toBe('powershell -NoProfile -NonInteractive -Command "Get-NetIPAddress"');
    expect(findParser("windows", 'powershell -NoProfile -NonInteractive -Command "Get-NetAdapterStatistics"')?.command).toBe('powershell -NoProfile -NonInteractive -Command "Get-NetAdapterStatistics"');
    expect(findParser("windows", 'powershell -NoProfile -NonInteractive -Command "Get-NetIPInterface"')?.command).toBe('powershell -NoProfile -NonInteractive -Command "Get-NetIPInterface"');
  });
});

// Captures of the commands detection and the ESXi/BSD/illumos collectors run, under the
// command each was captured with (the parse CLI's spelling: `ndp -a` and `ndp -an` print alike).
const UNIX_CAPTURED_WITH: Record<string, [Platform, string]> = {
  "esxi/uname-a__hpegl-metal-os-esxi-iso.txt": ["esxi", "uname -a"],
  "esxi/vmware-vl__hpegl-metal-os-esxi-iso.txt": ["esxi", "vmware -vl"],
  ...Object.fromEntries(listCaptures("freebsd", "uname-a__").map((file) => [file, ["freebsd", "uname -a"]])),
  "freebsd/ndp-an__freebsd-hn1-javatest-id22716714832.txt": ["freebsd", "ndp -an"],
  "freebsd/ndp-a__freebsd-vmware-em0-pistol-id47186379319.txt": ["freebsd", "ndp -an"],
  "macos/uname-a__jc-osx10146.txt": ["darwin", "uname -a"],
  "macos/uname-s__darwin-promptr-readme-id25127814415.txt": ["darwin", "uname -s"],
  ...Object.fromEntries(listCaptures("macos", "sw_vers__").map((file) => [file, ["darwin", "sw_vers"]])),
  "macos/ndp-an__macos-rust-comment-id55060280610.txt": ["darwin", "ndp -an"],
  "macos/arp-an__macos-rust-comment-id55060280610.txt": ["darwin", "arp -an"],
  ...Object.fromEntries(listCaptures("illumos", "uname-a__").map((file) => [file, ["illumos", "uname -a"]])),
  ...Object.fromEntries(listCaptures("illumos", "cat-etc-release__").map((file) => [file, ["illumos", "cat /etc/release"]])),
  "illumos/dladm-show-linkprop-p-mtu__smartos-gz-docs-id48574230.txt": ["illumos", "dladm show-linkprop -p mtu"],
};

describe("npm run parse over the uname, release, ndp, arp and linkprop captures", () => {
  test.each(Object.entries(UNIX_CAPTURED_WITH))("%s", (file, [platform, command]) => {
    const result = run([platform, command], readCapture(file));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { value: unknown; skipped: unknown[] };
    expect(out.skipped).toEqual([]);
    expect(out.value).not.toEqual([]);
    expect(out.value).not.toBeNull();
  });

  test("uname -a tells the platform, hostname and kernel; uname -s the platform alone", () => {
    const parsed = (platform: Platform, command: string, file: string) => (JSON.parse(run([platform, command], readCapture(file)).stdout) as { value: unknown }).value;
    expect(parsed("illumos", "uname -a", "illumos/uname-a__solaris10-sparc-bacon-id182323244.txt")).toEqual({ platform: "illumos", hostname: "bacon", kernel: "SunOS 5.10 sun4u" });
    expect(parsed("darwin", "uname -s", "macos/uname-s__darwin-promptr-readme-id25127814415.txt")).toEqual({ platform: "darwin", hostname: null, kernel: null });
  });

  test("an unknown kernel name: uname -a still gives hostname and kernel, exit 0, and says why", () => {
    const result = run(["freebsd", "uname -a"], "OpenBSD obsd 7.4 GENERIC.MP#1397 amd64\n");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: { platform: null, hostname: "obsd" }, skipped: [{ reason: "not a kernel name netdiag knows" }] });
    expect(run(["freebsd", "uname -a"], "").code).toBe(1);
  });
});

describe("every capture of the non-Linux platforms in tests/fixtures", () => {
  test("goes through npm run parse above, listed once with the command it came from", () => {
    const listed = [CAPTURED_WITH, WINDOWS_CAPTURED_WITH, UNIX_CAPTURED_WITH].flatMap((captures) => Object.keys(captures));
    const all = ["esxi", "freebsd", "openbsd", "macos", "illumos", "windows"].flatMap((dir) => listCaptures(dir));
    // $PSVersionTable is not something netdiag runs.
    expect(listed.sort()).toEqual(all.filter((file) => !file.startsWith("windows/psversiontable__")).sort());
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
  test("prints the parser's JSON for a capture on stdin", () => {
    const r = spawnParse(["windows", "netsh interface ipv4 show subinterfaces"], readCapture("windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt"));
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
