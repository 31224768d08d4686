import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Platform, Snapshot } from "@/lib/collect/collector";
import { asEsxiTopology, type EsxiTopology } from "@/lib/collect/esxi/topology";
import { reevaluateCollectionFindings } from "@/lib/collect/evaluate-findings";
import { collectHost } from "@/lib/collect/run-collection";
import { listFindings } from "@/lib/queries/findings";
import { createHost, getHost } from "@/lib/queries/hosts";
import { finishRun, getLatestSnapshot, listRuns, startRun } from "@/lib/queries/runs";
import { getLatestTopology } from "@/lib/queries/topology";
import { GET_NETADAPTERSTATISTICS_COMMAND } from "@/lib/collect/windows/get-netadapterstatistics";
import { GET_NETIPADDRESS_COMMAND } from "@/lib/collect/windows/get-netipaddress";
import { lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// One lab host per platform replays real captures (lab/replay/<set>/manifest.tsv) through its
// own sshd: detection, SSH, the platform's commands and parsers, storage, findings, all real
// except that the commands' outputs were captured elsewhere. Commands without a capture fail
// like a missing command, so these runs are "partial", and the test says exactly which.
type Replay = { set: string; platform: Platform; missing: string[] };
const REPLAYS: Replay[] = [
  { set: "esxi-7", platform: "esxi", missing: ["uname -n", "uname -srm", "vmware -vl"] },
  {
    set: "esxi-legacy",
    platform: "esxi",
    missing: ["esxcfg-vmknic -l", "esxcli network ip route ipv4 list", "uname -n", "uname -srm", "vmware -vl"],
  },
  {
    set: "freebsd",
    platform: "freebsd",
    // netstat -ibdn: the capture ends with its heredoc marker, one line not understood
    missing: ["ndp -an", "netstat -ibdn", "sh -c 'cat /etc/platform /etc/version 2>/dev/null; opnsense-version 2>/dev/null; exit 0'", "uname -n", "uname -srm"],
  },
  { set: "darwin", platform: "darwin", missing: ["ndp -an", "sh -c 'sw_vers 2>/dev/null; exit 0'", "uname -n", "uname -srm"] },
  { set: "illumos", platform: "illumos", missing: ["sh -c 'head -n 1 /etc/release 2>/dev/null; exit 0'", "uname -n", "uname -srm"] },
  {
    set: "windows",
    platform: "windows",
    // no fallback with a real capture exists for addresses and counters
    missing: ["cmd /c ver", "hostname", "netsh interface ipv6 show neighbors", GET_NETADAPTERSTATISTICS_COMMAND, GET_NETIPADDRESS_COMMAND],
  },
];

let l: Lab;
const ids = new Map<string, number>();
const hostOf = new Map<string, LabHost>();
const idOf = (set: string) => ids.get(set) as number;

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  for (const [i, r] of REPLAYS.entries()) {
    const h = l.hosts[i] as LabHost;
    hostOf.set(r.set, h);
    lab("replay", h.name, r.set);
    const created = await createHost({ name: `replay-${r.set}`, address: h.address, port: h.port, username: h.username, platform: r.platform, privateKey });
    ids.set(r.set, created.id);
  }
});

afterAll(() => {
  for (const h of hostOf.values()) lab("replay", h.name, "--off");
});

// What makes a run partial (lib/collect/run-collection.ts): failed or not fully understood, not replaced.
function problems(commands: { command: string; ok: boolean; replacedBy?: string; skipped?: unknown[] }[]): string[] {
  return commands.filter((c) => !c.replacedBy && (!c.ok || (c.skipped?.length ?? 0) > 0)).map((c) => c.command).sort();
}

describe("a replayed host per platform, collected through the app over SSH", () => {
  test.each(REPLAYS)("$set ($platform)", async ({ set, platform, missing }) => {
    const run = await collectHost(idOf(set));
    expect(run.status).toBe("partial");
    const [detail] = await listRuns(idOf(set), 1);
    expect(problems(detail?.commands ?? [])).toEqual([...missing].sort());
    const host = await getHost(idOf(set));
    expect(host.detectedPlatform).toBe(platform);
    expect(host.distribution).toBeNull(); // no real capture of a distribution file or command exists
    expect(await getLatestSnapshot(idOf(set))).not.toBeNull();
  });

  test("the stored rows are the captures' rows, normalized", async () => {
    const rows = async (set: string) => (await getLatestSnapshot(idOf(set)))!;
    const esxi = await rows("esxi-7");
    expect(esxi.interfaces.map((i) => [i.name, i.kind, i.mac, i.mtu, i.state, i.speedMbps])).toEqual([
      ["vmk0", "vmknic", "00:50:56:6c:01:11", 1500, "up", null],
      ["vmnic0", "ether", "7c:d3:0a:00:00:00", 1500, "up", 10000],
      ["vmnic1", "ether", "7c:d3:0a:00:00:00", 1500, "down", null],
      ["vmnic2", "ether", "a0:36:9f:00:00:00", 1500, "up", 1000],
      ["vmnic3", "ether", "a0:36:9f:00:00:00", 1500, "down", null],
    ]);
    expect(esxi.neighbors.map((n) => [n.ip, n.mac, n.interface])).toContainEqual(["172.22.1.10", "ac:1f:6b:24:61:8b", "vmk2"]);

    const freebsd = await rows("freebsd");
    expect(freebsd.interfaces.find((i) => i.name === "ix0")).toMatchObject({ mtu: 9000, mac: "00:1b:21:8b:f8:2c", speedMbps: 10000, duplex: "full", addresses: ["10.10.2.101/24"] });
    expect(freebsd.interfaces.find((i) => i.name === "vtnet0")).toMatchObject({ rxBytes: 46746, txBytes: 26242 });

    const darwin = await rows("darwin");
    // macOS prints 0:90:a9:ed:f4:3f; stored zero-padded
    expect(darwin.neighbors.find((n) => n.ip === "192.168.1.80")?.mac).toBe("c8:d0:83:cd:f3:2d");
    expect(darwin.neighbors.find((n) => n.ip === "192.168.1.74")?.mac).toBe("f0:18:98:05:d8:39");
    expect(darwin.interfaces.find((i) => i.name === "en1")).toMatchObject({ mac: "02:00:31:81:83:05", state: "down" });

    const illumos = await rows("illumos");
    expect(illumos.interfaces.find((i) => i.name === "bge0")).toMatchObject({ mac: "a0:42:3f:42:91:50", speedMbps: 1000, duplex: "full", addresses: ["172.20.3.63/24"] });
    expect(illumos.interfaces.find((i) => i.name === "nfs0")).toMatchObject({ kind: "vnic", mtu: 1500, mac: "02:08:20:a6:87:71" });

    const windows = await rows("windows");
    expect(windows.interfaces.find((i) => i.name === "Ethernet 2")).toMatchObject({ mac: "00:15:5d:83:26:06", speedMbps: 1000, state: "up" });
    expect(windows.interfaces.find((i) => i.name === "Ethernet1")).toMatchObject({ mtu: 9000, rxBytes: 7686 });
    expect(windows.neighbors.filter((n) => n.state !== "noarp").map((n) => [n.ip, n.interface, n.state])).toEqual([
      ["10.0.0.1", "Ethernet 4", "reachable"],
      ["10.0.0.175", "Ethernet 4", "stale"],
      ["10.0.0.187", "Ethernet 4", "stale"],
      ["10.0.0.198", "Ethernet 4", "stale"],
      ["192.168.17.1", "VMware Network Adapter VMnet1", "failed"],
    ]);
  });

  test("the ESXi chain is stored on the run and read back through lib/queries", async () => {
    const modern = asEsxiTopology((await getLatestTopology(idOf("esxi-7")))?.topology);
    expect(modern?.vswitches).toEqual([{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic2"] }]);
    expect(modern?.vmknics.map((k) => [k.name, k.portgroup, k.vswitch, k.mtu])).toEqual([["vmk0", "Management", "vSwitch0", 1500]]);
    expect(modern?.portgroups.find((p) => p.name === "WAN network")?.vlanId).toBe(98);

    const legacy = asEsxiTopology((await getLatestTopology(idOf("esxi-legacy")))?.topology);
    expect(legacy?.vmnics.map((n) => [n.name, n.speedMbps])).toEqual([["vmnic0", 100]]);
    expect(legacy?.vmknics.map((k) => [k.name, k.portgroup, k.vswitch])).toEqual([["vmk0", "Management Network", "vSwitch0"]]);
    expect(await getLatestTopology(idOf("freebsd"))).toBeNull();
  });

  test("real chains without a fault raise no ESXi finding; vmk0 on its uplink's MAC is not a duplicate", async () => {
    await reevaluateCollectionFindings();
    for (const set of ["esxi-7", "esxi-legacy"]) {
      const findings = await listFindings({ status: "open", hostId: idOf(set) });
      expect(findings.filter((f) => f.key.startsWith("mtu-mismatch:esxi:")), set).toEqual([]);
    }
    // esxi-legacy: vmk0 and vmnic0 both use 6c:62:6d:a3:2e:c2 (ESXi gives vmk0 the first NIC's MAC)
    const legacyDup = await listFindings({ status: "open", hostId: idOf("esxi-legacy"), kind: "duplicate-mac" });
    expect(legacyDup.filter((f) => f.subject.id === "6c:62:6d:a3:2e:c2" && f.severity !== "info")).toEqual([]);
  });
});

describe("detection on first connect", () => {
  test("a replay host on auto: no real `uname -s`/`ver` capture, so detection fails with the supported list", async () => {
    const h = hostOf.get("esxi-7") as LabHost;
    const created = await createHost({ name: "replay-auto", address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) });
    const run = await collectHost(created.id);
    expect(run).toMatchObject({ status: "failed", errorCode: "unsupported-platform" });
    expect(run.error).toContain("uname -s: uname: not found (replay set esxi-7");
    expect(run.error).toContain("cmd /c ver: cmd: not found");
    expect(run.error).toContain("linux, esxi, freebsd, darwin, illumos, windows");
  });

  test("a plain lab host on auto is still detected as Linux", async () => {
    const h = l.hosts[REPLAYS.length] as LabHost;
    const created = await createHost({ name: "auto-linux", address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) });
    expect((await collectHost(created.id)).status).toBe("ok");
    expect((await getHost(created.id)).detectedPlatform).toBe("linux");
  });
});

// No real capture shows an ESXi fault (every captured vmknic, vSwitch and vmnic is at 1500 and
// no two vmknics share a MAC), and replay never invents output. So the faulty chains below are
// hand-built and stored exactly as a collection stores a snapshot (startRun/finishRun), then
// the app's own evaluation runs over the database and the findings are read back.
function esxiSnapshot(topology: EsxiTopology): Snapshot {
  const nic = (name: string, kind: string, mac: string | null, mtu: number | null, addresses: string[]) => ({
    name, kind, mac, mtu, state: "up" as const, speedMbps: null, duplex: null, driver: null, addresses,
    rxBytes: null, txBytes: null, rxPackets: null, txPackets: null, rxErrors: null, txErrors: null, rxDropped: null, txDropped: null,
  });
  return {
    platform: "esxi",
    hostname: null,
    kernel: null,
    interfaces: [
      ...topology.vmnics.map((n) => nic(n.name, "ether", n.mac, n.mtu, [])),
      ...topology.vmknics.map((k) => nic(k.name, "vmknic", k.mac, k.mtu, k.addresses)),
    ],
    neighbors: [],
    commands: [],
    topology,
  };
}

async function storeEsxi(name: string, address: string, topology: EsxiTopology): Promise<number> {
  const host = await createHost({ name, address, port: 22, username: "root", platform: "esxi", password: "never-used" });
  const runId = await startRun(host.id, new Date());
  await finishRun(runId, { status: "ok", finishedAt: new Date(), snapshot: esxiSnapshot(topology) });
  return host.id;
}

describe("ESXi findings through storage and evaluation (hand-built chains, see above)", () => {
  const vmnic = (name: string, mac: string, mtu: number) => ({ name, mac, mtu, speedMbps: 10000, linkUp: true, driver: "ixgben" });
  const vmk = (name: string, mac: string, mtu: number, portgroup: string, vswitch: string, addresses: string[]) => ({
    name, mac, mtu, enabled: true, portgroup, vswitch, netstack: "defaultTcpipStack", addresses,
  });

  test("a vmknic at 9000 on a vSwitch at 1500 raises the in-host MTU finding", async () => {
    const id = await storeEsxi("esx-mtu", "127.0.0.21", {
      kind: "esxi",
      vmnics: [vmnic("vmnic0", "88:e9:a4:6b:b8:54", 1500), vmnic("vmnic1", "88:e9:a4:6b:b8:55", 1500)],
      vswitches: [{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic0"] }, { name: "vSwitch1", mtu: 1500, uplinks: ["vmnic1"] }],
      portgroups: [{ name: "Management Network", vswitch: "vSwitch0", vlanId: 0 }, { name: "vMotion", vswitch: "vSwitch1", vlanId: 20 }],
      vmknics: [vmk("vmk0", "88:e9:a4:6b:b8:54", 1500, "Management Network", "vSwitch0", ["127.0.0.21/32"]), vmk("vmk1", "00:50:56:6a:00:01", 9000, "vMotion", "vSwitch1", [])],
    });
    await reevaluateCollectionFindings();
    const [finding] = await listFindings({ status: "open", hostId: id, kind: "mtu-mismatch" });
    expect(finding).toMatchObject({ key: `mtu-mismatch:esxi:${id}:vmk1`, severity: "critical", hostIds: [id] });
    expect(finding?.fix).toContain("esxcli network vswitch standard set -v vSwitch1 -m 9000");
    expect(finding?.evidence[0]?.fields).toMatchObject({ vmknic: "vmk1", vmknicMtu: 9000, vswitch: "vSwitch1", vswitchMtu: 1500, vlan: 20 });
  });

  test("two vmknics sharing a MAC raise the one-MAC finding with the FollowHardwareMac fix", async () => {
    const mac = "88:e9:a4:6b:c0:10";
    const id = await storeEsxi("esx-dupmac", "127.0.0.22", {
      kind: "esxi",
      vmnics: [vmnic("vmnic0", mac, 1500)],
      vswitches: [{ name: "vSwitch0", mtu: 1500, uplinks: ["vmnic0"] }],
      portgroups: [{ name: "Management Network", vswitch: "vSwitch0", vlanId: 0 }, { name: "vMotion", vswitch: "vSwitch0", vlanId: 20 }],
      vmknics: [vmk("vmk0", mac, 1500, "Management Network", "vSwitch0", ["10.99.1.10/24"]), vmk("vmk1", mac, 1500, "vMotion", "vSwitch0", ["10.99.20.10/24"])],
    });
    await reevaluateCollectionFindings();
    const [finding] = await listFindings({ status: "open", hostId: id, kind: "duplicate-mac" });
    expect(finding).toMatchObject({ key: `duplicate-mac:${mac}`, severity: "critical" });
    expect(finding?.fix).toContain("esxcfg-advcfg -s 1 /Net/FollowHardwareMac");
  });
});
