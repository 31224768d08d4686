import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import * as arpA from "./arp-a";
import * as netsh from "./netsh-neighbors";
import * as subinterfaces from "./netsh-subinterfaces";
import * as tables from "./text-tables";
import * as ipAddressList from "./get-netipaddress-list";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";

describe("Windows text outputs", () => {
  test("arp -a, seven interface groups: rows carry the group's address and index, groups' broadcast/multicast are noarp", () => {
    const { value, skipped } = arpA.parse(readCapture("windows/arp-a-multi-interface__getmac-win10.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(47);
    expect(value.slice(0, 4)).toEqual([
      { ip: "10.0.0.1", mac: "6a:d7:9a:29:2b:82", interface: "10.0.0.185", state: "reachable", router: false, ifIndex: 5 },
      { ip: "10.0.0.175", mac: "78:28:ca:c4:66:fe", interface: "10.0.0.185", state: "reachable", router: false, ifIndex: 5 },
      { ip: "10.0.0.187", mac: "5c:aa:fd:5e:49:48", interface: "10.0.0.185", state: "reachable", router: false, ifIndex: 5 },
      { ip: "10.0.0.198", mac: "b8:e9:37:46:ff:76", interface: "10.0.0.185", state: "reachable", router: false, ifIndex: 5 },
    ]);
    expect(value.filter((n) => n.state !== "noarp")).toHaveLength(4);
    expect(new Set(value.map((n) => n.ifIndex))).toEqual(new Set([0x5, 0xc, 0x10, 0x17, 0x18, 0x1c, 0x48]));
  });

  // Real French and German captures are read in captures.test.ts (tests/fixtures). These cases
  // translate the English multi-interface capture, to keep the no-break-space case (README:
  // French puts one before ":"), which none of the real captures shows. Derived text, not captures.
  test.each([
    ["French", (t: string) => t.replaceAll("Interface:", "Interface\u00a0:").replaceAll("Internet Address      Physical Address      Type", "Adresse Internet      Adresse physique      Type").replaceAll("dynamic", "dynamique").replaceAll("static", "statique")],
    ["German", (t: string) => t.replaceAll("Interface:", "Schnittstelle:").replaceAll("Internet Address      Physical Address      Type", "Internetadresse       Physische Adresse     Typ").replaceAll("dynamic", "dynamisch").replaceAll("static", "statisch")],
  ])("arp -a with %s headings and type words reads the same rows", (_language, translate) => {
    const english = arpA.parse(readCapture("windows/arp-a-multi-interface__getmac-win10.txt"));
    expect(arpA.parse(translate(readCapture("windows/arp-a-multi-interface__getmac-win10.txt")))).toEqual(english);
  });

  test("netsh interface ipv4 show neighbors: named interfaces, NUD states, empty MAC on the loopback, zeros for Unreachable", () => {
    const { value, skipped } = netsh.parse(readCapture("windows/netsh-int-ipv4-show-neigh__getmac-win10.txt"));
    expect(skipped).toEqual([]);
    expect(value.filter((n) => n.state !== "noarp")).toEqual([
      { ip: "10.0.0.1", mac: "6a:d7:9a:29:2b:82", interface: "Ethernet 4", state: "reachable", router: false, ifIndex: 5 },
      { ip: "10.0.0.175", mac: "78:28:ca:c4:66:fe", interface: "Ethernet 4", state: "stale", router: false, ifIndex: 5 },
      { ip: "10.0.0.187", mac: "5c:aa:fd:5e:49:48", interface: "Ethernet 4", state: "stale", router: false, ifIndex: 5 },
      { ip: "10.0.0.198", mac: "b8:e9:37:46:ff:76", interface: "Ethernet 4", state: "stale", router: false, ifIndex: 5 },
      { ip: "192.168.17.1", mac: null, interface: "VMware Network Adapter VMnet1", state: "failed", router: false, ifIndex: 16 },
    ]);
    expect(value).toHaveLength(76);
    expect(value[0]).toEqual({ ip: "224.0.0.2", mac: null, interface: "Loopback Pseudo-Interface 1", state: "noarp", router: false, ifIndex: 1 });
    expect(new Set(value.map((n) => n.interface))).toEqual(
      new Set([
        "Loopback Pseudo-Interface 1", "Local Area Connection 2", "Ethernet 4", "VMware Network Adapter VMnet1", "VMware Network Adapter VMnet8", "Ethernet 5",
        "Ethernet 6", "vEthernet (WSL)", "VirtualBox Host-Only Network #2", "VirtualBox Host-Only Network", "Bluetooth Network Connection 2",
      ]),
    );
  });

  test("netsh with German interface lines (derived from the English capture, see above)", () => {
    const german = readCapture("windows/netsh-int-ipv4-show-neigh__getmac-win10.txt").replace(/^Interface (\d+):/gm, "Schnittstelle $1:");
    expect(netsh.parse(german)).toEqual(netsh.parse(readCapture("windows/netsh-int-ipv4-show-neigh__getmac-win10.txt")));
  });

  test("netsh interface ipv4 show subinterfaces: MTU and bytes by word (the loopback's 4294967295 shifts its row)", () => {
    expect(subinterfaces.parse(readCapture("windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt"))).toEqual({
      value: [
        { alias: "Loopback Pseudo-Interface 1", mtu: null, rxBytes: 0n, txBytes: 0n },
        { alias: "Ethernet0", mtu: 1500, rxBytes: 191869171301n, txBytes: 4133843676n },
        { alias: "Ethernet1", mtu: 9000, rxBytes: 7686n, txBytes: 1846n },
        { alias: "Ethernet2", mtu: 9000, rxBytes: 21864n, txBytes: 5466n },
        { alias: "Ethernet3", mtu: 9000, rxBytes: 39867n, txBytes: 8807n },
        { alias: "Ethernet4", mtu: 9000, rxBytes: 88169n, txBytes: 17999n },
        { alias: "Ethernet5", mtu: 9000, rxBytes: 55453n, txBytes: 11983n },
      ],
      skipped: [],
    });
  });

  test("Get-NetAdapter table (indented as in the docs it came from): names with spaces, LinkSpeed with units", () => {
    expect(tables.parseNetAdapterTable(readCapture("windows/get-netadapter__ms-windows-itpro-docs.txt"))).toEqual({
      value: [
        { name: "Ethernet 2", description: "Microsoft Hyper-V Network Adapter #2", ifIndex: 14, state: "up", mac: "00:15:5d:83:26:06", speedMbps: 1000, mtu: null, duplex: null, driver: null },
        { name: "Ethernet", description: "Microsoft Hyper-V Network Adapter", ifIndex: 12, state: "up", mac: "00:15:5d:83:26:05", speedMbps: 10000, mtu: null, duplex: null, driver: null },
      ],
      skipped: [],
    });
  });

  test("Get-NetNeighbor table: upper-case dashed MACs, Reachable/Permanent", () => {
    expect(tables.parseNetNeighborTable(readCapture("windows/get-netneighbor-linklayer-filter__antoinemartin-alpine-openstack-vm.txt"))).toEqual({
      value: [
        { ip: "172.26.131.90", mac: "00:15:5d:25:01:8d", interface: null, state: "reachable", router: false, ifIndex: 60 },
        { ip: "172.20.64.204", mac: "00:15:5d:00:3f:28", interface: null, state: "permanent", router: false, ifIndex: 29 },
      ],
      skipped: [],
    });
  });

  test("garbage in the text parsers is skipped, not thrown", () => {
    expect(arpA.parse("No ARP Entries Found.\r\n").skipped).toHaveLength(1);
    expect(netsh.parse("The following command was not found: interface ipv4 show neighbors.\r\n").skipped).toHaveLength(1);
  });
});

describe("hostile output: every line is read in linear time", () => {
  // Each old regex had a lazy group or two blank quantifiers side by side, rescanned from every
  // position of a long blank run once something (a CR inside the line, a missing colon) made
  // the match fail: quadratic, 1-2 s for a 40,000-character line.
  test.each<[string, (stdout: string) => unknown, (n: number) => string]>([
    ["netsh show neighbors, row (old `(\\S.*?)\\s*$`)", netsh.parse, (n) => `Interface 1: lo\n---\n10.0.0.1 x${" ".repeat(n)}\rx\n`],
    ["netsh show neighbors, group (old `^\\D*?\\s(\\d+)…(.+?)\\s*$`)", netsh.parse, (n) => `a 1:${" ".repeat(n)}b${" ".repeat(n)}\rx\n`],
    ["netsh show subinterfaces (old `(\\S.*?)\\s*$`)", subinterfaces.parse, (n) => `1500 1 2 3 a${" ".repeat(n)}\rx\n`],
    ["Get-NetIPAddress list (old `^(\\S[^:]*?)\\s*:`)", ipAddressList.parse, (n) => `a${" ".repeat(n)}b\n`],
    ["arp -a group (old `^[^:]*?[\\s\\u00a0]*:`)", arpA.parse, (n) => `a${" ".repeat(n)}b\n`],
  ])("%s", (_name, parse, hostile) => {
    expect(growth(parse, hostile)).toBeLessThan(LINEAR);
  });
});
