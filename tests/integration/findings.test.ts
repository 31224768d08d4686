import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DetectedFinding } from "@/lib/domain/finding";
import { collectAll, collectHost } from "@/lib/jobs/collect";
import { COLLECTION_SCOPE, findingsSettled } from "@/lib/jobs/evaluate-findings";
import { createHost, deleteHost } from "@/lib/queries/hosts";
import { getFinding, listFindings, setFindingStatus, syncFindings } from "@/lib/queries/findings";
import { listNeighborEvents } from "@/lib/queries/neighbor-events";
import { updateAppSettings } from "@/lib/queries/settings";
import { hostWithRole, lab, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// The lab's faults, collected over real SSH, must come out as findings (and its clean hosts
// must not). Other files may have registered the same lab hosts under other names: netdiag
// folds a machine registered twice into one, so that must not create findings either.
let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => {
  const id = ids.get(h.name);
  if (id === undefined) throw new Error(`${h.name} was not registered`);
  return id;
};
const ip = (cidr: string) => cidr.split("/")[0] as string;
// Collections answer before their findings are evaluated; reads wait for that, as pages do.
const collectionFindings = async (filter: Parameters<typeof listFindings>[0]) => {
  await findingsSettled();
  return listFindings({ ...filter, scope: COLLECTION_SCOPE });
};

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({ name: `fd-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey });
    ids.set(h.name, created.id);
  }
  const runs = await collectAll();
  const ours = new Set(ids.values());
  expect(runs.filter((r) => ours.has(r.hostId)).every((r) => r.status === "ok")).toBe(true);
});

describe("findings from collecting the lab", () => {
  test("the shared-MAC host is a critical one-MAC-several-IPs finding naming both interfaces", async () => {
    const owner = hostWithRole(l, "dupmac-owner");
    const observer = hostWithRole(l, "dupmac-observer");
    const [eth0, eth1] = owner.interfaces as [LabHost["interfaces"][number], LabHost["interfaces"][number]];
    const [f] = (await collectionFindings({ status: "open", kind: "duplicate-mac" })).filter((x) => x.subject.id === eth0.mac);
    expect(f).toBeDefined();
    expect(f!.severity).toBe("critical");
    expect(f!.hostIds).toContain(idOf(owner));
    expect(f!.hostIds).not.toContain(idOf(observer));
    expect(f!.title).toMatch(new RegExp(`${eth0.mac} is used by .*${owner.name} eth0 and .*${owner.name} eth1`));
    for (const nic of [eth0, eth1]) {
      expect(f!.fix).toContain(`${ip(nic.addresses[0]!)} belongs to`);
      // Evidence: the owner's interface rows, with where and when they came from.
      const row = f!.evidence.find((r) => r.source === "interface" && r.fields.interface === nic.name);
      expect(row).toMatchObject({ fields: { mac: eth0.mac } });
      expect(Date.parse(row!.at)).toBeGreaterThan(0);
    }
    // ...and the observer's neighbor table, one MAC for both addresses.
    const seen = f!.evidence.filter((r) => r.source === "neighbor table" && r.fields.mac === eth0.mac).map((r) => r.fields.ip);
    expect(seen).toEqual(expect.arrayContaining([ip(eth0.addresses[0]!), ip(eth1.addresses[0]!)]));
  });

  test("the 9000-MTU host is a passive MTU mismatch that lists every member", async () => {
    const jumbo = hostWithRole(l, "jumbo");
    const [f] = await collectionFindings({ status: "open", kind: "mtu-mismatch", hostId: idOf(jumbo) });
    expect(f).toMatchObject({ severity: "warning", subject: { type: "subnet" } });
    expect(f!.title).toContain(`${jumbo.name} eth0 uses 9000, the others 1500`);
    const members = l.hosts.filter((h) => h.interfaces.some((i) => i.segment === "A"));
    expect(f!.evidence.length).toBeGreaterThanOrEqual(members.length);
    expect(f!.evidence.find((r) => r.hostId !== null && r.fields.mtu === 9000)?.hostName).toMatch(new RegExp(`${jumbo.name}$`));
    expect(f!.fix).toContain("ip link set dev eth0 mtu 1500");
  });

  test("a host not collected for three sweeps: its findings stay as they were and say their data is stale", async () => {
    const jumbo = hostWithRole(l, "jumbo");
    await updateAppSettings({ collectIntervalMinutes: 5 });
    try {
      const [current] = await collectionFindings({ status: "open", kind: "mtu-mismatch", hostId: idOf(jumbo) });
      expect(current!.staleHosts).toEqual([]);
      // Sixteen minutes on with nothing collected (the site's collector down, say).
      const [later] = await listFindings({ scope: COLLECTION_SCOPE, status: "open", kind: "mtu-mismatch", hostId: idOf(jumbo) }, Date.now() + 16 * 60_000);
      expect(later).toMatchObject({ id: current!.id, status: "open" });
      const stale = later!.staleHosts.find((h) => h.id === idOf(jumbo));
      expect(stale).toMatchObject({ name: `fd-${jumbo.name}` });
      expect(Date.parse(stale!.lastCollectedAt!)).toBeLessThanOrEqual(Date.now());
    } finally {
      await updateAppSettings({ collectIntervalMinutes: null });
    }
  });

  test("searching findings ignores case, on either database engine", async () => {
    const jumbo = hostWithRole(l, "jumbo");
    // The title says "uses 9000"; a user types the host's name in capitals, or "USES".
    for (const q of [`FD-${jumbo.name.toUpperCase()}`, "USES 9000"]) {
      const found = await collectionFindings({ status: "open", kind: "mtu-mismatch", q });
      expect(found.map((f) => f.title).join("\n")).toContain(`${jumbo.name} eth0 uses 9000`);
    }
    expect(await collectionFindings({ status: "open", kind: "mtu-mismatch", q: "no such text anywhere" })).toEqual([]);
  });

  test("a host with a secondary IP on one NIC is at most info", async () => {
    const h = hostWithRole(l, "secondary-ip");
    const mine = await collectionFindings({ status: "open", hostId: idOf(h) });
    expect(mine.map((f) => [f.kind, f.severity])).toContainEqual(["duplicate-mac", "info"]);
    expect(mine.filter((f) => f.severity !== "info").map((f) => f.title)).toEqual([]);
  });

  test("clean hosts have no warning or critical finding at all", async () => {
    const clean = l.hosts.filter((h) => h.roles.length === 0);
    expect(clean.length).toBeGreaterThan(0);
    for (const h of clean) {
      const bad = (await collectionFindings({ status: ["open", "acknowledged", "muted"], hostId: idOf(h) })).filter((f) => f.severity !== "info");
      expect(bad.map((f) => f.title), h.name).toEqual([]);
    }
  });

  test("acknowledged and muted findings keep their status across the next evaluation", async () => {
    const jumbo = hostWithRole(l, "jumbo");
    const owner = hostWithRole(l, "dupmac-owner");
    const [mtu] = await collectionFindings({ status: "open", kind: "mtu-mismatch", hostId: idOf(jumbo) });
    const [dup] = await collectionFindings({ status: "open", kind: "duplicate-mac", severity: "critical", hostId: idOf(owner) });
    await setFindingStatus(mtu!.id, { status: "acknowledged", reason: "jumbo host is being reconfigured" });
    await setFindingStatus(dup!.id, { status: "muted" });
    expect((await collectionFindings({ status: "open" })).map((f) => f.id)).not.toContain(mtu!.id);

    await collectAll();
    await findingsSettled();
    const [a, m] = [await getFinding(mtu!.id), await getFinding(dup!.id)];
    expect(a).toMatchObject({ status: "acknowledged", statusReason: "jumbo host is being reconfigured" });
    expect(Date.parse(a.lastSeenAt)).toBeGreaterThan(Date.parse(mtu!.lastSeenAt));
    expect(m.status).toBe("muted");
    await setFindingStatus(mtu!.id, { status: "open" });
    await setFindingStatus(dup!.id, { status: "open" });
  });
});

describe("neighbor history on a lab host", () => {
  const ghost = () => `10.${l.octet}.1.250`;
  afterAll(() => {
    const h = l.hosts.find((x) => x.roles.length === 0);
    if (h) lab("exec", h.name, "--", "ip", "neigh", "del", ghost(), "dev", "eth0");
  });

  test("an entry that appears, changes and changes back is history, then a flip-flop IP conflict", async () => {
    const h = l.hosts.find((x) => x.roles.length === 0)!;
    const set = (mac: string) => lab("exec", h.name, "--", "ip", "neigh", "replace", ghost(), "lladdr", mac, "dev", "eth0", "nud", "permanent");
    set("02:00:5e:aa:00:01");
    await collectHost(idOf(h));
    set("02:00:5e:aa:00:02");
    await collectHost(idOf(h));
    const events = (await listNeighborEvents(idOf(h), 10)).filter((e) => e.ip === ghost());
    expect(events.map((e) => [e.kind, e.mac, e.previousMac])).toEqual([
      ["changed", "02:00:5e:aa:00:02", "02:00:5e:aa:00:01"],
      ["appeared", "02:00:5e:aa:00:01", null],
    ]);
    // One change that sticks is not a finding...
    expect(await collectionFindings({ status: "open", kind: "ip-conflict" })).toEqual([]);
    // ...going back to the earlier MAC is arpwatch's "flip flop".
    set("02:00:5e:aa:00:01");
    await collectHost(idOf(h));
    const [f] = await collectionFindings({ status: "open", kind: "ip-conflict" });
    expect(f).toMatchObject({ severity: "critical", subject: { id: ghost() } });
    expect(f!.hostIds).toContain(idOf(h));
    expect(f!.evidence.filter((r) => r.source === "neighbor history")).toHaveLength(2);
  });
});

describe("deleting hosts", () => {
  test("a finding about deleted hosts only is resolved with the last of them; one that still concerns a host stays", async () => {
    const privateKey = labKey(l);
    const [a, b, c] = await Promise.all(
      ["del-a", "del-b", "del-c"].map((name, i) => createHost({ name, address: l.hosts[i]!.address, port: 2222, username: "root", platform: "linux", privateKey })),
    );
    const at = new Date();
    const verdict = (key: string, hostIds: number[]): DetectedFinding => ({
      kind: "iperf-asymmetry",
      severity: "warning",
      key,
      hostIds,
      subject: { type: "pair", id: key, label: key },
      title: key,
      explanation: "e",
      fix: "f",
      evidence: [],
    });
    await syncFindings("test:delete", [verdict("pair-ab", [a!.id, b!.id]), verdict("pair-bc", [b!.id, c!.id])], at);
    const status = async (key: string) => (await listFindings({ scope: "test:delete", status: ["open", "resolved"] })).find((f) => f.key === key)?.status;
    await deleteHost(a!.id);
    expect(await status("pair-ab")).toBe("open");
    await deleteHost(b!.id);
    expect(await status("pair-ab")).toBe("resolved");
    expect(await status("pair-bc")).toBe("open");
    await deleteHost(c!.id);
    expect(await status("pair-bc")).toBe("resolved");
  });
});

describe("storing findings per scope", () => {
  const scope = "test:lifecycle";
  const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));
  const finding = (over: Partial<DetectedFinding> = {}): DetectedFinding => ({
    kind: "link-errors",
    severity: "warning",
    key: "link-errors:test",
    hostIds: [],
    subject: { type: "interface", id: "test", label: "test eth0" },
    title: "test",
    explanation: "e",
    fix: "f",
    evidence: [{ hostId: null, hostName: "x", at: t(0).toISOString(), source: "interface", fields: { interface: "eth0", rxErrors: 10 } }],
    ...over,
  });
  const stored = async () => (await listFindings({ scope, status: ["open", "acknowledged", "muted", "resolved"] }))[0]!;

  test("open, seen again, resolved, back again (same row), muted until the evidence changes", async () => {
    expect(await syncFindings(scope, [finding()], t(0))).toMatchObject({ opened: 1 });
    expect(await stored()).toMatchObject({ status: "open", firstSeenAt: t(0).toISOString(), occurrences: 1 });

    // Counters and times changed: same evidence as far as muting is concerned.
    await syncFindings(scope, [finding({ evidence: [{ ...finding().evidence[0]!, at: t(5).toISOString(), fields: { interface: "eth0", rxErrors: 99 } }] })], t(5));
    const first = await stored();
    expect(first).toMatchObject({ status: "open", lastSeenAt: t(5).toISOString() });
    expect(first.evidence[0]?.fields.rxErrors).toBe(99);

    // Another scope's sync never resolves it.
    await syncFindings("test:other", [], t(6));
    expect((await stored()).status).toBe("open");

    await syncFindings(scope, [], t(10));
    expect(await stored()).toMatchObject({ id: first.id, status: "resolved", resolvedAt: t(10).toISOString() });
    await expect(setFindingStatus(first.id, { status: "muted" })).rejects.toThrow(/resolved/);

    await syncFindings(scope, [finding()], t(15));
    expect(await stored()).toMatchObject({ id: first.id, status: "open", firstSeenAt: t(0).toISOString(), openedAt: t(15).toISOString(), occurrences: 2, resolvedAt: null });

    await setFindingStatus(first.id, { status: "muted", reason: "known" });
    await syncFindings(scope, [finding()], t(20));
    expect(await stored()).toMatchObject({ status: "muted", statusReason: "known" });
    // Gone and back with the same evidence: still muted.
    await syncFindings(scope, [], t(25));
    await syncFindings(scope, [finding()], t(30));
    expect((await stored()).status).toBe("muted");
    // Another interface involved: the evidence changed, so it reopens.
    await syncFindings(scope, [finding({ evidence: [...finding().evidence, { ...finding().evidence[0]!, fields: { interface: "eth1" } }] })], t(35));
    expect((await stored()).status).toBe("open");

    await setFindingStatus(first.id, { status: "acknowledged" });
    await syncFindings(scope, [finding({ severity: "critical" })], t(40));
    expect(await stored()).toMatchObject({ status: "acknowledged", severity: "critical" });
  });
});
