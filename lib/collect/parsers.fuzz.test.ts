import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { SkippedLine } from "@/lib/domain/rows";
import { readCapture, ownFixturesOf } from "@/lib/collect/common/test-fixtures";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";
import * as detect from "./detect";
import * as ipAddr from "./linux/ip-addr";
import * as ipAddrText from "./linux/ip-addr-text";
import * as ipLink from "./linux/ip-link";
import * as ipLinkText from "./linux/ip-link-text";
import * as ipNeigh from "./linux/ip-neigh";
import * as ipNeighText from "./linux/ip-neigh-text";
import * as linkSpeed from "./linux/link-speed";
import * as hostname from "./linux/hostname";
import * as uname from "./linux/uname";
import * as unameA from "./linux/uname-a";
import * as esxcfgNics from "./esxi/esxcfg-nics";
import * as esxcfgVmknic from "./esxi/esxcfg-vmknic";
import * as esxcfgVswitch from "./esxi/esxcfg-vswitch";
import * as vmknicList from "./esxi/ip-interface-list";
import * as esxiIpv4 from "./esxi/ipv4-get";
import * as esxiIpv6 from "./esxi/ipv6-address-list";
import * as esxiNeighbors from "./esxi/neighbor-list";
import * as nicList from "./esxi/nic-list";
import * as portgroupList from "./esxi/portgroup-list";
import * as routeList from "./esxi/route-list";
import * as vmwareVersion from "./esxi/version";
import * as vswitchList from "./esxi/vswitch-list";
import * as bsdArp from "./bsd/arp";
import * as bsdDistribution from "./bsd/distribution";
import * as ifconfig from "./bsd/ifconfig";
import * as ndp from "./bsd/ndp";
import * as netstat from "./bsd/netstat-i";
import * as illumosArp from "./illumos/arp";
import * as illumosDistribution from "./illumos/distribution";
import * as dladm from "./illumos/dladm";
import * as ipadm from "./illumos/ipadm";
import * as arpA from "./windows/arp-a";
import * as netAdapter from "./windows/get-netadapter";
import * as netAdapterStats from "./windows/get-netadapterstatistics";
import * as netIpAddress from "./windows/get-netipaddress";
import * as netIpAddressList from "./windows/get-netipaddress-list";
import * as netIpInterface from "./windows/get-netipinterface";
import * as netNeighbor from "./windows/get-netneighbor";
import * as netsh from "./windows/netsh-neighbors";
import * as subinterfaces from "./windows/netsh-subinterfaces";
import * as tables from "./windows/text-tables";
import * as ver from "./windows/ver";
import { parseDfPing } from "@/lib/mtu/ping";
import { parseIperfJson, parseJsonStreamLine } from "@/lib/iperf/parse";
import { parseLenientJson } from "@/lib/iperf/lenient-json";
import { parseTextInterval } from "@/lib/iperf/server-text";
import { parseIperfVersion } from "@/lib/iperf/version";
import { parseRoute, routeLine } from "@/lib/iperf/route-get";

/*
 * Every parser of host output (the collectors' steps in each platform's index.ts, detection, the
 * DF ping and iperf3 readers), fed random text and mutated real captures: none may throw, none
 * may take more than linear time, and each reports what it did not read. fast-check runs are
 * kept few (2-core CI): the point is breadth over every parser, not depth on one.
 */

type Parsed = { rows: number; skipped: SkippedLine[] };
type Parser = { name: string; parse: (stdout: string) => Parsed; captures: string[]; json?: boolean; ignoresExtraLines?: boolean };

const own = {
  linux: ownFixturesOf(new URL("./linux/x", import.meta.url).href),
  mtu: ownFixturesOf(new URL("../mtu/x", import.meta.url).href),
  iperf: ownFixturesOf(new URL("../iperf/x", import.meta.url).href),
};

const list =
  <T,>(parse: (stdout: string) => { value: readonly T[] | ReadonlyMap<string, unknown>; skipped: SkippedLine[] }) =>
  (stdout: string): Parsed => {
    const { value, skipped } = parse(stdout);
    return { rows: "size" in value ? value.size : value.length, skipped };
  };
const single =
  (parse: (stdout: string) => { value: unknown; skipped: SkippedLine[] }) =>
  (stdout: string): Parsed => {
    const { value, skipped } = parse(stdout);
    return { rows: value === null ? 0 : 1, skipped };
  };

const PARSERS: Parser[] = [
  { name: "ip -j link", parse: list(ipLink.parse), captures: ["own:linux/ip-j-s-d-link-show.txt", "linux/ip-details-json-link-bridge__iproute2-commit-20aeecfb.txt"], json: true },
  { name: "ip link (text)", parse: list(ipLinkText.parse), captures: ["own:linux/ip-s-d-link-show.txt"] },
  { name: "ip -j addr", parse: list(ipAddr.parse), captures: ["own:linux/ip-j-addr-show.txt", "linux/ip-json-addr-show__cloud-init.txt"], json: true },
  { name: "ip addr (text)", parse: list(ipAddrText.parse), captures: ["own:linux/ip-addr-show.txt", "own:linux/ip-addr-show-peer.txt"] },
  { name: "ip -j neigh", parse: list(ipNeigh.parse), captures: ["own:linux/ip-j-neigh-show.txt"], json: true },
  { name: "ip neigh (text)", parse: list(ipNeighText.parse), captures: ["own:linux/ip-neigh-show.txt", "linux/ip-neigh-show__nokia-moler.txt"] },
  { name: "ethtool / sysfs speed", parse: list(linkSpeed.parse), captures: ["own:linux/link-speed-ethtool.txt", "own:linux/link-speed-sysfs.txt"] },
  // Public captures hold one interface's ethtool output (multi-line link-mode lists, a partner
  // list, autoneg off); the script prints the "== <ifname>" header before each.
  {
    name: "ethtool link modes (one interface)",
    parse: (s) => list(linkSpeed.parse)(`== eth0\n${s}`),
    captures: [
      "linux/ethtool-1000baseT-at-100-partner-1000__lakml-cubox-i-20190917.txt",
      "linux/ethtool-2500baseT-at-1000__adrielep-test-ganl1401.txt",
      "linux/ethtool-autoneg-off-10-half__lkml-3c509-20021007.txt",
    ],
  },
  { name: "uname -n", parse: single(hostname.parse), captures: ["own:linux/uname-n.txt"] },
  { name: "uname -srm", parse: single(uname.parse), captures: ["own:linux/uname-srm.txt"] },
  { name: "uname -a", parse: single(unameA.parse), captures: ["freebsd/uname-a__jc-freebsd12.txt", "esxi/uname-a__hpegl-metal-os-esxi-iso.txt"] },
  { name: "esxcfg-nics -l", parse: list(esxcfgNics.parse), captures: ["esxi/esxcfg-nics-l__tunupgh-blog.txt"] },
  { name: "esxcfg-vmknic -l", parse: list(esxcfgVmknic.parse), captures: ["esxi/esxcfg-vmknic-l__hpe-hpegl-readme.txt"] },
  { name: "esxcfg-vswitch -l", parse: (s) => { const { value, skipped } = esxcfgVswitch.parse(s); return { rows: value.vswitches.length + value.portgroups.length, skipped }; }, captures: ["esxi/esxcfg-vswitch-l__hpe-hpegl-readme.txt"] },
  { name: "esxcli ip interface list", parse: list(vmknicList.parse), captures: ["esxi/esxcli-network-ip-interface-list__tunupgh-blog.txt"] },
  { name: "esxcli ipv4 get", parse: list(esxiIpv4.parse), captures: ["esxi/esxcli-network-ip-interface-ipv4-get__tunupgh-blog.txt"] },
  { name: "esxcli ipv6 address list", parse: list(esxiIpv6.parse), captures: [] },
  { name: "esxcli neighbor list", parse: list(esxiNeighbors.parse), captures: ["esxi/esxcli-network-ip-neighbor-list__tunupgh-blog.txt"] },
  { name: "esxcli nic list", parse: list(nicList.parse), captures: ["esxi/esxcli-network-nic-list__apnex-nsx-verify.txt"] },
  { name: "esxcli portgroup list", parse: list(portgroupList.parse), captures: ["esxi/esxcli-network-vswitch-standard-portgroup-list__elatov-hp.txt"] },
  { name: "esxcli route list", parse: list(routeList.parse), captures: ["esxi/esxcli-network-ip-route-ipv4-list__apnex-nsx-verify.txt"] },
  // `vmware -vl` prints two lines and the release is the first: the second is read as part of it.
  { name: "vmware -vl", parse: single(vmwareVersion.parse), captures: ["esxi/vmware-vl__hpegl-metal-os-esxi-iso.txt"], ignoresExtraLines: true },
  { name: "esxcli vswitch list", parse: list(vswitchList.parse), captures: ["esxi/esxcli-network-vswitch-standard-list__elatov-hp.txt"] },
  { name: "arp -an (BSD)", parse: list(bsdArp.parse), captures: ["freebsd/arp-an__chef-ohai.txt", "openbsd/arp-an__getmac-openbsd6.txt"] },
  // Release files and sw_vers: the first known field wins, other lines are the file's own text.
  { name: "BSD distribution", parse: single(bsdDistribution.parse), captures: ["macos/sw_vers__macos-14.0-23A344-readme-id43552286153.txt"], ignoresExtraLines: true },
  { name: "ifconfig -a", parse: list(ifconfig.parse), captures: ["freebsd/ifconfig-mtu9000__jc-freebsd12-extra2.txt", "macos/ifconfig__jc-osx10146.txt"] },
  { name: "ndp -an", parse: list(ndp.parse), captures: ["freebsd/ndp-an__freebsd-hn1-javatest-id22716714832.txt"] },
  { name: "netstat -i", parse: list(netstat.parse), captures: ["freebsd/netstat-ibdn__chef-ohai.txt", "illumos/netstat-i-solaris10__getmac.txt"] },
  { name: "arp -an (illumos)", parse: list(illumosArp.parse), captures: ["illumos/arp-an-solaris__chef-ohai.txt"] },
  { name: "cat /etc/release", parse: single(illumosDistribution.parse), captures: ["illumos/cat-etc-release__omnios-r151012-ansible-fixture.txt"], ignoresExtraLines: true },
  { name: "dladm show-link", parse: list(dladm.parseShowLink), captures: ["illumos/dladm-show-link-vnic__smartos-docs-nfs.txt"] },
  { name: "dladm show-phys -m", parse: list(dladm.parseShowPhysM), captures: ["illumos/dladm-show-phys-m__oxide-helios-engvm.txt"] },
  { name: "dladm show-vnic", parse: list(dladm.parseShowVnic), captures: ["illumos/dladm-show-vnic__smartos-docs-nfs.txt"] },
  { name: "dladm show-ether", parse: list(dladm.parseShowEther), captures: ["illumos/dladm-show-ether__oxide-helios-engvm.txt"] },
  { name: "dladm show-linkprop -p mtu", parse: list(dladm.parseShowLinkpropMtu), captures: ["illumos/dladm-show-linkprop-p-mtu__smartos-gz-docs-id48574230.txt"] },
  { name: "ipadm show-addr", parse: list(ipadm.parse), captures: ["illumos/ipadm-show-addr-dhcp__oxide-helios-engvm.txt"] },
  { name: "arp -a (Windows)", parse: list(arpA.parse), captures: ["windows/arp-a-multi-interface__getmac-win10.txt", "windows/arp-a__fr-tp3-mathe-id24360726428.txt"] },
  { name: "Get-NetAdapter JSON", parse: list(netAdapter.parse), captures: [], json: true },
  { name: "Get-NetAdapterStatistics JSON", parse: list(netAdapterStats.parse), captures: [], json: true },
  { name: "Get-NetIPAddress JSON", parse: list(netIpAddress.parse), captures: [], json: true },
  { name: "Get-NetIPInterface JSON", parse: list(netIpInterface.parse), captures: [], json: true },
  { name: "Get-NetNeighbor JSON", parse: list(netNeighbor.parse), captures: [], json: true },
  { name: "Get-NetIPAddress (list)", parse: list(netIpAddressList.parse), captures: ["windows/get-netipaddress__rsmith7712-powershell-scripts.txt"] },
  { name: "netsh show neighbors", parse: list(netsh.parse), captures: ["windows/netsh-int-ipv4-show-neigh__getmac-win10.txt"] },
  { name: "netsh show subinterfaces", parse: list(subinterfaces.parse), captures: ["windows/netsh-ipv4-show-subinterfaces__ogelbric-vcf9.txt"] },
  { name: "Get-NetAdapter (table)", parse: list(tables.parseNetAdapterTable), captures: ["windows/get-netadapter__brenocrs-blog.txt"] },
  { name: "Get-NetNeighbor (table)", parse: list(tables.parseNetNeighborTable), captures: ["windows/get-netneighbor-plain__spanish-jekyll-blog-unidentified.txt"] },
  { name: "Get-NetIPInterface (table)", parse: list(tables.parseNetIPInterfaceTable), captures: ["windows/get-netipinterface__rsmith7712-powershell-scripts.txt"] },
  { name: "Get-NetAdapterStatistics (table)", parse: list(tables.parseNetAdapterStatisticsTable), captures: ["windows/get-netadapterstatistics__brenocrs-blog.txt"] },
  { name: "ver", parse: single(ver.parse), captures: ["windows/ver__tringi-winver-readme.txt"] },
  {
    name: "DF ping",
    parse: (s) => {
      const out = parseDfPing(s);
      return { rows: out?.transmitted ?? 0, skipped: out?.skipped ?? [{ line: s.slice(0, 80), reason: "not ping output" }] };
    },
    captures: ["own:mtu/linux-s8972-lost-at-bridge.txt", "linux/ping-M-do-s1472-fragneeded-sendmsg__incus-issue2405.txt", "windows/ping-f-l2000-fail__de-rechnernetze-rnlabor-id45268397624.txt", "macos/ping-c1-D-s1500-toobig__macos-ren-id16157735129.txt"],
  },
  {
    name: "iperf3 -J",
    parse: (s) => {
      const report = parseIperfJson(s);
      return { rows: report.intervals.forward.length + report.intervals.reverse.length, skipped: report.skipped };
    },
    captures: ["own:iperf/tcp-bidir-p2-h1-h4.client.json", "own:iperf/udp-forward-h1-to-h2.client.json", "iperf3/iperf3-J-tcp-linux-omit3__cloudpilot.txt", "iperf3/iperf3-json-stream-bidir-interval__omnt-docs.txt"],
  },
];

// Readers that return no skipped list: each must still never throw and stay linear.
const OTHER_READERS: [string, (text: string) => unknown][] = [
  ["detection: uname", detect.parseUname],
  ["detection: ver", detect.parseVer],
  ["iperf3 server text interval", (s) => s.split("\n").map(parseTextInterval)],
  ["iperf3 --json-stream line", parseJsonStreamLine],
  ["iperf3 lenient JSON", (s) => parseLenientJson(s)],
  ["iperf3 --version", parseIperfVersion],
  ["ip route get", (s) => [parseRoute(s), routeLine(s)]],
];

function capture(name: string): string {
  if (!name.startsWith("own:")) return readCapture(name);
  const [dir = "", file = ""] = name.slice("own:".length).split("/");
  return own[dir as keyof typeof own](file);
}

const withCaptures = PARSERS.filter((p) => p.captures.length > 0);
const RUNS = { numRuns: 25 };

// Random text with what host output is made of: blanks, digits, separators, CR, NBSP, U+2028,
// quotes and brackets, more often than a uniform draw would give them.
const hostileChar = fc.constantFrom(" ", "\t", "\r", "\u00a0", "\u2028", "0", "9", ".", ":", "-", "=", "(", ")", "[", "]", "{", "}", '"', "\\", "%", "<", ">", "/", "a", "Z");
const hostileText = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: hostileChar, maxLength: 300 }));

// A real capture with a few random edits: a span replaced by random text, a line doubled or cut.
const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: hostileText });
function mutate(text: string, edits: { at: number; cut: number; insert: string }[]): string {
  let out = text;
  for (const { at, cut, insert } of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    out = out.slice(0, i) + insert + out.slice(i + cut);
  }
  return out;
}

describe("every parser, random and mutated input: never throws", () => {
  test.each(PARSERS.map((p) => [p.name, p] as const))("%s: random text", (_name, parser) => {
    fc.assert(fc.property(hostileText, (text) => void parser.parse(text)), RUNS);
  });

  test.each(withCaptures.map((p) => [p.name, p] as const))("%s: mutated real captures", (_name, parser) => {
    const sources = parser.captures.map(capture);
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, edits) => {
        void parser.parse(mutate(sources[which] ?? "", edits));
      }),
      RUNS,
    );
  });

  test.each(OTHER_READERS)("%s: random text", (_name, read) => {
    fc.assert(fc.property(hostileText, (text) => void read(text)), RUNS);
  });
});

describe("every parser reports what it did not read", () => {
  const GARBAGE = "\u0007 netdiag cannot read this line ☃ 1 2 3";
  test.each(withCaptures.filter((p) => !p.json && !p.ignoresExtraLines).flatMap((p) => p.captures.map((c) => [p.name, c, p] as const)))(
    "%s (%s): a garbage line is skipped, the real rows still read",
    (_name, file, parser) => {
      const real = capture(file);
      const clean = parser.parse(real);
      const dirty = parser.parse(`${real.replace(/\s*$/, "")}\n${GARBAGE}\n`);
      expect(clean.rows).toBeGreaterThan(0);
      expect(dirty.rows).toBe(clean.rows);
      expect(dirty.skipped.slice(clean.skipped.length).map((s) => s.line.trim())).toContain(GARBAGE.trim());
    },
  );

  test.each(PARSERS.filter((p) => p.json && p.captures.length > 0).map((p) => [p.name, p] as const))("%s: an entry of the wrong shape is skipped, the real ones still read", (_name, parser) => {
    const real = capture(parser.captures[0] ?? "");
    const clean = parser.parse(real);
    const dirty = parser.parse(real.replace("[", '[{"garbage": [1, {"deeper": null}]},'));
    expect(clean.rows).toBeGreaterThan(0);
    expect(dirty.rows).toBe(clean.rows);
    expect(dirty.skipped.length).toBe(clean.skipped.length + 1);
  });
});

describe("every parser takes linear time", () => {
  // Appended to a real capture, so table parsers are past their header when the long line comes.
  // Newlines at a smaller size: past some 20,000 lines the cost per line of any parser grows
  // (garbage collection of the split lines), which a ratio reads as superlinear; a quadratic
  // scan across blank lines still shows at 2,500 (it took 0.25 s at 20,000).
  const FILLS: [string, (n: number) => string, number][] = [
    ["blanks, then a CR", (n) => `a${" ".repeat(n)}\rb`, 5_000],
    ["digits and dots", (n) => `${"1.".repeat(n / 2)}x`, 5_000],
    ['escaped quotes "\\"\\"…', (n) => `"${'\\"'.repeat(n / 2)}`, 5_000],
    ["newlines", (n) => `${"\n".repeat(n)}x`, 2_500],
  ];
  const cases = [...PARSERS.map((p) => [p.name, p.parse, p.captures[0] ? capture(p.captures[0]) : ""] as const), ...OTHER_READERS.map(([name, read]) => [name, read, ""] as const)];
  test.each(cases)("%s", (_name, parse, real) => {
    for (const [, fill, n] of FILLS) expect(growth(parse, (size) => `${real}\n${fill(size)}\n`, n)).toBeLessThan(LINEAR);
  });

  test("a table under a dash line of thousands of runs: columns come from the header", () => {
    const hostile = (n: number) => `ifIndex InterfaceAlias AddressFamily NlMtu(Bytes)\n${"-- ".repeat(n / 3)}\n${"a ".repeat(n / 2)}\n`;
    expect(growth(tables.parseNetIPInterfaceTable, hostile, 5_000)).toBeLessThan(LINEAR);
    expect(tables.parseNetIPInterfaceTable(hostile(300)).skipped[0]?.reason).toMatch(/^a dash line of 100 columns is not this table's/);
  });
});

describe("JSON readers (ip -j, PowerShell ConvertTo-Json, iperf3 -J): hostile documents", () => {
  const JSON_PARSERS = PARSERS.filter((p) => p.json || p.name === "iperf3 -J");
  const deep = (n: number) => `[${"[".repeat(n)}${"]".repeat(n)}]`;
  const deepObject = (n: number) => `[${'{"a":'.repeat(n)}1${"}".repeat(n)}]`;

  test.each(JSON_PARSERS.map((p) => [p.name, p] as const))("%s: nested 100,000 deep is skipped, not thrown", (_name, parser) => {
    for (const text of [deep(100_000), deepObject(100_000), `{"start":${deep(100_000)}}`]) {
      const { rows, skipped } = parser.parse(text);
      expect(rows).toBe(0);
      expect(skipped.length).toBeGreaterThan(0);
    }
  });

  test.each(JSON_PARSERS.map((p) => [p.name, p] as const))("%s: __proto__ and constructor keys pollute nothing", (_name, parser) => {
    const hostile = '[{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "ifname": "__proto__", "Name": "constructor"}]';
    parser.parse(hostile);
    parser.parse(`{"start": {"__proto__": {"polluted": 1}}, "end": {"__proto__": {"sum_sent": {"bytes": 1}}}}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("iperf3 -J: a __proto__ key stays data, it does not become the object's prototype", () => {
    const { value } = parseLenientJson('{"__proto__": {"sum_sent": {"bytes": 5}}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value as object, "__proto__")).toBe(true);
    expect(parseIperfJson('{"end": {"__proto__": {"sum_sent": {"bytes": 5}}}}').flows.forward).toBeNull();
  });

  test("ip -j link: counters above 2^64-1 are unknown and reported, the interface kept", () => {
    const real = capture("own:linux/ip-j-s-d-link-show.txt");
    const { value, skipped } = ipLink.parse(real.replace('"bytes":4290,', '"bytes":18446744073709551616,').replace('"bytes":2014,', '"bytes":1e400,'));
    const row = value.find((r) => r.name === "ndp-va");
    expect(row?.txBytes).toBeNull();
    expect(row?.rxBytes).toBeNull();
    expect(row?.txPackets).toBe(55n);
    expect(skipped).toEqual([
      { line: "ndp-va rx.bytes", reason: "not a counter (a whole number up to 2^64-1): unknown" },
      { line: "ndp-va tx.bytes", reason: "not a counter (a whole number up to 2^64-1): unknown" },
    ]);
    expect(ipLink.parse(real.replace('"bytes":4290,', '"bytes":18446744073709551615,')).value.find((r) => r.name === "ndp-va")?.txBytes).toBe(2n ** 64n - 1n);
  });

  test("Get-NetAdapterStatistics JSON: counters above 2^64-1 are unknown and reported; null is not counted", () => {
    const { value, skipped } = netAdapterStats.parse('{"Name": "Ethernet", "ReceivedBytes": 99999999999999999999999, "SentBytes": null, "ReceivedUnicastPackets": 7}');
    expect(value).toEqual([{ name: "Ethernet", rxBytes: null, txBytes: null, rxPackets: 7n, txPackets: null, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null }]);
    expect(skipped).toEqual([{ line: "Ethernet ReceivedBytes", reason: "not a counter (a whole number up to 2^64-1): unknown" }]);
  });

  test("iperf3 -J: byte counts above 2^64-1 are unknown and reported", () => {
    const report = parseIperfJson('{"end": {"sum_sent": {"bytes": 1e30, "bits_per_second": 1}, "sum_received": {"bytes": 36893488147419103232, "bits_per_second": 1}}}');
    expect(report.flows.forward?.bytes).toBeNull();
    expect(report.flows.forward?.sentBytes).toBeNull();
    expect(report.skipped.map((s) => s.line)).toEqual(["sum_received.bytes 36893488147419103000", "sum_sent.bytes 1e+30"]);
  });

  test("ip link (text): counters above 2^64-1 are unknown and reported", () => {
    const { value, skipped } = ipLinkText.parse("1: lo: <UP> mtu 65536\n    RX: bytes packets\n    18446744073709551616 5\n");
    expect(value[0]).toMatchObject({ rxBytes: null, rxPackets: 5n });
    expect(skipped).toEqual([{ line: "    18446744073709551616 5", reason: "rx bytes '18446744073709551616' is not a counter (a whole number up to 2^64-1): unknown" }]);
  });
});
