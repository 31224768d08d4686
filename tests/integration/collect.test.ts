import { beforeAll, describe, expect, test } from "vitest";
import { collectAll, collectHost } from "@/lib/jobs/collect";
import { createHost, getHost } from "@/lib/queries/hosts";
import { getLatestSnapshot } from "@/lib/queries/runs";
import { hostWithRole, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

let l: Lab;
const ids = new Map<string, number>();
const idOf = (h: LabHost) => {
  const id = ids.get(h.name);
  if (id === undefined) throw new Error(`${h.name} was not registered`);
  return id;
};

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  for (const h of l.hosts) {
    const created = await createHost({
      name: h.name,
      address: h.address,
      port: h.port,
      username: h.username,
      platform: "auto",
      privateKey,
    });
    ids.set(h.name, created.id);
  }
});

describe("collecting the lab over real SSH", () => {
  test("every lab host is collected and its real NICs, MTUs and addresses are stored", async () => {
    const runs = await collectAll();
    const ours = new Set(ids.values());
    // Other test files may have registered hosts of their own in this database.
    expect(runs.filter((r) => ours.has(r.hostId)).map((r) => [r.hostId, r.status, r.error])).toEqual(
      l.hosts.map((h) => [idOf(h), "ok", null]),
    );

    for (const h of l.hosts) {
      const host = await getHost(idOf(h));
      expect(host.detectedPlatform).toBe("linux");
      expect(host.effectivePlatform).toBe("linux");
      expect(host.hostname).toBe(h.hostname);
      expect(host.kernel).toMatch(/^Linux \S+ \S+$/);
      // Trust on first use: the key the lab generated is the one now pinned.
      expect(host.hostKeyFingerprint).toBe(h.hostKeyFingerprint);
      expect(host.hostKeyState).toBe("pinned");

      const snap = await getLatestSnapshot(idOf(h));
      expect(snap).not.toBeNull();
      for (const nic of h.interfaces) {
        const got = snap!.interfaces.find((i) => i.name === nic.name);
        expect(got, `${h.name} ${nic.name}`).toBeDefined();
        expect(got).toMatchObject({ mac: nic.mac, mtu: nic.mtu, state: "up" });
        expect(got!.addresses).toEqual(expect.arrayContaining(nic.addresses));
        expect(got!.rxBytes).toBeGreaterThan(0);
        expect(got!.speedMbps).toBeGreaterThan(0);
      }
      // Every host pinged the others on its segment, so its neighbor table lists them.
      const peers = l.hosts.filter((o) => o !== h).map((o) => o.address);
      const seen = snap!.neighbors.map((n) => n.ip);
      expect(seen).toEqual(expect.arrayContaining(peers));
    }
  });

  test("the shared MAC answers for both of its IPs in the two-segment host's neighbor table", async () => {
    const owner = hostWithRole(l, "dupmac-owner");
    const observer = hostWithRole(l, "dupmac-observer");
    const [first, second] = owner.interfaces;
    expect(first!.mac).toBe(second!.mac);
    const snap = await getLatestSnapshot(idOf(observer));
    const rows = snap!.neighbors.filter((n) => n.mac === first!.mac);
    const ips = rows.map((n) => n.ip).sort();
    const expected = [...first!.addresses, ...second!.addresses].map((a) => a.split("/")[0]!).sort();
    expect(ips).toEqual(expected);
    // ...on two different interfaces of the observer, i.e. two segments.
    expect(new Set(rows.map((n) => n.interface)).size).toBe(2);
  });

  test("the jumbo-frame host's MTU 9000 is recorded next to 1500 on its segment", async () => {
    const jumbo = hostWithRole(l, "jumbo");
    const snap = await getLatestSnapshot(idOf(jumbo));
    expect(snap!.interfaces.find((i) => i.name === "eth0")?.mtu).toBe(9000);
    const other = l.hosts.find((h) => h.roles.length === 0)!;
    const otherSnap = await getLatestSnapshot(idOf(other));
    expect(otherSnap!.interfaces.find((i) => i.name === "eth0")?.mtu).toBe(1500);
  });

  test("RX/TX rates are computed from the previous snapshot", async () => {
    const h = l.hosts[0]!;
    await collectHost(idOf(h));
    const snap = await getLatestSnapshot(idOf(h));
    expect(snap!.rateWindowSec).toBeGreaterThan(0);
    const eth0 = snap!.interfaces.find((i) => i.name === "eth0")!;
    // The SSH session itself crossed eth0 between the two collections.
    expect(eth0.rxBitsPerSecond).toBeGreaterThan(0);
    expect(eth0.txBitsPerSecond).toBeGreaterThan(0);
  });
});
