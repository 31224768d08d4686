import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Platform } from "@/lib/domain/platform";
import type { Snapshot } from "@/lib/domain/snapshot";
import { asEsxiTopology, type EsxiTopology } from "@/lib/domain/esxi-topology";
import { findingsSettled, reevaluateCollectionFindings } from "@/lib/jobs/evaluate-findings";
import { collectHost } from "@/lib/jobs/collect";
import { listFindings } from "@/lib/queries/findings";
import { createHost, getHost } from "@/lib/queries/hosts";
import { finishRun, getLatestSnapshot, listRuns, startRun } from "@/lib/queries/runs";
import { getLatestTopology } from "@/lib/queries/topology";
import { lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// One lab host per platform replays real captures (lab/replay/<set>/manifest.tsv) through its
// own sshd: detection, SSH, the platform's commands and parsers, storage, findings, all real
// except that the commands' outputs were captured elsewhere. Commands without a capture fail
// like a missing command, so these runs are "partial", and the test says exactly which.
// auto: the set replays a real `uname -a` (or `cmd /c ver`), so the platform is detected.
type Replay = { set: string; platform: Platform; auto?: true; distribution?: string; missing: string[] };
const REPLAYS: Replay[] = [
  { set: "esxi-7", auto: true, platform: "esxi", distribution: "VMware ESXi 7.0.3 build-22348816", missing: [] },
  { set: "esxi-legacy", platform: "esxi", missing: ["esxcfg-vmknic -l", "esxcli network ip route ipv4 list", "uname -a", "vmware -vl"] },
  {
    set: "freebsd",
    auto: true,
    platform: "freebsd",
    // netstat -ibdn: the capture ends with its heredoc marker, one line not understood
    missing: ["ndp -an", "netstat -ibdn", "sh -c 'cat /etc/platform /etc/version 2>/dev/null; opnsense-version 2>/dev/null; exit 0'"],
  },
  { set: "darwin", auto: true, platform: "darwin", distribution: "Mac OS X 10.5.5", missing: ["ndp -an"] },
  { set: "illumos", auto: true, platform: "illumos", distribution: "SmartOS 20160330T234717Z x86_64", missing: [] },
  { set: "windows", auto: true, platform: "windows", missing: ["hostname", "netsh interface ipv6 show neighbors"] },
  {
    set: "esxi-jumbo",
    platform: "esxi",
    missing: ["esxcfg-vmknic -l", "esxcli network ip interface ipv4 get", "esxcli network ip neighbor list", "esxcli network ip route ipv4 list", "uname -a", "vmware -vl"],
  },
  {
    set: "esxi-observer",
    platform: "esxi",
    // only its neighbor table was published; the esxcli lists fall back to esxcfg-*, which fail too
    missing: ["esxcfg-nics -l", "esxcfg-vmknic -l", "esxcfg-vswitch -l", "esxcli network ip interface ipv4 get", "esxcli network ip route ipv4 list", "uname -a", "vmware -vl"],
  },
  {
    set: "esxi-nsx",
    platform: "esxi",
    missing: ["esxcfg-vmknic -l", "esxcli network ip interface ipv4 get", "esxcli network ip neighbor list", "uname -a", "vmware -vl"],
  },
];

// Replay hosts take turns on a few lab hosts: a set is switched on right before its host is
// collected and off after, and everything later is read back from the database.
const REPLAY_HOSTS = 3;
let l: Lab;
const ids = new Map<string, number>();
const hostOf = new Map<string, LabHost>();
const idOf = (set: string) => ids.get(set) as number;

function withReplay<T>(set: string, run: () => Promise<T>): Promise<T> {
  const h = hostOf.get(set) as LabHost;
  lab("replay", h.name, set);
  return run().finally(() => lab("replay", h.name, "--off"));
}

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  for (const [i, r] of REPLAYS.entries()) {
    const h = l.hosts[i % REPLAY_HOSTS] as LabHost;
    hostOf.set(r.set, h);
    const created = await createHost({ name: `replay-${r.set}`, address: h.address, port: h.port, username: h.username, platform: r.auto ? "auto" : r.platform, privateKey });
    ids.set(r.set, created.id);
  }
});

afterAll(() => {
  for (const h of new Set(hostOf.values())) lab("replay", h.name, "--off");
});

// What makes a run partial (lib/jobs/collect.ts): failed or not fully understood, not replaced.
function problems(commands: { command: string; ok: boolean; replacedBy?: string; skipped?: unknown[] }[]): string[] {
  return commands.filter((c) => !c.replacedBy && (!c.ok || (c.skipped?.length ?? 0) > 0)).map((c) => c.command).sort();
}

describe("a replayed host per platform, collected through the app over SSH", () => {
  test.each(REPLAYS)("$set ($platform)", async ({ set, platform, distribution, missing }) => {
    const run = await withReplay(set, () => collectHost(idOf(set)));
    expect(run.status).toBe(missing.length > 0 ? "partial" : "ok");
    const [detail] = await listRuns(idOf(set), 1);
    expect(problems(detail?.commands ?? [])).toEqual([...missing].sort());
    const host = await getHost(idOf(set));
    expect(host.detectedPlatform).toBe(platform);
    // FreeBSD's pfSense/OPNsense/TrueNAS files and Windows editions have no real capture
    expect(host.distribution).toBe(distribution ?? null);
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
  test("a replay host on auto without a `uname -a` capture: detection fails with what each command said and the supported list", async () => {
    const h = hostOf.get("esxi-observer") as LabHost;
    const created = await createHost({ name: "replay-auto", address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) });
    const run = await withReplay("esxi-observer", () => collectHost(created.id));
    expect(run).toMatchObject({ status: "failed", errorCode: "unsupported-platform" });
    expect(run.error).toContain("uname -a: uname: not found (replay set esxi-observer");
    expect(run.error).toContain("cmd /c ver: cmd: not found");
    expect(run.error).toContain("linux, esxi, freebsd, darwin, illumos, windows");
  });

  test("a plain lab host on auto is still detected as Linux", async () => {
    const h = l.hosts[REPLAY_HOSTS] as LabHost;
    const created = await createHost({ name: "auto-linux", address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) });
    expect((await collectHost(created.id)).status).toBe("ok");
    expect((await getHost(created.id)).detectedPlatform).toBe("linux");
  });
});

describe("ESXi faults from replayed real outputs", () => {
  test("esxi-jumbo: vmk0 at 9000 on vSwitch0 at 1500 raises the in-host MTU finding with the vSwitch fix", async () => {
    await reevaluateCollectionFindings();
    const id = idOf("esxi-jumbo");
    const chain = asEsxiTopology((await getLatestTopology(id))?.topology);
    expect(chain?.vmknics.map((k) => [k.name, k.mtu, k.portgroup, k.vswitch])).toEqual([["vmk0", 9000, "Management Network", "vSwitch0"]]);
    expect(chain?.vswitches.find((v) => v.name === "vSwitch0")).toMatchObject({ mtu: 1500, uplinks: ["vmnic0"] });
    const [finding] = await listFindings({ status: "open", hostId: id, kind: "mtu-mismatch" });
    expect(finding).toMatchObject({ key: `mtu-mismatch:esxi:${id}:vmk0`, severity: "critical", hostIds: [id] });
    expect(finding?.evidence[0]?.fields).toMatchObject({ vmknic: "vmk0", vmknicMtu: 9000, vswitch: "vSwitch0", vswitchMtu: 1500 });
    expect(finding?.fix).toContain("esxcli network vswitch standard set -v vSwitch0 -m 9000");
  });

  test("esxi-observer: another ESXi host's two vmknics answering with one MAC on two networks, with the FollowHardwareMac fix", async () => {
    await reevaluateCollectionFindings();
    const id = idOf("esxi-observer");
    const [finding] = await listFindings({ status: "open", hostId: id, kind: "duplicate-mac" });
    expect(finding).toMatchObject({ key: "duplicate-mac:3c:97:0e:5e:a1:bd", severity: "warning", title: "MAC 3c:97:0e:5e:a1:bd answers on two networks: 192.168.1.226 and 192.168.10.226" });
    expect(finding?.explanation).toContain("resolves 192.168.1.226 on vmk0 and 192.168.10.226 on vmk1 to the same MAC");
    expect(finding?.fix).toContain("esxcfg-advcfg -s 1 /Net/FollowHardwareMac");
    expect(finding?.evidence.map((r) => [r.fields.ip, r.fields.interface])).toEqual([
      ["192.168.1.226", "vmk0"],
      ["192.168.10.226", "vmk1"],
    ]);
  });

  test("esxi-nsx (one real host): vmk0 on an N-VDS of unknown MTU raises no MTU finding", async () => {
    const chain = asEsxiTopology((await getLatestTopology(idOf("esxi-nsx")))?.topology);
    expect(chain?.vswitches.map((v) => [v.name, v.mtu, v.uplinks])).toEqual([
      ["vSwitch0", 1500, []],
      ["hs-fabric", null, ["vmnic0"]],
    ]);
    await findingsSettled();
    expect((await listFindings({ status: "open", hostId: idOf("esxi-nsx"), kind: "mtu-mismatch" }))).toEqual([]);
  });
});

// No real capture shows an ESXi host's own vmknic list with two vmknics on one MAC (searched, see
// tests/fixtures/README.md), and replay never invents output. So that owner's view is hand-built
// and stored exactly as a collection stores a snapshot (startRun/finishRun), then the app's own
// evaluation runs over the database and the finding is read back.
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
  const runId = await startRun(host.id, new Date(), "esxi-replay");
  await finishRun(runId, { status: "ok", finishedAt: new Date(), snapshot: esxiSnapshot(topology) });
  return host.id;
}

describe("ESXi owner view through storage and evaluation (hand-built chain, see above)", () => {
  const vmnic = (name: string, mac: string, mtu: number) => ({ name, mac, mtu, speedMbps: 10000, linkUp: true, driver: "ixgben" });
  const vmk = (name: string, mac: string, mtu: number, portgroup: string, vswitch: string, addresses: string[]) => ({
    name, mac, mtu, enabled: true, portgroup, vswitch, netstack: "defaultTcpipStack", addresses,
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
