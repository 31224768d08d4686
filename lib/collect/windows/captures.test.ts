import { describe, expect, test } from "vitest";
import { listCaptures, readCapture } from "@/lib/collect/common/test-fixtures";
import type { NeighborState } from "@/lib/domain/rows";
import { parseVer } from "@/lib/collect/detect";
import * as arpA from "./arp-a";
import * as ipAddressList from "./get-netipaddress-list";
import * as tables from "./text-tables";
import * as ver from "./ver";

// Real outputs from public sources (tests/fixtures/windows, provenance on each file's first line).

type ArpExpectation = {
  /** Each interface group: its address, hex index, and how many rows it holds. */
  groups: [string, number, number][];
  /** Every row that is not a broadcast/multicast entry: ip, mac, state. */
  hosts: [string, string, NeighborState][];
  /** One of the group entries, to show they come out as noarp. */
  group?: [string, string];
};

const ARP: Record<string, ArpExpectation> = {
  "windows/arp-a__de-arpspoofing-notes-id9711089461-1-normal.txt": {
    groups: [["192.168.178.75", 0xc, 7]],
    hosts: [["192.168.178.1", "e0:28:6d:7b:fa:91", "reachable"]],
    group: ["192.168.178.255", "ff:ff:ff:ff:ff:ff"],
  },
  // the spoofed cache: the gateway's IP now maps to the attacker's (VMware) MAC
  "windows/arp-a__de-arpspoofing-notes-id9711089461-2-spoofed.txt": {
    groups: [["192.168.178.75", 0xc, 2]],
    hosts: [
      ["192.168.178.1", "00:0c:29:97:77:0a", "reachable"],
      ["192.168.178.81", "00:0c:29:97:77:0a", "reachable"],
    ],
  },
  "windows/arp-a__de-arpspoofing-notes-id9711089461-3-unspoofed.txt": {
    groups: [["192.168.178.75", 0xc, 2]],
    hosts: [
      ["192.168.178.1", "e0:28:6d:7b:fa:91", "reachable"],
      ["192.168.178.81", "00:0c:29:97:77:0a", "reachable"],
    ],
  },
  // type column padded with trailing spaces ("dynamisch ", "statisch  ")
  "windows/arp-a__de-netzwerkanalyse-ELME-111-id10882080653.txt": {
    groups: [["172.17.67.120", 0xc, 13]],
    hosts: [
      ["172.17.67.94", "90:b1:1c:5d:d6:af", "reachable"],
      ["172.17.67.108", "90:b1:1c:5c:5b:3c", "reachable"],
      ["172.17.67.110", "90:b1:1c:5d:e0:e4", "reachable"],
      ["172.17.67.111", "90:b1:1c:5d:dd:a1", "reachable"],
      ["172.17.67.116", "18:03:73:3b:33:92", "reachable"],
      ["172.17.67.117", "90:b1:1c:5d:d5:5d", "reachable"],
      ["172.17.67.254", "44:1e:a1:9b:a0:00", "reachable"],
    ],
    group: ["224.0.1.129", "01:00:5e:00:01:81"],
  },
  "windows/arp-a__de-rechnernetze-rnlabor-id45268397624.txt": {
    groups: [
      ["134.108.8.54", 0xb, 1],
      ["192.168.31.15", 0xd, 1],
    ],
    hosts: [
      ["134.108.11.254", "00:23:04:52:1c:00", "reachable"],
      ["192.168.31.16", "00:0a:f7:0f:68:b2", "reachable"],
    ],
  },
  // "Interface : …" (space before the colon), "dynamique"/"statique"
  "windows/arp-a__fr-tp3-mathe-id24360726428.txt": {
    groups: [
      ["169.254.22.221", 0xf, 7],
      ["192.168.1.144", 0x11, 9],
      ["192.168.56.1", 0x17, 6],
    ],
    hosts: [
      ["192.168.1.175", "ec:6c:9a:f8:ff:be", "reachable"],
      ["192.168.1.254", "54:c4:5b:4b:36:2c", "reachable"],
    ],
    group: ["169.254.255.255", "ff:ff:ff:ff:ff:ff"],
  },
};

describe("arp -a, German and French Windows", () => {
  test("every arp -a capture has its expectations here", () => {
    expect(listCaptures("windows", "arp-a__")).toEqual(Object.keys(ARP).sort());
  });

  test.each(listCaptures("windows", "arp-a__"))("%s", (file) => {
    const expected = ARP[file];
    if (!expected) throw new Error(`no expectations for ${file}`);
    const { value, skipped } = arpA.parse(readCapture(file));
    expect(skipped).toEqual([]);
    const groups = expected.groups.map(([address, index]) => [address, index, value.filter((n) => n.interface === address && n.ifIndex === index).length]);
    expect(groups).toEqual(expected.groups);
    expect(value).toHaveLength(expected.groups.reduce((sum, [, , count]) => sum + count, 0));
    expect(value.filter((n) => n.state !== "noarp").map((n) => [n.ip, n.mac, n.state])).toEqual(expected.hosts);
    expect(value.every((n) => n.state === "noarp" || n.state === "reachable")).toBe(true);
    if (expected.group) {
      const [ip, mac] = expected.group;
      expect(value.find((n) => n.ip === ip)).toMatchObject({ ip, mac, state: "noarp" });
    }
  });

  test("the German lab PC's rows carry the address and index of the interface they were learned on", () => {
    expect(arpA.parse(readCapture("windows/arp-a__de-rechnernetze-rnlabor-id45268397624.txt")).value).toEqual([
      { ip: "134.108.11.254", mac: "00:23:04:52:1c:00", interface: "134.108.8.54", state: "reachable", router: false, ifIndex: 11 },
      { ip: "192.168.31.16", mac: "00:0a:f7:0f:68:b2", interface: "192.168.31.15", state: "reachable", router: false, ifIndex: 13 },
    ]);
  });

  test.each([
    ["dynamisch", "reachable"],
    ["statisch", "permanent"],
    ["dynamique", "reachable"],
    ["statique", "permanent"],
  ])("type word %s is %s", (word, state) => {
    expect(arpA.arpType(word)).toBe(state);
  });
});

describe("Get-NetAdapter default table", () => {
  test("brenocrs: truncated descriptions, Up/Disconnected/Disabled, 144.4 Mbps, no speed while down", () => {
    const { value, skipped } = tables.parseNetAdapterTable(readCapture("windows/get-netadapter__brenocrs-blog.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((a) => [a.name, a.description, a.ifIndex, a.state, a.mac, a.speedMbps])).toEqual([
      ["Ethernet 3", "VirtualBox Host-Only Ethernet Adapter", 17, "up", "0a:00:27:00:00:11", 1000],
      ["Ethernet", "Intel(R) Ethernet Connection (6) I21...", 12, "down", "88:6f:d4:ff:37:bf", null],
      ["vEthernet (WSL)", "Hyper-V Virtual Ethernet Adapter", 62, "up", "00:15:5d:30:43:7c", 10000],
      ["Wi-Fi", "Intel(R) Wireless-AC 9560 160MHz", 6, "up", "5c:cd:5b:10:c0:8e", 144],
      ["Ethernet 2", "Cisco AnyConnect Secure Mobility Cli...", 3, "down", "00:05:9a:3c:7a:00", null],
    ]);
  });

  test("Windows Server 2019 (AWS, Kubernetes node): names cut to 25 characters with '...', empty descriptions", () => {
    const { value, skipped } = tables.parseNetAdapterTable(readCapture("windows/get-netadapter__antrea-issue3636-ws2019-aws.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((a) => [a.name, a.description, a.ifIndex, a.state, a.mac, a.speedMbps])).toEqual([
      ["Ethernet", "AWS PV Network Device #0", 10, "up", "06:05:9d:c4:a4:11", 1000],
      ["vEthernet (HNS Interna...", "Hyper-V Virtual Ethernet Adapter #3", 21, "up", "00:15:5d:00:2c:00", 10000],
      ["vEthernet (Ethernet)", null, 26, "up", "00:15:5d:24:6d:ae", 10000],
      ["vEthernet (Ethernet) 2", null, 31, "up", "00:15:5d:24:66:0b", 10000],
      ["vEthernet (15fdf8c8ade...", "Hyper-V Virtual Ethernet Adapter #2", 14, "up", "00:15:5d:24:64:bf", 10000],
      ["vEthernet (nat)", "Hyper-V Virtual Ethernet Adapter", 9, "up", "00:15:5d:a4:41:fb", 10000],
    ]);
  });

  test("rsmith7712: Not Present and Disconnected are down", () => {
    expect(tables.parseNetAdapterTable(readCapture("windows/get-netadapter__rsmith7712-powershell-scripts.txt"))).toEqual({
      value: [
        { name: "Npcap Loopback Adapter", description: "Npcap Loopback Adapter", ifIndex: 24, state: "down", mac: "02:00:4c:4f:4f:50", speedMbps: null, mtu: null, duplex: null, driver: null },
        { name: "Wi-Fi", description: "Intel(R) Dual Band Wireless-AC 8265", ifIndex: 19, state: "down", mac: "c2:23:d0:6c:7a:92", speedMbps: null, mtu: null, duplex: null, driver: null },
        { name: "Ethernet", description: "Intel(R) Ethernet Connection (4) I219-V", ifIndex: 7, state: "up", mac: "48:2a:e3:13:e8:34", speedMbps: 1000, mtu: null, duplex: null, driver: null },
      ],
      skipped: [],
    });
  });
});

describe("Get-NetNeighbor default table", () => {
  test("one row selected by -IPAddress", () => {
    expect(tables.parseNetNeighborTable(readCapture("windows/get-netneighbor-ipaddress__griffeth-barker-blog.txt"))).toEqual({
      value: [{ ip: "172.16.30.1", mac: "90:6c:ac:4b:60:56", interface: null, state: "reachable", router: false, ifIndex: 54 }],
      skipped: [],
    });
  });

  test("the whole cache: both families, empty LinkLayerAddress on the loopback, group entries noarp", () => {
    const { value, skipped } = tables.parseNetNeighborTable(readCapture("windows/get-netneighbor-plain__spanish-jekyll-blog-unidentified.txt"));
    expect(skipped).toEqual([]);
    expect(value).toHaveLength(27);
    expect(value.filter((n) => n.state !== "noarp")).toEqual([
      { ip: "fe80::86aa:9cff:fe41:18f9", mac: "84:aa:9c:41:18:f9", interface: null, state: "stale", router: false, ifIndex: 16 },
      { ip: "192.168.1.1", mac: "84:aa:9c:41:18:f9", interface: null, state: "reachable", router: false, ifIndex: 16 },
    ]);
    expect(value[11]).toEqual({ ip: "ff02::1:2", mac: null, interface: null, state: "noarp", router: false, ifIndex: 1 });
    expect(value.find((n) => n.ip === "192.168.1.255")).toMatchObject({ mac: "ff:ff:ff:ff:ff:ff", state: "noarp", ifIndex: 16 });
    expect(new Set(value.map((n) => n.ifIndex))).toEqual(new Set([1, 4, 10, 16]));
  });
});

describe("Get-NetIPInterface default table", () => {
  test("one row per family; the loopback's IPv6 4294967295 is no MTU, its IPv4 1500 is", () => {
    expect(tables.parseNetIPInterfaceTable(readCapture("windows/get-netipinterface__rsmith7712-powershell-scripts.txt"))).toEqual({
      value: [
        { alias: "Local Area Connection* 12", ifIndex: 4, family: "ipv6", mtu: 1500 },
        { alias: "Local Area Connection* 1", ifIndex: 13, family: "ipv6", mtu: 1500 },
        { alias: "Loopback Pseudo-Interface 1", ifIndex: 1, family: "ipv6", mtu: null },
        { alias: "Local Area Connection* 12", ifIndex: 4, family: "ipv4", mtu: 1500 },
        { alias: "Local Area Connection* 1", ifIndex: 13, family: "ipv4", mtu: 1500 },
        { alias: "Ethernet", ifIndex: 7, family: "ipv4", mtu: 1500 },
        { alias: "Wi-Fi", ifIndex: 19, family: "ipv4", mtu: 1500 },
        { alias: "Loopback Pseudo-Interface 1", ifIndex: 1, family: "ipv4", mtu: 1500 },
      ],
      skipped: [],
    });
  });
});

describe("Get-NetIPAddress default list", () => {
  test("every record, zone stripped, prefix appended (the rows the JSON parser gives)", () => {
    expect(ipAddressList.parse(readCapture("windows/get-netipaddress__rsmith7712-powershell-scripts.txt"))).toEqual({
      value: [
        { alias: "Local Area Connection* 12", ifIndex: 4, address: "fe80::91ad:582d:e51c:e315/64" },
        { alias: "Local Area Connection* 1", ifIndex: 13, address: "fe80::3541:9671:a62f:1558/64" },
        { alias: "Loopback Pseudo-Interface 1", ifIndex: 1, address: "::1/128" },
        { alias: "Local Area Connection* 12", ifIndex: 4, address: "169.254.39.11/16" },
        { alias: "Local Area Connection* 1", ifIndex: 13, address: "169.254.246.245/16" },
        { alias: "Ethernet", ifIndex: 7, address: "192.168.150.176/24" },
        { alias: "Wi-Fi", ifIndex: 19, address: "169.254.194.117/16" },
        { alias: "Loopback Pseudo-Interface 1", ifIndex: 1, address: "127.0.0.1/8" },
      ],
      skipped: [],
    });
  });

  test("a PowerShell error instead of records is skipped, not thrown", () => {
    const error = "Get-NetIPAddress : The term 'Get-NetIPAddress' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n";
    expect(ipAddressList.parse(error)).toEqual({ value: [], skipped: [{ line: error.trim(), reason: expect.stringMatching(/IPAddress/) }] });
    expect(ipAddressList.parse("garbage without a colon\r\n").skipped).toHaveLength(1);
  });
});

describe("Get-NetAdapterStatistics default table", () => {
  test("brenocrs: names with spaces, right-aligned counters; no error/discard columns in this view", () => {
    const { value, skipped } = tables.parseNetAdapterStatisticsTable(readCapture("windows/get-netadapterstatistics__brenocrs-blog.txt"));
    expect(skipped).toEqual([]);
    expect(value.map((s) => [s.name, s.rxBytes, s.rxPackets, s.txBytes, s.txPackets])).toEqual([
      ["Ethernet 3", 0n, 0n, 0n, 0n],
      ["Ethernet", 0n, 0n, 0n, 0n],
      ["vEthernet (WSL)", 137032651n, 73436n, 64972669n, 84576n],
      ["Wi-Fi", 548825411n, 437865n, 29951278n, 124685n],
    ]);
    expect(value.every((s) => s.rxErrors === null && s.txErrors === null && s.rxDropped === null && s.txDropped === null)).toBe(true);
  });

  test("Azure MANA: SentBytes cut to '...724576506362' by the column width is unknown and reported", () => {
    const line = "Ethernet 5                       1230513627217            22739256679 ...724576506362       381331993845";
    expect(tables.parseNetAdapterStatisticsTable(readCapture("windows/get-netadapterstatistics-mana__microsoftdocs-azure-docs.txt"))).toEqual({
      value: [
        { name: "Ethernet 5", rxBytes: 1230513627217n, rxPackets: 22739256679n, txBytes: null, txPackets: 381331993845n, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null },
      ],
      skipped: [{ line, reason: expect.stringContaining("SentBytes '...724576506362'") }],
    });
  });

  test("an error instead of the table is skipped, not thrown", () => {
    expect(tables.parseNetAdapterStatisticsTable("Access is denied.\r\n")).toEqual({ value: [], skipped: [{ line: "Access is denied.", reason: expect.any(String) }] });
  });
});

describe("cmd /c ver", () => {
  test("the version line after ver's blank line (markdown indentation kept)", () => {
    const out = readCapture("windows/ver__tringi-winver-readme.txt");
    expect(ver.parse(out)).toEqual({ value: "Microsoft Windows [Version 10.0.14393.6529]", skipped: [] });
    expect(ver.windowsBuild("Microsoft Windows [Version 10.0.14393.6529]")).toBe("10.0.14393.6529");
    expect(parseVer(out)).toBe("windows");
  });
});
