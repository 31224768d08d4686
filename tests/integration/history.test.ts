import { beforeAll, describe, expect, test } from "vitest";
import { collectHost } from "@/lib/jobs/collect";
import { runHousekeeping } from "@/lib/jobs/housekeeping";
import { createHost } from "@/lib/queries/hosts";
import { deleteRunsBefore } from "@/lib/queries/housekeeping";
import { getLatestSnapshot } from "@/lib/queries/runs";
import { countHostHistory, getInterfaceTraffic } from "@/lib/queries/traffic";
import { lab, labKey, readLab, startWithNoHosts, type LabHost } from "./lab";

// A year of five-minute collections must grow with what changes, not with time: on the real
// lab, an unchanged host adds counter samples and no tables; an MTU change is a new snapshot,
// an event and a flag on that NIC's chart; rollups and retention keep what pages read.

let h: LabHost;
let id: number;
const HOUR = 3_600_000;

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  h = l.hosts.find((x) => x.roles.length === 0)!;
  id = (await createHost({ name: h.name, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) })).id;
});

describe("history on the lab", () => {
  test("two collections of an unchanged host store one snapshot and two counter samples per NIC", async () => {
    const first = await collectHost(id);
    const second = await collectHost(id);
    expect([first.status, second.status]).toEqual(["ok", "ok"]);
    const counts = await countHostHistory(id);
    expect(counts.collections).toBe(2);
    expect(counts.snapshots).toBe(1);
    const nics = (await getLatestSnapshot(id))!.interfaces.filter((i) => i.rxBytes !== null).length;
    expect(counts.samples).toBe(2 * nics);
    // The page still shows the newest collection's counters and rates, not the stored snapshot's.
    const snap = (await getLatestSnapshot(id))!;
    expect(snap.takenAt).toBe(second.startedAt);
    const eth0 = snap.interfaces.find((i) => i.name === "eth0")!;
    expect(eth0.rxBitsPerSecond).toBeGreaterThan(0);
  });

  test("an MTU change is a new snapshot, a NIC event and a flag on that NIC's chart", async () => {
    lab("exec", h.name, "ip", "link", "set", "dev", "eth0", "mtu", "9000");
    try {
      await collectHost(id);
    } finally {
      lab("exec", h.name, "ip", "link", "set", "dev", "eth0", "mtu", "1500");
    }
    expect((await countHostHistory(id)).snapshots).toBe(2);
    expect((await getLatestSnapshot(id))!.interfaces.find((i) => i.name === "eth0")!.mtu).toBe(9000);
    const now = Date.now();
    const traffic = await getInterfaceTraffic(id, "eth0", new Date(now - 24 * HOUR), new Date(now + 60_000));
    expect(traffic.source).toBe("samples");
    expect(traffic.flags.map((f) => f.label)).toContain("eth0: MTU 1500 → 9000");
    expect(traffic.points.some((p) => (p.rx ?? 0) > 0 && (p.tx ?? 0) > 0)).toBe(true);
    // Back to 1500: a third snapshot and the flag of the way back.
    await collectHost(id);
    const after = await getInterfaceTraffic(id, "eth0", new Date(now - 24 * HOUR), new Date(Date.now() + 60_000));
    expect(after.flags.map((f) => f.label)).toEqual(expect.arrayContaining(["eth0: MTU 1500 → 9000", "eth0: MTU 9000 → 1500"]));
  });

  test("housekeeping rolls the hour up (twice gives the same), and the 30-day chart reads it", async () => {
    const later = new Date(Date.now() + 2 * HOUR);
    const once = await runHousekeeping(later);
    expect(once.hoursRolled).toBeGreaterThan(0);
    const month = await getInterfaceTraffic(id, "eth0", new Date(Date.now() - 30 * 24 * HOUR), later);
    expect(month.source).toBe("hour");
    expect(month.points.length).toBeGreaterThan(0);
    expect(month.points.length).toBeLessThanOrEqual(500);
    const again = await runHousekeeping(later);
    expect(again.hoursRolled).toBe(0);
    const same = await getInterfaceTraffic(id, "eth0", new Date(Date.now() - 30 * 24 * HOUR), later);
    expect(same.points).toEqual(month.points);
  });

  test("retention deletes old runs but never the snapshot and collections the host page reads", async () => {
    const before = (await getLatestSnapshot(id))!;
    await collectHost(id);
    await collectHost(id);
    const deleted = await deleteRunsBefore(Date.now() + 60_000);
    expect(deleted).toBeGreaterThan(0);
    const snap = (await getLatestSnapshot(id))!;
    expect(snap.interfaces.map((i) => [i.name, i.mtu])).toEqual(before.interfaces.map((i) => [i.name, i.mtu]));
    expect(snap.neighbors.length).toBe(before.neighbors.length);
    // The next collection still finds its previous samples: rates, not a gap.
    await collectHost(id);
    expect((await getLatestSnapshot(id))!.interfaces.find((i) => i.name === "eth0")!.rxBitsPerSecond).toBeGreaterThan(0);
  });
});
