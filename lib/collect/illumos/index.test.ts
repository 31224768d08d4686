import { describe, expect, test } from "vitest";
import { replayCaptures } from "@/lib/collect/common/test-exec";
import { ILLUMOS_COMMANDS, illumosCollector } from "./index";

describe("illumosCollector.collect", () => {
  test("dladm links, MACs, speeds; ipadm addresses; netstat counters; arp neighbors", async () => {
    const exec = replayCaptures({
      "dladm show-link": "illumos/dladm-show-link-vnic__smartos-docs-nfs.txt",
      "dladm show-phys -m": "illumos/dladm-show-phys-m__oxide-helios-engvm.txt",
      "dladm show-vnic": "illumos/dladm-show-vnic__smartos-docs-nfs.txt",
      "dladm show-ether": "illumos/dladm-show-ether__oxide-helios-engvm.txt",
      "ipadm show-addr": "illumos/ipadm-show-addr-dhcp__oxide-helios-engvm.txt",
      "netstat -i": "illumos/netstat-i-solaris10__getmac.txt",
      "arp -an": "illumos/arp-an-solaris__chef-ohai.txt",
      // both from one OpenSolaris 2008.05 host
      "uname -a": "illumos/uname-a__opensolaris-2008.05-id54359880193.txt",
      "cat /etc/release": "illumos/cat-etc-release__opensolaris-2008.05-id54359880193.txt",
    });
    const s = await illumosCollector.collect(exec);
    expect(s.platform).toBe("illumos");
    expect(s).toMatchObject({ hostname: "opensolaris", kernel: "SunOS 5.11 i86pc", distribution: "Open Solaris 2008.05 snv_86_rc2a X86" });
    expect(s.interfaces.map((i) => [i.name, i.kind, i.mac, i.mtu, i.state, i.speedMbps, i.addresses])).toEqual([
      ["nfs0", "vnic", "02:08:20:a6:87:71", 1500, "up", 1000, []],
      ["bge0", null, "a0:42:3f:42:91:50", null, "up", 1000, ["172.20.3.63/24"]],
      ["bge1", null, "a0:42:3f:42:91:51", null, "unknown", null, []],
      ["lo0", "loopback", null, 8232, "unknown", null, ["127.0.0.1/8", "::1/128"]],
      ["e1000g0", null, null, 1500, "unknown", null, []],
    ]);
    expect(s.interfaces.find((i) => i.name === "e1000g0")).toMatchObject({ rxPackets: 27630n, txPackets: 14952n });
    expect(s.neighbors).toHaveLength(16);
    expect(exec.calls.every((c) => ILLUMOS_COMMANDS.includes(c))).toBe(true);
  });

  test("no ipadm (Solaris 10): addresses from ifconfig -a", async () => {
    const s = await illumosCollector.collect(replayCaptures({ "ifconfig -a": "illumos/ifconfig-a__smartos-docs-nfs.txt" }));
    expect(s.interfaces.map((i) => [i.name, i.addresses])).toEqual([
      ["lo0", ["127.0.0.1/8", "::1/128"]],
      ["e1000g0", ["192.168.56.112/24"]],
      ["nfs0", ["172.25.0.49/24"]],
    ]);
    expect(s.commands.find((c) => c.command === "ipadm show-addr")).toMatchObject({ replacedBy: "ifconfig -a" });
    // no answer for uname -a or /etc/release: failed commands on the run, not a failed collection
    expect(s).toMatchObject({ hostname: null, kernel: null, distribution: null });
    expect(s.commands.filter((c) => c.command === "uname -a" || c.command === "cat /etc/release").map((c) => c.ok)).toEqual([false, false]);
  });
});
