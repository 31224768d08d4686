import { describe, expect, test } from "vitest";
import { replayCaptures } from "@/lib/collect/common/test-exec";
import { bsdCommands, darwinCollector, freebsdCollector } from "./index";

describe("FreeBSD and macOS collectors", () => {
  test("FreeBSD: ifconfig rows with netstat counters; netstat-only interfaces kept; own address dropped from neighbors", async () => {
    const exec = replayCaptures({
      "ifconfig -a": "freebsd/ifconfig-mtu9000__jc-freebsd12-extra2.txt",
      "netstat -ibdn": "freebsd/netstat-ibdn__chef-ohai.txt",
      "arp -an": "freebsd/arp-an__chef-ohai.txt",
      "uname -a": "freebsd/uname-a__jc-freebsd12.txt",
    });
    const s = await freebsdCollector.collect(exec);
    expect(s.platform).toBe("freebsd");
    expect(s).toMatchObject({ hostname: "freebsd", kernel: "FreeBSD 12.1-RELEASE amd64" });
    expect(s.interfaces.map((i) => [i.name, i.mtu, i.mac, i.rxBytes])).toEqual([
      ["ix0", 9000, "00:1b:21:8b:f8:2c", null],
      ["vtnet0", 1500, "fa:16:3e:ba:3e:25", 46746n],
      ["lo0", 16384, null, 0n],
    ]);
    expect(s.neighbors.map((n) => n.ip)).toEqual(["140.211.10.91", "140.211.10.65", "140.211.10.66"]);
    // the heredoc marker in the ohai capture makes the run partial, visibly
    expect(s.commands.find((c) => c.command === "netstat -ibdn")?.skipped).toHaveLength(1);
    expect(exec.calls.every((c) => bsdCommands("freebsd").includes(c))).toBe(true);
  });

  test("macOS: cut netstat names go to their interface by prefix and MAC", async () => {
    const s = await darwinCollector.collect(
      replayCaptures({
        "ifconfig -a": "macos/ifconfig__jc-osx10146.txt",
        "netstat -i": "macos/netstat-i__jc-osx10146.txt",
        "arp -an": "macos/arp-a__jc-osx10146.txt",
        "uname -a": "macos/uname-a__jc-osx10146.txt",
      }),
    );
    expect(s).toMatchObject({ hostname: "kbrazil-mac", kernel: "Darwin 18.7.0 x86_64" });
    // sw_vers had no answer: recorded as a failed command, the collection goes on without a distribution
    expect(s.distribution).toBeNull();
    expect(s.commands.find((c) => c.command === "sw_vers")).toMatchObject({ ok: false, error: expect.stringMatching(/^exit 127/) });
    const byName = new Map(s.interfaces.map((i) => [i.name, i]));
    expect(byName.get("en0")).toMatchObject({ mac: "f0:18:98:03:d9:30", rxPackets: 23300545n, txErrors: 464n });
    // "bridg" (the only interface starting so) is bridge0; ap1/VHC12/vmnet are only in netstat
    expect(byName.get("bridge0")?.rxPackets).toBe(0n);
    expect(byName.has("bridg")).toBe(false);
    expect(byName.get("vmnet")?.mac).toBe("00:50:56:c0:00:01");
    expect(s.commands.find((c) => c.command === "netstat -i -d -l -b -n")).toMatchObject({ ok: false, replacedBy: "netstat -i" });
    // 192.168.1.222 is the capturing Mac's own (permanent) entry, but this ifconfig capture comes
    // from another Mac (192.168.1.72), so it stays: only addresses of the collected host are dropped
    expect(s.neighbors.map((n) => n.ip)).toContain("192.168.1.222");
    expect(s.neighbors).toHaveLength(12);
  });

  test("macOS IPv4 and IPv6 neighbors of one Mac (arp -an, ndp -an), sw_vers of another", async () => {
    const s = await darwinCollector.collect(
      replayCaptures({
        "arp -an": "macos/arp-an__macos-rust-comment-id55060280610.txt",
        "ndp -an": "macos/ndp-an__macos-rust-comment-id55060280610.txt",
        "sw_vers": "macos/sw_vers__macos-14.0-23A344-readme-id43552286153.txt",
      }),
    );
    expect(s.distribution).toBe("macOS 14.0");
    expect(s.neighbors).toHaveLength(17 + 20);
    // the gateway as both families see it; only NDP can tell it is a router
    expect(s.neighbors.filter((n) => n.mac === "f8:ce:21:39:5b:f4").map((n) => [n.ip, n.router])).toEqual([
      ["192.168.0.1", false],
      ["fe80::face:21ff:fe39:5bf4", true],
    ]);
    expect(s.commands.filter((c) => ["arp -an", "ndp -an", "sw_vers"].includes(c.command)).every((c) => c.ok && !c.skipped)).toBe(true);
  });
});
