import { describe, expect, test } from "vitest";
import { PLATFORMS } from "@/lib/domain/platform";
import { dfPingCommand, parseDfPing, type DfPingResult } from "./ping";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { readOwn } from "./test-fixtures";
import { growth, LINEAR } from "@/lib/collect/common/test-linear";

// Most real outputs have no line the parser leaves unread: `skipped` is [] unless given.
type Expected = Omit<DfPingResult, "skipped"> & Partial<Pick<DfPingResult, "skipped">>;

describe("DF ping output captured in the lab (iputils 20221126, stdout then stderr)", () => {
  test.each<[string, Expected]>([
    ["linux-s1472-ok.txt", { transmitted: 3, received: 3, lossPercent: 0, tooBig: false, rttAvgMs: 0.066 }],
    [
      // 9000-MTU sender, 1500 bridge port: the veth peer drops the frame, sendmsg reports ENOBUFS
      "linux-s8972-lost-at-bridge.txt",
      { transmitted: 3, received: 0, lossPercent: 100, tooBig: false, error: "sendmsg: No buffer space available" },
    ],
    [
      // 1500-MTU sender asked for 9000: refused locally, never sent
      "linux-s8972-local-error-mtu1500.txt",
      { transmitted: 3, received: 0, lossPercent: 100, tooBig: true, reportedMtu: 1500 },
    ],
    ["linux-s1472-no-neighbor.txt", { transmitted: 3, received: 0, lossPercent: 100, tooBig: false }],
    [
      "linux-s1472-network-unreachable.txt",
      { transmitted: 0, received: 0, lossPercent: 100, tooBig: false, error: "connect: Network is unreachable" },
    ],
    [
      "linux-s8972-jumbo-pair-lost.txt",
      { transmitted: 3, received: 0, lossPercent: 100, tooBig: false, error: "sendmsg: No buffer space available" },
    ],
    ["linux-s1472-jumbo-pair-ok.txt", { transmitted: 3, received: 3, lossPercent: 0, tooBig: false, rttAvgMs: expect.any(Number) }],
  ])("%s", (file, expected) => {
    expect(parseDfPing(readOwn(file))).toEqual({ skipped: [], ...expected });
  });
});

describe("DF ping output from public sources: Linux, macOS, Windows, ESXi (tests/fixtures)", () => {
  test.each<[string, Expected]>([
    ["linux/ping-M-do-s1412-ok__incus-issue2405.txt", { transmitted: 3, received: 3, lossPercent: 0, tooBig: false, rttAvgMs: 15.736 }],
    [
      // a router's "Frag needed" names the path MTU; then the cached PMTU makes sendmsg refuse
      "linux/ping-M-do-s1472-fragneeded-sendmsg__incus-issue2405.txt",
      { transmitted: 2, received: 0, lossPercent: 100, tooBig: true, reportedMtu: 1440 },
    ],
    ["macos/ping-s1400__jc-osx10146.txt", { transmitted: 3, received: 3, lossPercent: 0, tooBig: false, rttAvgMs: 0.083 }],
    [
      "macos/ping-unreachable__jc-osx10146.txt",
      {
        transmitted: 8,
        received: 0,
        lossPercent: 100,
        tooBig: false,
        error: "92 bytes from fgt1.attlocal.net (192.168.1.220): Destination Host Unreachable",
        // the IP header macOS dumps under each unreachable is reported as not read, 6 times 2 lines
        skipped: expect.arrayContaining([{ line: "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst", reason: "not a line of ping output netdiag reads" }]),
      },
    ],
    [
      // no statistics at all: one attempt per DF failure line
      "windows/ping-f-l1500-df-fail__cpp-icmplib-issue7.txt",
      { transmitted: 1, received: 0, lossPercent: 100, tooBig: true },
    ],
    [
      // the README cut the statistics off; the echoed command line is reported, not read
      "esxi/vmkping-d-s1500-fail__ogelbric-vcf9.txt",
      { transmitted: 3, received: 0, lossPercent: 100, tooBig: true, skipped: [{ line: "vmkping -d  -s 1500  192.168.6.1", reason: "not a line of ping output netdiag reads" }] },
    ],
    ["esxi/vmkping__hpe-hpegl-readme.txt", { transmitted: 3, received: 3, lossPercent: 0, tooBig: false, rttAvgMs: 0.925 }],
  ])("%s", (file, expected) => {
    expect(parseDfPing(readCapture(file))).toEqual({ skipped: [], ...expected });
  });
});

describe("DF ping output from public sources: Windows ping -f -l, macOS ping -D (tests/fixtures)", () => {
  test.each<[string, Expected]>([
    // Windows ping -f -l: the local stack refuses, no "Reply from", Received = 0
    ["windows/ping-f-l-1500-fail__kyberdrb-windows-tutorials.txt", { transmitted: 1, received: 0, lossPercent: 100, tooBig: true }],
    [
      // a router's frag-needed, which Windows prints as "Reply from 10.10.10.1: …" and counts as
      // Received = 1, 0% loss: the target never answered, so it is too big, not a success
      "windows/ping-f-l-1463-frag-reply__kyberdrb-windows-tutorials.txt",
      { transmitted: 1, received: 0, lossPercent: 100, tooBig: true },
    ],
    ["windows/ping-f-l-1452-success__kyberdrb-windows-tutorials.txt", { transmitted: 1, received: 1, lossPercent: 0, tooBig: false, rttAvgMs: 28 }],
    ["windows/ping-f-l-1472-success__prokop-dev-blog.txt", { transmitted: 4, received: 4, lossPercent: 0, tooBig: false, rttAvgMs: 25 }],
    [
      // German: "Paket müsste fragmentiert werden, DF-Flag ist jedoch gesetzt.", "Pakete: Gesendet = 1,
      // Empfangen = 0, Verloren = 1" and the loss percentage wrapped onto its own line
      "windows/ping-f-l2000-fail__de-rechnernetze-rnlabor-id45268397624.txt",
      { transmitted: 1, received: 0, lossPercent: 100, tooBig: true },
    ],
    // macOS ping -D: "sendto: Message too long" (stderr first in one, after the header in the other)
    ["macos/ping-D-s1500-toobig__macos-darwin25.5-FragglePacket.txt", { transmitted: 2, received: 0, lossPercent: 100, tooBig: true }],
    ["macos/ping-c1-D-s1500-toobig__macos-ren-id16157735129.txt", { transmitted: 1, received: 0, lossPercent: 100, tooBig: true }],
    ["macos/ping-c1-D-s1400-ok__macos-ren-id16157735129.txt", { transmitted: 1, received: 1, lossPercent: 0, tooBig: false, rttAvgMs: 21.18 }],
    ["macos/ping-ok__macos-darwin25.5-FragglePacket.txt", { transmitted: 4, received: 4, lossPercent: 0, tooBig: false, rttAvgMs: 62.641 }],
  ])("%s", (file, expected) => {
    expect(parseDfPing(readCapture(file))).toEqual({ skipped: [], ...expected });
  });
});

describe("parseDfPing edge cases", () => {
  test("text that is not ping output is null", () => {
    expect(parseDfPing("")).toBeNull();
    expect(parseDfPing("/bin/bash: line 1: ping: command not found\n")).toBeNull();
  });

  test("a Windows reply from a router saying unreachable is not a received echo", () => {
    // Windows counts these as "Received"; the DF question is whether the target answered.
    const out = [
      "Pinging 10.0.0.9 with 1472 bytes of data:",
      "Reply from 10.0.0.1: Destination host unreachable.",
      "Reply from 10.0.0.1: Destination host unreachable.",
      "",
      "Ping statistics for 10.0.0.9:",
      "    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss),",
    ].join("\r\n");
    expect(parseDfPing(out)).toEqual({
      transmitted: 2,
      received: 0,
      lossPercent: 100,
      tooBig: false,
      error: "Reply from 10.0.0.1: Destination host unreachable.",
      skipped: [],
    });
  });
});

describe("dfPingCommand", () => {
  test("Linux: iputils with DF, three probes, fast interval", () => {
    expect(dfPingCommand("linux", "10.218.1.11", 8972)).toBe("LC_ALL=C ping -n -M do -s 8972 -c 3 -i 0.2 -W 1 10.218.1.11");
  });

  test("IPv6: Linux only (-6 -M do), where the sender is known not to fragment", () => {
    expect(dfPingCommand("linux", "fd00:da:20::17", 8952)).toBe("LC_ALL=C ping -6 -n -M do -s 8952 -c 3 -i 0.2 -W 1 fd00:da:20::17");
    expect(PLATFORMS.filter((p) => p !== "linux").map((p) => dfPingCommand(p, "fd00:da:20::17", 1452))).toEqual(PLATFORMS.filter((p) => p !== "linux").map(() => null));
  });

  test("every platform with a collector-to-be has its equivalent, illumos none", () => {
    const got = Object.fromEntries(PLATFORMS.map((p) => [p, dfPingCommand(p, "192.0.2.7", 1472)]));
    expect(got).toEqual({
      linux: "LC_ALL=C ping -n -M do -s 1472 -c 3 -i 0.2 -W 1 192.0.2.7",
      esxi: "vmkping -d -s 1472 -c 3 192.0.2.7",
      freebsd: "ping -n -D -s 1472 -c 3 -t 5 192.0.2.7",
      darwin: "ping -n -D -s 1472 -c 3 -t 5 192.0.2.7",
      illumos: null,
      windows: "ping -n 3 -f -l 1472 -w 1000 192.0.2.7",
    });
  });

  test.each([
    ["10.0.0.1; reboot", 1472],
    ["10.0.0.300", 1472],
    ["fe80::1%eth0", 1472],
    ["fd00::1;id", 1472],
    ["$(id)", 1472],
    ["10.0.0.1", 1472.5],
    ["10.0.0.1", -1],
    ["10.0.0.1", 65_508],
    ["10.0.0.1", Number.NaN],
  ])("refuses target %j with payload %s", (ip, size) => {
    expect(() => dfPingCommand("linux", ip, size)).toThrow(RangeError);
  });
});

describe("hostile output: every line is read in linear time", () => {
  // Each old regex was quadratic on one kind of line: searched from every position of a run
  // (`(\d+) packets`, `fragment.*\bDF\b`), or two blank quantifiers side by side (`:\s*[^=]+=`,
  // `mtu\s*[=:]?\s*`, `:\s*(.+)$` stopped by a CR): 3-8 s for an 80,000-character line.
  test.each<[string, (n: number) => string]>([
    ["a run of digits (statistics)", (n) => `PING 10.0.0.1\n${"1".repeat(n)}x\n`],
    ["'fragment' repeated (too big)", (n) => `PING 10.0.0.1\n${"fragment".repeat(n / 8)}\n`],
    ["Windows statistics with a long blank run", (n) => `Pinging 10.0.0.1\nPackets:${" ".repeat(n)}x\n`],
    ["too big with blanks after 'mtu'", (n) => `PING 10.0.0.1\nping: local error: message too long, mtu${" ".repeat(n)}x\n`],
    ["an error line with blanks and a CR", (n) => `PING 10.0.0.1\nping:${" ".repeat(n)}a\rb\n`],
  ])("%s", (_name, hostile) => {
    expect(growth(parseDfPing, hostile)).toBeLessThan(LINEAR);
  });

  test("a garbage line is reported as skipped; counts no number holds are not read", () => {
    const out = parseDfPing(`PING 10.0.0.1\nnot ping at all\n${"9".repeat(400)} packets transmitted, 1 received\n`);
    expect(out?.skipped).toEqual([
      { line: "not ping at all", reason: "not a line of ping output netdiag reads" },
      { line: `${"9".repeat(400)} packets transmitted, 1 received`, reason: "packet counts too large to be counts" },
    ]);
    expect(out?.transmitted).toBe(0);
  });
});
